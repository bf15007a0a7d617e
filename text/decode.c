/* PLACEHOLDER: replaced by the text/ work. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <padan/text.h>
int padan_decode(const char *in, size_t len, const char *encoding, char **out, size_t *outlen,
                 padan_decode_info *info) {
  (void)encoding; (void)info;
  *out = malloc(len + 1);
  if (!*out) return PADAN_ENOMEM;
  memcpy(*out, in, len);
  (*out)[len] = 0;
  *outlen = len;
  return PADAN_OK;
}
