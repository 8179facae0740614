/* utf8.h - strict UTF-8 validation with a reason for the first error. */
#ifndef TQE_UTF8_H
#define TQE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

typedef enum utf8_problem {
    UTF8_OK = 0,
    UTF8_BAD_LEAD,  /* a byte that cannot start a sequence (0x80-0xC1, 0xF5-0xFF) */
    UTF8_TRUNCATED, /* a sequence cut short by a non-continuation byte or the end */
    UTF8_OVERLONG,  /* a code point encoded in more bytes than needed */
    UTF8_SURROGATE, /* U+D800..U+DFFF */
    UTF8_TOO_LARGE, /* above U+10FFFF */
    UTF8_NUL,       /* a NUL byte: text files have none */
} utf8_problem;

/* Validate s[0..len). On error, *bad is the offset of the offending sequence. */
utf8_problem utf8_validate(const char *s, size_t len, size_t *bad);
/* Is s[0..len) valid and free of NUL bytes? The fast check utf8_validate
 * runs first (SIMD where available). */
bool utf8_valid_fast(const char *s, size_t len);
/* utf8_validate without the fast check: a byte loop, the reference the
 * fast check is tested against. */
utf8_problem utf8_validate_detailed(const char *s, size_t len, size_t *bad);
const char *utf8_problem_str(utf8_problem p);

/* Drop an incomplete multi-byte sequence from the end of the NUL-terminated
 * `s` (what snprintf leaves when it cuts text at a buffer's end). */
void utf8_trim_cut(char *s);

#endif
