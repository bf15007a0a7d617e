/* check/: the checker, its lexicon index, and the bilingual check. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <padan/align.h>
#include "check/internal.h"

const char *padan_check_kind_name(int kind) {
  static const char *const names[] = {"?",         "missing", "deprecated", "inconsistent",
                                      "spelling",  "order",   "variants",   "near-miss"};
  if (kind < 1 || kind > PADAN_CHECK_NEARMISS)
    return "?";
  return names[kind];
}

int pd_chk_fail(padan_checker *c, int status, const char *fmt, ...) {
  va_list ap;
  char msg[512];
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pd_buf_clear(&c->err);
  pd_buf_puts(&c->err, msg);
  return status;
}

const char *padan_checker_errmsg(const padan_checker *c) {
  if (!c || !c->err.p)
    return "";
  return c->err.p;
}

char *pd_chk_strdup(padan_checker *c, const char *s, size_t n) {
  return pd_arena_strndup(&c->arena, s ? s : "", s ? n : 0);
}

void pd_chk_reset(padan_checker *c) {
  pd_arena_free(&c->arena);
  pd_arena_init(&c->arena);
  c->findings.n = 0;
}

static size_t count_words(const char *k, size_t n) {
  size_t w = n ? 1 : 0;
  for (size_t i = 0; i < n; i++)
    if (k[i] == ' ')
      w++;
  return w;
}

static int build_index(padan_checker *c) {
  padan_lexicon *lex = c->lex;
  size_t nt = padan_lexicon_term_count(lex);
  c->nterms = nt;
  c->term_next = calloc(nt ? nt : 1, sizeof *c->term_next);
  c->term_ok = calloc(nt ? nt : 1, 1);
  c->en_verb = calloc(nt ? nt : 1, 1);
  c->en_seq = calloc(nt ? nt : 1, sizeof *c->en_seq);
  c->en_nseq = calloc(nt ? nt : 1, sizeof *c->en_nseq);
  if (!c->term_next || !c->term_ok || !c->en_verb || !c->en_seq || !c->en_nseq)
    return PADAN_ENOMEM;
  pd_buf tmp, key;
  pd_vec words;
  pd_buf_init(&tmp);
  pd_buf_init(&key);
  pd_vec_init(&words, sizeof(pd_chk_word));
  int rc = PADAN_OK;
  /* insert in reverse so chains come out in file order */
  for (size_t t = nt; t-- > 0 && rc == PADAN_OK;) {
    padan_lexicon_term term;
    padan_lexicon_concept con;
    if (padan_lexicon_term_get(lex, t, &term) || padan_lexicon_concept_get(lex, term.concept, &con))
      continue;
    if (con.base)
      continue;
    if (strcmp(term.lang, "id") == 0) {
      pd_buf_clear(&key);
      if ((rc = pd_chk_id_key(term.text, term.len, &tmp, &key)))
        break;
      if (key.len == 0)
        continue;
      uint32_t id;
      if ((rc = pd_strmap_intern(&c->idkeys, key.p, key.len, &id)))
        break;
      if (id >= c->key_cap) {
        size_t ncap = c->key_cap ? c->key_cap : 256;
        while (ncap <= id)
          ncap *= 2;
        uint32_t *nk = realloc(c->key_first, ncap * sizeof *nk);
        if (!nk) {
          rc = PADAN_ENOMEM;
          break;
        }
        memset(nk + c->key_cap, 0, (ncap - c->key_cap) * sizeof *nk);
        c->key_first = nk;
        c->key_cap = ncap;
      }
      c->term_next[t] = c->key_first[id];
      c->key_first[id] = (uint32_t)(t + 1);
      c->term_ok[t] = 1;
      size_t nw = count_words(key.p, key.len);
      if (nw > c->maxn)
        c->maxn = nw;
    } else if (strcmp(term.lang, "en") == 0) {
      words.n = 0;
      if ((rc = pd_chk_en_words(term.text, term.len, 0, &c->enwords, 1, &words)))
        break;
      if (words.n == 0)
        continue;
      uint32_t *seq = malloc(words.n * sizeof *seq);
      if (!seq) {
        rc = PADAN_ENOMEM;
        break;
      }
      int verb = term.pos && strcmp(term.pos, "verb") == 0;
      for (size_t k = 0; k < words.n; k++)
        seq[k] = verb ? PD_VEC_AT(&words, pd_chk_word, k).vkey : PD_VEC_AT(&words, pd_chk_word, k).key;
      c->en_verb[t] = (unsigned char)verb;
      c->en_seq[t] = seq;
      c->en_nseq[t] = words.n;
    }
  }
  pd_buf_free(&tmp);
  pd_buf_free(&key);
  pd_vec_free(&words);
  /* hyphen-split pieces may outnumber the key's words */
  c->maxn += 2;
  return rc;
}

int padan_checker_new(padan_lexicon *lex, padan_checker **out) {
  if (!out)
    return PADAN_EARG;
  *out = NULL;
  if (!lex)
    return PADAN_EARG;
  padan_checker *c = calloc(1, sizeof *c);
  if (!c)
    return PADAN_ENOMEM;
  c->lex = lex;
  pd_buf_init(&c->err);
  pd_strmap_init(&c->idkeys);
  pd_strmap_init(&c->enwords);
  pd_arena_init(&c->arena);
  pd_vec_init(&c->findings, sizeof(padan_check_finding));
  pd_vec_init(&c->docs, sizeof(pd_chk_doc));
  int rc = padan_tokenizer_new(&c->tk);
  if (rc == PADAN_OK)
    rc = build_index(c);
  if (rc) {
    padan_checker_free(c);
    return rc;
  }
  *out = c;
  return PADAN_OK;
}

void padan_checker_free(padan_checker *c) {
  if (!c)
    return;
  padan_tokenizer_free(c->tk);
  pd_buf_free(&c->err);
  pd_strmap_free(&c->idkeys);
  pd_strmap_free(&c->enwords);
  free(c->key_first);
  free(c->term_next);
  free(c->term_ok);
  free(c->en_verb);
  if (c->en_seq)
    for (size_t t = 0; t < c->nterms; t++)
      free(c->en_seq[t]);
  free(c->en_seq);
  free(c->en_nseq);
  pd_arena_free(&c->arena);
  pd_vec_free(&c->findings);
  for (size_t i = 0; i < c->docs.n; i++) {
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).name);
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).text);
  }
  pd_vec_free(&c->docs);
  free(c);
}

size_t padan_check_count(const padan_checker *c) { return c ? c->findings.n : 0; }

const padan_check_finding *padan_check_get(const padan_checker *c, size_t i) {
  if (!c || i >= c->findings.n)
    return NULL;
  return &PD_VEC_AT(&c->findings, padan_check_finding, i);
}

static int is_upper_ascii(char ch) { return ch >= 'A' && ch <= 'Z'; }

/* 1 when s has 2+ letters and no lower-case ASCII letter and starts upper case. */
static int all_caps(const char *s, size_t n) {
  size_t letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch >= 'a' && ch <= 'z')
      return 0;
    if (ch >= 'A' && ch <= 'Z')
      letters++;
  }
  return letters >= 2 && n && (unsigned char)s[0] >= 'A' && (unsigned char)s[0] <= 'Z';
}

size_t pd_chk_match(padan_checker *c, const char *text, const pd_chk_piece *p, size_t np,
                    size_t i, pd_buf *tmp, pd_buf *key, size_t *term) {
  size_t maxn = c->maxn;
  size_t avail = 0;
  while (i + avail < np && p[i + avail].seg == p[i].seg && avail < maxn)
    avail++;
  for (size_t n = avail; n >= 1; n--) {
    const pd_chk_piece *a = &p[i], *b = &p[i + n - 1];
    pd_buf_clear(key);
    if (pd_chk_id_key(text + a->start, b->start + b->len - a->start, tmp, key) || key->len == 0)
      continue;
    uint32_t id = pd_strmap_find(&c->idkeys, key->p, key->len);
    if (!id || id >= c->key_cap)
      continue;
    /* an acronym term (AS, PBB) matches only capitals: not As-Sadr, not "as" */
    int surf_caps = all_caps(text + a->start, b->start + b->len - a->start);
    for (uint32_t t = c->key_first[id]; t; t = c->term_next[t - 1]) {
      padan_lexicon_term lt;
      if (padan_lexicon_term_get(c->lex, t - 1, &lt))
        continue;
      if (!surf_caps && all_caps(lt.text, lt.len))
        continue;
      /* a capitalized proper-noun term (Antara the news agency, Barat the
         West) needs a capital in the text: antara is "between", barat "west" */
      if (strcmp(lt.pos, "propn") == 0 && is_upper_ascii(lt.text[0]) &&
          !is_upper_ascii(text[a->start]) && !((unsigned char)text[a->start] >= 0x80))
        continue;
      *term = t - 1;
      return n;
    }
  }
  return 0;
}

/* ------------------------------------------------------------ bilingual */

typedef struct {
  size_t start, len, line;
} sent_t;

static size_t line_of(const size_t *ls, size_t nls, size_t off) {
  size_t lo = 0, hi = nls;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (ls[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo + 1;
}

static int split_sents(padan_checker *c, const char *s, size_t len, int lines, pd_vec *out) {
  if (lines) {
    size_t a = 0, ln = 1;
    for (size_t i = 0; i <= len; i++) {
      if (i == len || s[i] == '\n') {
        if (i == len && a == len)
          break;
        size_t e = i;
        if (e > a && s[e - 1] == '\r')
          e--;
        sent_t *st = pd_vec_push(out);
        if (!st)
          return PADAN_ENOMEM;
        st->start = a;
        st->len = e - a;
        st->line = ln++;
        a = i + 1;
      }
    }
    return PADAN_OK;
  }
  pd_vec ls;
  pd_vec_init(&ls, sizeof(size_t));
  size_t *z = pd_vec_push(&ls);
  if (!z)
    return PADAN_ENOMEM;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\n') {
      size_t *q = pd_vec_push(&ls);
      if (!q) {
        pd_vec_free(&ls);
        return PADAN_ENOMEM;
      }
      *q = i + 1;
    }
  padan_tokens t;
  padan_tokens_init(&t);
  int rc = padan_tokenize(c->tk, s, len, 0, 0, &t);
  for (size_t k = 0; rc == PADAN_OK && k < t.nsent; k++) {
    sent_t *st = pd_vec_push(out);
    if (!st) {
      rc = PADAN_ENOMEM;
      break;
    }
    st->start = t.sent[k].start;
    st->len = t.sent[k].end - t.sent[k].start;
    st->line = line_of((size_t *)ls.p, ls.n, st->start);
  }
  padan_tokens_free(&t);
  pd_vec_free(&ls);
  return rc;
}

/* One occurrence of a concept in a bead. */
typedef struct {
  size_t concept;
  size_t idterm;     /* matched Indonesian term */
  size_t bead;
  size_t id_s, id_l; /* surface in the joined Indonesian text */
  int rendering;     /* term index + 1 of the English form found (approved or deprecated), 0 none */
  int deprecated;
  size_t en_s, en_l;
  size_t finding;    /* index of its missing finding + 1, 0 none */
} occ_t;

typedef struct {
  char *id_text, *en_text; /* joined sentences (arena) */
  size_t id_len, en_len;
  const char *id_lines, *en_lines;
  pd_vec enw; /* pd_chk_word over en_text */
} bead_t;

static int join_side(padan_checker *c, const char *s, const sent_t *ss, size_t first, size_t n,
                     char **text, size_t *tlen, const char **lines) {
  pd_buf b, l;
  pd_buf_init(&b);
  pd_buf_init(&l);
  int rc = PADAN_OK;
  for (size_t k = 0; k < n && rc == PADAN_OK; k++) {
    const sent_t *st = &ss[first + k];
    if (k)
      rc = pd_buf_putc(&b, ' ');
    if (!rc)
      rc = pd_buf_append(&b, s + st->start, st->len);
    if (!rc && (k == 0 || st->line != ss[first + k - 1].line))
      rc = pd_buf_printf(&l, "%s%zu", l.len ? "," : "", st->line);
  }
  if (rc == PADAN_OK) {
    *text = pd_chk_strdup(c, b.p, b.len);
    *tlen = b.len;
    *lines = pd_chk_strdup(c, l.p, l.len);
    if (!*text || !*lines)
      rc = PADAN_ENOMEM;
  }
  /* newlines inside a sentence read better as spaces */
  if (rc == PADAN_OK)
    for (size_t i = 0; i < *tlen; i++)
      if ((*text)[i] == '\n' || (*text)[i] == '\r')
        (*text)[i] = ' ';
  pd_buf_free(&b);
  pd_buf_free(&l);
  return rc;
}

/* Finds the English term t (word-id sequence) in the bead's words; sets the byte span. */
static int find_seq(const padan_checker *c, const pd_vec *enw, size_t t, size_t *s, size_t *l) {
  const uint32_t *seq = c->en_seq[t];
  size_t n = c->en_nseq[t];
  if (!seq || n == 0)
    return 0;
  const pd_chk_word *w = enw->p;
  for (size_t i = 0; i + n <= enw->n; i++) {
    size_t k = 0;
    if (c->en_verb[t])
      while (k < n && w[i + k].vkey == seq[k])
        k++;
    else
      while (k < n && w[i + k].key == seq[k])
        k++;
    if (k == n) {
      *s = w[i].start;
      *l = w[i + n - 1].start + w[i + n - 1].len - w[i].start;
      return 1;
    }
  }
  return 0;
}

static int add_mark(padan_checker *c, padan_check_mark **m, size_t *n, size_t s, size_t l) {
  padan_check_mark *nm = pd_arena_alloc(&c->arena, (*n + 1) * sizeof *nm);
  if (!nm)
    return PADAN_ENOMEM;
  if (*n)
    memcpy(nm, *m, *n * sizeof *nm);
  nm[*n].start = s;
  nm[*n].len = l;
  *m = nm;
  (*n)++;
  return PADAN_OK;
}

static const char *term_text(padan_checker *c, size_t t) {
  padan_lexicon_term term;
  if (padan_lexicon_term_get(c->lex, t, &term))
    return "";
  return term.text;
}

static const char *preferred_of(padan_checker *c, size_t concept, const char *lang) {
  padan_lexicon_concept con;
  if (padan_lexicon_concept_get(c->lex, concept, &con))
    return "";
  const char *first = "";
  for (size_t k = 0; k < con.nterms; k++) {
    padan_lexicon_term term;
    if (padan_lexicon_concept_term(c->lex, concept, k, &term) || strcmp(term.lang, lang))
      continue;
    if (term.status == PADAN_TERM_PREFERRED)
      return term.text;
    if (!*first && term.status != PADAN_TERM_DEPRECATED)
      first = term.text;
  }
  return first;
}

static const char *concept_id(padan_checker *c, size_t concept) {
  padan_lexicon_concept con;
  if (padan_lexicon_concept_get(c->lex, concept, &con))
    return "";
  return con.id;
}

/* Does the concept have an approved English form (so that it can be checked)? */
static int has_approved_en(padan_checker *c, size_t concept) {
  padan_lexicon_concept con;
  if (padan_lexicon_concept_get(c->lex, concept, &con))
    return 0;
  for (size_t k = 0; k < con.nterms; k++) {
    padan_lexicon_term term;
    if (padan_lexicon_concept_term(c->lex, concept, k, &term) == PADAN_OK &&
        strcmp(term.lang, "en") == 0 && term.status != PADAN_TERM_DEPRECATED && c->en_seq[term.term])
      return 1;
  }
  return 0;
}

/* Looks for the concept's English forms in the bead: approved first (longest
 * of them), then deprecated. */
static void render(padan_checker *c, size_t concept, const pd_vec *enw, occ_t *o) {
  padan_lexicon_concept con;
  o->rendering = 0;
  o->deprecated = 0;
  if (padan_lexicon_concept_get(c->lex, concept, &con))
    return;
  size_t best_len = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t k = 0; k < con.nterms; k++) {
      padan_lexicon_term term;
      if (padan_lexicon_concept_term(c->lex, concept, k, &term) || strcmp(term.lang, "en"))
        continue;
      int dep = term.status == PADAN_TERM_DEPRECATED;
      if (dep != pass)
        continue;
      size_t s, l;
      if (find_seq(c, enw, term.term, &s, &l) && c->en_nseq[term.term] > best_len) {
        best_len = c->en_nseq[term.term];
        o->rendering = (int)term.term + 1;
        o->deprecated = dep;
        o->en_s = s;
        o->en_l = l;
      }
    }
    if (o->rendering)
      return;
  }
}

static padan_check_finding *new_finding(padan_checker *c, int kind) {
  padan_check_finding *f = pd_vec_push(&c->findings);
  if (!f)
    return NULL;
  f->kind = kind;
  f->concept = f->id_term = f->expected = f->found = f->id_form = "";
  f->id_lines = f->en_lines = f->file = f->id_text = f->en_text = "";
  return f;
}

/* What the translation used instead: among the English words of the bead not
 * explained by a form of a concept found there, not function words and not
 * copied from the Indonesian, the word most associated with this concept's
 * misses (seen in at least two of them, and in at least 30% of all the
 * sentence pairs that contain it); otherwise, when only one or two such words
 * are left, those. */
static int guess_found(padan_checker *c, pd_vec *occs, bead_t *beads, size_t nbeads,
                       pd_strmap *idwords) {
  size_t no = occs->n;
  occ_t *o = occs->p;
  pd_buf tmp;
  pd_buf_init(&tmp);
  int rc = PADAN_OK;
  size_t nkeys = pd_strmap_count(&c->enwords) + 1;
  size_t **un = calloc(no ? no : 1, sizeof *un);
  size_t *nun = calloc(no ? no : 1, sizeof *nun);
  size_t *df = calloc(nkeys, sizeof *df);
  size_t *cnt = calloc(nkeys, sizeof *cnt);
  size_t *seen = calloc(nkeys, sizeof *seen); /* last bead + 1 / occurrence + 1 */
  if (!un || !nun || !df || !cnt || !seen) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t bi = 0; bi < nbeads; bi++) {
    pd_chk_word *w = beads[bi].enw.p;
    for (size_t k = 0; k < beads[bi].enw.n; k++)
      if (w[k].key < nkeys && seen[w[k].key] != bi + 1) {
        seen[w[k].key] = bi + 1;
        df[w[k].key]++;
      }
  }
  memset(seen, 0, nkeys * sizeof *seen);
  for (size_t i = 0; i < no && rc == PADAN_OK; i++) {
    if (!o[i].finding)
      continue;
    bead_t *b = &beads[o[i].bead];
    pd_chk_word *w = b->enw.p;
    un[i] = malloc((b->enw.n ? b->enw.n : 1) * sizeof **un);
    if (!un[i]) {
      rc = PADAN_ENOMEM;
      break;
    }
    for (size_t k = 0; k < b->enw.n; k++) {
      size_t ws = w[k].start, we = ws + w[k].len;
      int explained = 0;
      /* the bead's occurrences are contiguous in occs around i */
      for (size_t j = i; j-- > 0 && o[j].bead == o[i].bead && !explained;)
        if (o[j].rendering && ws >= o[j].en_s && we <= o[j].en_s + o[j].en_l)
          explained = 1;
      for (size_t j = i + 1; j < no && o[j].bead == o[i].bead && !explained; j++)
        if (o[j].rendering && ws >= o[j].en_s && we <= o[j].en_s + o[j].en_l)
          explained = 1;
      if (explained || w[k].key == 0 || w[k].key >= nkeys)
        continue;
      pd_buf_clear(&tmp);
      if ((rc = pd_utf8_fold(b->en_text + ws, w[k].len, &tmp)))
        break;
      if (pd_chk_en_stopword(tmp.p, tmp.len) || pd_is_ascii_digit((unsigned char)tmp.p[0]))
        continue;
      if (pd_strmap_find(idwords, tmp.p, tmp.len))
        continue; /* names and words copied from the Indonesian */
      int dup = 0;
      for (size_t q = 0; q < nun[i]; q++)
        if (w[un[i][q]].key == w[k].key)
          dup = 1;
      if (!dup)
        un[i][nun[i]++] = k;
    }
  }
  /* per concept: in how many of its misses each word is left unexplained */
  unsigned char *done = calloc(no ? no : 1, 1);
  if (!done)
    rc = PADAN_ENOMEM;
  for (size_t i = 0; i < no && rc == PADAN_OK; i++) {
    if (!o[i].finding || done[i])
      continue;
    for (size_t j = i; j < no; j++) {
      if (!o[j].finding || o[j].concept != o[i].concept)
        continue;
      pd_chk_word *wj = beads[o[j].bead].enw.p;
      for (size_t q = 0; q < nun[j]; q++)
        cnt[wj[un[j][q]].key]++;
    }
    for (size_t j = i; j < no && rc == PADAN_OK; j++) {
      if (!o[j].finding || o[j].concept != o[i].concept)
        continue;
      done[j] = 1;
      padan_check_finding *f = &PD_VEC_AT(&c->findings, padan_check_finding, o[j].finding - 1);
      bead_t *b = &beads[o[j].bead];
      pd_chk_word *w = b->enw.p;
      size_t best = (size_t)-1;
      double best_score = 0;
      for (size_t q = 0; q < nun[j]; q++) {
        uint32_t key = w[un[j][q]].key;
        double sc = df[key] ? (double)cnt[key] / (double)df[key] : 0;
        if (cnt[key] >= 2 && sc >= 0.3 && sc > best_score) {
          best_score = sc;
          best = un[j][q];
        }
      }
      padan_check_mark *m = (padan_check_mark *)f->en_marks;
      size_t nm = f->nen_marks;
      pd_buf_clear(&tmp);
      if (best != (size_t)-1) {
        rc = pd_buf_append(&tmp, b->en_text + w[best].start, w[best].len);
        if (!rc)
          rc = add_mark(c, &m, &nm, w[best].start, w[best].len);
      } else if (nun[j] > 0 && nun[j] <= 4) {
        /* the longest run of adjacent unexplained words (the last of equals) */
        size_t bs = 0, bl = 0;
        for (size_t q = 0; q < nun[j];) {
          size_t r = q + 1;
          while (r < nun[j] && un[j][r] == un[j][r - 1] + 1)
            r++;
          if (r - q >= bl)
            bs = q, bl = r - q;
          q = r;
        }
        for (size_t q = bs; q < bs + bl && rc == PADAN_OK; q++) {
          pd_chk_word *x = &w[un[j][q]];
          if (q > bs)
            rc = pd_buf_putc(&tmp, ' ');
          if (!rc)
            rc = pd_buf_append(&tmp, b->en_text + x->start, x->len);
          if (!rc)
            rc = add_mark(c, &m, &nm, x->start, x->len);
        }
      }
      f->en_marks = m;
      f->nen_marks = nm;
      if (rc == PADAN_OK && tmp.len && !(f->found = pd_chk_strdup(c, tmp.p, tmp.len)))
        rc = PADAN_ENOMEM;
    }
    for (size_t j = i; j < no; j++) {
      if (!o[j].finding || o[j].concept != o[i].concept)
        continue;
      pd_chk_word *wj = beads[o[j].bead].enw.p;
      for (size_t q = 0; q < nun[j]; q++)
        cnt[wj[un[j][q]].key] = 0;
    }
  }
  free(done);
out:
  for (size_t i = 0; un && i < no; i++)
    free(un[i]);
  free(un);
  free(nun);
  free(df);
  free(cnt);
  free(seen);
  pd_buf_free(&tmp);
  return rc;
}

static int inconsistent(padan_checker *c, pd_vec *occs, bead_t *beads) {
  occ_t *o = occs->p;
  size_t no = occs->n;
  unsigned char *done = calloc(no ? no : 1, 1);
  size_t *rterm = malloc((no ? no : 1) * sizeof *rterm);
  size_t *rcount = malloc((no ? no : 1) * sizeof *rcount);
  size_t *rfirst = malloc((no ? no : 1) * sizeof *rfirst);
  int rc = PADAN_OK;
  if (!done || !rterm || !rcount || !rfirst)
    rc = PADAN_ENOMEM;
  for (size_t i = 0; i < no && rc == PADAN_OK; i++) {
    if (done[i] || !o[i].rendering)
      continue;
    size_t nr = 0;
    for (size_t j = i; j < no; j++) {
      if (o[j].concept != o[i].concept || !o[j].rendering)
        continue;
      done[j] = 1;
      size_t r = 0;
      while (r < nr && rterm[r] != (size_t)o[j].rendering - 1)
        r++;
      if (r == nr) {
        rterm[nr] = (size_t)o[j].rendering - 1;
        rcount[nr] = 0;
        rfirst[nr] = j;
        nr++;
      }
      rcount[r]++;
    }
    if (nr < 2)
      continue;
    /* most frequent first (stable) */
    for (size_t a = 1; a < nr; a++)
      for (size_t b = a; b > 0 && rcount[b] > rcount[b - 1]; b--) {
        size_t t;
        t = rterm[b], rterm[b] = rterm[b - 1], rterm[b - 1] = t;
        t = rcount[b], rcount[b] = rcount[b - 1], rcount[b - 1] = t;
        t = rfirst[b], rfirst[b] = rfirst[b - 1], rfirst[b - 1] = t;
      }
    padan_check_form *forms = pd_arena_alloc(&c->arena, nr * sizeof *forms);
    if (!forms) {
      rc = PADAN_ENOMEM;
      break;
    }
    pd_buf fb;
    pd_buf_init(&fb);
    for (size_t r = 0; r < nr; r++) {
      const occ_t *x = &o[rfirst[r]];
      forms[r].form = term_text(c, rterm[r]);
      forms[r].count = rcount[r];
      forms[r].file = "";
      forms[r].line = (size_t)strtoul(beads[x->bead].en_lines, NULL, 10);
      pd_buf_printf(&fb, "%s%s (%zu)", r ? "; " : "", forms[r].form, rcount[r]);
    }
    /* the example: the first occurrence of the least frequent rendering */
    const occ_t *ex = &o[rfirst[nr - 1]];
    bead_t *b = &beads[ex->bead];
    padan_check_finding *f = new_finding(c, PADAN_CHECK_INCONSISTENT);
    if (!f) {
      pd_buf_free(&fb);
      rc = PADAN_ENOMEM;
      break;
    }
    f->concept = concept_id(c, ex->concept);
    f->id_term = preferred_of(c, ex->concept, "id");
    f->expected = preferred_of(c, ex->concept, "en");
    f->found = pd_chk_strdup(c, fb.p, fb.len);
    pd_buf_free(&fb);
    f->forms = forms;
    f->nforms = nr;
    f->id_lines = b->id_lines;
    f->en_lines = b->en_lines;
    f->line = (size_t)strtoul(b->id_lines, NULL, 10);
    f->id_text = b->id_text;
    f->en_text = b->en_text;
    padan_check_mark *m = NULL;
    size_t nm = 0;
    if (add_mark(c, &m, &nm, ex->id_s, ex->id_l))
      rc = PADAN_ENOMEM;
    f->id_marks = m;
    f->nid_marks = nm;
    m = NULL;
    nm = 0;
    if (rc == PADAN_OK && add_mark(c, &m, &nm, ex->en_s, ex->en_l))
      rc = PADAN_ENOMEM;
    f->en_marks = m;
    f->nen_marks = nm;
    if (!f->found)
      rc = PADAN_ENOMEM;
  }
  free(done);
  free(rterm);
  free(rcount);
  free(rfirst);
  return rc;
}

static int add_lexicon_pairs(padan_checker *c, padan_aligner *al) {
  size_t nc = padan_lexicon_concept_count(c->lex);
  for (size_t k = 0; k < nc; k++) {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(c->lex, k, &con) || con.base)
      continue;
    const char *id = preferred_of(c, k, "id"), *en = preferred_of(c, k, "en");
    if (*id && *en && !strchr(id, ' ') && !strchr(en, ' ') &&
        padan_aligner_add_pair(al, id, strlen(id), en, strlen(en)))
      return PADAN_ENOMEM;
  }
  return PADAN_OK;
}

int padan_check_pairs(padan_checker *c, const char *id, size_t idlen, const char *en,
                      size_t enlen, unsigned options) {
  if (!c || (!id && idlen) || (!en && enlen))
    return PADAN_EARG;
  pd_chk_reset(c);
  pd_buf_clear(&c->err);
  int lines = (options & PADAN_CHECK_LINES) != 0;
  pd_vec is, es, beadv, occs;
  pd_vec_init(&is, sizeof(sent_t));
  pd_vec_init(&es, sizeof(sent_t));
  pd_vec_init(&beadv, sizeof(padan_align_bead));
  pd_vec_init(&occs, sizeof(occ_t));
  bead_t *beads = NULL;
  size_t nbeads = 0;
  padan_tokens toks;
  padan_tokens_init(&toks);
  pd_vec pieces;
  pd_vec_init(&pieces, sizeof(pd_chk_piece));
  pd_buf tmp, key;
  pd_buf_init(&tmp);
  pd_buf_init(&key);
  pd_strmap idwords;
  pd_strmap_init(&idwords);
  int rc = split_sents(c, id ? id : "", idlen, lines, &is);
  if (rc == PADAN_OK)
    rc = split_sents(c, en ? en : "", enlen, lines, &es);
  if (rc)
    goto out;
  sent_t *isv = is.p, *esv = es.p;
  if (lines) {
    size_t n = is.n > es.n ? is.n : es.n;
    for (size_t i = 0; i < n; i++) {
      padan_align_bead *b = pd_vec_push(&beadv);
      if (!b) {
        rc = PADAN_ENOMEM;
        goto out;
      }
      b->id_first = i;
      b->id_n = i < is.n;
      b->en_first = i < es.n ? i : es.n;
      b->en_n = i < es.n;
    }
  } else {
    padan_aligner *al = NULL;
    padan_align_sent *a = malloc((is.n ? is.n : 1) * sizeof *a);
    padan_align_sent *e = malloc((es.n ? es.n : 1) * sizeof *e);
    padan_align_bead *bv = NULL;
    size_t nb = 0;
    if (!a || !e)
      rc = PADAN_ENOMEM;
    for (size_t i = 0; rc == PADAN_OK && i < is.n; i++)
      a[i].s = id + isv[i].start, a[i].len = isv[i].len;
    for (size_t i = 0; rc == PADAN_OK && i < es.n; i++)
      e[i].s = en + esv[i].start, e[i].len = esv[i].len;
    if (rc == PADAN_OK)
      rc = padan_aligner_new(&al);
    if (rc == PADAN_OK)
      rc = add_lexicon_pairs(c, al);
    if (rc == PADAN_OK)
      rc = padan_align_sentences(al, a, is.n, e, es.n, &bv, &nb);
    if (rc && al)
      pd_chk_fail(c, rc, "sentence alignment: %s", padan_aligner_errmsg(al));
    for (size_t i = 0; rc == PADAN_OK && i < nb; i++) {
      padan_align_bead *b = pd_vec_push(&beadv);
      if (!b)
        rc = PADAN_ENOMEM;
      else
        *b = bv[i];
    }
    free(bv);
    free(a);
    free(e);
    padan_aligner_free(al);
    if (rc)
      goto out;
  }
  nbeads = beadv.n;
  beads = calloc(nbeads ? nbeads : 1, sizeof *beads);
  if (!beads) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t bi = 0; bi < nbeads; bi++)
    pd_vec_init(&beads[bi].enw, sizeof(pd_chk_word));
  for (size_t bi = 0; bi < nbeads && rc == PADAN_OK; bi++) {
    padan_align_bead *ab = &PD_VEC_AT(&beadv, padan_align_bead, bi);
    bead_t *b = &beads[bi];
    if ((rc = join_side(c, id, isv, ab->id_first, ab->id_n, &b->id_text, &b->id_len, &b->id_lines)))
      break;
    if ((rc = join_side(c, en, esv, ab->en_first, ab->en_n, &b->en_text, &b->en_len, &b->en_lines)))
      break;
    if (ab->id_n == 0 || b->id_len == 0)
      continue;
    if ((rc = pd_chk_en_words(b->en_text, b->en_len, 0, &c->enwords, 1, &b->enw)))
      break;
    padan_tokens_clear(&toks);
    pieces.n = 0;
    if ((rc = padan_tokenize(c->tk, b->id_text, b->id_len, 0, PADAN_TOKENIZE_LINES, &toks)))
      break;
    if ((rc = pd_chk_pieces(&toks, b->id_text, &pieces)))
      break;
    pd_chk_piece *p = pieces.p;
    for (size_t i = 0; i < pieces.n && rc == PADAN_OK; i++) {
      uint32_t dummy;
      pd_buf_clear(&tmp);
      if ((rc = pd_utf8_fold(b->id_text + p[i].start, p[i].len, &tmp)) ||
          (rc = pd_strmap_intern(&idwords, tmp.p ? tmp.p : "", tmp.len, &dummy)))
        break;
    }
    size_t first_occ = occs.n;
    for (size_t i = 0; i < pieces.n && rc == PADAN_OK;) {
      size_t term;
      size_t n = pd_chk_match(c, b->id_text, p, pieces.n, i, &tmp, &key, &term);
      if (!n) {
        i++;
        continue;
      }
      padan_lexicon_term lt;
      if (padan_lexicon_term_get(c->lex, term, &lt) == PADAN_OK && has_approved_en(c, lt.concept)) {
        int dup = 0;
        for (size_t j = first_occ; j < occs.n; j++)
          if (PD_VEC_AT(&occs, occ_t, j).idterm == term)
            dup = 1; /* one finding per (line, Indonesian term) */
        if (!dup) {
          occ_t *o = pd_vec_push(&occs);
          if (!o) {
            rc = PADAN_ENOMEM;
            break;
          }
          o->concept = lt.concept;
          o->idterm = term;
          o->bead = bi;
          o->id_s = p[i].start;
          o->id_l = p[i + n - 1].start + p[i + n - 1].len - p[i].start;
          render(c, lt.concept, &b->enw, o);
        }
      }
      i += n;
    }
    for (size_t j = first_occ; j < occs.n && rc == PADAN_OK; j++) {
      occ_t *o = &PD_VEC_AT(&occs, occ_t, j);
      if (o->rendering && !o->deprecated)
        continue;
      padan_check_finding *f = new_finding(c, o->rendering ? PADAN_CHECK_DEPRECATED : PADAN_CHECK_MISSING);
      if (!f) {
        rc = PADAN_ENOMEM;
        break;
      }
      o = &PD_VEC_AT(&occs, occ_t, j);
      f->concept = concept_id(c, o->concept);
      f->id_term = term_text(c, o->idterm);
      f->id_form = pd_chk_strdup(c, b->id_text + o->id_s, o->id_l);
      f->expected = preferred_of(c, o->concept, "en");
      f->id_lines = b->id_lines;
      f->en_lines = b->en_lines;
      f->line = (size_t)strtoul(b->id_lines, NULL, 10);
      f->id_text = b->id_text;
      f->en_text = b->en_text;
      padan_check_mark *m = NULL;
      size_t nm = 0;
      if (!f->id_form || add_mark(c, &m, &nm, o->id_s, o->id_l)) {
        rc = PADAN_ENOMEM;
        break;
      }
      f->id_marks = m;
      f->nid_marks = nm;
      if (o->rendering) {
        f->found = pd_chk_strdup(c, b->en_text + o->en_s, o->en_l);
        m = NULL;
        nm = 0;
        if (!f->found || add_mark(c, &m, &nm, o->en_s, o->en_l)) {
          rc = PADAN_ENOMEM;
          break;
        }
        f->en_marks = m;
        f->nen_marks = nm;
      } else {
        o->finding = c->findings.n;
      }
    }
  }
  if (rc == PADAN_OK)
    rc = guess_found(c, &occs, beads, nbeads, &idwords);
  if (rc == PADAN_OK)
    rc = inconsistent(c, &occs, beads);
out:
  if (rc && !c->err.len)
    pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  for (size_t bi = 0; beads && bi < nbeads; bi++)
    pd_vec_free(&beads[bi].enw);
  free(beads);
  pd_vec_free(&is);
  pd_vec_free(&es);
  pd_vec_free(&beadv);
  pd_vec_free(&occs);
  padan_tokens_free(&toks);
  pd_vec_free(&pieces);
  pd_buf_free(&tmp);
  pd_buf_free(&key);
  pd_strmap_free(&idwords);
  return rc;
}
