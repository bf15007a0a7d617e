/* lexicon/: indexes, lookup (exact, case, lemma, fuzzy) and lint. */
#include "config.h"
#include "lexicon/lexicon_int.h"

#include <stdlib.h>
#include <string.h>

static int grow_heads(uint32_t **heads, size_t *n, size_t need) {
  if (need <= *n)
    return PADAN_OK;
  size_t m = *n ? *n : 1024;
  while (m < need)
    m *= 2;
  uint32_t *h = realloc(*heads, m * sizeof *h);
  if (!h)
    return PADAN_ENOMEM;
  memset(h + *n, 0, (m - *n) * sizeof *h);
  *heads = h, *n = m;
  return PADAN_OK;
}

static int cmp_fuzzy(const void *a, const void *b) {
  const pd_fuzzy_entry *x = a, *y = b;
  if (x->lang != y->lang)
    return x->lang < y->lang ? -1 : 1;
  if (x->cplen != y->cplen)
    return x->cplen < y->cplen ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static uint32_t cp_count(const char *s, size_t n) {
  uint32_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* A bit per code point value mod 64: a string within d edits of another lacks
 * at most d of its bits (each edit removes at most one character). */
static uint64_t cp_mask(const char *s, size_t n) {
  uint64_t m = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)pd_utf8_next(s + i, n - i, &cp);
    m |= (uint64_t)1 << ((uint32_t)cp & 63);
  }
  return m;
}

static uint64_t bigram_mask(const char *s, size_t n) {
  uint64_t m = 0;
  uint32_t prev = 0;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    i += (size_t)pd_utf8_next(s + i, n - i, &cp);
    if (i > 0 && prev)
      m |= (uint64_t)1 << (((prev * 31u) ^ (uint32_t)cp) * 2654435761u >> 26);
    prev = (uint32_t)cp | 0x80000000u;
  }
  return m;
}

static int popcount64(uint64_t x) {
#if defined(__GNUC__)
  return __builtin_popcountll(x);
#else
  int n = 0;
  while (x)
    x &= x - 1, n++;
  return n;
#endif
}

/* The fuzzy candidates: distinct (language, folded form) with length and
 * character masks, sorted by language and length. Built on first use. */
static int build_fuzzy(padan_lexicon *lex) {
  size_t nt = lex->terms.n;
  /* fuzzy candidates: distinct (lang, folded form), by length */
  lex->fuzzy.n = 0;
  for (size_t i = 0; i < nt; i++) {
    pd_term *t = PD_LEX_TERM(lex, i);
    if (lex->fold_head[t->fold] != i + 1)
      continue; /* the chain's first term stands for its key */
    size_t len;
    const char *s = pd_strmap_str(&lex->strs, t->fold, &len);
    pd_fuzzy_entry *e = pd_vec_push(&lex->fuzzy);
    if (!e)
      return PADAN_ENOMEM;
    uint64_t mask = cp_mask(s, len), bg = bigram_mask(s, len);
    e->key = t->fold, e->lang = t->lang, e->cplen = cp_count(s, len), e->mask = mask;
    e->bigrams = bg;
    /* other languages with the same folded form */
    for (uint32_t j = lex->next_fold[i]; j; j = lex->next_fold[j - 1]) {
      pd_term *u = PD_LEX_TERM(lex, j - 1);
      int seen = u->lang == t->lang;
      for (uint32_t k = lex->next_fold[i]; !seen && k != j; k = lex->next_fold[k - 1])
        seen = PD_LEX_TERM(lex, k - 1)->lang == u->lang;
      if (!seen) {
        pd_fuzzy_entry *f = pd_vec_push(&lex->fuzzy);
        if (!f)
          return PADAN_ENOMEM;
        f->key = t->fold, f->lang = u->lang, f->cplen = cp_count(s, len), f->mask = mask;
        f->bigrams = bg;
      }
    }
  }
  qsort(lex->fuzzy.p, lex->fuzzy.n, sizeof(pd_fuzzy_entry), cmp_fuzzy);
  lex->fuzzy_dirty = 0;
  return PADAN_OK;
}

int pd_lex_index(padan_lexicon *lex) {
  if (!lex->dirty)
    return PADAN_OK;
  size_t nt = lex->terms.n, nc = lex->concepts.n;
  /* keys of new terms */
  uint32_t lang_id = pd_strmap_find(&lex->strs, "id", 2);
  pd_buf b;
  pd_buf_init(&b);
  for (size_t i = lex->indexed_terms; i < nt; i++) {
    pd_term *t = PD_LEX_TERM(lex, i);
    size_t len;
    const char *s = pd_strmap_str(&lex->strs, t->text, &len);
    /* keys share the id space of the texts: a text that is its own key
     * (lower-case ASCII, the common case) costs no hashing */
    int plain = 1;
    for (size_t j = 0; j < len && plain; j++)
      plain = (unsigned char)s[j] < 0x80 && !(s[j] >= 'A' && s[j] <= 'Z');
    if (plain) {
      t->fold = t->text;
    } else {
      pd_buf_clear(&b);
      if (pd_lex_fold_key(s, len, &b) ||
          pd_strmap_intern(&lex->strs, b.p ? b.p : "", b.len, &t->fold))
        goto nomem;
    }
    /* the lemma rules (reduplication, clitics) are Indonesian; elsewhere
     * the folded form serves */
    if (t->lang != lang_id) {
      t->lemma = t->fold;
      continue;
    }
    pd_buf_clear(&b);
    if (pd_lex_lemma_key(s, len, &b))
      goto nomem;
    size_t fl;
    const char *fs = pd_strmap_str(&lex->strs, t->fold, &fl);
    s = NULL;
    if (b.len == fl && memcmp(b.p, fs, fl) == 0)
      t->lemma = t->fold;
    else if (pd_strmap_intern(&lex->strs, b.p ? b.p : "", b.len, &t->lemma))
      goto nomem;
  }
  pd_buf_free(&b);
  lex->indexed_terms = nt;
  /* rebuild the chains (cheap: linear) */
  free(lex->next_text), free(lex->next_fold), free(lex->next_lemma);
  free(lex->cstart), free(lex->cterms);
  lex->next_text = calloc(nt + 1, sizeof(uint32_t));
  lex->next_fold = calloc(nt + 1, sizeof(uint32_t));
  lex->next_lemma = calloc(nt + 1, sizeof(uint32_t));
  lex->cstart = calloc(nc + 2, sizeof(uint32_t));
  lex->cterms = calloc(nt + 1, sizeof(uint32_t));
  if (!lex->next_text || !lex->next_fold || !lex->next_lemma || !lex->cstart || !lex->cterms)
    return PADAN_ENOMEM;
  size_t kn = lex->text_head_n;
  if (grow_heads(&lex->fold_head, &kn, pd_strmap_count(&lex->strs) + 1))
    return PADAN_ENOMEM;
  kn = lex->text_head_n;
  if (grow_heads(&lex->lemma_head, &kn, pd_strmap_count(&lex->strs) + 1))
    return PADAN_ENOMEM;
  if (grow_heads(&lex->text_head, &lex->text_head_n, pd_strmap_count(&lex->strs) + 1))
    return PADAN_ENOMEM;
  lex->key_head_n = lex->text_head_n;
  memset(lex->text_head, 0, lex->text_head_n * sizeof(uint32_t));
  memset(lex->fold_head, 0, lex->key_head_n * sizeof(uint32_t));
  memset(lex->lemma_head, 0, lex->key_head_n * sizeof(uint32_t));
  /* insert in reverse so that chains run in term order */
  for (size_t i = nt; i-- > 0;) {
    pd_term *t = PD_LEX_TERM(lex, i);
    lex->next_text[i] = lex->text_head[t->text];
    lex->text_head[t->text] = (uint32_t)i + 1;
    lex->next_fold[i] = lex->fold_head[t->fold];
    lex->fold_head[t->fold] = (uint32_t)i + 1;
    lex->next_lemma[i] = lex->lemma_head[t->lemma];
    lex->lemma_head[t->lemma] = (uint32_t)i + 1;
    lex->cstart[t->concept + 1]++;
  }
  for (size_t c = 0; c < nc; c++)
    lex->cstart[c + 1] += lex->cstart[c];
  uint32_t *fill = calloc(nc + 1, sizeof(uint32_t));
  if (!fill)
    return PADAN_ENOMEM;
  for (size_t i = 0; i < nt; i++) {
    uint32_t c = PD_LEX_TERM(lex, i)->concept;
    lex->cterms[lex->cstart[c] + fill[c]++] = (uint32_t)i;
  }
  free(fill);
  lex->fuzzy_dirty = 1;
  /* the compact key tables */
  size_t ns = 64;
  while (ns < 2 * nt + 2)
    ns *= 2;
  for (int k = 0; k < 3; k++) {
    free(lex->ktab[k]);
    lex->ktab[k] = calloc(ns, sizeof(struct pd_kslot));
    if (!lex->ktab[k])
      return PADAN_ENOMEM;
  }
  lex->ktab_mask = ns - 1;
  for (size_t i = 0; i < nt; i++) {
    pd_term *t = PD_LEX_TERM(lex, i);
    uint32_t key[3] = {t->text, t->fold, t->lemma};
    const uint32_t *heads[3] = {lex->text_head, lex->fold_head, lex->lemma_head};
    for (int k = 0; k < 3; k++) {
      if (heads[k][key[k]] != i + 1)
        continue; /* only the chain head stands for its key */
      size_t len;
      const char *s = pd_strmap_str(&lex->strs, key[k], &len);
      uint32_t h = pd_hash(s, len);
      size_t j = h & lex->ktab_mask;
      while (lex->ktab[k][j].head)
        j = (j + 1) & lex->ktab_mask;
      lex->ktab[k][j].hash = h;
      lex->ktab[k][j].head = (uint32_t)(i + 1);
      lex->ktab[k][j].str = s;
    }
  }
  lex->dirty = 0;
  return PADAN_OK;
nomem:
  pd_buf_free(&b);
  return PADAN_ENOMEM;
}

/* ------------------------------------------------------------ lookup */

/* The chain head (term + 1) of key s in table kind k (0 text, 1 fold, 2 lemma), or 0. */
static uint32_t ktab_find(const padan_lexicon *lex, int k, const char *s, size_t len) {
  uint32_t h = pd_hash(s, len);
  const struct pd_kslot *tab = lex->ktab[k];
  for (size_t j = h & lex->ktab_mask;; j = (j + 1) & lex->ktab_mask) {
    if (!tab[j].head)
      return 0;
    if (tab[j].hash == h && memcmp(tab[j].str, s, len) == 0 && tab[j].str[len] == '\0')
      return tab[j].head;
  }
}

/* Collects the terms of chain `head` in `lang`; returns the number added. */
static size_t collect(padan_lexicon *lex, uint32_t head, const uint32_t *next, uint32_t lang,
                      int match, int dist, pd_vec *acc) {
  size_t added = 0;
  for (uint32_t j = head; j; j = next[j - 1]) {
    pd_term *t = PD_LEX_TERM(lex, j - 1);
    if (t->lang != lang)
      continue;
    padan_lexicon_hit *h = pd_vec_push(acc);
    if (!h)
      return added;
    h->term = j - 1, h->concept = t->concept, h->match = match, h->distance = dist;
    h->base = t->base;
    added++;
  }
  return added;
}

/* Optimal-string-alignment distance of code point arrays, or max+1 when over max. */
static int osa(const int32_t *a, size_t n, const int32_t *b, size_t m, int max) {
  enum { W = 80 };
  if (n >= W || m >= W)
    return max + 1;
  int d0[W + 1], d1[W + 1], d2[W + 1];
  int *pp = d0, *p = d1, *c = d2;
  for (size_t j = 0; j <= m; j++)
    p[j] = (int)j;
  for (size_t i = 1; i <= n; i++) {
    c[0] = (int)i;
    int rowmin = c[0];
    for (size_t j = 1; j <= m; j++) {
      int cost = a[i - 1] != b[j - 1];
      int v = p[j] + 1;
      if (c[j - 1] + 1 < v)
        v = c[j - 1] + 1;
      if (p[j - 1] + cost < v)
        v = p[j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
        v = pp[j - 2] + 1;
      c[j] = v;
      if (v < rowmin)
        rowmin = v;
    }
    if (rowmin > max)
      return max + 1;
    int *t = pp;
    pp = p, p = c, c = t;
  }
  return p[m];
}

static size_t decode(const char *s, size_t len, int32_t *out, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < len && n < max;) {
    int32_t cp;
    int k = pd_utf8_next(s + i, len - i, &cp);
    out[n++] = cp;
    i += (size_t)k;
  }
  return n;
}

static int cmp_hit(const void *a, const void *b) {
  const padan_lexicon_hit *x = a, *y = b;
  if (x->base != y->base)
    return x->base - y->base;
  if (x->match != y->match)
    return x->match - y->match;
  if (x->distance != y->distance)
    return x->distance - y->distance;
  return x->term < y->term ? -1 : x->term > y->term;
}

int padan_lexicon_lookup(padan_lexicon *lex, const char *lang, const char *text, size_t len,
                         unsigned flags, padan_lexicon_hit *hits, size_t max, size_t *nhits) {
  if (nhits)
    *nhits = 0;
  if (!lex || !lang || (!text && len) || (max && !hits))
    return PADAN_EARG;
  if (!flags)
    flags = PADAN_LOOKUP_ALL;
  int rc = pd_lex_index(lex);
  if (rc)
    return pd_lex_fail(lex, rc, "lookup: out of memory");
  uint32_t l = pd_strmap_find(&lex->strs, lang, strlen(lang));
  if (!l || !len)
    return PADAN_OK;
  pd_vec acc = lex->acc; /* reused between calls: no allocation per lookup */
  acc.n = 0;
  size_t found = 0;
  if (flags & PADAN_LOOKUP_EXACT) {
    uint32_t head = ktab_find(lex, 0, text, len);
    if (head)
      found += collect(lex, head, lex->next_text, l, PADAN_MATCH_EXACT, 0, &acc);
  }
  pd_buf k = lex->scratch;
  pd_buf_clear(&k);
  if (!found && (flags & PADAN_LOOKUP_CASE)) {
    if (pd_lex_fold_key(text, len, &k) == PADAN_OK) {
      uint32_t head = ktab_find(lex, 1, k.p ? k.p : "", k.len);
      if (head)
        found += collect(lex, head, lex->next_fold, l, PADAN_MATCH_CASE, 0, &acc);
    }
  }
  if (!found && (flags & PADAN_LOOKUP_LEMMA)) {
    pd_buf_clear(&k);
    if (pd_lex_lemma_key(text, len, &k) == PADAN_OK) {
      uint32_t head = ktab_find(lex, 2, k.p ? k.p : "", k.len);
      if (head)
        found += collect(lex, head, lex->next_lemma, l, PADAN_MATCH_LEMMA, 0, &acc);
    }
  }
  if (!found && (flags & PADAN_LOOKUP_FUZZY)) {
    pd_buf_clear(&k);
    if (pd_lex_fold_key(text, len, &k) == PADAN_OK && k.len) {
      int32_t q[80], c[80];
      size_t qn = decode(k.p, k.len, q, 80);
      /* 1 edit from 4 characters, 2 from 9; nothing for shorter words */
      int maxd = qn >= 9 ? 2 : qn >= 4 ? 1 : 0;
      int best = maxd + 1;
      pd_vec cand = lex->cand;
      cand.n = 0;
      if (maxd > 0 && lex->fuzzy_dirty && build_fuzzy(lex)) {
        lex->scratch = k, lex->acc = acc, lex->cand = cand;
        return pd_lex_fail(lex, PADAN_ENOMEM, "lookup: out of memory");
      }
      if (maxd > 0) {
        const pd_fuzzy_entry *fe = lex->fuzzy.p;
        uint64_t qmask = cp_mask(k.p, k.len), qbg = bigram_mask(k.p, k.len);
        size_t lo = 0, hi = lex->fuzzy.n;
        uint32_t minlen = qn > (size_t)maxd ? (uint32_t)(qn - (size_t)maxd) : 0;
        while (lo < hi) { /* first entry of this language with cplen >= minlen */
          size_t mid = (lo + hi) / 2;
          if (fe[mid].lang < l || (fe[mid].lang == l && fe[mid].cplen < minlen))
            lo = mid + 1;
          else
            hi = mid;
        }
        for (size_t i = lo; i < lex->fuzzy.n && fe[i].lang == l && fe[i].cplen <= qn + (size_t)maxd;
             i++) {
          /* an edit removes at most one character and three adjacent pairs */
          if (popcount64(qmask & ~fe[i].mask) > maxd || popcount64(fe[i].mask & ~qmask) > maxd ||
              popcount64(qbg & ~fe[i].bigrams) > 3 * maxd ||
              popcount64(fe[i].bigrams & ~qbg) > 3 * maxd)
            continue;
          size_t sl;
          const char *s = pd_strmap_str(&lex->strs, fe[i].key, &sl);
          size_t cn = decode(s, sl, c, 80);
          int d = osa(q, qn, c, cn, best < maxd + 1 ? best : maxd);
          if (d <= maxd && d <= best) {
            if (d < best)
              cand.n = 0, best = d;
            collect(lex, lex->fold_head[fe[i].key], lex->next_fold, l, PADAN_MATCH_FUZZY, d, &cand);
          }
        }
      }
      for (size_t i = 0; i < cand.n; i++) {
        padan_lexicon_hit *h = pd_vec_push(&acc);
        if (h)
          *h = PD_VEC_AT(&cand, padan_lexicon_hit, i);
      }
      lex->cand = cand;
    }
  }
  lex->scratch = k;
  if (acc.n > 1)
    qsort(acc.p, acc.n, sizeof(padan_lexicon_hit), cmp_hit);
  for (size_t i = 0; i < acc.n && i < max; i++)
    hits[i] = PD_VEC_AT(&acc, padan_lexicon_hit, i);
  if (nhits)
    *nhits = acc.n;
  lex->acc = acc;
  return PADAN_OK;
}

/* ------------------------------------------------------------ lint */

typedef struct {
  padan_lexicon *lex;
  padan_lexicon_finding_fn fn;
  void *ud;
  size_t count;
  pd_buf msg;
} linter;

static void report(linter *L, const char *kind, uint32_t concept, uint32_t term, const char *fmt,
                   ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void report(linter *L, const char *kind, uint32_t concept, uint32_t term, const char *fmt,
                   ...) {
  padan_lexicon *lex = L->lex;
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  pd_concept *cp = PD_LEX_CONCEPT(lex, concept);
  padan_lexicon_finding f;
  f.kind = kind;
  f.source = PD_VEC_AT(&lex->files, pd_lexfile, cp->file).path;
  f.concept = PD_LEX_STR(lex, cp->id);
  f.message = tmp;
  if (term != UINT32_MAX) {
    pd_term *t = PD_LEX_TERM(lex, term);
    f.line = t->line;
    f.lang = PD_LEX_STR(lex, t->lang);
    f.term = PD_LEX_STR(lex, t->text);
  } else {
    f.line = cp->line;
    f.lang = "";
    f.term = "";
  }
  L->count++;
  if (L->fn)
    L->fn(&f, L->ud);
}

static int has_ambiguous(padan_lexicon *lex, pd_term *t) {
  return t->note && strstr(PD_LEX_STR(lex, t->note), "ambiguous") != NULL;
}

/* Where term t is, told from term here: "line N" in the same file, else
 * "FILE:N" (two files may define a concept with the same id). */
static const char *where(const padan_lexicon *lex, const pd_term *t, const pd_term *here, char *b,
                         size_t n) {
  uint32_t ft = PD_LEX_CONCEPT(lex, t->concept)->file, fh = PD_LEX_CONCEPT(lex, here->concept)->file;
  if (ft == fh)
    snprintf(b, n, "line %u", t->line);
  else
    snprintf(b, n, "%s:%u", PD_VEC_AT(&lex->files, pd_lexfile, ft).path, t->line);
  return b;
}

int padan_lexicon_lint(padan_lexicon *lex, padan_lexicon_finding_fn fn, void *ud, size_t *count) {
  if (count)
    *count = 0;
  if (!lex)
    return PADAN_EARG;
  int rc = pd_lex_index(lex);
  if (rc)
    return pd_lex_fail(lex, rc, "lint: out of memory");
  char wbuf[4200]; /* where(): a file name and a line */
  linter L = {lex, fn, ud, 0, {0}};
  size_t nc = lex->concepts.n;
  for (size_t c = 0; c < nc; c++) {
    pd_concept *cp = PD_LEX_CONCEPT(lex, c);
    const uint32_t *ts;
    size_t n;
    pd_lex_concept_terms(lex, c, &ts, &n);
    if (cp->domain_conflict_line) {
      pd_concept tmpc = *cp;
      (void)tmpc;
      report(&L, "domain-conflict", (uint32_t)c, UINT32_MAX,
             "concept %s has domain '%s' and, at line %u, '%s'", PD_LEX_STR(lex, cp->id),
             PD_LEX_STR(lex, cp->domain), cp->domain_conflict_line,
             PD_LEX_STR(lex, cp->domain_conflict));
    }
    /* per language: preferred count */
    for (size_t k = 0; k < n; k++) {
      pd_term *t = PD_LEX_TERM(lex, ts[k]);
      int first = 1;
      for (size_t j = 0; j < k && first; j++)
        first = PD_LEX_TERM(lex, ts[j])->lang != t->lang;
      if (first) {
        const char *lg = PD_LEX_STR(lex, t->lang);
        /* a TBX (and its TSV export) may carry other languages: kept, never looked up */
        if (strcmp(lg, "id") != 0 && strcmp(lg, "en") != 0)
          report(&L, "language", (uint32_t)c, ts[k],
                 "concept %s has terms in '%s': padan looks up only id and en",
                 PD_LEX_STR(lex, cp->id), lg);
        size_t npref = 0;
        uint32_t second = UINT32_MAX;
        for (size_t j = k; j < n; j++) {
          pd_term *u = PD_LEX_TERM(lex, ts[j]);
          if (u->lang == t->lang && u->status == PADAN_TERM_PREFERRED && ++npref == 2)
            second = ts[j];
        }
        if (npref == 0)
          report(&L, "no-preferred", (uint32_t)c, ts[k],
                 "concept %s has no preferred term in '%s'", PD_LEX_STR(lex, cp->id),
                 PD_LEX_STR(lex, t->lang));
        else if (npref > 1)
          report(&L, "multi-preferred", (uint32_t)c, second,
                 "concept %s has %zu preferred terms in '%s'", PD_LEX_STR(lex, cp->id), npref,
                 PD_LEX_STR(lex, t->lang));
      }
      /* whitespace */
      size_t len;
      const char *s = pd_strmap_str(&lex->strs, t->text, &len);
      int ws = len && (s[0] == ' ' || s[len - 1] == ' ' || s[0] == '\t' || s[len - 1] == '\t');
      for (size_t i = 0; i + 1 < len && !ws; i++)
        ws = (s[i] == ' ' && s[i + 1] == ' ') || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
      if (ws)
        report(&L, "whitespace", (uint32_t)c, ts[k], "stray whitespace in '%s'", s);
      /* duplicates in the concept */
      for (size_t j = 0; j < k; j++) {
        pd_term *u = PD_LEX_TERM(lex, ts[j]);
        if (u->lang != t->lang)
          continue;
        if (u->text == t->text) {
          report(&L, "duplicate", (uint32_t)c, ts[k], "'%s' appears twice in concept %s", s,
                 PD_LEX_STR(lex, cp->id));
          break;
        }
        if (u->fold == t->fold) {
          report(&L, "case-duplicate", (uint32_t)c, ts[k],
                 "'%s' differs only in case from '%s' in concept %s", s,
                 PD_LEX_STR(lex, u->text), PD_LEX_STR(lex, cp->id));
          break;
        }
      }
    }
  }
  /* across concepts: same folded form, same language */
  for (size_t i = 0; i < lex->terms.n; i++) {
    pd_term *t = PD_LEX_TERM(lex, i);
    if (lex->fold_head[t->fold] != i + 1)
      continue;
    (void)t;
    for (uint32_t j = lex->next_fold[i]; j; j = lex->next_fold[j - 1]) {
      pd_term *u = PD_LEX_TERM(lex, j - 1);
      /* compare with the first term of the chain in u's language */
      uint32_t f = (uint32_t)i + 1;
      while (f != j && PD_LEX_TERM(lex, f - 1)->lang != u->lang)
        f = lex->next_fold[f - 1];
      pd_term *v0 = PD_LEX_TERM(lex, f - 1);
      if (f == j || v0->concept == u->concept)
        continue;
      const char *s = PD_LEX_STR(lex, u->text);
      if (has_ambiguous(lex, v0) && has_ambiguous(lex, u))
        continue;
      int dup = 0; /* the same other concept seen earlier in the chain */
      for (uint32_t k = lex->next_fold[f - 1]; k != j && !dup; k = lex->next_fold[k - 1]) {
        pd_term *v = PD_LEX_TERM(lex, k - 1);
        dup = v->lang == u->lang && v->concept == u->concept;
      }
      if (!dup)
        report(&L, "multi-concept", u->concept, (uint32_t)(j - 1),
               "'%s' (%s) is also a term of concept %s (%s)", s, PD_LEX_STR(lex, u->lang),
               PD_LEX_STR(lex, PD_LEX_CONCEPT(lex, v0->concept)->id),
               where(lex, v0, u, wbuf, sizeof wbuf));
    }
    /* a form deprecated in one concept and preferred in another (any pair in the chain) */
    for (uint32_t j = (uint32_t)i + 1; j; j = lex->next_fold[j - 1]) {
      pd_term *d = PD_LEX_TERM(lex, j - 1);
      if (d->status != PADAN_TERM_DEPRECATED)
        continue;
      for (uint32_t k = (uint32_t)i + 1; k; k = lex->next_fold[k - 1]) {
        pd_term *p = PD_LEX_TERM(lex, k - 1);
        if (p->status != PADAN_TERM_PREFERRED || p->lang != d->lang || p->concept == d->concept)
          continue;
        report(&L, "status-conflict", d->concept, j - 1,
               "'%s' is deprecated here but preferred in concept %s (%s)",
               PD_LEX_STR(lex, d->text), PD_LEX_STR(lex, PD_LEX_CONCEPT(lex, p->concept)->id),
               where(lex, p, d, wbuf, sizeof wbuf));
        break;
      }
    }
  }
  if (count)
    *count = L.count;
  return PADAN_OK;
}
