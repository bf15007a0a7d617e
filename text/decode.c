/* Decoding input bytes to UTF-8: BOM detection, strict or guessed UTF-8,
 * Windows-1252 (a table), anything else through iconv; CRLF and CR become LF. */
#include "config.h"
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <padan/text.h>
#include "common/util.h"

/* Windows-1252 0x80..0x9F; the five undefined bytes map to the C1 controls (as WHATWG does). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* Copies s[0..n) to a new buffer with CRLF and CR turned into LF. */
static int copy_lf(const char *s, size_t n, char **out, size_t *outlen) {
  char *d = malloc(n + 1);
  if (!d)
    return PADAN_ENOMEM;
  memcpy(d, s, n);
  d[n] = '\0';
  *outlen = n;
  pd_lf_in_place(d, outlen);
  *out = d;
  return PADAN_OK;
}

static int decode_cp1252(const char *s, size_t n, char **out, size_t *outlen) {
  if (n > (SIZE_MAX - 1) / 3)
    return PADAN_ENOMEM;
  char *d = malloc(n * 3 + 1);
  if (!d)
    return PADAN_ENOMEM;
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      d[o++] = (char)c;
      continue;
    }
    int32_t cp = c < 0xA0 ? cp1252_high[c - 0x80] : c;
    o += (size_t)pd_utf8_put(cp, d + o);
  }
  d[o] = '\0';
  *outlen = o;
  pd_lf_in_place(d, outlen);
  *out = d;
  return PADAN_OK;
}

/* Converts with iconv from `from` to UTF-8. */
static int decode_iconv(const char *s, size_t n, const char *from, char **out, size_t *outlen,
                        size_t *bad) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == (iconv_t)-1)
    return PADAN_EARG;
  size_t cap = n + n / 2 + 16, used = 0;
  char *d = malloc(cap);
  if (!d) {
    iconv_close(cd);
    return PADAN_ENOMEM;
  }
  char *ip = (char *)s;
  size_t ileft = n;
  int rc = PADAN_OK;
  while (ileft > 0) {
    char *op = d + used;
    size_t oleft = cap - used - 1;
    size_t r = iconv(cd, &ip, &ileft, &op, &oleft);
    used = (size_t)(op - d);
    if (r != (size_t)-1)
      break;
    if (errno == E2BIG) {
      size_t nc = cap * 2;
      char *p = realloc(d, nc);
      if (!p) {
        rc = PADAN_ENOMEM;
        break;
      }
      d = p, cap = nc;
      continue;
    }
    /* EILSEQ or EINVAL (truncated at the end) */
    *bad = (size_t)(ip - s);
    rc = PADAN_EUTF8;
    break;
  }
  iconv_close(cd);
  if (rc) {
    free(d);
    return rc;
  }
  d[used] = '\0';
  if (memchr(d, '\0', used)) {
    free(d);
    *bad = 0;
    return PADAN_EBINARY;
  }
  *outlen = used;
  pd_lf_in_place(d, outlen);
  *out = d;
  return PADAN_OK;
}

static int eq(const char *a, const char *b) { return strcasecmp(a, b) == 0; }

int padan_decode(const char *in, size_t len, const char *encoding, char **out, size_t *outlen,
                 padan_decode_info *info) {
  padan_decode_info dummy;
  if (!info)
    info = &dummy;
  memset(info, 0, sizeof *info);
  *out = NULL, *outlen = 0;
  const unsigned char *u = (const unsigned char *)in;
  int is_auto = !encoding || !*encoding || eq(encoding, "auto");
  int utf8 = !is_auto && (eq(encoding, "utf-8") || eq(encoding, "utf8"));
  int u16 = !is_auto && (eq(encoding, "utf-16") || eq(encoding, "utf16"));
  int u16le = !is_auto && (eq(encoding, "utf-16le") || eq(encoding, "utf16le"));
  int u16be = !is_auto && (eq(encoding, "utf-16be") || eq(encoding, "utf16be"));
  int bom8 = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
  int bom32 = len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                           (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF));
  int bomle = !bom32 && len >= 2 && u[0] == 0xFF && u[1] == 0xFE;
  int bombe = !bom32 && len >= 2 && u[0] == 0xFE && u[1] == 0xFF;

  if (is_auto && bom32) {
    /* iconv's "UTF-32" reads the BOM for the byte order and removes it */
    info->had_bom = 1;
    info->encoding = "UTF-32";
    size_t bad = 0;
    int rc = decode_iconv(in, len, "UTF-32", out, outlen, &bad);
    if (rc == PADAN_EUTF8)
      info->bad_offset = bad;
    return rc;
  }
  if ((is_auto || u16) && (bomle || bombe)) {
    u16le = bomle, u16be = bombe;
  } else if (u16) {
    u16le = 1;
  }
  if (u16le || u16be) {
    size_t skip = ((u16le && bomle) || (u16be && bombe)) ? 2 : 0;
    info->had_bom = skip > 0;
    info->encoding = u16le ? "UTF-16LE" : "UTF-16BE";
    size_t bad = 0;
    int rc = decode_iconv(in + skip, len - skip, info->encoding, out, outlen, &bad);
    if (rc == PADAN_EUTF8 || rc == PADAN_EBINARY)
      info->bad_offset = bad + skip;
    return rc;
  }
  if (is_auto || utf8) {
    size_t skip = bom8 ? 3 : 0;
    info->had_bom = bom8;
    const char *s = in + skip;
    size_t n = len - skip;
    const char *nul = memchr(s, '\0', n);
    if (nul) {
      info->bad_offset = (size_t)(nul - in);
      return PADAN_EBINARY;
    }
    size_t ok = pd_utf8_valid_prefix(s, n);
    if (ok == n) {
      info->encoding = "UTF-8";
      return copy_lf(s, n, out, outlen);
    }
    if (utf8) {
      info->bad_offset = ok + skip;
      return PADAN_EUTF8;
    }
    info->encoding = "WINDOWS-1252";
    info->fallback = 1;
    return decode_cp1252(s, n, out, outlen);
  }
  /* a named encoding: Windows-1252 by the table, the others by iconv, whose
     decoded text must hold no NUL (UTF-32 and UCS-2 hold NUL bytes) */
  if (eq(encoding, "windows-1252") || eq(encoding, "cp1252")) {
    info->encoding = "WINDOWS-1252";
    const char *nul = memchr(in, '\0', len);
    if (nul) {
      info->bad_offset = (size_t)(nul - in);
      return PADAN_EBINARY;
    }
    return decode_cp1252(in, len, out, outlen);
  }
  if (eq(encoding, "iso-8859-1") || eq(encoding, "latin1") || eq(encoding, "latin-1"))
    info->encoding = "ISO-8859-1";
  else
    info->encoding = "(iconv)";
  size_t bad = 0;
  int rc = decode_iconv(in, len, encoding, out, outlen, &bad);
  if (rc == PADAN_EUTF8 || rc == PADAN_EBINARY)
    info->bad_offset = bad;
  return rc;
}
