/* bleu_floor.c - a floor under the time of any corpus BLEU: the least work
 * that scoring REF against HYP must do, with tqe's own pieces.
 *
 * usage: bleu_floor REF HYP   (time it: /usr/bin/time bleu_floor REF HYP)
 *
 * It reads both files whole, splits each line at whitespace (split_ws, the
 * `none` tokenizer: none of 13a's punctuation rules), interns each
 * segment's reference words in tqe's word table and counts the
 * hypothesis's clipped unigram matches. It does not validate UTF-8, count
 * 2- to 4-grams, lowercase or compute a score: every real BLEU does all
 * that this does and more, so its time bounds tqe's from below. The point
 * is an honest answer to "how fast could BLEU be here". Prints segments,
 * tokens and unigram matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ngram.h"
#include "tokenize.h"

enum { PAD = 64 };

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + PAD))) {
        *len = fread(buf, 1, (size_t)size, f);
        memset(buf + *len, 0, PAD); /* word keys read up to 8 bytes past a word */
    }
    fclose(f);
    return buf;
}

/* Room for n items in each growing array (ids are at most tokens + 1). */
static int grow(tok_slice **v, uint32_t **refcount, uint32_t **used, size_t *cap, size_t n)
{
    if (n <= *cap) return 0;
    size_t c = *cap ? *cap : 1024;
    while (c < n) c *= 2;
    tok_slice *a = realloc(*v, c * sizeof(*a));
    if (a) *v = a;
    uint32_t *b = a ? realloc(*refcount, c * sizeof(*b)) : NULL;
    if (b) *refcount = b;
    uint32_t *d = b ? realloc(*used, c * sizeof(*d)) : NULL;
    if (d) *used = d;
    if (!d) return -1;
    *cap = c;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bleu_floor REF HYP\n");
        return 2;
    }
    size_t nr = 0, nh = 0, cap = 0;
    char *ref = slurp(argv[1], &nr), *hyp = slurp(argv[2], &nh);
    word_table words = {0};
    tok_slice *v = NULL;
    uint32_t *refcount = NULL, *used = NULL;
    if (!ref || !hyp) {
        fprintf(stderr, "bleu_floor: cannot read %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    unsigned long long segs = 0, toks = 0, matches = 0;
    for (size_t pr = 0, ph = 0; pr < nr && ph < nh; segs++) {
        const char *r = ref + pr, *h = hyp + ph;
        const char *er = memchr(r, '\n', nr - pr), *eh = memchr(h, '\n', nh - ph);
        size_t lr = er ? (size_t)(er - r) : nr - pr, lh = eh ? (size_t)(eh - h) : nh - ph;
        if (grow(&v, &refcount, &used, &cap, (lr > lh ? lr : lh) + 2)) goto oom;
        size_t n = split_ws(v, r, lr, false);
        if (word_table_reset(&words, n)) goto oom;
        /* ids first: the table numbers words 1..next_id-1 as it meets them */
        for (size_t k = 0; k < n; k++)
            used[k] = word_table_insert(&words, r + v[k].off, v[k].len, r + lr + PAD);
        memset(refcount, 0, words.next_id * sizeof(*refcount));
        for (size_t k = 0; k < n; k++) refcount[used[k]]++;
        memset(used, 0, words.next_id * sizeof(*used));
        toks += n;
        n = split_ws(v, h, lh, false);
        for (size_t k = 0; k < n; k++) {
            uint32_t id = word_table_find(&words, h + v[k].off, v[k].len, h + lh + PAD);
            uint32_t hit = id != 0 && used[id] < refcount[id];
            used[id] += hit;
            matches += hit;
        }
        toks += n;
        pr += lr + 1, ph += lh + 1;
    }
    printf("%llu segments, %llu tokens, %llu clipped unigram matches\n", segs, toks, matches);
    free(ref), free(hyp), free(v), free(refcount), free(used);
    word_table_free(&words);
    return 0;
oom:
    fprintf(stderr, "bleu_floor: out of memory\n");
    return 2;
}
