/*
 * fuzz_entities.c - entity extraction from an English text and the check of
 * its translation.
 *
 * Input: a byte choosing the target language (from the list below; bit 7
 * also gives the source as document context), then the source and the
 * translation separated by '\f'; input that is not valid UTF-8 is rejected,
 * as the library takes validated text. Invariants: entities have non-empty
 * spans inside the source, on code point boundaries, in text order, of a
 * known kind; the check's counts agree with its findings (checked = ok +
 * missing + altered, one finding per missing or altered entity), and
 * findings quote valid UTF-8 from inside the texts.
 */
#include "fuzz_issues.h"

static const char *const langs[] = {"de", "es", "fr", "ru", "zh",    "ja",     "cs",
                                    "uk", "hr", "pl", "ko", "ar",    "sk",     "sl",
                                    "id", "ms", "en", "el", "pt-BR", "zh-Hant"};
#define NLANGS (sizeof(langs) / sizeof(langs[0]))

/* Opened once per process per language (ICU services and word lists). */
static tqe_entities *handle(tqe_ctx *ctx, size_t lang)
{
    static tqe_entities *e[NLANGS];
    if (!e[lang]) FUZZ_OK(ctx, tqe_entities_new(&e[lang], ctx, "en", langs[lang], TQE_DATA_DIR));
    return e[lang];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tqe_ctx *ctx;
    if (!ctx) FUZZ_OK(NULL, tqe_ctx_new(&ctx));
    tqe_ctx_clear(ctx);
    if (size < 1) return 0;
    tqe_entities *e = handle(ctx, (data[0] & 0x7f) % NLANGS);
    size_t len;
    char *big = fuzz_expand(data + 1, size - 1, (size_t)256 << 10, &len);
    const char *src = big ? big : (const char *)data + 1;
    if (!big) len = size - 1;
    if (!fuzz_valid_utf8(src, len)) {
        free(big);
        return 0;
    }
    const char *tgt;
    size_t src_len, tgt_len;
    fuzz_split(src, len, '\f', &src_len, &tgt, &tgt_len);
    if (data[0] & 0x80) FUZZ_OK(ctx, tqe_entities_add_context(e, src, src_len));

    const tqe_entity *v;
    size_t n;
    FUZZ_OK(ctx, tqe_entities_extract(e, src, src_len, &v, &n));
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(v[i].start < v[i].end && v[i].end <= src_len);
        FUZZ_CHECK(fuzz_boundary(src, src_len, v[i].start) &&
                   fuzz_boundary(src, src_len, v[i].end));
        if (i) FUZZ_CHECK(v[i - 1].start <= v[i].start);
        FUZZ_CHECK(tqe_entity_kind_name(v[i].kind) != NULL);
    }

    tqe_issue_list *l;
    FUZZ_OK(NULL, tqe_issue_list_new(&l));
    tqe_entity_stats st;
    memset(&st, 0, sizeof(st));
    FUZZ_OK(ctx, tqe_entities_check(l, e, src, src_len, tgt, tgt_len, NULL, &st));
    fuzz_check_issues(l, 0, src, src_len, tgt, tgt_len);
    FUZZ_CHECK(st.checked == st.ok + st.missing + st.altered && st.checked <= st.src);
    FUZZ_CHECK(st.missing + st.altered == tqe_issue_list_count(l));
    tqe_issue_list_free(l);
    tqe_entities_clear_context(e);
    free(big);
    return 0;
}
