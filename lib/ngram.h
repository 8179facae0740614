/* ngram.h - interning and shared n-gram counting for the hot paths of BLEU
 * and chrF.
 *
 * A segment's words (or characters) are interned to small ids, 1, 2, ...
 * Clipped matches, sum over n-grams g of min(hyp count of g, reference count
 * of g), are then computed one order at a time over the n-grams both sides
 * share (ngram_match). All tables are reset per segment by bumping a
 * generation number instead of clearing memory, and only grow, so that
 * scoring a corpus allocates nothing once they have reached the size of the
 * largest segment. */
#ifndef TQE_NGRAM_H
#define TQE_NGRAM_H

#include "internal.h"

/* ---- words interned to small integer ids (1, 2, ...) ---- */

typedef struct word_slot {
    const char *ptr; /* borrowed from the caller's text, valid for the segment */
    uint64_t head;   /* the first (up to) 8 bytes: words that short compare without memcmp */
    uint32_t len;
    uint32_t gen;
    uint32_t id;
    uint32_t hash;
} word_slot;

typedef struct word_table {
    word_slot *slots;
    size_t cap;
    size_t mask;
    uint32_t gen;
    uint32_t next_id;
} word_table;

void word_table_free(word_table *t);
/* Start a new segment able to hold `expect` words without growing. */
int word_table_reset(word_table *t, size_t expect);
uint64_t hash_bytes(const char *p, size_t len);

/* Load 1..8 bytes into the low end of a word without reading past p+len
 * (distinct for distinct strings of one length). */
static inline uint64_t load_head(const char *p, size_t len)
{
    const unsigned char *u = (const unsigned char *)p;
    if (len >= 8) {
        uint64_t w;
        memcpy(&w, u, 8);
        return w;
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, u, 4);
        memcpy(&b, u + len - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (len == 0) return 0;
    return u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16;
}

/* The id of a word, interning it when `insert` (the table must have room);
 * 0 when absent and not inserted. */
static inline uint32_t word_table_id(word_table *t, const char *p, size_t len, bool insert)
{
    uint64_t head = load_head(p, len);
    uint64_t h64 = len <= 8 ? (head ^ len << 56) * 0x9E3779B97F4A7C15ULL : hash_bytes(p, len);
    uint32_t h = (uint32_t)(h64 >> 32);
    size_t mask = t->mask;
    for (size_t i = (size_t)(h64 >> 40 ^ h64 >> 17) & mask;; i = (i + 1) & mask) {
        word_slot *s = &t->slots[i];
        if (s->gen != t->gen) {
            if (!insert) return 0;
            s->gen = t->gen;
            s->ptr = p;
            s->head = head;
            s->len = (uint32_t)len;
            s->hash = h;
            s->id = t->next_id++;
            return s->id;
        }
        if (s->hash == h && s->len == len && s->head == head &&
            (len <= 8 || memcmp(s->ptr, p, len) == 0))
            return s->id;
    }
}

/* ---- code points interned to small integer ids (1, 2, ...) ---- */

typedef struct cp_slot {
    uint32_t cp, gen, id;
} cp_slot;

typedef struct cp_table {
    cp_slot *slots;
    size_t cap, mask;
    uint32_t gen;
    uint32_t next_id;
    uint32_t ascii_gen[128]; /* ASCII is mapped directly: no hashing for most text */
    uint32_t ascii_id[128];
} cp_table;

void cp_table_free(cp_table *t);
/* Start a new segment able to hold `expect` distinct code points. */
int cp_table_reset(cp_table *t, size_t expect);
/* The id of a non-ASCII code point (see cp_table_id). */
uint32_t cp_table_id_slow(cp_table *t, uint32_t cp, bool insert);

/* The id of a code point, interning it when `insert`; 0 when absent and
 * not inserted. */
static inline uint32_t cp_table_id(cp_table *t, uint32_t cp, bool insert)
{
    if (cp >= 128) return cp_table_id_slow(t, cp, insert);
    if (t->ascii_gen[cp] == t->gen) return t->ascii_id[cp];
    if (!insert) return 0;
    t->ascii_gen[cp] = t->gen;
    return t->ascii_id[cp] = t->next_id++;
}

/* ---- clipped matches of shared n-grams (ngram_match.c) ----
 *
 * An n-gram occurs on both sides only if both (n-1)-grams it contains do.
 * So order n is computed only at the positions whose two (n-1)-grams are
 * shared, and identifies the n-gram there by the pair of their ids (the
 * (n-1)-gram at i and the one at i+1 determine the n-gram at i, and
 * conversely): small keys whatever n is, and the work shrinks with the
 * order instead of growing with it. The n-grams of each order get dense
 * ids 1, 2, ..., so a pair is found in a directly indexed table while the
 * previous order has fewer than 256 of them (nearly always), else by
 * hashing. */

/* An n-gram's reference count (the highest of any one reference) and the
 * hypothesis occurrences matched so far (<= ref). Id 0 is "no shared
 * n-gram": ref = used = 0. */
typedef struct ngm_node {
    uint32_t ref, used;
} ngm_node;

/* The n-grams of one order. */
typedef struct ngm_order {
    ngm_node *node;
    size_t cap;
    uint32_t *cnt;   /* several references: count in the reference being read */
    uint32_t *stamp; /* ... and which reference (ngram_match.stamp) cnt is for */
    size_t capcnt;
} ngm_order;

typedef struct ngm_cell {
    uint32_t gen, id; /* direct table: id is valid iff gen is the current one */
} ngm_cell;

typedef struct ngm_slot {
    uint64_t key; /* hashed table: 0 is a free slot */
    uint32_t id, pad;
} ngm_slot;

typedef struct ngram_match {
    ngm_order ord[2]; /* orders 1, 3, 5... in [0], 2, 4, 6... in [1] */
    ngm_cell *cells;  /* direct table: (a, b) at a * width + b, width <= 256 */
    uint32_t width, gen;
    ngm_slot *slots; /* hashed table, slots[0..mask] */
    size_t capslots, mask;
    unsigned shift;
    uint32_t stamp;
    /* Per side: n-gram ids by position (0: not shared), rewritten in place
     * order by order, and the positions whose id is not 0. References
     * follow each other in rids, each followed by a 0. */
    uint32_t *rids, *rpos, *hids, *hpos;
    size_t caprids, caprpos, caphids, caphpos;
    size_t *rnpos; /* positions listed per reference */
    size_t caprnpos, hnpos;
} ngram_match;

void ngram_match_free(ngram_match *m);

/* Clipped matches between a hypothesis and references given as id
 * sequences: match[n-1] = sum over the distinct n-grams g of
 * min(count of g in hyp, highest count of g in any one reference) for
 * n = 1..maxn. Reference ids are in 1..nids; hypothesis ids are in 0..nids,
 * 0 for an item absent from every reference. Returns 0 or TQE_ENOMEM. */
int ngram_match_count(ngram_match *m, uint64_t *match, int maxn, const uint32_t *hyp, size_t nh,
                      const uint32_t *const *refs, const size_t *nr, size_t nrefs, uint32_t nids);

#endif
