/* consumer.c - a program built against an installed libtqe: a sentence
 * BLEU and chrF, to show that the header, the library and its
 * dependencies are found through pkg-config and through CMake. */
#include <stdio.h>
#include <string.h>

#include <tqe.h>

int main(void)
{
    tqe_ctx *ctx;
    tqe_metric *m;
    if (tqe_ctx_new(&ctx)) return 1;
    tqe_chrf_options o = TQE_CHRF_OPTIONS_INIT;
    if (tqe_metric_new_chrf(&m, ctx, &o)) return 1;
    const char *ref = "The cat sat on the mat.", *hyp = "The cat sat on a mat.";
    size_t rl = strlen(ref);
    double st[64];
    if (tqe_metric_set_refs(m, &ref, &rl, 1) || tqe_metric_hyp_stats(m, st, hyp, strlen(hyp)))
        return 1;
    tqe_score s;
    tqe_metric_score(m, &s, st);
    printf("tqe %s chrF2 %.4f\n", tqe_version(), s.score);
    tqe_metric_free(m);
    tqe_ctx_free(ctx);
    return 0;
}
