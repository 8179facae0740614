/* report_issues.c - tqe check's findings as JSON Lines, TSV and text. */
#include <stdio.h>

#include "internal.h"

int tqe_json_string(tqe_buf *out, const char *s, size_t len, int ensure_ascii)
{
    int rc = tqe_buf_append(out, "\"", 1);
    for (size_t i = 0; !rc && i < len;) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '"'    ? "\\\""
                          : c == '\\' ? "\\\\"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                          : c == '\t' ? "\\t"
                          : c == '\b' ? "\\b"
                          : c == '\f' ? "\\f"
                                      : NULL;
        if (esc) {
            rc = tqe_buf_puts(out, esc);
            i++;
        } else if (c < 0x20) {
            rc = tqe_buf_printf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80 || !ensure_ascii) {
            size_t j = i + 1;
            while (j < len && (unsigned char)s[j] >= 0x20 && s[j] != '"' && s[j] != '\\' &&
                   ((unsigned char)s[j] < 0x80 || !ensure_ascii))
                j++;
            rc = tqe_buf_append(out, s + i, j - i);
            i = j;
        } else {
            size_t j = i;
            uint32_t cp = tqe_u8_next(s, &j);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                rc = tqe_buf_printf(out, "\\u%04x\\u%04x", 0xD800 + (cp >> 10),
                                    0xDC00 + (cp & 0x3FF));
            } else {
                rc = tqe_buf_printf(out, "\\u%04x", cp);
            }
            i = j;
        }
    }
    return rc ? rc : tqe_buf_append(out, "\"", 1);
}

static int json_field(tqe_buf *out, const char *key, const char *val, bool comma)
{
    int rc = tqe_buf_printf(out, "%s\"%s\": ", comma ? ", " : "", key);
    return rc ? rc : tqe_json_string(out, val, strlen(val), 0);
}

int tqe_render_issues_jsonl(tqe_buf *out, uint64_t line, const tqe_issue_list *l)
{
    int rc = tqe_buf_printf(out, "{\"line\": %llu, \"issues\": [", (unsigned long long)line);
    for (size_t i = 0; !rc && i < tqe_issue_list_count(l); i++) {
        const tqe_issue *it = tqe_issue_list_get(l, i);
        rc = tqe_buf_puts(out, i ? ", {" : "{");
        if (!rc) rc = json_field(out, "type", tqe_issue_type_name(it->type), false);
        if (!rc) rc = json_field(out, "source", it->source, true);
        if (!rc) rc = json_field(out, "target", it->target, true);
        if (!rc) rc = json_field(out, "detail", it->detail, true);
        if (!rc) rc = tqe_buf_puts(out, "}");
    }
    return rc ? rc : tqe_buf_puts(out, "]}\n");
}

int tsv_escape(tqe_buf *out, const char *s)
{
    int rc = TQE_OK;
    for (; !rc && *s; s++) {
        /* '\r' too: a reader drops one before the line end ("mt.de\r") */
        const char *esc = *s == '\t'   ? "\\t"
                          : *s == '\n' ? "\\n"
                          : *s == '\r' ? "\\r"
                          : *s == '\\' ? "\\\\"
                                       : NULL;
        rc = esc ? tqe_buf_append(out, esc, 2) : tqe_buf_append(out, s, 1);
    }
    return rc;
}

static int tsv_field(tqe_buf *out, const char *s)
{
    int rc = tqe_buf_append(out, "\t", 1);
    return rc ? rc : tsv_escape(out, s);
}

int tqe_render_issues_tsv_header(tqe_buf *out)
{
    return tqe_buf_puts(out, "line\ttype\tsource\ttarget\tdetail\n");
}

int tqe_render_issues_tsv(tqe_buf *out, uint64_t line, const tqe_issue_list *l)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < tqe_issue_list_count(l); i++) {
        const tqe_issue *it = tqe_issue_list_get(l, i);
        rc = tqe_buf_printf(out, "%llu\t%s", (unsigned long long)line,
                            tqe_issue_type_name(it->type));
        if (!rc) rc = tsv_field(out, it->source);
        if (!rc) rc = tsv_field(out, it->target);
        if (!rc) rc = tsv_field(out, it->detail);
        if (!rc) rc = tqe_buf_append(out, "\n", 1);
    }
    return rc;
}

/* "  label  text with [[span]] marked" */
static int marked(tqe_buf *out, const char *label, const char *s, size_t len, size_t b, size_t e,
                  bool color)
{
    int rc = tqe_buf_printf(out, "    %s ", label);
    if (b == TQE_NO_SPAN || b > len || e > len || b > e) b = e = len;
    if (!rc) rc = tqe_buf_append(out, s, b);
    if (!rc && b < e) {
        rc = tqe_buf_puts(out, color ? "\x1b[1;31m" : "[[");
        if (!rc) rc = tqe_buf_append(out, s + b, e - b);
        if (!rc) rc = tqe_buf_puts(out, color ? "\x1b[0m" : "]]");
    }
    if (!rc) rc = tqe_buf_append(out, s + e, len - e);
    return rc ? rc : tqe_buf_append(out, "\n", 1);
}

int tqe_render_issues_text(tqe_buf *out, uint64_t line, const char *src, size_t src_len,
                           const char *tgt, size_t tgt_len, const tqe_issue_list *l, int color)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < tqe_issue_list_count(l); i++) {
        const tqe_issue *it = tqe_issue_list_get(l, i);
        rc = tqe_buf_printf(out, "line %llu: %s%s%s: %s\n", (unsigned long long)line,
                            color ? "\x1b[1m" : "", tqe_issue_type_name(it->type),
                            color ? "\x1b[0m" : "", it->detail);
        if (!rc) rc = marked(out, "src:", src, src_len, it->src_start, it->src_end, color);
        if (!rc) rc = marked(out, "tgt:", tgt, tgt_len, it->tgt_start, it->tgt_end, color);
    }
    return rc;
}
