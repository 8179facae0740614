/* utf8.c - strict UTF-8 validation (RFC 3629) and Python-compatible rstrip. */
#include "utf8.h"
#include "internal.h"

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

utf8_problem utf8_validate(const char *s, size_t len, size_t *bad)
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

int tqe_utf8_check(const char *s, size_t len, size_t *bad_offset)
{
    size_t bad = 0;
    if (utf8_validate(s, len, &bad) == UTF8_OK) return 0;
    if (bad_offset) *bad_offset = bad;
    return -1;
}

size_t tqe_utf8_rstrip_len(const char *s, size_t len)
{
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
