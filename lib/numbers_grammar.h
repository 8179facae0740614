/* numbers_grammar.h - shared by the grammar files numbers_grammar.c (amounts,
 * ranges) and numbers_datetime.c (dates, times, quarters). */
#ifndef TQE_NUMBERS_GRAMMAR_H
#define TQE_NUMBERS_GRAMMAR_H

#include "numbers.h"

#define BIT(t)     (1u << (t))
#define AT(x, i)   (&(x)->sc.atoms[(i)])
#define NATOMS(x)  ((x)->sc.natoms)
#define FOLD(x, a) ((x)->sc.fold + (a)->fold)

/* A quantity: digits, spelled words or an article, with its scale words. */
typedef struct qty {
    size_t first, next; /* atoms [first, next) */
    double value, alt;  /* after scale words */
    double raw, scale;  /* before scale words, and their product */
    uint8_t anum;       /* ANUM_* of a digit atom */
    int ndig;           /* digits before the decimal separator */
    bool digits, integer, spelled, ordinal, weak, cjk, article, roman, scaled, approx;
} qty;

/* What came before a quantity. */
typedef struct prefix {
    int sign; /* -1, +1 or 0 */
    bool has_currency, percent, ordinal, hour;
    int ampm; /* -1 none, 0 am, 12 pm */
    char unit[LEX_UNIT_LEN];
} prefix;

/* A mention being built. */
typedef struct draft {
    size_t first, next; /* atoms [first, next) */
    tqe_num_kind kind;
    unsigned flags;
    double value, alt, raw, scale;
    char unit[LEX_UNIT_LEN];
} draft;

/* numbers_grammar.c */
int match_phrases(tqe_numbers *x);
/* The longest phrase at atom i with an entry of a type in `mask`; *n is its
 * length in atoms. */
const lex_entry *phrase_at(const tqe_numbers *x, size_t i, uint32_t mask, size_t *n);
bool is_sym(const tqe_numbers *x, size_t i, uint32_t cp);
bool glued(const tqe_numbers *x, size_t i);
bool parse_quantity(const tqe_numbers *x, size_t j, qty *q, bool money);
size_t parse_prefixes(const tqe_numbers *x, size_t i, prefix *p);
void emit(tqe_numbers *x, const draft *d);
size_t try_amount(tqe_numbers *x, size_t i);
size_t try_mult_word(tqe_numbers *x, size_t i);
size_t try_part_word(tqe_numbers *x, size_t i);
size_t try_vague(tqe_numbers *x, size_t i);
void link_ranges(tqe_numbers *x);

/* numbers_datetime.c; each returns the atoms consumed from the draft's
 * first atom (after emitting), or 0. */
size_t try_time(tqe_numbers *x, const qty *q, const prefix *p, draft *d);
size_t try_numeric_date(tqe_numbers *x, const qty *q, draft *d);
size_t try_day_month(tqe_numbers *x, const qty *q, draft *d);
size_t try_month_day(tqe_numbers *x, size_t i);
size_t try_quarter(tqe_numbers *x, size_t i);

#endif
