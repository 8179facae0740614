/* numbers_lex.c - the number word lexicon: a hash table from normalized
 * phrases (folded atoms joined by single spaces) to their meanings. Every
 * proper prefix of a phrase is stored too (LEX_PREFIX), so that a lookup can
 * stop extending a phrase as soon as no longer one starts that way. */
#include "numbers.h"

static const char *const type_names[LEX_TYPE_COUNT] = {
    "(prefix)", "num",        "ord",        "weak",         "article", "scale", "percent",
    "currency", "month",      "quarter",    "quarter-noun", "mult",    "times", "range",
    "between",  "and",        "link",       "hour",         "minute",  "ampm",  "day-suffix",
    "decade",   "ord-suffix", "ord-prefix", "counter",      "ignore",  "unit",  "approx",
    "vague",    "fraction",   "(stem)",
};

/* The semantics of unit symbols (not words: those are in the data files).
 * Dimensions: L length, M mass, S speed, T temperature, V volume, A area,
 * D duration; base units m, kg, m/s, °C, m³, m², s. */
static const measure measures[] = {
    {"mi", 'L', false, 1609.344, 0},
    {"ft", 'L', false, 0.3048, 0},
    {"in", 'L', false, 0.0254, 0},
    {"yd", 'L', false, 0.9144, 0},
    {"km", 'L', true, 1000, 0},
    {"m", 'L', true, 1, 0},
    {"cm", 'L', true, 0.01, 0},
    {"mm", 'L', true, 0.001, 0},
    {"lb", 'M', false, 0.45359237, 0},
    {"oz", 'M', false, 0.028349523, 0},
    {"kg", 'M', true, 1, 0},
    {"g", 'M', true, 0.001, 0},
    {"t", 'M', true, 1000, 0},
    {"mph", 'S', false, 0.44704, 0},
    {"km/h", 'S', true, 1 / 3.6, 0},
    {"F", 'T', false, 5.0 / 9, -160.0 / 9},
    {"C", 'T', true, 1, 0},
    {"gal", 'V', false, 0.003785411784, 0},
    {"floz", 'V', false, 2.95735e-5, 0},
    {"l", 'V', true, 0.001, 0},
    {"ml", 'V', true, 1e-6, 0},
    {"ac", 'A', false, 4046.8564224, 0},
    {"sqft", 'A', false, 0.09290304, 0},
    {"sqmi", 'A', false, 2589988.110336, 0},
    {"sqyd", 'A', false, 0.83612736, 0},
    {"ha", 'A', true, 10000, 0},
    {"m2", 'A', true, 1, 0},
    {"km2", 'A', true, 1e6, 0},
    {"s", 'D', true, 1, 0},
};

const measure *measure_find(const char *sym)
{
    /* Most mentions have no unit, and the matcher asks for every pair. */
    if (!sym[0]) return NULL;
    for (size_t i = 0; i < TQE_ARRAY_LEN(measures); i++)
        if (strcmp(measures[i].sym, sym) == 0) return &measures[i];
    return NULL;
}

const char *lex_type_name(lex_type t)
{
    return (unsigned)t < LEX_TYPE_COUNT ? type_names[t] : NULL;
}

uint32_t lex_hash_bytes(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

void lex_free(lexicon *lx)
{
    free(lx->e);
    free(lx->buckets);
    free(lx->arena);
    memset(lx, 0, sizeof(*lx));
}

static int arena_put(lexicon *lx, const char *s, size_t n, uint32_t *off)
{
    if (lx->alen + n + 1 > UINT32_MAX) return TQE_ENOMEM;
    if (tqe_grow((void **)&lx->arena, &lx->acap, lx->alen + n + 1, 1)) return TQE_ENOMEM;
    memcpy(lx->arena + lx->alen, s, n);
    lx->arena[lx->alen + n] = '\0';
    *off = (uint32_t)lx->alen;
    lx->alen += n + 1;
    return TQE_OK;
}

static int rehash(lexicon *lx)
{
    size_t nb = lx->nbuckets ? lx->nbuckets * 2 : 1024;
    uint32_t *b = malloc(nb * sizeof(*b));
    if (!b) return TQE_ENOMEM;
    for (size_t i = 0; i < nb; i++) b[i] = LEX_NONE;
    /* Re-chain from the last entry to the first so that chains keep
     * insertion order: data-file entries, added first, are found first. */
    for (size_t i = lx->n; i-- > 0;) {
        lex_entry *e = &lx->e[i];
        size_t k = e->hash & (nb - 1);
        e->next = b[k];
        b[k] = (uint32_t)i;
    }
    free(lx->buckets);
    lx->buckets = b;
    lx->nbuckets = nb;
    return TQE_OK;
}

const lex_entry *lex_find(const lexicon *lx, uint32_t hash, const char *key, size_t klen)
{
    if (!lx->nbuckets) return NULL;
    for (uint32_t i = lx->buckets[hash & (lx->nbuckets - 1)]; i != LEX_NONE; i = lx->e[i].next) {
        const lex_entry *e = &lx->e[i];
        if (e->hash == hash && strncmp(lx->arena + e->key, key, klen) == 0 &&
            lx->arena[e->key + klen] == '\0')
            return e;
    }
    return NULL;
}

const lex_entry *lex_next_same(const lexicon *lx, const lex_entry *e)
{
    const char *key = lx->arena + e->key;
    for (uint32_t i = e->next; i != LEX_NONE; i = lx->e[i].next) {
        const lex_entry *f = &lx->e[i];
        if (f->hash == e->hash && strcmp(lx->arena + f->key, key) == 0) return f;
    }
    return NULL;
}

static bool has_entry(const lexicon *lx, uint32_t hash, const char *key, size_t klen, lex_type type,
                      double value, const char *unit)
{
    for (const lex_entry *e = lex_find(lx, hash, key, klen); e; e = lex_next_same(lx, e))
        if (e->type == type && e->value == value && strcmp(e->unit, unit) == 0) return true;
    return false;
}

/* Append one entry at the end of its chain (insertion order is priority). */
static int put(lexicon *lx, uint32_t hash, const char *key, size_t klen, const char *orig,
               size_t olen, unsigned natoms, unsigned glue, lex_type type, double value,
               const char *unit, unsigned opts)
{
    if (lx->n + 1 >= UINT32_MAX) return TQE_ENOMEM;
    if ((lx->n + 1) * 4 > lx->nbuckets * 3 && rehash(lx)) return TQE_ENOMEM;
    if (tqe_grow((void **)&lx->e, &lx->cap, lx->n + 1, sizeof(*lx->e))) return TQE_ENOMEM;
    lex_entry *e = &lx->e[lx->n];
    memset(e, 0, sizeof(*e));
    if (arena_put(lx, key, klen, &e->key)) return TQE_ENOMEM;
    e->orig = e->key;
    if (orig && arena_put(lx, orig, olen, &e->orig)) return TQE_ENOMEM;
    e->hash = hash;
    e->type = (uint8_t)type;
    e->natoms = (uint8_t)natoms;
    e->opts = (uint8_t)opts;
    e->glue = (uint8_t)glue;
    e->value = value;
    snprintf(e->unit, sizeof e->unit, "%s", unit ? unit : "");
    e->next = LEX_NONE;
    uint32_t *link = &lx->buckets[hash & (lx->nbuckets - 1)];
    while (*link != LEX_NONE) link = &lx->e[*link].next;
    *link = (uint32_t)lx->n++;
    return TQE_OK;
}

int lex_add(lexicon *lx, const char *key, size_t klen, const char *orig, size_t olen,
            unsigned natoms, unsigned glue, lex_type type, double value, const char *unit,
            unsigned opts)
{
    assert(natoms >= 1 && natoms <= LEX_MAX_ATOMS && type != LEX_PREFIX);
    /* Prefixes end where a space separates two atoms. */
    unsigned seen = 0;
    for (size_t i = 0; i < klen && seen + 1 < natoms; i++) {
        if (key[i] != ' ') continue;
        seen++;
        uint32_t h = lex_hash_bytes(LEX_HASH_INIT, key, i);
        if (!has_entry(lx, h, key, i, LEX_PREFIX, 0, "") &&
            put(lx, h, key, i, NULL, 0, seen, 0, LEX_PREFIX, 0, "", 0))
            return TQE_ENOMEM;
    }
    uint32_t h = lex_hash_bytes(LEX_HASH_INIT, key, klen);
    if (has_entry(lx, h, key, klen, type, value, unit ? unit : "")) return TQE_OK;
    return put(lx, h, key, klen, orig, olen, natoms, glue, type, value, unit, opts);
}
