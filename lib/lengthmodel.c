/* lengthmodel.c - Gale & Church's length model of translations, with the
 * per-pair ratio and variance from references/lengths.tsv. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "datafile.h"

struct tqe_lengthmodel {
    char src[16], tgt[16];
    double c, s2;
    int quality; /* 0 default, 1 measured, 2 estimated */
};

/* Gale & Church's own figures (characters, European languages). */
#define DEFAULT_C  1.0
#define DEFAULT_S2 6.8

/* "de-DE" and "de_AT" use the "de" figures. */
static void base_lang(char *out, size_t cap, const char *lang)
{
    size_t n = strcspn(lang, "-_");
    if (n >= cap) n = cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)((lang[i] >= 'A' && lang[i] <= 'Z') ? lang[i] + 32 : lang[i]);
    out[n] = '\0';
}

static int parse_double(datafile *df, const char *field, const char *what, double *out)
{
    char *end;
    *out = strtod(field, &end);
    if (end == field || *end || !(*out > 0) || !isfinite(*out))
        return datafile_error(df, "%s must be a positive number, not '%s'", what, field);
    return TQE_OK;
}

static int load(tqe_lengthmodel *lm, tqe_ctx *ctx, const char *data_dir)
{
    datafile df;
    bool found;
    int rc = datafile_open(&df, ctx, data_dir, "lengths.tsv", true, &found), more = 0;
    bool header = true;
    while (!rc && (more = datafile_next(&df)) == 1) {
        if (header) { /* the column names */
            header = false;
            if (!strcmp(df.field[0], "src")) continue;
        }
        if (df.nfields < 5) {
            rc = datafile_error(&df,
                                "expected 5 TAB-separated fields (src tgt c s2 source), found %zu",
                                df.nfields);
            break;
        }
        double c, s2;
        if ((rc = parse_double(&df, df.field[2], "c", &c)) ||
            (rc = parse_double(&df, df.field[3], "s2", &s2)))
            break;
        bool fwd = !strcmp(df.field[0], lm->src) && !strcmp(df.field[1], lm->tgt);
        bool rev = !strcmp(df.field[0], lm->tgt) && !strcmp(df.field[1], lm->src);
        int q = strncmp(df.field[4], "measured", 8) == 0 ? 1 : 2;
        if (fwd) {
            lm->c = c, lm->s2 = s2, lm->quality = q;
        } else if (rev && lm->quality == 0) {
            /* The reverse direction: lengths scale by 1/c, and so does the variance
             * per source character (var(ls | lt) ~ s2*ls/c^2 = (s2/c^3)*lt). */
            lm->c = 1.0 / c, lm->s2 = s2 / (c * c * c), lm->quality = 2;
        }
    }
    datafile_close(&df);
    return rc ? rc : more < 0 ? more : TQE_OK;
}

int tqe_lengthmodel_new(tqe_lengthmodel **out, tqe_ctx *ctx, const char *src_lang,
                        const char *tgt_lang, const char *data_dir)
{
    *out = NULL;
    tqe_lengthmodel *lm = calloc(1, sizeof(*lm));
    if (!lm) return tqe_oom(ctx);
    base_lang(lm->src, sizeof(lm->src), src_lang);
    base_lang(lm->tgt, sizeof(lm->tgt), tgt_lang);
    lm->c = DEFAULT_C;
    lm->s2 = DEFAULT_S2;
    if (!strcmp(lm->src, lm->tgt)) lm->s2 = 2.0, lm->quality = 2; /* a rewrite, not a translation */
    int rc = data_dir ? load(lm, ctx, data_dir) : TQE_OK;
    if (rc) {
        free(lm);
        return rc;
    }
    *out = lm;
    return TQE_OK;
}

void tqe_lengthmodel_free(tqe_lengthmodel *lm)
{
    free(lm);
}

void tqe_lengthmodel_params(const tqe_lengthmodel *lm, double *c, double *s2, int *quality)
{
    if (c) *c = lm->c;
    if (s2) *s2 = lm->s2;
    if (quality) *quality = lm->quality;
}

double tqe_lengthmodel_z(const tqe_lengthmodel *lm, double ls, double lt)
{
    return (lt - lm->c * ls) / sqrt((ls > 1 ? ls : 1) * lm->s2);
}

size_t tqe_char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Han, kana and Hangul: scripts whose characters each stand for a
 * syllable or more, hence the small ratios c of Chinese and Japanese. */
static bool cjk(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
}

/* Latin letters, ASCII digits and spaces of a translation written in
 * Chinese, Japanese or Korean: names, figures and terms carried over from
 * the source one for one (with the spaces set around them), which the
 * language's ratio c does not shrink ("Royal Mail Special Delivery",
 * "朱利安·费罗斯 (Julian Fellowes)"). 0 for text without CJK characters:
 * in text written with letters the ratio holds for them too. */
static size_t carried_over(const char *t, size_t len)
{
    size_t carried = 0;
    bool any_cjk = false;
    for (size_t i = 0; i < len;) {
        uint32_t c = tqe_u8_next(t, &i);
        carried += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == ' ';
        any_cjk |= cjk(c);
    }
    return any_cjk ? carried : 0;
}

int tqe_lengthmodel_check(tqe_issue_list *out, tqe_ctx *ctx, const tqe_lengthmodel *lm,
                          const char *src, size_t src_len, const char *tgt, size_t tgt_len,
                          double threshold, double *z_out)
{
    double ls = (double)tqe_char_count(src, src_len), lt = (double)tqe_char_count(tgt, tgt_len);
    /* What was carried over is in the source too: neither side counts it. */
    double kept = (double)carried_over(tgt, tgt_len);
    if (kept > ls) kept = ls;
    ls -= kept, lt -= kept;
    double z = tqe_lengthmodel_z(lm, ls, lt);
    if (z_out) *z_out = z;
    if (fabs(z) <= threshold || (ls == 0 && lt == 0)) return 0;
    double expect = lm->c * ls, sd = sqrt((ls > 1 ? ls : 1) * lm->s2);
    /* Two-sided tail probability of a length this far off, under the model. */
    double p = 2.0 * gsl_cdf_ugaussian_Q(fabs(z));
    char detail[400], besides[96] = "";
    if (kept > 0)
        snprintf(besides, sizeof(besides),
                 " (not counting %.0f Latin letters, digits and spaces carried over)", kept);
    snprintf(detail, sizeof(detail),
             "the translation has %.0f characters%s where %.0f \xc2\xb1 %.0f are expected for "
             "%s\xe2\x86\x92%s (z = %+.1f, p = %.1e%s): %s",
             lt, besides, expect, sd, lm->src, lm->tgt, z, p,
             lm->quality == 1   ? ""
             : lm->quality == 2 ? ", estimated ratio"
                                : ", default ratio",
             z < 0 ? "part of the source may be missing"
                   : "it may contain material not in the source");
    int rc = tqe_issue_list_add(out, z < 0 ? TQE_ISSUE_OMISSION : TQE_ISSUE_ADDITION, 0, src_len, 0,
                                tgt_len, "", "", detail);
    return rc ? tqe_oom(ctx) : 1;
}
