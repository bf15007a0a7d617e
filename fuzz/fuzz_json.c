/* libFuzzer target: pd_json_escape, the one JSON string escaper of the
 * library and the CLI. Byte 1 picks an output buffer of 6 to 69 bytes; the
 * rest is the string. Checks that escaping in such small steps gives the same
 * bytes as one step and as pd_json_str (without its quotes); that the output
 * is a JSON string body that a strict parser accepts (no raw control
 * character or quote, only the escapes RFC 8259 defines, valid UTF-8); and
 * that decoding it gives the input back when the input was valid UTF-8. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/util.h"

/* The length of the valid UTF-8 sequence at p[0..n) (Unicode table 3-7), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n) {
  unsigned char c = p[0];
  size_t k;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    k = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    k = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4)
    k = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  else
    return 0;
  if (n < k || p[1] < lo || p[1] > hi)
    return 0;
  for (size_t i = 2; i < k; i++)
    if (p[i] < 0x80 || p[i] > 0xBF)
      return 0;
  return k;
}

static int valid_utf8(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t k = utf8_len(p + i, n - i);
    if (!k)
      return 0;
    i += k;
  }
  return 1;
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes the JSON string body e[0..n) into out (room for n bytes); aborts on
 * anything a strict parser refuses. Returns the decoded length. */
static size_t json_decode(const unsigned char *e, size_t n, unsigned char *out) {
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = e[i];
    if (c < 0x20 || c == '"')
      abort();
    if (c >= 0x80) {
      size_t k = utf8_len(e + i, n - i);
      if (!k)
        abort();
      memcpy(out + w, e + i, k);
      w += k, i += k;
      continue;
    }
    if (c != '\\') {
      out[w++] = c, i++;
      continue;
    }
    if (i + 1 >= n)
      abort();
    unsigned char x = e[i + 1];
    const char *simple = strchr("\"\\/bfnrt", x);
    if (x && simple) {
      static const char to[] = "\"\\/\b\f\n\r\t";
      out[w++] = (unsigned char)to[simple - "\"\\/bfnrt"];
      i += 2;
      continue;
    }
    if (x != 'u' || i + 6 > n)
      abort();
    int cp = 0;
    for (int d = 0; d < 4; d++) {
      int h = hexval(e[i + 2 + d]);
      if (h < 0)
        abort();
      cp = cp * 16 + h;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
      abort(); /* the escaper never writes surrogates */
    if (cp < 0x80) {
      out[w++] = (unsigned char)cp;
    } else if (cp < 0x800) {
      out[w++] = (unsigned char)(0xC0 | cp >> 6);
      out[w++] = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
      out[w++] = (unsigned char)(0xE0 | cp >> 12);
      out[w++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
      out[w++] = (unsigned char)(0x80 | (cp & 0x3F));
    }
    i += 6;
  }
  return w;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t cap = 6 + data[0] % 64;
  const char *s = (const char *)data + 1;
  size_t len = size - 1;
  /* one step: every input byte becomes at most 6 output bytes */
  size_t wcap = len * 6 + 6;
  char *whole = malloc(wcap), *small = malloc(wcap), *buf = malloc(cap);
  unsigned char *dec = malloc(wcap);
  if (!whole || !small || !buf || !dec)
    abort();
  size_t used;
  size_t wn = pd_json_escape(whole, wcap, s, len, &used);
  if (used != len)
    abort();
  size_t sn = 0;
  for (size_t i = 0; i < len;) {
    size_t u, n = pd_json_escape(buf, cap, s + i, len - i, &u);
    if (u == 0 || n > cap || u > len - i)
      abort();
    memcpy(small + sn, buf, n);
    sn += n, i += u;
  }
  if (sn != wn || memcmp(small, whole, wn) != 0)
    abort();
  /* pd_json_str writes the same between quotes */
  char *ms = NULL;
  size_t msn = 0;
  FILE *fp = open_memstream(&ms, &msn);
  if (!fp)
    abort();
  pd_json_str(fp, s, len);
  fclose(fp);
  if (msn != wn + 2 || ms[0] != '"' || ms[msn - 1] != '"' || memcmp(ms + 1, whole, wn) != 0)
    abort();
  free(ms);
  size_t dn = json_decode((const unsigned char *)whole, wn, dec);
  if (valid_utf8(data + 1, len) && (dn != len || memcmp(dec, s, len) != 0))
    abort();
  free(whole), free(small), free(buf), free(dec);
  return 0;
}
