/* lexicon/: match keys. The lemma key is deliberately conservative (see
 * "Measured pitfalls" in DESIGN.md): no derivational stemming, only case,
 * hyphenation and spacing, reduplication and enclitics (text/lemma.c). */
#include "config.h"
#include "lexicon/lexicon_int.h"
#include "text/lemma.h"

#include <string.h>

int pd_lex_fold_key(const char *s, size_t len, pd_buf *out) {
  size_t i;
  for (i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80)
      break;
  if (i == len) {
    if (pd_buf_reserve(out, len))
      return PADAN_ENOMEM;
    for (i = 0; i < len; i++)
      out->p[out->len + i] = (char)pd_ascii_lower((unsigned char)s[i]);
    out->len += len;
    out->p[out->len] = '\0';
    return PADAN_OK;
  }
  return pd_utf8_fold(s, len, out);
}

/* The lemma key is text/'s, shared with terms/ and glossary, so that a term
 * grouped there finds its lexicon entry here. */
int pd_lex_lemma_key(const char *s, size_t len, pd_buf *out) { return pd_lemma_key(s, len, out); }
