/*
 * fuzz_issues.h - invariants of a list of findings (tqe_issue_list) for the
 * fuzz targets of the checks: spans inside the texts on code point
 * boundaries, quoted strings valid UTF-8, and the renderers accept them.
 */
#ifndef TQE_FUZZ_ISSUES_H
#define TQE_FUZZ_ISSUES_H

#include "fuzz_common.h"

static inline void fuzz_check_span(const char *s, size_t len, size_t start, size_t end)
{
    if (start == TQE_NO_SPAN) {
        FUZZ_CHECK(end == TQE_NO_SPAN);
        return;
    }
    FUZZ_CHECK(start <= end && end <= len);
    FUZZ_CHECK(fuzz_boundary(s, len, start) && fuzz_boundary(s, len, end));
}

static inline void fuzz_check_issues(const tqe_issue_list *l, size_t from, const char *src,
                                     size_t src_len, const char *tgt, size_t tgt_len)
{
    const size_t n = tqe_issue_list_count(l);
    for (size_t i = from; i < n; i++) {
        const tqe_issue *is = tqe_issue_list_get(l, i);
        FUZZ_CHECK(tqe_issue_type_name(is->type) != NULL);
        fuzz_check_span(src, src_len, is->src_start, is->src_end);
        fuzz_check_span(tgt, tgt_len, is->tgt_start, is->tgt_end);
        FUZZ_CHECK(is->source && is->target && is->detail);
        FUZZ_CHECK(fuzz_valid_utf8(is->source, strlen(is->source)));
        FUZZ_CHECK(fuzz_valid_utf8(is->target, strlen(is->target)));
        FUZZ_CHECK(fuzz_valid_utf8(is->detail, strlen(is->detail)));
    }
    tqe_buf b = TQE_BUF_INIT;
    FUZZ_OK(NULL, tqe_render_issues_jsonl(&b, 1, l));
    FUZZ_CHECK(fuzz_valid_utf8(b.data ? b.data : "", b.len));
    tqe_buf_clear(&b);
    FUZZ_OK(NULL, tqe_render_issues_tsv(&b, 1, l));
    FUZZ_CHECK(fuzz_valid_utf8(b.data ? b.data : "", b.len));
    tqe_buf_clear(&b);
    FUZZ_OK(NULL, tqe_render_issues_text(&b, 1, src, src_len, tgt, tgt_len, l, (int)(n & 1)));
    FUZZ_CHECK(fuzz_valid_utf8(b.data ? b.data : "", b.len));
    tqe_buf_free(&b);
}

#endif /* TQE_FUZZ_ISSUES_H */
