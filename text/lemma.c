/* Conservative lemma keys: case, NFC, hyphens and spacing, full reduplication,
 * enclitics. Deliberately no derivational stemming (see DESIGN.md, "Measured
 * pitfalls": pemerintah is not perintah). */
#include "config.h"
#include <string.h>
#include <padan/common.h>
#include "common/util.h"
#include "text/lemma.h"
#include "text/textint.h"

/* Lexicalized reduplications: not plurals of their half (undang-undang is a law). */
static const char *const lexical_redup[] = {
    "undang", "kupu", "laba", "kura", "paru", "rata", "masing", "hati", "mata", "oleh", "kira",
    "pura", "sia", "biri", "cumi", "alun", "anai", "ubun", "kunang", "lumba", "baru", "gara",
    "tiba", "mula", "kadang", "jangan", "hampir", "ondel", "lagi", "sama", "benar", "agak",
    "betul", "diam", "jelas", "pelan", "semata", "olah", "seolah", "seakan", "besar", "hingar",
    "teka", "onde", "tanda", NULL};

static int is_lexical(const char *a, size_t n) {
  for (const char *const *p = lexical_redup; *p; p++)
    if (strlen(*p) == n && memcmp(*p, a, n) == 0)
      return 1;
  return 0;
}

static int is_space_at(const char *s, size_t n, size_t i, size_t *l) {
  unsigned char c = (unsigned char)s[i];
  *l = 1;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
    return 1;
  if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
    *l = 2;
    return 1;
  }
  return 0;
}

static int first_upper(const char *s, size_t n) {
  if (n == 0)
    return 0;
  unsigned char c = (unsigned char)s[0];
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  int32_t cp;
  pd_utf8_next(s, n, &cp);
  pd_buf b;
  pd_buf_init(&b);
  char enc[4];
  int l = pd_utf8_put(cp, enc);
  int up = 0;
  if (pd_utf8_fold(enc, (size_t)l, &b) == PADAN_OK)
    up = !(b.len == (size_t)l && memcmp(b.p, enc, (size_t)l) == 0);
  pd_buf_free(&b);
  return up;
}

static int word_key(const char *s, size_t n, pd_buf *w, pd_buf *out) {
  pd_buf_clear(w);
  if (pd_utf8_fold(s, n, w))
    return PADAN_ENOMEM;
  /* U+2010 and U+2011 are hyphens too */
  size_t o = 0;
  for (size_t i = 0; i < w->len;) {
    if (i + 2 < w->len && (unsigned char)w->p[i] == 0xE2 && (unsigned char)w->p[i + 1] == 0x80 &&
        ((unsigned char)w->p[i + 2] == 0x90 || (unsigned char)w->p[i + 2] == 0x91)) {
      w->p[o++] = '-', i += 3;
      continue;
    }
    w->p[o++] = w->p[i++];
  }
  w->len = o;
  char *p = w->p;
  size_t len = w->len, nh = 0, h = 0, digits = 0;
  for (size_t i = 0; i < len; i++) {
    if (p[i] == '-')
      nh++, h = i;
    digits += p[i] >= '0' && p[i] <= '9';
  }
  size_t ls = nh ? h + 1 : 0;
  size_t k = (size_t)pd_clitic_suffix(p + ls, len - ls);
  /* names end like particles (Jamilah, Ramlah): a capitalized word loses only -nya */
  int cap = first_upper(s, n);
  if (k && cap && !(k == 3 && len >= 3 && memcmp(p + len - 3, "nya", 3) == 0))
    k = 0;
  len -= k;
  if (nh == 1 && h > 0 && h + 1 < len) {
    size_t al = h, bl = len - h - 1;
    if (al == bl && memcmp(p, p + h + 1, al) == 0 && !is_lexical(p, al)) {
      len = al; /* negara-negara -> negara */
    } else if (cap && !digits) {
      p[h] = ' '; /* Il-sung -> il sung */
    }
  } else if (nh > 1 && cap && !digits) {
    for (size_t i = 0; i < len; i++)
      if (p[i] == '-')
        p[i] = ' ';
  }
  return pd_buf_append(out, p, len);
}

int pd_lemma_key(const char *s, size_t len, pd_buf *out) {
  pd_buf w;
  pd_buf_init(&w);
  size_t i = 0, l;
  int first = 1, rc = PADAN_OK;
  while (i < len && rc == PADAN_OK) {
    if (is_space_at(s, len, i, &l)) {
      i += l;
      continue;
    }
    size_t b = i;
    while (i < len && !is_space_at(s, len, i, &l))
      i++;
    if (!first && (rc = pd_buf_putc(out, ' ')))
      break;
    first = 0;
    rc = word_key(s + b, i - b, &w, out);
  }
  pd_buf_free(&w);
  if (rc == PADAN_OK && out->len == 0)
    rc = pd_buf_append(out, "", 0); /* a NUL-terminated empty key */
  return rc;
}

int padan_lemma_key(const char *s, size_t len, char **out, size_t *outlen) {
  pd_buf b;
  pd_buf_init(&b);
  int rc = pd_lemma_key(s, len, &b);
  if (rc) {
    pd_buf_free(&b);
    return rc;
  }
  *out = pd_buf_steal(&b, outlen);
  return *out ? PADAN_OK : PADAN_ENOMEM;
}

size_t padan_word_parts(const char *s, size_t len, size_t *off, size_t *plen, size_t max) {
  size_t np = 0, b = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i == len || s[i] == '-') {
      if (np < max)
        off[np] = b, plen[np] = i - b;
      np++;
      b = i + 1;
    }
  }
  return np;
}
