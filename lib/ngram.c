/* ngram.c - interning tables and shared n-gram counting (see ngram.h). */
#include "ngram.h"

static size_t pow2_at_least(size_t n)
{
    size_t c = 64;
    while (c < n) c <<= 1;
    return c;
}

void word_table_free(word_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

int word_table_reset(word_table *t, size_t expect)
{
    /* Load factor at most 1/2 keeps linear probing short. */
    size_t need = pow2_at_least(expect * 2 + 1);
    if (need > t->cap) {
        /* Slots of older generations may sit anywhere in the new prefix, so
         * growing starts from a zeroed array. */
        word_slot *s = calloc(need, sizeof(*s));
        if (!s) return TQE_ENOMEM;
        free(t->slots);
        t->slots = s;
        t->cap = need;
        t->gen = 0;
    }
    t->mask = need - 1;
    t->next_id = 1;
    if (++t->gen == 0) {
        /* 2^32 segments later: wipe once rather than confuse generations. */
        memset(t->slots, 0, t->cap * sizeof(*t->slots));
        t->gen = 1;
    }
    return TQE_OK;
}

uint64_t hash_bytes(const char *p, size_t len)
{
    /* Multiply-xorshift over 8-byte words; tokens are short, so the common
     * case is one overlapping load pair and one multiply. */
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (len * 0xFF51AFD7ED558CCDULL);
    while (len > 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xC2B2AE3D27D4EB4FULL;
        h ^= h >> 32;
        p += 8;
        len -= 8;
    }
    h = (h ^ load_head(p, len)) * 0x94D049BB133111EBULL;
    h ^= h >> 29;
    return h;
}

/* ---- code points ---- */

void cp_table_free(cp_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

int cp_table_reset(cp_table *t, size_t expect)
{
    size_t need = pow2_at_least(expect * 2 + 1);
    if (need > t->cap) {
        cp_slot *s = calloc(need, sizeof(*s));
        if (!s) return TQE_ENOMEM;
        free(t->slots);
        t->slots = s;
        t->cap = need;
        /* The ASCII stamps share the generation: restart both. */
        memset(t->ascii_gen, 0, sizeof(t->ascii_gen));
        t->gen = 0;
    }
    t->mask = need - 1;
    t->next_id = 1;
    if (++t->gen == 0) {
        memset(t->slots, 0, t->cap * sizeof(*t->slots));
        memset(t->ascii_gen, 0, sizeof(t->ascii_gen));
        t->gen = 1;
    }
    return TQE_OK;
}

uint32_t cp_table_id_slow(cp_table *t, uint32_t cp, bool insert)
{
    size_t mask = t->mask;
    for (size_t i = (size_t)((cp * 0x9E3779B1u) >> 7) & mask;; i = (i + 1) & mask) {
        cp_slot *s = &t->slots[i];
        if (s->gen != t->gen) {
            if (!insert) return 0;
            s->gen = t->gen;
            s->cp = cp;
            return s->id = t->next_id++;
        }
        if (s->cp == cp) return s->id;
    }
}

/* ---- shared n-grams ---- */

static void order_free(ngm_order *o)
{
    free(o->s);
    free(o->cnt);
    free(o->stamp);
}

void ngram_match_free(ngram_match *m)
{
    for (int k = 0; k < 3; k++) order_free(&m->ord[k]);
    free(m->rids);
    free(m->rpos);
    free(m->hids);
    free(m->hpos);
    free(m->rnpos);
    memset(m, 0, sizeof(*m));
}

/* Empty slots 0..nslots-1 of an order (and its per-reference counts when
 * there are several references). */
static int order_reset(ngm_order *o, size_t nslots, size_t nrefs)
{
    if (nslots > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (cap < nslots) cap *= 2;
        free(o->s);
        if (!(o->s = malloc(cap * sizeof(*o->s)))) {
            o->cap = 0;
            return TQE_ENOMEM;
        }
        o->cap = cap;
    }
    memset(o->s, 0, nslots * sizeof(*o->s));
    if (nrefs > 1 && nslots > o->capcnt) {
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

/* Size a hashed order for `expect` keys (load factor at most 1/2). */
static int hashed_reset(ngm_order *o, size_t expect, size_t nrefs)
{
    size_t n = 64;
    unsigned bits = 6;
    while (n < 2 * expect) {
        n *= 2;
        bits++;
    }
    o->mask = n - 1;
    o->shift = 64 - bits;
    return order_reset(o, n + 1, nrefs);
}

/* The id of n-gram `key`, inserted if absent. (Key 0, a pair of two 0
 * ids, gets a free slot that stays free: its position is never counted.)
 * Most probes end at the first slot, so the loop has one exit test. */
static inline uint32_t pair_insert(ngm_order *o, uint64_t key)
{
    size_t mask = o->mask, i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> o->shift);
    ngm_slot *s = o->s + 1;
    for (uint64_t k = s[i].key; k != key && k != 0; k = s[i].key) i = (i + 1) & mask;
    s[i].key = key;
    return (uint32_t)(i + 1);
}

/* The id of n-gram `key`, or the id of a free slot (ref == 0) if absent. */
static inline uint32_t pair_find(const ngm_order *o, uint64_t key)
{
    size_t mask = o->mask, i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> o->shift);
    const ngm_slot *s = o->s + 1;
    for (uint64_t k = s[i].key; k != key && k != 0; k = s[i].key) i = (i + 1) & mask;
    return (uint32_t)(i + 1);
}

/* One occurrence of n-gram x in the reference of stamp `st`, with several
 * references (the count is the highest of any one of them). */
static inline void count_ref_max(ngm_order *o, uint32_t x, uint32_t st)
{
    if (o->stamp[x] != st) {
        o->stamp[x] = st;
        o->cnt[x] = 0;
    }
    if (++o->cnt[x] > o->s[x].ref) o->s[x].ref = o->cnt[x];
}

/* One hypothesis occurrence of n-gram x, clipped by the reference count. */
static inline uint32_t count_hyp(ngm_slot *s, uint32_t x)
{
    uint32_t hit = s[x].used < s[x].ref;
    s[x].used += hit;
    return hit;
}

static uint32_t next_stamp(ngram_match *m)
{
    if (++m->stamp == 0) {
        /* Wrapped: forget every stamp once. */
        for (int k = 0; k < 3; k++)
            if (m->ord[k].stamp) memset(m->ord[k].stamp, 0, m->ord[k].capcnt * sizeof(uint32_t));
        m->stamp = 1;
    }
    return m->stamp;
}

/* The reference side of order n+1 (n >= 1) for one reference, in q: the
 * candidate positions are 0..ncand-1 (`pos` NULL, order 2, ids of order n
 * read from `in`) or pos[0..ncand), and a candidate whose n-gram, or whose
 * successor's, is not shared (p[].used == 0) drops out. The ids of order
 * n+1 are written to ids[], the surviving positions to out[]; returns how
 * many. A candidate that drops out still gets a key, counted 0 times: the
 * loop has no unpredictable branch. `multi` (several references) is a
 * constant once inlined. */
static inline size_t ref_pass(ngm_order *q, const ngm_slot *p, const uint32_t *in, uint32_t *ids,
                              const uint32_t *pos, size_t ncand, uint32_t *out, bool multi,
                              uint32_t st)
{
    size_t nout = 0;
    for (size_t k = 0; k < ncand; k++) {
        uint32_t i = pos ? pos[k] : (uint32_t)k, a = in[i], b = in[i + 1];
        uint32_t shared = (p[a].used != 0) & (p[b].used != 0);
        uint32_t x = pair_insert(q, (uint64_t)a << 32 | b);
        if (!multi)
            q->s[x].ref += shared;
        else if (shared)
            count_ref_max(q, x, st);
        ids[i] = shared ? x : 0;
        out[nout] = i;
        nout += shared;
    }
    return nout;
}

/* The hypothesis side of order n+1, as ref_pass but looking n-grams up and
 * adding the clipped matches to *matched. An n-gram is shared iff the
 * references counted it (ref > 0); id 0 and free slots have ref == 0. */
static inline size_t hyp_pass(ngm_order *q, const uint32_t *in, uint32_t *ids, const uint32_t *pos,
                              size_t ncand, uint32_t *out, uint64_t *matched)
{
    size_t nout = 0;
    uint64_t mt = 0;
    ngm_slot *s = q->s;
    for (size_t k = 0; k < ncand; k++) {
        uint32_t i = pos ? pos[k] : (uint32_t)k, a = in[i], b = in[i + 1];
        uint32_t x = pair_find(q, (uint64_t)a << 32 | b);
        uint32_t shared = s[x].ref != 0;
        mt += count_hyp(s, x);
        ids[i] = shared ? x : 0;
        out[nout] = i;
        nout += shared;
    }
    *matched += mt;
    return nout;
}

/* Order n+1 from order n: the references first (they define the n-grams),
 * then the hypothesis. Order 2 reads the caller's ids and tries every
 * position; later orders rewrite rids/hids in place at the positions listed
 * in rpos/hpos. Unlisted positions hold 0, and so does the one after each
 * reference's last, so in[i + 1] can always be read. */
static void next_order(ngram_match *m, int n, const uint32_t *hyp, size_t nh,
                       const uint32_t *const *refs, const size_t *nr, size_t nrefs, uint64_t *match)
{
    const ngm_slot *p = m->ord[n == 1 ? 0 : 1 + (n & 1)].s;
    ngm_order *q = &m->ord[1 + ((n + 1) & 1)];
    uint32_t *ids = m->rids, *pos = m->rpos;
    size_t off = 0, k = 0, npos = 0;
    for (size_t r = 0; r < nrefs; r++) {
        /* Order 2: every position but the last has a candidate. */
        size_t ncand = n == 1 ? (nr[r] ? nr[r] - 1 : 0) : m->rnpos[r];
        const uint32_t *in = n == 1 ? refs[r] : ids, *cand = n == 1 ? NULL : pos + k;
        uint32_t *to = n == 1 ? ids + off : ids;
        size_t got = nrefs == 1
                         ? ref_pass(q, p, in, to, cand, ncand, pos + npos, false, 0)
                         : ref_pass(q, p, in, to, cand, ncand, pos + npos, true, next_stamp(m));
        if (n == 1) {
            /* Positions relative to rids; the last one and the separator hold 0. */
            for (size_t j = 0; j < got; j++) pos[npos + j] += (uint32_t)off;
            if (nr[r]) ids[off + nr[r] - 1] = 0;
            ids[off + nr[r]] = 0;
        }
        off += nr[r] + 1;
        k += ncand;
        npos += got;
        m->rnpos[r] = got;
    }
    size_t ncand = npos == 0 ? 0 : n == 1 ? (nh ? nh - 1 : 0) : m->hnpos;
    uint64_t matched = 0;
    m->hnpos = hyp_pass(q, n == 1 ? hyp : m->hids, m->hids, n == 1 ? NULL : m->hpos, ncand, m->hpos,
                        &matched);
    if (n == 1) {
        if (nh) m->hids[nh - 1] = 0;
        m->hids[nh] = 0;
    }
    match[n] = matched;
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
    if (order_reset(o, (size_t)nids + 1, nrefs)) return TQE_ENOMEM;
    for (size_t r = 0; r < nrefs; r++) {
        if (nrefs == 1) {
            for (size_t i = 0; i < nr[r]; i++) o->s[refs[r][i]].ref++;
            continue;
        }
        uint32_t st = next_stamp(m);
        for (size_t i = 0; i < nr[r]; i++) count_ref_max(o, refs[r][i], st);
    }
    uint64_t matched = 0;
    for (size_t i = 0; i < nh; i++) matched += count_hyp(o->s, hyp[i]);
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
    if (maxn == 1 || match[0] == 0) return TQE_OK;
    for (int n = 1; n < maxn && match[n - 1] > 0; n++) {
        /* A key per candidate reference position at most. */
        size_t cand = n == 1 ? total : 0;
        for (size_t r = 0; n > 1 && r < nrefs; r++) cand += m->rnpos[r];
        if (hashed_reset(&m->ord[1 + ((n + 1) & 1)], cand, nrefs)) return TQE_ENOMEM;
        next_order(m, n, hyp, nh, refs, nr, nrefs, match);
    }
    return TQE_OK;
}
