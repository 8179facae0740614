/* entities_special.c - URLs, e-mail addresses, @handles, #hashtags and
 * anonymization placeholders (#PRS_ORG#), found by a byte scanner: they are
 * ASCII by construction, and a break iterator would cut them into pieces. */
#include "entities.h"
#include "glossary.h"

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_word_byte(const char *t, size_t i)
{
    return is_alnum(t[i]) || t[i] == '_' || (unsigned char)t[i] >= 0x80;
}

static bool ieq_prefix(const char *t, size_t len, size_t i, const char *p)
{
    size_t n = strlen(p);
    if (i + n > len) return false;
    for (size_t k = 0; k < n; k++) {
        char c = t[i + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != p[k]) return false;
    }
    return true;
}

/* Characters that may end a URL; trailing punctuation belongs to the sentence. */
static size_t trim_url_end(const char *t, size_t a, size_t b)
{
    while (b > a && strchr(".,;:!?)]}'\"", t[b - 1])) {
        /* keep a closing parenthesis that closes one inside the URL */
        if (t[b - 1] == ')' && memchr(t + a, '(', b - a)) break;
        b--;
    }
    return b;
}

/* URL: "http(s)://..." or "www." up to white space or a non-ASCII quote. */
static size_t url_at(const char *t, size_t len, size_t i)
{
    if (i > 0 && is_word_byte(t, i - 1)) return 0;
    size_t p;
    if (ieq_prefix(t, len, i, "https://"))
        p = i + 8;
    else if (ieq_prefix(t, len, i, "http://"))
        p = i + 7;
    else if (ieq_prefix(t, len, i, "www.") && i + 4 < len && is_alnum(t[i + 4]))
        p = i + 4;
    else
        return 0;
    size_t b = p;
    while (b < len && (unsigned char)t[b] > 0x20 && (unsigned char)t[b] < 0x80 && t[b] != '<' &&
           t[b] != '>' && t[b] != '"')
        b++;
    b = trim_url_end(t, i, b);
    return b > p ? b - i : 0;
}

/* "host.tld" with at least one dot and a final label of two or more letters. */
static size_t domain_len(const char *t, size_t len, size_t p)
{
    size_t b = p, last_dot = 0;
    while (b < len &&
           (is_alnum(t[b]) || t[b] == '-' || (t[b] == '.' && b + 1 < len && is_alnum(t[b + 1])))) {
        if (t[b] == '.') last_dot = b;
        b++;
    }
    if (!last_dot || b - last_dot - 1 < 2) return 0;
    for (size_t k = last_dot + 1; k < b; k++)
        if (!((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) return 0;
    return b - p;
}

/* E-mail address whose '@' is at i; *start receives where it begins. */
static size_t email_at(const char *t, size_t len, size_t i, size_t *start)
{
    size_t a = i;
    while (a > 0 && (is_alnum(t[a - 1]) || strchr("._%+-", t[a - 1]))) a--;
    while (a < i && !is_alnum(t[a])) a++;
    if (a == i) return 0;
    size_t d = domain_len(t, len, i + 1);
    if (!d) return 0;
    *start = a;
    return i + 1 + d - a;
}

/* "@name" (handle) or "#tag" (hashtag; Unicode letters allowed) or
 * "#UPPER_CASE#" (placeholder). Returns the length and sets *kind. */
static size_t tag_at(const char *t, size_t len, size_t i, int *kind)
{
    if (i > 0 && (is_word_byte(t, i - 1) || t[i - 1] == '&' || t[i - 1] == '@')) return 0;
    size_t b = i + 1;
    bool letter = false, upper_only = true;
    while (b < len) {
        size_t k = b;
        uint32_t c = tqe_u8_next(t, &k);
        if (c != '_' && !glossary_is_word_cp(c)) break;
        if (t[i] == '@' && c >= 0x80) break;
        letter |= (c >= 0x80) || (c > '9' && c != '_');
        upper_only &= (c >= 'A' && c <= 'Z') || c == '_';
        b = k;
    }
    if (b == i + 1 || !letter) return 0;
    if (t[i] == '@') {
        *kind = TQE_ENT_HANDLE;
        return b - i <= 31 ? b - i : 0;
    }
    if (upper_only && b < len && t[b] == '#') {
        *kind = TQE_ENT_PLACEHOLDER;
        return b + 1 - i;
    }
    *kind = TQE_ENT_HASHTAG;
    return b - i;
}

static int push(special **arr, size_t *n, size_t *cap, size_t a, size_t b, int kind)
{
    if (tqe_grow((void **)arr, cap, *n + 1, sizeof(**arr))) return TQE_ENOMEM;
    (*arr)[(*n)++] = (special){{a, b}, kind};
    return TQE_OK;
}

int scan_special(special **arr, size_t *n, size_t *cap, const char *text, size_t len)
{
    *n = 0;
    for (size_t i = 0; i < len;) {
        size_t m = 0, a = i;
        int kind = TQE_ENT_URL;
        char c = text[i];
        if (c == 'h' || c == 'H' || c == 'w' || c == 'W') m = url_at(text, len, i);
        if (!m && c == '@') {
            m = email_at(text, len, i, &a);
            kind = TQE_ENT_EMAIL;
            /* the local part was passed over as plain text: drop what overlaps */
            if (m && *n && (*arr)[*n - 1].s.end > a) m = 0;
        }
        if (!m && (c == '@' || c == '#')) {
            a = i;
            m = tag_at(text, len, i, &kind);
        }
        if (!m) {
            i++;
            continue;
        }
        if (push(arr, n, cap, a, a + m, kind)) return TQE_ENOMEM;
        i = a + m;
    }
    return TQE_OK;
}
