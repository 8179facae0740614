/* test_ngram.c - shared n-gram counting (ngram.h) against a literal count
 * of every n-gram, on random id sequences: small alphabets for many
 * repeats, several references, empty sides, orders beyond the lengths. */
#include "testutil.h"

#include "ngram.h"

/* Occurrences of v[0..n) in s[0..len). */
static uint64_t occurrences(const uint32_t *s, size_t len, const uint32_t *v, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i + n <= len; i++) c += memcmp(s + i, v, n * sizeof(*v)) == 0;
    return c;
}

/* sum over distinct n-grams g of hyp: min(count in hyp, max count in one reference). */
static uint64_t literal(const uint32_t *hyp, size_t nh, const uint32_t *const *refs,
                        const size_t *nr, size_t nrefs, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i + n <= nh; i++) {
        if (occurrences(hyp, i + n - 1, hyp + i, n) > 0) continue; /* seen at an earlier position */
        uint64_t h = occurrences(hyp, nh, hyp + i, n), r = 0;
        for (size_t k = 0; k < nrefs; k++) {
            uint64_t c = occurrences(refs[k], nr[k], hyp + i, n);
            if (c > r) r = c;
        }
        total += h < r ? h : r;
    }
    return total;
}

static uint32_t rnd(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*state >> 33);
}

static void test_random(void **state)
{
    (void)state;
    ngram_match m;
    memset(&m, 0, sizeof(m));
    uint64_t seed = 42;
    enum { MAXLEN = 300, MAXREFS = 4, MAXN = 8 };
    static uint32_t hyp[MAXLEN], ref[MAXREFS][MAXLEN];
    for (int iter = 0; iter < 3000; iter++) {
        /* Small alphabets repeat n-grams; long sequences over a large one
         * have more than 255 distinct n-grams an order (hashed pairs). */
        bool big = iter % 10 == 0;
        uint32_t alphabet = 1 + rnd(&seed) % (iter % 3 == 0 ? 3 : iter % 20 == 0 ? 900 : 40);
        size_t nrefs = 1 + rnd(&seed) % MAXREFS, nr[MAXREFS];
        size_t nh = rnd(&seed) % (big ? MAXLEN : 30);
        const uint32_t *refs[MAXREFS];
        for (size_t k = 0; k < nrefs; k++) {
            nr[k] = rnd(&seed) % (big ? MAXLEN : 30);
            for (size_t i = 0; i < nr[k]; i++) ref[k][i] = 1 + rnd(&seed) % alphabet;
            refs[k] = ref[k];
        }
        /* Hypothesis ids: 0 stands for items the references lack. */
        for (size_t i = 0; i < nh; i++) hyp[i] = rnd(&seed) % (alphabet + 1);
        int maxn = 1 + (int)(rnd(&seed) % MAXN);
        uint64_t got[MAXN];
        assert_int_equal(ngram_match_count(&m, got, maxn, hyp, nh, refs, nr, nrefs, alphabet), 0);
        for (int n = 1; n <= maxn; n++) {
            uint64_t want = literal(hyp, nh, refs, nr, nrefs, (size_t)n);
            if (got[n - 1] != want)
                fail_msg("iteration %d, order %d: %llu matches, expected %llu", iter, n,
                         (unsigned long long)got[n - 1], (unsigned long long)want);
        }
    }
    ngram_match_free(&m);
}

/* Ids of 16 bits and more, and a table reused after a large segment. */
static void test_large_ids(void **state)
{
    (void)state;
    ngram_match m;
    memset(&m, 0, sizeof(m));
    enum { N = 70000 };
    uint32_t *h = malloc(N * sizeof(*h)), *r = malloc(N * sizeof(*r));
    assert_non_null(h);
    assert_non_null(r);
    for (uint32_t i = 0; i < N; i++) {
        r[i] = i + 1;
        h[i] = i % 7 == 3 ? 0 : i + 1; /* every 7th item unknown to the reference */
    }
    const uint32_t *refs[1] = {r};
    size_t nr[1] = {N};
    uint64_t got[4];
    assert_int_equal(ngram_match_count(&m, got, 4, h, N, refs, nr, 1, N), 0);
    /* All items distinct: the matches of order n are the n-grams within
     * runs of known items. */
    for (int n = 1; n <= 4; n++) {
        uint64_t want = 0, run = 0;
        for (uint32_t i = 0; i <= N; i++) {
            if (i < N && h[i]) {
                run++;
                continue;
            }
            want += run >= (uint64_t)n ? run - (uint64_t)n + 1 : 0;
            run = 0;
        }
        assert_int_equal(got[n - 1], want);
    }
    uint32_t small_h[3] = {1, 2, 1}, small_r[2] = {1, 2};
    refs[0] = small_r;
    nr[0] = 2;
    assert_int_equal(ngram_match_count(&m, got, 4, small_h, 3, refs, nr, 1, 2), 0);
    assert_int_equal(got[0], 2);
    assert_int_equal(got[1], 1);
    assert_int_equal(got[2], 0);
    free(h);
    free(r);
    ngram_match_free(&m);
}

/* Word interning: the same id exactly for the same bytes, on random words
 * that share heads and tails of 8 bytes (lengths 1..40 over a 2-letter
 * alphabet, and words of 17..20 bytes differing only in the middle), each looked up from its own
 * exactly sized buffer so that a read past the word's text shows under AddressSanitizer. */
static void test_words(void **state)
{
    (void)state;
    enum { NW = 400 };
    static char words[NW][41];
    static size_t lens[NW];
    word_table t;
    memset(&t, 0, sizeof(t));
    uint64_t seed = 7;
    for (int round = 0; round < 50; round++) {
        /* One text holding every word, as a tokenized segment would. */
        tqe_buf text = TQE_BUF_INIT;
        size_t off[NW];
        for (int w = 0; w < NW; w++) {
            lens[w] = 1 + rnd(&seed) % (w % 2 ? 40 : 12);
            for (size_t i = 0; i < lens[w]; i++) words[w][i] = "ab"[rnd(&seed) % 2];
            if (w % 4 == 3) {
                /* Same head and tail, different middles. */
                lens[w] = 17 + rnd(&seed) % 4;
                memset(words[w], 'a', 8);
                memset(words[w] + lens[w] - 8, 'b', 8);
            }
            off[w] = text.len;
            tqe_buf_append(&text, words[w], lens[w]);
        }
        assert_int_equal(word_table_reset(&t, NW), 0);
        uint32_t ids[NW];
        for (int w = 0; w < NW; w++)
            ids[w] = word_table_insert(&t, text.data + off[w], lens[w], text.data + text.len);
        for (int w = 0; w < NW; w++) {
            size_t n = lens[w] <= 40 ? lens[w] : 40; /* (a bound GCC's -Warray-bounds wants) */
            char *own = malloc(n);
            assert_non_null(own);
            memcpy(own, words[w], n);
            assert_int_equal(word_table_find(&t, own, n, own + n), ids[w]);
            free(own);
            for (int v = 0; v < w; v++) {
                bool same = lens[v] == lens[w] && memcmp(words[v], words[w], lens[w]) == 0;
                if (same != (ids[v] == ids[w]))
                    fail_msg("round %d: words %d and %d (%.*s, %.*s): ids %u and %u", round, v, w,
                             (int)lens[v], words[v], (int)lens[w], words[w], ids[v], ids[w]);
            }
        }
        const char *c = "c";
        assert_int_equal(word_table_find(&t, c, 1, c + 1), 0);
        tqe_buf_free(&text);
    }
    word_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_large_ids),
        cmocka_unit_test(test_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
