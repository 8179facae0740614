/* bleu_floor.c - a floor under the time of any corpus BLEU: the least work
 * that scoring REF against HYP must do, done as fast as I know how.
 *
 * usage: bleu_floor REF HYP   (time it: /usr/bin/time bleu_floor REF HYP)
 *
 * It reads both files whole, splits each line on ASCII spaces only (none of
 * 13a's punctuation rules), interns each segment's reference words exactly
 * (tqe's word key: length and bytes 0-7, 8-15 and the last 8, the rest
 * compared) and counts the hypothesis's clipped unigram matches. It does not
 * validate UTF-8, count 2- to 4-grams, lowercase or compute a score: every
 * real BLEU does all that this does and more, so its time bounds tqe's from
 * below. The point is an honest answer to "how fast could BLEU be here".
 * Prints segments, tokens and unigram matches. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FLOOR_AVX2 1
#include <immintrin.h>
#endif

enum { PAD = 64, TABLE_BITS = 16 };

typedef struct slot {
    uint64_t head, mid, tail;
    const char *ptr;
    uint32_t len, gen, id, pad;
} slot;

typedef struct table {
    slot *slots;
    uint32_t *refcount, *used; /* per id */
    size_t mask;
    uint32_t gen, next_id;
} table;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + PAD))) {
        *len = fread(buf, 1, (size_t)size, f);
        memset(buf + *len, 0, PAD); /* keys and the vector split read past a word */
    }
    fclose(f);
    return buf;
}

/* tqe's word key (lib/ngram.h), restated so that this stays a stand-alone program. */
static inline slot key_of(const char *p, size_t len, uint64_t *hash)
{
    uint64_t w, m, t;
    size_t n = len < 8 ? len : 8;
    memcpy(&w, p, 8);
    memcpy(&m, p + (8 & (0 - (size_t)(len > 16))), 8);
    memcpy(&t, p + ((len - 8) & (0 - (size_t)(len > 8))), 8);
    slot k = {w & (~0ULL >> (64 - 8 * n)), m & (0 - (uint64_t)(len > 16)),
              t & (0 - (uint64_t)(len > 8)), p, (uint32_t)len, 0, 0, 0};
    uint64_t h = (k.head ^ (k.mid * 0xFF51AFD7ED558CCDULL) ^ (k.tail * 0xC2B2AE3D27D4EB4FULL) ^ len) *
                 0x9E3779B97F4A7C15ULL;
    *hash = h ^ h >> 29;
    return k;
}

/* The id of word p[0..len): interned with `insert`, else 0 when absent. */
static inline uint32_t word_id(table *t, const char *p, size_t len, bool insert)
{
    uint64_t hash;
    slot k = key_of(p, len, &hash);
    for (size_t i = (size_t)(hash >> 20) & t->mask;; i = (i + 1) & t->mask) {
        slot *s = &t->slots[i];
        if (s->gen != t->gen) {
            if (!insert) return 0;
            k.gen = t->gen;
            k.id = t->next_id++;
            t->refcount[k.id] = t->used[k.id] = 0;
            *s = k;
            return k.id;
        }
        if (((s->head ^ k.head) | (s->mid ^ k.mid) | (s->tail ^ k.tail) | (s->len ^ k.len)) == 0 &&
            (len <= 24 || memcmp(s->ptr + 16, p + 16, len - 24) == 0))
            return s->id;
    }
}

/* Words of s[0..len) split on ' ': start offsets to st, lengths to ln. */
static size_t split_scalar(const char *s, size_t len, uint32_t *st, uint32_t *ln)
{
    size_t n = 0, tok = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ' ') continue;
        st[n] = (uint32_t)tok;
        ln[n] = (uint32_t)(i - tok);
        n += i > tok;
        tok = i + 1;
    }
    return n;
}

#ifdef FLOOR_AVX2
__attribute__((target("avx2"))) static size_t split_avx2(const char *s, size_t len, uint32_t *st,
                                                         uint32_t *ln)
{
    size_t n = 0, tok = 0;
    const __m256i sp = _mm256_set1_epi8(' ');
    for (size_t at = 0; at < len; at += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + at)); /* PAD bytes follow the text */
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, sp));
        if (len - at < 32) m |= ~0u << (len - at); /* the end of the line breaks too */
        for (; m; m &= m - 1) {
            size_t i = at + (size_t)__builtin_ctz(m);
            if (i > len) break;
            st[n] = (uint32_t)tok;
            ln[n] = (uint32_t)(i - tok);
            n += i > tok;
            tok = i + 1;
        }
    }
    if (len > tok) st[n] = (uint32_t)tok, ln[n++] = (uint32_t)(len - tok);
    return n;
}
#endif

static size_t split(const char *s, size_t len, uint32_t *st, uint32_t *ln)
{
#ifdef FLOOR_AVX2
    if (__builtin_cpu_supports("avx2")) return split_avx2(s, len, st, ln);
#endif
    return split_scalar(s, len, st, ln);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bleu_floor REF HYP\n");
        return 2;
    }
    size_t nr, nh;
    char *ref = slurp(argv[1], &nr), *hyp = slurp(argv[2], &nh);
    size_t cap = (size_t)1 << TABLE_BITS;
    table t = {calloc(cap, sizeof(slot)), calloc(cap, 4), calloc(cap, 4), cap - 1, 0, 1};
    uint32_t *st = malloc(cap * 4), *ln = malloc(cap * 4);
    if (!ref || !hyp || !t.slots || !t.refcount || !t.used || !st || !ln) {
        fprintf(stderr, "bleu_floor: cannot read the files or allocate\n");
        return 2;
    }
    uint64_t segs = 0, toks = 0, matches = 0;
    for (size_t pr = 0, ph = 0; pr < nr && ph < nh; segs++) {
        const char *er = memchr(ref + pr, '\n', nr - pr), *eh = memchr(hyp + ph, '\n', nh - ph);
        size_t lr = er ? (size_t)(er - ref) - pr : nr - pr, lh = eh ? (size_t)(eh - hyp) - ph : nh - ph;
        if (lr >= cap / 2 || lh >= cap / 2) {
            fprintf(stderr, "bleu_floor: line %llu is too long for this sketch\n",
                    (unsigned long long)segs + 1);
            return 2;
        }
        size_t n = split(ref + pr, lr, st, ln);
        /* A table four times the words, as tqe sizes its own: small tables stay in cache. */
        t.gen++, t.next_id = 1, t.mask = 63;
        while (t.mask + 1 < 4 * n) t.mask = 2 * t.mask + 1;
        for (size_t k = 0; k < n; k++) t.refcount[word_id(&t, ref + pr + st[k], ln[k], true)]++;
        toks += n;
        n = split(hyp + ph, lh, st, ln);
        for (size_t k = 0; k < n; k++) {
            uint32_t id = word_id(&t, hyp + ph + st[k], ln[k], false);
            bool hit = id && t.used[id] < t.refcount[id];
            t.used[id] += hit;
            matches += hit;
        }
        toks += n;
        pr += lr + 1, ph += lh + 1;
    }
    printf("%llu segments, %llu tokens, %llu clipped unigram matches\n", (unsigned long long)segs,
           (unsigned long long)toks, (unsigned long long)matches);
    free(ref), free(hyp), free(t.slots), free(t.refcount), free(t.used), free(st), free(ln);
    return 0;
}
