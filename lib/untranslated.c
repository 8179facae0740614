/* untranslated.c - is (part of) a translation just the English source?
 *
 * Each target sentence (ICU sentence breaks) is compared with the source:
 *  - overlap: the share of its letter 4-grams (lowercased, words joined by
 *    one separator, names and numbers masked out) that occur in the source;
 *  - language: English function words that are not also target function
 *    words, against target function words (references/stopwords/), or for
 *    languages not written in Latin script, the share of Latin letters.
 * A sentence is untranslated when it largely repeats the source AND reads as
 * English; names and numbers alone never count, since they are masked. */
#include <math.h>
#include <stdio.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include "datafile.h"

/* Thresholds, from the WMT22 references (clean) and injected untranslated lines. */
#define MIN_WORDS    3    /* shorter sentences carry too little evidence */
#define MIN_OVERLAP  0.45 /* share of the sentence's 4-grams found in the source */
#define MIN_EN_SHARE 0.12 /* English-only function words per word */
#define MIN_LATIN    0.5  /* Latin letters, for non-Latin-script targets */
#define WHOLE_LINE   0.7  /* flagged sentences covering this share: the whole line */
#define NEAR_COPY    0.8  /* overlap at which function words are not needed (headlines) */
#define CJK_WEIGHT   3    /* a Han, kana or Hangul character weighs as much as 3 letters */

typedef struct wordset {
    char **w;
    size_t n, cap;
} wordset;

struct tqe_untranslated {
    char tgt[16];
    bool same_lang;
    bool tgt_latin; /* the target language is written in Latin script */
    bool have_tgt_words;
    wordset en, tl;
    UBreakIterator *brk;
    uint64_t *grams; /* source 4-gram hashes, sorted */
    size_t ngrams, capgrams;
    size_t *spans[2]; /* the masked spans of source and target, sorted and merged */
    size_t nspans[2], capspans[2];
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool wordset_has(const wordset *s, const char *w)
{
    return s->n && bsearch(&w, s->w, s->n, sizeof(*s->w), cmp_str) != NULL;
}

static void wordset_free(wordset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->w[i]);
    free(s->w);
    memset(s, 0, sizeof(*s));
}

/* Load references/stopwords/<lang>.txt (optional: *found false if absent). */
static int wordset_load(wordset *s, tqe_ctx *ctx, const char *data_dir, const char *lang,
                        bool *found)
{
    char name[64];
    snprintf(name, sizeof(name), "stopwords/%s.txt", lang);
    datafile df;
    int rc = datafile_open(&df, ctx, data_dir, name, true, found), more = 0;
    while (!rc && (more = datafile_next(&df)) == 1) {
        if (df.nfields != 1 || strchr(df.field[0], ' ')) {
            rc = datafile_error(&df, "expected one word per line");
            break;
        }
        if (tqe_grow((void **)&s->w, &s->cap, s->n + 1, sizeof(*s->w)) ||
            !(s->w[s->n] = tqe_strndup(df.field[0], strlen(df.field[0])))) {
            rc = tqe_oom(ctx);
            break;
        }
        s->n++;
    }
    datafile_close(&df);
    if (!rc && more < 0) rc = more;
    if (rc) return rc;
    /* no list for the language (Chinese, Japanese): nothing to sort */
    if (s->n) qsort(s->w, s->n, sizeof(*s->w), cmp_str);
    return TQE_OK;
}

/* Languages written in Latin script (so the language test uses function
 * words, not the script of the letters). */
static bool latin_language(const char *lang)
{
    static const char *const non_latin[] = {"ru", "uk", "be", "bg", "mk", "sr", "kk", "el", "zh",
                                            "ja", "ko", "ar", "fa", "he", "hi", "bn", "th", "ka",
                                            "hy", "ta", "te", "ur", "km", "my", "lo", "am"};
    for (size_t i = 0; i < TQE_ARRAY_LEN(non_latin); i++)
        if (!strcmp(lang, non_latin[i])) return false;
    return true;
}

int tqe_untranslated_new(tqe_untranslated **out, tqe_ctx *ctx, const char *src_lang,
                         const char *tgt_lang, const char *data_dir)
{
    *out = NULL;
    tqe_untranslated *u = calloc(1, sizeof(*u));
    if (!u) return tqe_oom(ctx);
    size_t n = strcspn(tgt_lang, "-_");
    snprintf(u->tgt, sizeof(u->tgt), "%.*s", (int)(n < 15 ? n : 15), tgt_lang);
    u->same_lang = strncmp(src_lang, u->tgt, strlen(u->tgt)) == 0;
    u->tgt_latin = latin_language(u->tgt);
    int rc = TQE_OK;
    bool found = false;
    if (data_dir) {
        rc = wordset_load(&u->en, ctx, data_dir, "en", &found);
        if (!rc) rc = wordset_load(&u->tl, ctx, data_dir, u->tgt, &u->have_tgt_words);
    }
    UErrorCode st = U_ZERO_ERROR;
    if (!rc) {
        u->brk = ubrk_open(UBRK_SENTENCE, u->tgt, NULL, 0, &st);
        if (U_FAILURE(st))
            rc = tqe_err(ctx, TQE_EICU, "cannot open ICU sentence breaks for '%s': %s", u->tgt,
                         u_errorName(st));
    }
    if (rc) {
        tqe_untranslated_free(u);
        return rc;
    }
    *out = u;
    return TQE_OK;
}

void tqe_untranslated_free(tqe_untranslated *u)
{
    if (!u) return;
    wordset_free(&u->en);
    wordset_free(&u->tl);
    if (u->brk) ubrk_close(u->brk);
    free(u->grams);
    free(u->spans[0]);
    free(u->spans[1]);
    free(u);
}

/* ---- features of a stretch of text ---- */

typedef struct feats {
    size_t words, en_only, tgt_only;
    size_t letters, latin;
    size_t grams, hits;
} feats;

typedef struct walker {
    const tqe_untranslated *u;
    const size_t *skip; /* masked [start, end) byte spans, pairs */
    size_t nskip;
    uint32_t ring[4];
    size_t nring;
    bool sep; /* a word boundary is pending */
    char word[64];
    size_t wlen;
    bool wlong;
    feats f;
    /* collect grams (source) or look them up (target) */
    uint64_t **collect;
    size_t *ncollect, *capcollect;
    const uint64_t *lookup;
    size_t nlookup;
    bool oom;
} walker;

/* Spans are sorted and disjoint (merge_spans): a binary search, since
 * every letter is looked up and a long line has thousands of spans. */
static bool masked(const walker *w, size_t pos)
{
    size_t lo = 0, hi = w->nskip; /* the first span starting after pos */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->skip[2 * mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && pos < w->skip[2 * (lo - 1) + 1];
}

static int cmp_span(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Copy the [start, end) pairs of skip into *dst, sorted and merged. */
static int merge_spans(size_t **dst, size_t *n, size_t *cap, const size_t *skip, size_t nskip)
{
    *n = 0;
    if (!nskip) return TQE_OK;
    if (tqe_grow((void **)dst, cap, 2 * nskip, sizeof(size_t))) return TQE_ENOMEM;
    size_t *v = *dst;
    memcpy(v, skip, 2 * nskip * sizeof(size_t));
    qsort(v, nskip, 2 * sizeof(size_t), cmp_span);
    size_t k = 0;
    for (size_t i = 0; i < nskip; i++) {
        if (v[2 * i] >= v[2 * i + 1]) continue; /* empty */
        if (k && v[2 * i] <= v[2 * k - 1]) {
            v[2 * k - 1] = TQE_MAX(v[2 * k - 1], v[2 * i + 1]);
        } else {
            v[2 * k] = v[2 * i];
            v[2 * k + 1] = v[2 * i + 1];
            k++;
        }
    }
    *n = k;
    return TQE_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void end_word(walker *w)
{
    if (w->wlen && !w->wlong) {
        w->word[w->wlen] = '\0';
        bool en = wordset_has(&w->u->en, w->word), tl = wordset_has(&w->u->tl, w->word);
        w->f.en_only += en && !tl;
        w->f.tgt_only += tl && !en;
    }
    if (w->wlen) w->f.words++;
    w->wlen = 0;
    w->wlong = false;
    if (w->nring) w->sep = true;
}

static void push_gram(walker *w, uint32_t c)
{
    if (w->nring == 4)
        memmove(w->ring, w->ring + 1, 3 * sizeof(*w->ring));
    else
        w->nring++;
    w->ring[w->nring - 1] = c;
    if (w->nring < 4) return;
    uint64_t h = ((uint64_t)w->ring[0] << 42 ^ (uint64_t)w->ring[1] << 21 ^ w->ring[2]) *
                     0x9E3779B97F4A7C15ULL ^
                 w->ring[3] * 0xC2B2AE3D27D4EB4FULL;
    w->f.grams++;
    if (w->collect) {
        if (tqe_grow((void **)w->collect, w->capcollect, *w->ncollect + 1, sizeof(uint64_t))) {
            w->oom = true;
            return;
        }
        (*w->collect)[(*w->ncollect)++] = h;
    } else if (w->nlookup && bsearch(&h, w->lookup, w->nlookup, sizeof(h), cmp_u64)) {
        w->f.hits++;
    }
}

/* Walk text[b..e): letters (lowercased) make words and 4-grams; anything
 * else, and masked spans, separate words. */
static void walk(walker *w, const char *text, size_t b, size_t e)
{
    for (size_t i = b; i < e;) {
        size_t start = i;
        uint32_t c = tqe_u8_next(text, &i);
        if (!u_isalpha((UChar32)c) || masked(w, start)) {
            end_word(w);
            continue;
        }
        uint32_t l = (uint32_t)u_tolower((UChar32)c);
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript((UChar32)c, &st);
        bool cjk = sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
                   sc == USCRIPT_HANGUL;
        w->f.letters += cjk ? CJK_WEIGHT : 1;
        w->f.latin += sc == USCRIPT_LATIN;
        if (w->sep) push_gram(w, ' ');
        w->sep = false;
        push_gram(w, l);
        if (w->wlen + 4 < sizeof(w->word))
            w->wlen += tqe_u8_put(w->word + w->wlen, l);
        else
            w->wlong = true;
    }
    end_word(w);
}

/* The language test of one sentence. */
static bool reads_as_source(const tqe_untranslated *u, const feats *f)
{
    if (f->words < MIN_WORDS || f->grams == 0) return false;
    if ((double)f->hits / (double)f->grams < MIN_OVERLAP) return false;
    if (!u->tgt_latin) return f->letters && (double)f->latin / (double)f->letters >= MIN_LATIN;
    double en = (double)f->en_only / (double)f->words;
    if ((double)f->hits / (double)f->grams >= NEAR_COPY && f->tgt_only == 0) return true;
    return en >= MIN_EN_SHARE && f->en_only > 2 * f->tgt_only;
}

static void walker_init(walker *w, const tqe_untranslated *u, const size_t *skip, size_t nskip)
{
    memset(w, 0, sizeof(*w));
    w->u = u;
    w->skip = skip;
    w->nskip = nskip;
}

/* Sorted, unique 4-gram hashes of text[b..e) into *v. */
static int collect_grams(const tqe_untranslated *u, const char *text, size_t b, size_t e,
                         const size_t *skip, size_t nskip, uint64_t **v, size_t *n, size_t *cap)
{
    walker w;
    walker_init(&w, u, skip, nskip);
    *n = 0;
    w.collect = v, w.ncollect = n, w.capcollect = cap;
    walk(&w, text, b, e);
    if (w.oom) return TQE_ENOMEM;
    if (*n) qsort(*v, *n, sizeof(**v), cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (k == 0 || (*v)[i] != (*v)[k - 1]) (*v)[k++] = (*v)[i];
    *n = k;
    return TQE_OK;
}

static int set_text(tqe_untranslated *u, tqe_ctx *ctx, UText **ut, const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    *ut = utext_openUTF8(*ut, s, (int64_t)len, &st);
    if (U_SUCCESS(st)) ubrk_setUText(u->brk, *ut, &st);
    if (U_FAILURE(st))
        return tqe_err(ctx, TQE_EICU, "ICU sentence breaks failed: %s", u_errorName(st));
    return TQE_OK;
}

/* The source sentence that shares most 4-grams with tgt[b..e), as [*sb, *se). */
static int best_source_sentence(tqe_untranslated *u, tqe_ctx *ctx, const char *src, size_t slen,
                                const size_t *skip, size_t nskip, const uint64_t *tg, size_t ntg,
                                size_t *sb, size_t *se)
{
    UText *ut = NULL;
    uint64_t *v = NULL;
    size_t n = 0, cap = 0, best = 0;
    *sb = 0, *se = slen;
    int rc = set_text(u, ctx, &ut, src, slen);
    for (int32_t b = ubrk_first(u->brk), e; !rc && (e = ubrk_next(u->brk)) != UBRK_DONE; b = e) {
        if ((rc = collect_grams(u, src, (size_t)b, (size_t)e, skip, nskip, &v, &n, &cap))) {
            rc = tqe_oom(ctx);
            break;
        }
        size_t hits = 0;
        for (size_t i = 0; i < ntg; i++) hits += n && bsearch(&tg[i], v, n, sizeof(*v), cmp_u64);
        if (hits > best) best = hits, *sb = (size_t)b, *se = (size_t)e;
    }
    free(v);
    utext_close(ut);
    return rc;
}

static size_t trim_end(const char *s, size_t b, size_t e)
{
    return b + tqe_utf8_rstrip_len(s + b, e - b);
}

static int report(tqe_untranslated *u, tqe_ctx *ctx, tqe_issue_list *out, const char *src,
                  size_t slen, const size_t *sskip, size_t nsskip, const char *tgt, size_t b,
                  size_t e, const feats *f, bool whole)
{
    e = trim_end(tgt, b, e);
    size_t sb = 0, se = slen;
    if (!whole) {
        uint64_t *tg = NULL;
        size_t ntg = 0, cap = 0;
        int rc = collect_grams(u, tgt, b, e, NULL, 0, &tg, &ntg, &cap);
        if (!rc) rc = best_source_sentence(u, ctx, src, slen, sskip, nsskip, tg, ntg, &sb, &se);
        free(tg);
        if (rc) return rc == TQE_ENOMEM ? tqe_oom(ctx) : rc;
        se = trim_end(src, sb, se);
    }
    char detail[256];
    snprintf(detail, sizeof(detail), "%s: %.0f%% of its letter 4-grams repeat the source%s",
             whole ? "the translation is largely the untranslated source text"
                   : "a sentence was left untranslated",
             100.0 * (double)f->hits / (double)(f->grams ? f->grams : 1),
             u->tgt_latin ? ", and it reads as English" : ", in Latin script");
    char *s_quote = tqe_strndup(src + sb, se - sb), *t_quote = tqe_strndup(tgt + b, e - b);
    int rc = (!s_quote || !t_quote) ? TQE_ENOMEM
                                    : tqe_issue_list_add(out, TQE_ISSUE_UNTRANSLATED, sb, se, b, e,
                                                         s_quote, t_quote, detail);
    free(s_quote);
    free(t_quote);
    return rc ? tqe_oom(ctx) : TQE_OK;
}

int tqe_untranslated_check(tqe_issue_list *out, tqe_ctx *ctx, tqe_untranslated *u, const char *src,
                           size_t slen, const size_t *src_skip, size_t n_src_skip, const char *tgt,
                           size_t tlen, const size_t *tgt_skip, size_t n_tgt_skip, double *share)
{
    if (share) *share = 0;
    if (u->same_lang || tlen == 0 || slen == 0) return 0;
    if (merge_spans(&u->spans[0], &u->nspans[0], &u->capspans[0], src_skip, n_src_skip) ||
        merge_spans(&u->spans[1], &u->nspans[1], &u->capspans[1], tgt_skip, n_tgt_skip))
        return tqe_oom(ctx);
    src_skip = u->spans[0], n_src_skip = u->nspans[0];
    tgt_skip = u->spans[1], n_tgt_skip = u->nspans[1];
    int rc =
        collect_grams(u, src, 0, slen, src_skip, n_src_skip, &u->grams, &u->ngrams, &u->capgrams);
    if (rc) return tqe_oom(ctx);
    UText *ut = NULL;
    if ((rc = set_text(u, ctx, &ut, tgt, tlen))) return rc;
    /* Runs of consecutive flagged sentences, with their 4-gram counts. */
    struct run {
        size_t b, e;
        feats f;
    } runs[64];
    size_t nruns = 0, flagged = 0, letters = 0;
    feats total = {0};
    bool in_run = false;
    for (int32_t b = ubrk_first(u->brk), e; (e = ubrk_next(u->brk)) != UBRK_DONE; b = e) {
        walker w;
        walker_init(&w, u, tgt_skip, n_tgt_skip);
        w.lookup = u->grams, w.nlookup = u->ngrams;
        walk(&w, tgt, (size_t)b, (size_t)e);
        letters += w.f.letters;
        bool hit = reads_as_source(u, &w.f);
        if (hit) {
            flagged += w.f.letters;
            total.hits += w.f.hits, total.grams += w.f.grams;
            if (!in_run && nruns < 64) runs[nruns++] = (struct run){(size_t)b, (size_t)e, {0}};
            if (nruns) {
                runs[nruns - 1].e = (size_t)e;
                runs[nruns - 1].f.hits += w.f.hits;
                runs[nruns - 1].f.grams += w.f.grams;
            }
        }
        in_run = hit;
    }
    utext_close(ut);
    if (!nruns) return 0;
    double frac = letters ? (double)flagged / (double)letters : 0;
    if (share) *share = frac;
    if (frac >= WHOLE_LINE) {
        rc = report(u, ctx, out, src, slen, NULL, 0, tgt, 0, tlen, &total, true);
        return rc ? rc : 1;
    }
    for (size_t k = 0; k < nruns; k++)
        if ((rc = report(u, ctx, out, src, slen, src_skip, n_src_skip, tgt, runs[k].b, runs[k].e,
                         &runs[k].f, false)))
            return rc;
    return (int)nruns;
}
