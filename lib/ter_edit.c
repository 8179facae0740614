/* ter_edit.c - the TER edit count of sacreBLEU 2.5.1 (lib_ter.py), result
 * for result, on integer word ids.
 *
 * The search: greedily apply the word-block shift that most lowers the edit
 * distance until none lowers it; the count is the number of shifts plus the
 * final edit distance. The edit distance is a Levenshtein DP restricted to a
 * band ("beam") around the pseudo-diagonal j = floor(i * m / n); cells outside
 * the band count as unreachable. Everything that decides the result is kept:
 * the band limits, the order in which equal-cost operations win, the trace
 * and the alignment read from it, the order in which shift candidates are
 * generated, their ranking, and the global budget of candidates.
 *
 * What is done differently, for speed only:
 *  - only the costs are stored, in the band only; an operation is recovered
 *    during the trace as the first of (substitute, delete, insert) whose cost
 *    equals the cell, which is the one the DP kept (it replaces a cell only on
 *    a strictly lower cost, in that order);
 *  - a DP row depends only on the hypothesis words before it, so a candidate
 *    starts from the rows it shares with the current hypothesis or with the
 *    previous candidate, whichever prefix is longer;
 *  - a candidate's DP stops as soon as a lower bound of its distance shows it
 *    cannot become the round's best shift with a positive gain. It still
 *    counts towards the budget, and only the best candidate matters: its
 *    exact distance is always computed. */
#include <math.h>

#include "ter_edit.h"

enum {
    MAX_SHIFT_SIZE = 10,
    MAX_SHIFT_DIST = 50,
    BEAM_WIDTH = 25,
    MAX_SHIFT_CANDIDATES = 1000,
};

/* A cost above any real distance; sums of two of them do not overflow. */
#define INF ((int32_t)1 << 29)

struct ter_work {
    /* per hypothesis position (n + 1 entries) */
    int32_t *cur;         /* the hypothesis as shifted so far */
    int32_t *cand;        /* the candidate being evaluated */
    int32_t *prevc;       /* the previously evaluated candidate */
    int32_t *best;        /* the best candidate of this round */
    int32_t *lo, *hi;     /* band of row i: columns [lo, hi) */
    size_t *off;          /* where row i starts in a matrix */
    const int32_t **rowp; /* row i of the candidate's DP (in base or scr) */
    int32_t *herr;        /* herr[k]: hypothesis errors among words [0, k) */
    size_t hyp_cap;
    /* per reference position (m + 1 entries) */
    int32_t *align; /* align[j]: hypothesis position aligned to reference word j */
    int32_t *rerr;  /* rerr[k]: reference errors among words [0, k) */
    int32_t *next;  /* next[j]: next position of word ref[j] in ref, or -1 */
    size_t ref_cap;
    /* first[id]: first position of word id in ref, or -1 (ids 0..max_id) */
    int32_t *first;
    size_t first_cap;
    int32_t max_id;
    /* banded matrices */
    int32_t *base; /* the DP of cur */
    int32_t *scr;  /* rows computed for candidates */
    size_t cell_cap;
    int prev_rows; /* rows 1..prev_rows of rowp are valid for prevc */
};

ter_work *ter_work_new(void)
{
    return calloc(1, sizeof(ter_work));
}

void ter_work_free(ter_work *w)
{
    if (!w) return;
    free(w->cur);
    free(w->cand);
    free(w->prevc);
    free(w->best);
    free(w->lo);
    free(w->hi);
    free(w->off);
    free(w->rowp);
    free(w->herr);
    free(w->align);
    free(w->rerr);
    free(w->next);
    free(w->first);
    free(w->base);
    free(w->scr);
    free(w);
}

static int grow_hyp(ter_work *w, size_t n)
{
    if (n <= w->hyp_cap) return TQE_OK;
    size_t cap = w->hyp_cap ? w->hyp_cap : 64;
    while (cap < n) cap *= 2;
    int32_t **i32[] = {&w->cur, &w->cand, &w->prevc, &w->best, &w->lo, &w->hi, &w->herr};
    for (size_t k = 0; k < TQE_ARRAY_LEN(i32); k++) {
        void *p = tqe_reallocarray(*i32[k], cap, sizeof(int32_t));
        if (!p) return TQE_ENOMEM;
        *i32[k] = p;
    }
    void *p = tqe_reallocarray(w->off, cap, sizeof(size_t));
    if (!p) return TQE_ENOMEM;
    w->off = p;
    p = tqe_reallocarray((void *)w->rowp, cap, sizeof(*w->rowp));
    if (!p) return TQE_ENOMEM;
    w->rowp = p;
    w->hyp_cap = cap;
    return TQE_OK;
}

static int grow_ref(ter_work *w, size_t m)
{
    if (m <= w->ref_cap) return TQE_OK;
    size_t cap = w->ref_cap ? w->ref_cap : 64;
    while (cap < m) cap *= 2;
    void *a = tqe_reallocarray(w->align, cap, sizeof(int32_t));
    if (!a) return TQE_ENOMEM;
    w->align = a;
    void *r = tqe_reallocarray(w->rerr, cap, sizeof(int32_t));
    if (!r) return TQE_ENOMEM;
    w->rerr = r;
    void *x = tqe_reallocarray(w->next, cap, sizeof(int32_t));
    if (!x) return TQE_ENOMEM;
    w->next = x;
    w->ref_cap = cap;
    return TQE_OK;
}

static int grow_cells(ter_work *w, size_t cells)
{
    if (cells <= w->cell_cap) return TQE_OK;
    size_t cap = w->cell_cap ? w->cell_cap : 1024;
    while (cap < cells) cap *= 2;
    void *b = tqe_reallocarray(w->base, cap, sizeof(int32_t));
    if (!b) return TQE_ENOMEM;
    w->base = b;
    void *s = tqe_reallocarray(w->scr, cap, sizeof(int32_t));
    if (!s) return TQE_ENOMEM;
    w->scr = s;
    w->cell_cap = cap;
    return TQE_OK;
}

/* The band of every row, as sacreBLEU derives it from the lengths (shifts
 * keep the hypothesis length, so it is fixed for a hypothesis/reference
 * pair), and row 0 of the base matrix. */
static int setup_bands(ter_work *w, int n, int m)
{
    if (grow_hyp(w, (size_t)n + 1) || grow_ref(w, (size_t)m + 1)) return TQE_ENOMEM;
    double ratio = n ? (double)m / (double)n : 1.0;
    /* Widen a beam that could otherwise miss the previous row entirely. */
    int bw = BEAM_WIDTH < ratio / 2 ? (int)ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    size_t total = (size_t)m + 1;
    w->lo[0] = 0;
    w->hi[0] = m + 1;
    w->off[0] = 0;
    for (int i = 1; i <= n; i++) {
        int diag = (int)floor((double)i * ratio);
        w->lo[i] = TQE_MAX(0, diag - bw);
        w->hi[i] = i == n ? m + 1 : TQE_MIN(m + 1, diag + bw);
        w->off[i] = total;
        total += (size_t)(w->hi[i] - w->lo[i]);
    }
    if (grow_cells(w, total)) return TQE_ENOMEM;
    for (int j = 0; j <= m; j++) w->base[j] = j;
    w->rowp[0] = w->base;
    return TQE_OK;
}

/* A cell: the cheapest of match/substitution, deletion and insertion; a cell
 * reachable from no finite neighbour stays INF. */
static inline int32_t dp_cell(int32_t diag, int32_t up, int32_t left, int mismatch)
{
    int32_t v = diag + mismatch;
    if (up + 1 < v) v = up + 1;
    if (left + 1 < v) v = left + 1;
    return v < INF ? v : INF;
}

/* Column x of the previous row, INF outside its band [plo, phi). */
static inline int32_t prev_at(const int32_t *prev, int plo, int phi, int x)
{
    return x >= plo && x < phi ? prev[x - plo] : INF;
}

/* Store cell value v and fold its lower bound (v plus the remaining length
 * difference `gap`) into *lb. Returns v. */
static inline int32_t dp_put(int32_t *cell, int32_t v, int32_t *lb, int gap)
{
    *cell = v;
    int32_t bound = v + abs(gap);
    if (bound < *lb) *lb = bound;
    return v;
}

/* Row i of the DP from row i-1, for hypothesis word h. Returns a lower bound
 * of the final distance: a path through cell j still has to delete or insert
 * the difference between the remaining lengths (rest_h, m - j). */
static int32_t dp_row(int32_t *restrict row, int lo, int hi, const int32_t *restrict prev, int plo,
                      int phi, int32_t h, const int32_t *restrict ref, int rest_h, int m)
{
    int32_t left = INF, lb = INF;
    int j = lo;
    assert(plo <= lo); /* bands never move left */
    if (j == 0) {
        /* Column 0 is a deletion, unconditionally (plo is 0 here too). */
        left = dp_put(&row[0], prev[0] + 1, &lb, rest_h - m);
        j = 1;
    }
    /* Only in [mid_lo, mid_hi) are both the diagonal and the upper neighbour
     * surely in the previous row's band: that loop needs no bounds checks,
     * the cells before and after it do. */
    int mid_lo = TQE_MIN(TQE_MAX(j, plo + 1), hi);
    int mid_hi = TQE_MAX(TQE_MIN(hi, phi), mid_lo);
    for (; j < mid_lo; j++)
        left = dp_put(&row[j - lo],
                      dp_cell(prev_at(prev, plo, phi, j - 1), prev_at(prev, plo, phi, j), left,
                              h != ref[j - 1]),
                      &lb, rest_h - (m - j));
    for (; j < mid_hi; j++)
        left =
            dp_put(&row[j - lo], dp_cell(prev[j - 1 - plo], prev[j - plo], left, h != ref[j - 1]),
                   &lb, rest_h - (m - j));
    for (; j < hi; j++)
        left = dp_put(&row[j - lo],
                      dp_cell(prev_at(prev, plo, phi, j - 1), prev_at(prev, plo, phi, j), left,
                              h != ref[j - 1]),
                      &lb, rest_h - (m - j));
    return lb;
}

/* Fill rows from+1..n of `words` into `mat`, reading row `from` via rowp.
 * Stops after a row whose lower bound exceeds `limit`; returns the last row
 * computed. */
static int dp_rows(ter_work *w, int32_t *mat, const int32_t *words, int from, int n,
                   const int32_t *ref, int m, int32_t limit)
{
    for (int i = from + 1; i <= n; i++) {
        int32_t *row = mat + w->off[i];
        int32_t lb = dp_row(row, w->lo[i], w->hi[i], w->rowp[i - 1], w->lo[i - 1], w->hi[i - 1],
                            words[i - 1], ref, n - i, m);
        w->rowp[i] = row;
        if (lb > limit) return i;
    }
    return n;
}

/* Cost of cell (i, j) of the base matrix, INF outside the band. */
static int32_t base_at(const ter_work *w, int i, int j)
{
    if (j < w->lo[i] || j >= w->hi[i]) return INF;
    return w->base[w->off[i] + (size_t)(j - w->lo[i])];
}

/* Walk the base DP back from (n, m) and record, as sacreBLEU does after
 * flipping the trace to rewrite the reference into the hypothesis, where
 * each reference word aligns and which words of each side are errors. */
static void trace_alignment(ter_work *w, int n, const int32_t *ref, int m)
{
    int32_t *herr = w->herr, *rerr = w->rerr, *align = w->align;
    int i = n, j = m;
    while (i > 0 || j > 0) {
        int32_t v = i > 0 ? base_at(w, i, j) : 0;
        int sub = i > 0 && j > 0 ? w->cur[i - 1] != ref[j - 1] : 0;
        if (i > 0 && j > 0 && base_at(w, i - 1, j - 1) + sub == v) {
            align[j - 1] = i - 1;
            herr[i] = rerr[j] = sub;
            i--;
            j--;
        } else if (i > 0 && (j == 0 || base_at(w, i - 1, j) + 1 == v)) {
            herr[i] = 1; /* a hypothesis word with no reference word */
            i--;
        } else {
            assert(i == 0 || base_at(w, i, j - 1) + 1 == v);
            align[j - 1] = i - 1; /* a reference word with no hypothesis word */
            rerr[j] = 1;
            j--;
        }
    }
    herr[0] = rerr[0] = 0;
    for (int k = 1; k <= n; k++) herr[k] += herr[k - 1];
    for (int k = 1; k <= m; k++) rerr[k] += rerr[k - 1];
}

/* out = words with the block [s, s+len) moved to `t`, sacreBLEU's three
 * cases included: a target inside or right after the block moves the block
 * forward by t - s words, not to before t. */
static void shift_words(int32_t *out, const int32_t *words, int n, int s, int len, int t)
{
    size_t k = 0;
#define PUT(from, to)                                                                              \
    do {                                                                                           \
        memcpy(out + k, words + (from), sizeof(int32_t) * (size_t)((to) - (from)));                \
        k += (size_t)((to) - (from));                                                              \
    } while (0)
    if (t < s) {
        PUT(0, t);
        PUT(s, s + len);
        PUT(t, s);
        PUT(s + len, n);
    } else if (t > s + len) {
        PUT(0, s);
        PUT(s + len, t);
        PUT(s, s + len);
        PUT(t, n);
    } else {
        int b = TQE_MIN(n, len + t);
        PUT(0, s);
        PUT(s + len, b);
        PUT(s, s + len);
        PUT(b, n);
    }
#undef PUT
    assert(k == (size_t)n);
}

static int common_prefix(const int32_t *a, const int32_t *b, int from, int n)
{
    while (from < n && a[from] == b[from]) from++;
    return from;
}

/* Edit distance of w->cand, or some value above `limit` when it exceeds it.
 * `known` words of cand are known to equal those of cur. */
static int32_t cand_distance(ter_work *w, int n, const int32_t *ref, int m, int known,
                             int32_t limit)
{
    int from = common_prefix(w->cand, w->prevc, 0, w->prev_rows);
    int from_base = common_prefix(w->cand, w->cur, known, n);
    if (from_base > from) {
        for (int i = 1; i <= from_base; i++) w->rowp[i] = w->base + w->off[i];
        from = from_base;
    }
    int last = dp_rows(w, w->scr, w->cand, from, n, ref, m, limit);
    int32_t *t = w->prevc;
    w->prevc = w->cand;
    w->cand = t;
    w->prev_rows = last;
    if (last < n) return limit + 1;
    return w->rowp[n][m - w->lo[n]];
}

/* The occurrence lists of the reference's words (first, next). */
static int index_ref(ter_work *w, const int32_t *ref, int m)
{
    int32_t max_id = -1;
    for (int j = 0; j < m; j++) max_id = TQE_MAX(max_id, ref[j]);
    if (tqe_grow((void **)&w->first, &w->first_cap, (size_t)max_id + 1, sizeof(int32_t)))
        return TQE_ENOMEM;
    w->max_id = max_id;
    for (int32_t id = 0; id <= max_id; id++) w->first[id] = -1;
    for (int j = m - 1; j >= 0; j--) {
        if (ref[j] < 0) {
            w->next[j] = -1;
            continue;
        }
        w->next[j] = w->first[ref[j]];
        w->first[ref[j]] = j;
    }
    return TQE_OK;
}

/* The best shift of a round: sacreBLEU ranks by gain, then block length,
 * then the earliest block start, then the earliest target. */
typedef struct shift_rank {
    int32_t gain; /* 0: none with a positive gain yet */
    int len, start, target;
} shift_rank;

static bool ties_win(const shift_rank *b, int len, int start, int target)
{
    if (len != b->len) return len > b->len;
    if (start != b->start) return start < b->start;
    return target < b->target;
}

/* State of one round's candidate search. */
typedef struct shift_search {
    ter_work *w;
    int n, m;
    const int32_t *ref;
    int32_t pre;     /* edit distance of cur */
    long checked;    /* candidates evaluated so far in this sentence */
    int base_valid;  /* rows 0..base_valid of w->base are already those of cur */
    shift_rank best; /* its words are in w->best */
} shift_search;

/* Evaluate every target sacreBLEU tries for the block cur[sh, sh+len) that
 * matches ref[sr, sr+len). Returns false once the candidate budget is spent. */
static bool try_block(shift_search *r, int sh, int sr, int len)
{
    ter_work *w = r->w;
    if (w->herr[sh + len] - w->herr[sh] == 0) return true;          /* block already right */
    if (w->rerr[sr + len] - w->rerr[sr] == 0) return true;          /* target already matched */
    if (sh <= w->align[sr] && w->align[sr] < sh + len) return true; /* within itself */
    int prev_target = -1;
    for (int k = -1; k < len; k++) {
        /* Insert before the word after the one aligned to ref[sr + k]. */
        int target = sr + k < 0 ? 0 : w->align[sr + k] + 1;
        if (target == prev_target) continue;
        prev_target = target;
        shift_words(w->cand, w->cur, r->n, sh, len, target);
        bool wins_ties = r->best.gain == 0 || ties_win(&r->best, len, sh, target);
        int32_t need_gain = r->best.gain == 0 ? 1 : r->best.gain + !wins_ties;
        int32_t d = cand_distance(w, r->n, r->ref, r->m, TQE_MIN(sh, target), r->pre - need_gain);
        if (d <= r->pre - need_gain) {
            r->best = (shift_rank){r->pre - d, len, sh, target};
            memcpy(w->best, w->prevc, sizeof(int32_t) * (size_t)r->n);
        }
        /* sacreBLEU checks the budget after the block's targets, but a round
         * that ends over budget is discarded anyway, so stopping here is the
         * same. */
        if (++r->checked >= MAX_SHIFT_CANDIDATES) return false;
    }
    return true;
}

/* One round: the distance of cur, then the best shift. Returns false when
 * the budget ran out (sacreBLEU then stops without applying the round's best
 * shift); r->best.gain is 0 when no shift lowers the distance. */
static bool shift_round(shift_search *r)
{
    ter_work *w = r->w;
    int n = r->n, m = r->m;
    w->rowp[r->base_valid] = w->base + w->off[r->base_valid];
    dp_rows(w, w->base, w->cur, r->base_valid, n, r->ref, m, INT32_MAX);
    w->prev_rows = 0;
    r->pre = w->base[w->off[n] + (size_t)(m - w->lo[n])];
    r->best.gain = 0;
    if (r->pre == 0) return true; /* no hypothesis error: every block is skipped */
    trace_alignment(w, n, r->ref, m);
    /* Matching blocks in sacreBLEU's order: by hypothesis start, reference
     * start (at most MAX_SHIFT_DIST apart), then length. Reference starts
     * are visited through the occurrence lists of the block's first word:
     * the others match nothing. */
    for (int sh = 0; sh < n; sh++) {
        int32_t id = w->cur[sh];
        if (id < 0 || id > w->max_id) continue;
        for (int sr = w->first[id]; sr >= 0 && sr <= sh + MAX_SHIFT_DIST; sr = w->next[sr]) {
            if (sr < sh - MAX_SHIFT_DIST) continue;
            for (int len = 1; len <= MAX_SHIFT_SIZE && sh + len <= n && sr + len <= m; len++) {
                if (w->cur[sh + len - 1] != r->ref[sr + len - 1]) break;
                if (!try_block(r, sh, sr, len)) return false;
            }
        }
    }
    return true;
}

int ter_edits(ter_work *w, long *edits, const int32_t *hyp, size_t n, const int32_t *ref, size_t m)
{
    assert(n <= TER_MAX_WORDS && m <= TER_MAX_WORDS);
    if (m == 0) {
        *edits = (long)n;
        return TQE_OK;
    }
    if (setup_bands(w, (int)n, (int)m) || index_ref(w, ref, (int)m)) return TQE_ENOMEM;
    if (n) memcpy(w->cur, hyp, sizeof(int32_t) * n);
    long shifts = 0;
    shift_search r = {w, (int)n, (int)m, ref, 0, 0, 0, {0, 0, 0, 0}};
    while (shift_round(&r) && r.best.gain > 0) {
        /* The shifted hypothesis keeps the DP rows of its common prefix. */
        r.base_valid = common_prefix(w->best, w->cur, 0, (int)n);
        int32_t *t = w->cur;
        w->cur = w->best;
        w->best = t;
        shifts++;
    }
    *edits = shifts + r.pre;
    return TQE_OK;
}
