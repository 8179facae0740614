/* ngram_match.c - clipped matches of the n-grams a hypothesis shares with
 * its references, one order at a time (see ngram.h).
 *
 * The loops over candidate positions have no data-dependent branch apart
 * from hash probing: a candidate that drops out still gets an id, counted
 * zero times, and ids, counts and list lengths are updated with
 * arithmetic. */
#include "ngram.h"

#define DIRECT_WIDTH 256 /* widest direct table: 256 * 256 cells */

static void order_free(ngm_order *o)
{
    free(o->node);
    free(o->cnt);
    free(o->stamp);
}

void ngram_match_free(ngram_match *m)
{
    for (int k = 0; k < 2; k++) order_free(&m->ord[k]);
    free(m->cells);
    free(m->slots);
    free(m->rids);
    free(m->rpos);
    free(m->hids);
    free(m->hpos);
    free(m->rnpos);
    memset(m, 0, sizeof(*m));
}

/* Zero nodes 0..n-1 of an order (and make room for per-reference counts
 * when there are several references). */
static int nodes_reset(ngm_order *o, size_t n, size_t nrefs)
{
    if (n > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (cap < n) cap *= 2;
        free(o->node);
        if (!(o->node = malloc(cap * sizeof(*o->node)))) {
            o->cap = 0;
            return TQE_ENOMEM;
        }
        o->cap = cap;
    }
    memset(o->node, 0, n * sizeof(*o->node));
    if (nrefs > 1 && n > o->capcnt) {
        /* Stale stamps are harmless (stamps only grow), so no clearing. */
        free(o->cnt);
        free(o->stamp);
        o->cnt = calloc(o->cap, sizeof(*o->cnt));
        o->stamp = calloc(o->cap, sizeof(*o->stamp));
        o->capcnt = o->cnt && o->stamp ? o->cap : 0;
        if (!o->capcnt) return TQE_ENOMEM;
    }
    return TQE_OK;
}

static uint32_t next_stamp(ngram_match *m)
{
    if (++m->stamp == 0) {
        /* Wrapped: forget every stamp once. */
        for (int k = 0; k < 2; k++)
            if (m->ord[k].stamp) memset(m->ord[k].stamp, 0, m->ord[k].capcnt * sizeof(uint32_t));
        m->stamp = 1;
    }
    return m->stamp;
}

/* Make the pair table ready for an order whose previous order has ids
 * 0..width-1 and whose references have at most `expect` candidates.
 * Returns whether it is the direct table, or -1 when out of memory. */
static int pairs_reset(ngram_match *m, size_t width, size_t expect)
{
    if (width <= DIRECT_WIDTH) {
        if (!m->cells && !(m->cells = calloc(DIRECT_WIDTH * DIRECT_WIDTH, sizeof(*m->cells))))
            return -1;
        m->width = (uint32_t)width;
        if (++m->gen == 0) {
            /* 2^32 orders later: wipe once rather than confuse generations. */
            memset(m->cells, 0, DIRECT_WIDTH * DIRECT_WIDTH * sizeof(*m->cells));
            m->gen = 1;
        }
        return 1;
    }
    /* Load factor at most 1/2 keeps linear probing short. */
    size_t n = 64;
    unsigned bits = 6;
    while (n < 2 * expect) {
        n *= 2;
        bits++;
    }
    if (n > m->capslots) {
        free(m->slots);
        if (!(m->slots = malloc(n * sizeof(*m->slots)))) {
            m->capslots = 0;
            return -1;
        }
        m->capslots = n;
    }
    memset(m->slots, 0, n * sizeof(*m->slots));
    m->mask = n - 1;
    m->shift = 64 - bits;
    return 0;
}

/* Does a probe stop at a slot holding k: the key itself or a free slot?
 * One test (min(k, k ^ key) == 0), so that the loop has a single,
 * well-predicted exit branch whether the key is found or new. */
static inline bool probe_stops(uint64_t k, uint64_t key)
{
    uint64_t d = k ^ key;
    return (d < k ? d : k) == 0;
}

/* The pair table of the current order, as the loops read it: a copy in
 * locals, since the compiler cannot keep fields of *m in registers across
 * the loops' stores through uint32_t pointers. */
typedef struct pairs {
    ngm_cell *cells;
    uint32_t width, gen;
    ngm_slot *slots;
    size_t mask;
    unsigned shift;
} pairs;

static pairs pairs_of(const ngram_match *m)
{
    return (pairs){m->cells, m->width, m->gen, m->slots, m->mask, m->shift};
}

static inline size_t probe(pairs t, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> t.shift);
    while (!probe_stops(t.slots[i].key, key)) i = (i + 1) & t.mask;
    return i;
}

/* The id of pair (a, b), a new one (++*nq) if absent. In the hashed table
 * the key is never 0: a reference's candidate has a != 0. */
static TQE_ALWAYS_INLINE uint32_t pair_id(pairs t, bool direct, uint32_t a, uint32_t b,
                                          uint32_t *nq)
{
    /* New or known n-gram: a select, as arithmetic (GCC makes ?: a branch). */
    uint32_t fresh, id;
    if (direct) {
        ngm_cell *c = &t.cells[a * t.width + b];
        fresh = c->gen != t.gen;
        *nq += fresh;
        id = (uint32_t)tqe_select(fresh, *nq, c->id);
        c->gen = t.gen;
        c->id = id;
    } else {
        uint64_t key = (uint64_t)a << 32 | b;
        ngm_slot *s = &t.slots[probe(t, key)];
        fresh = s->key == 0;
        *nq += fresh;
        id = (uint32_t)tqe_select(fresh, *nq, s->id);
        s->key = key;
        s->id = id;
    }
    return id;
}

/* The id of pair (a, b), or 0. */
static TQE_ALWAYS_INLINE uint32_t pair_find(pairs t, bool direct, uint32_t a, uint32_t b)
{
    if (direct) {
        const ngm_cell *c = &t.cells[a * t.width + b];
        return (0u - (uint32_t)(c->gen == t.gen)) & c->id; /* a select would be a branch */
    }
    uint64_t key = (uint64_t)a << 32 | b;
    const ngm_slot *s = &t.slots[probe(t, key)];
    return (0u - (uint32_t)(s->key == key)) & s->id;
}

/* One occurrence of n-gram x in the reference of stamp `st`, with several
 * references (the count is the highest of any one of them). */
static inline void count_ref_max(ngm_order *o, uint32_t x, uint32_t st)
{
    if (o->stamp[x] != st) {
        o->stamp[x] = st;
        o->cnt[x] = 0;
    }
    if (++o->cnt[x] > o->node[x].ref) o->node[x].ref = o->cnt[x];
}

/* One hypothesis occurrence of n-gram x, clipped by the reference count. */
static inline uint32_t count_hyp(ngm_node *node, uint32_t x)
{
    uint32_t hit = node[x].used < node[x].ref;
    node[x].used += hit;
    return hit;
}

/* The reference side of order n+1 for one reference: the candidate
 * positions are 0..ncand-1 (`pos` NULL: order 2, ids of order 1 read from
 * `in`) or pos[0..ncand), and a candidate whose n-gram, or whose
 * successor's, is not shared (p[].used == 0) drops out. The ids of order
 * n+1 go to ids[], the surviving positions to out[]; returns how many.
 * `direct`, `multi` (several references) and `pos == NULL` are constants
 * once inlined. */
static TQE_ALWAYS_INLINE size_t ref_pass(ngram_match *m, ngm_order *q, const ngm_node *p,
                                         const uint32_t *in, uint32_t *ids, const uint32_t *pos,
                                         size_t ncand, uint32_t *out, bool direct, bool multi,
                                         uint32_t *nq, uint32_t st)
{
    size_t nout = 0;
    ngm_node *node = q->node;
    pairs t = pairs_of(m);
    uint32_t n = *nq;
    for (size_t k = 0; k < ncand; k++) {
        uint32_t i = pos ? pos[k] : (uint32_t)k, a = in[i], b = in[i + 1];
        uint32_t shared = (p[a].used != 0) & (p[b].used != 0);
        uint32_t x = pair_id(t, direct, a, b, &n);
        if (!multi)
            node[x].ref += shared;
        else if (shared)
            count_ref_max(q, x, st);
        ids[i] = x & (0u - shared); /* x or 0, without a branch */
        out[nout] = i;
        nout += shared;
    }
    *nq = n;
    return nout;
}

/* The hypothesis side of order n+1, as ref_pass but looking the pairs up
 * and adding the clipped matches to *matched. An n-gram is shared iff the
 * references counted it (ref > 0). */
static TQE_ALWAYS_INLINE size_t hyp_pass(const ngram_match *m, ngm_node *node, const uint32_t *in,
                                         uint32_t *ids, const uint32_t *pos, size_t ncand,
                                         uint32_t *out, bool direct, uint64_t *matched)
{
    size_t nout = 0;
    uint64_t mt = 0;
    pairs t = pairs_of(m);
    for (size_t k = 0; k < ncand; k++) {
        uint32_t i = pos ? pos[k] : (uint32_t)k;
        uint32_t x = pair_find(t, direct, in[i], in[i + 1]);
        uint32_t shared = node[x].ref != 0;
        mt += count_hyp(node, x);
        ids[i] = x & (0u - shared);
        out[nout] = i;
        nout += shared;
    }
    *matched += mt;
    return nout;
}

/* One reference's candidates with the loop specialized for the common
 * cases (one reference; direct table). */
static size_t ref_candidates(ngram_match *m, ngm_order *q, const ngm_node *p, const uint32_t *in,
                             uint32_t *ids, const uint32_t *pos, size_t ncand, uint32_t *out,
                             bool direct, size_t nrefs, uint32_t *nq)
{
    if (nrefs > 1)
        return ref_pass(m, q, p, in, ids, pos, ncand, out, direct, true, nq, next_stamp(m));
    if (pos)
        return direct ? ref_pass(m, q, p, in, ids, pos, ncand, out, true, false, nq, 0)
                      : ref_pass(m, q, p, in, ids, pos, ncand, out, false, false, nq, 0);
    return direct ? ref_pass(m, q, p, in, ids, NULL, ncand, out, true, false, nq, 0)
                  : ref_pass(m, q, p, in, ids, NULL, ncand, out, false, false, nq, 0);
}

static size_t hyp_candidates(const ngram_match *m, ngm_node *node, const uint32_t *in,
                             uint32_t *ids, const uint32_t *pos, size_t ncand, uint32_t *out,
                             bool direct, uint64_t *matched)
{
    if (pos)
        return direct ? hyp_pass(m, node, in, ids, pos, ncand, out, true, matched)
                      : hyp_pass(m, node, in, ids, pos, ncand, out, false, matched);
    return direct ? hyp_pass(m, node, in, ids, NULL, ncand, out, true, matched)
                  : hyp_pass(m, node, in, ids, NULL, ncand, out, false, matched);
}

/* Order n+1 from order n, whose ids are 0..width-1, into ord[n % 2]. Order
 * 2 (n == 1) reads the caller's ids and tries every position but each
 * sequence's last; its ids go to rids/hids (each reference followed by a 0,
 * the last position 0 too) and the positions that have one to rpos/hpos.
 * Later orders rewrite rids/hids in place at the listed positions only;
 * unlisted positions hold 0, so in[i + 1] can always be read. The
 * references first: they define the n-grams. Returns the width of order
 * n+1, or 0 when out of memory. */
static uint32_t next_order(ngram_match *m, int n, uint32_t width, const uint32_t *hyp, size_t nh,
                           const uint32_t *const *refs, const size_t *nr, size_t nrefs,
                           uint64_t *match)
{
    size_t cand = 0;
    for (size_t r = 0; r < nrefs; r++) cand += n == 1 ? (nr[r] ? nr[r] - 1 : 0) : m->rnpos[r];
    ngm_order *q = &m->ord[n & 1];
    const ngm_node *p = m->ord[(n - 1) & 1].node;
    int direct = pairs_reset(m, width, cand);
    if (direct < 0 || nodes_reset(q, cand + 1, nrefs)) return 0;
    uint32_t *ids = m->rids, *pos = m->rpos, nq = 0;
    size_t off = 0, k = 0, npos = 0;
    for (size_t r = 0; r < nrefs; r++) {
        size_t ncand = n == 1 ? (nr[r] ? nr[r] - 1 : 0) : m->rnpos[r], got;
        if (n == 1) {
            got = ref_candidates(m, q, p, refs[r], ids + off, NULL, ncand, pos + npos, direct,
                                 nrefs, &nq);
            /* Positions relative to rids; the last one and the separator hold 0. */
            for (size_t j = 0; j < got; j++) pos[npos + j] += (uint32_t)off;
            if (nr[r]) ids[off + nr[r] - 1] = 0;
            ids[off + nr[r]] = 0;
            off += nr[r] + 1;
        } else {
            got = ref_candidates(m, q, p, ids, ids, pos + k, ncand, pos + npos, direct, nrefs, &nq);
            k += ncand;
        }
        npos += got;
        m->rnpos[r] = got;
    }
    size_t hc = npos == 0 ? 0 : n > 1 ? m->hnpos : nh ? nh - 1 : 0;
    m->hnpos = hyp_candidates(m, q->node, n == 1 ? hyp : m->hids, m->hids, n == 1 ? NULL : m->hpos,
                              hc, m->hpos, direct, &match[n]);
    if (n == 1) {
        if (nh) m->hids[nh - 1] = 0;
        m->hids[nh] = 0;
    }
    return nq + 1;
}

static int grow_scratch(ngram_match *m, size_t nh, size_t nrefs, size_t total)
{
    if (total + nrefs >= UINT32_MAX / 2 || nh >= UINT32_MAX / 2) return TQE_ENOMEM;
    if (tqe_grow((void **)&m->rids, &m->caprids, total + nrefs, sizeof(uint32_t)) ||
        tqe_grow((void **)&m->rpos, &m->caprpos, total + 1, sizeof(uint32_t)) ||
        tqe_grow((void **)&m->hids, &m->caphids, nh + 1, sizeof(uint32_t)) ||
        tqe_grow((void **)&m->hpos, &m->caphpos, nh + 1, sizeof(uint32_t)) ||
        tqe_grow((void **)&m->rnpos, &m->caprnpos, nrefs, sizeof(size_t)))
        return TQE_ENOMEM;
    return TQE_OK;
}

/* Order 1: the ids themselves. */
static int first_order(ngram_match *m, uint64_t *match, const uint32_t *hyp, size_t nh,
                       const uint32_t *const *refs, const size_t *nr, size_t nrefs, uint32_t nids)
{
    ngm_order *o = &m->ord[0];
    if (nodes_reset(o, (size_t)nids + 1, nrefs)) return TQE_ENOMEM;
    for (size_t r = 0; r < nrefs; r++) {
        if (nrefs == 1) {
            for (size_t i = 0; i < nr[r]; i++) o->node[refs[r][i]].ref++;
            continue;
        }
        uint32_t st = next_stamp(m);
        for (size_t i = 0; i < nr[r]; i++) count_ref_max(o, refs[r][i], st);
    }
    uint64_t matched = 0;
    for (size_t i = 0; i < nh; i++) matched += count_hyp(o->node, hyp[i]);
    match[0] = matched;
    return TQE_OK;
}

int ngram_match_count(ngram_match *m, uint64_t *match, int maxn, const uint32_t *hyp, size_t nh,
                      const uint32_t *const *refs, const size_t *nr, size_t nrefs, uint32_t nids)
{
    assert(maxn >= 1 && nrefs >= 1);
    for (int n = 0; n < maxn; n++) match[n] = 0;
    size_t total = 0;
    for (size_t r = 0; r < nrefs; r++) total += nr[r];
    if (grow_scratch(m, nh, nrefs, total) || first_order(m, match, hyp, nh, refs, nr, nrefs, nids))
        return TQE_ENOMEM;
    uint32_t width = nids + 1;
    for (int n = 1; n < maxn && match[n - 1] > 0; n++)
        if (!(width = next_order(m, n, width, hyp, nh, refs, nr, nrefs, match))) return TQE_ENOMEM;
    return TQE_OK;
}
