/* Conservative lemma keys for grouping term variants. Internal. */
#ifndef PD_LEMMA_H
#define PD_LEMMA_H
#include <stddef.h>
#include "common/util.h"

/* Appends to out the lemma key of the (possibly multiword) string s[0..len):
 * NFC and case-folded; words separated by one space; a hyphen between two
 * capitalized name parts becomes a space (Il-sung = Il Sung); a full
 * reduplication keeps one copy (negara-negara -> negara); enclitics -nya,
 * -lah, -kah, -pun, -ku, -mu are removed when 3+ letters remain (not from
 * look-alikes such as hanya, sekolah, buku; a capitalized word loses only -nya,
 * since names such as Jamilah end like particles). No derivational stemming:
 * pemerintah and perintah keep different keys. Returns PADAN_OK or PADAN_ENOMEM. */
int pd_lemma_key(const char *s, size_t len, pd_buf *out);
#endif
