/* Indonesian affix shapes for the term part-of-speech filter. */
#include "config.h"
#include "terms/morph.h"

#include <errno.h>
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <padan/common.h>
#include "common/util.h"

struct pd_morph {
  Hunhandle *h;
  int utf8; /* the dictionary is UTF-8 (else Latin-1) */
};

static int readable(const char *path, char *err, size_t errlen) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return 0;
  }
  fclose(fp);
  return 1;
}

int pd_morph_open(pd_morph **out, const char *aff, const char *dic, char *err, size_t errlen) {
  *out = NULL;
  /* Hunspell cannot report a failed load: check the files first. */
  if (!readable(aff, err, errlen) || !readable(dic, err, errlen))
    return PADAN_EIO;
  pd_morph *m = calloc(1, sizeof *m);
  if (!m)
    return PADAN_ENOMEM;
  m->h = Hunspell_create(aff, dic);
  if (!m->h) {
    snprintf(err, errlen, "%s: cannot load the Hunspell dictionary", dic);
    free(m);
    return PADAN_EDICT;
  }
  const char *enc = Hunspell_get_dic_encoding(m->h);
  m->utf8 = enc && (strcmp(enc, "UTF-8") == 0 || strcmp(enc, "utf-8") == 0);
  *out = m;
  return PADAN_OK;
}

void pd_morph_free(pd_morph *m) {
  if (!m)
    return;
  Hunspell_destroy(m->h);
  free(m);
}

int pd_morph_known(pd_morph *m, const char *w, size_t len) {
  char buf[128];
  if (!m || len == 0 || len >= sizeof buf)
    return 0;
  if (m->utf8) {
    memcpy(buf, w, len);
    buf[len] = 0;
  } else {
    size_t o = 0;
    for (size_t i = 0; i < len;) {
      int32_t cp;
      int k = pd_utf8_next(w + i, len - i, &cp);
      if (cp < 0 || cp > 255)
        return 0; /* not writable in Latin-1: not in this dictionary */
      buf[o++] = (char)(unsigned char)cp;
      i += (size_t)k;
    }
    buf[o] = 0;
  }
  return Hunspell_spell(m->h, buf) != 0;
}

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static int starts(const char *w, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(w, p, n) == 0;
}

static int ends(const char *w, size_t len, const char *p) {
  size_t n = strlen(p);
  return len >= n && memcmp(w + len - n, p, n) == 0;
}

/* Is stem (with an optional restored first letter) a dictionary word, alone
 * or with a verbal suffix (-kan, -i, -an) removed? */
static int stem_known(pd_morph *m, const char *restore, const char *s, size_t n) {
  char buf[128];
  size_t r = restore ? strlen(restore) : 0;
  if (n + r + 1 > sizeof buf || n + r < 3)
    return 0;
  memcpy(buf, restore ? restore : "", r);
  memcpy(buf + r, s, n);
  size_t len = n + r;
  if (pd_morph_known(m, buf, len))
    return 1;
  if (len > 5 && ends(buf, len, "kan") && pd_morph_known(m, buf, len - 3))
    return 1;
  if (len > 4 && ends(buf, len, "i") && pd_morph_known(m, buf, len - 1))
    return 1;
  if (len > 5 && ends(buf, len, "an") && pd_morph_known(m, buf, len - 2))
    return 1;
  return 0;
}

/* meN- verbal form? Checks the nasal allomorph against the stem's first letter. */
static int men_form(pd_morph *m, const char *w, size_t len) {
  if (len < 5 || !starts(w, len, "me"))
    return 0;
  if (starts(w, len, "memper") && len >= 9)
    return m ? stem_known(m, NULL, w + 6, len - 6) || stem_known(m, "per", w + 6, len - 6) : 1;
  const char *r;
  size_t n;
  int ok = 0;
  if (starts(w, len, "meng")) {
    r = w + 4, n = len - 4;
    if (n < 3)
      return 0;
    if (starts(r, n, "e") && n >= 3) /* menge- before one-syllable stems */
      ok = !m || stem_known(m, NULL, r + 1, n - 1);
    if (!ok && (is_vowel(r[0]) || r[0] == 'g' || r[0] == 'h' || r[0] == 'k'))
      ok = !m || stem_known(m, NULL, r, n) || (is_vowel(r[0]) && stem_known(m, "k", r, n));
    return ok;
  }
  if (starts(w, len, "meny")) {
    r = w + 4, n = len - 4;
    return n >= 3 && is_vowel(r[0]) && (!m || stem_known(m, "s", r, n) || stem_known(m, "ny", r, n));
  }
  if (starts(w, len, "mem")) {
    r = w + 3, n = len - 3;
    if (n < 3)
      return 0;
    if (r[0] == 'b' || r[0] == 'f' || r[0] == 'v' || r[0] == 'p')
      return !m || stem_known(m, NULL, r, n);
    if (is_vowel(r[0]))
      return !m || stem_known(m, "p", r, n) || stem_known(m, "m", r, n);
    return 0;
  }
  if (starts(w, len, "men")) {
    r = w + 3, n = len - 3;
    if (n < 3)
      return 0;
    if (r[0] == 'c' || r[0] == 'd' || r[0] == 'j' || r[0] == 'z' || (r[0] == 's' && r[1] == 'y'))
      return !m || stem_known(m, NULL, r, n);
    if (is_vowel(r[0]))
      return !m || stem_known(m, "t", r, n) || stem_known(m, "n", r, n);
    return 0;
  }
  r = w + 2, n = len - 2;
  if (r[0] == 'l' || r[0] == 'm' || r[0] == 'n' || r[0] == 'r' || r[0] == 'w' || r[0] == 'y')
    return m ? stem_known(m, NULL, r, n) : n >= 4;
  return 0;
}

static int di_form(pd_morph *m, const char *w, size_t len) {
  if (len < 5 || !starts(w, len, "di"))
    return 0;
  if (starts(w, len, "diper") && len >= 8)
    return !m || stem_known(m, NULL, w + 5, len - 5) || stem_known(m, "per", w + 5, len - 5);
  if (!m) /* without a dictionary only the unambiguous di-...-kan shape */
    return len >= 7 && ends(w, len, "kan");
  return stem_known(m, NULL, w + 2, len - 2);
}

static int ber_form(pd_morph *m, const char *w, size_t len) {
  if (starts(w, len, "ber") && len >= 6)
    return m ? stem_known(m, NULL, w + 3, len - 3) : len >= 7 && !is_vowel(w[3]);
  if (starts(w, len, "bel") && len >= 7)
    return m && stem_known(m, NULL, w + 3, len - 3);
  return 0;
}

static int ter_form(pd_morph *m, const char *w, size_t len) {
  if (!starts(w, len, "ter") || len < 7 || (ends(w, len, "an") && !ends(w, len, "kan")))
    return 0;
  return m ? stem_known(m, NULL, w + 3, len - 3) : !is_vowel(w[3]);
}

static int noun_form(const char *w, size_t len) {
  if (len < 5)
    return 0;
  if (ends(w, len, "an") && !ends(w, len, "kan"))
    return 1;
  if (ends(w, len, "kan") && (starts(w, len, "ke") || starts(w, len, "pe")))
    return 1; /* ke-bijak-an, pe-...-an */
  return ends(w, len, "asi") || ends(w, len, "isme") || ends(w, len, "itas");
}

/* With a dictionary: 1 when Hunspell knows w as an affixed form (its first
 * stem differs), 0 when w is a root, -1 when w is unknown. */
static int hun_affixed(pd_morph *m, const char *w, size_t len) {
  char buf[128];
  if (!m || len >= sizeof buf || !pd_morph_known(m, w, len))
    return -1;
  size_t o = 0;
  if (m->utf8) {
    memcpy(buf, w, len);
    o = len;
  } else {
    for (size_t i = 0; i < len;) {
      int32_t cp;
      i += (size_t)pd_utf8_next(w + i, len - i, &cp);
      buf[o++] = (char)(unsigned char)cp; /* known words are Latin-1 */
    }
  }
  buf[o] = 0;
  char **l = NULL;
  int n = Hunspell_stem(m->h, &l, buf);
  int r = n > 0 && strcmp(l[0], buf) != 0 && strlen(l[0]) + 2 <= o;
  Hunspell_free_list(m->h, &l, n);
  return r;
}

int pd_morph_classify(pd_morph *m, const char *w, size_t len) {
  int cls = 0;
  int noun = noun_form(w, len);
  /* per-/pe-/ke-...-an nouns are nouns whatever their inner stem */
  int derived_noun = noun && len >= 6 && ends(w, len, "an") &&
                     (starts(w, len, "pe") || starts(w, len, "ke"));
  if (noun)
    cls |= PD_MORPH_NOUN;
  if (derived_noun)
    return cls;
  int a = hun_affixed(m, w, len);
  if (a == 0)
    return cls; /* a root word */
  if (a == 1) {
    /* Hunspell found an affix: the prefix shape says which */
    if (len >= 5 && (starts(w, len, "me") || starts(w, len, "di")))
      cls |= PD_MORPH_VERB;
    else if (len >= 6 && (starts(w, len, "ber") || starts(w, len, "bel") ||
                          (starts(w, len, "ter") && (!ends(w, len, "an") || ends(w, len, "kan")))))
      cls |= PD_MORPH_VHEAD;
  } else {
    /* unknown to the dictionary (or none): affix shapes only */
    if (men_form(NULL, w, len) || di_form(NULL, w, len))
      cls |= PD_MORPH_VERB;
    else if (ber_form(NULL, w, len) || ter_form(NULL, w, len))
      cls |= PD_MORPH_VHEAD;
  }
  if (cls & (PD_MORPH_VERB | PD_MORPH_VHEAD))
    cls &= ~PD_MORPH_NOUN;
  return cls;
}
