/* lexicon/: FreeDict dictd import (PATH.index + PATH.dict.dz).
 *
 * The .dict.dz is dictzip, a gzip member with a random-access table in its
 * extra field; zlib's gzread inflates it whole, which is fast enough for the
 * FreeDict sizes (eng-ind: 415 KB -> 1.5 MB in a few milliseconds). Index
 * lines are headword TAB base64-offset TAB base64-length. Each FreeDict entry
 * is one or more blocks "headword /pron/ <pos>", a translation line, a gloss
 * line, and further senses as "N. translations" + gloss; one concept per
 * headword, the English headword preferred, its Indonesian translations
 * (comma-separated) as terms, the first one of the first sense preferred. */
#include "config.h"
#include "lexicon/lexicon_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int b64val(unsigned char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static int b64num(const char *s, size_t n, uint64_t *out) {
  uint64_t v = 0;
  if (!n || n > 10)
    return -1;
  for (size_t i = 0; i < n; i++) {
    int d = b64val((unsigned char)s[i]);
    if (d < 0)
      return -1;
    v = v * 64 + (uint64_t)d;
  }
  *out = v;
  return 0;
}

/* The two file names from PATH (stem, .index, .dict.dz or .dict). */
static void dictd_paths(const char *path, pd_buf *index, pd_buf *dict) {
  size_t n = strlen(path);
  static const char *const sufs[] = {".index", ".dict.dz", ".dict", NULL};
  for (size_t i = 0; sufs[i]; i++) {
    size_t m = strlen(sufs[i]);
    if (n > m && strcmp(path + n - m, sufs[i]) == 0) {
      n -= m;
      break;
    }
  }
  pd_buf_append(index, path, n);
  pd_buf_puts(index, ".index");
  pd_buf_append(dict, path, n);
  pd_buf_puts(dict, ".dict.dz");
}

static int read_gz(padan_lexicon *lex, const char *path, pd_buf *out) {
  gzFile gz = gzopen(path, "rb");
  if (!gz) {
    /* maybe an uncompressed .dict beside it */
    return pd_lex_fail(lex, PADAN_EIO, "%s: %s", path, errno ? strerror(errno) : "cannot open");
  }
  gzbuffer(gz, 1 << 16);
  for (;;) {
    if (pd_buf_reserve(out, 1 << 16)) {
      gzclose(gz);
      return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", path);
    }
    int k = gzread(gz, out->p + out->len, 1 << 16);
    if (k < 0)
      break;
    if (k == 0)
      break;
    out->len += (size_t)k;
    out->p[out->len] = '\0';
  }
  int err = Z_OK;
  const char *msg = gzerror(gz, &err);
  if (err != Z_OK && err != Z_STREAM_END) {
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", msg ? msg : "");
    gzclose(gz);
    return pd_lex_fail(lex, PADAN_EFORMAT, "%s: truncated or corrupt compressed data (%s)", path,
                       tmp);
  }
  if (gzclose(gz) != Z_OK)
    return pd_lex_fail(lex, PADAN_EFORMAT, "%s: truncated or corrupt compressed data", path);
  return PADAN_OK;
}

static int starts_ci(const char *s, size_t n, const char *w, size_t wl) {
  if (n < wl)
    return 0;
  for (size_t i = 0; i < wl; i++)
    if (pd_ascii_lower((unsigned char)s[i]) != pd_ascii_lower((unsigned char)w[i]))
      return 0;
  return 1;
}

static const char *map_pos(const char *p, size_t n) {
  static const struct {
    const char *a, *b;
  } m[] = {{"n", "noun"},  {"v", "verb"},     {"adj", "adj"},  {"adv", "adv"},
           {"pn", "propn"}, {"prop", "propn"}, {"abbr", "abbr"}};
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
    if (strlen(m[i].a) == n && memcmp(m[i].a, p, n) == 0)
      return m[i].b;
  return "";
}

/* Is the line a block header "HEADWORD /.../ <pos>" or "HEADWORD <pos>"? */
static int header_line(const char *s, size_t n, const char *hw, size_t hl, const char **pos,
                       size_t *posl) {
  if (!starts_ci(s, n, hw, hl) || n < hl + 2 || s[hl] != ' ' || (s[hl + 1] != '/' && s[hl + 1] != '<'))
    return 0;
  *pos = "", *posl = 0;
  if (s[n - 1] == '>') {
    size_t a = n - 1;
    while (a > 0 && s[a - 1] != '<')
      a--;
    if (a > 0)
      *pos = s + a, *posl = n - 1 - a;
  }
  return 1;
}

/* Strips "N. " in front and " N." at the end; returns 1 when the line is a
 * numbered translation line, 2 when it is only a marker. */
static int sense_marks(const char **s, size_t *n) {
  const char *p = *s;
  size_t m = *n;
  int numbered = 0;
  while (m && *p == ' ')
    p++, m--;
  size_t d = 0;
  while (d < m && pd_is_ascii_digit((unsigned char)p[d]))
    d++;
  if (d && d + 1 <= m && p[d] == '.' && (d + 1 == m || p[d + 1] == ' ')) {
    numbered = 1;
    p += d + 1, m -= d + 1;
    while (m && *p == ' ')
      p++, m--;
  }
  /* trailing " N." */
  size_t e = m;
  if (e && p[e - 1] == '.') {
    size_t k = e - 1;
    while (k > 0 && pd_is_ascii_digit((unsigned char)p[k - 1]))
      k--;
    if (k < e - 1 && (k == 0 || p[k - 1] == ' '))
      m = k ? k - 1 : 0;
  }
  while (m && p[m - 1] == ' ')
    m--;
  *s = p, *n = m;
  if (m == 0)
    return 2;
  return numbered;
}

static int parse_entry(pd_lexload *ld, const char *hw, size_t hl, const char *e, size_t len,
                       size_t line) {
  /* one concept per index headword; dictd indexes fold case (aaron), the
   * entry's own header keeps it (Aaron) for the English term */
  char cid[512];
  snprintf(cid, sizeof cid, "fd:%.*s", (int)(hl > 400 ? 400 : hl), hw);
  if (starts_ci(e, len, hw, hl))
    hw = e;
  uint32_t c;
  int rc = pd_lexload_concept(ld, cid, strlen(cid), line, &c);
  if (rc)
    return rc;
  int state = 0; /* 0 before a header, 1 expect translations, 2 in glosses */
  int have_en = 0, first_id = 1;
  const char *pos = "";
  const char *gloss = NULL;
  size_t glossl = 0;
  size_t i = 0;
  while (i < len && !rc) {
    const char *s = e + i;
    const char *nl = memchr(s, '\n', len - i);
    size_t n = nl ? (size_t)(nl - s) : len - i;
    i += n + (nl ? 1 : 0);
    if (n && s[n - 1] == '\r')
      n--;
    if (!n)
      continue;
    const char *p;
    size_t pl;
    if (header_line(s, n, hw, hl, &p, &pl)) {
      if (!have_en)
        pos = map_pos(p, pl);
      state = 1;
      continue;
    }
    if (state == 0)
      continue;
    const char *t = s;
    size_t tl = n;
    int kind = sense_marks(&t, &tl);
    if (kind == 2) {
      state = 2;
      continue;
    }
    if (state == 1 || kind == 1) {
      /* translations, comma-separated */
      size_t a = 0;
      while (a < tl && !rc) {
        size_t b = a;
        while (b < tl && t[b] != ',')
          b++;
        size_t x = a, y = b;
        while (x < y && t[x] == ' ')
          x++;
        while (y > x && t[y - 1] == ' ')
          y--;
        if (y > x) {
          rc = pd_lexload_term(ld, c, "id", 2, t + x, y - x,
                               first_id ? PADAN_TERM_PREFERRED : PADAN_TERM_ADMITTED, "", 0, "", 0,
                               line, 1);
          first_id = 0;
        }
        a = b + 1;
      }
      state = 2;
    } else if (!gloss) {
      gloss = s, glossl = n;
    }
  }
  if (!rc)
    rc = pd_lexload_term(ld, c, "en", 2, hw, hl, PADAN_TERM_PREFERRED, pos, strlen(pos),
                         gloss ? gloss : "", gloss ? glossl : 0, line, 1);
  (void)have_en;
  return rc;
}

int pd_lex_read_dictd(pd_lexload *ld, const char *path) {
  padan_lexicon *lex = ld->lex;
  pd_buf ip, dp, dict;
  pd_buf_init(&ip), pd_buf_init(&dp), pd_buf_init(&dict);
  dictd_paths(path, &ip, &dp);
  char *index = NULL;
  size_t ilen = 0;
  int rc = pd_read_file(ip.p, &index, &ilen);
  if (rc) {
    rc = pd_lex_fail(lex, rc, "%s: %s", ip.p, rc == PADAN_EIO ? strerror(errno) : padan_strerror(rc));
    goto out;
  }
  errno = 0;
  if ((rc = read_gz(lex, dp.p, &dict)))
    goto out;
  if (pd_utf8_valid_prefix(index, ilen) != ilen) {
    rc = pd_lex_fail(lex, PADAN_EUTF8, "%s: invalid UTF-8", ip.p);
    goto out;
  }
  size_t i = 0, line = 0;
  while (i < ilen && !rc) {
    line++;
    const char *s = index + i;
    const char *nl = memchr(s, '\n', ilen - i);
    size_t n = nl ? (size_t)(nl - s) : ilen - i;
    i += n + (nl ? 1 : 0);
    if (n && s[n - 1] == '\r')
      n--;
    if (!n)
      continue;
    const char *t1 = memchr(s, '\t', n);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - s)) : NULL;
    if (!t1 || !t2) {
      rc = pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: missing columns: need headword TAB offset TAB length", ip.p, line);
      break;
    }
    size_t hl = (size_t)(t1 - s);
    const char *t3 = memchr(t2 + 1, '\t', n - (size_t)(t2 + 1 - s));
    size_t ll = (size_t)((t3 ? t3 : s + n) - (t2 + 1));
    uint64_t off, sz;
    if (b64num(t1 + 1, (size_t)(t2 - t1 - 1), &off) || b64num(t2 + 1, ll, &sz)) {
      rc = pd_lex_fail(lex, PADAN_EFORMAT, "%s:%zu: bad base64 number in the offset or length",
                       ip.p, line);
      break;
    }
    if (hl >= 10 && memcmp(s, "00database", 10) == 0)
      continue;
    if (hl >= 11 && memcmp(s, "00-database", 11) == 0)
      continue;
    if (off > dict.len || sz > dict.len - off) {
      rc = pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: entry at %llu+%llu lies beyond the end of %s (%zu bytes)", ip.p,
                       line, (unsigned long long)off, (unsigned long long)sz, dp.p, dict.len);
      break;
    }
    const char *e = dict.p + off;
    if (pd_utf8_valid_prefix(e, (size_t)sz) != sz) {
      rc = pd_lex_fail(lex, PADAN_EUTF8, "%s:%zu: the entry is not valid UTF-8", ip.p, line);
      break;
    }
    rc = parse_entry(ld, s, hl, e, (size_t)sz, line);
  }
out:
  free(index);
  pd_buf_free(&ip), pd_buf_free(&dp), pd_buf_free(&dict);
  return rc;
}
