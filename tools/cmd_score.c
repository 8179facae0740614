/* cmd_score.c - `tqe score`: sacreBLEU's command line for BLEU, chrF and TER.
 *
 * Reads the references and every system line by line in lockstep, keeps only
 * per-segment statistics (summed, or stored when a resampling test needs
 * them), and prints what sacreBLEU 2.5.1 prints. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "score.h"
#include "score_output.h"
#include "tool.h"

static const char usage[] =
    "usage: tqe score [REF ...] [-i HYP ...] [-m bleu chrf ter] [options]\n"
    "\n"
    "Score hypotheses against references with BLEU, chrF/chrF++ and TER, giving the\n"
    "numbers, signatures and output layouts of sacreBLEU 2.5.1 (a drop-in for\n"
    "`sacrebleu REF -i HYP ...`). Files are UTF-8, one segment per line; without -i\n"
    "(or with -i -) the hypotheses come from standard input, where tab-separated\n"
    "columns are separate systems.\n"
    "\n"
    "Examples:\n"
    "  tqe score ref.de -i mt.de -m bleu chrf ter\n"
    "  tqe score ref.de -i mt.de -m bleu chrf -b              # just the numbers\n"
    "  tqe score ref.de -i mt.de -m chrf --chrf-word-order 2  # chrF++\n"
    "  tqe score refA.de refB.de -i mt.de -tok intl -f text\n"
    "  tqe score ref.de -i mt.de -m bleu -sl                  # one score per line\n"
    "  tqe score ref.de -i base.de new.de -m bleu chrf --paired-bs\n";

int cmd_score(int argc, char **argv)
{
    score_opts o;
    score_opts_init(&o);
    tool_option opts[64];
    size_t nopts = score_opts_table(&o, opts, 64);
    char **pos = NULL;
    size_t npos = 0;
    int rc = tool_parse("score", argc, argv, opts, nopts, &pos, &npos, usage);
    if (rc) {
        free(pos);
        score_opts_free(&o);
        return rc < 0 ? EXIT_OK : rc;
    }
    o.refs = pos;
    o.nrefs_files = npos;
    if (o.version) {
        printf("tqe %s\n", tqe_version());
        score_opts_free(&o);
        return EXIT_OK;
    }
    rc = score_opts_metrics(&o);
    if (!rc) rc = score_opts_check(&o);
    if (!rc) rc = score_run(&o);
    score_opts_free(&o);
    return rc;
}
