/*
 * fuzz_metrics.c - BLEU, chrF and TER on arbitrary valid UTF-8 pairs.
 *
 * Input: two option bytes, then the hypothesis text and up to four
 * reference texts separated by '\f'; each text is split into segments on
 * '\n' (a reference without line i has an empty segment there).
 * Invariants: segment and corpus scores are finite, BLEU and chrF are in
 * [0, 100], TER is >= 0; statistics do not depend on what was computed
 * before (the same segment gives the same statistics again, after other
 * references were set); the corpus score does not depend on the order in
 * which the segments' statistics are summed.
 */
#include "fuzz_common.h"

#define MAX_PARTS 5
#define MAX_SEGS  64
#define MAX_STATS 64

typedef struct seg {
    const char *s[MAX_PARTS];
    size_t len[MAX_PARTS];
} seg;

/* Split text into at most MAX_SEGS lines; the last one takes the rest. */
static size_t split_lines(const char *s, size_t len, const char **line, size_t *line_len)
{
    size_t n = 0;
    for (;;) {
        const char *tail;
        size_t head, tail_len;
        if (n == MAX_SEGS - 1) {
            line[n] = s;
            line_len[n++] = len;
            return n;
        }
        fuzz_split(s, len, '\n', &head, &tail, &tail_len);
        line[n] = s;
        line_len[n++] = head;
        if (head == len) return n;
        s = tail;
        len = tail_len;
    }
}

static void check_score(const tqe_metric *m, const tqe_score *sc)
{
    FUZZ_CHECK(isfinite(sc->score));
    if (tqe_metric_kind_of(m) == TQE_METRIC_TER)
        FUZZ_CHECK(sc->score >= 0);
    else
        FUZZ_CHECK(sc->score >= 0 && sc->score <= 100 + 1e-9);
}

static void run_metric(tqe_metric *m, const seg *segs, size_t nseg, size_t nrefs)
{
    const size_t ns = tqe_metric_nstats(m);
    FUZZ_CHECK(ns > 0 && ns <= MAX_STATS);
    static double stats[MAX_SEGS][MAX_STATS];
    double again[MAX_STATS];
    tqe_score sc;
    for (size_t i = 0; i < nseg; i++) {
        FUZZ_OK(NULL, tqe_metric_set_refs(m, segs[i].s + 1, segs[i].len + 1, nrefs));
        FUZZ_OK(NULL, tqe_metric_hyp_stats(m, stats[i], segs[i].s[0], segs[i].len[0]));
        for (size_t k = 0; k < ns; k++) FUZZ_CHECK(isfinite(stats[i][k]) && stats[i][k] >= 0);
        tqe_metric_score(m, &sc, stats[i]);
        check_score(m, &sc);
        /* The references set once serve every hypothesis. */
        FUZZ_OK(NULL, tqe_metric_hyp_stats(m, again, segs[i].s[0], segs[i].len[0]));
        FUZZ_CHECK(memcmp(again, stats[i], ns * sizeof(double)) == 0);
    }
    /* Recompute the first segment after the others: no state carries over. */
    if (nseg > 1) {
        FUZZ_OK(NULL, tqe_metric_set_refs(m, segs[0].s + 1, segs[0].len + 1, nrefs));
        FUZZ_OK(NULL, tqe_metric_hyp_stats(m, again, segs[0].s[0], segs[0].len[0]));
        FUZZ_CHECK(memcmp(again, stats[0], ns * sizeof(double)) == 0);
    }
    double fwd[MAX_STATS] = {0}, bwd[MAX_STATS] = {0};
    for (size_t i = 0; i < nseg; i++)
        for (size_t k = 0; k < ns; k++) {
            fwd[k] += stats[i][k];
            bwd[k] += stats[nseg - 1 - i][k];
        }
    tqe_score a, b;
    tqe_metric_score(m, &a, fwd);
    tqe_metric_score(m, &b, bwd);
    check_score(m, &a);
    FUZZ_CHECK(fabs(a.score - b.score) <= 1e-9 * (1 + fabs(a.score)));
    tqe_buf sig = TQE_BUF_INIT;
    FUZZ_OK(NULL, tqe_metric_signature(&sig, m, NULL));
    tqe_buf_free(&sig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    if (size < 2) return 0;
    const unsigned o1 = data[0], o2 = data[1];
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    if (!fuzz_valid_utf8(text, len)) return 0;

    const char *part[MAX_PARTS];
    size_t part_len[MAX_PARTS], nparts = 0;
    while (nparts < MAX_PARTS) {
        const char *tail;
        size_t head, tail_len;
        fuzz_split(text, len, '\f', &head, &tail, &tail_len);
        part[nparts] = text;
        part_len[nparts++] = head;
        if (head == len) break;
        text = tail;
        len = tail_len;
    }
    if (nparts == 1) { /* no reference given: compare the text with itself */
        part[1] = part[0];
        part_len[1] = part_len[0];
        nparts = 2;
    }
    static seg segs[MAX_SEGS];
    const char *lines[MAX_PARTS][MAX_SEGS];
    size_t line_len[MAX_PARTS][MAX_SEGS], nlines[MAX_PARTS];
    for (size_t p = 0; p < nparts; p++)
        nlines[p] = split_lines(part[p], part_len[p], lines[p], line_len[p]);
    const size_t nseg = nlines[0];
    for (size_t i = 0; i < nseg; i++)
        for (size_t p = 0; p < nparts; p++) {
            segs[i].s[p] = i < nlines[p] ? lines[p][i] : "";
            segs[i].len[p] = i < nlines[p] ? line_len[p][i] : 0;
        }

    tqe_bleu_options bo = TQE_BLEU_OPTIONS_INIT;
    bo.tokenize = (tqe_tokenizer)(o1 % 5);
    bo.lowercase = (o1 >> 3) & 1;
    bo.smooth = (tqe_smooth)((o1 >> 4) & 3);
    bo.effective_order = (o1 >> 6) & 1;
    bo.max_ngram_order = 1 + (int)(o2 & 3);
    if (o1 & 0x80) {
        bo.smooth_value_set = 1;
        bo.smooth_value = (o2 >> 2) & 1 ? 0.01 : 1.0;
    }
    tqe_chrf_options co = TQE_CHRF_OPTIONS_INIT;
    co.word_order = (o2 >> 3) & 1 ? 2 : 0;
    co.char_order = 1 + (int)((o2 >> 4) & 7);
    co.lowercase = (o1 >> 3) & 1;
    co.whitespace = (o2 >> 7) & 1;
    co.eps_smoothing = (o1 >> 6) & 1;
    tqe_ter_options to = TQE_TER_OPTIONS_INIT;
    to.case_sensitive = o2 & 1;
    to.normalized = (o2 >> 1) & 1;
    to.no_punct = (o2 >> 2) & 1;
    to.asian_support = (o2 >> 5) & 1;

    tqe_metric *m;
    FUZZ_OK(ctx, tqe_metric_new_bleu(&m, ctx, &bo));
    run_metric(m, segs, nseg, nparts - 1);
    tqe_metric_free(m);
    FUZZ_OK(ctx, tqe_metric_new_chrf(&m, ctx, &co));
    run_metric(m, segs, nseg, nparts - 1);
    tqe_metric_free(m);
    FUZZ_OK(ctx, tqe_metric_new_ter(&m, ctx, &to));
    run_metric(m, segs, nseg, nparts - 1);
    tqe_metric_free(m);
    return 0;
}
