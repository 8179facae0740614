/* glossary.h - private side of the glossary: term keys and entry access for
 * the entity and glossary checks. */
#ifndef TQE_GLOSSARY_H
#define TQE_GLOSSARY_H

#include "internal.h"

/* Longest term key, in bytes; longer terms are refused when loading. */
#define GLOSSARY_KEY_MAX 255

/* The key under which a term is filed: case-folded, every run of characters
 * that are not letters, digits or marks turned into one space, no space at
 * either end ("Kadrey v. Meta's" -> "kadrey v meta s"). Writes at most
 * `cap` bytes plus a NUL to out; returns the length, or -1 when the key would
 * not fit (or the text is not valid for ICU). */
int glossary_key(char *out, size_t cap, const char *s, size_t len);

/* True for a code point that belongs to a word in glossary_key's sense. */
bool glossary_is_word_cp(uint32_t c);

/* Index of the entry filed under `key` (as glossary_key made it), or -1. */
long glossary_find_key(const tqe_glossary *g, const char *key, size_t len);
/* Entry i: its forms, and whether it is do-not-translate only ("=").
 * Borrowed for the glossary's lifetime. */
const char *const *glossary_forms(const tqe_glossary *g, size_t i, size_t *n);
bool glossary_verbatim(const tqe_glossary *g, size_t i);
/* The most words any term has (for scanning a text's n-grams). */
size_t glossary_max_words(const tqe_glossary *g);

#endif
