/* libFuzzer target: padan_decode (encoding picked by the first byte) then
 * padan_tokenize, whole text and with PADAN_TOKENIZE_LINES, checking that every
 * token and sentence lies inside the text. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <padan/text.h>

static const char *const encodings[] = {NULL, "utf-8", "utf-16", "windows-1252", "utf-16be",
                                        "iso-8859-1", "auto", "utf-8"};

static void check(const padan_tokens *t, size_t base, size_t len) {
  for (size_t i = 0; i < t->ntok; i++) {
    const padan_token *k = &t->tok[i];
    if (k->start < base || k->start - base + k->len > len || k->len == 0)
      abort();
    if ((size_t)k->pre_len + k->suf_len > k->len)
      abort();
    if (k->sent >= t->nsent)
      abort();
  }
  for (size_t s = 0; s < t->nsent; s++) {
    const padan_sentence *se = &t->sent[s];
    if (se->start < base || se->end < se->start || se->end - base > len)
      abort();
    if (se->first + se->ntok > t->ntok)
      abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  unsigned sel = data[0];
  const char *enc = encodings[sel & 7];
  char *text = NULL;
  size_t len = 0;
  padan_decode_info info;
  if (padan_decode((const char *)data + 1, size - 1, enc, &text, &len, &info) != PADAN_OK)
    return 0;
  if (text[len] != '\0')
    abort();
  padan_tokenizer *tk;
  if (padan_tokenizer_new(&tk)) {
    free(text);
    return 0;
  }
  padan_tokens t;
  padan_tokens_init(&t);
  if (padan_tokenize(tk, text, len, 7, 0, &t) == PADAN_OK)
    check(&t, 7, len);
  for (size_t i = 0; i < t.ntok; i++) {
    size_t bs, bl, off[8], pl[8];
    padan_token_base(&t.tok[i], &bs, &bl);
    if (bs < 7 || bs - 7 + bl > len)
      abort();
    size_t np = padan_word_parts(text + t.tok[i].start - 7, t.tok[i].len, off, pl, 8);
    for (size_t p = 0; p < np && p < 8; p++)
      if (off[p] + pl[p] > t.tok[i].len)
        abort();
  }
  /* each line as one sentence, as `padan tokenize --lines` does */
  size_t pos = 0;
  while (pos <= len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    padan_tokens_clear(&t);
    if (padan_tokenize(tk, text + pos, end - pos, 0, PADAN_TOKENIZE_LINES, &t) == PADAN_OK) {
      check(&t, 0, end - pos);
      if (t.nsent != 1)
        abort();
    }
    if (!nl)
      break;
    pos = end + 1;
  }
  padan_tokens_free(&t);
  padan_tokenizer_free(tk);
  free(text);
  return 0;
}
