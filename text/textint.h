/* Internal helpers shared by the text/ sources. Not installed. */
#ifndef PD_TEXTINT_H
#define PD_TEXTINT_H
#include <stddef.h>

/* 1 when the two halves of a hyphenated word reduplicate (negara-negara,
 * sayur-mayur, berlari-lari, teman-temannya). ASCII case-insensitive. */
int pd_redup_parts(const char *a, size_t al, const char *b, size_t bl);
/* Bytes of enclitics (-nya, -lah, -kah, -pun, -ku, -mu, -nyalah...) at the end
 * of the ASCII word w[0..n), when at least 3 letters remain and the word is not
 * a known look-alike (hanya, punya, sekolah, langkah, buku, ilmu...); else 0. */
int pd_clitic_suffix(const char *w, size_t n);
/* Bytes of a proclitic (ku-, kau-) of a lower-case ASCII word, else 0. Conservative. */
int pd_clitic_prefix(const char *w, size_t n);
#endif
