/* utf8.c - strict UTF-8 validation (RFC 3629) and Python-compatible rstrip.
 *
 * Validation runs a fast yes/no check first (AVX2 where the CPU has it, the
 * byte loop below otherwise); only text that fails it is walked again to
 * name the problem and its offset, so the errors are the same either way. */
#include "utf8.h"
#include "internal.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TQE_UTF8_AVX2 1
#include <immintrin.h>
#endif

const char *utf8_problem_str(utf8_problem p)
{
    switch (p) {
    case UTF8_OK:
        return "valid";
    case UTF8_BAD_LEAD:
        return "invalid UTF-8 (byte cannot start a character)";
    case UTF8_TRUNCATED:
        return "invalid UTF-8 (truncated multi-byte sequence)";
    case UTF8_OVERLONG:
        return "invalid UTF-8 (overlong encoding)";
    case UTF8_SURROGATE:
        return "invalid UTF-8 (encoded UTF-16 surrogate)";
    case UTF8_TOO_LARGE:
        return "invalid UTF-8 (code point above U+10FFFF)";
    case UTF8_NUL:
        return "NUL byte in text (binary file?)";
    }
    return "invalid UTF-8";
}

/* Second-byte bounds by lead byte make overlong forms, surrogates and values
 * above U+10FFFF fail on the second byte, as RFC 3629's table prescribes. */
static utf8_problem check_seq(const unsigned char *p, size_t avail, size_t *n)
{
    unsigned char b = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        need = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else if (b == 0xC0 || b == 0xC1) {
        return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? UTF8_OVERLONG : UTF8_BAD_LEAD;
    } else if (b >= 0xF5 && b <= 0xF7) {
        return UTF8_TOO_LARGE;
    } else {
        return UTF8_BAD_LEAD;
    }
    if (avail < 2 || (p[1] & 0xC0) != 0x80) return UTF8_TRUNCATED;
    if (p[1] < lo || p[1] > hi) {
        if (b == 0xED) return UTF8_SURROGATE;
        if (b == 0xF4) return UTF8_TOO_LARGE;
        return UTF8_OVERLONG;
    }
    for (size_t k = 2; k < need; k++)
        if (k >= avail || (p[k] & 0xC0) != 0x80) return UTF8_TRUNCATED;
    *n = need;
    return UTF8_OK;
}

utf8_problem utf8_validate_detailed(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path, 8 bytes at a time: no high bit and no zero byte. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) ||
                ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
                break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char b = p[i];
        if (b < 0x80) {
            if (b == 0) {
                *bad = i;
                return UTF8_NUL;
            }
            i++;
            continue;
        }
        /* Common well-formed 2- and 3-byte forms inline (Cyrillic, Greek,
         * CJK, punctuation); everything else, errors included, goes to the
         * table-driven check that names the problem. */
        if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (b >= 0xE1 && b <= 0xEC && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t n = 0;
        utf8_problem pr = check_seq(p + i, len - i, &n);
        if (pr != UTF8_OK) {
            *bad = i;
            return pr;
        }
        i += n;
    }
    return UTF8_OK;
}

#ifdef TQE_UTF8_AVX2
/* Keiser and Lemire's validation ("Validating UTF-8 in less than one
 * instruction per byte", 2021), as simdjson implements it: three 16-entry
 * table lookups on the nibbles of each byte and of the one before classify
 * every 2-byte window; continuation bytes 2 and 3 of a sequence are checked
 * against the lead byte 2 and 3 bytes back. Errors are OR-ed together and
 * tested once at the end. NUL bytes count as errors (text has none). */
#define TOO_SHORT      (1 << 0) /* 11______ 0_______ or 11______ 11______ */
#define TOO_LONG       (1 << 1) /* 0_______ 10______ */
#define OVERLONG_3     (1 << 2) /* 11100000 100_____ */
#define TOO_LARGE      (1 << 3) /* 11110100 1001____, 11110100 101_____, 11110101+ 1001/101 */
#define SURROGATE      (1 << 4) /* 11101101 101_____ */
#define OVERLONG_2     (1 << 5) /* 1100000_ 10______ */
#define TOO_LARGE_1000 (1 << 6) /* 11110101+ 1000____ */
#define OVERLONG_4     (1 << 6) /* 11110000 1000____ */
#define TWO_CONTS      (1 << 7) /* 10______ 10______ */
#define CARRY          (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("avx2"))) static inline __m256i
table16(signed char a0, signed char a1, signed char a2, signed char a3, signed char a4,
        signed char a5, signed char a6, signed char a7, signed char a8, signed char a9,
        signed char a10, signed char a11, signed char a12, signed char a13, signed char a14,
        signed char a15)
{
    return _mm256_setr_epi8(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
                            a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);
}

/* Error bits of the 32 bytes `in` given the 32 before them. */
__attribute__((target("avx2"))) static inline __m256i block_errors(__m256i in, __m256i prev)
{
    const __m256i nib = _mm256_set1_epi8(0x0F);
    /* The stream shifted by 1, 2 and 3 bytes: the bytes before each byte. */
    __m256i carry = _mm256_permute2x128_si256(prev, in, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(in, carry, 15);
    __m256i prev2 = _mm256_alignr_epi8(in, carry, 14);
    __m256i prev3 = _mm256_alignr_epi8(in, carry, 13);
    const __m256i t1h = table16(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        (signed char)TWO_CONTS, (signed char)TWO_CONTS, (signed char)TWO_CONTS,
        (signed char)TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE, TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i t1l =
        table16((signed char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
                (signed char)(CARRY | OVERLONG_2), (signed char)CARRY, (signed char)CARRY,
                (signed char)(CARRY | TOO_LARGE), (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
                (signed char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
    const __m256i t2h = table16(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        (signed char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
        (signed char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
        (signed char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        (signed char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE), TOO_SHORT,
        TOO_SHORT, TOO_SHORT, TOO_SHORT);
    __m256i b1h = _mm256_shuffle_epi8(t1h, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib));
    __m256i b1l = _mm256_shuffle_epi8(t1l, _mm256_and_si256(prev1, nib));
    __m256i b2h = _mm256_shuffle_epi8(t2h, _mm256_and_si256(_mm256_srli_epi16(in, 4), nib));
    __m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
    /* Bytes 2 and 3 of 3- and 4-byte sequences must be continuations
     * (bit 7 set by the saturating subtractions exactly for those leads). */
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, special);
}

/* Non-zero bytes where a block ends inside a sequence that needs more bytes. */
__attribute__((target("avx2"))) static inline __m256i incomplete(__m256i in)
{
    const __m256i max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(in, max);
}

__attribute__((target("avx2"))) static bool valid_avx2(const unsigned char *p, size_t len)
{
    __m256i prev = _mm256_setzero_si256(), prev_inc = prev, err = prev, zero = prev;
    unsigned char tail[32];
    for (size_t i = 0;; i += 32) {
        __m256i in;
        bool last = i + 32 > len;
        if (!last) {
            in = _mm256_loadu_si256((const __m256i *)(p + i));
        } else {
            /* Spaces after the end: a sequence cut short by it shows. */
            memset(tail, ' ', sizeof(tail));
            if (len > i) memcpy(tail, p + i, len - i);
            in = _mm256_loadu_si256((const __m256i *)tail);
        }
        err = _mm256_or_si256(err, _mm256_cmpeq_epi8(in, zero));
        if (_mm256_movemask_epi8(in) == 0) {
            err = _mm256_or_si256(err, prev_inc);
        } else {
            err = _mm256_or_si256(err, block_errors(in, prev));
            prev_inc = incomplete(in);
        }
        prev = in;
        if (last) break;
    }
    return _mm256_testz_si256(err, err) != 0;
}
#endif

bool utf8_valid_fast(const char *s, size_t len)
{
#ifdef TQE_UTF8_AVX2
    if (__builtin_cpu_supports("avx2")) return valid_avx2((const unsigned char *)s, len);
#endif
    size_t bad;
    return utf8_validate_detailed(s, len, &bad) == UTF8_OK;
}

utf8_problem utf8_validate(const char *s, size_t len, size_t *bad)
{
#ifdef TQE_UTF8_AVX2
    if (__builtin_cpu_supports("avx2") && valid_avx2((const unsigned char *)s, len)) return UTF8_OK;
#endif
    return utf8_validate_detailed(s, len, bad);
}

int tqe_utf8_check(const char *s, size_t len, size_t *bad_offset)
{
    size_t bad = 0;
    if (utf8_validate(s, len, &bad) == UTF8_OK) return 0;
    if (bad_offset) *bad_offset = bad;
    return -1;
}

size_t tqe_utf8_rstrip_len(const char *s, size_t len)
{
    /* Most lines end with a visible ASCII character. */
    if (len > 0 && (unsigned char)s[len - 1] > 0x20 && (unsigned char)s[len - 1] < 0x80) return len;
    while (len > 0) {
        /* Step back to the start of the last code point. */
        size_t start = len - 1;
        while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
        size_t i = start;
        uint32_t c = tqe_u8_next(s, &i);
        if (!tqe_py_isspace(c)) break;
        len = start;
    }
    return len;
}

void utf8_trim_cut(char *s)
{
    size_t end = strlen(s), lead = end;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80) lead--;
    if (lead == 0 || (unsigned char)s[lead - 1] < 0xC0) return;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (end - (lead - 1) < need) s[lead - 1] = '\0';
}
