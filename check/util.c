/* check/: English word keys, Indonesian keys and pieces, edit distance. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check/internal.h"
#include "text/lemma.h"

static int is_word_cp(int32_t cp) {
  if (cp < 0)
    return 0;
  if (cp < 0x80)
    return pd_is_ascii_alpha(cp) || pd_is_ascii_digit(cp);
  utf8proc_category_t cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

int pd_chk_starts_upper(const char *s, size_t len) {
  int32_t cp;
  if (!len || pd_utf8_next(s, len, &cp) <= 0 || cp < 0)
    return 0;
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }

static int ends_with(const char *s, size_t n, const char *suf) {
  size_t k = strlen(suf);
  return n >= k && memcmp(s + n - k, suf, k) == 0;
}

int pd_chk_en_norm(const char *w, size_t len, pd_buf *out) {
  pd_buf f;
  pd_buf_init(&f);
  if (pd_utf8_fold(w, len, &f)) {
    pd_buf_free(&f);
    return PADAN_ENOMEM;
  }
  const char *s = f.p ? f.p : "";
  size_t n = f.len;
  /* plural and 3rd-person -s: the same rule on both sides, so a rare wrong cut is harmless */
  if (n > 4 && ends_with(s, n, "men"))
    f.p[n - 2] = 'a'; /* policemen, spokesmen */
  else if (n > 4 && ends_with(s, n, "ies"))
    n -= 3, f.p[n] = 'y', n++;
  else if (n > 4 && ends_with(s, n, "sses"))
    n -= 2;
  else if (n > 4 && (ends_with(s, n, "xes") || ends_with(s, n, "ches") || ends_with(s, n, "shes") ||
                     ends_with(s, n, "zes")))
    n -= 2;
  else if (n > 3 && s[n - 1] == 's' && !ends_with(s, n, "ss") && !ends_with(s, n, "us") &&
           (!ends_with(s, n, "is") || (len > 0 && w[0] >= 'A' && w[0] <= 'Z')))
    n -= 1; /* Iraqis, Israelis (capitalized) lose the s; analysis, crisis keep it */
  int rc = pd_buf_append(out, s, n);
  pd_buf_free(&f);
  return rc;
}

int pd_chk_en_vnorm(const char *k, size_t n, pd_buf *out) {
  /* a verb's inflections on top of the plural key: -ed and -ing ("signed",
   * "signing" for "sign"), then a doubled consonant and a final -e, so that
   * "agreed"/"agree" and "stopped"/"stop" meet. Only for terms tagged as verbs:
   * a noun such as "force" must not match "forcing". */
  size_t full = n;
  if (n > 5 && ends_with(k, n, "ing"))
    n -= 3;
  else if (n > 4 && ends_with(k, n, "eed"))
    n -= 1;
  else if (n > 4 && ends_with(k, n, "ied"))
    return pd_buf_append(out, k, n - 3) || pd_buf_putc(out, 'y') ? PADAN_ENOMEM : PADAN_OK;
  else if (n > 4 && ends_with(k, n, "ed"))
    n -= 2;
  if (n > 3 && n < full && k[n - 1] == k[n - 2] && k[n - 1] != 'l' && k[n - 1] != 's' &&
      !strchr("aeiou", k[n - 1]))
    n -= 1;
  if (n > 3 && k[n - 1] == 'e')
    n -= 1;
  return pd_buf_append(out, k, n);
}

int pd_chk_en_words(const char *s, size_t len, size_t base, pd_strmap *map, int intern,
                    pd_vec *out) {
  pd_buf key, vkey;
  pd_buf_init(&key);
  pd_buf_init(&vkey);
  size_t i = 0;
  int rc = PADAN_OK;
  while (i < len && rc == PADAN_OK) {
    int32_t cp;
    int l = pd_utf8_next(s + i, len - i, &cp);
    if (!is_word_cp(cp)) {
      i += (size_t)l;
      continue;
    }
    size_t st = i, end = i;
    while (i < len) {
      l = pd_utf8_next(s + i, len - i, &cp);
      if (is_word_cp(cp)) {
        i += (size_t)l;
        end = i;
        continue;
      }
      if (is_apos(cp) && i + (size_t)l < len) {
        int32_t nx;
        pd_utf8_next(s + i + l, len - i - (size_t)l, &nx);
        if (is_word_cp(nx)) {
          i += (size_t)l;
          continue;
        }
      }
      break;
    }
    /* drop a possessive 's */
    size_t wl = end - st;
    if (wl > 2 && (s[end - 1] == 's' || s[end - 1] == 'S')) {
      if (s[end - 2] == '\'')
        wl -= 2;
      else if (wl > 4 && (unsigned char)s[end - 4] == 0xE2 && (unsigned char)s[end - 3] == 0x80 &&
               (unsigned char)s[end - 2] == 0x99)
        wl -= 4;
    }
    pd_buf_clear(&key);
    if ((rc = pd_chk_en_norm(s + st, wl, &key)))
      break;
    uint32_t id = 0;
    if (intern)
      rc = pd_strmap_intern(map, key.p ? key.p : "", key.len, &id);
    else
      id = pd_strmap_find(map, key.p ? key.p : "", key.len);
    uint32_t vid = 0;
    if (!rc) {
      pd_buf_clear(&vkey);
      rc = pd_chk_en_vnorm(key.p ? key.p : "", key.len, &vkey);
    }
    if (!rc && intern)
      rc = pd_strmap_intern(map, vkey.p ? vkey.p : "", vkey.len, &vid);
    else if (!rc)
      vid = pd_strmap_find(map, vkey.p ? vkey.p : "", vkey.len);
    pd_chk_word *w = rc ? NULL : pd_vec_push(out);
    if (!w) {
      rc = rc ? rc : PADAN_ENOMEM;
      break;
    }
    w->start = base + st;
    w->len = end - st;
    w->key = id;
    w->vkey = vid;
  }
  pd_buf_free(&vkey);
  pd_buf_free(&key);
  return rc;
}

static const char *const en_stop[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "can", "could", "said", "say", "as", "not",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "which", "who", "also",
    "after", "before", "into", "than", "then", "there", "about", "over", "up", "out", "all",
    "other", "more", "most", "such", "so", "if", "while", "when", "what", "do", "did", "does",
    "no", "one", "two", "new", "last", "year", "day", "them", "him", "may", "should", "were",
    "s", "mr", "per", "cent", "percent", "some", "any", "both", "between", "against", "under",
    NULL};

int pd_chk_en_stopword(const char *w, size_t len) {
  for (const char *const *p = en_stop; *p; p++)
    if (strlen(*p) == len && memcmp(*p, w, len) == 0)
      return 1;
  return 0;
}

int pd_chk_id_key(const char *s, size_t len, pd_buf *tmp, pd_buf *out) {
  pd_buf_clear(tmp);
  int rc = pd_lemma_key(s, len, tmp);
  if (rc)
    return rc;
  /* hyphens, dots, slashes and spacing become single spaces */
  int sp = 1;
  for (size_t i = 0; i < tmp->len; i++) {
    unsigned char ch = (unsigned char)tmp->p[i];
    if (ch == '-' || ch == '.' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '/') {
      if (!sp && (rc = pd_buf_putc(out, ' ')))
        return rc;
      sp = 1;
      continue;
    }
    if ((rc = pd_buf_putc(out, (char)ch)))
      return rc;
    sp = 0;
  }
  if (out->len && out->p[out->len - 1] == ' ')
    out->p[--out->len] = '\0';
  return PADAN_OK;
}

static int push_piece(pd_vec *out, size_t start, size_t len, uint32_t seg, const padan_token *t,
                      int sent_start) {
  pd_chk_piece *p = pd_vec_push(out);
  if (!p)
    return PADAN_ENOMEM;
  p->start = start;
  p->len = len;
  p->seg = seg;
  p->flags = t->flags;
  p->kind = t->kind;
  p->sent_start = (uint8_t)sent_start;
  return PADAN_OK;
}

int pd_chk_pieces(const padan_tokens *t, const char *text, pd_vec *out) {
  uint32_t seg = 0;
  size_t cur_sent = (size_t)-1;
  for (size_t i = 0; i < t->ntok; i++) {
    const padan_token *tk = &t->tok[i];
    if (tk->sent != cur_sent) {
      seg++;
      cur_sent = tk->sent;
    }
    int sst = (tk->flags & PADAN_TF_SENT_START) != 0;
    if (tk->kind == PADAN_TOK_WORD || tk->kind == PADAN_TOK_ACRONYM ||
        tk->kind == PADAN_TOK_DOMAIN || tk->kind == PADAN_TOK_NUMBER) {
      /* names joined by a hyphen are split (Korea Utara-Rusia, Kim Il-sung);
         common-word compounds stay whole: non-pemerintah is not pemerintah */
      if (tk->kind == PADAN_TOK_WORD && (tk->flags & PADAN_TF_HYPHEN) &&
          !(tk->flags & PADAN_TF_REDUP) && (tk->flags & PADAN_TF_CAP)) {
        size_t a = tk->start, end = tk->start + tk->len;
        for (size_t k = a; k <= end; k++) {
          if (k == end || text[k] == '-') {
            if (k > a && push_piece(out, a, k - a, seg, tk, sst && a == tk->start))
              return PADAN_ENOMEM;
            a = k + 1;
          }
        }
      } else if (push_piece(out, tk->start, tk->len, seg, tk, sst)) {
        return PADAN_ENOMEM;
      }
    } else {
      seg++;
    }
  }
  return PADAN_OK;
}

int pd_chk_lev(const char *a, size_t alen, const char *b, size_t blen, int cap) {
  int32_t x[64], y[64];
  size_t n = 0, m = 0;
  for (size_t i = 0; i < alen && n < 64;) {
    int32_t cp;
    i += (size_t)pd_utf8_next(a + i, alen - i, &cp);
    x[n++] = cp;
  }
  for (size_t i = 0; i < blen && m < 64;) {
    int32_t cp;
    i += (size_t)pd_utf8_next(b + i, blen - i, &cp);
    y[m++] = cp;
  }
  if ((n > m ? n - m : m - n) > (size_t)cap)
    return cap + 1;
  int row[65];
  for (size_t j = 0; j <= m; j++)
    row[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    int prev = row[0], best = (int)i;
    row[0] = (int)i;
    for (size_t j = 1; j <= m; j++) {
      int cur = row[j];
      int v = prev + (x[i - 1] != y[j - 1]);
      if (row[j] + 1 < v)
        v = row[j] + 1;
      if (row[j - 1] + 1 < v)
        v = row[j - 1] + 1;
      row[j] = v;
      prev = cur;
      if (v < best)
        best = v;
    }
    if (best > cap)
      return cap + 1;
  }
  return row[m] > cap ? cap + 1 : row[m];
}
