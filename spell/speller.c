/* The speller: Hunspell plus Indonesian morphology, word lists, a type cache
 * and re-ranked suggestions. See include/padan/spell.h. */
#include "config.h"
#include "spell/spell_int.h"

#include <errno.h>
#include <hunspell.h>
#include <iconv.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define DEFAULT_MAX_SUGGEST 5
#define DEFAULT_CACHE_MAX 200000
#define MAX_PARTS 8
#define MAX_WORD 200 /* longer "words" are not checked against Hunspell */

/* Status of a word type (context-free). */
enum { ST_KNOWN = 1, ST_UNKNOWN = 2, ST_NONSTD = 3 };

/* extra-word flags */
enum { XW_WORD = 1, XW_LEX = 2 };

typedef struct {
  uint8_t st;
  uint8_t capunk;    /* every unknown part is capitalized: a name when not sentence-initial */
  uint8_t sugg_done;
  uint8_t near;      /* a known word one edit away exists (valid when near_done) */
  uint8_t near_done;
  uint32_t nsugg;
  const char **sugg; /* in cache_arena */
} centry;

struct padan_speller {
  padan_speller_opts o;
  Hunhandle *hs;
  iconv_t to_dic, from_dic; /* (iconv_t)-1 when the dictionary is UTF-8 */
  pd_buf msg;
  pd_buf conv;              /* scratch for conversions */
  /* known words added by lists and lexicons (exact forms) */
  pd_strmap extra;
  pd_vec extra_flags;       /* uint8_t per id-1 */
  pd_vec lexwords;          /* uint32_t pairs: id of a lexicon word, mask of its letters */
  /* non-standard spellings: folded key -> standard form */
  pd_strmap nonstd;
  pd_vec nonstd_to;         /* const char * per id-1 (in nonstd.arena) */
  /* frequency table: folded key -> count, most frequent surface form */
  pd_strmap freq;
  pd_vec freq_cnt;          /* uint32_t per id-1 */
  pd_vec freq_form;         /* const char * per id-1 */
  /* type cache */
  pd_strmap cache;
  pd_vec centries;          /* centry per id-1 */
  pd_arena cache_arena;
  /* a bit filter over forms derived from the main .dic's stems with common
   * affixes (meN-, di-, ber-, ter-, peN-, per-, ke-/-an, -kan, -i, -an);
   * hits are confirmed by Hunspell */
  char *dic_path;
  uint64_t *morph;
  int morph_ready;
  /* single-deletion index over the frequency table and word lists (SymSpell):
   * key (a word or the word minus one letter, lower case) -> postings */
  pd_strmap delkeys;
  pd_vec delhead; /* uint32_t per key id-1: 1-based index into delent, 0 = none */
  pd_vec delent;  /* uint32_t pairs: ref (freq id, or extra id | 1<<31), next */
  int del_ready;
  /* known-or-not of candidate words (suggestions re-check the same words often) */
  pd_strmap vcache;
  pd_vec vknown; /* uint8_t per id-1 */
};

#define MORPH_BITS (1u << 24)


const char *padan_spell_kind_name(int kind) {
  switch (kind) {
  case PADAN_SPELL_OK: return "ok";
  case PADAN_SPELL_MISSPELLED: return "misspelled";
  case PADAN_SPELL_NONSTANDARD: return "nonstandard";
  case PADAN_SPELL_NAME: return "name";
  default: return "?";
  }
}

static int set_msg(padan_speller *sp, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int set_msg(padan_speller *sp, int rc, const char *fmt, ...) {
  va_list ap;
  char tmp[2048];
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  pd_buf_clear(&sp->msg);
  pd_buf_puts(&sp->msg, tmp);
  return rc;
}

const char *padan_speller_errmsg(const padan_speller *sp) {
  return sp && sp->msg.len ? sp->msg.p : "";
}

static void cache_init(padan_speller *sp) {
  pd_strmap_init(&sp->cache);
  pd_vec_init(&sp->centries, sizeof(centry));
  pd_arena_init(&sp->cache_arena);
}

static void cache_free(padan_speller *sp) {
  pd_strmap_free(&sp->cache);
  pd_vec_free(&sp->centries);
  pd_arena_free(&sp->cache_arena);
}

int padan_speller_new(padan_speller **out, const padan_speller_opts *opts) {
  padan_speller *sp = calloc(1, sizeof *sp);
  *out = NULL;
  if (!sp)
    return PADAN_ENOMEM;
  if (opts)
    sp->o = *opts;
  if (sp->o.max_suggest == 0)
    sp->o.max_suggest = DEFAULT_MAX_SUGGEST;
  if (sp->o.cache_max == 0)
    sp->o.cache_max = DEFAULT_CACHE_MAX;
  sp->to_dic = sp->from_dic = (iconv_t)-1;
  pd_buf_init(&sp->msg);
  pd_buf_init(&sp->conv);
  pd_strmap_init(&sp->extra);
  pd_vec_init(&sp->extra_flags, 1);
  pd_vec_init(&sp->lexwords, sizeof(uint32_t));
  pd_strmap_init(&sp->nonstd);
  pd_vec_init(&sp->nonstd_to, sizeof(const char *));
  pd_strmap_init(&sp->freq);
  pd_vec_init(&sp->freq_cnt, sizeof(uint32_t));
  pd_vec_init(&sp->freq_form, sizeof(const char *));
  pd_strmap_init(&sp->delkeys);
  pd_strmap_init(&sp->vcache);
  pd_vec_init(&sp->vknown, 1);
  pd_vec_init(&sp->delhead, sizeof(uint32_t));
  pd_vec_init(&sp->delent, sizeof(uint32_t));
  cache_init(sp);
  *out = sp;
  return PADAN_OK;
}

void padan_speller_free(padan_speller *sp) {
  if (!sp)
    return;
  if (sp->hs)
    Hunspell_destroy(sp->hs);
  if (sp->to_dic != (iconv_t)-1)
    iconv_close(sp->to_dic);
  if (sp->from_dic != (iconv_t)-1)
    iconv_close(sp->from_dic);
  pd_buf_free(&sp->msg);
  pd_buf_free(&sp->conv);
  pd_strmap_free(&sp->extra);
  pd_vec_free(&sp->extra_flags);
  pd_vec_free(&sp->lexwords);
  pd_strmap_free(&sp->nonstd);
  pd_vec_free(&sp->nonstd_to);
  pd_strmap_free(&sp->freq);
  pd_vec_free(&sp->freq_cnt);
  pd_vec_free(&sp->freq_form);
  cache_free(sp);
  pd_strmap_free(&sp->vcache);
  pd_vec_free(&sp->vknown);
  pd_strmap_free(&sp->delkeys);
  pd_vec_free(&sp->delhead);
  pd_vec_free(&sp->delent);
  free(sp->morph);
  free(sp->dic_path);
  free(sp);
}

/* Any change to what is known invalidates cached answers. */
static void cache_clear(padan_speller *sp) {
  cache_free(sp);
  cache_init(sp);
  pd_strmap_free(&sp->vcache);
  pd_vec_free(&sp->vknown);
  pd_strmap_init(&sp->vcache);
  pd_vec_init(&sp->vknown, 1);
  if (sp->del_ready) {
    pd_strmap_free(&sp->delkeys);
    pd_vec_free(&sp->delhead);
    pd_vec_free(&sp->delent);
    sp->del_ready = 0;
  }
}

/* ------------------------------------------------------------ dictionary */

static int readable(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return 0;
  int c = fgetc(fp);
  int ok = !ferror(fp) && c != EOF;
  fclose(fp);
  return ok;
}

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcmp(s + n - m, suf) == 0;
}

/* 1: base.aff + base.dic loaded; 0: not readable or not usable (named in tried); -1: ENOMEM. */
static int try_pair(padan_speller *sp, const char *base, pd_buf *tried) {
  pd_buf aff, dic;
  pd_buf_init(&aff);
  pd_buf_init(&dic);
  int ok = -1; /* out of memory until the names are built */
  if (pd_buf_printf(&aff, "%s.aff", base) || pd_buf_printf(&dic, "%s.dic", base) ||
      pd_buf_printf(tried, "%s%s, %s", tried->len ? ", " : "", aff.p, dic.p))
    goto done;
  ok = 0;
  if (!readable(aff.p) || !readable(dic.p))
    goto done;
  Hunhandle *h = Hunspell_create(aff.p, dic.p);
  if (!h)
    goto done;
  const char *enc = Hunspell_get_dic_encoding(h);
  if (!enc || !*enc)
    enc = "ISO-8859-1";
  if (strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0) {
    iconv_t to = iconv_open(enc, "UTF-8"), from = iconv_open("UTF-8", enc);
    if (to == (iconv_t)-1 || from == (iconv_t)-1) {
      if (to != (iconv_t)-1)
        iconv_close(to);
      if (from != (iconv_t)-1)
        iconv_close(from);
      Hunspell_destroy(h);
      pd_buf_printf(tried, " (encoding %s unsupported)", enc);
      goto done;
    }
    sp->to_dic = to, sp->from_dic = from;
  }
  sp->hs = h;
  sp->dic_path = malloc(dic.len + 1);
  if (sp->dic_path)
    memcpy(sp->dic_path, dic.p, dic.len + 1);
  ok = 1;
done:
  pd_buf_free(&aff);
  pd_buf_free(&dic);
  return ok;
}

int padan_speller_load_dict(padan_speller *sp, const char *spec) {
  if (sp->hs)
    return set_msg(sp, PADAN_EARG, "a dictionary is already loaded");
  pd_buf tried, base;
  pd_buf_init(&tried);
  pd_buf_init(&base);
  int ok = 0;
  if (spec && *spec && (strchr(spec, '/') || ends_with(spec, ".dic") || ends_with(spec, ".aff"))) {
    size_t n = strlen(spec);
    if (ends_with(spec, ".dic") || ends_with(spec, ".aff"))
      n -= 4;
    ok = pd_buf_append(&base, spec, n) ? -1 : try_pair(sp, base.p ? base.p : "", &tried);
  } else {
    const char *name = spec && *spec ? spec : "id_ID";
    static const char *const defaults[] = {"/usr/share/hunspell",       "/usr/share/myspell/dicts",
                                           "/usr/share/myspell",        "/usr/local/share/hunspell",
                                           "/usr/local/share/myspell",  "/usr/share/hunspell-dict",
                                           NULL};
    const char *dp = getenv("DICPATH");
    while (!ok && dp && *dp) {
      const char *colon = strchr(dp, ':');
      size_t n = colon ? (size_t)(colon - dp) : strlen(dp);
      if (n) {
        pd_buf_clear(&base);
        ok = pd_buf_printf(&base, "%.*s/%s", (int)n, dp, name) ? -1 : try_pair(sp, base.p, &tried);
      }
      dp = colon ? colon + 1 : NULL;
    }
    for (size_t i = 0; !ok && defaults[i]; i++) {
      pd_buf_clear(&base);
      ok = pd_buf_printf(&base, "%s/%s", defaults[i], name) ? -1 : try_pair(sp, base.p, &tried);
    }
  }
  int rc = PADAN_OK;
  if (ok < 0)
    rc = set_msg(sp, PADAN_ENOMEM, "out of memory");
  else if (!ok)
    rc = set_msg(sp, PADAN_EDICT, "no readable Hunspell dictionary; tried %s",
                 tried.p ? tried.p : "(nothing)");
  pd_buf_free(&tried);
  pd_buf_free(&base);
  cache_clear(sp);
  return rc;
}

int padan_speller_add_dic(padan_speller *sp, const char *dic_path) {
  if (!sp->hs)
    return set_msg(sp, PADAN_EDICT, "no dictionary loaded");
  if (!readable(dic_path))
    return set_msg(sp, PADAN_EIO, "%s: %s", dic_path, strerror(errno ? errno : EIO));
  if (Hunspell_add_dic(sp->hs, dic_path) != 0)
    return set_msg(sp, PADAN_EDICT, "%s: cannot add (too many dictionaries)", dic_path);
  cache_clear(sp);
  return PADAN_OK;
}

/* UTF-8 -> dictionary encoding, NUL-terminated in sp->conv. 0 when the word
 * cannot be written in that encoding. */
static int to_dic(padan_speller *sp, const char *w, size_t n) {
  pd_buf_clear(&sp->conv);
  int ascii = 1;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)w[i] >= 0x80) {
      ascii = 0;
      break;
    }
  if (ascii || sp->to_dic == (iconv_t)-1) {
    if (pd_buf_append(&sp->conv, w, n))
      return 0;
    return 1;
  }
  if (pd_buf_reserve(&sp->conv, n + 4))
    return 0;
  char *in = (char *)w, *out = sp->conv.p;
  size_t inl = n, outl = sp->conv.cap - 1;
  iconv(sp->to_dic, NULL, NULL, NULL, NULL);
  if (iconv(sp->to_dic, &in, &inl, &out, &outl) == (size_t)-1)
    return 0;
  sp->conv.len = (size_t)(out - sp->conv.p);
  sp->conv.p[sp->conv.len] = '\0';
  return 1;
}

/* dictionary encoding -> UTF-8, appended to out. */
static int from_dic(padan_speller *sp, const char *s, pd_buf *out) {
  size_t n = strlen(s);
  if (sp->from_dic == (iconv_t)-1)
    return pd_buf_append(out, s, n);
  if (pd_buf_reserve(out, n * 4 + 4))
    return PADAN_ENOMEM;
  char *in = (char *)s, *o = out->p + out->len;
  size_t inl = n, outl = out->cap - out->len - 1;
  iconv(sp->from_dic, NULL, NULL, NULL, NULL);
  if (iconv(sp->from_dic, &in, &inl, &o, &outl) == (size_t)-1)
    return PADAN_EUTF8;
  out->len = (size_t)(o - out->p);
  out->p[out->len] = '\0';
  return PADAN_OK;
}

static int hun_spell(padan_speller *sp, const char *w, size_t n) {
  if (!sp->hs || n == 0 || n > MAX_WORD || !to_dic(sp, w, n))
    return 0;
  return Hunspell_spell(sp->hs, sp->conv.p) != 0;
}

/* ------------------------------------------------------------ case */

/* Case class of a word: lower, title, all caps, mixed (or no letters). */
enum { CC_LOWER, CC_TITLE, CC_UPPER, CC_MIXED };

int pd_spell_case(const char *w, size_t n) {
  size_t up = 0, low = 0, i = 0;
  int first_up = -1;
  size_t a = 0;
  for (; a < n && (unsigned char)w[a] < 0x80; a++) {
    unsigned char c = (unsigned char)w[a];
    if (c >= 'A' && c <= 'Z') {
      if (first_up < 0)
        first_up = 1;
      up++;
    } else if (c >= 'a' && c <= 'z') {
      if (first_up < 0)
        first_up = 0;
      low++;
    }
  }
  if (a < n) /* not ASCII: count again with utf8proc */
    up = low = 0, first_up = -1;
  else
    i = n;
  while (i < n) {
    int32_t cp;
    int k = pd_utf8_next(w + i, n - i, &cp);
    if (cp >= 0) {
      utf8proc_category_t c = utf8proc_category(cp);
      if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) {
        if (first_up < 0)
          first_up = 1;
        up++;
      } else if (c == UTF8PROC_CATEGORY_LL) {
        if (first_up < 0)
          first_up = 0;
        low++;
      }
    }
    i += (size_t)k;
  }
  if (up == 0)
    return CC_LOWER;
  if (low == 0)
    return up >= 2 ? CC_UPPER : CC_TITLE;
  if (first_up == 1 && up == 1)
    return CC_TITLE;
  return CC_MIXED;
}

/* Appends w with each letter mapped by fn (utf8proc_tolower/toupper); only the
 * first letter when first_only. */
static int map_case(const char *w, size_t n, int upper, int first_only, pd_buf *out) {
  size_t i = 0;
  int done_first = 0;
  while (i < n) {
    int32_t cp;
    int k = pd_utf8_next(w + i, n - i, &cp);
    if (cp < 0 || (first_only && done_first)) {
      if (pd_buf_append(out, w + i, (size_t)k))
        return PADAN_ENOMEM;
    } else {
      char tmp[4];
      int32_t m = upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
      int l = pd_utf8_put(m, tmp);
      if (pd_buf_append(out, tmp, (size_t)l))
        return PADAN_ENOMEM;
      if (utf8proc_category(cp) != UTF8PROC_CATEGORY_PO)
        done_first = 1;
    }
    i += (size_t)k;
  }
  return PADAN_OK;
}

/* Lower-case key (ASCII fast path; else utf8proc case folding + NFC). */
static int fold(const char *w, size_t n, pd_buf *out) {
  pd_buf_clear(out);
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)w[i] >= 0x80)
      return pd_utf8_fold(w, n, out);
  if (pd_buf_reserve(out, n))
    return PADAN_ENOMEM;
  for (size_t i = 0; i < n; i++)
    out->p[i] = (char)pd_ascii_lower((unsigned char)w[i]);
  out->len = n;
  out->p[n] = '\0';
  return PADAN_OK;
}

/* ------------------------------------------------------------ word lists */

static int add_extra(padan_speller *sp, const char *w, size_t n, uint8_t flag) {
  if (n == 0)
    return PADAN_OK;
  uint32_t id;
  if (pd_strmap_intern(&sp->extra, w, n, &id))
    return PADAN_ENOMEM;
  while (sp->extra_flags.n < id)
    if (!pd_vec_push(&sp->extra_flags))
      return PADAN_ENOMEM;
  uint8_t *f = &PD_VEC_AT(&sp->extra_flags, uint8_t, id - 1);
  if ((flag & XW_LEX) && !(*f & XW_LEX)) {
    uint32_t *p = pd_vec_push(&sp->lexwords);
    if (!p)
      return PADAN_ENOMEM;
    *p = id;
    /* the set of its letters, a cheap filter before the edit distance */
    uint32_t mask = 0;
    for (size_t i = 0; i < n; i++)
      mask |= (uint32_t)1 << (pd_ascii_lower((unsigned char)w[i]) & 31);
    p = pd_vec_push(&sp->lexwords);
    if (!p)
      return PADAN_ENOMEM;
    *p = mask;
  }
  *f |= flag;
  return PADAN_OK;
}

int padan_speller_add_word(padan_speller *sp, const char *word, size_t len) {
  if (pd_utf8_valid_prefix(word, len) != len)
    return set_msg(sp, PADAN_EUTF8, "invalid UTF-8 in a word");
  int rc = add_extra(sp, word, len, XW_WORD);
  cache_clear(sp);
  return rc;
}

/* Calls fn for each line of a file that is neither blank nor a '#' comment. */
typedef int (*line_fn)(padan_speller *sp, const char *path, size_t lineno, char *line, size_t n);

static int each_line(padan_speller *sp, const char *path, line_fn fn) {
  char *data;
  size_t len;
  int rc = pd_read_file(path, &data, &len);
  if (rc == PADAN_EIO)
    return set_msg(sp, rc, "%s: %s", path, strerror(errno));
  if (rc)
    return set_msg(sp, rc, "%s: %s", path, padan_strerror(rc));
  const unsigned char *u0 = (const unsigned char *)data;
  int bom = len >= 2 && ((u0[0] == 0xFF && u0[1] == 0xFE) || (u0[0] == 0xFE && u0[1] == 0xFF));
  const char *nul = bom ? NULL : memchr(data, '\0', len);
  if (nul) {
    /* (valid UTF-8, but a word list has no NUL: UTF-16 without a BOM, or binary) */
    size_t line = 1;
    for (const char *q = data; q < nul; q++)
      line += *q == '\n';
    free(data);
    return set_msg(sp, PADAN_EUTF8,
                   "%s:%zu: NUL byte: a UTF-16 file without a byte-order mark, or not text? "
                   "padan reads word lists in UTF-8 (convert it: iconv -f UTF-16LE -t UTF-8, "
                   "or UTF-16BE)", path, line);
  }
  size_t ok = pd_utf8_valid_prefix(data, len);
  if (ok != len) {
    /* a word list is UTF-8: another encoding is named, with its conversion */
    const unsigned char *u = (const unsigned char *)data;
    int bom16 = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
    int w = len >= 4 && u[0] == 0xFF && !u[2] && !u[3] ? 32 : 16;
    size_t line = 1;
    for (size_t i = 0; i < ok; i++)
      line += data[i] == '\n';
    unsigned bad = u[ok];
    free(data);
    if (bom16)
      return set_msg(sp, PADAN_EUTF8,
                     "%s: a UTF-%d word list: padan reads word lists in UTF-8 (convert it: "
                     "iconv -f UTF-%d -t UTF-8)", path, w, w);
    return set_msg(sp, PADAN_EUTF8,
                   "%s:%zu: invalid UTF-8 (byte 0x%02X): padan reads word lists in UTF-8 (from "
                   "Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)", path, line, bad);
  }
  size_t i = 0, lineno = 0;
  rc = PADAN_OK;
  while (i < len && rc == PADAN_OK) {
    size_t e = i;
    while (e < len && data[e] != '\n')
      e++;
    lineno++;
    size_t n = e - i;
    if (n && data[i + n - 1] == '\r')
      n--;
    if (lineno == 1 && n >= 3 && memcmp(data + i, "\xef\xbb\xbf", 3) == 0)
      i += 3, n -= 3;
    size_t b = 0;
    while (b < n && (data[i + b] == ' ' || data[i + b] == '\t'))
      b++;
    if (b < n && data[i + b] != '#') {
      data[i + n] = '\0';
      rc = fn(sp, path, lineno, data + i, n);
    }
    i = e + 1;
  }
  free(data);
  cache_clear(sp);
  return rc;
}

static void trim(char **s, size_t *n) {
  while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
    (*n)--;
}

static int words_line(padan_speller *sp, const char *path, size_t lineno, char *line, size_t n) {
  (void)path, (void)lineno;
  char *tab = memchr(line, '\t', n); /* "word<TAB>anything" also works */
  if (tab)
    n = (size_t)(tab - line);
  trim(&line, &n);
  /* a Hunspell-style "word/FLAGS" entry: the word only */
  char *slash = memchr(line, '/', n);
  if (slash && slash > line)
    n = (size_t)(slash - line);
  return add_extra(sp, line, n, XW_WORD) ? set_msg(sp, PADAN_ENOMEM, "out of memory") : PADAN_OK;
}

int padan_speller_load_words(padan_speller *sp, const char *path) {
  return each_line(sp, path, words_line);
}

/* Is the code point at s a letter, a mark, or an apostrophe/hyphen inside a word? */
static int is_letter_cp(int32_t cp) {
  if (cp < 0)
    return 0;
  if (cp < 0x80)
    return pd_is_ascii_alpha(cp);
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

static int lex_line(padan_speller *sp, const char *path, size_t lineno, char *line, size_t n) {
  char *f[4];
  size_t nf = 0;
  char *p = line, *end = line + n;
  while (nf < 4) {
    f[nf++] = p;
    char *t = memchr(p, '\t', (size_t)(end - p));
    if (!t)
      break;
    p = t + 1;
  }
  if (nf < 3)
    return set_msg(sp, PADAN_EFORMAT, "%s:%zu: expected concept, lang, term", path, lineno);
  size_t langn = (size_t)(f[2] - 1 - f[1]);
  if (!(langn == 2 && strncasecmp(f[1], "id", 2) == 0)) /* tags are case-insensitive */
    return PADAN_OK;
  char *term = f[2];
  char *tend = nf > 3 ? f[3] - 1 : end;
  /* words of the term: runs of letters, apostrophes and inner hyphens */
  size_t i = 0, tn = (size_t)(tend - term);
  while (i < tn) {
    size_t b = i;
    int digit = 0;
    while (i < tn && term[i] != ' ') {
      digit |= pd_is_ascii_digit((unsigned char)term[i]);
      i++;
    }
    size_t s = b, e = i;
    while (s < e) { /* strip edge punctuation */
      int32_t cp;
      int k = pd_utf8_next(term + s, e - s, &cp);
      if (is_letter_cp(cp))
        break;
      s += (size_t)k;
    }
    while (e > s) {
      size_t q = e - 1;
      while (q > s && ((unsigned char)term[q] & 0xC0) == 0x80)
        q--;
      int32_t cp;
      pd_utf8_next(term + q, e - q, &cp);
      if (is_letter_cp(cp))
        break;
      e = q;
    }
    if (e > s && !digit) {
      /* a hyphenated term word is known whole and by its parts */
      if (add_extra(sp, term + s, e - s, XW_WORD | XW_LEX))
        return set_msg(sp, PADAN_ENOMEM, "out of memory");
      size_t ps = s;
      for (size_t q = s; q <= e; q++)
        if (q == e || term[q] == '-') {
          if (q > ps && (ps != s || q != e) && add_extra(sp, term + ps, q - ps, XW_WORD))
            return set_msg(sp, PADAN_ENOMEM, "out of memory");
          ps = q + 1;
        }
    }
    while (i < tn && term[i] == ' ')
      i++;
  }
  return PADAN_OK;
}

/* A minimal reader of dicts/lexicon.tsv (the lexicon module will offer an API). */
int padan_speller_load_lexicon(padan_speller *sp, const char *path) {
  return each_line(sp, path, lex_line);
}

/* Interns the case-folded form of s[0..n) in map. */
static int intern_folded(pd_strmap *map, const char *s, size_t n, uint32_t *id) {
  pd_buf key;
  pd_buf_init(&key);
  int rc = fold(s, n, &key);
  if (!rc)
    rc = pd_strmap_intern(map, key.p ? key.p : "", key.len, id);
  pd_buf_free(&key);
  return rc;
}

static int nonstd_line(padan_speller *sp, const char *path, size_t lineno, char *line, size_t n) {
  char *tab = memchr(line, '\t', n);
  if (!tab)
    return set_msg(sp, PADAN_EFORMAT, "%s:%zu: expected nonstandard<TAB>standard", path, lineno);
  char *a = line, *b = tab + 1;
  size_t an = (size_t)(tab - line), bn = n - an - 1;
  char *tab2 = memchr(b, '\t', bn);
  if (tab2)
    bn = (size_t)(tab2 - b);
  trim(&a, &an);
  trim(&b, &bn);
  if (!an || !bn)
    return set_msg(sp, PADAN_EFORMAT, "%s:%zu: empty field", path, lineno);
  uint32_t id;
  if (intern_folded(&sp->nonstd, a, an, &id))
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  while (sp->nonstd_to.n < id)
    if (!pd_vec_push(&sp->nonstd_to))
      return set_msg(sp, PADAN_ENOMEM, "out of memory");
  char *to = pd_arena_strndup(&sp->nonstd.arena, b, bn);
  if (!to)
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  PD_VEC_AT(&sp->nonstd_to, const char *, id - 1) = to;
  return PADAN_OK;
}

int padan_speller_load_nonstandard(padan_speller *sp, const char *path) {
  return each_line(sp, path, nonstd_line);
}

static int freq_line(padan_speller *sp, const char *path, size_t lineno, char *line, size_t n) {
  char *tab = memchr(line, '\t', n);
  if (!tab)
    return set_msg(sp, PADAN_EFORMAT, "%s:%zu: expected word<TAB>count", path, lineno);
  size_t wn = (size_t)(tab - line);
  char *endp;
  unsigned long c = strtoul(tab + 1, &endp, 10);
  if (endp == tab + 1)
    return set_msg(sp, PADAN_EFORMAT, "%s:%zu: bad count", path, lineno);
  uint32_t id;
  if (intern_folded(&sp->freq, line, wn, &id))
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  int fresh = sp->freq_cnt.n < id;
  while (sp->freq_cnt.n < id)
    if (!pd_vec_push(&sp->freq_cnt) || !pd_vec_push(&sp->freq_form))
      return set_msg(sp, PADAN_ENOMEM, "out of memory");
  uint32_t *cnt = &PD_VEC_AT(&sp->freq_cnt, uint32_t, id - 1);
  const char **form = &PD_VEC_AT(&sp->freq_form, const char *, id - 1);
  if (fresh || c > *cnt) {
    const char *f = pd_arena_strndup(&sp->freq.arena, line, wn);
    if (!f)
      return set_msg(sp, PADAN_ENOMEM, "out of memory");
    if (!fresh && c <= *cnt) { /* keep the more frequent surface form */
    } else
      *form = f;
  }
  uint64_t sum = (uint64_t)*cnt + c;
  *cnt = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
  return PADAN_OK;
}

int padan_speller_load_freq(padan_speller *sp, const char *path) {
  return each_line(sp, path, freq_line);
}

/* ------------------------------------------------------------ checking */

static int extra_has(padan_speller *sp, const char *w, size_t n, pd_buf *tmp) {
  if (pd_strmap_find(&sp->extra, w, n))
    return 1;
  int cc = pd_spell_case(w, n);
  if (cc == CC_TITLE || cc == CC_UPPER) {
    pd_buf_clear(tmp);
    if (map_case(w, n, 0, 0, tmp) == PADAN_OK && pd_strmap_find(&sp->extra, tmp->p, tmp->len))
      return 1;
  }
  if (cc == CC_UPPER) {
    pd_buf_clear(tmp);
    if (map_case(w, n, 0, 0, tmp) == PADAN_OK) {
      pd_buf t2;
      pd_buf_init(&t2);
      int found = map_case(tmp->p, tmp->len, 1, 1, &t2) == PADAN_OK &&
                  pd_strmap_find(&sp->extra, t2.p, t2.len);
      pd_buf_free(&t2);
      if (found)
        return 1;
    }
  }
  return 0;
}

/* A single word (no hyphen), without clitic analysis. */
static int known_piece(padan_speller *sp, const char *w, size_t n) {
  pd_buf tmp;
  pd_buf_init(&tmp);
  int k = extra_has(sp, w, n, &tmp);
  pd_buf_free(&tmp);
  return k || hun_spell(sp, w, n);
}

static const char *const enclitics[] = {"nya", "lah", "kah", "pun", "ku", "mu", NULL};
static size_t nasal(char *out, const char *pre, const char *st, size_t n);

/* Clitics: [ku-|kau-] base [-ku|-mu|-nya] [-lah|-kah|-pun], the base known. */
static int known_morph(padan_speller *sp, const char *w, size_t n, int depth) {
  if (known_piece(sp, w, n))
    return 1;
  if (depth >= 2)
    return 0;
  static const char *const particles[] = {"lah", "kah", "pun", NULL};
  static const char *const possessives[] = {"nya", "ku", "mu", NULL};
  for (size_t p = 0; p <= 3; p++) { /* p == 3: no particle */
    size_t pn = p < 3 ? strlen(particles[p]) : 0;
    if (p < 3 && !(n >= pn + 3 && memcmp(w + n - pn, particles[p], pn) == 0))
      continue;
    size_t m = n - pn;
    if (p < 3 && known_piece(sp, w, m))
      return 1;
    for (size_t q = 0; possessives[q]; q++) {
      size_t qn = strlen(possessives[q]);
      if (m >= qn + 3 && memcmp(w + m - qn, possessives[q], qn) == 0 &&
          known_piece(sp, w, m - qn))
        return 1;
    }
  }
  if (depth == 0 && n >= 7 && n < 64) {
    /* Bound prefixes written solid, as KBBI writes them (antarangkatan,
     * pascaperang, nonblok): the rest must be a word of its own. */
    static const char *const bound[] = {"antar", "anti", "pasca", "pra", "non", "multi", "semi",
                                        "sub", "super", "ultra", "inter", "trans", "neo", "swa",
                                        "tuna", "kontra", "purna", "nir", "maha", NULL};
    for (size_t i = 0; bound[i]; i++) {
      size_t m = strlen(bound[i]);
      if (n >= m + 4 && pd_ascii_lower((unsigned char)w[0]) == bound[i][0] &&
          memcmp(w + 1, bound[i] + 1, m - 1) == 0 && known_morph(sp, w + m, n - m, 1))
        return 1;
    }
    /* The di- passive of a verb whose meN- active form is known (diratifikasi:
     * meratifikasi); di + a noun without such a verb (dirumah) stays unknown. */
    if (w[0] == 'd' && w[1] == 'i' && strchr("abcdefghijklmnoprstuvwyz", w[2])) {
      char act[80];
      size_t an = nasal(act, "me", w + 2, n - 2);
      if (hun_spell(sp, act, an))
        return 1;
    }
  }
  if (depth == 0) {
    static const char *const pro[] = {"kau", "ku", NULL};
    for (size_t i = 0; pro[i]; i++) {
      size_t m = strlen(pro[i]);
      if (n >= m + 3 && pd_ascii_lower((unsigned char)w[0]) == pro[i][0] &&
          memcmp(w + 1, pro[i] + 1, m - 1) == 0 && known_morph(sp, w + m, n - m, 1))
        return 1;
    }
  }
  return 0;
}

/* Bound forms written with a hyphen before a word (anti-Amerika, pasca-perang). */
static int bound_prefix(const char *w, size_t n) {
  static const char *const pre[] = {"anti", "non", "pra", "pasca", "pro", "se", "eks", "ex",
                                    "multi", "semi", "sub", "super", "ultra", "inter", "trans",
                                    "antar", "neo", "pan", "mini", "mega", "e", "co", "de", NULL};
  for (size_t i = 0; pre[i]; i++)
    if (strlen(pre[i]) == n) {
      size_t j = 0;
      while (j < n && pd_ascii_lower((unsigned char)w[j]) == pre[i][j])
        j++;
      if (j == n)
        return 1;
    }
  return 0;
}

static int has_digit(const char *w, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (pd_is_ascii_digit((unsigned char)w[i]))
      return 1;
  return 0;
}

static int ieq(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn)
    return 0;
  for (size_t i = 0; i < an; i++)
    if (pd_ascii_lower((unsigned char)a[i]) != pd_ascii_lower((unsigned char)b[i]))
      return 0;
  return 1;
}

/* Non-standard spelling: folded w, or w minus enclitics, is a key. On a match,
 * the standard form (case of w, enclitics kept) is appended to out. */
static int nonstd_of(padan_speller *sp, const char *w, size_t n, pd_buf *out) {
  if (!pd_strmap_count(&sp->nonstd))
    return 0;
  pd_buf key;
  pd_buf_init(&key);
  int found = 0;
  if (fold(w, n, &key) == PADAN_OK) {
    size_t kn = key.len;
    for (int pass = 0; pass < 4 && !found; pass++) {
      size_t suf = 0;
      if (pass > 0) { /* strip one enclitic (pass 1..3: the first that matches) */
        size_t hits = 0;
        for (size_t i = 0; enclitics[i]; i++) {
          size_t m = strlen(enclitics[i]);
          if (kn >= m + 3 && memcmp(key.p + kn - m, enclitics[i], m) == 0 && ++hits == (size_t)pass) {
            suf = m;
            break;
          }
        }
        if (!suf)
          break;
      }
      uint32_t id = pd_strmap_find(&sp->nonstd, key.p, kn - suf);
      if (id) {
        const char *to = PD_VEC_AT(&sp->nonstd_to, const char *, id - 1);
        if (out) {
          int cc = pd_spell_case(w, n);
          pd_buf t;
          pd_buf_init(&t);
          pd_buf_puts(&t, to);
          pd_buf_append(&t, key.p + kn - suf, suf);
          if (cc == CC_UPPER)
            map_case(t.p, t.len, 1, 0, out);
          else if (cc == CC_TITLE)
            map_case(t.p, t.len, 1, 1, out);
          else
            pd_buf_append(out, t.p, t.len);
          pd_buf_free(&t);
        }
        found = 1;
      }
    }
  }
  pd_buf_free(&key);
  return found;
}

/* Context-free status of a word; *capunk = every unknown part is capitalized. */
static int word_status(padan_speller *sp, const char *w, size_t n, int *capunk) {
  *capunk = 0;
  if (nonstd_of(sp, w, n, NULL))
    return ST_NONSTD;
  const char *hy = memchr(w, '-', n);
  if (!hy) {
    if (known_morph(sp, w, n, 0))
      return ST_KNOWN;
    int cc = pd_spell_case(w, n);
    *capunk = cc == CC_TITLE || cc == CC_UPPER || cc == CC_MIXED;
    return ST_UNKNOWN;
  }
  if (known_piece(sp, w, n)) /* whole hyphenated entries (lexicon, Hunspell) */
    return ST_KNOWN;
  struct {
    const char *s;
    size_t n;
  } part[MAX_PARTS];
  size_t np = 0, b = 0;
  for (size_t i = 0; i <= n; i++)
    if (i == n || w[i] == '-') {
      if (i > b) {
        if (np == MAX_PARTS)
          return ST_UNKNOWN;
        part[np].s = w + b, part[np].n = i - b, np++;
      }
      b = i + 1;
    }
  if (np == 0)
    return ST_KNOWN;
  int all_same = 1;
  for (size_t i = 1; i < np; i++)
    if (!ieq(part[0].s, part[0].n, part[i].s, part[i].n))
      all_same = 0;
  if (all_same && np > 1)
    np = 1; /* negara-negara: the base decides */
  int ok[MAX_PARTS];
  for (size_t i = 0; i < np; i++)
    ok[i] = known_morph(sp, part[i].s, part[i].n, 0) ||
            (i + 1 < np && bound_prefix(part[i].s, part[i].n)) || has_digit(part[i].s, part[i].n) ||
            (part[i].n >= 2 && pd_spell_case(part[i].s, part[i].n) == CC_UPPER);
  /* reduplication with a sound change: sayur-mayur, bolak-balik, gerak-gerik */
  if (np == 2 && (ok[0] != ok[1]) && part[0].n == part[1].n && part[0].n >= 3) {
    size_t diff = 0;
    for (size_t i = 0; i < part[0].n; i++)
      diff += pd_ascii_lower((unsigned char)part[0].s[i]) !=
              pd_ascii_lower((unsigned char)part[1].s[i]);
    if (diff <= 2)
      ok[0] = ok[1] = 1;
  }
  int all = 1, cap = 1;
  for (size_t i = 0; i < np; i++)
    if (!ok[i]) {
      all = 0;
      int cc = pd_spell_case(part[i].s, part[i].n);
      if (cc == CC_LOWER)
        cap = 0;
    }
  if (all)
    return ST_KNOWN;
  /* Ki-moon, Al-Qaeda: a compound that starts with a capital is a name's */
  *capunk = cap || pd_spell_case(part[0].s, part[0].n) != CC_LOWER;
  return ST_UNKNOWN;
}

/* Cached status; returns the cache id (0 on ENOMEM). */
static uint32_t cache_get(padan_speller *sp, const char *w, size_t n) {
  uint32_t id = pd_strmap_find(&sp->cache, w, n);
  if (id)
    return id;
  if (pd_strmap_count(&sp->cache) >= sp->o.cache_max)
    cache_clear(sp);
  int capunk;
  int st = word_status(sp, w, n, &capunk);
  if (pd_strmap_intern(&sp->cache, w, n, &id))
    return 0;
  centry *e = pd_vec_push(&sp->centries);
  if (!e)
    return 0;
  e->st = (uint8_t)st;
  e->capunk = (uint8_t)capunk;
  return id;
}

#define CENTRY(sp, id) (&PD_VEC_AT(&(sp)->centries, centry, (id)-1))

int padan_speller_check_word(padan_speller *sp, const char *word, size_t len, int *kind) {
  *kind = PADAN_SPELL_OK;
  if (!sp->hs)
    return set_msg(sp, PADAN_EDICT, "no dictionary loaded");
  if (pd_utf8_valid_prefix(word, len) != len)
    return set_msg(sp, PADAN_EUTF8, "invalid UTF-8 in a word");
  uint32_t id = cache_get(sp, word, len);
  if (!id)
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  centry *e = CENTRY(sp, id);
  if (e->st == ST_NONSTD)
    *kind = PADAN_SPELL_NONSTANDARD;
  else if (e->st == ST_UNKNOWN)
    *kind = e->capunk ? PADAN_SPELL_NAME : PADAN_SPELL_MISSPELLED;
  return PADAN_OK;
}

/* ------------------------------------------------------------ suggestions */

/* word_status(w) == ST_KNOWN, remembered. */
static int verified_known(padan_speller *sp, const char *w, size_t n) {
  uint32_t id = pd_strmap_find(&sp->vcache, w, n);
  if (id)
    return PD_VEC_AT(&sp->vknown, uint8_t, id - 1);
  int capunk, known = known_piece(sp, w, n);
  if (!known) { /* the full analysis only for forms that may carry a clitic or a hyphen */
    int maybe = memchr(w, '-', n) != NULL || (n >= 3 && (w[0] == 'k' || w[0] == 'K'));
    for (size_t i = 0; !maybe && enclitics[i]; i++) {
      size_t m = strlen(enclitics[i]);
      maybe = n >= m + 3 && memcmp(w + n - m, enclitics[i], m) == 0;
    }
    known = maybe && word_status(sp, w, n, &capunk) == ST_KNOWN;
  }
  if (pd_strmap_count(&sp->vcache) >= sp->o.cache_max) {
    pd_strmap_free(&sp->vcache);
    pd_vec_free(&sp->vknown);
    pd_strmap_init(&sp->vcache);
    pd_vec_init(&sp->vknown, 1);
  }
  uint8_t *k;
  if (!pd_strmap_intern(&sp->vcache, w, n, &id) && (k = pd_vec_push(&sp->vknown)))
    *k = (uint8_t)known;
  return known;
}

typedef struct {
  char *s;
  double cost;  /* weighted edit distance */
  double score; /* lower is better */
  int own;      /* found by padan's edits (else Hunspell or the lexicon) */
} cand;

static const char *const kb_rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

static int kb_pos(int c, double *x, int *row) {
  for (int r = 0; r < 3; r++) {
    const char *p = strchr(kb_rows[r], c);
    if (p && c) {
      *row = r;
      *x = (double)(p - kb_rows[r]) + (r == 1 ? 0.25 : r == 2 ? 0.75 : 0.0);
      return 1;
    }
  }
  return 0;
}

static int kb_adjacent(int a, int b) {
  double xa, xb;
  int ra, rb;
  if (!kb_pos(a, &xa, &ra) || !kb_pos(b, &xb, &rb))
    return 0;
  return abs(ra - rb) <= 1 && fabs(xa - xb) <= 1.0;
}

static int is_vowel(int c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

#define COST_TRANSPOSE 0.7
#define COST_SUB_NEAR 0.8
#define COST_SUB_VOWEL 0.85
#define COST_INS 0.9
#define COST_DEL 1.0
#define COST_DOUBLE 0.6 /* inserting or deleting a doubled letter */

static float sub_table[128][128];
static int sub_ready;

static void sub_init(void) {
  for (int a = 0; a < 128; a++)
    for (int b = 0; b < 128; b++)
      sub_table[a][b] = a == b                        ? 0.0f
                        : kb_adjacent(a, b)           ? (float)COST_SUB_NEAR
                        : is_vowel(a) && is_vowel(b) ? (float)COST_SUB_VOWEL
                                                      : 1.0f;
  sub_ready = 1;
}

static double sub_cost(int a, int b) {
  if (a == b)
    return 0;
  if (a < 128 && b < 128)
    return sub_table[a][b];
  return 1.0;
}

/* Weighted Damerau-Levenshtein (optimal string alignment) on bytes of the
 * folded forms: a = what was typed, b = candidate. */
double pd_spell_distance(const char *a, size_t an, const char *b, size_t bn) {
  if (an > 60 || bn > 60)
    return 99.0;
  if (!sub_ready)
    sub_init();
  double d[62][62];
  for (size_t i = 0; i <= an; i++)
    d[i][0] = (double)i * COST_DEL;
  for (size_t j = 0; j <= bn; j++)
    d[0][j] = (double)j * COST_INS;
  for (size_t i = 1; i <= an; i++)
    for (size_t j = 1; j <= bn; j++) {
      int ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
      /* typed a has an extra letter: delete it */
      double del = (i >= 2 && a[i - 2] == a[i - 1]) ? COST_DOUBLE : COST_DEL;
      /* typed a lacks b's letter: insert it */
      double ins = (j >= 2 && b[j - 2] == b[j - 1]) ? COST_DOUBLE : COST_INS;
      double v = d[i - 1][j] + del;
      double t = d[i][j - 1] + ins;
      if (t < v)
        v = t;
      t = d[i - 1][j - 1] + sub_cost(ca, cb);
      if (t < v)
        v = t;
      if (i >= 2 && j >= 2 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && ca != cb) {
        t = d[i - 2][j - 2] + COST_TRANSPOSE;
        if (t < v)
          v = t;
      }
      d[i][j] = v;
    }
  return d[an][bn];
}

typedef struct {
  pd_vec v;        /* cand */
  pd_strmap seen;  /* folded forms */
  int morph_pass;  /* 0: frequency table and word lists; 1: affixed .dic forms only */
} candset;

static uint32_t freq_of(padan_speller *sp, const char *folded, size_t n) {
  uint32_t id = pd_strmap_find(&sp->freq, folded, n);
  return id ? PD_VEC_AT(&sp->freq_cnt, uint32_t, id - 1) : 0;
}

/* Adds a candidate (its form as given) if new and accepted. */
static int cand_add(padan_speller *sp, candset *cs, const char *typed_fold, size_t tn, const char *form,
                    size_t fn, int own, int verify, double penalty) {
  pd_buf f;
  pd_buf_init(&f);
  int rc = fold(form, fn, &f);
  if (rc || !f.len || (f.len == tn && memcmp(f.p, typed_fold, tn) == 0)) {
    pd_buf_free(&f);
    return rc;
  }
  if (pd_strmap_find(&cs->seen, f.p, f.len)) {
    pd_buf_free(&f);
    return PADAN_OK;
  }
  if (verify && !verified_known(sp, form, fn)) {
    pd_buf_free(&f);
    return PADAN_OK;
  }
  uint32_t sid;
  if (pd_strmap_intern(&cs->seen, f.p, f.len, &sid)) {
    pd_buf_free(&f);
    return PADAN_ENOMEM;
  }
  cand *c = pd_vec_push(&cs->v);
  if (!c) {
    pd_buf_free(&f);
    return PADAN_ENOMEM;
  }
  c->s = malloc(fn + 1);
  if (!c->s) {
    cs->v.n--;
    pd_buf_free(&f);
    return PADAN_ENOMEM;
  }
  memcpy(c->s, form, fn);
  c->s[fn] = '\0';
  c->own = own;
  c->cost = pd_spell_distance(typed_fold, tn, f.p, f.len);
  double fr = (double)freq_of(sp, f.p, f.len);
  c->score = c->cost - 0.16 * log10(1.0 + fr) + (own ? 0.0 : 0.05) + penalty;
  pd_buf_free(&f);
  return PADAN_OK;
}

/* Looks up one edit of the folded word in the frequency table and the word lists. */
/* A blocked filter: both bits of a word in the same 64-bit cell (one memory access). */
static uint64_t morph_mask(uint32_t h) {
  uint32_t g = h * 0x9E3779B1u;
  return ((uint64_t)1 << (g >> 26)) | ((uint64_t)1 << ((g >> 20) & 63)) |
         ((uint64_t)1 << ((g >> 14) & 63));
}

static void morph_set(uint64_t *bits, const char *s, size_t n) {
  uint32_t h = pd_hash(s, n);
  bits[h & (MORPH_BITS / 64 - 1)] |= morph_mask(h);
}

static int morph_has(const uint64_t *bits, const char *s, size_t n) {
  uint32_t h = pd_hash(s, n);
  uint64_t m = morph_mask(h);
  return (bits[h & (MORPH_BITS / 64 - 1)] & m) == m;
}

/* meN-/peN- with the nasal that fits the stem (kirim -> mengirim, pakai -> memakai). */
static size_t nasal(char *out, const char *pre, const char *st, size_t n) {
  size_t k = strlen(pre);
  memcpy(out, pre, k);
  char c = st[0];
  const char *add = "";
  size_t drop = 0;
  if (strchr("aeioughx", c))
    add = "ng";
  else if (c == 'k')
    add = "ng", drop = 1;
  else if (c == 'b' || c == 'f' || c == 'v')
    add = "m";
  else if (c == 'p')
    add = "m", drop = 1;
  else if (c == 'c' || c == 'd' || c == 'j' || c == 'z')
    add = "n";
  else if (c == 't')
    add = "n", drop = 1;
  else if (c == 's')
    add = "ny", drop = 1;
  size_t a = strlen(add);
  memcpy(out + k, add, a);
  memcpy(out + k + a, st + drop, n - drop);
  return k + a + n - drop;
}

static void morph_build(padan_speller *sp) {
  sp->morph_ready = 1;
  if (!sp->dic_path)
    return;
  char *data;
  size_t len;
  if (pd_read_file(sp->dic_path, &data, &len))
    return;
  if (!sp->morph)
    sp->morph = calloc(MORPH_BITS / 64, sizeof(uint64_t));
  if (!sp->morph) {
    free(data);
    return;
  }
  /* prefix, nasal (meN-/peN-), the suffixes it takes (bit 0 none, 1 -kan, 2 -i,
   * 3 -an) and the affix family the stem's flags must include (id_ID uses
   * two-letter flags whose first letter names the family: D di-, B ber-, ...) */
  static const struct {
    const char *pre;
    int nasal;
    unsigned sufs;
    char fam;
  } combo[] = {{"", 0, 15, 0},     {"di", 0, 7, 'D'},     {"ber", 0, 11, 'B'}, {"ter", 0, 7, 'T'},
               {"se", 0, 1, 'S'},  {"per", 0, 15, 'R'},   {"memper", 0, 6, 'M'},
               {"diper", 0, 6, 'D'}, {"me", 1, 7, 'M'},  {"pe", 1, 9, 'P'},  {"ke", 0, 8, 'K'}};
  static const char *const sufs[] = {"", "kan", "i", "an"};
  static const size_t suflen[] = {0, 3, 1, 2};
  char st[64], form[160];
  size_t i = 0;
  while (i < len) {
    size_t e = i, n = 0, q = i;
    int ok = 1;
    while (e < len && data[e] != '\n')
      e++;
    for (; q < e && data[q] != '/' && data[q] != '\t' && data[q] != ' ' && data[q] != '\r'; q++) {
      unsigned char c = (unsigned char)data[q];
      if (!(c >= 'a' && c <= 'z') || n + 1 >= sizeof st)
        ok = 0;
      else
        st[n++] = (char)c;
    }
    uint64_t fam = 0; /* first letters of the flags, 'A'..'z' -> bits */
    if (q < e && data[q] == '/')
      for (q++; q + 1 < e + 1 && q < e && (unsigned char)data[q] > ' '; q += 2)
        if (data[q] >= 'A' && data[q] <= 'z')
          fam |= (uint64_t)1 << (data[q] - 'A');
    i = e + 1;
    if (!ok || n < 2)
      continue;
    for (size_t si = 0; si < 4; si++) {
      char base[80];
      memcpy(base, st, n);
      memcpy(base + n, sufs[si], suflen[si]);
      size_t bn = n + suflen[si];
      for (size_t c = 0; c < sizeof combo / sizeof combo[0]; c++) {
        if (!(combo[c].sufs >> si & 1))
          continue;
        if (combo[c].fam && !(fam >> (combo[c].fam - 'A') & 1))
          continue;
        if (!combo[c].fam && si && !fam)
          continue; /* a stem without flags takes no suffix */
        size_t m;
        if (combo[c].nasal) {
          m = nasal(form, combo[c].pre, base, bn);
        } else {
          size_t pl = strlen(combo[c].pre);
          if (c == 2 && st[0] == 'r')
            pl = 2; /* be-rakit */
          memcpy(form, combo[c].pre, pl);
          memcpy(form + pl, base, bn);
          m = pl + bn;
        }
        morph_set(sp->morph, form, m);
      }
    }
  }
  free(data);
}

static int try_edit(padan_speller *sp, candset *cs, const char *typed, size_t tn, const char *e,
                    size_t en) {
  if (cs->morph_pass)
    return sp->morph && morph_has(sp->morph, e, en) ? cand_add(sp, cs, typed, tn, e, en, 1, 1, 0.0)
                                                    : PADAN_OK;
  uint32_t id = pd_strmap_find(&sp->freq, e, en);
  if (id) {
    const char *form = PD_VEC_AT(&sp->freq_form, const char *, id - 1);
    size_t fl = strlen(form);
    size_t before = cs->v.n;
    int rc = PADAN_OK;
    /* "Selatan" is mostly written with a capital, but "selatan" is a word too */
    if (pd_spell_case(form, fl) != CC_LOWER && pd_spell_case(typed, tn) == CC_LOWER)
      rc = cand_add(sp, cs, typed, tn, e, en, 1, 1, 0.0);
    if (!rc && cs->v.n == before)
      rc = cand_add(sp, cs, typed, tn, form, fl, 1, 1, 0.0);
    if (rc)
      return rc;
  }
  if (pd_strmap_find(&sp->extra, e, en)) {
    if (en <= MAX_WORD && pd_spell_case(e, en) != CC_LOWER && pd_spell_case(typed, tn) == CC_LOWER) {
      char low[MAX_WORD + 1];
      size_t before = cs->v.n;
      for (size_t i = 0; i < en; i++)
        low[i] = (char)pd_ascii_lower((unsigned char)e[i]);
      int rc = cand_add(sp, cs, typed, tn, low, en, 1, 1, 0.0);
      if (rc || cs->v.n > before)
        return rc;
    }
    return cand_add(sp, cs, typed, tn, e, en, 1, 0, 0.0);
  }
  return PADAN_OK;
}

static int del_add(padan_speller *sp, const char *k, size_t n, uint32_t ref) {
  uint32_t kid;
  if (pd_strmap_intern(&sp->delkeys, k, n, &kid))
    return PADAN_ENOMEM;
  while (sp->delhead.n < kid)
    if (!pd_vec_push(&sp->delhead))
      return PADAN_ENOMEM;
  uint32_t *head = &PD_VEC_AT(&sp->delhead, uint32_t, kid - 1);
  if (*head && PD_VEC_AT(&sp->delent, uint32_t, (*head - 1) * 2) == ref)
    return PADAN_OK; /* "aa" minus either a */
  uint32_t *e = pd_vec_push(&sp->delent), *nx = pd_vec_push(&sp->delent);
  if (!e || !nx)
    return PADAN_ENOMEM;
  head = &PD_VEC_AT(&sp->delhead, uint32_t, kid - 1);
  *e = ref;
  *nx = *head;
  *head = (uint32_t)(sp->delent.n / 2);
  return PADAN_OK;
}

static int del_build(padan_speller *sp) {
  sp->del_ready = 1;
  const pd_strmap *maps[2] = {&sp->freq, &sp->extra};
  char buf[MAX_WORD + 2];
  for (int m = 0; m < 2; m++)
    for (uint32_t id = 1; id <= pd_strmap_count(maps[m]); id++) {
      size_t n;
      const char *s = pd_strmap_str(maps[m], id, &n);
      if (n < 2 || n > MAX_WORD)
        continue;
      for (size_t i = 0; i < n; i++)
        buf[i] = (char)pd_ascii_lower((unsigned char)s[i]);
      uint32_t ref = id | (m ? 0x80000000u : 0);
      if (del_add(sp, buf, n, ref))
        return PADAN_ENOMEM;
      for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        memmove(buf + i, buf + i + 1, n - i - 1);
        int rc = del_add(sp, buf, n - 1, ref);
        memmove(buf + i + 1, buf + i, n - i - 1);
        buf[i] = c;
        if (rc)
          return rc;
      }
    }
  return PADAN_OK;
}

/* Known words one edit from w (folded, ASCII) through the deletion index. */
static int pool_lookup(padan_speller *sp, candset *cs, const char *w, size_t n) {
  char buf[MAX_WORD + 2], key[MAX_WORD + 2];
  int rc = PADAN_OK;
  if (!sp->del_ready && (rc = del_build(sp)))
    return rc;
  for (size_t i = 0; i <= n && !rc; i++) {
    size_t bn = n;
    memcpy(buf, w, n);
    if (i < n) { /* w minus letter i; i == n: w itself */
      if (i > 0 && w[i] == w[i - 1])
        continue;
      memmove(buf + i, buf + i + 1, n - i - 1);
      bn = n - 1;
    }
    uint32_t kid = pd_strmap_find(&sp->delkeys, buf, bn);
    for (uint32_t e = kid ? PD_VEC_AT(&sp->delhead, uint32_t, kid - 1) : 0; e && !rc;
         e = PD_VEC_AT(&sp->delent, uint32_t, (e - 1) * 2 + 1)) {
      uint32_t ref = PD_VEC_AT(&sp->delent, uint32_t, (e - 1) * 2);
      size_t kn;
      const char *k = (ref & 0x80000000u) ? pd_strmap_str(&sp->extra, ref & 0x7fffffffu, &kn)
                                          : pd_strmap_str(&sp->freq, ref, &kn);
      if (kn > MAX_WORD || (kn == n && memcmp(k, w, n) == 0))
        continue;
      for (size_t q = 0; q < kn; q++)
        key[q] = (char)pd_ascii_lower((unsigned char)k[q]);
      if (pd_spell_distance(w, n, key, kn) > 1.0)
        continue;
      rc = try_edit(sp, cs, w, n, (ref & 0x80000000u) ? k : key, kn);
    }
  }
  return rc;
}

static int edits1(padan_speller *sp, candset *cs, const char *w, size_t n, int split) {
  char buf[MAX_WORD + 2];
  if (n + 1 > MAX_WORD)
    return PADAN_OK;
  if (cs->morph_pass && !sp->morph_ready)
    morph_build(sp);
  int rc = PADAN_OK;
  if (!cs->morph_pass) {
    rc = pool_lookup(sp, cs, w, n);
    goto split_words;
  }
  for (size_t i = 0; i < n && !rc; i++) { /* deletion */
    memcpy(buf, w, i);
    memcpy(buf + i, w + i + 1, n - i - 1);
    rc = try_edit(sp, cs, w, n, buf, n - 1);
  }
  for (size_t i = 0; i + 1 < n && !rc; i++) { /* transposition */
    if (w[i] == w[i + 1])
      continue;
    memcpy(buf, w, n);
    buf[i] = w[i + 1], buf[i + 1] = w[i];
    rc = try_edit(sp, cs, w, n, buf, n);
  }
  for (size_t i = 0; i < n && !rc; i++) /* substitution */
    for (int c = 'a'; c <= 'z' && !rc; c++) {
      if (c == w[i])
        continue;
      memcpy(buf, w, n);
      buf[i] = (char)c;
      rc = try_edit(sp, cs, w, n, buf, n);
    }
  for (size_t i = 0; i <= n && !rc; i++) /* insertion */
    for (int c = 'a'; c <= 'z' && !rc; c++) {
      memcpy(buf, w, i);
      buf[i] = (char)c;
      memcpy(buf + i + 1, w + i, n - i);
      rc = try_edit(sp, cs, w, n, buf, n + 1);
    }
split_words:
  if (!rc && split)
    for (size_t i = 1; i + 1 < n && !rc; i++) { /* a missing hyphen or space: two words */
      /* both parts in the frequency table or word lists first (cheap), then confirmed */
      if (i >= 2 && n - i >= 3 &&
          (pd_strmap_find(&sp->freq, w, i) || pd_strmap_find(&sp->extra, w, i)) &&
          (pd_strmap_find(&sp->freq, w + i, n - i) || pd_strmap_find(&sp->extra, w + i, n - i)) &&
          verified_known(sp, w, i) && verified_known(sp, w + i, n - i)) {
        memcpy(buf, w, i);
        buf[i] = ' ';
        memcpy(buf + i + 1, w + i, n - i);
        rc = cand_add(sp, cs, w, n, buf, n + 1, 0, 0, 0.6);
      }
    }
  return rc;
}

static int cand_cmp(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->score < y->score)
    return -1;
  if (x->score > y->score)
    return 1;
  return strcmp(x->s, y->s);
}

/* Letters a word has that the other lacks (a cheap lower bound on edits). */
static int letter_gap(const unsigned char *ca, const char *b, size_t bn) {
  unsigned char cb[32];
  memset(cb, 0, sizeof cb);
  for (size_t i = 0; i < bn; i++)
    cb[(unsigned char)b[i] & 31]++;
  int more = 0, less = 0;
  for (int i = 0; i < 32; i++)
    if (ca[i] > cb[i])
      more += ca[i] - cb[i];
    else
      less += cb[i] - ca[i];
  return more > less ? more : less;
}

/* Computes and caches the suggestions of cache entry id (word w). With
 * near_only, only looks for a known word one edit away (entry->near). */
static int suggest_entry(padan_speller *sp, uint32_t id, const char *w, size_t n, int near_only) {
  candset cs;
  pd_vec_init(&cs.v, sizeof(cand));
  pd_strmap_init(&cs.seen);
  cs.morph_pass = 0;
  pd_buf typed, out, tmp;
  pd_buf_init(&typed);
  pd_buf_init(&out);
  pd_buf_init(&tmp);
  int rc = fold(w, n, &typed);
  int st = CENTRY(sp, id)->st;
  int near = 0;
  if (!rc && st == ST_NONSTD) {
    rc = nonstd_of(sp, w, n, &tmp) ? cand_add(sp, &cs, typed.p, typed.len, tmp.p, tmp.len, 1, 0, -100.0)
                                   : PADAN_OK;
  }
  if (!rc && st == ST_UNKNOWN) {
    int ascii = 1;
    for (size_t i = 0; i < typed.len; i++)
      if ((unsigned char)typed.p[i] >= 0x80 || typed.p[i] == '-' || typed.p[i] == '\'')
        ascii = 0;
    if (ascii)
      rc = edits1(sp, &cs, typed.p, typed.len, !near_only);
    int close = 0;
    for (size_t i = 0; i < cs.v.n; i++)
      close += PD_VEC_AT(&cs.v, cand, i).cost <= 1.0;
    if (ascii && !rc && !near_only && close < 2) { /* few close words known: try affixed forms */
      cs.morph_pass = 1;
      rc = edits1(sp, &cs, typed.p, typed.len, 0);
      cs.morph_pass = 0;
    }
    close = 0;
    for (size_t i = 0; i < cs.v.n; i++)
      close += PD_VEC_AT(&cs.v, cand, i).cost <= 1.0;
    /* karysanya: correct the base of a clitic form, keep the clitic */
    for (size_t k = 0; ascii && !rc && !near_only && close == 0 && enclitics[k]; k++) {
      size_t m = strlen(enclitics[k]);
      if (typed.len < m + 4 || memcmp(typed.p + typed.len - m, enclitics[k], m) != 0)
        continue;
      candset cb;
      pd_vec_init(&cb.v, sizeof(cand));
      pd_strmap_init(&cb.seen);
      cb.morph_pass = 0;
      size_t bn = typed.len - m;
      rc = edits1(sp, &cb, typed.p, bn, 0);
      if (!rc) {
        cb.morph_pass = 1;
        rc = edits1(sp, &cb, typed.p, bn, 0);
      }
      for (size_t i = 0; i < cb.v.n; i++) {
        cand *c = &PD_VEC_AT(&cb.v, cand, i);
        if (!rc && c->cost <= 1.0) {
          pd_buf_clear(&tmp);
          if (!(rc = pd_buf_puts(&tmp, c->s)) && !(rc = pd_buf_puts(&tmp, enclitics[k])))
            rc = cand_add(sp, &cs, typed.p, typed.len, tmp.p, tmp.len, 1, 0, 0.0);
        }
        free(c->s);
      }
      pd_vec_free(&cb.v);
      pd_strmap_free(&cb.seen);
      break;
    }
    for (size_t i = 0; i < cs.v.n; i++)
      if (PD_VEC_AT(&cs.v, cand, i).own && PD_VEC_AT(&cs.v, cand, i).cost <= 1.0)
        near = 1;
    if (near_only)
      goto store_near;
    unsigned char tl[32];
    memset(tl, 0, sizeof tl);
    for (size_t i = 0; i < typed.len; i++)
      tl[(unsigned char)typed.p[i] & 31]++;
    /* lexicon words within two edits: a misspelled name gets the lexicon's spelling */
    uint32_t tmask = 0;
    for (size_t i = 0; i < typed.len; i++)
      tmask |= (uint32_t)1 << ((unsigned char)typed.p[i] & 31);
    for (size_t i = 0; !rc && i + 1 < sp->lexwords.n; i += 2) {
      uint32_t lid = PD_VEC_AT(&sp->lexwords, uint32_t, i);
      uint32_t x = tmask ^ PD_VEC_AT(&sp->lexwords, uint32_t, i + 1);
      int bits = 0;
      for (; x && bits <= 4; x &= x - 1)
        bits++;
      if (bits > 4)
        continue;
      size_t ln;
      const char *ls = pd_strmap_str(&sp->extra, lid, &ln);
      if (ln + 2 < typed.len || typed.len + 2 < ln || letter_gap(tl, ls, ln) > 3)
        continue;
      rc = fold(ls, ln, &tmp);
      if (!rc && pd_spell_distance(typed.p, typed.len, tmp.p, tmp.len) <= 2.0)
        rc = cand_add(sp, &cs, typed.p, typed.len, ls, ln, 0, 0, 0.0);
    }
    int mode = sp->o.hunspell_suggest;
    int nown = 0;
    for (size_t i = 0; i < cs.v.n; i++)
      nown += PD_VEC_AT(&cs.v, cand, i).cost <= 2.0;
    if (!rc && sp->hs && st == ST_UNKNOWN &&
        (mode == PADAN_SPELL_HUNSUGG_ALWAYS || (mode == PADAN_SPELL_HUNSUGG_FALLBACK && nown == 0)) &&
        n <= MAX_WORD && to_dic(sp, w, n)) {
      char **sl = NULL;
      int ns = Hunspell_suggest(sp->hs, &sl, sp->conv.p);
      for (int i = 0; i < ns && !rc; i++) {
        pd_buf_clear(&tmp);
        if (from_dic(sp, sl[i], &tmp) == PADAN_OK)
          rc = cand_add(sp, &cs, typed.p, typed.len, tmp.p, tmp.len, 0, 0, 0.01 * i);
      }
      if (sl)
        Hunspell_free_list(sp->hs, &sl, ns);
    }
  }
  if (near_only) {
  store_near:
    if (!rc) {
      centry *e = CENTRY(sp, id);
      e->near = (uint8_t)near;
      e->near_done = 1;
    }
    goto cleanup;
  }
  if (cs.v.n > 1)
    qsort(cs.v.p, cs.v.n, sizeof(cand), cand_cmp);
  size_t maxs = sp->o.max_suggest < 0 ? 0 : (size_t)sp->o.max_suggest;
  size_t keep = cs.v.n < maxs ? cs.v.n : maxs;
  const char **list = NULL;
  if (!rc && keep) {
    list = pd_arena_alloc(&sp->cache_arena, keep * sizeof *list);
    if (!list)
      rc = PADAN_ENOMEM;
  }
  int cc = pd_spell_case(w, n);
  for (size_t i = 0; !rc && i < keep; i++) {
    const char *s = PD_VEC_AT(&cs.v, cand, i).s;
    pd_buf_clear(&out);
    if (cc == CC_UPPER)
      rc = map_case(s, strlen(s), 1, 0, &out);
    else if (cc == CC_TITLE)
      rc = map_case(s, strlen(s), 1, 1, &out);
    else
      rc = pd_buf_puts(&out, s);
    if (!rc) {
      list[i] = pd_arena_strndup(&sp->cache_arena, out.p ? out.p : "", out.len);
      if (!list[i])
        rc = PADAN_ENOMEM;
    }
  }
  if (!rc) {
    centry *e = CENTRY(sp, id);
    e->sugg = list;
    e->nsugg = (uint32_t)keep;
    e->sugg_done = 1;
    e->near = (uint8_t)near;
    e->near_done = 1;
  }
cleanup:
  for (size_t i = 0; i < cs.v.n; i++)
    free(PD_VEC_AT(&cs.v, cand, i).s);
  pd_vec_free(&cs.v);
  pd_strmap_free(&cs.seen);
  pd_buf_free(&typed);
  pd_buf_free(&out);
  pd_buf_free(&tmp);
  return rc;
}

int padan_speller_suggest(padan_speller *sp, const char *word, size_t len, const char *const **list,
                          size_t *n) {
  *list = NULL, *n = 0;
  if (!sp->hs)
    return set_msg(sp, PADAN_EDICT, "no dictionary loaded");
  if (pd_utf8_valid_prefix(word, len) != len)
    return set_msg(sp, PADAN_EUTF8, "invalid UTF-8 in a word");
  uint32_t id = cache_get(sp, word, len);
  if (!id)
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  centry *e = CENTRY(sp, id);
  if (!e->sugg_done) {
    /* a known word still gets its neighbours (as Hunspell's API does) */
    int st = e->st;
    if (st == ST_KNOWN)
      e->st = ST_UNKNOWN;
    int rc = suggest_entry(sp, id, word, len, 0);
    CENTRY(sp, id)->st = (uint8_t)st;
    if (rc)
      return set_msg(sp, rc, "out of memory");
    e = CENTRY(sp, id);
  }
  *list = e->sugg;
  *n = e->nsugg;
  return PADAN_OK;
}

/* ------------------------------------------------------------ text */

/* Trims characters that are not letters or digits from both ends. */
static void trim_word(const char *text, size_t *s, size_t *e) {
  while (*s < *e) {
    int32_t cp;
    int k = pd_utf8_next(text + *s, *e - *s, &cp);
    if (is_letter_cp(cp) || (cp >= '0' && cp <= '9'))
      break;
    *s += (size_t)k;
  }
  while (*e > *s) {
    size_t q = *e - 1;
    while (q > *s && ((unsigned char)text[q] & 0xC0) == 0x80)
      q--;
    int32_t cp;
    pd_utf8_next(text + q, *e - q, &cp);
    if (is_letter_cp(cp) || (cp >= '0' && cp <= '9'))
      break;
    *e = q;
  }
}

/* Not a word to check: digits, URL/e-mail/domain characters. */
static int not_a_word(const char *w, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    if (pd_is_ascii_digit((unsigned char)c) || c == '@' || c == '/' || c == '.' || c == ':' ||
        c == '_' || c == '#' || c == '=' || c == '&')
      return 1;
  }
  return 0;
}

typedef struct {
  size_t s, e;
  uint8_t st, capunk, sent_start, upper;
} tokinfo;

int padan_speller_check_text(padan_speller *sp, const char *text, size_t len, size_t base,
                             const padan_tokens *toks, padan_spell_cb cb, void *user) {
  if (!sp->hs)
    return set_msg(sp, PADAN_EDICT, "no dictionary loaded");
  if (!toks->ntok)
    return PADAN_OK;
  tokinfo *ti = calloc(toks->ntok, sizeof *ti);
  if (!ti)
    return set_msg(sp, PADAN_ENOMEM, "out of memory");
  pd_strmap names; /* unknown capitalized words used inside sentences */
  pd_strmap_init(&names);
  int rc = PADAN_OK;
  /* pass 1: status of every word */
  for (size_t i = 0; i < toks->ntok && !rc; i++) {
    const padan_token *t = &toks->tok[i];
    if (t->kind != PADAN_TOK_WORD && !(t->kind == PADAN_TOK_ACRONYM && sp->o.check_caps))
      continue;
    if (t->start < base || t->start - base + t->len > len)
      continue;
    size_t s = t->start - base, e = s + t->len;
    trim_word(text, &s, &e);
    if (e <= s || e - s > MAX_WORD || not_a_word(text + s, e - s))
      continue;
    int cc = pd_spell_case(text + s, e - s);
    if (cc == CC_UPPER && !sp->o.check_caps)
      continue;
    if (pd_utf8_valid_prefix(text + s, e - s) != e - s)
      continue;
    uint32_t id = cache_get(sp, text + s, e - s);
    if (!id) {
      rc = set_msg(sp, PADAN_ENOMEM, "out of memory");
      break;
    }
    centry *ce = CENTRY(sp, id);
    tokinfo *x = &ti[i];
    x->s = s, x->e = e, x->st = ce->st, x->capunk = ce->capunk;
    x->upper = cc == CC_UPPER;
    const padan_sentence *sn = t->sent < toks->nsent ? &toks->sent[t->sent] : NULL;
    x->sent_start = (t->flags & PADAN_TF_SENT_START) || (sn && sn->first == i);
    /* first word after an opening quote or bracket at the sentence start */
    if (!x->sent_start && sn && i > sn->first) {
      size_t j = sn->first;
      while (j < i && toks->tok[j].kind == PADAN_TOK_PUNCT)
        j++;
      x->sent_start = j == i;
    }
    if (x->st == ST_UNKNOWN && x->capunk && !x->sent_start) {
      uint32_t nid;
      if (pd_strmap_intern(&names, text + s, e - s, &nid))
        rc = set_msg(sp, PADAN_ENOMEM, "out of memory");
    }
  }
  /* pass 2: findings */
  size_t line = 1, line_start = 0, pos = 0;
  size_t col_pos = 0, col = 1; /* characters counted up to col_pos, on the current line */
  for (size_t i = 0; i < toks->ntok && !rc; i++) {
    tokinfo *x = &ti[i];
    if (!x->st || x->st == ST_KNOWN)
      continue;
    const char *w = text + x->s;
    size_t wn = x->e - x->s;
    int kind = x->st == ST_NONSTD ? PADAN_SPELL_NONSTANDARD : PADAN_SPELL_MISSPELLED;
    uint32_t id = 0;
    if (kind == PADAN_SPELL_MISSPELLED && x->capunk && !(x->upper && sp->o.check_caps)) {
      if (!x->sent_start || pd_strmap_find(&names, w, wn)) {
        kind = PADAN_SPELL_NAME;
      } else {
        /* sentence-initial: a typo only when a known word is one edit away */
        id = cache_get(sp, w, wn);
        if (id && !CENTRY(sp, id)->near_done && suggest_entry(sp, id, w, wn, 1))
          id = 0;
        if (!id) {
          rc = set_msg(sp, PADAN_ENOMEM, "out of memory");
          break;
        }
        if (!CENTRY(sp, id)->near)
          kind = PADAN_SPELL_NAME;
      }
    }
    if (kind == PADAN_SPELL_NAME && !sp->o.names)
      continue;
    id = cache_get(sp, w, wn);
    if (id && !CENTRY(sp, id)->sugg_done && sp->o.max_suggest >= 0 && suggest_entry(sp, id, w, wn, 0))
      id = 0;
    if (!id) {
      rc = set_msg(sp, PADAN_ENOMEM, "out of memory");
      break;
    }
    centry *ce = CENTRY(sp, id);
    /* line and column */
    for (; pos < x->s; pos++)
      if (text[pos] == '\n')
        line++, line_start = pos + 1;
    /* counted on from the previous finding: a long line costs one pass, not one per finding */
    if (col_pos < line_start)
      col_pos = line_start, col = 1;
    for (; col_pos < x->s; col_pos++)
      col += ((unsigned char)text[col_pos] & 0xC0) != 0x80;
    padan_spell_finding f;
    f.start = base + x->s;
    f.len = wn;
    f.line = line;
    f.col = col;
    f.line_start = base + line_start;
    f.word = w;
    f.kind = kind;
    f.sugg = ce->sugg;
    f.nsugg = ce->nsugg;
    int stop = cb ? cb(user, &f) : 0;
    if (stop)
      rc = stop;
  }
  pd_strmap_free(&names);
  free(ti);
  return rc;
}
