/* strtab.c - open-addressing string hash table with an interned key pool. */
#include "strtab.h"

/* FNV-1a: short keys (words), no need for anything stronger. */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static size_t probe(const strtab *t, const char *key, size_t len, uint32_t h)
{
    size_t mask = t->nslot - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slot[i];
        if (s == 0) return i;
        const strtab_ent *e = &t->ent[s - 1];
        if (e->hash == h && e->len == len && memcmp(t->pool + e->off, key, len) == 0) return i;
    }
}

static int rehash(strtab *t, size_t nslot)
{
    uint32_t *slot = tqe_calloc(nslot, sizeof(*slot));
    if (!slot) return TQE_ENOMEM;
    free(t->slot);
    t->slot = slot;
    t->nslot = nslot;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = t->ent[k].hash & (nslot - 1);
        while (slot[i]) i = (i + 1) & (nslot - 1);
        slot[i] = (uint32_t)k + 1;
    }
    return TQE_OK;
}

bool strtab_find(const strtab *t, const char *key, size_t len, uint32_t *index)
{
    if (t->n == 0) return false;
    uint32_t s = t->slot[probe(t, key, len, hash_bytes(key, len))];
    if (s == 0) return false;
    if (index) *index = s - 1;
    return true;
}

int strtab_put(strtab *t, const char *key, size_t len, uint32_t value, uint32_t *index)
{
    if (len > UINT32_MAX || t->n >= UINT32_MAX - 1) return TQE_ENOMEM;
    /* Keep the load factor at or below one half. */
    if ((t->n + 1) * 2 > t->nslot && rehash(t, t->nslot ? t->nslot * 2 : 64)) return TQE_ENOMEM;
    uint32_t h = hash_bytes(key, len);
    size_t i = probe(t, key, len, h);
    if (t->slot[i]) {
        if (index) *index = t->slot[i] - 1;
        return 1;
    }
    if (t->pool_len + len > UINT32_MAX) return TQE_ENOMEM;
    if (tqe_grow((void **)&t->pool, &t->pool_cap, t->pool_len + len + 1, 1)) return TQE_ENOMEM;
    if (tqe_grow((void **)&t->ent, &t->ent_cap, t->n + 1, sizeof(*t->ent))) return TQE_ENOMEM;
    memcpy(t->pool + t->pool_len, key, len);
    t->pool[t->pool_len + len] = '\0';
    t->ent[t->n] = (strtab_ent){(uint32_t)t->pool_len, (uint32_t)len, h, value};
    t->pool_len += len + 1;
    t->slot[i] = (uint32_t)++t->n;
    if (index) *index = (uint32_t)t->n - 1;
    return 0;
}

void strtab_clear(strtab *t)
{
    /* Zero the slots in use, not the whole array: one long segment grows
     * the table, and per-line tables are cleared on every line after it.
     * (A slot's entry is found by probing from its hash; slots already
     * zeroed are stepped over, so the order of clearing does not matter.) */
    size_t mask = t->nslot - 1;
    if (t->n * 8 >= t->nslot) {
        if (t->n) memset(t->slot, 0, t->nslot * sizeof(*t->slot));
    } else {
        for (size_t k = 0; k < t->n; k++) {
            size_t i = t->ent[k].hash & mask;
            while (t->slot[i] != k + 1) i = (i + 1) & mask;
            t->slot[i] = 0;
        }
    }
    t->n = 0;
    t->pool_len = 0;
}

void strtab_free(strtab *t)
{
    if (!t) return;
    free(t->pool);
    free(t->ent);
    free(t->slot);
    *t = (strtab)STRTAB_INIT;
}
