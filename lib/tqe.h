/*
 * tqe.h - public API of libtqe, the translation-quality evaluation library.
 *
 * Conventions (see STYLE.md):
 *  - every function that can fail returns 0 or a negative tqe_status and stores
 *    a one-line message in the caller's tqe_ctx (read it with tqe_ctx_errmsg);
 *  - output parameters come first; anything returned through `**out` belongs
 *    to the caller and is released with the matching `_free` (which accepts NULL);
 *  - text is UTF-8 (`const char *` + length in bytes), validated once when read;
 *  - there is no global mutable state: two threads with two contexts and two
 *    sets of handles never interfere. A handle is used by one thread at a time.
 */
#ifndef TQE_H
#define TQE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tqe_export.h"
#include "tqe_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Status codes. Values are fixed and never renumbered.                      */
/* ------------------------------------------------------------------------ */
typedef enum tqe_status {
    TQE_OK = 0,
    TQE_ENOMEM = -1,    /* out of memory */
    TQE_EINVAL = -2,    /* invalid argument or option value */
    TQE_EIO = -3,       /* cannot open, read or write a file */
    TQE_EUTF8 = -4,     /* input is not valid UTF-8 (or is UTF-16, or has NUL) */
    TQE_EMISMATCH = -5, /* line or field counts disagree between inputs */
    TQE_EICU = -6,      /* an ICU service failed */
    TQE_EFORMAT = -7,   /* malformed structured input (TSV, XML, stats file) */
    TQE_ELIMIT = -8,    /* input exceeds a documented limit */
    TQE_EGSL = -9,      /* a GSL routine failed */
} tqe_status;

/* ------------------------------------------------------------------------ */
/* Context: the error buffer of one caller (one thread).                     */
/* ------------------------------------------------------------------------ */
typedef struct tqe_ctx tqe_ctx;

TQE_EXPORT int tqe_ctx_new(tqe_ctx **out);
TQE_EXPORT void tqe_ctx_free(tqe_ctx *ctx);
/* The message of the first error since the last tqe_ctx_clear(), or "" when
 * there was none. Borrowed; valid until the next call that fails or clears. */
TQE_EXPORT const char *tqe_ctx_errmsg(const tqe_ctx *ctx);
/* The status of that error, or TQE_OK. */
TQE_EXPORT int tqe_ctx_status(const tqe_ctx *ctx);
TQE_EXPORT void tqe_ctx_clear(tqe_ctx *ctx);
/* Store an error (used by tools to report their own errors the same way).
 * Does nothing when an error is already stored. Returns `status`. */
TQE_EXPORT int tqe_ctx_seterr(tqe_ctx *ctx, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A short English name of a status code ("out of memory", ...). Static. */
TQE_EXPORT const char *tqe_status_str(int status);
/* The library version, TQE_VERSION_STRING at build time. Static. */
TQE_EXPORT const char *tqe_version(void);

/* ------------------------------------------------------------------------ */
/* Growable byte buffer, used by renderers and formatters.                   */
/* ------------------------------------------------------------------------ */
typedef struct tqe_buf {
    char *data; /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
} tqe_buf;

#define TQE_BUF_INIT                                                                               \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

TQE_EXPORT void tqe_buf_free(tqe_buf *buf); /* frees the data, keeps the struct */
TQE_EXPORT void tqe_buf_clear(tqe_buf *buf);
TQE_EXPORT int tqe_buf_append(tqe_buf *buf, const char *data, size_t len);
TQE_EXPORT int tqe_buf_puts(tqe_buf *buf, const char *s);
TQE_EXPORT int tqe_buf_printf(tqe_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Ensure room for `extra` more bytes plus a terminating NUL. */
TQE_EXPORT int tqe_buf_reserve(tqe_buf *buf, size_t extra);

/* Format x as Python's repr(float) does (the shortest string that reads back
 * to x; "1e-05", "100.0", "inf", "nan"), as JSON outputs print numbers.
 * Returns the length; buf needs 32 bytes. JSON has no inf/nan: callers check. */
TQE_EXPORT size_t tqe_format_repr(char *buf, size_t cap, double x);

/* ------------------------------------------------------------------------ */
/* Line reader: UTF-8 text, one segment per line.                            */
/* ------------------------------------------------------------------------ */
/* Lines are split on "\n" only (as sacreBLEU reads them); a "\r" before the
 * "\n" is dropped; a UTF-8 byte order mark at the start of the file is
 * dropped; a final line without "\n" counts, an empty file has no lines.
 * Invalid UTF-8, a UTF-16/UTF-32 byte order mark or a NUL byte is an error
 * TQE_EUTF8 with the message "FILE:LINE:BYTE: ..." (1-based line and byte
 * offset within the line, counted in the file's bytes). The reader streams:
 * memory is bounded by the longest line. */
typedef struct tqe_reader tqe_reader;

/* Open `path` ("-" means standard input). `display_name` names the file in
 * messages; NULL uses `path` ("<stdin>" for "-"). */
TQE_EXPORT int tqe_reader_open(tqe_reader **out, tqe_ctx *ctx, const char *path,
                               const char *display_name);
/* Read from an open stream (not closed by tqe_reader_free). */
TQE_EXPORT int tqe_reader_from_file(tqe_reader **out, tqe_ctx *ctx, FILE *fp,
                                    const char *display_name);
/* Read from memory (not copied; must outlive the reader). */
TQE_EXPORT int tqe_reader_from_memory(tqe_reader **out, tqe_ctx *ctx, const char *data, size_t len,
                                      const char *display_name);
TQE_EXPORT void tqe_reader_free(tqe_reader *rd);
/* Next line: 1 and (*line, *len) borrowed until the next call; 0 at end of
 * input; negative status on error. The line is NUL-terminated. */
TQE_EXPORT int tqe_reader_next(tqe_reader *rd, const char **line, size_t *len);
/* Number of lines returned so far (the current line's 1-based number). */
TQE_EXPORT uint64_t tqe_reader_lineno(const tqe_reader *rd);
TQE_EXPORT const char *tqe_reader_name(const tqe_reader *rd);

/* ------------------------------------------------------------------------ */
/* UTF-8 helpers.                                                             */
/* ------------------------------------------------------------------------ */
/* Check that s[0..len) is valid UTF-8 without NUL. Returns 0, or -1 and the
 * byte offset of the first bad sequence in *bad_offset (may be NULL). */
TQE_EXPORT int tqe_utf8_check(const char *s, size_t len, size_t *bad_offset);
/* Length of `s` without trailing whitespace as Python's str.rstrip() removes
 * it (all Unicode whitespace plus U+001C..U+001F). */
TQE_EXPORT size_t tqe_utf8_rstrip_len(const char *s, size_t len);

/* ------------------------------------------------------------------------ */
/* Lowercasing and tokenizers, exactly as sacreBLEU 2.5.1 applies them.       */
/* ------------------------------------------------------------------------ */
/* Python's str.lower(): full Unicode lowercase mapping with the final-sigma
 * rule and no locale ("İ" becomes "i̇", "ß" stays). Result replaces out. */
TQE_EXPORT int tqe_lowercase(tqe_buf *out, tqe_ctx *ctx, const char *s, size_t len);

typedef enum tqe_tokenizer {
    TQE_TOK_NONE = 0, /* "none": the line as is */
    TQE_TOK_13A = 1,  /* "13a": mteval-v13a, the default */
    TQE_TOK_INTL = 2, /* "intl": mteval-v14 international (Unicode P/S/N classes) */
    TQE_TOK_ZH = 3,   /* "zh": CJK characters split, the rest as 13a */
    TQE_TOK_CHAR = 4, /* "char": every code point separated by a space */
} tqe_tokenizer;

/* "13a" etc. for a tokenizer; NULL for an unknown value. Static. */
TQE_EXPORT const char *tqe_tokenizer_name(tqe_tokenizer tok);
/* Parse a tokenizer name; TQE_EINVAL (with a message listing the choices) if unknown. */
TQE_EXPORT int tqe_tokenizer_from_name(tqe_tokenizer *out, tqe_ctx *ctx, const char *name);
/* Tokenize one line as sacreBLEU's BLEU tokenizer `tok` does (the caller
 * strips trailing whitespace first, as BLEU does). Result replaces out. */
TQE_EXPORT int tqe_tokenize(tqe_buf *out, tqe_ctx *ctx, tqe_tokenizer tok, const char *s,
                            size_t len);

/* ------------------------------------------------------------------------ */
/* Metrics: BLEU, chrF/chrF++, TER.                                           */
/* ------------------------------------------------------------------------ */
#define TQE_BLEU_MAX_ORDER 4

typedef enum tqe_smooth {
    TQE_SMOOTH_EXP = 0,   /* "exp": NIST geometric sequence (mteval) */
    TQE_SMOOTH_FLOOR = 1, /* "floor": zero counts replaced by smooth_value */
    TQE_SMOOTH_ADD_K = 2, /* "add-k": k added to counts and totals for n > 1 */
    TQE_SMOOTH_NONE = 3,  /* "none" */
} tqe_smooth;

typedef struct tqe_bleu_options {
    unsigned version;
    tqe_tokenizer tokenize;
    int lowercase;
    tqe_smooth smooth;
    int smooth_value_set; /* 0: the method's default (floor 0.1, add-k 1) */
    double smooth_value;
    int effective_order; /* sentence-level BLEU: drop orders with no n-grams */
    int max_ngram_order; /* 1..TQE_BLEU_MAX_ORDER, default 4 */
} tqe_bleu_options;
#define TQE_BLEU_OPTIONS_VERSION 1
#define TQE_BLEU_OPTIONS_INIT                                                                      \
    {                                                                                              \
        TQE_BLEU_OPTIONS_VERSION, TQE_TOK_13A, 0, TQE_SMOOTH_EXP, 0, 0.0, 0, 4                     \
    }

typedef struct tqe_chrf_options {
    unsigned version;
    int char_order; /* default 6 */
    int word_order; /* default 0; 2 is chrF++ */
    int beta;       /* default 2 */
    int lowercase;
    int whitespace;    /* keep whitespace in character n-grams */
    int eps_smoothing; /* chrF++.py-style epsilon smoothing instead of effective order */
} tqe_chrf_options;
#define TQE_CHRF_OPTIONS_VERSION 1
#define TQE_CHRF_OPTIONS_INIT                                                                      \
    {                                                                                              \
        TQE_CHRF_OPTIONS_VERSION, 6, 0, 2, 0, 0, 0                                                 \
    }

typedef struct tqe_ter_options {
    unsigned version;
    int case_sensitive;
    int normalized;
    int no_punct;
    int asian_support;
} tqe_ter_options;
#define TQE_TER_OPTIONS_VERSION 1
#define TQE_TER_OPTIONS_INIT                                                                       \
    {                                                                                              \
        TQE_TER_OPTIONS_VERSION, 0, 0, 0, 0                                                        \
    }

/* TER's tercom normalization of one line (sacreBLEU's TercomTokenizer; the
 * caller strips trailing whitespace first). Result replaces out. TQE_EUTF8
 * when s is not valid UTF-8 or contains NUL. */
TQE_EXPORT int tqe_tokenize_tercom(tqe_buf *out, tqe_ctx *ctx, const tqe_ter_options *o,
                                   const char *s, size_t len);

typedef enum tqe_metric_kind {
    TQE_METRIC_BLEU = 0,
    TQE_METRIC_CHRF = 1,
    TQE_METRIC_TER = 2,
} tqe_metric_kind;

/* A computed score. Fields beyond `score` are filled for the metric that
 * produced it (BLEU: counts..ratio; TER: num_edits, ref_length). */
typedef struct tqe_score {
    double score;
    int order;                         /* BLEU: number of n-gram orders */
    double counts[TQE_BLEU_MAX_ORDER]; /* as sacreBLEU reports them (add-k included) */
    double totals[TQE_BLEU_MAX_ORDER];
    double precisions[TQE_BLEU_MAX_ORDER]; /* percent */
    double bp, sys_len, ref_len, ratio;
    double num_edits, ref_length; /* TER */
} tqe_score;

/* A metric handle: options, scratch buffers and the current segment's
 * reference data. Per-segment sufficient statistics are a fixed number of
 * doubles (tqe_metric_nstats); a corpus score is the score of their sum,
 * taken segment by segment in order. */
typedef struct tqe_metric tqe_metric;

TQE_EXPORT int tqe_metric_new_bleu(tqe_metric **out, tqe_ctx *ctx, const tqe_bleu_options *o);
TQE_EXPORT int tqe_metric_new_chrf(tqe_metric **out, tqe_ctx *ctx, const tqe_chrf_options *o);
TQE_EXPORT int tqe_metric_new_ter(tqe_metric **out, tqe_ctx *ctx, const tqe_ter_options *o);
TQE_EXPORT void tqe_metric_free(tqe_metric *m);
TQE_EXPORT tqe_metric_kind tqe_metric_kind_of(const tqe_metric *m);
/* "BLEU", "chrF2", "chrF2++", "TER": the name sacreBLEU prints. Borrowed. */
TQE_EXPORT const char *tqe_metric_name(const tqe_metric *m);
/* Number of doubles of per-segment statistics. */
TQE_EXPORT size_t tqe_metric_nstats(const tqe_metric *m);
/* Set the references of the next segment(s): preprocessed once, reused by
 * every following tqe_metric_hyp_stats() call. nrefs >= 1. */
TQE_EXPORT int tqe_metric_set_refs(tqe_metric *m, const char *const *refs, const size_t *lens,
                                   size_t nrefs);
/* Statistics of one hypothesis against the references last set, written to
 * out[0..nstats). */
TQE_EXPORT int tqe_metric_hyp_stats(tqe_metric *m, double *out, const char *hyp, size_t len);
/* The statistics of one segment scored once: the same numbers as
 * tqe_metric_set_refs() followed by tqe_metric_hyp_stats(), computed faster
 * (the texts are only borrowed for the duration of the call, so the
 * references need not be copied). Replaces the references last set: call
 * tqe_metric_set_refs() again before another tqe_metric_hyp_stats().
 * nrefs >= 1. */
TQE_EXPORT int tqe_metric_segment_stats(tqe_metric *m, double *out, const char *hyp, size_t len,
                                        const char *const *refs, const size_t *lens,
                                        size_t nrefs);
/* The score of (summed) statistics. */
TQE_EXPORT void tqe_metric_score(const tqe_metric *m, tqe_score *out, const double *stats);

/* Signature: what sacreBLEU prints after "BLEU|". */
typedef struct tqe_signature_info {
    int nrefs;           /* -1 prints "var" */
    int short_form;      /* abbreviated keys (sacreBLEU --short) */
    const char *version; /* value of the version field; NULL: "tqe-" TQE_VERSION_STRING */
    long bs;             /* bootstrap resamples, 0: omitted */
    long ar;             /* approximate-randomization trials, 0: omitted */
    const char *seed;    /* NULL: omitted */
} tqe_signature_info;
#define TQE_SIGNATURE_INFO_INIT                                                                    \
    {                                                                                              \
        1, 0, NULL, 0, 0, NULL                                                                     \
    }

TQE_EXPORT int tqe_metric_signature(tqe_buf *out, const tqe_metric *m,
                                    const tqe_signature_info *info);

/* ------------------------------------------------------------------------ */
/* QA findings ("issues"), shared by the number, entity and text checks.      */
/* ------------------------------------------------------------------------ */
typedef enum tqe_issue_type {
    TQE_ISSUE_NUMBER_MISSING = 0, /* a source number absent from the translation */
    TQE_ISSUE_NUMBER_ALTERED = 1, /* present with a different value (same mention) */
    TQE_ISSUE_NUMBER_EXTRA = 2,   /* a translation number with no source counterpart */
    TQE_ISSUE_ENTITY_MISSING = 3, /* a source name absent from the translation */
    TQE_ISSUE_ENTITY_ALTERED = 4, /* a near miss stands in its place */
    TQE_ISSUE_UNTRANSLATED = 5,   /* the translation is (largely) the English source */
    TQE_ISSUE_OMISSION = 6,       /* implausibly short, or a source paragraph with no translation */
    TQE_ISSUE_ADDITION = 7,       /* implausibly long, or a translation paragraph with no source */
    TQE_ISSUE_GLOSSARY = 8,       /* a glossary term not translated as required */
} tqe_issue_type;
#define TQE_ISSUE_TYPE_COUNT 9

/* "number_missing", ... as in the JSON output; NULL if out of range. Static. */
TQE_EXPORT const char *tqe_issue_type_name(tqe_issue_type t);
/* Parse such a name; TQE_EINVAL if unknown. */
TQE_EXPORT int tqe_issue_type_from_name(tqe_issue_type *out, const char *name);

#define TQE_NO_SPAN ((size_t)-1)

/* One finding. Spans are byte offsets into the source and target texts that
 * were checked (TQE_NO_SPAN when a side has none); `source`/`target` are the
 * quoted text of those spans (or a summary), `detail` a one-line explanation
 * for people. Strings are owned by the list. */
typedef struct tqe_issue {
    tqe_issue_type type;
    size_t src_start, src_end;
    size_t tgt_start, tgt_end;
    char *source;
    char *target;
    char *detail;
} tqe_issue;

typedef struct tqe_issue_list tqe_issue_list;

TQE_EXPORT int tqe_issue_list_new(tqe_issue_list **out);
TQE_EXPORT void tqe_issue_list_free(tqe_issue_list *l);
TQE_EXPORT void tqe_issue_list_clear(tqe_issue_list *l);
TQE_EXPORT size_t tqe_issue_list_count(const tqe_issue_list *l);
/* Borrowed; valid until the list changes. */
TQE_EXPORT const tqe_issue *tqe_issue_list_get(const tqe_issue_list *l, size_t i);
/* Append a finding; the strings are copied (NULL allowed = ""). */
TQE_EXPORT int tqe_issue_list_add(tqe_issue_list *l, tqe_issue_type type, size_t src_start,
                                  size_t src_end, size_t tgt_start, size_t tgt_end,
                                  const char *source, const char *target, const char *detail);

/* ------------------------------------------------------------------------ */
/* Length model: how long a translation of a source should be.               */
/* ------------------------------------------------------------------------ */
/* Gale & Church's model: a source of ls characters (code points) has a
 * translation of about c*ls characters with variance s2*ls, per language
 * pair (references/lengths.tsv; unknown pairs use c = 1, s2 = 6.8). */
typedef struct tqe_lengthmodel tqe_lengthmodel;

/* data_dir: the references/ directory, or NULL for the defaults only. */
TQE_EXPORT int tqe_lengthmodel_new(tqe_lengthmodel **out, tqe_ctx *ctx, const char *src_lang,
                                   const char *tgt_lang, const char *data_dir);
TQE_EXPORT void tqe_lengthmodel_free(tqe_lengthmodel *lm);
/* c, s2, and whether they were measured for this pair (1), estimated (2) or defaulted (0). */
TQE_EXPORT void tqe_lengthmodel_params(const tqe_lengthmodel *lm, double *c, double *s2,
                                       int *quality);
/* z = (lt - c*ls) / sqrt(max(ls, 1) * s2): how many standard deviations the
 * translation length is from the expected one. */
TQE_EXPORT double tqe_lengthmodel_z(const tqe_lengthmodel *lm, double src_chars, double tgt_chars);
/* Code points of s, the unit of the model. */
TQE_EXPORT size_t tqe_char_count(const char *s, size_t len);
/* Append an `omission` (z < -threshold) or `addition` (z > threshold) finding
 * saying how far outside the expected range the length is. *z_out (may be
 * NULL) receives z. Returns 1 if a finding was added, 0 if not, or < 0. */
TQE_EXPORT int tqe_lengthmodel_check(tqe_issue_list *out, tqe_ctx *ctx, const tqe_lengthmodel *lm,
                                     const char *src, size_t src_len, const char *tgt,
                                     size_t tgt_len, double threshold, double *z_out);

/* ------------------------------------------------------------------------ */
/* Untranslated text.                                                        */
/* ------------------------------------------------------------------------ */
/* Finds sentences of a translation that repeat the (English) source: most of
 * their letter 4-grams occur in the source and they read as English (function
 * words from references/stopwords/, or Latin letters where the target
 * language uses another script). Names and numbers do not count: pass their
 * byte spans (pairs [start, end)) to mask them. */
typedef struct tqe_untranslated tqe_untranslated;

TQE_EXPORT int tqe_untranslated_new(tqe_untranslated **out, tqe_ctx *ctx, const char *src_lang,
                                    const char *tgt_lang, const char *data_dir);
TQE_EXPORT void tqe_untranslated_free(tqe_untranslated *u);
/* Appends one `untranslated` finding per run of untranslated sentences, or one
 * for the whole line when they make up most of it. Returns the number of
 * findings (0 when none) or < 0. *share (may be NULL): the untranslated share
 * of the target's letters. */
TQE_EXPORT int tqe_untranslated_check(tqe_issue_list *out, tqe_ctx *ctx, tqe_untranslated *u,
                                      const char *src, size_t src_len, const size_t *src_skip,
                                      size_t n_src_skip, const char *tgt, size_t tgt_len,
                                      const size_t *tgt_skip, size_t n_tgt_skip, double *share);

/* ------------------------------------------------------------------------ */
/* Resampling over per-segment statistics (confidence, significance).        */
/* ------------------------------------------------------------------------ */
/* Statistics of a system are `nseg` consecutive rows of tqe_metric_nstats(m)
 * doubles. Random draws come from GSL's MT19937 seeded with `seed` (when
 * `seeded` is 0, from the clock and process id); every call with the same
 * seed draws the same resamples, so systems are compared on the same ones. */
typedef struct tqe_rng_seed {
    unsigned long seed;
    int seeded;
} tqe_rng_seed;

/* Bootstrap: scores[j * nsys + s] is the score of system s on resample j
 * (n resamples of nseg segments drawn with replacement; the same segments
 * for every system). */
TQE_EXPORT int tqe_bootstrap_scores(double *scores, tqe_ctx *ctx, const tqe_metric *m,
                                    const double *const *stats, size_t nsys, size_t nseg, long n,
                                    tqe_rng_seed seed);
/* Approximate randomization: for each of n trials, swap each segment's
 * statistics between the two systems with probability 1/2; diffs[j] is the
 * absolute score difference of the two shuffled systems. */
TQE_EXPORT int tqe_ar_diffs(double *diffs, tqe_ctx *ctx, const tqe_metric *m, const double *a,
                            const double *b, size_t nseg, long n, tqe_rng_seed seed);

/* sacreBLEU's summaries: the mean of `scores` and half the width of the
 * 95% interval taken from sorted scores at n/40 and n - n/40 - 1 (scores is
 * sorted in place). */
TQE_EXPORT void tqe_estimate_ci(double *mean, double *ci, double *scores, size_t n);
/* p = (1 + #{x > threshold}) / (n + 1). */
TQE_EXPORT double tqe_p_value(const double *x, size_t n, double threshold);

#ifdef __cplusplus
}
#endif
#endif /* TQE_H */
