/* ngram.h - open-addressing tables for the hot paths of BLEU and chrF.
 *
 * Both tables are reset per segment by bumping a generation number instead of
 * clearing memory, and only grow, so that scoring a corpus allocates nothing
 * once the tables have reached the size of the largest segment. */
#ifndef TQE_NGRAM_H
#define TQE_NGRAM_H

#include "internal.h"

/* ---- n-gram counts keyed by an exact 128-bit key ---- */

typedef struct ng_slot {
    uint64_t k0, k1;
    uint32_t gen;       /* slot is live iff gen == table gen */
    uint32_t count;     /* reference count (BLEU: max over references) */
    uint32_t aux_stamp; /* aux is valid iff aux_stamp == the current stamp */
    uint32_t aux;       /* per-reference count while inserting, used count while matching */
} ng_slot;

typedef struct ng_table {
    ng_slot *slots;
    size_t cap;  /* allocated slots, a power of two */
    size_t mask; /* this segment uses slots[0..mask]: small segments stay in L1 */
    size_t live;
    uint32_t gen;
    uint32_t stamp;
} ng_table;

void ng_table_free(ng_table *t);
/* Start a new segment able to hold `expect` keys without growing. */
int ng_table_reset(ng_table *t, size_t expect);

static inline size_t ng_hash(uint64_t k0, uint64_t k1, size_t mask)
{
    /* Multiplicative hashing; the high bits are the well-mixed ones. */
    uint64_t h = (k0 ^ (k1 * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 40 ^ h >> 17) & mask;
}

/* The slot of a key, or NULL. */
static inline ng_slot *ng_find(ng_table *t, uint64_t k0, uint64_t k1)
{
    size_t mask = t->mask;
    for (size_t i = ng_hash(k0, k1, mask);; i = (i + 1) & mask) {
        ng_slot *s = &t->slots[i];
        if (s->gen != t->gen) return NULL;
        if (s->k0 == k0 && s->k1 == k1) return s;
    }
}

/* The slot of a key, inserted with count 0 if new. The table must have room
 * (ng_table_reset with a large enough `expect`). */
static inline ng_slot *ng_insert(ng_table *t, uint64_t k0, uint64_t k1)
{
    size_t mask = t->mask;
    for (size_t i = ng_hash(k0, k1, mask);; i = (i + 1) & mask) {
        ng_slot *s = &t->slots[i];
        if (s->gen != t->gen) {
            s->gen = t->gen;
            s->k0 = k0;
            s->k1 = k1;
            s->count = 0;
            s->aux_stamp = 0;
            s->aux = 0;
            t->live++;
            return s;
        }
        if (s->k0 == k0 && s->k1 == k1) return s;
    }
}

/* A fresh stamp for per-reference or per-hypothesis counting in aux. */
static inline uint32_t ng_new_stamp(ng_table *t)
{
    return ++t->stamp;
}

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
int word_table_reset(word_table *t, size_t expect);
/* The id of a word, interning it when `insert` (the table must have room);
 * 0 when absent and not inserted. */
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

#endif
