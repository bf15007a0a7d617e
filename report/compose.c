/* Compositional translation of Indonesian noun phrases, and the lexicon
 * helpers the glossary builder shares with it. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include "report/gloss_int.h"

/* ------------------------------------------------------------ lexicon helpers */

int pd_gloss_capitalized(const char *s, size_t n) {
  if (!n)
    return 0;
  int32_t cp;
  pd_utf8_next(s, n, &cp);
  if (cp < 0)
    return 0;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int pd_gloss_is_base(padan_lexicon *lex, size_t concept) {
  padan_lexicon_concept c;
  if (padan_lexicon_concept_get(lex, concept, &c) != PADAN_OK)
    return 1;
  if (c.base)
    return 1;
  /* a dictd file loaded without the base flag (--lexicon=...index) is still a base dictionary */
  size_t n = strlen(c.source);
  return (n > 6 && strcmp(c.source + n - 6, ".index") == 0) ||
         (n > 8 && strcmp(c.source + n - 8, ".dict.dz") == 0);
}

static int has_learned(const char *note) {
  return note && strstr(note, "learned") != NULL;
}

const char *pd_gloss_english(padan_lexicon *lex, size_t concept, pd_buf *admitted,
                             pd_buf *deprecated, int *learned) {
  padan_lexicon_concept c;
  if (learned)
    *learned = 0;
  if (padan_lexicon_concept_get(lex, concept, &c) != PADAN_OK)
    return NULL;
  const char *pref = NULL, *adm = NULL;
  for (size_t k = 0; k < c.nterms; k++) {
    padan_lexicon_term t;
    if (padan_lexicon_concept_term(lex, concept, k, &t) != PADAN_OK)
      continue;
    if (learned && has_learned(t.note))
      *learned = 1;
    if (strcmp(t.lang, "en") != 0)
      continue;
    if (t.status == PADAN_TERM_PREFERRED && !pref)
      pref = t.text;
    else if (t.status != PADAN_TERM_DEPRECATED && !adm)
      adm = t.text;
  }
  const char *best = pref ? pref : adm;
  for (size_t k = 0; k < c.nterms && (admitted || deprecated); k++) {
    padan_lexicon_term t;
    if (padan_lexicon_concept_term(lex, concept, k, &t) != PADAN_OK || strcmp(t.lang, "en") != 0)
      continue;
    pd_buf *b = t.status == PADAN_TERM_DEPRECATED ? deprecated : admitted;
    if (!b || t.text == best)
      continue;
    if (b->len)
      pd_buf_putc(b, '|');
    pd_buf_puts(b, t.text);
  }
  return best;
}

static size_t distinct_concepts(const padan_lexicon_hit *h, size_t n) {
  size_t d = 0;
  for (size_t i = 0; i < n; i++) {
    size_t j = 0;
    while (j < i && h[j].concept != h[i].concept)
      j++;
    d += j == i;
  }
  return d;
}

int pd_gloss_find(padan_lexicon *lex, const char *text, size_t len, int allow_base, int fuzzy,
                  padan_lexicon_hit *hit, size_t *nconcepts) {
  static const unsigned stages[] = {PADAN_LOOKUP_EXACT, PADAN_LOOKUP_CASE, PADAN_LOOKUP_LEMMA,
                                    PADAN_LOOKUP_FUZZY};
  enum { MAXH = 32 };
  padan_lexicon_hit h[MAXH], base = {0};
  size_t nbase = 0;
  int have_base = 0;
  if (nconcepts)
    *nconcepts = 0;
  if (!lex || !len)
    return 0;
  for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++) {
    if (stages[s] == PADAN_LOOKUP_FUZZY && !fuzzy)
      break;
    size_t n = 0;
    if (padan_lexicon_lookup(lex, "id", text, len, stages[s], h, MAXH, &n) != PADAN_OK)
      return 0;
    if (n > MAXH)
      n = MAXH;
    /* curated hits first (the lookup's order among each kind is kept) */
    padan_lexicon_hit cur[MAXH], bas[MAXH];
    size_t ncur = 0, nbas = 0;
    for (size_t i = 0; i < n; i++) {
      h[i].base = pd_gloss_is_base(lex, h[i].concept);
      if (h[i].base)
        bas[nbas++] = h[i];
      else
        cur[ncur++] = h[i];
    }
    /* a usable concept: one with English */
    for (size_t i = 0; i < ncur; i++)
      if (pd_gloss_english(lex, cur[i].concept, NULL, NULL, NULL)) {
        *hit = cur[i];
        if (nconcepts)
          *nconcepts = distinct_concepts(cur, ncur);
        return 1;
      }
    if (!have_base && stages[s] != PADAN_LOOKUP_FUZZY)
      for (size_t i = 0; i < nbas; i++)
        if (pd_gloss_english(lex, bas[i].concept, NULL, NULL, NULL)) {
          base = bas[i], have_base = 1, nbase = distinct_concepts(bas, nbas);
          break;
        }
  }
  if (have_base && allow_base) {
    *hit = base;
    if (nconcepts)
      *nconcepts = nbase;
    return 1;
  }
  return 0;
}

static int pos_class(const char *pos) {
  if (!pos || !*pos)
    return '?';
  if (strncmp(pos, "adj", 3) == 0 || strcmp(pos, "a") == 0)
    return 'a';
  if (strncmp(pos, "n", 1) == 0 || strcmp(pos, "propn") == 0)
    return strcmp(pos, "pn") == 0 || strcmp(pos, "propn") == 0 ? 'p' : 'n';
  if (strncmp(pos, "v", 1) == 0)
    return 'v';
  if (strncmp(pos, "adv", 3) == 0)
    return 'r';
  return '?';
}

typedef struct {
  pd_gloss_tr tr;
  int pos;    /* the Indonesian word's class: n, a, v, r, p or ? */
  int epos;   /* this English option's class */
  int person; /* a curated proper noun that is not a place or an organization */
} tr_ext;

static int person_concept(padan_lexicon *lex, size_t concept, int pos) {
  padan_lexicon_concept c;
  if (pos != 'p' || padan_lexicon_concept_get(lex, concept, &c) != PADAN_OK)
    return 0;
  return *c.domain && strcmp(c.domain, "geography") != 0 && strcmp(c.domain, "organization") != 0 &&
         strcmp(c.domain, "media") != 0;
}

/* ------------------------------------------------------------ phrase-derived words
 *
 * A word (or short phrase) the curated lexicon lacks alone is often inside its
 * multiword terms: bersama in "latihan bersama" = "joint exercise". Translating
 * the other words of such a term (curated lexicon only) and removing their
 * English from the term's English leaves the word's English; votes over every
 * term that contains it pick the answer. */

#define DMAXW 12

static size_t split_words(const char *s, size_t n, const char **w, size_t *wl, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max;) {
    while (i < n && s[i] == ' ')
      i++;
    size_t a = i;
    while (i < n && s[i] != ' ')
      i++;
    if (i > a)
      w[k] = s + a, wl[k] = i - a, k++;
  }
  return k;
}

static int eq_ci(const char *a, size_t an, const char *b, size_t bn) {
  return an == bn && strncasecmp(a, b, an) == 0;
}

/* English word e matches translation word t, allowing an English plural. */
static int en_word_match(const char *e, size_t en, const char *t, size_t tn) {
  if (eq_ci(e, en, t, tn))
    return 1;
  if (en == tn + 1 && e[en - 1] == 's' && strncasecmp(e, t, tn) == 0)
    return 1;
  if (en == tn + 2 && strncasecmp(e + tn, "es", 2) == 0 && strncasecmp(e, t, tn) == 0)
    return 1;
  if (tn > 1 && t[tn - 1] == 'y' && en == tn + 2 && strncasecmp(e, t, tn - 1) == 0 &&
      strncasecmp(e + tn - 1, "ies", 3) == 0)
    return 1;
  return 0;
}

static int en_stop(const char *e, size_t n) {
  static const char *const st[] = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "with", NULL};
  for (const char *const *p = st; *p; p++)
    if (eq_ci(e, n, *p, strlen(*p)))
      return 1;
  return 0;
}

static int id_stop(const char *w, size_t n) {
  static const char *const st[] = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "atau", "para", NULL};
  for (const char *const *p = st; *p; p++)
    if (eq_ci(w, n, *p, strlen(*p)))
      return 1;
  return 0;
}


/* Marks in used[] the English words matched by one curated translation of the
 * Indonesian word o; returns 1 when one matched. */
static int mark_word(padan_lexicon *lex, const char *o, size_t on, const char **ew, size_t *ewl,
                     size_t ne, int *used) {
  static const unsigned stages[] = {PADAN_LOOKUP_EXACT | PADAN_LOOKUP_CASE, PADAN_LOOKUP_LEMMA};
  padan_lexicon_hit h[16];
  for (size_t s = 0; s < 2; s++) {
    size_t nh = 0;
    if (padan_lexicon_lookup(lex, "id", o, on, stages[s], h, 16, &nh) != PADAN_OK)
      return 0;
    if (nh > 16)
      nh = 16;
    for (size_t i = 0; i < nh; i++) {
      if (pd_gloss_is_base(lex, h[i].concept))
        continue;
      padan_lexicon_concept c;
      padan_lexicon_concept_get(lex, h[i].concept, &c);
      for (size_t k = 0; k < c.nterms; k++) {
        padan_lexicon_term t;
        if (padan_lexicon_concept_term(lex, h[i].concept, k, &t) != PADAN_OK ||
            strcmp(t.lang, "en") != 0)
          continue;
        const char *tw[DMAXW];
        size_t twl[DMAXW];
        size_t nt = split_words(t.text, t.len, tw, twl, DMAXW);
        if (!nt || nt > ne)
          continue;
        for (size_t a = 0; a + nt <= ne; a++) {
          size_t j = 0;
          while (j < nt && !used[a + j] && en_word_match(ew[a + j], ewl[a + j], tw[j], twl[j]))
            j++;
          if (j == nt) {
            for (j = 0; j < nt; j++)
              used[a + j] = 1;
            return 1;
          }
        }
      }
    }
  }
  return 0;
}

typedef struct {
  char en[96];
  int votes;
} dvote;

/* The English of the phrase p (1+ words) derived from the curated multiword
 * terms that contain it; 0 when none agrees. */
int pd_gloss_ctx_init(pd_gloss_ctx *cx, padan_lexicon *lex) {
  memset(cx, 0, sizeof *cx);
  cx->lex = lex;
  size_t nt = lex ? padan_lexicon_term_count(lex) : 0;
  if (!nt)
    return PADAN_OK;
  /* concepts are checked once each: base dictionaries hold most terms */
  size_t nc = padan_lexicon_concept_count(lex);
  unsigned char *cbase = malloc(nc ? nc : 1);
  if (!cbase)
    return PADAN_ENOMEM;
  for (size_t c = 0; c < nc; c++)
    cbase[c] = 2;
  size_t cap = 0;
  for (size_t ti = 0; ti < nt; ti++) {
    padan_lexicon_term t;
    if (padan_lexicon_term_get(lex, ti, &t) != PADAN_OK || strcmp(t.lang, "id") != 0 ||
        !memchr(t.text, ' ', t.len) || t.status == PADAN_TERM_DEPRECATED)
      continue;
    if (cbase[t.concept] == 2)
      cbase[t.concept] = (unsigned char)pd_gloss_is_base(lex, t.concept);
    if (cbase[t.concept])
      continue;
    if (cx->nmw == cap) {
      cap = cap ? cap * 2 : 256;
      uint32_t *v = realloc(cx->mw, cap * sizeof *v);
      if (!v) {
        free(cbase);
        pd_gloss_ctx_free(cx);
        return PADAN_ENOMEM;
      }
      cx->mw = v;
    }
    cx->mw[cx->nmw++] = (uint32_t)ti;
  }
  free(cbase);
  return PADAN_OK;
}

void pd_gloss_ctx_free(pd_gloss_ctx *cx) {
  free(cx->mw);
  cx->mw = NULL;
  cx->nmw = 0;
}

static int derive(pd_gloss_ctx *cx, const char *p, size_t pn, char *out, size_t cap,
                  int *votes_out) {
  padan_lexicon *lex = cx->lex;
  const char *pw[DMAXW];
  size_t pwl[DMAXW];
  size_t np = split_words(p, pn, pw, pwl, DMAXW);
  if (!np || np > 3)
    return 0;
  dvote v[8];
  size_t nv = 0;
  for (size_t mi = 0; mi < cx->nmw; mi++) {
    padan_lexicon_term t;
    if (padan_lexicon_term_get(lex, cx->mw[mi], &t) != PADAN_OK)
      continue;
    /* a quick test before splitting: the phrase's first word occurs in the term */
    int maybe = 0;
    for (size_t a = 0; a + pwl[0] <= t.len && !maybe; a++)
      maybe = (a == 0 || t.text[a - 1] == ' ') && strncasecmp(t.text + a, pw[0], pwl[0]) == 0;
    if (!maybe)
      continue;
    const char *tw[DMAXW];
    size_t twl[DMAXW];
    size_t ntw = split_words(t.text, t.len, tw, twl, DMAXW);
    if (ntw <= np || ntw > 6)
      continue;
    size_t at = ntw;
    for (size_t a = 0; a + np <= ntw && at == ntw; a++) {
      size_t j = 0;
      while (j < np && eq_ci(tw[a + j], twl[a + j], pw[j], pwl[j]))
        j++;
      if (j == np)
        at = a;
    }
    if (at == ntw)
      continue;
    const char *en = pd_gloss_english(lex, t.concept, NULL, NULL, NULL);
    if (!en)
      continue;
    const char *ew[DMAXW];
    size_t ewl[DMAXW];
    int used[DMAXW] = {0};
    size_t ne = split_words(en, strlen(en), ew, ewl, DMAXW);
    int ok = ne > 0;
    for (size_t j = 0; j < ntw && ok; j++) {
      if (j >= at && j < at + np)
        continue;
      if (id_stop(tw[j], twl[j]))
        continue;
      ok = mark_word(lex, tw[j], twl[j], ew, ewl, ne, used);
    }
    if (!ok)
      continue;
    /* what is left: one contiguous run of one or two content words */
    size_t first = ne, last = 0, content = 0;
    for (size_t j = 0; j < ne; j++)
      if (!used[j] && !en_stop(ew[j], ewl[j])) {
        if (first == ne)
          first = j;
        last = j;
        content++;
      }
    if (!content || content > 2 || last - first + 1 != content)
      continue;
    char cand[96];
    size_t cl = (size_t)(ew[last] + ewl[last] - ew[first]);
    if (cl >= sizeof cand)
      continue;
    memcpy(cand, ew[first], cl);
    cand[cl] = 0;
    /* a lower-case Indonesian word gets a lower-case English one */
    if (!pd_gloss_capitalized(p, pn) && cand[0] >= 'A' && cand[0] <= 'Z' &&
        !(cl > 1 && cand[1] >= 'A' && cand[1] <= 'Z'))
      cand[0] = (char)(cand[0] + 32);
    size_t k = 0;
    while (k < nv && strcasecmp(v[k].en, cand) != 0)
      k++;
    if (k < nv)
      v[k].votes++;
    else if (nv < 8) {
      memcpy(v[nv].en, cand, cl + 1);
      v[nv].votes = 1;
      nv++;
    }
  }
  size_t best = nv;
  for (size_t k = 0; k < nv; k++)
    if (best == nv || v[k].votes > v[best].votes)
      best = k;
  if (best == nv)
    return 0;
  snprintf(out, cap, "%s", v[best].en);
  *votes_out = v[best].votes;
  return 1;
}

static size_t word_ext(pd_gloss_ctx *cx, const char *w, size_t n, tr_ext *out, size_t max) {
  padan_lexicon *lex = cx->lex;
  static const unsigned stages[] = {PADAN_LOOKUP_EXACT, PADAN_LOOKUP_CASE, PADAN_LOOKUP_LEMMA};
  enum { MAXH = 48 };
  padan_lexicon_hit h[MAXH];
  size_t got = 0;
  if (!lex || !n || !max)
    return 0;
  int cap = pd_gloss_capitalized(w, n);
  size_t nderived = 0;
  for (int pass = 0; pass < 2 && got == nderived; pass++) { /* 0: curated, 1: base */
    if (pass == 1) {
      /* derived from the curated phrases, then the base dictionary's senses too */
      int votes = 0;
      if (derive(cx, w, n, out[0].tr.en, sizeof out[0].tr.en, &votes)) {
        out[0].tr.w = votes >= 2 ? 0.85 : 0.6;
        out[0].tr.curated = 1;
        out[0].pos = out[0].epos = '?';
        out[0].person = 0;
        got = nderived = 1;
      }
    }
    for (size_t s = 0; s < 3 && got == nderived; s++) {
      size_t nh = 0;
      if (padan_lexicon_lookup(lex, "id", w, n, stages[s], h, MAXH, &nh) != PADAN_OK)
        return 0;
      if (nh > MAXH)
        nh = MAXH;
      double w0 = pass == 0 ? 1.0 : 0.7;
      for (size_t i = 0; i < nh && got < max; i++) {
        if (pd_gloss_is_base(lex, h[i].concept) != pass)
          continue;
        const char *en = pd_gloss_english(lex, h[i].concept, NULL, NULL, NULL);
        if (!en)
          continue;
        padan_lexicon_term it, et;
        int pos = '?';
        if (padan_lexicon_term_get(lex, h[i].term, &it) == PADAN_OK)
          pos = pos_class(it.pos);
        /* the English term's own part of speech, when the Indonesian one has none */
        padan_lexicon_concept c;
        if (pos == '?' && padan_lexicon_concept_get(lex, h[i].concept, &c) == PADAN_OK)
          for (size_t k = 0; k < c.nterms && pos == '?'; k++)
            if (padan_lexicon_concept_term(lex, h[i].concept, k, &et) == PADAN_OK &&
                strcmp(et.lang, "en") == 0)
              pos = pos_class(et.pos);
        double wt = w0;
        if (pass == 1) {
          /* the first translation of an entry's first sense is its main one */
          if (it.status != PADAN_TERM_PREFERRED)
            wt *= 0.8;
          if (pos == 'v')
            wt *= 0.6;
          else if (pos == 'r')
            wt *= 0.7;
          /* base dictionaries list many senses: proper nouns and long glosses rank low */
          if (pd_gloss_capitalized(en, strlen(en)) && !cap)
            wt *= 0.3;
          if (pos == 'p' && !cap)
            wt *= 0.3;
          size_t spaces = 0;
          for (const char *p = en; *p; p++)
            spaces += *p == ' ';
          if (spaces)
            wt *= spaces > 1 ? 0.4 : 0.7;
          if (s == 2)
            wt *= 0.9;
          /* a name that a base dictionary lists as itself is that name */
          if (cap && strcasecmp(en, "") != 0 && strlen(en) == n && strncasecmp(en, w, n) == 0)
            wt *= 1.3;
        } else if (s == 2) {
          wt *= 0.95;
        }
        size_t j = 0;
        while (j < got && strcasecmp(out[j].tr.en, en) != 0)
          j++;
        if (j < got) {
          if (wt > out[j].tr.w)
            out[j].tr.w = wt;
          continue;
        }
        snprintf(out[got].tr.en, sizeof out[got].tr.en, "%s", en);
        out[got].tr.w = wt;
        out[got].tr.curated = pass == 0;
        out[got].pos = pos;
        out[got].epos = pos;
        out[got].person = pass == 0 && person_concept(lex, h[i].concept, pos);
        got++;
        /* a curated concept's admitted English terms are alternatives */
        padan_lexicon_concept cc;
        if (pass == 0 && padan_lexicon_concept_get(lex, h[i].concept, &cc) == PADAN_OK)
          for (size_t k = 0; k < cc.nterms && got < max; k++) {
            padan_lexicon_term at;
            if (padan_lexicon_concept_term(lex, h[i].concept, k, &at) != PADAN_OK ||
                strcmp(at.lang, "en") != 0 || at.status != PADAN_TERM_ADMITTED)
              continue;
            size_t q = 0;
            while (q < got && strcasecmp(out[q].tr.en, at.text) != 0)
              q++;
            if (q < got)
              continue;
            out[got] = out[got - 1];
            snprintf(out[got].tr.en, sizeof out[got].tr.en, "%s", at.text);
            out[got].tr.w = wt * 0.9;
            if (pos_class(at.pos) != '?')
              out[got].epos = pos_class(at.pos);
            got++;
          }
      }
    }
  }
  /* stable sort by weight, keeping lexicon order among equals */
  for (size_t i = 1; i < got; i++)
    for (size_t j = i; j > 0 && out[j].tr.w > out[j - 1].tr.w; j--) {
      tr_ext t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  /* the first sense of the first entry is a base dictionary's best guess: give
   * the rest a little less weight */
  for (size_t i = 1; i < got; i++)
    if (!out[i].tr.curated)
      out[i].tr.w *= 0.95;
  return got;
}

size_t pd_gloss_word(pd_gloss_ctx *cx, const char *w, size_t n, pd_gloss_tr *out, size_t max) {
  tr_ext ext[8];
  size_t k = word_ext(cx, w, n, ext, max < 8 ? max : 8);
  for (size_t i = 0; i < k; i++)
    out[i] = ext[i].tr;
  return k;
}

/* ------------------------------------------------------------ composition */

enum { U_WORD, U_NAME, U_NUM, U_ORD, U_LINK, U_PRE };

#define MAXW 24
#define MAXTR 3

typedef struct {
  const char *src;
  size_t len;
  int kind;
  int known; /* 0: an untranslated common word */
  int name;  /* a name: kept, or translated to a proper noun */
  int title; /* a title word (presiden, menteri...) that a name may follow */
  int person; /* a person's name */
  int modifier; /* set while rendering: the unit modifies another */
  int plural;   /* a full reduplication (negara-negara) */
  tr_ext tr[MAXTR];
  size_t ntr;
  char link[16]; /* U_LINK: the English preposition or conjunction */
} unit;

static int word_is(const char *w, size_t n, const char *lit) {
  return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static const struct {
  const char *id, *en;
} links[] = {{"dari", "of"},       {"untuk", "for"},   {"bagi", "for"},        {"di", "in"},
             {"ke", "to"},         {"dengan", "with"}, {"antara", "between"},  {"terhadap", "against"},
             {"tentang", "on"},    {"mengenai", "on"}, {"atas", "on"},         {"pada", "on"},
             {"dalam", "in"},      {"dan", "and"},     {"atau", "or"},         {"serta", "and"},
             {"oleh", "by"},       {"melawan", "against"}};

/* Words that come before their head in Indonesian too. */
static const struct {
  const char *id, *en;
} premods[] = {{"wakil", "vice"},     {"mantan", "former"},  {"bekas", "former"},
               {"pak", "Mr."},        {"bapak", "Mr."},      {"bu", "Ms."},
               {"ibu", "Ms."},        {"sejumlah", "several"}, {"beberapa", "several"},
               {"semua", "all"},      {"seluruh", "all"},    {"setiap", "every"},
               {"tiap", "every"},     {"banyak", "many"}};

static const struct {
  const char *id, *en;
  int ord;
} numerals[] = {{"satu", "one", 0},        {"dua", "two", 0},         {"tiga", "three", 0},
                {"empat", "four", 0},      {"lima", "five", 0},       {"enam", "six", 0},
                {"tujuh", "seven", 0},     {"delapan", "eight", 0},   {"sembilan", "nine", 0},
                {"sepuluh", "ten", 0},     {"pertama", "first", 1},   {"kedua", "second", 1},
                {"ketiga", "third", 1},    {"keempat", "fourth", 1},  {"kelima", "fifth", 1},
                {"keenam", "sixth", 1},    {"ketujuh", "seventh", 1}, {"kedelapan", "eighth", 1},
                {"kesembilan", "ninth", 1}, {"kesepuluh", "tenth", 1}};

static const char *const titles[] = {
    "presiden", "pemimpin", "menteri", "perdana menteri", "raja", "ratu", "jenderal",
    "sekretaris", "sekretaris jenderal", "ketua", "penasihat", "kepala", "wakil", "gubernur",
    "panglima", "direktur", "kanselir", "juru bicara", "duta besar", "pendiri", "wakil presiden",
    "menteri luar negeri", "menteri pertahanan", "pemimpin tertinggi", NULL};

static int is_title(const char *s, size_t n) {
  char low[64];
  if (n >= sizeof low)
    return 0;
  for (size_t i = 0; i < n; i++)
    low[i] = (char)pd_ascii_lower((unsigned char)s[i]);
  low[n] = 0;
  for (const char *const *t = titles; *t; t++)
    if (strcmp(*t, low) == 0)
      return 1;
  return 0;
}

/* Heads of institution and place names: "Partai Golkar" is the Golkar Party,
 * not Golkar's party. */
static const char *const org_heads[] = {
    "partai", "kementerian", "dewan", "badan", "komisi", "universitas", "bank", "perusahaan",
    "grup", "kelompok", "kantor", "lembaga", "organisasi", "provinsi", "kabupaten", "kota",
    "pulau", "gunung", "sungai", "selat", "teluk", "laut", "danau", "jalan", "bandara",
    "pelabuhan", "stasiun", "sekolah", "masjid", "gereja", "istana", "hotel", "klub", "tim",
    "federasi", "asosiasi", "persatuan", "fraksi", "koalisi", "majelis", "mahkamah",
    "pengadilan", "kepolisian", "angkatan", "tentara", "front", "gerakan", "aliansi",
    "yayasan", "institut", "pusat", "rumah", "taman", "museum", "festival", "liga", "piala",
    "operasi", "perang", "pertempuran", "deklarasi", "konferensi", "kongres", NULL};

static int is_org_head(const char *s, size_t n) {
  for (const char *const *t = org_heads; *t; t++)
    if (strlen(*t) == n && strncasecmp(*t, s, n) == 0)
      return 1;
  return 0;
}

/* Does text contain word w (ASCII case-insensitive, whole word)? */
static int has_word(const char *text, const char *w, size_t n) {
  for (const char *p = text; *p; p++) {
    if ((p == text || p[-1] == ' ') && strncasecmp(p, w, n) == 0 && (p[n] == 0 || p[n] == ' '))
      return 1;
  }
  return 0;
}

static int is_digits(const char *w, size_t n) {
  int d = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (pd_is_ascii_digit(c))
      d = 1;
    else if (c != '.' && c != ',' && c != '%' && c != '-')
      return 0;
  }
  return d;
}

static int all_upper(const char *w, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (c >= 'a' && c <= 'z')
      return 0;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

typedef struct {
  double conf;
  char text[256];
} cand;

static void put(char *dst, size_t cap, size_t *pos, const char *s, int capitalize) {
  size_t n = strlen(s);
  if (*pos && *pos + 1 < cap)
    dst[(*pos)++] = ' ';
  for (size_t i = 0; i < n && *pos + 1 < cap; i++) {
    char c = s[i];
    if (i == 0 && capitalize && c >= 'a' && c <= 'z')
      c = (char)(c - 32);
    dst[(*pos)++] = c;
  }
  dst[*pos] = 0;
}

/* The English text of unit u with choice k. */
static void unit_text(const unit *u, size_t k, int capitalize, char *dst, size_t cap, size_t *pos) {
  if (u->kind == U_LINK) {
    put(dst, cap, pos, u->link, 0);
  } else if (u->kind == U_PRE) {
    put(dst, cap, pos, u->link, capitalize && pd_gloss_capitalized(u->src, u->len));
  } else if (u->ntr) {
    const char *en = u->tr[k < u->ntr ? k : 0].tr.en;
    char tmp[112];
    /* a modifier says "West", not "the West" */
    if (u->modifier && strncmp(en, "the ", 4) == 0)
      en += 4;
    /* a reduplicated head is a plural (negara-negara: countries) */
    if (u->plural && !u->modifier && !strchr(en, ' ')) {
      size_t n = strlen(en);
      if (n > 1 && en[n - 1] == 'y' && !strchr("aeiou", en[n - 2]))
        snprintf(tmp, sizeof tmp, "%.*sies", (int)(n - 1), en);
      else if (n > 1 && (en[n - 1] == 's' || en[n - 1] == 'x' ||
                         (en[n - 1] == 'h' && (en[n - 2] == 'c' || en[n - 2] == 's'))))
        snprintf(tmp, sizeof tmp, "%ses", en);
      else
        snprintf(tmp, sizeof tmp, "%ss", en);
      en = tmp;
    }
    put(dst, cap, pos, en, capitalize && pd_gloss_capitalized(u->src, u->len));
  } else {
    char tmp[256];
    size_t n = u->len < sizeof tmp - 1 ? u->len : sizeof tmp - 1;
    memcpy(tmp, u->src, n);
    tmp[n] = 0;
    put(dst, cap, pos, tmp, 0);
  }
}

/* Renders one candidate: choice[i] per unit; of_form puts "X of Y" in the
 * first segment with a trailing name modifier. */
static double render(const unit *u, size_t nu, const size_t *choice, int of_form, int titlecase,
                     char *dst, size_t cap) {
  size_t pos = 0;
  double conf = 1.0;
  dst[0] = 0;
  size_t i = 0;
  int used_of = 0;
  while (i < nu) {
    if (u[i].kind == U_LINK) {
      unit_text(&u[i], 0, 0, dst, cap, &pos);
      i++;
      continue;
    }
    size_t j = i;
    while (j < nu && u[j].kind != U_LINK)
      j++;
    /* segment u[i..j): a leading cardinal stays first, trailing digits stay last */
    size_t a = i, b = j;
    while (a < b && (u[a].kind == U_NUM || u[a].kind == U_PRE))
      unit_text(&u[a], 0, titlecase, dst, cap, &pos), a++;
    /* a sequence of names is one proper name: its order stays (DKI Jakarta) */
    int all_names = b - a >= 2;
    for (size_t k = a; k < b && all_names; k++)
      all_names = u[k].kind == U_NAME || u[k].name;
    if (all_names) {
      for (size_t k = a; k < b; k++)
        unit_text(&u[k], choice[k], titlecase, dst, cap, &pos);
      i = j;
      continue;
    }
    size_t tail = b;
    while (tail > a && u[tail - 1].kind == U_NUM && !u[tail - 1].ntr)
      tail--;
    if (tail - a >= 2)
      conf *= tail - a == 2 ? 0.92 : 0.86;
    /* pe-an / ke-an nouns of an action with a name after them read best as
     * "X of Y" (pembebasan Korea: liberation of Korea) */
    int deverb = 0;
    if (tail - a >= 2 && u[a].len > 6 && strncasecmp(u[a].src + u[a].len - 2, "an", 2) == 0 &&
        strncasecmp(u[a].src, "pe", 2) == 0 &&
        (u[tail - 1].kind == U_NAME || pd_gloss_capitalized(u[tail - 1].src, u[tail - 1].len)))
      deverb = 1;
    int appos = tail - a >= 2 && u[a].title && u[tail - 1].person;
    int org = is_org_head(u[a].src, u[a].len);
    int poss = !appos && tail - a == 2 && u[a + 1].person && !u[a].title && !u[a].name &&
               u[a].kind == U_WORD && !org && !deverb && !pd_gloss_capitalized(u[a].src, u[a].len);
    if (!of_form && poss) {
      /* kakek Kim: Kim's grandfather */
      size_t p0 = pos;
      unit_text(&u[a + 1], choice[a + 1], 0, dst, cap, &pos);
      if (pos > p0 && pos + 3 < cap) {
        dst[pos++] = '\'';
        dst[pos++] = 's';
        dst[pos] = 0;
      }
      unit_text(&u[a], choice[a], titlecase, dst, cap, &pos);
    } else if (!of_form && appos) {
      /* Presiden Rusia Vladimir Putin: the name follows its title, as in English */
      for (size_t k = tail - 1; k-- > a;)
        unit_text(&u[k], choice[k], titlecase || k == a, dst, cap, &pos);
      unit_text(&u[tail - 1], choice[tail - 1], titlecase, dst, cap, &pos);
    } else if (of_form && !used_of && tail - a >= 2 && !appos &&
        (u[tail - 1].kind == U_NAME || pd_gloss_capitalized(u[tail - 1].src, u[tail - 1].len))) {
      /* head first, then "of", then the modifiers in English order */
      used_of = 1;
      unit_text(&u[a], choice[a], titlecase, dst, cap, &pos);
      put(dst, cap, &pos, "of", 0);
      for (size_t k = tail; k-- > a + 1;)
        unit_text(&u[k], choice[k], titlecase, dst, cap, &pos);
      conf *= deverb ? 1.0 : 0.8;
    } else {
      /* modifiers in reverse order, the Indonesian adjectives before the noun
       * modifiers (latihan gabungan angkatan laut: joint naval exercise) */
      for (int adj = 1; adj >= 0; adj--)
        for (size_t k = tail; k-- > a + 1;) {
          int is_adj = u[k].kind == U_ORD || (u[k].ntr && u[k].tr[0].pos == 'a');
          if (is_adj == adj)
            unit_text(&u[k], choice[k], titlecase, dst, cap, &pos);
        }
      if (tail > a)
        unit_text(&u[a], choice[a], titlecase || (org && tail - a >= 2 && u[tail - 1].name), dst,
                  cap, &pos);
      if (deverb)
        conf *= 0.85;
    }
    for (size_t k = tail; k < b; k++)
      unit_text(&u[k], 0, 0, dst, cap, &pos);
    for (size_t k = i; k < j; k++) {
      if (u[k].ntr) {
        const tr_ext *t = &u[k].tr[choice[k] < u[k].ntr ? choice[k] : 0];
        double w = t->tr.w;
        /* the head (first of the segment in Indonesian) wants a noun; modifiers
         * prefer adjectives */
        int head = k == a;
        if (!head && t->epos == 'a')
          w *= 1.15;
        if (head && t->epos == 'a' && tail - a >= 2)
          w *= 0.8;
        if (t->epos == 'v')
          w *= 0.85;
        conf *= w > 1.0 ? 1.0 : w;
      } else if (u[k].kind == U_WORD) {
        conf *= 0.15;
      }
    }
    i = j;
  }
  if (of_form && !used_of)
    return -1; /* not applicable */
  return conf;
}

int padan_glossary_compose(padan_lexicon *lex, const char *text, size_t len,
                           padan_gloss_candidate *out, size_t max, size_t *n) {
  pd_gloss_ctx cx;
  if (n)
    *n = 0;
  int rc = pd_gloss_ctx_init(&cx, lex);
  if (rc)
    return rc;
  rc = pd_gloss_compose(&cx, text, len, out, max, n);
  pd_gloss_ctx_free(&cx);
  return rc;
}

int pd_gloss_compose(pd_gloss_ctx *cx, const char *text, size_t len, padan_gloss_candidate *out,
                     size_t max, size_t *n) {
  padan_lexicon *lex = cx->lex;
  if (n)
    *n = 0;
  if (!n || (max && !out) || (!text && len))
    return PADAN_EARG;
  /* words */
  const char *w[MAXW];
  size_t wl[MAXW], nw = 0;
  for (size_t i = 0; i < len;) {
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
      i++;
    size_t s = i;
    while (i < len && text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
      i++;
    if (i == s)
      break;
    if (nw == MAXW)
      return PADAN_OK;
    /* punctuation around a word ("(Korut)", "ujian,") is not part of it */
    size_t a = s, b = i;
    while (a < b && strchr("(\"'[", text[a]))
      a++;
    while (b > a && strchr(")\"'],.;:", text[b - 1]))
      b--;
    if (b == a)
      continue;
    if (word_is(text + a, b - a, "yang") || word_is(text + a, b - a, "para"))
      continue;
    w[nw] = text + a, wl[nw] = b - a, nw++;
  }
  if (!nw)
    return PADAN_OK;
  int titlecase = 1;
  for (size_t i = 0; i < nw; i++) {
    int is_link = 0;
    for (size_t k = 0; k < sizeof links / sizeof links[0]; k++)
      is_link |= word_is(w[i], wl[i], links[k].id);
    if (!is_link && !pd_gloss_capitalized(w[i], wl[i]) && !is_digits(w[i], wl[i]))
      titlecase = 0;
  }
  int lower_start = !pd_gloss_capitalized(w[0], wl[0]);
  /* a capitalized word nobody can translate makes the phrase a person's name
   * (Budi Gunawan, Surya Paloh): its other capitalized words are not looked up
   * in a base dictionary either */
  int name_phrase = 0;
  for (size_t i = 0; i < nw && !name_phrase; i++) {
    tr_ext probe[1];
    if (pd_gloss_capitalized(w[i], wl[i]) && !all_upper(w[i], wl[i]) && !is_digits(w[i], wl[i]) &&
        word_ext(cx, w[i], wl[i], probe, 1) == 0)
      name_phrase = 1;
  }

  unit u[MAXW];
  size_t nu = 0;
  pd_buf span;
  pd_buf_init(&span);
  int rc = PADAN_OK;
  for (size_t i = 0; i < nw;) {
    unit *x = &u[nu];
    memset(x, 0, sizeof *x);
    /* the longest sub-phrase of 2+ words the lexicon knows */
    size_t took = 0;
    for (size_t m = nw - i; m >= 2 && !took; m--) {
      pd_buf_clear(&span);
      for (size_t k = 0; k < m; k++) {
        if (k && pd_buf_putc(&span, ' '))
          rc = PADAN_ENOMEM;
        if (pd_buf_append(&span, w[i + k], wl[i + k]))
          rc = PADAN_ENOMEM;
      }
      if (rc)
        goto out;
      padan_lexicon_hit h;
      int dv = 0;
      if (m <= 3 && m < nw && !pd_gloss_find(lex, span.p, span.len, 0, 0, &h, NULL) &&
          derive(cx, span.p, span.len, x->tr[0].tr.en, sizeof x->tr[0].tr.en, &dv) && dv >= 2) {
        x->src = w[i], x->len = (size_t)(w[i + m - 1] + wl[i + m - 1] - w[i]);
        x->kind = U_WORD, x->known = 1;
        x->tr[0].tr.w = 0.8, x->tr[0].tr.curated = 1, x->tr[0].pos = x->tr[0].epos = 'n';
        x->ntr = 1;
        took = m;
      } else if (pd_gloss_find(lex, span.p, span.len, 1, 0, &h, NULL)) {
        const char *en = pd_gloss_english(lex, h.concept, NULL, NULL, NULL);
        x->src = w[i], x->len = (size_t)(w[i + m - 1] + wl[i + m - 1] - w[i]);
        x->kind = U_WORD, x->known = 1;
        snprintf(x->tr[0].tr.en, sizeof x->tr[0].tr.en, "%s", en);
        x->tr[0].tr.w = h.base ? 0.75 : 1.0, x->tr[0].tr.curated = !h.base;
        x->tr[0].pos = x->tr[0].epos = 'n';
        x->ntr = 1;
        {
          padan_lexicon_term it2;
          if (padan_lexicon_term_get(lex, h.term, &it2) == PADAN_OK && pos_class(it2.pos) != '?')
            x->tr[0].pos = x->tr[0].epos = pos_class(it2.pos);
          padan_lexicon_concept cc;
          if (!h.base && padan_lexicon_concept_get(lex, h.concept, &cc) == PADAN_OK)
            for (size_t k = 0; k < cc.nterms && x->ntr < MAXTR; k++) {
              padan_lexicon_term at;
              if (padan_lexicon_concept_term(lex, h.concept, k, &at) != PADAN_OK ||
                  strcmp(at.lang, "en") != 0 || at.status != PADAN_TERM_ADMITTED)
                continue;
              tr_ext *o = &x->tr[x->ntr++];
              *o = x->tr[0];
              snprintf(o->tr.en, sizeof o->tr.en, "%s", at.text);
              o->tr.w = 0.9;
              if (pos_class(at.pos) != '?')
                o->epos = pos_class(at.pos);
            }
        }
        x->title = is_title(x->src, x->len);
        x->name = pd_gloss_capitalized(x->src, x->len) && en && pd_gloss_capitalized(en, strlen(en)) &&
                  !x->title;
        {
          padan_lexicon_term it;
          if (!h.base && padan_lexicon_term_get(lex, h.term, &it) == PADAN_OK)
            x->person = person_concept(lex, h.concept, pos_class(it.pos));
        }
        took = m;
      }
    }
    if (took) {
      i += took, nu++;
      continue;
    }
    const char *s = w[i];
    size_t sl = wl[i];
    x->src = s, x->len = sl, x->kind = U_WORD;
    int cap = pd_gloss_capitalized(s, sl);
    for (size_t k = 0; k < sizeof links / sizeof links[0] && !cap; k++)
      if (word_is(s, sl, links[k].id) && i > 0 && i + 1 < nw) {
        x->kind = U_LINK, x->known = 1;
        snprintf(x->link, sizeof x->link, "%s", links[k].en);
      }
    if (x->kind == U_LINK) {
      i++, nu++;
      continue;
    }
    if (i + 1 < nw && (nu == 0 || u[nu - 1].kind == U_LINK || u[nu - 1].kind == U_PRE))
      for (size_t k = 0; k < sizeof premods / sizeof premods[0]; k++)
        if (sl == strlen(premods[k].id) && strncasecmp(s, premods[k].id, sl) == 0) {
          x->kind = U_PRE, x->known = 1;
          snprintf(x->link, sizeof x->link, "%s", premods[k].en);
        }
    if (x->kind == U_PRE) {
      i++, nu++;
      continue;
    }
    if (is_digits(s, sl)) {
      x->kind = U_NUM, x->known = 1;
      i++, nu++;
      continue;
    }
    tr_ext ext[MAXTR];
    size_t ne = word_ext(cx, s, sl, ext, MAXTR);
    int curated = ne && ext[0].tr.curated;
    if (cap && !curated && (all_upper(s, sl) || lower_start || !titlecase || name_phrase))
      ne = 0; /* a name (or acronym) inside a common phrase: keep it */
    int base_name = 0;
    if (cap && !curated && ne && strlen(ext[0].tr.en) == sl && strncasecmp(ext[0].tr.en, s, sl) == 0)
      ne = 0, base_name = 1; /* a base dictionary lists the name as itself (Vladimir, Korea) */
    if (!curated) {
      for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
        if (word_is(s, sl, numerals[k].id) ||
            (cap && sl == strlen(numerals[k].id) && strncasecmp(s, numerals[k].id, sl) == 0)) {
          x->kind = numerals[k].ord ? U_ORD : U_NUM;
          x->known = 1;
          snprintf(x->tr[0].tr.en, sizeof x->tr[0].tr.en, "%s", numerals[k].en);
          x->tr[0].tr.w = 1.0, x->tr[0].tr.curated = 1;
          x->tr[0].pos = x->tr[0].epos = 'a';
          x->ntr = 1;
          ne = 0;
        }
    }
    if (x->ntr) {
      i++, nu++;
      continue;
    }
    x->title = is_title(s, sl);
    {
      const char *hy = memchr(s, '-', sl);
      size_t h1 = hy ? (size_t)(hy - s) : 0;
      x->plural = hy && h1 * 2 + 1 == sl && strncasecmp(s, hy + 1, h1) == 0;
    }
    if (ne) {
      memcpy(x->tr, ext, ne * sizeof ext[0]);
      x->ntr = ne, x->known = 1;
      if (cap && !x->title && ext[0].pos == 'p' &&
          pd_gloss_capitalized(ext[0].tr.en, strlen(ext[0].tr.en))) {
        x->name = 1;
        x->person = ext[0].person;
        /* Putin -> Vladimir Putin: a name the English contains stays as written */
        if (has_word(ext[0].tr.en, s, sl) && !(sl == strlen(ext[0].tr.en))) {
          x->ntr = 0, x->kind = U_NAME;
        }
      }
    } else if (cap) {
      x->kind = U_NAME, x->known = 1, x->name = 1;
      /* unknown names are mostly people; those a base dictionary lists are mostly places */
      x->person = !all_upper(s, sl) && !base_name;
    }
    i++, nu++;
  }
  /* consecutive names are one name, kept in their order */
  size_t m = 0;
  for (size_t i = 0; i < nu; i++) {
    if (m && u[i].kind == U_NAME && u[m - 1].kind == U_NAME) {
      u[m - 1].len = (size_t)(u[i].src + u[i].len - u[m - 1].src);
      u[m - 1].person |= u[i].person;
      continue;
    }
    u[m++] = u[i];
  }
  nu = m;
  /* order each word's senses by its role: the head wants a noun, a modifier an adjective */
  size_t cur_head = 0;
  for (size_t i = 0; i < nu; i++) {
    size_t q = i;
    while (q > 0 && (u[q - 1].kind == U_NUM || u[q - 1].kind == U_PRE))
      q--;
    int head = u[i].kind != U_NUM && u[i].kind != U_PRE && (q == 0 || u[q - 1].kind == U_LINK);
    u[i].modifier = !head && u[i].kind != U_LINK;
    if (head)
      cur_head = i;
    /* a place name as a modifier takes its adjective when the lexicon's phrases
     * show one (Rusia: Russia -> Russian, from "Angkatan Laut Rusia" = "Russian Navy") */
    if (u[i].modifier && u[i].ntr && !u[i].person && pd_gloss_capitalized(u[i].src, u[i].len) &&
        !is_org_head(u[cur_head].src, u[cur_head].len) && /* Laut China Selatan: South China Sea */
        pd_gloss_capitalized(u[i].tr[0].tr.en, strlen(u[i].tr[0].tr.en)) && u[i].ntr < MAXTR + 1) {
      char adj[96];
      int votes = 0;
      const char *en0 = u[i].tr[0].tr.en;
      if (derive(cx, u[i].src, u[i].len, adj, sizeof adj, &votes) && votes >= 1 &&
          strcmp(adj, en0) != 0 && strncmp(adj, en0, strlen(en0) > 4 ? 4 : strlen(en0)) == 0 &&
          pd_gloss_capitalized(adj, strlen(adj))) {
        size_t last = u[i].ntr < MAXTR ? u[i].ntr : MAXTR - 1;
        memmove(&u[i].tr[1], &u[i].tr[0], last * sizeof u[i].tr[0]);
        snprintf(u[i].tr[0].tr.en, sizeof u[i].tr[0].tr.en, "%s", adj);
        u[i].tr[0].epos = 'a';
        u[i].ntr = last + 1;
      }
    }
    for (size_t k = 1; k < u[i].ntr; k++)
      for (size_t j = k; j > 0; j--) {
        double wa = u[i].tr[j].tr.w, wb = u[i].tr[j - 1].tr.w;
        wa *= head ? (u[i].tr[j].epos == 'n' ? 1.1 : u[i].tr[j].epos == 'a' ? 0.8 : 1.0)
                   : (u[i].tr[j].epos == 'a' ? 1.15 : 1.0);
        wb *= head ? (u[i].tr[j - 1].epos == 'n' ? 1.1 : u[i].tr[j - 1].epos == 'a' ? 0.8 : 1.0)
                   : (u[i].tr[j - 1].epos == 'a' ? 1.15 : 1.0);
        if (wa <= wb)
          break;
        tr_ext t = u[i].tr[j];
        u[i].tr[j] = u[i].tr[j - 1];
        u[i].tr[j - 1] = t;
      }
  }
  int complete = 1;
  for (size_t i = 0; i < nu; i++)
    complete &= u[i].known;
  /* English capitals only for a real title phrase: two capitalized common words or more
   * (Dewan Keamanan), not for a sentence-initial capital (Kunjungan Putin) */
  size_t capcommon = 0;
  for (size_t i = 0; i < nu; i++)
    if ((u[i].ntr || u[i].kind == U_PRE) && !u[i].name && pd_gloss_capitalized(u[i].src, u[i].len))
      capcommon++;
  int tc = capcommon >= 2;

  /* candidates: the best choice everywhere, one other choice per unit, the "of" form */
  cand cs[2 * MAXW + 4];
  size_t nc = 0;
  size_t choice[MAXW] = {0};
  cs[nc].conf = render(u, nu, choice, 0, tc, cs[nc].text, sizeof cs[nc].text);
  nc++;
  double of = render(u, nu, choice, 1, tc, cs[nc].text, sizeof cs[nc].text);
  if (of > 0)
    cs[nc++].conf = of;
  for (size_t i = 0; i < nu; i++)
    for (size_t k = 1; k < u[i].ntr; k++) {
      choice[i] = k;
      cs[nc].conf = render(u, nu, choice, 0, tc, cs[nc].text, sizeof cs[nc].text);
      nc++;
      choice[i] = 0;
      if (nc >= sizeof cs / sizeof cs[0])
        break;
    }
  /* best first, duplicates out */
  for (size_t i = 1; i < nc; i++)
    for (size_t j = i; j > 0 && cs[j].conf > cs[j - 1].conf; j--) {
      cand t = cs[j];
      cs[j] = cs[j - 1];
      cs[j - 1] = t;
    }
  size_t got = 0;
  for (size_t i = 0; i < nc && got < max; i++) {
    size_t j = 0;
    while (j < got && strcmp(out[j].text, cs[i].text) != 0)
      j++;
    if (j < got || !cs[i].text[0])
      continue;
    memcpy(out[got].text, cs[i].text, sizeof out[got].text);
    out[got].confidence = cs[i].conf;
    out[got].complete = complete;
    got++;
  }
  *n = got;
out:
  pd_buf_free(&span);
  return rc;
}
