/* Internal helpers shared by the text/ sources. Not installed. */
#ifndef PD_TEXTINT_H
#define PD_TEXTINT_H
#include <stddef.h>
#include <padan/text.h>

/* 1 when the two halves of a hyphenated word reduplicate (negara-negara,
 * sayur-mayur, berlari-lari, teman-temannya). ASCII case-insensitive. */
int pd_redup_parts(const char *a, size_t al, const char *b, size_t bl);
/* Bytes of enclitics (-nya, -lah, -kah, -pun, -ku, -mu, -nyalah...) at the end
 * of the ASCII word w[0..n), when at least 3 letters remain and the word is not
 * a known look-alike (hanya, punya, sekolah, langkah, buku, ilmu...); else 0. */
int pd_clitic_suffix(const char *w, size_t n);
/* Bytes of a proclitic (ku-, kau-) of a lower-case ASCII word, else 0. Conservative. */
int pd_clitic_prefix(const char *w, size_t n);
/* How many sentences of tk (the tokens of a piece of text) are final: all but
 * the last one and any before it not separated from the next by white space,
 * since more text could still join them ("hatM.H" is two sentences,
 * "hatM.H.r" one word), or whose next sentence has no word yet: the word
 * after a period decides whether it ends a sentence ('B. "' is two sentences,
 * 'B. "d' one). Used by the terms, glossary and check --variants readers of
 * pieces. */
size_t pd_final_sentences(const padan_tokens *tk, const char *text);
#endif
