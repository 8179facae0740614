/* entities_eval.c - run the entity check over a source file and its
 * translation (line i translates line i) and print what it finds; or inject
 * defects into the translation and measure how many the check catches.
 *
 *   entities_eval [options] LANG SRC TGT
 *     --data DIR       references/ directory (default: the source tree's)
 *     --glossary FILE  a user glossary
 *     --context        give the whole source as document context first
 *     --show           print every line's entities, not only the flags
 *     --lines A-B      only lines A..B (1-based)
 *     --sample N       only N random lines that have entities (--seed), and
 *                      print the source and translation of flagged ones
 *     --inject drop|misspell  remove or misspell one entity in each line
 *                      where one is kept verbatim; report recall/precision.
 *                      A misspelling goes into a word of the name that is
 *                      not an ordinary English word (data/entities/en/
 *                      common.txt): "Norton" of "Norton Security", since
 *                      the check does not look for translatable words.
 *     --max N          inject into at most N lines (default 200)
 *     --only K,K,...   inject only into entities of these kinds (names as
 *                      tqe_entity_kind_name gives them: acronym,camel,...)
 *     --seed N         random seed for --inject (default 1)
 *     --time           time extraction + check over all lines (10 runs)
 *
 * A development tool: it uses the public API only and prints plain text. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tqe.h"

typedef struct lines {
    char **s;
    size_t *len;
    size_t n, cap;
} lines;

static int read_lines(lines *l, tqe_ctx *ctx, const char *path)
{
    tqe_reader *rd;
    int rc = tqe_reader_open(&rd, ctx, path, NULL);
    if (rc) return rc;
    const char *line;
    size_t len;
    while ((rc = tqe_reader_next(rd, &line, &len)) == 1) {
        if (l->n == l->cap) {
            l->cap = l->cap ? l->cap * 2 : 1024;
            l->s = realloc(l->s, l->cap * sizeof(*l->s));
            l->len = realloc(l->len, l->cap * sizeof(*l->len));
            if (!l->s || !l->len) return TQE_ENOMEM;
        }
        l->s[l->n] = malloc(len + 1);
        if (!l->s[l->n]) return TQE_ENOMEM;
        memcpy(l->s[l->n], line, len + 1);
        l->len[l->n++] = len;
    }
    tqe_reader_free(rd);
    return rc;
}

static void free_lines(lines *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->s[i]);
    free(l->s);
    free(l->len);
}

/* Ordinary English words (lower case), for --inject misspell. */
static lines ordinary;

static bool is_ordinary(const char *w, size_t n)
{
    char low[64];
    if (n >= sizeof(low)) return false;
    for (size_t i = 0; i < n; i++) low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    size_t a = 0, b = ordinary.n;
    while (a < b) { /* the list is sorted */
        size_t m = (a + b) / 2;
        int c = strncmp(ordinary.s[m], low, n);
        if (c == 0 && ordinary.len[m] == n) return true;
        if (c < 0 || (c == 0 && ordinary.len[m] < n))
            a = m + 1;
        else
            b = m;
    }
    return false;
}

static uint64_t rng_state = 1;
static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

typedef struct opts {
    const char *data, *glossary, *inject, *only;
    int context, show, timing;
    size_t from, to, max, sample;
} opts;

static void print_issues(const tqe_issue_list *l, size_t lineno)
{
    for (size_t k = 0; k < tqe_issue_list_count(l); k++) {
        const tqe_issue *is = tqe_issue_list_get(l, k);
        printf("%zu\tFLAG\t%s\t%s\t%s\t%s\n", lineno, tqe_issue_type_name(is->type), is->source,
               is->target, is->detail);
    }
}

static int show_entities(tqe_entities *e, const char *s, size_t len, size_t lineno)
{
    const tqe_entity *ents;
    size_t n;
    int rc = tqe_entities_extract(e, s, len, &ents, &n);
    for (size_t k = 0; !rc && k < n; k++)
        printf("%zu\tENT\t%s%s\t%.*s\n", lineno, tqe_entity_kind_name(ents[k].kind),
               (ents[k].flags & TQE_ENT_TRANSLATABLE) ? "(translatable)" : "",
               (int)(ents[k].end - ents[k].start), s + ents[k].start);
    return rc;
}

static bool ifind(const char *h, size_t hl, const char *n, size_t nl)
{
    for (size_t i = 0; i + nl <= hl; i++) {
        size_t k = 0;
        while (k < nl) {
            char a = h[i + k], b = n[k];
            if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
            if (a != b) break;
            k++;
        }
        if (k == nl) return true;
    }
    return false;
}

/* Does any capitalised word (3+ bytes) of ent still occur in t? */
static bool words_remain(const char *t, size_t tl, const char *ent, size_t el)
{
    for (size_t i = 0; i < el;) {
        size_t a = i;
        while (i < el && ent[i] != ' ' && ent[i] != '-') i++;
        if (i - a >= 3 && ent[a] >= 'A' && ent[a] <= 'Z' && ifind(t, tl, ent + a, i - a))
            return true;
        i++;
    }
    return false;
}

static char *replace_all(const char *s, size_t len, const char *from, size_t fl, const char *to,
                         size_t tl, size_t *out_len)
{
    char *out = malloc(len * (tl + 1) + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len;) {
        if (i + fl <= len && memcmp(s + i, from, fl) == 0) {
            memcpy(o, to, tl);
            o += tl;
            i += fl;
        } else {
            *o++ = s[i++];
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* One random edit at a position after the first letter. */
static size_t misspell(char *out, const char *w, size_t n)
{
    size_t p = 1 + rnd() % (n - 1);
    char c = (char)('a' + rnd() % 26);
    switch (rnd() % 4) {
    case 0: /* substitute */
        memcpy(out, w, n);
        if (c == (out[p] | 0x20)) c = c == 'z' ? 'a' : (char)(c + 1);
        out[p] = c;
        return n;
    case 1: /* delete */
        memcpy(out, w, p);
        memcpy(out + p, w + p + 1, n - p - 1);
        return n - 1;
    case 2: /* insert */
        memcpy(out, w, p);
        out[p] = c;
        memcpy(out + p + 1, w + p, n - p);
        return n + 1;
    default: /* transpose */
        memcpy(out, w, n);
        if (p + 1 >= n) p--;
        if (p == 0 || out[p] == out[p + 1]) {
            out[p] = c;
            return n;
        }
        out[p] = w[p + 1];
        out[p + 1] = w[p];
        return n;
    }
}

/* A word of ent (letters only, 4+) to misspell: *a, *n. */
static bool pick_word(const char *ent, size_t el, size_t *a, size_t *n)
{
    size_t cand[16][2], nc = 0;
    for (size_t i = 0; i < el && nc < 16;) {
        size_t s = i;
        while (i < el && ((ent[i] | 0x20) >= 'a' && (ent[i] | 0x20) <= 'z')) i++;
        if (i - s >= 4 && !is_ordinary(ent + s, i - s)) {
            cand[nc][0] = s;
            cand[nc++][1] = i - s;
        }
        if (i == s) i++;
    }
    if (!nc) return false;
    size_t k = rnd() % nc;
    *a = cand[k][0];
    *n = cand[k][1];
    return true;
}

/* Build the defective translation for one line: *victim is the source text
 * of the entity affected. Returns NULL when no entity qualifies. */
/* Is kind k listed in the comma-separated `only` (NULL: every kind)? */
static bool kind_wanted(const char *only, tqe_entity_kind k)
{
    if (!only) return true;
    const char *name = tqe_entity_kind_name(k);
    size_t n = strlen(name);
    for (const char *p = only; *p;) {
        const char *c = strchr(p, ',');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        if (l == n && memcmp(p, name, n) == 0) return true;
        p += l + (c ? 1 : 0);
    }
    return false;
}

static char *inject(tqe_entities *e, const opts *o, const char *src, size_t sl, const char *tgt,
                    size_t tl, size_t *nl, char *victim, size_t vcap)
{
    const tqe_entity *ents;
    size_t n;
    if (tqe_entities_extract(e, src, sl, &ents, &n) || n == 0) return NULL;
    size_t start = rnd() % n;
    for (size_t j = 0; j < n; j++) {
        const tqe_entity *x = &ents[(start + j) % n];
        const char *et = src + x->start;
        size_t el = x->end - x->start;
        if ((x->flags & TQE_ENT_TRANSLATABLE) || el >= vcap || !kind_wanted(o->only, x->kind))
            continue;
        bool latin = true;
        for (size_t k = 0; k < el; k++) latin &= (unsigned char)et[k] < 0x80;
        if (!latin || !ifind(tgt, tl, et, el)) continue;
        char *out = NULL;
        if (strcmp(o->inject, "drop") == 0) {
            /* only verbatim occurrences can be cut cleanly */
            out = replace_all(tgt, tl, et, el, "", 0, nl);
            if (out && (*nl == tl || words_remain(out, *nl, et, el))) {
                free(out);
                continue;
            }
        } else {
            size_t a, wn;
            char bad[80];
            if (!pick_word(et, el, &a, &wn) || wn + 2 > sizeof(bad)) continue;
            size_t bn = misspell(bad, et + a, wn);
            out = replace_all(tgt, tl, et + a, wn, bad, bn, nl);
            if (out && (*nl == tl && memcmp(out, tgt, tl) == 0)) {
                free(out);
                continue;
            }
            if (out && ifind(out, *nl, et + a, wn)) {
                free(out);
                continue;
            }
        }
        memcpy(victim, et, el);
        victim[el] = '\0';
        return out;
    }
    return NULL;
}

static bool flagged(const tqe_issue_list *l, const char *victim)
{
    for (size_t k = 0; k < tqe_issue_list_count(l); k++)
        if (strcmp(tqe_issue_list_get(l, k)->source, victim) == 0) return true;
    return false;
}

static int run_inject(tqe_entities *e, const opts *o, const lines *src, const lines *tgt,
                      const tqe_glossary *g)
{
    tqe_issue_list *l;
    if (tqe_issue_list_new(&l)) return TQE_ENOMEM;
    size_t done = 0, caught = 0, flags = 0, altered = 0;
    size_t *order = malloc(src->n * sizeof(*order));
    for (size_t i = 0; i < src->n; i++) order[i] = i;
    for (size_t i = src->n; i > 1; i--) {
        size_t j = rnd() % i, t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    int rc = 0;
    for (size_t k = 0; k < src->n && done < o->max && !rc; k++) {
        size_t i = order[k], nl;
        char victim[256];
        char *bad = inject(e, o, src->s[i], src->len[i], tgt->s[i], tgt->len[i], &nl, victim,
                           sizeof(victim));
        if (!bad) continue;
        tqe_issue_list_clear(l);
        rc = tqe_entities_check(l, e, src->s[i], src->len[i], bad, nl, g, NULL);
        done++;
        bool hit = flagged(l, victim);
        caught += hit;
        flags += tqe_issue_list_count(l);
        for (size_t m = 0; m < tqe_issue_list_count(l); m++)
            altered += hit && tqe_issue_list_get(l, m)->type == TQE_ISSUE_ENTITY_ALTERED &&
                       strcmp(tqe_issue_list_get(l, m)->source, victim) == 0;
        if (!hit || o->show) {
            printf("%zu\t%s\t%s\t%s\n", i + 1, hit ? "CAUGHT" : "MISSED", victim, bad);
            print_issues(l, i + 1);
        }
        free(bad);
    }
    printf("inject=%s lines=%zu caught=%zu (altered %zu) recall=%.3f flags=%zu precision=%.3f\n",
           o->inject, done, caught, altered, done ? (double)caught / (double)done : 0.0, flags,
           flags ? (double)caught / (double)flags : 0.0);
    free(order);
    tqe_issue_list_free(l);
    return rc;
}

/* Mark n random lines that have at least one entity. */
static void choose_sample(tqe_entities *e, size_t n, const lines *src, bool *pick)
{
    size_t with = 0;
    for (size_t i = 0; i < src->n; i++) {
        const tqe_entity *ents;
        size_t k;
        pick[i] = !tqe_entities_extract(e, src->s[i], src->len[i], &ents, &k) && k > 0;
        with += pick[i];
    }
    /* drop random lines until n are left */
    while (with > n) {
        size_t i = rnd() % src->n;
        if (!pick[i]) continue;
        pick[i] = false;
        with--;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_check(tqe_entities *e, const opts *o, const lines *src, const lines *tgt,
                     const tqe_glossary *g)
{
    tqe_issue_list *l;
    if (tqe_issue_list_new(&l)) return TQE_ENOMEM;
    tqe_entity_stats st = {0, 0, 0, 0, 0};
    size_t from = o->from ? o->from - 1 : 0, to = o->to ? o->to : src->n;
    bool *pick = calloc(src->n + 1, sizeof(*pick));
    if (!pick) return TQE_ENOMEM;
    if (o->sample) choose_sample(e, o->sample, src, pick);
    int rc = 0;
    for (size_t i = from; i < to && i < src->n && !rc; i++) {
        if (o->sample && !pick[i]) continue;
        tqe_issue_list_clear(l);
        if (o->show) rc = show_entities(e, src->s[i], src->len[i], i + 1);
        if (!rc)
            rc = tqe_entities_check(l, e, src->s[i], src->len[i], tgt->s[i], tgt->len[i], g, &st);
        if (!rc && g)
            rc = tqe_glossary_check(l, e, g, src->s[i], src->len[i], tgt->s[i], tgt->len[i]);
        print_issues(l, i + 1);
        if (o->sample && tqe_issue_list_count(l))
            printf("%zu\tSRC\t%s\n%zu\tTGT\t%s\n", i + 1, src->s[i], i + 1, tgt->s[i]);
    }
    free(pick);
    printf("entities=%zu checked=%zu ok=%zu missing=%zu altered=%zu\n", st.src, st.checked, st.ok,
           st.missing, st.altered);
    if (!rc && o->timing) {
        double best = 1e9;
        for (int r = 0; r < 10 && !rc; r++) {
            double t0 = now();
            for (size_t i = 0; i < src->n && !rc; i++) {
                tqe_issue_list_clear(l);
                rc = tqe_entities_check(l, e, src->s[i], src->len[i], tgt->s[i], tgt->len[i], g,
                                        NULL);
            }
            double dt = now() - t0;
            best = dt < best ? dt : best;
        }
        printf("time: %zu lines, best of 10: %.4f s\n", src->n, best);
    }
    tqe_issue_list_free(l);
    return rc;
}

int main(int argc, char **argv)
{
    opts o = {NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 200, 0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(a, "--data"))
            o.data = v, i++;
        else if (!strcmp(a, "--glossary"))
            o.glossary = v, i++;
        else if (!strcmp(a, "--inject"))
            o.inject = v, i++;
        else if (!strcmp(a, "--max"))
            o.max = strtoul(v, NULL, 10), i++;
        else if (!strcmp(a, "--only"))
            o.only = v, i++;
        else if (!strcmp(a, "--sample"))
            o.sample = strtoul(v, NULL, 10), i++;
        else if (!strcmp(a, "--seed"))
            rng_state = strtoull(v, NULL, 10), i++;
        else if (!strcmp(a, "--lines")) {
            char *end;
            o.from = strtoul(v, &end, 10);
            o.to = *end == '-' ? strtoul(end + 1, NULL, 10) : o.from;
            i++;
        } else if (!strcmp(a, "--context"))
            o.context = 1;
        else if (!strcmp(a, "--show"))
            o.show = 1;
        else if (!strcmp(a, "--time"))
            o.timing = 1;
        else {
            fprintf(stderr, "entities_eval: unknown option %s\n", a);
            return 2;
        }
    }
    if (argc - i != 3) {
        fprintf(stderr, "usage: entities_eval [options] LANG SRC TGT (see the source)\n");
        return 2;
    }
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return 3;
    lines src = {0}, tgt = {0};
    tqe_entities *e = NULL;
    tqe_glossary *g = NULL;
    int rc = read_lines(&src, ctx, argv[i + 1]);
    if (!rc) rc = read_lines(&tgt, ctx, argv[i + 2]);
    if (!rc && src.n != tgt.n)
        rc = tqe_ctx_seterr(ctx, TQE_EMISMATCH, "%zu source lines, %zu translation lines", src.n,
                            tgt.n);
    if (!rc) rc = tqe_entities_new(&e, ctx, "en", argv[i], o.data ? o.data : TQE_DATA_DIR);
    if (!rc && o.glossary) rc = tqe_glossary_load(&g, ctx, o.glossary);
    for (size_t k = 0; !rc && o.context && k < src.n; k++)
        rc = tqe_entities_add_context(e, src.s[k], src.len[k]);
    if (!rc && o.inject) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/entities/en/common.txt", o.data ? o.data : TQE_DATA_DIR);
        rc = read_lines(&ordinary, ctx, path);
        for (size_t k = 0; !rc && k < ordinary.n; k++)
            if (ordinary.s[k][0] == '#') ordinary.s[k][0] = '\0'; /* comments sort first */
    }
    if (!rc) rc = o.inject ? run_inject(e, &o, &src, &tgt, g) : run_check(e, &o, &src, &tgt, g);
    if (rc) fprintf(stderr, "entities_eval: %s\n", tqe_ctx_errmsg(ctx));
    tqe_glossary_free(g);
    tqe_entities_free(e);
    free_lines(&src);
    free_lines(&tgt);
    free_lines(&ordinary);
    tqe_ctx_free(ctx);
    return rc ? 1 : 0;
}
