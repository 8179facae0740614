/* main.c - the tqe command: dispatches to one subcommand per file. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

static const tool_command commands[] = {
    {"score", "BLEU, chrF, chrF++ and TER, exactly as sacreBLEU 2.5.1 computes them", cmd_score},
    {"check", "numbers, names, untranslated text, omissions: translation vs source", cmd_check},
    {"card", "per-paragraph scorecards of translations: CSV, JSON Lines, HTML report", cmd_card},
    {"merge", "combine the statistics of shards scored with tqe score --stats-out", cmd_merge},
    {"compare", "candidate vs baseline: significant drops, new issues, worst segments (CI gate)",
     cmd_compare},
    {"align", "align the paragraphs of a source document and its translation", cmd_align},
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: tqe [--version] [--help] COMMAND [ARGS]\n\n"
                "tqe evaluates translations: sacreBLEU-exact overlap metrics, number and name\n"
                "checks, paragraph alignment and per-paragraph scorecards.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\nRun 'tqe COMMAND --help' for a command's options and examples.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_BADINPUT;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            char *hargv[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
                if (strcmp(commands[i].name, argv[2]) == 0) return commands[i].run(2, hargv);
        }
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("tqe %s\n", tqe_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0) return commands[i].run(argc - 1, argv + 1);
    tool_error(NULL, "'%s' is not a tqe command (see tqe --help)", name);
    return EXIT_BADINPUT;
}
