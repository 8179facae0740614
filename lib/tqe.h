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
/* Check a language code given by a user: a BCP 47 tag ("de", "pt-BR") of a
 * language ICU knows. TQE_EINVAL "unknown ROLE language 'x' (...)" if not;
 * role is "source", "target"... Every constructor taking a language checks. */
TQE_EXPORT int tqe_lang_check(tqe_ctx *ctx, const char *tag, const char *role);
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
 * "\n", or at the very end of the input, is dropped; a UTF-8 byte order mark
 * at the start of the file is dropped; a final line without "\n" counts, an
 * empty file has no lines.
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
/* Refuse lines longer than `max_bytes` (0: no limit, the default) with
 * TQE_ELIMIT "FILE:LINE: a line of N bytes, more than the MAX <limit_name>
 * (has the file lost its line breaks?)"; `limit_name` (borrowed, e.g.
 * "tqe check handles") says whose limit it is. */
TQE_EXPORT void tqe_reader_limit_lines(tqe_reader *rd, size_t max_bytes, const char *limit_name);
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
 * it (all Unicode whitespace plus U+001C..U+001F). s must be valid UTF-8
 * (as the reader's lines are): it is decoded without bounds checks. */
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
/* The BLEU tokenizer sacreBLEU picks for target language `lang` (its
 * primary subtag decides: "zh-Hant" is Chinese), with char standing in for
 * the mecab tokenizers of Japanese and Korean, which tqe does not have. */
TQE_EXPORT tqe_tokenizer tqe_tokenizer_for_lang(const char *lang);
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
                                        const char *const *refs, const size_t *lens, size_t nrefs);
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
/* Keep the first n findings. */
TQE_EXPORT void tqe_issue_list_truncate(tqe_issue_list *l, size_t n);
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
/* Append an `omission` (z < -omit) or `addition` (z > add) finding
 * saying how far outside the expected range the length is. *z_out (may be
 * NULL) receives z. In a translation with Chinese, Japanese or Korean
 * characters, its Latin letters, ASCII digits and spaces (names and figures
 * carried over one for one) are counted on neither side. Returns 1 if a
 * finding was added, 0 if not, or < 0. */
TQE_EXPORT int tqe_lengthmodel_check(tqe_issue_list *out, tqe_ctx *ctx, const tqe_lengthmodel *lm,
                                     const char *src, size_t src_len, const char *tgt,
                                     size_t tgt_len, double omit, double add, double *z_out);

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
/* Documents: paragraphs read from text, TSV or WMT XML files.               */
/* ------------------------------------------------------------------------ */
typedef struct tqe_paragraph {
    const char *text; /* UTF-8, not NUL-terminated necessarily; owned by the docset */
    size_t len;
    uint64_t line; /* 1-based line of the file where it starts */
} tqe_paragraph;

typedef struct tqe_doc {
    const char *id; /* document id ("" for a plain text file) */
    const tqe_paragraph *paras;
    size_t n;
} tqe_doc;

typedef enum tqe_para_mode {
    TQE_PARA_LINES = 0, /* each non-blank line is a paragraph */
    TQE_PARA_BLANK = 1, /* paragraphs are blocks separated by blank lines */
} tqe_para_mode;

typedef struct tqe_docset tqe_docset;

/* The longest paragraph (or tqe check line) accepted, in bytes: 256 KiB,
 * some 40,000 words. Longer ones are refused (TQE_ELIMIT, "FILE:LINE: ...")
 * rather than checked for minutes: such a "paragraph" is nearly always a
 * file that lost its line breaks. */
#define TQE_MAX_PARAGRAPH_BYTES 262144

/* A plain text file: one document with id "". */
TQE_EXPORT int tqe_docset_read_text(tqe_docset **out, tqe_ctx *ctx, const char *path,
                                    tqe_para_mode mode);
/* A TSV file of "doc<TAB>text" lines, paragraphs in order; a document is the
 * run of lines with one id (ids may not reappear later: TQE_EFORMAT). */
TQE_EXPORT int tqe_docset_read_tsv(tqe_docset **out, tqe_ctx *ctx, const char *path);
/* Build a docset from memory (paragraph texts are copied). */
TQE_EXPORT int tqe_docset_new(tqe_docset **out, tqe_ctx *ctx);
TQE_EXPORT int tqe_docset_add(tqe_docset *ds, const char *doc_id, const char *text, size_t len,
                              uint64_t line);
TQE_EXPORT void tqe_docset_free(tqe_docset *ds);
TQE_EXPORT size_t tqe_docset_count(const tqe_docset *ds);
/* Borrowed; valid while the docset lives and is not added to. */
TQE_EXPORT const tqe_doc *tqe_docset_get(const tqe_docset *ds, size_t i);
/* The document with this id, or NULL. */
TQE_EXPORT const tqe_doc *tqe_docset_find(const tqe_docset *ds, const char *id);
TQE_EXPORT const char *tqe_docset_name(const tqe_docset *ds); /* the file it came from */

/* WMT's XML test-set format (2021 on): documents with the source, the
 * references (one per translator) and system outputs in one file. Segments
 * are the paragraphs of the docsets; documents keep their ids. */
typedef struct tqe_wmt tqe_wmt;

/* Read a WMT XML file (libxml2; no network access; a document that declares
 * entities is refused: WMT test sets have none).
 * Errors: TQE_EIO, TQE_EFORMAT "FILE:LINE: ..." for malformed XML or a file
 * that is not a WMT test set. */
TQE_EXPORT int tqe_wmt_read(tqe_wmt **out, tqe_ctx *ctx, const char *path);
TQE_EXPORT void tqe_wmt_free(tqe_wmt *w);
TQE_EXPORT const tqe_docset *tqe_wmt_source(const tqe_wmt *w, const char **lang);
TQE_EXPORT size_t tqe_wmt_ref_count(const tqe_wmt *w);
/* Borrowed results; *name is the translator ("" when not given). */
TQE_EXPORT const tqe_docset *tqe_wmt_ref(const tqe_wmt *w, size_t i, const char **name,
                                         const char **lang);
TQE_EXPORT size_t tqe_wmt_system_count(const tqe_wmt *w);
TQE_EXPORT const tqe_docset *tqe_wmt_system(const tqe_wmt *w, size_t i, const char **name,
                                            const char **lang);

/* ------------------------------------------------------------------------ */
/* Paragraph alignment.                                                      */
/* ------------------------------------------------------------------------ */
typedef enum tqe_bead_kind {
    TQE_BEAD_1_1 = 0,
    TQE_BEAD_1_0 = 1, /* a source paragraph with no translation (omission) */
    TQE_BEAD_0_1 = 2, /* a translation paragraph with no source (addition) */
    TQE_BEAD_2_1 = 3, /* two source paragraphs merged */
    TQE_BEAD_1_2 = 4, /* one source paragraph split */
    TQE_BEAD_2_2 = 5,
    TQE_BEAD_3_1 = 6,
    TQE_BEAD_1_3 = 7,
} tqe_bead_kind;
#define TQE_BEAD_KIND_COUNT 8

/* "1-1", "1-0", ... Static. */
TQE_EXPORT const char *tqe_bead_kind_name(tqe_bead_kind k);

/* One bead: consecutive source and target paragraphs that translate each
 * other. `confidence` is the posterior probability of this bead under the
 * alignment model (forward-backward over all alignments). */
typedef struct tqe_bead {
    tqe_bead_kind kind;
    size_t src_start, src_count; /* 0-based paragraph indices */
    size_t tgt_start, tgt_count;
    double confidence;
    double length_z; /* length model z of the bead (0 for 1-0 and 0-1) */
} tqe_bead;

typedef struct tqe_align_options {
    unsigned version;
    int band;             /* half-width of the search band in paragraphs, 0: automatic */
    double anchor_weight; /* weight of the anchor evidence against the length model (2.0) */
} tqe_align_options;
#define TQE_ALIGN_OPTIONS_VERSION 1
#define TQE_ALIGN_OPTIONS_INIT                                                                     \
    {                                                                                              \
        TQE_ALIGN_OPTIONS_VERSION, 0, 2.0                                                          \
    }

typedef struct tqe_aligner tqe_aligner;

/* An aligner for one language pair; data_dir is the references/ directory
 * (length model data), may be NULL. o may be NULL for the defaults. */
TQE_EXPORT int tqe_aligner_new(tqe_aligner **out, tqe_ctx *ctx, const char *src_lang,
                               const char *tgt_lang, const char *data_dir,
                               const tqe_align_options *o);
TQE_EXPORT void tqe_aligner_free(tqe_aligner *a);
/* Align m source with n target paragraphs. Every paragraph of both sides is
 * in exactly one bead, in order. *beads is borrowed from the aligner until
 * the next call. */
TQE_EXPORT int tqe_align(tqe_aligner *a, const char *const *src, const size_t *src_len, size_t m,
                         const char *const *tgt, const size_t *tgt_len, size_t n,
                         const tqe_bead **beads, size_t *nbeads);
/* tqe_align of the paragraphs of two documents (either may be NULL: no
 * paragraphs). */
TQE_EXPORT int tqe_align_docs(tqe_aligner *a, const tqe_doc *src, const tqe_doc *tgt,
                              const tqe_bead **beads, size_t *nbeads);

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
/* Numbers: extraction, normalization and the number preservation check.     */
/* ------------------------------------------------------------------------ */
/* Every number mention of a text (digits, spelled-out numbers, amounts,
 * percentages, dates, times, years, quarters, ordinals, multiplicatives) is
 * found and normalized with the text's locale conventions from ICU plus the
 * word lists of references/locales/ (see references/locales/README.md), so
 * that mentions in two languages compare by value: "$60 billion",
 * "60 Milliarden Dollar", "60.000 Millionen US-Dollar" and "600亿美元" are
 * all 6e10 USD. Converting is out of scope: an imperial and a metric figure
 * ("85 miles", "137 km") pair up unchecked when they agree within 20%, a
 * converted currency is another value. Digits in URLs and e-mail addresses
 * are not mentions, nor are figures beyond the range of a double (over 308
 * digits); digits of names and codes ("GPT-4", "Windows 11", "COVID-19")
 * are, since a translation keeps them. */
typedef enum tqe_num_kind {
    TQE_NUMK_CARDINAL = 0,       /* the number: "1.234,5" -> 1234.5, "two" -> 2 */
    TQE_NUMK_PERCENT = 1,        /* percentage points: "50 %" -> 50; unit "%" */
    TQE_NUMK_CURRENCY = 2,       /* the amount: "$60 billion" -> 6e10; unit ISO 4217 or "" */
    TQE_NUMK_DATE = 3,           /* month*100 + day: "March 21" -> 321; a day alone -> 21 */
    TQE_NUMK_TIME = 4,           /* 24-hour clock, hour + minute/100: "1:54 p.m." -> 13.54 */
    TQE_NUMK_YEAR = 5,           /* the year: 2024; "1990s" -> 1990, "90er" -> 90 (DECADE) */
    TQE_NUMK_QUARTER = 6,        /* 1..4: "Q3", "tercer trimestre"; its year is a YEAR */
    TQE_NUMK_ORDINAL = 7,        /* n: "21st", "21º", "third" */
    TQE_NUMK_MULTIPLICATIVE = 8, /* the factor: "double", "twice", "3 times" -> 2, 2, 3 */
} tqe_num_kind;
#define TQE_NUM_KIND_COUNT 9

/* Flags of a mention:
 *  SPELLED    written (at least partly) in words: "two", "zwei", "sechzig Millionen"
 *  AMBIGUOUS  digits readable two ways ("1,000" in German text: 1.0 by the locale,
 *             1000 in English notation); the other reading is alt_value
 *  FOREIGN    separators of another convention than the locale's ("12.39" in German)
 *  RANGE      one end of a range ("60-80", "zwischen 60 und 80"); the other end is
 *             the neighbouring mention
 *  WEAK       may stand for a number but is never reported: "one" as article or
 *             pronoun ("one of the"), "ein", "un", "both", "24/7"
 *  CODE       digits glued to letters ("GPT-4", "COVID-19", "MP3"): checked while the
 *             translation writes the name, since names keep their digits
 *  DECADE     a decade: "1990s", "90er Jahre", "1990-х", "90年代"
 *  H12        a time without am/pm, readable on both halves of the day
 *  SIGNED     written with an explicit sign ("-5", "+3 %")
 *  SCALED     has a scale word: "60 billion", "60 Mrd.", "600亿"
 *  ROMAN      Roman numerals: "XVII", "II"
 *  PART       a number word inside a longer word ("fünfmonatige", "Zweitsprache",
 *             "восемнадцатилетний"); weak, and stands only for a plain count
 *  APPROX     approximate between number and scale: "200多万" (over two million) */
#define TQE_NUMF_SPELLED   0x0001u
#define TQE_NUMF_AMBIGUOUS 0x0002u
#define TQE_NUMF_FOREIGN   0x0004u
#define TQE_NUMF_RANGE     0x0008u
#define TQE_NUMF_WEAK      0x0010u
#define TQE_NUMF_CODE      0x0020u
#define TQE_NUMF_DECADE    0x0040u
#define TQE_NUMF_H12       0x0080u
#define TQE_NUMF_SIGNED    0x0100u
#define TQE_NUMF_SCALED    0x0200u
#define TQE_NUMF_ROMAN     0x0400u
#define TQE_NUMF_PART      0x0800u
#define TQE_NUMF_APPROX    0x1000u

/* One number mention, normalized. */
typedef struct tqe_number {
    size_t start, end; /* byte span in the text */
    tqe_num_kind kind;
    unsigned flags;   /* TQE_NUMF_* */
    double value;     /* normalized value, see tqe_num_kind */
    double alt_value; /* the other reading when TQE_NUMF_AMBIGUOUS, else value */
    char unit[8];     /* ISO 4217 code for CURRENCY ("" if unknown), "%" for PERCENT, a unit
                       * symbol for a measure ("km", "mi", "kg"), else "" */
} tqe_number;

/* Counts of one comparison, *added* to the caller's totals (zero them
 * first), so that paragraph, document and corpus totals are running sums. */
typedef struct tqe_numbers_stats {
    uint64_t src;       /* checked source mentions (weak ones excluded) */
    uint64_t tgt;       /* checked translation mentions (weak ones excluded) */
    uint64_t ok;        /* source mentions found in the translation */
    uint64_t ambiguous; /* of those, found only through a translation number's other reading */
    uint64_t missing;   /* number_missing findings */
    uint64_t altered;   /* number_altered findings */
    uint64_t extra;     /* number_extra findings */
} tqe_numbers_stats;

/* A number extractor for one language: ICU services and word lists, opened
 * once and reused for every line. A handle is used by one thread at a time;
 * comparing two texts needs two handles (even for one language). */
typedef struct tqe_numbers tqe_numbers;

/* Open an extractor for `lang` (a BCP 47 or ICU locale id: "de", "pt-BR",
 * "zh"). `data_dir` is the references/ directory: locales/mul.tsv and
 * locales/<lang>.tsv (else that of the base language, "pt" for "pt-BR") are
 * loaded from it when present; NULL uses ICU data only. A malformed data
 * line is TQE_EFORMAT "FILE:LINE: ..."; a data_dir without locales/ is
 * TQE_EIO; an ICU failure is TQE_EICU. */
TQE_EXPORT int tqe_numbers_new(tqe_numbers **out, tqe_ctx *ctx, const char *lang,
                               const char *data_dir);
TQE_EXPORT void tqe_numbers_free(tqe_numbers *x);
/* The language the extractor was opened for. Borrowed. */
TQE_EXPORT const char *tqe_numbers_lang(const tqe_numbers *x);
/* Find the number mentions of text[0..len) (valid UTF-8), in text order.
 * *out is owned by the extractor and valid until its next extract call or
 * its free. Errors (in the extractor's context): TQE_ENOMEM; TQE_ELIMIT for
 * a text of 2^31 bytes or more. */
TQE_EXPORT int tqe_numbers_extract(tqe_numbers *x, const char *text, size_t len,
                                   const tqe_number **out, size_t *n);
/* Match the mentions s[0..ns) of a source text with t[0..nt) of its
 * translation one to one by value and append to `out` one finding per
 * problem, in source order, then the extras in translation order:
 * TQE_ISSUE_NUMBER_MISSING (a source mention with no counterpart),
 * TQE_ISSUE_NUMBER_ALTERED (an unmatched pair in the nearest position: the
 * value or the currency changed; of the same kind, or for figures in
 * digits that are not percentages or amounts, of kinds a match could pair,
 * as "November 26" and "66." or the year 2010 and "2110") and
 * TQE_ISSUE_NUMBER_EXTRA (a translation mention with no counterpart). Spans
 * index the texts; source/target quote them; detail explains in one line.
 *
 * A value matches its equivalents: another kind with the same value ("2"
 * and "two", "9pm" and "21 Uhr", "£1000" and "1000"), the other reading of
 * an ambiguous translation number (counted in `ambiguous`), a decade's
 * short form ("1990s", "90er") and its century ("1800s", "19.
 * Jahrhundert"), a 12-hour time on either half of the day, a mention
 * without sign, currency or unit; an imperial and a metric measure that
 * agree within 20% (conversions are accepted, not checked). Weak mentions
 * (TQE_NUMF_WEAK) take part but are never reported missing: an idiom or a
 * name may go ("24 hours a day" as "rund um die Uhr"); one written in digits
 * whose place another figure takes is altered. Not reported either, to
 * spare false alarms: a number word of the translation without scale
 * ("achten", "neuf" are other words) unless it pairs as altered; a plain 1
 * of the translation (articles made explicit); a translation number that
 * repeats a matched source value; an added metric figure next to a
 * converted one; the digits of a code whose name the other text does not
 * write ("COVID-19" as "新冠": an entity matter); a source number word the
 * translation keeps verbatim ("Fox and Seven"). `counts` may be NULL.
 * Errors: TQE_ENOMEM. */
TQE_EXPORT int tqe_numbers_compare(tqe_issue_list *out, tqe_ctx *ctx, const char *src,
                                   size_t src_len, const tqe_number *s, size_t ns, const char *tgt,
                                   size_t tgt_len, const tqe_number *t, size_t nt,
                                   tqe_numbers_stats *counts);
/* "cardinal", "percent", ... ; NULL if out of range. Static. */
TQE_EXPORT const char *tqe_num_kind_name(tqe_num_kind k);
/* Append a mention's normalized value as people read it, the same in every
 * language: "6e10 USD", "50%", "03-21", "13:54", "1990s", "Q3", "x2". */
TQE_EXPORT int tqe_number_describe(tqe_buf *out, const tqe_number *n);

/* ------------------------------------------------------------------------ */
/* Entities: names in an English source and whether the translation keeps   */
/* them (the entity_missing / entity_altered checks), and user glossaries.   */
/* ------------------------------------------------------------------------ */
typedef enum tqe_entity_kind {
    TQE_ENT_NAME = 0,        /* capitalised words: "Mark Zuckerberg", "Google Cloud" */
    TQE_ENT_ACRONYM = 1,     /* "AWS", "NASA" */
    TQE_ENT_CAMEL = 2,       /* "OpenAI", "iPhone", "DeepMind" */
    TQE_ENT_ALNUM = 3,       /* letters and digits: "H1N1", "GPT-4", "Llama 3" */
    TQE_ENT_TITLE = 4,       /* a quoted title in title case */
    TQE_ENT_URL = 5,         /* "https://...", "www...." */
    TQE_ENT_EMAIL = 6,       /* "name@example.com" */
    TQE_ENT_HANDLE = 7,      /* "@name" */
    TQE_ENT_HASHTAG = 8,     /* "#tag" */
    TQE_ENT_PLACEHOLDER = 9, /* an anonymization placeholder: "#PRS_ORG#" */
} tqe_entity_kind;
#define TQE_ENT_KIND_COUNT 10

/* "name", "acronym", ...; NULL if out of range. Static. */
TQE_EXPORT const char *tqe_entity_kind_name(tqe_entity_kind k);

/* The entity is normally translated (all its words are ordinary English
 * words, as in "Supreme Court", or it is a name listed as translatable, as
 * "Germany" or "EU"): it is checked only against forms a glossary or the
 * language's equivalents list gives for it. */
#define TQE_ENT_TRANSLATABLE 1u

typedef struct tqe_entity {
    size_t start, end; /* byte span in the source */
    tqe_entity_kind kind;
    unsigned flags; /* TQE_ENT_* flags */
} tqe_entity;

/* Counts of one check (or sums over many). Entities are counted once per
 * distinct text in a segment. checked = ok + missing + altered. */
typedef struct tqe_entity_stats {
    size_t src;     /* entities found in the source */
    size_t checked; /* of which checked (see tqe_entities_check) */
    size_t ok, missing, altered;
} tqe_entity_stats;

typedef struct tqe_glossary tqe_glossary;
typedef struct tqe_entities tqe_entities;

/* An entity extractor for English sources and a matcher for one target
 * language. `src_lang` must be "en"; `tgt_lang` is a BCP 47 tag whose
 * primary subtag picks the rules ("de", "pt-BR", "zh-Hant"). `data_dir` is
 * tqe's references/ directory (required: the lists have no defaults); it must
 * hold entities/en/{stoplist,common,function,translatable}.txt and may hold
 * entities/suffixes/LANG.tsv and entities/equivalents/LANG.tsv (see
 * references/entities/README.md). Errors: TQE_EINVAL (language), TQE_EIO,
 * TQE_EUTF8, TQE_EFORMAT "FILE:LINE: ..." (data), TQE_EICU. */
TQE_EXPORT int tqe_entities_new(tqe_entities **out, tqe_ctx *ctx, const char *src_lang,
                                const char *tgt_lang, const char *data_dir);
TQE_EXPORT void tqe_entities_free(tqe_entities *e);

/* Optional document context: lower-case words of `text` (e.g. the whole
 * source document) count as evidence that a capitalised sentence-initial
 * word is an ordinary word ("Plaintiffs allege ..."). Accumulates until
 * tqe_entities_clear_context(). */
TQE_EXPORT int tqe_entities_add_context(tqe_entities *e, const char *text, size_t len);
TQE_EXPORT void tqe_entities_clear_context(tqe_entities *e);
/* Replace dst's context with a copy of src's. */
TQE_EXPORT int tqe_entities_copy_context(tqe_entities *dst, const tqe_entities *src);

/* The entities of an English text, in order. *out is borrowed from the
 * handle and valid until its next call. */
TQE_EXPORT int tqe_entities_extract(tqe_entities *e, const char *text, size_t len,
                                    const tqe_entity **out, size_t *n);

/* Check that the entities of `src` survive in its translation `tgt` and
 * append an entity_missing or entity_altered issue to `out` for each that
 * does not (once per distinct entity text in the segment). Only the words
 * of a name that are not ordinary English words are looked for ("Biden" of
 * "President Biden"), and a given name may be left out when the surname is
 * there. A word is found when the translation has it as is, differing only
 * in case or accents, with one of the language's case endings or inside a
 * compound, respelled ("Wladimir"; a typo that keeps the spelling, as
 * "Jhonson" or "Brisstol", is no respelling), romanized back from Cyrillic
 * or Greek, or as a form `g` (may be NULL) or the language's equivalents
 * list gives. entity_altered: a close misspelling in Latin script stands in
 * its place (tgt_start/tgt_end and `target` quote it; "Auctia.com" may span
 * words); entity_missing has no target span. `source` quotes the entity;
 * `detail` names the missing part. Not checked: translatable entities
 * without forms, and, for targets in other scripts (Chinese, Japanese,
 * Korean, ...), names that are not acronyms, CamelCase, letters-and-digits,
 * URLs, addresses, handles, tags or placeholders, unless the glossary has
 * them or the translation writes them in Latin letters (found, or
 * misspelled: entity_altered; a transliteration cannot be told from a
 * dropped name, so "not found" is not reported); the same holds for quoted
 * titles of works in every language, which are often translated. A
 * translatable word kept as written is found. `counts` (may be NULL) is
 * added to. Invalidates what tqe_entities_extract() returned. Errors:
 * TQE_ENOMEM, TQE_EICU, TQE_ELIMIT (a segment over 2 GiB). */
TQE_EXPORT int tqe_entities_check(tqe_issue_list *out, tqe_entities *e, const char *src,
                                  size_t src_len, const char *tgt, size_t tgt_len,
                                  const tqe_glossary *g, tqe_entity_stats *counts);

/* Load a glossary: UTF-8 text, one entry a line,
 *     source term<TAB>allowed form|other form
 *     source term<TAB>=                          (do not translate)
 * where "=" among forms stands for the term itself; spaces around terms
 * and forms are trimmed; blank lines and lines that start with '#' and have
 * no TAB are comments. Terms are matched ignoring case and punctuation
 * ("Kadrey v. Meta" = "kadrey v meta"). Errors: TQE_EIO, TQE_EUTF8
 * "FILE:LINE:BYTE: ...", TQE_EFORMAT "FILE:LINE: ..." (a malformed line or a
 * duplicate term), TQE_ELIMIT (a term over 255 bytes). */
TQE_EXPORT int tqe_glossary_load(tqe_glossary **out, tqe_ctx *ctx, const char *path);
/* The same from memory (not kept); `display_name` names it in messages. */
TQE_EXPORT int tqe_glossary_from_memory(tqe_glossary **out, tqe_ctx *ctx, const char *data,
                                        size_t len, const char *display_name);
TQE_EXPORT void tqe_glossary_free(tqe_glossary *g);
TQE_EXPORT size_t tqe_glossary_count(const tqe_glossary *g);
/* 1 when `term` is in the glossary, with its allowed forms (borrowed from
 * g) and whether it is do-not-translate (its one form is then the term as
 * written); 0 when not. Any output pointer may be NULL. Thread-safe. */
TQE_EXPORT int tqe_glossary_lookup(const tqe_glossary *g, const char *term, size_t len,
                                   const char *const **forms, size_t *nforms, int *verbatim);
/* Append a glossary issue for each glossary term in `src` none of whose
 * forms is in `tgt` (a do-not-translate term must appear as written, case
 * endings allowed). The forms are matched as tqe_entities_check matches
 * names, with e's language rules. */
TQE_EXPORT int tqe_glossary_check(tqe_issue_list *out, tqe_entities *e, const tqe_glossary *g,
                                  const char *src, size_t src_len, const char *tgt, size_t tgt_len);

/* ------------------------------------------------------------------------ */
/* The source-translation checks together: tqe check, tqe card.              */
/* ------------------------------------------------------------------------ */
typedef struct tqe_check_options {
    unsigned version;
    const char *src_lang;         /* "en" */
    const char *tgt_lang;         /* required */
    const char *data_dir;         /* the references/ directory (required) */
    const tqe_glossary *glossary; /* borrowed, may be NULL */
    double length_threshold;      /* z beyond which a long translation is an addition (4.0) */
    unsigned skip;                /* bit (1u << type) set: do not look for that issue type */
    /* -z beyond which a short translation is an omission (3.0): on WMT22
     * references, 3 finds 62% of injected omissions for 7 flags in 13,893
     * clean lines, 4 only 24% (tests/conformance/defects_README.md). */
    double omission_threshold;
} tqe_check_options;
#define TQE_CHECK_OPTIONS_VERSION 1
#define TQE_CHECK_OPTIONS_INIT                                                                     \
    {                                                                                              \
        TQE_CHECK_OPTIONS_VERSION, "en", NULL, NULL, NULL, 4.0, 0u, 3.0                            \
    }

/* What one check measured (added to by tqe_checker_run, so that sums over
 * lines or paragraphs are running totals; zero it first). */
typedef struct tqe_check_counts {
    tqe_numbers_stats numbers;
    tqe_entity_stats entities;
    uint64_t src_words, tgt_words; /* whitespace-separated words */
    uint64_t src_chars, tgt_chars; /* code points */
    uint64_t issues[TQE_ISSUE_TYPE_COUNT];
} tqe_check_counts;

typedef struct tqe_checker tqe_checker;

/* Opens every service once (ICU, word lists); a checker serves one thread. */
TQE_EXPORT int tqe_checker_new(tqe_checker **out, tqe_ctx *ctx, const tqe_check_options *o);
TQE_EXPORT void tqe_checker_free(tqe_checker *c);
/* Check a translation against its source: numbers, names, glossary terms,
 * untranslated text and implausible length. Findings are appended to `out`
 * in that order; *z (may be NULL) receives the length model's z. */
TQE_EXPORT int tqe_checker_run(tqe_checker *c, tqe_issue_list *out, const char *src, size_t src_len,
                               const char *tgt, size_t tgt_len, tqe_check_counts *counts,
                               double *z);
/* Give the checker the whole source document, so that a capitalised word at
 * the start of a sentence that is lowercase elsewhere is not taken for a name. */
TQE_EXPORT int tqe_checker_add_context(tqe_checker *c, const char *src, size_t len);
TQE_EXPORT void tqe_checker_clear_context(tqe_checker *c);
/* Give `dst` the context `src` was given (checkers of worker threads). */
TQE_EXPORT int tqe_checker_copy_context(tqe_checker *dst, const tqe_checker *src);

/* How each name fared across the segments of one document (one tally per
 * document and translation). A translation that leaves a name out on every
 * line that has it, two lines or more, renders it ("CAA" as "Управление
 * гражданской авиации", "Moscow" as "ロシア側"): reporting it missing on
 * each line is noise. A name kept on some lines and lost on others is a
 * real omission and stays reported. */
typedef struct tqe_name_tally tqe_name_tally;

TQE_EXPORT int tqe_name_tally_new(tqe_name_tally **out, tqe_ctx *ctx);
TQE_EXPORT void tqe_name_tally_free(tqe_name_tally *t);
/* Count one segment's check of a name (as written in the source): found
 * (also as a near miss) or not. */
TQE_EXPORT int tqe_name_tally_record(tqe_name_tally *t, const char *name, size_t len, int found);
/* Add another tally's counts (one per worker thread). */
TQE_EXPORT int tqe_name_tally_merge(tqe_name_tally *into, const tqe_name_tally *from);
TQE_EXPORT size_t tqe_name_tally_count(const tqe_name_tally *t);
/* Name i (borrowed; not NUL-terminated) and its counts; pointers may be NULL. */
TQE_EXPORT const char *tqe_name_tally_get(const tqe_name_tally *t, size_t i, size_t *len,
                                          uint64_t *missing, uint64_t *found);
/* 1 when the name was never found and missing on two segments or more. */
TQE_EXPORT int tqe_name_tally_rendered(const tqe_name_tally *t, const char *name, size_t len);
/* Remove the entity_missing findings of such names from `l`; returns how
 * many were removed. */
TQE_EXPORT size_t tqe_name_tally_filter(const tqe_name_tally *t, tqe_issue_list *l);
/* Record every name the checker checks in `t` (NULL: stop recording). The
 * checker only counts; the caller filters once the document is done. */
TQE_EXPORT void tqe_checker_set_tally(tqe_checker *c, tqe_name_tally *t);

/* ------------------------------------------------------------------------ */
/* Renderers.                                                                 */
/* ------------------------------------------------------------------------ */
/* Append s[0..len) as a JSON string literal (with quotes), escaped as
 * Python's json.dumps does; ensure_ascii writes non-ASCII as \uXXXX. */
TQE_EXPORT int tqe_json_string(tqe_buf *out, const char *s, size_t len, int ensure_ascii);

/* One JSON Lines record of tqe check:
 * {"line": N, "issues": [{"type": ..., "source": ..., "target": ..., "detail": ...}]}
 * followed by "\n". Appends to out. */
TQE_EXPORT int tqe_render_issues_jsonl(tqe_buf *out, uint64_t line, const tqe_issue_list *l);
/* TSV rows "line<TAB>type<TAB>source<TAB>target<TAB>detail", one per issue;
 * TAB, LF, CR and backslash inside fields are written \t \n \r \\.
 * tqe_render_issues_tsv_header() appends the header row. */
TQE_EXPORT int tqe_render_issues_tsv_header(tqe_buf *out);
TQE_EXPORT int tqe_render_issues_tsv(tqe_buf *out, uint64_t line, const tqe_issue_list *l);
/* For people: each issue, then the source and the translation with the
 * issue's span marked (ANSI bold colors when `color`, else [[...]]). */
TQE_EXPORT int tqe_render_issues_text(tqe_buf *out, uint64_t line, const char *src, size_t src_len,
                                      const char *tgt, size_t tgt_len, const tqe_issue_list *l,
                                      int color);

/* ------------------------------------------------------------------------ */
/* Scorecards: per-paragraph results of translations of one source.          */
/* ------------------------------------------------------------------------ */
typedef enum tqe_grade { TQE_GRADE_PASS = 0, TQE_GRADE_WARN = 1, TQE_GRADE_FAIL = 2 } tqe_grade;
/* "pass", "warn", "fail". Static. */
TQE_EXPORT const char *tqe_grade_name(tqe_grade g);

/* Grading thresholds: a bead is `warn` when any value reaches its warn
 * threshold and `fail` when any reaches its fail threshold. For issue types
 * the value is the count of that type in the bead ("at least"); for chrF,
 * BLEU and the alignment confidence the value is a score ("below"). NAN
 * disables a threshold. */
typedef struct tqe_thresholds {
    double issue_warn[TQE_ISSUE_TYPE_COUNT], issue_fail[TQE_ISSUE_TYPE_COUNT];
    double chrf_ref_warn, chrf_ref_fail; /* chrF against the reference */
    double bleu_ref_warn, bleu_ref_fail;
    double align_warn, align_fail; /* alignment confidence */
} tqe_thresholds;

/* The defaults: any lost or changed number, untranslated text, omitted
 * paragraph or glossary violation fails; a missing or altered name, an extra
 * number or an added paragraph warns; chrF below 40 warns, below 25 fails;
 * an alignment confidence below 0.5 warns. */
TQE_EXPORT void tqe_thresholds_default(tqe_thresholds *t);
/* Read a thresholds file: lines "key<TAB>warn<TAB>fail" ('-' for none) where
 * key is an issue type, chrf_vs_ref, bleu_vs_ref or align_confidence; keys
 * not in the file keep their defaults. Errors: TQE_EFORMAT "FILE:LINE: ...". */
TQE_EXPORT int tqe_thresholds_load(tqe_thresholds *t, tqe_ctx *ctx, const char *path);

typedef struct tqe_card_options {
    unsigned version;
    const char *src_lang; /* "en" */
    const char *data_dir; /* references/ (required) */
    const tqe_glossary *glossary;
    const tqe_thresholds *thresholds; /* NULL: the defaults */
    long bootstrap;                   /* resamples for the confidence intervals (1000) */
    unsigned long seed;               /* 12345 */
    int jobs; /* threads for tqe_card_add_translations (1; at most TQE_CARD_MAX_JOBS) */
} tqe_card_options;
#define TQE_CARD_OPTIONS_VERSION 1
#define TQE_CARD_OPTIONS_INIT                                                                      \
    {                                                                                              \
        TQE_CARD_OPTIONS_VERSION, "en", NULL, NULL, NULL, 1000, 12345ul, 1                         \
    }
#define TQE_CARD_MAX_JOBS 64

/* One bead of one translation. Texts are the bead's paragraphs joined by
 * "\n"; issue spans index them. Scores are NAN where they do not apply (no
 * reference; a 1-0 or 0-1 bead). Borrowed from the card. */
typedef struct tqe_card_bead {
    const char *doc;
    size_t index; /* bead number within the document, 0-based */
    tqe_bead bead;
    const char *src_text, *tgt_text, *ref_text; /* "" when none */
    uint64_t src_words, tgt_words;
    double chrf_vs_ref, bleu_vs_ref, chrf_vs_src;
    tqe_numbers_stats numbers;
    tqe_entity_stats entities;
    const tqe_issue *issues;
    size_t nissues;
    tqe_grade grade;
    const double *extra; /* one per extra score column, NAN where missing */
} tqe_card_bead;

/* One translation's totals. Intervals are 95% bootstrap intervals over
 * beads; NAN where they do not apply. */
typedef struct tqe_card_summary {
    const char *name, *lang;
    size_t docs, src_paras, tgt_paras;
    uint64_t src_words, tgt_words;
    size_t beads_by_kind[TQE_BEAD_KIND_COUNT];
    uint64_t issues_by_type[TQE_ISSUE_TYPE_COUNT];
    uint64_t issues;
    double issues_per_kw, issues_per_kw_lo, issues_per_kw_hi; /* per 1,000 source words */
    double chrf, chrf_lo, chrf_hi;                            /* corpus chrF vs the reference */
    double bleu, bleu_lo, bleu_hi;
    size_t grades[3];
    size_t rank;   /* 1 = best; tied translations share a rank */
    int rank_tied; /* another translation has the same rank: "2=" */
    const double *extra_mean;
} tqe_card_summary;

typedef struct tqe_card tqe_card;

TQE_EXPORT int tqe_card_new(tqe_card **out, tqe_ctx *ctx, const tqe_card_options *o);
TQE_EXPORT void tqe_card_free(tqe_card *c);
/* Declare an extra per-paragraph score column (COMET computed elsewhere...)
 * before adding translations. Returns its index. */
TQE_EXPORT int tqe_card_add_extra_column(tqe_card *c, const char *name);
/* A translation to add: refs are reference translations of the same
 * language (may be none); extra holds, per extra column, one score per
 * translation paragraph in file order (all documents), or NULL. Borrowed
 * for the call. */
typedef struct tqe_card_input {
    const char *name, *lang;
    const tqe_docset *tgt;
    const tqe_docset *const *refs;
    size_t nrefs;
    const double *const *extra;
    const size_t *nextra;
} tqe_card_input;

/* Align, check and score translations of `src` (documents matched by id; a
 * document missing from a translation is one omission per paragraph). The
 * documents are shared out among `jobs` threads; the card is the same for
 * any number of threads. Progress (0..1, over all of them) is reported
 * through `progress` when not NULL, from the worker threads one call at a
 * time. On failure the card is left as it was before the call. */
TQE_EXPORT int tqe_card_add_translations(tqe_card *c, const tqe_docset *src,
                                         const tqe_card_input *in, size_t n,
                                         void (*progress)(void *arg, double done), void *arg);
/* One translation (see tqe_card_input). */
TQE_EXPORT int tqe_card_add_translation(tqe_card *c, const char *name, const char *lang,
                                        const tqe_docset *src, const tqe_docset *tgt,
                                        const tqe_docset *const *refs, size_t nrefs,
                                        const double *const *extra, const size_t *nextra,
                                        void (*progress)(void *arg, double done), void *arg);
/* Summaries, intervals and ranks; call once, after the last translation. */
TQE_EXPORT int tqe_card_finish(tqe_card *c);
TQE_EXPORT size_t tqe_card_count(const tqe_card *c);
TQE_EXPORT const tqe_card_summary *tqe_card_summary_get(const tqe_card *c, size_t t);
TQE_EXPORT size_t tqe_card_bead_count(const tqe_card *c, size_t t);
TQE_EXPORT const tqe_card_bead *tqe_card_bead_get(const tqe_card *c, size_t t, size_t i);
TQE_EXPORT size_t tqe_card_extra_count(const tqe_card *c);
TQE_EXPORT const char *tqe_card_extra_name(const tqe_card *c, size_t k);
TQE_EXPORT const char *tqe_card_source_name(const tqe_card *c);

/* Renderers (append to out). CSV is RFC 4180 (CRLF line ends, fields with
 * commas, quotes or line breaks quoted) in UTF-8 with a header row. */
TQE_EXPORT int tqe_card_render_csv(tqe_buf *out, const tqe_card *c);
TQE_EXPORT int tqe_card_render_jsonl(tqe_buf *out, const tqe_card *c);
TQE_EXPORT int tqe_card_render_summary_csv(tqe_buf *out, const tqe_card *c);
/* One self-contained HTML page (no network access, no external files). */
TQE_EXPORT int tqe_card_render_html(tqe_buf *out, const tqe_card *c, const char *title);

/* ------------------------------------------------------------------------ */
/* Statistics files: per-segment statistics of a tqe score run (a shard).    */
/* ------------------------------------------------------------------------ */
/* Text, UTF-8, one record a line (see README, "Sharded runs"):
 *     tqe-stats<TAB>1                      format version
 *     tqe<TAB>0.1.0                        the tqe that wrote it
 *     args<TAB>-m<TAB>bleu<TAB>...          the score options (canonical)
 *     nrefs<TAB>N
 *     system<TAB>NAME                      one per system, in order
 *     metric<TAB>NAME<TAB>NSTATS<TAB>SIGNATURE   one per metric, in order
 *     data
 *     v v v ...                            one line per segment: for each system,
 *                                          for each metric, its NSTATS numbers
 *     end<TAB>SEGMENTS<TAB>T1<TAB>T2...     segment count, then per system the lines
 *                                          ending in " ." (sacreBLEU's warning)
 * Numbers are written in the shortest form that reads back to the same
 * double, so a merge sums exactly what a single run sums. TAB, LF, CR and
 * backslash in names are written \t \n \r \\. */
typedef struct tqe_stats_header {
    const char *args; /* TAB-separated */
    int nrefs;
    size_t nsystems;
    const char *const *systems;
    size_t nmetrics;
    const char *const *metrics;    /* "BLEU", "chrF2", ... */
    const size_t *nstats;          /* per metric */
    const char *const *signatures; /* per metric */
} tqe_stats_header;

/* Append the header, one data row (`n` doubles), or the trailer to `out`. */
TQE_EXPORT int tqe_stats_write_header(tqe_buf *out, const tqe_stats_header *h);
TQE_EXPORT int tqe_stats_write_row(tqe_buf *out, const double *row, size_t n);
TQE_EXPORT int tqe_stats_write_end(tqe_buf *out, uint64_t segments, const uint64_t *tok_period,
                                   size_t nsystems);

typedef struct tqe_stats_reader tqe_stats_reader;

/* Open a statistics file and read its header (validated: TQE_EFORMAT
 * "FILE:LINE: ..." for anything malformed or of another format version). */
TQE_EXPORT int tqe_stats_open(tqe_stats_reader **out, tqe_ctx *ctx, const char *path);
/* Read from memory (not copied). */
TQE_EXPORT int tqe_stats_open_memory(tqe_stats_reader **out, tqe_ctx *ctx, const char *data,
                                     size_t len, const char *name);
TQE_EXPORT void tqe_stats_close(tqe_stats_reader *r);
/* The header; borrowed, valid until tqe_stats_close. */
TQE_EXPORT const tqe_stats_header *tqe_stats_get_header(const tqe_stats_reader *r);
/* Number of doubles in a row: the sum over systems and metrics of NSTATS. */
TQE_EXPORT size_t tqe_stats_row_size(const tqe_stats_reader *r);
/* Next row: 1 (*row borrowed until the next call), 0 after a valid trailer,
 * or a negative status (a truncated file is TQE_EFORMAT). */
TQE_EXPORT int tqe_stats_next(tqe_stats_reader *r, const double **row);
/* After the trailer: the segment count and per system the " ." count. */
TQE_EXPORT uint64_t tqe_stats_segments(const tqe_stats_reader *r);
TQE_EXPORT const uint64_t *tqe_stats_tok_period(const tqe_stats_reader *r);

/* ------------------------------------------------------------------------ */
/* Comparing a candidate system with a baseline: tqe compare.                */
/* ------------------------------------------------------------------------ */
/* Two translations of one test set (line i of each translating line i of the
 * source and the references) are compared: per metric the corpus scores, the
 * delta (candidate - baseline) with a 95% paired bootstrap interval and an
 * approximate-randomization p-value; per issue type tqe check's counts; and
 * the segments that got most worse.
 *
 * Decisions (a "gate" fails; a comparison fails when any gate fails):
 *  - a metric gate fails when the candidate is worse by more than max_drop
 *    points AND the difference is significant:
 *        worsening > max_drop  and  p < alpha,
 *    where worsening = baseline - candidate for BLEU and chrF (higher is
 *    better), candidate - baseline for TER, and p is the approximate-
 *    randomization p-value of |delta| (two-sided; with the sign condition a
 *    one-sided test at alpha/2). The permutation test decides, not the
 *    bootstrap interval, because it tests the null hypothesis itself
 *    (exchanging the two systems' outputs segment by segment) without
 *    assuming that the bootstrap distribution of the delta has the shape of
 *    its null distribution; the interval is reported as the size of the
 *    effect. The two disagree only near the boundary. p counts shuffled
 *    differences >= the actual one (the usual Monte Carlo permutation p-value,
 *    so identical systems get p = 1); sacreBLEU counts only those > it, which
 *    differs when the actual difference is 0 or ties a shuffle exactly. With
 *    k segments that differ between the systems there are 2^k shuffles, two of
 *    which give the actual |delta|, so p >= 2/2^k: a regression confined to
 *    fewer than 6 segments is never significant at 0.05.
 *  - an issue gate (a set of issue types) fails when the candidate's count of
 *    those issues exceeds the baseline's by more than max_new. There is no
 *    significance test: the check is deterministic, and the threshold absorbs
 *    its occasional false alarm on a reworded sentence.
 * Resampling is seeded (tqe_rng_seed): the same inputs and seed give the same
 * results. Every metric uses the same bootstrap resamples and the same
 * shuffles, and both systems are scored on the same resamples. */
typedef struct tqe_compare_options {
    unsigned version;
    long bootstrap;            /* paired bootstrap resamples for the interval (1000), >= 1 */
    long ar_trials;            /* approximate-randomization trials for p (10000), >= 1 */
    tqe_rng_seed seed;         /* {12345, 1} */
    double alpha;              /* significance level (0.05) */
    size_t worst;              /* segments listed per ranking (10); 0 lists none */
    const char *baseline_name; /* names in reports (copied): "baseline" if NULL */
    const char *candidate_name;
} tqe_compare_options;
#define TQE_COMPARE_OPTIONS_VERSION 1
#define TQE_COMPARE_OPTIONS_INIT                                                                   \
    {                                                                                              \
        TQE_COMPARE_OPTIONS_VERSION, 1000, 10000, {12345ul, 1}, 0.05, 10, NULL, NULL               \
    }

/* What a comparison concluded about one metric or issue count. */
typedef enum tqe_verdict {
    TQE_VERDICT_SAME = 0,   /* no significant difference (metric) or no change (count) */
    TQE_VERDICT_BETTER = 1, /* significantly better, or fewer issues */
    TQE_VERDICT_WORSE = 2,  /* worse, but not beyond the gate's threshold (or no gate) */
    TQE_VERDICT_FAIL = 3,   /* worse beyond the threshold: the gate fails */
} tqe_verdict;
/* "same", "better", "worse", "FAIL". Static. */
TQE_EXPORT const char *tqe_verdict_name(tqe_verdict v);

/* One metric's result. Strings are borrowed from the comparison. */
typedef struct tqe_compare_metric {
    const char *name;      /* "BLEU", "chrF2", "TER" (tqe_metric_name) */
    const char *signature; /* sacreBLEU-style, with bs, ar and seed */
    int higher_is_better;  /* 0 for TER */
    double baseline, candidate;
    double delta;              /* candidate - baseline */
    double delta_lo, delta_hi; /* 95% paired bootstrap percentile interval of delta */
    double p_value;            /* approximate randomization, see above */
    double worsening;          /* baseline - candidate, or candidate - baseline for TER */
    double max_drop;           /* the gate's threshold; NAN: not gated */
    tqe_verdict verdict;
} tqe_compare_metric;

/* One issue count: a single type, or a gate over several. */
typedef struct tqe_compare_issues {
    const char *key; /* "number_missing", or the gate's key ("number") */
    unsigned types;  /* bit (1u << type) for each type counted */
    uint64_t baseline, candidate;
    size_t worse, better; /* segments where the candidate has more / fewer of them */
    double max_new;       /* the gate's threshold; NAN: not gated (reported only) */
    tqe_verdict verdict;
} tqe_compare_issues;

/* A segment listed among the most worsened. Texts are the lines as given
 * ("" where there is no source); refs has nrefs entries. new_issues are the
 * candidate's issues that the baseline does not have on this line (same type
 * and quoted source text, counted with multiplicity); chrF is sentence chrF2
 * (tqe_metric_name of the comparison's chrF metric). Borrowed. */
typedef struct tqe_compare_segment {
    uint64_t line; /* 1-based */
    const char *src;
    const char *const *refs;
    size_t nrefs;
    const char *baseline, *candidate;
    double chrf_baseline, chrf_candidate, chrf_delta;
    const tqe_issue_list *new_issues;
} tqe_compare_segment;

typedef enum tqe_compare_ranking {
    TQE_RANK_CHRF = 0,   /* by sentence chrF delta, most negative first (only deltas < 0) */
    TQE_RANK_ISSUES = 1, /* by number of new issues, most first (only segments with any);
                          * ties by chrF delta */
} tqe_compare_ranking;

typedef struct tqe_compare tqe_compare;

/* A comparison. Add metrics (and a checker for the issue counts) and gates,
 * then segments, then finish it. Errors: TQE_EINVAL (options), TQE_ENOMEM. */
TQE_EXPORT int tqe_compare_new(tqe_compare **out, tqe_ctx *ctx, const tqe_compare_options *o);
TQE_EXPORT void tqe_compare_free(tqe_compare *c);
/* Compare on metric m (borrowed: it must outlive the comparison; one metric
 * of each kind) with a gate at max_drop points (>= 0; NAN: report, no gate).
 * The first chrF metric added also ranks the segments; without one, a
 * default chrF2 does. */
TQE_EXPORT int tqe_compare_add_metric(tqe_compare *c, tqe_metric *m, double max_drop);
/* Count the issues `ck` (borrowed) finds in each system; needs the source
 * in every segment. Every issue type gets a row, not gated until a gate
 * names it. */
TQE_EXPORT int tqe_compare_set_checker(tqe_compare *c, tqe_checker *ck);
/* Gate the rise in the count of the issue types `types` (bit set, non-zero)
 * at max_new (>= 0). `key` names the gate in reports (copied); a key that
 * names one type sets that type's row, others add a row. A key given twice
 * is TQE_EINVAL. Needs a checker. */
TQE_EXPORT int tqe_compare_add_issue_gate(tqe_compare *c, const char *key, unsigned types,
                                          double max_new);
/* Add the next segment: its source (NULL when there is none; required with a
 * checker), nrefs >= 1 references and the two translations, as read (valid
 * UTF-8). Metrics see the lines without trailing whitespace, as tqe score
 * (and sacreBLEU) read files; the checker sees them as given, as tqe check
 * does. Only the segments that may be listed are copied. */
TQE_EXPORT int tqe_compare_add_segment(tqe_compare *c, const char *src, size_t src_len,
                                       const char *const *refs, const size_t *ref_lens,
                                       size_t nrefs, const char *baseline, size_t baseline_len,
                                       const char *candidate, size_t candidate_len);
/* Scores, resampling and verdicts; call once, after the last segment. No
 * segments is TQE_EINVAL. */
TQE_EXPORT int tqe_compare_finish(tqe_compare *c);

/* Results, valid after tqe_compare_finish and borrowed from c. */
TQE_EXPORT size_t tqe_compare_segment_count(const tqe_compare *c);
TQE_EXPORT const tqe_compare_options *tqe_compare_get_options(const tqe_compare *c);
TQE_EXPORT size_t tqe_compare_metric_count(const tqe_compare *c);
TQE_EXPORT const tqe_compare_metric *tqe_compare_metric_get(const tqe_compare *c, size_t i);
/* Issue rows: every type in tqe_issue_type order, then the other gates in
 * the order they were added. 0 without a checker. */
TQE_EXPORT size_t tqe_compare_issues_count(const tqe_compare *c);
TQE_EXPORT const tqe_compare_issues *tqe_compare_issues_get(const tqe_compare *c, size_t i);
TQE_EXPORT size_t tqe_compare_worst_count(const tqe_compare *c, tqe_compare_ranking r);
TQE_EXPORT const tqe_compare_segment *tqe_compare_worst_get(const tqe_compare *c,
                                                            tqe_compare_ranking r, size_t i);
/* 1 when a gate failed, else 0. */
TQE_EXPORT int tqe_compare_failed(const tqe_compare *c);

/* Renderers (append to out; deterministic: no dates or timings).
 * Text: for a terminal or a CI log (ANSI colors when `color`). */
TQE_EXPORT int tqe_compare_render_text(tqe_buf *out, const tqe_compare *c, int color);
/* One line per failed gate ("BLEU dropped by 1.28 points (more than 1.00;
 * p = 0.0002)"), nothing when none failed. */
TQE_EXPORT int tqe_compare_render_failures(tqe_buf *out, const tqe_compare *c);
/* GitHub-flavoured Markdown for a pull-request comment: verdict, tables,
 * the worst segments (texts cut at 240 characters) in collapsed sections.
 * Text is escaped: Markdown punctuation with '\', '<' '>' '&' as entities. */
TQE_EXPORT int tqe_compare_render_markdown(tqe_buf *out, const tqe_compare *c);
/* JUnit XML: one <testsuite> with a <testcase> per metric and per issue row
 * (classname "tqe.compare.metric" / "tqe.compare.qa"); a failed gate has a
 * <failure> with the evidence (the worst segments), an ungated row is
 * <skipped>. Times are 0. Characters XML 1.0 forbids become U+FFFD. */
TQE_EXPORT int tqe_compare_render_junit(tqe_buf *out, const tqe_compare *c);

#ifdef __cplusplus
}
#endif
#endif /* TQE_H */
