/* defects_eval.c - how well `tqe check` finds defects injected into WMT22 human
 * references, and how often it flags the references themselves.
 *
 * usage: defects_eval WMT22_DIR OUT_DIR [--no-gate] [--consistent-names]
 *
 * For each English-source pair (en-de, en-ru, en-zh, en-ja, en-cs, en-uk,
 * en-hr; reference A, en-cs B), lines of the human reference are left clean or
 * get one defect, chosen with a seeded generator (the same set every run):
 *   number_altered  a number that the source and the reference both write in
 *                   digits (once each) changes: a year by one, or one digit,
 *                   or ten times the value ("50" -> "500");
 *   number_missing  such a number is cut, with a currency sign before it and
 *                   a percent sign, unit or scale word after it;
 *   number_extra    a number the source does not have is inserted at a word
 *                   boundary: a count, a percentage or a year;
 *   entity_missing  a name tqe_entities_extract() finds in the source, kept
 *                   verbatim (once, and none of its words elsewhere) in the
 *                   reference, is cut;
 *   entity_altered  one letter of such a name, not the first, is substituted,
 *                   deleted, inserted or swapped with the next, in a word of
 *                   the name that is not an ordinary English word;
 *   untranslated    the line is replaced by its English source;
 *   omission        the second half is cut at a word boundary (characters in
 *                   Chinese and Japanese), for sources of 60+ characters.
 * The checker runs on every line (with the whole source as document context,
 * as `tqe check` does). Recall: the expected issue type is reported and points
 * at the injected span; "family": some issue of the same family does.
 * Precision of a type: of the issues of that type on injected lines, the
 * share that are the injected defect. The unmodified references are checked
 * too: the share of their lines with any flag is the clean flag rate.
 *
 * Written to OUT_DIR for inspection: PAIR.src.en and PAIR.tgt.LANG (the
 * injected set, line-aligned: `tqe check` runs on them), PAIR.key.tsv (line,
 * defect, spans, what changed, what was found), PAIR.clean.tsv (every flag on
 * the unmodified reference) and PAIR.clean_sample.txt (50 flagged reference
 * lines, seeded, with source, reference and flags, for reading).
 *
 * Exits 1 when a recall target is missed (see `gates`; --no-gate reports
 * only), 2 on errors, 77 when WMT22_DIR is absent. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tqe.h"

#define SEED         20221207u
#define QUOTA        150 /* injected lines per defect type and pair, at most */
#define CLEAN_SHARE  4   /* one line in CLEAN_SHARE is left clean before any quota is met */
#define SAMPLE       50  /* flagged clean lines written out for reading */
#define MAX_RUNS     64
#define OMISSION_MIN 60 /* code points of the source */

/* ---- random numbers: splitmix64, one state per pair ---------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t rng_below(rng *r, size_t n)
{
    return n ? (size_t)(rng_next(r) % n) : 0;
}

/* ---- lines --------------------------------------------------------------- */

typedef struct lines {
    char **v;
    size_t *len;
    size_t n, cap;
} lines;

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    free(l->len);
    memset(l, 0, sizeof(*l));
}

static int lines_read(lines *l, tqe_ctx *ctx, const char *path)
{
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    const char *s;
    size_t len;
    while (!rc && (rc = tqe_reader_next(rd, &s, &len)) == 1) {
        if (l->n == l->cap) {
            l->cap = l->cap ? 2 * l->cap : 2048;
            char **v = realloc(l->v, l->cap * sizeof(*v));
            size_t *ln = v ? realloc(l->len, l->cap * sizeof(*ln)) : NULL;
            if (v) l->v = v;
            if (ln) l->len = ln;
            if (!v || !ln) return TQE_ENOMEM;
        }
        if (!(l->v[l->n] = malloc(len + 1))) return TQE_ENOMEM;
        memcpy(l->v[l->n], s, len + 1);
        l->len[l->n++] = len;
        rc = 0;
    }
    tqe_reader_free(rd);
    return rc < 0 ? rc : 0;
}

/* ---- UTF-8 and character classes (the texts were validated when read) ---- */

static uint32_t decode(const char *s, size_t len, size_t i, size_t *next)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + n > len) n = 1;
    if (n > 1) c &= 0x7Fu >> n;
    for (size_t k = 1; k < n; k++) c = (c << 6) | (u[i + k] & 0x3Fu);
    *next = i + n;
    return c;
}

/* The code point at i (0 at the end of the text). */
static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    size_t next;
    return i < len ? decode(s, len, i, &next) : 0;
}

/* Where the code point that ends at i starts. */
static size_t prev_start(const char *s, size_t i)
{
    do i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The code point before i (0 at the start of the text). */
static uint32_t cp_before(const char *s, size_t len, size_t i)
{
    return i ? cp_at(s, len, prev_start(s, i)) : 0;
}

static int digit_value(uint32_t c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10); /* full-width, in Japanese */
    return -1;
}

/* Letters of alphabets (Latin, Greek, Cyrillic): a number glued to one is
 * part of a word or code. Han and kana are not: "2019年" is a number. */
static bool is_letter(uint32_t c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}

static bool is_cjk(uint32_t c)
{
    return (c >= 0x3041 && c <= 0x30FA) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x3000;
}

static bool is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2014) || c == 0x2212;
}

static bool is_closing(uint32_t c)
{
    if (c && c < 0x80) return strchr(".,;:!?)]", (int)c) != NULL;
    return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF09 || c == 0x300D || c == 0x300F ||
           c == 0xFF01 || c == 0xFF1F;
}

/* Chinese and Japanese put no spaces between words. */
static bool unspaced(const char *lang)
{
    return !strcmp(lang, "zh") || !strcmp(lang, "ja");
}

/* ---- numbers written in digits ------------------------------------------- */

/* A run of digits with its group and decimal separators ("1,000", "3.5",
 * "1 000"); key: its digits only, so that "1,000" and "1.000" agree. */
typedef struct run {
    size_t start, end;
    char key[24];
    bool free;   /* stands alone: not glued to letters, not part of a code, range or time */
    bool usable; /* (source) a plain number: not glued to letters or part of a code */
    bool weak;   /* (source) inside a mention the extractor marks weak: an idiom or a name */
} run;

static bool left_free(const char *s, size_t len, size_t i)
{
    uint32_t c = cp_before(s, len, i);
    if (!c) return true;
    if (is_letter(c) || digit_value(c) >= 0 || (c < 0x80 && strchr("/:_#@\\.,&=", (int)c)))
        return false;
    if (is_dash(c)) {
        uint32_t d = cp_before(s, len, prev_start(s, i));
        return !(is_letter(d) || digit_value(d) >= 0);
    }
    return true;
}

static bool right_free(const char *s, size_t len, size_t i)
{
    size_t next;
    if (i >= len) return true;
    uint32_t c = decode(s, len, i, &next);
    if (is_letter(c) || (c < 0x80 && strchr("/:_#@&=", (int)c))) return false;
    if (is_dash(c)) {
        uint32_t d = cp_at(s, len, next);
        return !(is_letter(d) || digit_value(d) >= 0);
    }
    return true;
}

/* Does a separator at i continue the run (a digit follows; after a space,
 * exactly three)? *after is where the next digit starts. */
static bool separator_continues(const char *s, size_t len, size_t i, size_t group, size_t *after)
{
    size_t j;
    uint32_t c = decode(s, len, i, &j);
    bool mark = c == '.' || c == ',' || c == '\'';
    bool space = c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009;
    if (!(mark || space) || digit_value(cp_at(s, len, j)) < 0) return false;
    if (space) {
        size_t k = j, n = 0, nx;
        while (k < len && digit_value(decode(s, len, k, &nx)) >= 0) k = nx, n++;
        if (n != 3 || group > 3) return false;
    }
    *after = j;
    return true;
}

static size_t find_runs(const char *s, size_t len, run *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < cap;) {
        size_t next;
        if (digit_value(decode(s, len, i, &next)) < 0) {
            i = next;
            continue;
        }
        run *r = &out[n];
        r->weak = false;
        size_t k = 0, group = 0, j = i;
        r->start = i;
        for (;;) {
            int d = digit_value(decode(s, len, j, &next));
            if (d >= 0) {
                if (k + 1 < sizeof(r->key)) r->key[k++] = (char)('0' + d);
                group++;
                j = next;
                if (j < len) continue;
            }
            size_t after;
            if (j < len && separator_continues(s, len, j, group, &after)) {
                j = after;
                group = 0;
                continue;
            }
            break;
        }
        r->key[k] = '\0';
        r->end = j;
        r->free = left_free(s, len, i) && right_free(s, len, j);
        r->usable = left_free(s, len, i) && !is_letter(cp_at(s, len, j));
        n++;
        i = j;
    }
    return n;
}

static size_t key_count(const run *r, size_t n, const char *key)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += !strcmp(r[i].key, key);
    return c;
}

/* ---- the injected set ----------------------------------------------------- */

enum defect {
    D_CLEAN,
    D_NUM_ALTERED,
    D_NUM_MISSING,
    D_NUM_EXTRA,
    D_ENT_MISSING,
    D_ENT_ALTERED,
    D_UNTRANSLATED,
    D_OMISSION,
    D_COUNT
};

static const char *const defect_name[D_COUNT] = {
    "clean",          "number_altered", "number_missing", "number_extra",
    "entity_missing", "entity_altered", "untranslated",   "omission",
};

static const tqe_issue_type defect_issue[D_COUNT] = {
    TQE_ISSUE_TYPE_COUNT,   TQE_ISSUE_NUMBER_ALTERED, TQE_ISSUE_NUMBER_MISSING,
    TQE_ISSUE_NUMBER_EXTRA, TQE_ISSUE_ENTITY_MISSING, TQE_ISSUE_ENTITY_ALTERED,
    TQE_ISSUE_UNTRANSLATED, TQE_ISSUE_OMISSION,
};

/* One line of the set: its defect and where it is. */
typedef struct injection {
    enum defect d;
    size_t src_start, src_end; /* the number or name in the source (TQE_NO_SPAN: none) */
    size_t tgt_start, tgt_end; /* the changed text in the defective line (empty: a cut) */
    char *tgt;                 /* the defective line (NULL: the reference as is) */
    size_t tgt_len;
    int ent_kind; /* tqe_entity_kind of an entity defect, else -1 */
    char what[160];
} injection;

/* What one line offers for injection. */
typedef struct offer {
    const char *src, *ref, *lang;
    size_t sl, rl;
    run sr[MAX_RUNS], rr[MAX_RUNS];
    size_t nsr, nrr;
    const tqe_entity *ents; /* borrowed from the extractor */
    size_t nents;
} offer;

static char *splice(const char *s, size_t len, size_t a, size_t b, const char *ins, size_t il,
                    size_t *out_len)
{
    char *o = malloc(len - (b - a) + il + 1);
    if (!o) return NULL;
    memcpy(o, s, a);
    memcpy(o + a, ins, il);
    memcpy(o + a + il, s + b, len - b);
    *out_len = len - (b - a) + il;
    o[*out_len] = '\0';
    return o;
}

static bool src_has_key(const offer *f, const char *key)
{
    return key_count(f->sr, f->nsr, key) > 0;
}

/* Reference runs that may be altered or cut: the same digits occur once in
 * the reference and once, as a plain number, in the source. *si receives the
 * source run of each. Numbers of idioms and names ("24/7", "24 hours a day",
 * "No 10"), which the extractor marks weak, are not cut: a translation may
 * rightly say "rund um die Uhr" or "Downing Street". */
static size_t number_candidates(const offer *f, bool cut, size_t *cand, size_t *si)
{
    size_t n = 0;
    for (size_t r = 0; r < f->nrr; r++) {
        const run *x = &f->rr[r];
        if (!x->free || key_count(f->rr, f->nrr, x->key) != 1 ||
            key_count(f->sr, f->nsr, x->key) != 1)
            continue;
        for (size_t s = 0; s < f->nsr; s++)
            if (!strcmp(f->sr[s].key, x->key) && f->sr[s].usable && !(cut && f->sr[s].weak)) {
                cand[n] = r;
                si[n++] = s;
            }
    }
    return n;
}

/* Write digit d in the width of the run's digits (ASCII or full-width). */
static size_t put_digit(char *o, int d, bool wide)
{
    if (!wide) return o[0] = (char)('0' + d), 1;
    o[0] = (char)0xEF, o[1] = (char)0xBC, o[2] = (char)(0x90 + d);
    return 3;
}

/* The new digits of an altered run, into buf; false if no variant is new. */
static bool altered_digits(rng *g, const offer *f, const run *x, char *buf, size_t *bl, char *note,
                           size_t ncap)
{
    const char *s = f->ref;
    bool wide = (unsigned char)s[x->start] == 0xEF;
    size_t nd = strlen(x->key), w = wide ? 3 : 1;
    bool plain = x->end - x->start == nd * w;
    long v = strtol(x->key, NULL, 10);
    for (int attempt = 0; attempt < 8; attempt++) {
        char key[24];
        unsigned pick = (unsigned)rng_below(g, 4);
        snprintf(key, sizeof(key), "%s", x->key);
        if (plain && nd == 4 && v >= 1900 && v <= 2099 && pick != 0) /* a year off by one */
            snprintf(key, sizeof(key), "%ld", v + (rng_below(g, 2) ? 1 : -1));
        else if (plain && nd <= 3 && v >= 1 && pick == 1) /* a zero too many */
            snprintf(key, sizeof(key), "%ld0", v);
        else { /* one digit */
            size_t k = rng_below(g, nd);
            int d = (int)rng_below(g, 9), old = key[k] - '0';
            d += d >= old;
            if (k == 0 && nd > 1 && d == 0) continue;
            key[k] = (char)('0' + d);
        }
        if (!strcmp(key, x->key) || src_has_key(f, key)) continue;
        /* Rewrite the run's digits, keeping its separators. */
        size_t o = 0, kd = 0, klen = strlen(key);
        for (size_t i = x->start, next; i < x->end; i = next) {
            uint32_t c = decode(s, f->rl, i, &next);
            if (digit_value(c) >= 0) {
                if (kd < klen) o += put_digit(buf + o, key[kd++] - '0', wide);
            } else {
                memcpy(buf + o, s + i, next - i), o += next - i;
            }
        }
        while (kd < klen) o += put_digit(buf + o, key[kd++] - '0', wide);
        *bl = o;
        snprintf(note, ncap, "%.*s -> %.*s", (int)(x->end - x->start), s + x->start, (int)o, buf);
        return true;
    }
    return false;
}

static bool inject_altered(rng *g, const offer *f, injection *in)
{
    size_t cand[MAX_RUNS], si[MAX_RUNS], n = number_candidates(f, false, cand, si);
    if (!n) return false;
    size_t k = rng_below(g, n);
    const run *x = &f->rr[cand[k]];
    char buf[128];
    size_t bl;
    if (!altered_digits(g, f, x, buf, &bl, in->what, sizeof(in->what))) return false;
    in->tgt = splice(f->ref, f->rl, x->start, x->end, buf, bl, &in->tgt_len);
    in->src_start = f->sr[si[k]].start, in->src_end = f->sr[si[k]].end;
    in->tgt_start = x->start, in->tgt_end = x->start + bl;
    return true;
}

/* Units, scales and currencies that go with a number, per language; a
 * final '*' matches any ending ("Prozent*", "процент*"). */
static const char *const units_any[] = {"%", "km", "kg", "m", "cm", "mm", "mph", "°C", "°F", NULL};
static const struct {
    const char *lang;
    const char *words[40];
} units[] = {
    {"de", {"Prozent*",   "Million*",  "Milliarde*", "Mio.",     "Mrd.",     "Tausend",
            "Euro",       "Dollar",    "US-Dollar",  "Pfund",    "Jahr*",    "Tag*",
            "Stunde*",    "Minute*",   "Sekunde*",   "Woche*",   "Monat*",   "Meter*",
            "Kilometer*", "Kilogramm", "Grad",       "Menschen", "Personen", NULL}},
    {"ru",
     {"процент*", "млн",    "млрд",   "тыс",   "миллион*",  "миллиард*", "тысяч*",   "доллар*",
      "евро",     "рубл*",  "фунт*",  "лет",   "год*",      "час*",      "минут*",   "секунд*",
      "дн*",      "недел*", "месяц*", "метр*", "километр*", "градус*",   "человек*", NULL}},
    {"uk", {"відс*",     "млн",     "млрд",    "тис",    "мільйон*", "мільярд*", "тисяч*",
            "долар*",    "євро",    "гривень", "гривн*", "фунт*",    "рок*",     "років",
            "годин*",    "хвилин*", "секунд*", "дн*",    "тиж*",     "місяц*",   "метр*",
            "кілометр*", "градус*", "осіб",    "людей",  NULL}},
    {"cs", {"procent*", "milion*", "miliard*",  "tisíc*", "dolar*", "eur",     "eura", "liber",
            "korun*",   "let",     "rok*",      "hodin*", "minut*", "sekund*", "dn*",  "týdn*",
            "měsíc*",   "metr*",   "kilometr*", "stup*",  "lidí",   "osob*",   NULL}},
    {"hr", {"posto", "postot*",   "milijun*", "milijard*", "tisuć*", "dolar*", "eur*",    "kun*",
            "funt*", "godin*",    "minut*",   "sekund*",   "dan*",   "tjed*",  "mjesec*", "metar*",
            "metr*", "kilometr*", "stup*",    "ljudi",     "osob*",  NULL}},
};

static bool word_is(const char *w, size_t wl, const char *entry)
{
    size_t el = strlen(entry);
    if (el && entry[el - 1] == '*') return wl >= el - 1 && !memcmp(w, entry, el - 1);
    return wl == el && !memcmp(w, entry, el);
}

static bool unit_word(const char *lang, const char *w, size_t wl)
{
    for (size_t i = 0; units_any[i]; i++)
        if (word_is(w, wl, units_any[i])) return true;
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
        if (!strcmp(units[u].lang, lang))
            for (size_t i = 0; units[u].words[i]; i++)
                if (word_is(w, wl, units[u].words[i])) return true;
    return false;
}

/* Chinese and Japanese: scale characters, then a counter or unit. */
static const char *const cjk_units[] = {
    "美元", "欧元",   "英镑",   "人民币", "公里", "公斤", "小时", "个月", "周年", "年代",
    "ドル", "ユーロ", "ポンド", "キロ",   "時間", "か月", "カ月", "ヶ月", "年間", "週間",
    "日間", "分間",   "年",     "月",     "日",   "号",   "時",   "时",   "分",   "秒",
    "元",   "円",     "人",     "个",     "個",   "名",   "岁",   "歳",   "次",   "倍",
    "度",   "件",     "台",     "回",     "家",   "天",   "周",   "週",   "位",   "%",
    "％",   "点",     "张",     "枚",     "本",   "条",   "種",   "种",   NULL};

static size_t cjk_unit_end(const char *s, size_t len, size_t b)
{
    size_t j = b + (b < len && s[b] == ' '), scale = j, next; /* "1989 年" */
    for (uint32_t c; j < len && ((c = decode(s, len, j, &next)) == 0x4E07 || c == 0x4EBF ||
                                 c == 0x5104 || c == 0x5343 || c == 0x767E);)
        j = next; /* 万 亿 億 千 百 */
    for (size_t i = 0; cjk_units[i]; i++) {
        size_t ul = strlen(cjk_units[i]);
        if (j + ul <= len && !memcmp(s + j, cjk_units[i], ul)) return j + ul;
    }
    return j > scale ? j : b;
}

/* Where the words that go with a number ending at b end. */
static size_t unit_end(const char *lang, const char *s, size_t len, size_t b)
{
    if (unspaced(lang)) return cjk_unit_end(s, len, b);
    size_t j = b, next;
    if (j < len && is_space(decode(s, len, j, &next))) j = next;
    size_t w = j;
    while (j < len) {
        uint32_t c = decode(s, len, j, &next);
        if (!(is_letter(c) || c == '%' || c == 0xB0 || ((c == '.' || c == '-') && j > w))) break;
        j = next;
    }
    if (j > w && unit_word(lang, s + w, j - w)) return j;
    if (j > w && s[j - 1] == '.' && unit_word(lang, s + w, j - w - 1)) return j - 1;
    return b;
}

/* Widen a cut [*a, *b) so that no doubled or stray space is left. */
static void tidy_cut(const char *s, size_t len, size_t *a, size_t *b)
{
    uint32_t before = cp_before(s, len, *a), after = cp_at(s, len, *b);
    if (*a > 0 && is_space(before) && (!after || is_space(after) || is_closing(after)))
        *a = prev_start(s, *a);
    else if (*a == 0 && is_space(after))
        *b += after < 0x80 ? 1 : after < 0x800 ? 2 : 3;
}

static bool inject_missing(rng *g, const offer *f, injection *in)
{
    size_t cand[MAX_RUNS], si[MAX_RUNS], n = number_candidates(f, true, cand, si);
    if (!n) return false;
    size_t k = rng_below(g, n);
    const run *x = &f->rr[cand[k]];
    const char *s = f->ref;
    size_t a = x->start, b = unit_end(f->lang, s, f->rl, x->end);
    uint32_t c = cp_before(s, f->rl, a);
    if (c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20BD || c == 0x20B4 ||
        c == 0xFF04 || c == 0xFFE5)
        a = prev_start(s, a);
    if (a >= 2 && !memcmp(s + a - 2, "US", 2)) a -= 2;
    snprintf(in->what, sizeof(in->what), "cut '%.*s'", (int)(b - a), s + a);
    tidy_cut(s, f->rl, &a, &b);
    in->tgt = splice(s, f->rl, a, b, "", 0, &in->tgt_len);
    in->src_start = f->sr[si[k]].start, in->src_end = f->sr[si[k]].end;
    in->tgt_start = in->tgt_end = a;
    return true;
}

/* The text of an added number: a count, a percentage or a year, as the
 * language writes it. */
static bool extra_text(rng *g, const offer *f, char *out, size_t cap, size_t *digits)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        unsigned kind = (unsigned)rng_below(g, 3);
        long v = kind == 0   ? (rng_below(g, 4) ? 12 + (long)rng_below(g, 88)
                                                : 100 + (long)rng_below(g, 900))
                 : kind == 1 ? 5 + (long)rng_below(g, 91)
                             : 1950 + (long)rng_below(g, 81);
        char key[24];
        snprintf(key, sizeof(key), "%ld", v);
        if (src_has_key(f, key) || key_count(f->rr, f->nrr, key)) continue;
        bool cjk = unspaced(f->lang);
        const char *fmt = kind == 0   ? (cjk ? "%ld人" : "%ld")
                          : kind == 1 ? (cjk ? "%ld%%" : "%ld %%")
                                      : (cjk ? "%ld年" : "%ld");
        snprintf(out, cap, fmt, v);
        *digits = strlen(key);
        return true;
    }
    return false;
}

/* Positions where a number can go: before a word of letters (not the first)
 * whose neighbours have no digits; in Chinese and Japanese, between two Han
 * or kana characters. */
static size_t extra_positions(const offer *f, size_t *pos, size_t cap)
{
    const char *s = f->ref;
    size_t len = f->rl, n = 0;
    bool cjk = unspaced(f->lang);
    for (size_t i = 0, next; i < len && n < cap; i = next) {
        uint32_t c = decode(s, len, i, &next);
        if (!i) continue;
        uint32_t b = cp_before(s, len, i);
        if (cjk) {
            if (!is_cjk(b) || !is_cjk(c)) continue;
            if (i >= 3 && digit_value(cp_before(s, len, prev_start(s, i))) >= 0) continue;
            if (digit_value(cp_at(s, len, next)) >= 0) continue;
            pos[n++] = i;
            continue;
        }
        if (b != ' ' || !is_letter(c)) continue;
        /* neither this word nor the one before holds a digit */
        bool digits = false;
        size_t a = prev_start(s, i);
        while (a > 0 && s[a - 1] != ' ') a--;
        for (size_t j = a; j < len && (j < i || s[j] != ' '); j++)
            digits |= s[j] >= '0' && s[j] <= '9';
        if (!digits) pos[n++] = i;
    }
    return n;
}

static bool inject_extra(rng *g, const offer *f, injection *in)
{
    size_t pos[512], n = extra_positions(f, pos, 512), digits;
    char text[32];
    if (!n || !extra_text(g, f, text, sizeof(text) - 1, &digits)) return false;
    size_t p = pos[rng_below(g, n)], tl = strlen(text);
    if (!unspaced(f->lang)) text[tl++] = ' ';
    in->tgt = splice(f->ref, f->rl, p, p, text, tl, &in->tgt_len);
    in->tgt_start = p, in->tgt_end = p + digits;
    snprintf(in->what, sizeof(in->what), "added '%.*s'", (int)(unspaced(f->lang) ? tl : tl - 1),
             text);
    return true;
}

/* ---- names ----------------------------------------------------------------- */

static size_t count_bytes(const char *h, size_t hl, const char *n, size_t nl, bool fold,
                          size_t *first)
{
    size_t c = 0;
    for (size_t i = 0; nl && i + nl <= hl; i++) {
        size_t k = 0;
        for (; k < nl; k++) {
            char a = h[i + k], b = n[k];
            if (fold && a >= 'A' && a <= 'Z') a = (char)(a + 32);
            if (fold && b >= 'A' && b <= 'Z') b = (char)(b + 32);
            if (a != b) break;
        }
        if (k == nl && !c++ && first) *first = i;
    }
    return c;
}

static bool ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A name the reference keeps verbatim, once, and whose words (3+ letters)
 * it has nowhere else, so that cutting or misspelling it leaves no trace of
 * it; *at: where it is in the reference. */
static bool entity_ok(const offer *f, const tqe_entity *x, size_t *at)
{
    const char *et = f->src + x->start;
    size_t el = x->end - x->start;
    if ((x->flags & TQE_ENT_TRANSLATABLE) || el == 0) return false;
    if (count_bytes(f->src, f->sl, et, el, false, NULL) != 1 ||
        count_bytes(f->ref, f->rl, et, el, false, at) != 1)
        return false;
    if (is_letter(cp_before(f->ref, f->rl, *at)) || is_letter(cp_at(f->ref, f->rl, *at + el)))
        return false;
    for (size_t i = 0; i < el;) {
        size_t a = i;
        while (i < el && ascii_alnum(et[i])) i++;
        if (i - a >= 3 && count_bytes(f->ref, f->rl, et + a, i - a, true, NULL) !=
                              count_bytes(et, el, et + a, i - a, true, NULL))
            return false;
        if (i == a) i++;
    }
    return true;
}

static size_t entity_candidates(const offer *f, size_t *cand, size_t *at, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nents && n < cap; i++)
        if (entity_ok(f, &f->ents[i], &at[n])) cand[n++] = i;
    return n;
}

static bool inject_ent_missing(rng *g, const offer *f, injection *in)
{
    size_t cand[64], at[64], n = entity_candidates(f, cand, at, 64);
    if (!n) return false;
    size_t k = rng_below(g, n);
    const tqe_entity *x = &f->ents[cand[k]];
    size_t a = at[k], b = a + (x->end - x->start);
    snprintf(in->what, sizeof(in->what), "cut '%.*s'", (int)(b - a), f->ref + a);
    tidy_cut(f->ref, f->rl, &a, &b);
    in->tgt = splice(f->ref, f->rl, a, b, "", 0, &in->tgt_len);
    in->src_start = x->start, in->src_end = x->end;
    in->tgt_start = in->tgt_end = a;
    in->ent_kind = (int)x->kind;
    return true;
}

/* Ordinary English words (references/entities/en/common.txt and
 * frequent.txt, sorted): a
 * misspelling goes into a word of the name that is not one, since the check
 * rightly does not look for words a translation may translate. */
typedef struct wordlist {
    lines w;
} wordlist;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_word(const void *k, const void *e)
{
    return strcmp((const char *)k, *(char *const *)e);
}

static bool ordinary(const wordlist *o, const char *w, size_t n)
{
    char low[64];
    if (n >= sizeof(low)) return false;
    for (size_t i = 0; i < n; i++) low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    low[n] = '\0';
    return bsearch(low, o->w.v, o->w.n, sizeof(char *), cmp_word) != NULL;
}

/* One edit at position p >= 1 of word w[0..n): substitute, delete, insert
 * or swap with the next letter. Returns the new length (0: no change). */
static size_t misspell(rng *g, char *out, const char *w, size_t n, const char **how)
{
    size_t p = 1 + rng_below(g, n - 1);
    bool upper = w[p] >= 'A' && w[p] <= 'Z';
    char c = (char)((upper ? 'A' : 'a') + rng_below(g, 26));
    switch (rng_below(g, 4)) {
    case 0:
        *how = "substituted";
        memcpy(out, w, n);
        if ((c | 0x20) == (w[p] | 0x20)) c = (char)(c == 'z' || c == 'Z' ? c - 25 : c + 1);
        out[p] = c;
        return n;
    case 1:
        *how = "deleted";
        memcpy(out, w, p);
        memcpy(out + p, w + p + 1, n - p - 1);
        return n - 1;
    case 2:
        *how = "inserted";
        memcpy(out, w, p);
        out[p] = c;
        memcpy(out + p + 1, w + p, n - p);
        return n + 1;
    default:
        *how = "swapped";
        if (p + 1 >= n) p = n - 2;
        if (p == 0 || w[p] == w[p + 1]) return 0;
        memcpy(out, w, n);
        out[p] = w[p + 1], out[p + 1] = w[p];
        return n;
    }
}

static bool inject_ent_altered(rng *g, const offer *f, const wordlist *o, injection *in)
{
    size_t cand[64], at[64], n = entity_candidates(f, cand, at, 64);
    for (size_t tries = 0; tries < 2 * n; tries++) {
        size_t k = rng_below(g, n);
        const tqe_entity *x = &f->ents[cand[k]];
        const char *et = f->src + x->start;
        size_t el = x->end - x->start, words[16][2], nw = 0;
        for (size_t i = 0; i < el && nw < 16;) {
            size_t a = i;
            while (i < el && ((et[i] | 0x20) >= 'a' && (et[i] | 0x20) <= 'z')) i++;
            if (i - a >= 4 && !ordinary(o, et + a, i - a)) words[nw][0] = a, words[nw++][1] = i - a;
            if (i == a) i++;
        }
        if (!nw) continue;
        size_t w = rng_below(g, nw), wa = words[w][0], wn = words[w][1], bl;
        char bad[80];
        const char *how = "";
        if (wn + 2 > sizeof(bad) || !(bl = misspell(g, bad, et + wa, wn, &how))) continue;
        size_t p = at[k] + wa;
        in->tgt = splice(f->ref, f->rl, p, p + wn, bad, bl, &in->tgt_len);
        in->src_start = x->start, in->src_end = x->end;
        in->tgt_start = p, in->tgt_end = p + bl;
        in->ent_kind = (int)x->kind;
        snprintf(in->what, sizeof(in->what), "%s: '%.*s' -> '%.*s'", how, (int)wn, et + wa, (int)bl,
                 bad);
        return true;
    }
    return false;
}

/* ---- whole lines ------------------------------------------------------------ */

/* An English line worth calling untranslated: three or more lower-case
 * words (names and numbers alone are rightly never flagged). */
static bool has_english_text(const char *s, size_t len)
{
    size_t words = 0;
    for (size_t i = 0; i < len;) {
        size_t a = i;
        while (i < len && s[i] >= 'a' && s[i] <= 'z') i++;
        words += i - a >= 2 && (a == 0 || s[a - 1] == ' ') && (i == len || !ascii_alnum(s[i]));
        if (i == a) i++;
    }
    return words >= 3;
}

static bool inject_untranslated(const offer *f, injection *in)
{
    if (!has_english_text(f->src, f->sl) || (f->sl == f->rl && !memcmp(f->src, f->ref, f->sl)))
        return false;
    in->tgt = splice(f->src, f->sl, 0, 0, "", 0, &in->tgt_len);
    snprintf(in->what, sizeof(in->what), "the English source");
    return true;
}

/* Keep the first half: up to the space nearest the middle, or in Chinese and
 * Japanese the character boundary nearest it that splits no Latin word or
 * number. */
static bool inject_omission(const offer *f, injection *in)
{
    if (tqe_char_count(f->src, f->sl) < OMISSION_MIN) return false;
    size_t total = tqe_char_count(f->ref, f->rl), best = 0, best_d = SIZE_MAX, cps = 0;
    bool cjk = unspaced(f->lang);
    for (size_t i = 0, next; i < f->rl; i = next, cps++) {
        uint32_t c = decode(f->ref, f->rl, i, &next);
        bool ok = cjk ? i > 0 && !(ascii_alnum(f->ref[i]) && ascii_alnum(f->ref[i - 1])) : c == ' ';
        size_t d = cps > total / 2 ? cps - total / 2 : total / 2 - cps;
        if (ok && d < best_d) best = i, best_d = d;
    }
    if (!best || best_d > total / 4) return false;
    size_t keep = tqe_utf8_rstrip_len(f->ref, best);
    in->tgt = splice(f->ref, f->rl, keep, f->rl, "", 0, &in->tgt_len);
    in->tgt_start = in->tgt_end = keep;
    snprintf(in->what, sizeof(in->what), "kept %zu of %zu characters", tqe_char_count(f->ref, keep),
             total);
    return true;
}

/* 1: injected; 0: the line does not allow defect d; TQE_ENOMEM. */
static int inject(rng *g, const offer *f, const wordlist *o, enum defect d, injection *in)
{
    bool ok = false;
    switch (d) {
    case D_NUM_ALTERED:
        ok = inject_altered(g, f, in);
        break;
    case D_NUM_MISSING:
        ok = inject_missing(g, f, in);
        break;
    case D_NUM_EXTRA:
        ok = inject_extra(g, f, in);
        break;
    case D_ENT_MISSING:
        ok = inject_ent_missing(g, f, in);
        break;
    case D_ENT_ALTERED:
        ok = inject_ent_altered(g, f, o, in);
        break;
    case D_UNTRANSLATED:
        ok = inject_untranslated(f, in);
        break;
    case D_OMISSION:
        ok = inject_omission(f, in);
        break;
    default:
        break;
    }
    in->d = d;
    if (ok && !in->tgt) return TQE_ENOMEM;
    return ok;
}

/* ---- choosing the defects ---------------------------------------------------- */

static void injection_clear(injection *in)
{
    free(in->tgt);
    memset(in, 0, sizeof(*in));
    in->d = D_CLEAN;
    in->src_start = in->src_end = in->tgt_start = in->tgt_end = TQE_NO_SPAN;
    in->ent_kind = -1;
}

/* The defect type with the fewest lines so far among those not yet tried on
 * this line and under quota (D_CLEAN: none left), so that rare defects get
 * every line that allows them. */
static enum defect next_defect(rng *g, const size_t *count, const bool *tried)
{
    enum defect best = D_CLEAN;
    size_t ties = 0;
    for (int d = 1; d < D_COUNT; d++) {
        if (tried[d] || count[d] >= QUOTA) continue;
        if (best == D_CLEAN || count[d] < count[best])
            best = (enum defect)d, ties = 1;
        else if (count[d] == count[best] && rng_below(g, ++ties) == 0)
            best = (enum defect)d;
    }
    return best;
}

/* Mark the source runs that lie in weak mentions only. */
static int mark_weak(tqe_numbers *nx, offer *f)
{
    const tqe_number *m;
    size_t nm;
    int rc = tqe_numbers_extract(nx, f->src, f->sl, &m, &nm);
    for (size_t r = 0; !rc && r < f->nsr; r++) {
        bool weak = false, strong = false;
        for (size_t k = 0; k < nm; k++) {
            if (m[k].end <= f->sr[r].start || m[k].start >= f->sr[r].end) continue;
            weak |= (m[k].flags & TQE_NUMF_WEAK) != 0;
            strong |= !(m[k].flags & TQE_NUMF_WEAK);
        }
        f->sr[r].weak = weak && !strong;
    }
    return rc;
}

static int assign(rng *g, tqe_entities *ex, tqe_numbers *nx, const lines *S, const lines *R,
                  const char *lang, const wordlist *o, injection *inj)
{
    size_t n = S->n, *order = malloc(n * sizeof(*order)), count[D_COUNT] = {0};
    offer *f = malloc(sizeof(*f));
    int rc = order && f ? 0 : TQE_ENOMEM;
    for (size_t i = 0; i < n; i++) injection_clear(&inj[i]);
    for (size_t i = 0; !rc && i < n; i++) order[i] = i;
    for (size_t i = n; !rc && i > 1; i--) {
        size_t j = rng_below(g, i), t = order[i - 1];
        order[i - 1] = order[j], order[j] = t;
    }
    for (size_t k = 0; !rc && k < n; k++) {
        size_t i = order[k];
        if (rng_below(g, CLEAN_SHARE) == 0) continue;
        *f =
            (offer){.src = S->v[i], .sl = S->len[i], .ref = R->v[i], .rl = R->len[i], .lang = lang};
        f->nsr = find_runs(f->src, f->sl, f->sr, MAX_RUNS);
        f->nrr = find_runs(f->ref, f->rl, f->rr, MAX_RUNS);
        if ((rc = mark_weak(nx, f)) ||
            (rc = tqe_entities_extract(ex, f->src, f->sl, &f->ents, &f->nents)))
            break;
        bool tried[D_COUNT] = {false};
        for (enum defect d; (d = next_defect(g, count, tried)) != D_CLEAN;) {
            tried[d] = true;
            int r = inject(g, f, o, d, &inj[i]);
            if (r < 0) rc = r;
            if (r) {
                count[d] += r > 0;
                break;
            }
            injection_clear(&inj[i]);
        }
    }
    free(order);
    free(f);
    return rc;
}

/* ---- scoring ---------------------------------------------------------------- */

typedef struct tally {
    size_t n[D_COUNT], hit[D_COUNT], fam[D_COUNT];
    size_t names[D_COUNT], names_hit[D_COUNT]; /* entity defects of plain names (kind name) */
    size_t gated[D_COUNT], gated_hit[D_COUNT]; /* the defects a target applies to (see gated) */
    size_t prec_ok[TQE_ISSUE_TYPE_COUNT], prec_all[TQE_ISSUE_TYPE_COUNT];
    size_t new_ok[TQE_ISSUE_TYPE_COUNT], new_all[TQE_ISSUE_TYPE_COUNT]; /* see score_line */
    size_t ref_lines, ref_flagged, ref_type[TQE_ISSUE_TYPE_COUNT];
    size_t clean_lines, clean_flagged;
} tally;

static int family_of(tqe_issue_type t)
{
    return t <= TQE_ISSUE_NUMBER_EXTRA ? 0 : t <= TQE_ISSUE_ENTITY_ALTERED ? 1 : 2 + (int)t;
}

static bool overlaps(size_t a, size_t b, size_t c, size_t d)
{
    return a != TQE_NO_SPAN && c != TQE_NO_SPAN && a < d && c < b;
}

/* Is issue `is` the injected defect (of its type, or with `family`, of any
 * type of the same family)? Numbers and names must point at it. */
static bool is_injected(const injection *in, const tqe_issue *is, bool family)
{
    tqe_issue_type want = defect_issue[in->d];
    if (family ? family_of(is->type) != family_of(want) : is->type != want) return false;
    bool src = overlaps(is->src_start, is->src_end, in->src_start, in->src_end);
    bool tgt = overlaps(is->tgt_start, is->tgt_end, in->tgt_start, in->tgt_end);
    switch (in->d) {
    case D_NUM_ALTERED:
        return src || tgt;
    case D_NUM_EXTRA:
        return tgt;
    case D_NUM_MISSING:
    case D_ENT_MISSING:
    case D_ENT_ALTERED:
        return src;
    default:
        return true; /* untranslated, omission: the line as a whole */
    }
}

/* A flag of the unmodified reference line, to tell the reference's own
 * findings from those the injection caused. */
typedef struct prior {
    tqe_issue_type type;
    size_t src_start, src_end;
    char *target;
} prior;

static bool had_before(const tqe_issue *is, const prior *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (p[k].type == is->type && p[k].src_start == is->src_start &&
            p[k].src_end == is->src_end && !strcmp(p[k].target, is->target))
            return true;
    return false;
}

/* Recall, and two precisions: over every issue on injected lines (literal),
 * and over the issues the injection brought (new): not already on the
 * reference line, and not a number or name that an omission cut away. */
/* Does the recall target apply to this defect? Not to a quoted title cut
 * away, nor to a plain name cut from Chinese or Japanese text: by design
 * the check reports neither missing, since a translated title or a
 * transliterated name cannot be told from a dropped one (a misspelling in
 * Latin letters of either is reported, and its target applies). */
static bool gated(const injection *in, const char *lang)
{
    if (in->d != D_ENT_MISSING) return true;
    if (in->ent_kind == TQE_ENT_TITLE) return false;
    return !(unspaced(lang) && in->ent_kind == TQE_ENT_NAME);
}

static void score_line(tally *t, const injection *in, const tqe_issue_list *l, const prior *p,
                       size_t np, const char *lang)
{
    bool hit = false, fam = false;
    for (size_t k = 0; k < tqe_issue_list_count(l); k++) {
        const tqe_issue *is = tqe_issue_list_get(l, k);
        bool mine = is_injected(in, is, false);
        hit |= mine;
        fam |= is_injected(in, is, true);
        t->prec_all[is->type]++;
        t->prec_ok[is->type] += mine;
        bool cut = in->d == D_OMISSION &&
                   (is->type == TQE_ISSUE_NUMBER_MISSING || is->type == TQE_ISSUE_ENTITY_MISSING);
        if (!mine && (cut || had_before(is, p, np))) continue;
        t->new_all[is->type]++;
        t->new_ok[is->type] += mine;
    }
    t->n[in->d]++;
    t->hit[in->d] += hit;
    t->fam[in->d] += fam;
    if (gated(in, lang)) {
        t->gated[in->d]++;
        t->gated_hit[in->d] += hit;
    }
    if (in->ent_kind == TQE_ENT_NAME) {
        t->names[in->d]++;
        t->names_hit[in->d] += hit;
    }
}

static void tally_add(tally *to, const tally *t)
{
    for (int d = 0; d < D_COUNT; d++) {
        to->n[d] += t->n[d], to->hit[d] += t->hit[d], to->fam[d] += t->fam[d];
        to->names[d] += t->names[d], to->names_hit[d] += t->names_hit[d];
        to->gated[d] += t->gated[d], to->gated_hit[d] += t->gated_hit[d];
    }
    for (int k = 0; k < TQE_ISSUE_TYPE_COUNT; k++) {
        to->prec_ok[k] += t->prec_ok[k], to->prec_all[k] += t->prec_all[k];
        to->new_ok[k] += t->new_ok[k], to->new_all[k] += t->new_all[k];
        to->ref_type[k] += t->ref_type[k];
    }
    to->ref_lines += t->ref_lines, to->ref_flagged += t->ref_flagged;
    to->clean_lines += t->clean_lines, to->clean_flagged += t->clean_flagged;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void print_tally(const char *pair, const tally *t)
{
    printf("%-6s %-15s %5s %7s %7s %-16s %s\n", pair, "defect", "n", "recall", "family",
           "precision(new)", "precision(all)");
    for (int d = 1; d < D_COUNT; d++) {
        tqe_issue_type k = defect_issue[d];
        char a[32], b[32];
        snprintf(a, sizeof(a), "%.3f %zu/%zu", ratio(t->new_ok[k], t->new_all[k]), t->new_ok[k],
                 t->new_all[k]);
        snprintf(b, sizeof(b), "%.3f %zu/%zu", ratio(t->prec_ok[k], t->prec_all[k]), t->prec_ok[k],
                 t->prec_all[k]);
        printf("%-6s %-15s %5zu %7.3f %7.3f %-16s %s", pair, defect_name[d], t->n[d],
               ratio(t->hit[d], t->n[d]), ratio(t->fam[d], t->n[d]), a, b);
        if (t->names[d])
            printf("  (plain names %zu/%zu, other kinds %zu/%zu)", t->names_hit[d], t->names[d],
                   t->hit[d] - t->names_hit[d], t->n[d] - t->names[d]);
        if (t->gated[d] != t->n[d])
            printf("  [target applies to %zu: recall %.3f]", t->gated[d],
                   ratio(t->gated_hit[d], t->gated[d]));
        printf("\n");
    }
    printf("%-6s clean reference: %zu of %zu lines flagged (%.1f%%):", pair, t->ref_flagged,
           t->ref_lines, 100 * ratio(t->ref_flagged, t->ref_lines));
    for (int k = 0; k < TQE_ISSUE_TYPE_COUNT; k++)
        if (t->ref_type[k])
            printf(" %s %zu", tqe_issue_type_name((tqe_issue_type)k), t->ref_type[k]);
    printf("\n%-6s clean lines of the set: %zu of %zu flagged (%.1f%%)\n\n", pair, t->clean_flagged,
           t->clean_lines, 100 * ratio(t->clean_flagged, t->clean_lines));
}

/* ---- output files --------------------------------------------------------- */

/* A TSV field: TAB and line breaks as spaces. */
static void put_field(FILE *fp, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) fputc(s[i] == '\t' || s[i] == '\n' ? ' ' : s[i], fp);
}

static void put_span(FILE *fp, size_t a, size_t b)
{
    if (a == TQE_NO_SPAN)
        fputs("-", fp);
    else
        fprintf(fp, "%zu-%zu", a, b);
}

static void put_issues(FILE *fp, const tqe_issue_list *l, bool full)
{
    for (size_t k = 0; k < tqe_issue_list_count(l); k++) {
        const tqe_issue *is = tqe_issue_list_get(l, k);
        if (!full) {
            fprintf(fp, "%s%s", k ? "," : "", tqe_issue_type_name(is->type));
            continue;
        }
        fprintf(fp, "  %s | ", tqe_issue_type_name(is->type));
        put_field(fp, is->source, strlen(is->source));
        fputs(" | ", fp);
        put_field(fp, is->target, strlen(is->target));
        fputs(" | ", fp);
        put_field(fp, is->detail, strlen(is->detail));
        fputc('\n', fp);
    }
}

static FILE *open_out(const char *dir, const char *pair, const char *suffix)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s.%s", dir, pair, suffix);
    FILE *fp = fopen(path, "w");
    if (!fp) fprintf(stderr, "defects_eval: cannot write %s: %s\n", path, strerror(errno));
    return fp;
}

/* ---- one pair ---------------------------------------------------------------- */

typedef struct pair_run {
    const char *pair, *lang;
    lines S, R;
    injection *inj;
    double *z_clean, *z_inj; /* length model z of every line, reference and injected set */
    bool *other_flags;       /* the reference line has flags besides the length model's */
    bool *ref_flagged;       /* the reference line has flags */
    prior **prior;           /* the flags of each reference line */
    uint64_t seed;           /* of the sample of flagged reference lines */
    size_t *nprior;
    tqe_checker *ck;
    tqe_issue_list *l;
    bool consistent;       /* --consistent-names: the document-level name tally */
    tqe_name_tally *names; /* the names of the document being checked, as tqe check counts them */
} pair_run;

/* Check line i against translation t, without the names the document's
 * translation renders throughout (as tqe check reports them). */
static int check(pair_run *p, size_t i, const char *t, size_t tl, double *z)
{
    tqe_issue_list_clear(p->l);
    int rc = tqe_checker_run(p->ck, p->l, p->S.v[i], p->S.len[i], t, tl, NULL, z);
    if (!rc && p->names) tqe_name_tally_filter(p->names, p->l);
    return rc;
}

/* A first pass over the reference (or the injected set) counting its names. */
static int tally_document(pair_run *p, tqe_ctx *ctx, bool injected)
{
    tqe_name_tally_free(p->names);
    p->names = NULL;
    if (!p->consistent) return 0;
    int rc = tqe_name_tally_new(&p->names, ctx);
    tqe_checker_set_tally(p->ck, p->names);
    for (size_t i = 0; !rc && i < p->S.n; i++) {
        const injection *in = &p->inj[i];
        bool inj = injected && in->tgt;
        tqe_issue_list_clear(p->l);
        rc = tqe_checker_run(p->ck, p->l, p->S.v[i], p->S.len[i], inj ? in->tgt : p->R.v[i],
                             inj ? in->tgt_len : p->R.len[i], NULL, NULL);
    }
    tqe_checker_set_tally(p->ck, NULL);
    return rc;
}

static uint64_t line_rank(const pair_run *p, size_t line)
{
    rng r = {p->seed ^ (uint64_t)line};
    return rng_next(&r);
}

/* Check the unmodified reference: flags into PAIR.clean.tsv, a seeded
 * sample of flagged lines into PAIR.clean_sample.txt. */
static int check_reference(pair_run *p, tally *t, const char *out)
{
    FILE *fc = open_out(out, p->pair, "clean.tsv"),
         *fs = open_out(out, p->pair, "clean_sample.txt");
    size_t *flagged = malloc(p->S.n * sizeof(*flagged)), nf = 0;
    int rc = fc && fs && flagged ? 0 : TQE_EIO;
    if (fc) fputs("line\ttype\tsource\ttarget\tdetail\n", fc);
    for (size_t i = 0; !rc && i < p->S.n; i++) {
        if ((rc = check(p, i, p->R.v[i], p->R.len[i], &p->z_clean[i]))) break;
        size_t n = tqe_issue_list_count(p->l);
        t->ref_lines++;
        if (n) t->ref_flagged++, flagged[nf++] = i;
        p->ref_flagged[i] = n > 0;
        unsigned seen = 0;
        if (n && !(p->prior[i] = calloc(n, sizeof(prior)))) rc = TQE_ENOMEM;
        for (size_t k = 0; !rc && k < n; k++) {
            const tqe_issue *is = tqe_issue_list_get(p->l, k);
            p->prior[i][k] = (prior){is->type, is->src_start, is->src_end, strdup(is->target)};
            if (!p->prior[i][p->nprior[i]++].target) rc = TQE_ENOMEM;
            p->other_flags[i] |= is->type != TQE_ISSUE_OMISSION && is->type != TQE_ISSUE_ADDITION;
            if (!(seen & (1u << is->type))) t->ref_type[is->type]++;
            seen |= 1u << is->type;
            fprintf(fc, "%zu\t%s\t", i + 1, tqe_issue_type_name(is->type));
            put_field(fc, is->source, strlen(is->source));
            fputc('\t', fc);
            put_field(fc, is->target, strlen(is->target));
            fputc('\t', fc);
            put_field(fc, is->detail, strlen(is->detail));
            fputc('\n', fc);
        }
    }
    /* The SAMPLE flagged lines with the lowest seeded hash of their number,
     * in line order: a change of the checker that flags or clears a few
     * lines leaves the rest of the sample as it was, for reading again. */
    for (size_t a = 1; a < nf; a++)
        for (size_t b = a; b > 0 && line_rank(p, flagged[b - 1]) > line_rank(p, flagged[b]); b--) {
            size_t x = flagged[b];
            flagged[b] = flagged[b - 1], flagged[b - 1] = x;
        }
    size_t ns = nf < SAMPLE ? nf : SAMPLE;
    for (size_t a = 1; a < ns; a++)
        for (size_t b = a; b > 0 && flagged[b - 1] > flagged[b]; b--) {
            size_t x = flagged[b];
            flagged[b] = flagged[b - 1], flagged[b - 1] = x;
        }
    for (size_t k = 0; !rc && k < ns; k++) {
        size_t i = flagged[k];
        if ((rc = check(p, i, p->R.v[i], p->R.len[i], NULL))) break;
        fprintf(fs, "== line %zu\nSRC: %s\nREF: %s\n", i + 1, p->S.v[i], p->R.v[i]);
        put_issues(fs, p->l, true);
        fputc('\n', fs);
    }
    if (fc) fclose(fc);
    if (fs) fclose(fs);
    free(flagged);
    return rc;
}

/* Check the injected set, score it, and write it with its key. */
static int check_injected(pair_run *p, tally *t, const char *out)
{
    char suffix[32];
    snprintf(suffix, sizeof(suffix), "tgt.%s", p->lang);
    FILE *fsrc = open_out(out, p->pair, "src.en"), *ftgt = open_out(out, p->pair, suffix),
         *fkey = open_out(out, p->pair, "key.tsv");
    int rc = fsrc && ftgt && fkey ? 0 : TQE_EIO;
    if (fkey) fputs("line\tdefect\tsrc_span\ttgt_span\twhat\tdetected\tfamily\tfound\n", fkey);
    for (size_t i = 0; !rc && i < p->S.n; i++) {
        const injection *in = &p->inj[i];
        const char *tg = in->tgt ? in->tgt : p->R.v[i];
        size_t tl = in->tgt ? in->tgt_len : p->R.len[i];
        fprintf(fsrc, "%s\n", p->S.v[i]);
        put_field(ftgt, tg, tl);
        fputc('\n', ftgt);
        if (in->d == D_CLEAN) {
            t->clean_lines++;
            t->clean_flagged += p->ref_flagged[i];
            continue;
        }
        if ((rc = check(p, i, tg, tl, &p->z_inj[i]))) break;
        size_t hit0 = t->hit[in->d], fam0 = t->fam[in->d];
        score_line(t, in, p->l, p->prior[i], p->nprior[i], p->lang);
        fprintf(fkey, "%zu\t%s\t", i + 1, defect_name[in->d]);
        put_span(fkey, in->src_start, in->src_end);
        fputc('\t', fkey);
        put_span(fkey, in->tgt_start, in->tgt_end);
        fputc('\t', fkey);
        put_field(fkey, in->what, strlen(in->what));
        fprintf(fkey, "\t%d\t%d\t", t->hit[in->d] > hit0, t->fam[in->d] > fam0);
        put_issues(fkey, p->l, false);
        fputc('\n', fkey);
    }
    if (fsrc) fclose(fsrc);
    if (ftgt) fclose(ftgt);
    if (fkey) fclose(fkey);
    return rc;
}

/* Omission recall against the clean flag rate at other length thresholds:
 * the length model's z of the omission lines and of the references. */
static const double thresholds[] = {3.0, 3.5, 4.0, 5.0};
#define NTHRESH (sizeof(thresholds) / sizeof(thresholds[0]))

typedef struct length_tally {
    size_t om, om_hit[NTHRESH];                     /* omission lines, those with z < -t */
    size_t ref, ref_len[NTHRESH], ref_any[NTHRESH]; /* reference lines: |z| > t; any flag */
    size_t ref_short[NTHRESH];                      /* reference lines with z < -t */
} length_tally;

static void length_score(length_tally *lt, const pair_run *p)
{
    for (size_t i = 0; i < p->S.n; i++) {
        lt->ref++;
        for (size_t k = 0; k < NTHRESH; k++) {
            bool len_flag = p->z_clean[i] < -thresholds[k] || p->z_clean[i] > thresholds[k];
            lt->ref_len[k] += len_flag;
            lt->ref_short[k] += p->z_clean[i] < -thresholds[k];
            lt->ref_any[k] += len_flag || p->other_flags[i];
        }
        if (p->inj[i].d != D_OMISSION) continue;
        lt->om++;
        for (size_t k = 0; k < NTHRESH; k++) lt->om_hit[k] += p->z_inj[i] < -thresholds[k];
    }
}

static void length_print(const char *pair, const length_tally *lt)
{
    for (size_t k = 0; k < NTHRESH; k++)
        printf("%-6s length threshold %.1f: omission recall %.3f (%zu/%zu); reference lines "
               "with a length flag %.2f%% (too short %zu), with any flag %.2f%%\n",
               pair, thresholds[k], ratio(lt->om_hit[k], lt->om), lt->om_hit[k], lt->om,
               100 * ratio(lt->ref_len[k], lt->ref), lt->ref_short[k],
               100 * ratio(lt->ref_any[k], lt->ref));
}

static void pair_free(pair_run *p)
{
    for (size_t i = 0; p->inj && i < p->S.n; i++) free(p->inj[i].tgt);
    free(p->inj);
    free(p->z_clean);
    free(p->z_inj);
    free(p->other_flags);
    free(p->ref_flagged);
    for (size_t i = 0; p->prior && i < p->S.n; i++) {
        for (size_t k = 0; k < p->nprior[i]; k++) free(p->prior[i][k].target);
        free(p->prior[i]);
    }
    free(p->prior);
    free(p->nprior);
    lines_free(&p->S);
    lines_free(&p->R);
    tqe_checker_free(p->ck);
    tqe_issue_list_free(p->l);
    tqe_name_tally_free(p->names);
}

/* Open the checker (and an extractor for choosing names) with the whole
 * source as document context, as `tqe check` does. */
static int open_services(pair_run *p, tqe_ctx *ctx, tqe_entities **ex)
{
    tqe_check_options o = TQE_CHECK_OPTIONS_INIT;
    o.tgt_lang = p->lang;
    o.data_dir = TQE_DATA_DIR;
    int rc = tqe_checker_new(&p->ck, ctx, &o);
    if (!rc) rc = tqe_entities_new(ex, ctx, "en", p->lang, TQE_DATA_DIR);
    if (!rc) rc = tqe_issue_list_new(&p->l) ? TQE_ENOMEM : 0;
    for (size_t i = 0; !rc && i < p->S.n; i++) {
        rc = tqe_checker_add_context(p->ck, p->S.v[i], p->S.len[i]);
        if (!rc) rc = tqe_entities_add_context(*ex, p->S.v[i], p->S.len[i]);
    }
    return rc;
}

static int run_pair(tqe_ctx *ctx, const char *wmt, const char *out, const char *pair,
                    const char *label, const wordlist *o, tally *t, length_tally *lt,
                    bool consistent)
{
    pair_run p = {.pair = pair, .lang = pair + 3, .consistent = consistent};
    char path[1024];
    snprintf(path, sizeof(path), "%s/generaltest2022.%s.src.en", wmt, pair);
    int rc = lines_read(&p.S, ctx, path);
    snprintf(path, sizeof(path), "%s/generaltest2022.%s.ref.%s.%s", wmt, pair, label, p.lang);
    if (!rc) rc = lines_read(&p.R, ctx, path);
    if (!rc && (p.S.n != p.R.n || !p.S.n))
        rc = tqe_ctx_seterr(ctx, TQE_EMISMATCH, "%s: %zu source lines, %zu reference lines", pair,
                            p.S.n, p.R.n);
    size_t n = p.S.n;
    if (!rc) {
        p.inj = calloc(n, sizeof(*p.inj));
        p.z_clean = calloc(n, sizeof(double)), p.z_inj = calloc(n, sizeof(double));
        p.other_flags = calloc(n, sizeof(bool)), p.ref_flagged = calloc(n, sizeof(bool));
        p.prior = calloc(n, sizeof(prior *)), p.nprior = calloc(n, sizeof(size_t));
        if (!p.inj || !p.z_clean || !p.z_inj || !p.other_flags || !p.ref_flagged || !p.prior ||
            !p.nprior)
            rc = TQE_ENOMEM;
    }
    tqe_entities *ex = NULL;
    tqe_numbers *nx = NULL;
    if (!rc) rc = open_services(&p, ctx, &ex);
    if (!rc) rc = tqe_numbers_new(&nx, ctx, "en", TQE_DATA_DIR);
    /* one generator per pair, so that pairs do not depend on each other */
    rng g = {SEED};
    for (const char *c = pair; *c; c++) g.s = g.s * 131 + (unsigned char)*c;
    p.seed = g.s;
    if (!rc) rc = assign(&g, ex, nx, &p.S, &p.R, p.lang, o, p.inj);
    tqe_entities_free(ex);
    tqe_numbers_free(nx);
    if (!rc) rc = tally_document(&p, ctx, false);
    if (!rc) rc = check_reference(&p, t, out);
    if (!rc) rc = tally_document(&p, ctx, true);
    if (!rc) rc = check_injected(&p, t, out);
    if (!rc) {
        print_tally(pair, t);
        length_score(lt, &p);
    }
    pair_free(&p);
    return rc;
}

/* ---- targets ----------------------------------------------------------------- */

/* Recall targets (the issue's). Numbers: the expected type's recall over all
 * pairs (550 or more defects of each number type), and in each pair the
 * recall of any number issue (60 to 90 defects a pair: a drop reported as
 * altered is still found). Untranslated lines and names: in each pair and
 * over all pairs, the expected type; for names, the defects of `gated`. */
typedef enum scope { ALL_PAIRS, EACH_PAIR_FAMILY, EACH_PAIR } scope;

static const struct gate {
    enum defect d;
    double min;
    scope where;
} gates[] = {
    {D_NUM_ALTERED, 0.95, ALL_PAIRS},        {D_NUM_MISSING, 0.95, ALL_PAIRS},
    {D_NUM_EXTRA, 0.95, ALL_PAIRS},          {D_NUM_ALTERED, 0.95, EACH_PAIR_FAMILY},
    {D_NUM_MISSING, 0.95, EACH_PAIR_FAMILY}, {D_NUM_EXTRA, 0.95, EACH_PAIR_FAMILY},
    {D_UNTRANSLATED, 0.95, EACH_PAIR},       {D_ENT_MISSING, 0.90, EACH_PAIR},
    {D_ENT_ALTERED, 0.90, EACH_PAIR},
};

/* Check the targets for one pair (all: false) or the sum of all pairs. */
/* Over all pairs, what the check must not lose either: precision of the
 * issues an injection brought, per type, and the share of unmodified
 * reference lines with a flag (measured 2.6%: tests/conformance/
 * defects_README.md; the gates leave room for data and rule changes, not
 * for a word list lost). */
#define MIN_PRECISION     0.95
#define MAX_CLEAN_FLAGGED 0.03

static bool precision_ok(const tally *t)
{
    bool ok = true;
    for (int d = 1; d < D_COUNT; d++) {
        tqe_issue_type k = defect_issue[d];
        double p = ratio(t->new_ok[k], t->new_all[k]);
        if (t->new_all[k] && p < MIN_PRECISION) {
            printf("FAIL all %s: precision of new issues %.3f (%zu/%zu) < %.2f\n", defect_name[d],
                   p, t->new_ok[k], t->new_all[k], MIN_PRECISION);
            ok = false;
        }
    }
    double f = ratio(t->ref_flagged, t->ref_lines);
    if (f > MAX_CLEAN_FLAGGED) {
        printf("FAIL all: %.1f%% of clean reference lines flagged (%zu/%zu) > %.1f%%\n", 100 * f,
               t->ref_flagged, t->ref_lines, 100 * MAX_CLEAN_FLAGGED);
        ok = false;
    }
    return ok;
}

static bool gate_ok(const char *pair, const tally *t, bool all)
{
    bool ok = all ? precision_ok(t) : true;
    for (size_t k = 0; k < sizeof(gates) / sizeof(gates[0]); k++) {
        const struct gate *g = &gates[k];
        if ((g->where == ALL_PAIRS) != all && g->where != EACH_PAIR) continue;
        enum defect d = g->d;
        size_t n = g->where == EACH_PAIR_FAMILY ? t->n[d] : t->gated[d];
        size_t hit = g->where == EACH_PAIR_FAMILY ? t->fam[d] : t->gated_hit[d];
        double r = ratio(hit, n);
        if (n == 0) { /* an injector that stopped working must not pass its gate */
            printf("FAIL %s %s: no defects of this type were injected\n", pair, defect_name[d]);
            ok = false;
        } else if (r < g->min) {
            printf("FAIL %s %s: %s %.3f (%zu/%zu) < %.2f\n", pair, defect_name[d],
                   g->where == EACH_PAIR_FAMILY ? "recall by any issue of the family" : "recall", r,
                   hit, n, g->min);
            ok = false;
        }
    }
    return ok;
}

static int load_wordlist(wordlist *o, tqe_ctx *ctx)
{
    /* lines_read() appends */
    int rc = lines_read(&o->w, ctx, TQE_DATA_DIR "/entities/en/common.txt");
    if (!rc) rc = lines_read(&o->w, ctx, TQE_DATA_DIR "/entities/en/frequent.txt");
    size_t k = 0;
    for (size_t i = 0; i < o->w.n; i++) {
        if (o->w.len[i] && o->w.v[i][0] != '#')
            o->w.v[k++] = o->w.v[i];
        else
            free(o->w.v[i]);
    }
    o->w.n = k;
    qsort(o->w.v, k, sizeof(char *), cmp_str);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: defects_eval WMT22_DIR OUT_DIR [--no-gate] [--consistent-names]\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        printf("SKIPPED: %s not found (the shared WMT22 data is absent)\n", argv[1]);
        return 77;
    }
    bool gate = true, consistent = false;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--no-gate"))
            gate = false;
        else if (!strcmp(argv[i], "--consistent-names"))
            consistent = true;
        else {
            fprintf(stderr, "defects_eval: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "defects_eval: cannot create %s: %s\n", argv[2], strerror(errno));
        return 2;
    }
    static const char *const pairs[][2] = {{"en-de", "A"}, {"en-ru", "A"}, {"en-zh", "A"},
                                           {"en-ja", "A"}, {"en-cs", "B"}, {"en-uk", "A"},
                                           {"en-hr", "A"}};
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return 2;
    wordlist o = {{0}};
    int rc = load_wordlist(&o, ctx);
    tally all;
    length_tally lt_all;
    memset(&all, 0, sizeof(all));
    memset(&lt_all, 0, sizeof(lt_all));
    bool ok = true;
    for (size_t k = 0; !rc && k < sizeof(pairs) / sizeof(pairs[0]); k++) {
        tally t;
        length_tally lt;
        memset(&t, 0, sizeof(t));
        memset(&lt, 0, sizeof(lt));
        rc = run_pair(ctx, argv[1], argv[2], pairs[k][0], pairs[k][1], &o, &t, &lt, consistent);
        if (rc) break;
        length_print(pairs[k][0], &lt);
        printf("\n");
        ok &= gate_ok(pairs[k][0], &t, false);
        tally_add(&all, &t);
        for (size_t j = 0; j < NTHRESH; j++) {
            lt_all.om_hit[j] += lt.om_hit[j];
            lt_all.ref_len[j] += lt.ref_len[j];
            lt_all.ref_short[j] += lt.ref_short[j];
            lt_all.ref_any[j] += lt.ref_any[j];
        }
        lt_all.om += lt.om, lt_all.ref += lt.ref;
    }
    if (!rc) {
        print_tally("all", &all);
        length_print("all", &lt_all);
        ok &= gate_ok("all", &all, true);
    }
    lines_free(&o.w);
    if (rc) fprintf(stderr, "defects_eval: %s\n", tqe_ctx_errmsg(ctx));
    tqe_ctx_free(ctx);
    if (rc) return 2;
    printf("%s\n", ok ? "all targets met" : "targets missed");
    return ok || !gate ? 0 : 1;
}
