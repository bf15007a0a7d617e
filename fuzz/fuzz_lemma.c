/* libFuzzer target: padan_lemma_key on arbitrary bytes (a word or a phrase),
 * then on its own key. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <padan/text.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *key = NULL;
  size_t klen = 0;
  if (padan_lemma_key((const char *)data, size, &key, &klen) != PADAN_OK)
    return 0;
  if (key[klen] != '\0' || (!memchr(data, 0, size) && strlen(key) != klen))
    abort();
  char *again = NULL;
  size_t alen = 0;
  if (padan_lemma_key(key, klen, &again, &alen) == PADAN_OK)
    free(again);
  free(key);
  return 0;
}
