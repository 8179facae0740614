/* ngram.h - interning and shared n-gram counting for the hot paths of BLEU
 * and chrF.
 *
 * A segment's words (or characters) are interned to small ids, 1, 2, ...
 * Clipped matches, sum over n-grams g of min(hyp count of g, reference count
 * of g), are then computed one order at a time over the n-grams both sides
 * share (ngram_match). The word and code point tables and the direct pair
 * table are reset per segment by bumping a generation number; the per-order
 * node arrays and the hashed pair table are cleared to the segment's size.
 * All only grow, so that scoring a corpus allocates nothing once they have
 * reached the size of the largest segment. */
#ifndef TQE_NGRAM_H
#define TQE_NGRAM_H

#include "internal.h"

/* ---- words interned to small integer ids (1, 2, ...) ----
 *
 * A word is keyed by its length and bytes 0..7, 8..15 and len-8..len-1
 * (zero when the word is shorter), which identify words of up to 24 bytes;
 * longer ones (rare) also compare the rest. Keys are built and compared
 * without branching on the length, as token lengths are unpredictable. */

typedef struct word_slot {
    uint64_t head, mid, tail; /* the key (see word_key) */
    const char *ptr;          /* borrowed from the caller's text, valid for the segment */
    uint32_t len, gen, id, pad;
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

/* Bytes 0..7 (zero-padded), 8..15 (0 when len <= 16) and len-8..len-1 (0
 * when len <= 8) of a word, and a hash of them. */
typedef struct word_key {
    uint64_t head, mid, tail, hash;
} word_key;

/* The key of word p[0..len), len >= 1, in a text readable up to `end`. */
static inline word_key word_key_of(const char *p, size_t len, const char *end)
{
    word_key k;
    assert(len >= 1);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (end - p >= 8) {
        /* 8 bytes are readable: mask the word's first min(len, 8) of them
         * (little-endian: the low ones); the other two words are read at
         * offsets that stay inside the word, then masked. */
        uint64_t w, m, t;
        size_t n = (size_t)tqe_select(len < 8, len, 8);
        memcpy(&w, p, 8);
        memcpy(&m, p + (8 & (0 - (size_t)(len > 16))), 8);
        memcpy(&t, p + ((len - 8) & (0 - (size_t)(len > 8))), 8);
        k.head = w & (~0ULL >> (64 - 8 * n));
        k.mid = m & (0 - (uint64_t)(len > 16));
        k.tail = t & (0 - (uint64_t)(len > 8));
    } else
#endif
    {
        /* Near the end of the text (so len < 8), or big-endian: copy. */
        k.head = k.mid = k.tail = 0;
        memcpy(&k.head, p, len < 8 ? len : 8);
        if (len > 16) memcpy(&k.mid, p + 8, 8);
        if (len > 8) memcpy(&k.tail, p + len - 8, 8);
    }
    (void)end;
    uint64_t h =
        (k.head ^ (k.mid * 0xFF51AFD7ED558CCDULL) ^ (k.tail * 0xC2B2AE3D27D4EB4FULL) ^ len) *
        0x9E3779B97F4A7C15ULL;
    k.hash = h ^ h >> 29;
    return k;
}

/* The slot of word p[0..len) (key k), or the free slot where it belongs.
 * A probe stops at either, tested as one value (the key difference, forced
 * to 0 by a free slot): a single, mostly well-predicted branch, as finding
 * the word and not finding it are both common. Words of more than 24
 * bytes (rare) then compare the rest. */
static inline word_slot *word_probe(const word_table *t, const word_key *k, const char *p,
                                    size_t len)
{
    for (size_t i = (size_t)(k->hash >> 20) & t->mask;; i = (i + 1) & t->mask) {
        word_slot *s = &t->slots[i];
        uint64_t live = 0 - (uint64_t)(s->gen == t->gen);
        uint64_t diff =
            (s->head ^ k->head) | (s->mid ^ k->mid) | (s->tail ^ k->tail) | (s->len ^ len);
        if ((diff & live) != 0) continue;
        if (TQE_UNLIKELY((live & (len > 24)) != 0) && memcmp(s->ptr + 16, p + 16, len - 24) != 0)
            continue;
        return s;
    }
}

/* The id of word p[0..len) (len >= 1, text readable up to `end`), interned
 * if new; the table must have room. The slot is written either way, so
 * that "new word" needs no branch. */
static inline uint32_t word_table_insert(word_table *t, const char *p, size_t len, const char *end)
{
    word_key k = word_key_of(p, len, end);
    word_slot *s = word_probe(t, &k, p, len);
    bool fresh = s->gen != t->gen;
    uint32_t id = (uint32_t)tqe_select(fresh, t->next_id, s->id);
    const char *ptr = (const char *)(uintptr_t)tqe_select(fresh, (uintptr_t)p, (uintptr_t)s->ptr);
    t->next_id += fresh;
    *s = (word_slot){k.head, k.mid, k.tail, ptr, (uint32_t)len, t->gen, id, 0};
    return id;
}

/* The id of word p[0..len), or 0 if it was not interned. */
static inline uint32_t word_table_find(const word_table *t, const char *p, size_t len,
                                       const char *end)
{
    word_key k = word_key_of(p, len, end);
    const word_slot *s = word_probe(t, &k, p, len);
    return (uint32_t)(0 - (uint32_t)(s->gen == t->gen)) & s->id;
}

/* ---- code points interned to small integer ids (1, 2, ...) ----
 *
 * Code points of the Basic Multilingual Plane index a direct table of
 * (generation, id) cells: no hashing, and new/known is a select. The rest
 * (emoji, historic scripts: rare) are hashed. */

typedef struct cp_cell {
    uint32_t gen, id;
} cp_cell;

typedef struct cp_slot {
    uint32_t cp, gen, id;
} cp_slot;

typedef struct cp_table {
    cp_cell *bmp;   /* 65,536 cells, calloc'ed: untouched pages cost no memory */
    cp_slot *slots; /* code points from U+10000 */
    size_t cap, mask;
    uint32_t gen;
    uint32_t next_id;
} cp_table;

void cp_table_free(cp_table *t);
/* Start a new segment able to hold `expect` distinct code points. */
int cp_table_reset(cp_table *t, size_t expect);
/* The id of a code point from U+10000 (see cp_table_insert, cp_table_find). */
uint32_t cp_table_astral(cp_table *t, uint32_t cp, bool insert);

/* The id of a code point, interned if new. */
static inline uint32_t cp_table_insert(cp_table *t, uint32_t cp)
{
    if (cp >= 0x10000) return cp_table_astral(t, cp, true);
    cp_cell *c = &t->bmp[cp];
    uint32_t fresh = c->gen != t->gen, id = (uint32_t)tqe_select(fresh, t->next_id, c->id);
    t->next_id += fresh;
    c->gen = t->gen;
    c->id = id;
    return id;
}

/* The id of a code point, or 0 if it was not interned. */
static inline uint32_t cp_table_find(cp_table *t, uint32_t cp)
{
    if (cp >= 0x10000) return cp_table_astral(t, cp, false);
    const cp_cell *c = &t->bmp[cp];
    return (0u - (uint32_t)(c->gen == t->gen)) & c->id;
}

/* The ids of the code points of s[0..len) into ids (room for len),
 * whitespace dropped unless `keep_ws`, code points absent from the table 0
 * unless `insert`; returns how many. Whitespace is interned too but dropped
 * by not advancing the output (no branch on it). The table is read through
 * a local copy (the id stores would force reloads of its fields). */
static inline size_t cp_table_ids(cp_table *t, uint32_t *ids, const char *s, size_t len,
                                  bool keep_ws, bool insert)
{
    const unsigned char *u = (const unsigned char *)s;
    cp_table c = *t;
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i] < 0x80 ? u[i++] : tqe_u8_next(s, &i);
        bool ws = tqe_py_isspace(cp);
        ids[k] = insert ? cp_table_insert(&c, cp) : cp_table_find(&c, cp);
        k += keep_ws | !ws;
    }
    t->next_id = c.next_id;
    return k;
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
