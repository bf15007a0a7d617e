/* check/: the checker, its lexicon index, and the bilingual check. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <padan/align.h>
#include "check/internal.h"

static void pairs_init(pd_chk_pairs *st);
static void pairs_free(pd_chk_pairs *st);
static int add_lexicon_pairs(padan_checker *c, padan_aligner *al);
static int sent_start(padan_checker *c);
static int sent_stream_new(padan_checker *c);

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

void padan_checker_set_progress(padan_checker *c,
                                void (*fn)(void *ud, const char *stage, size_t done, size_t total),
                                void *ud) {
  if (c)
    c->progress = fn, c->progress_ud = ud;
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
      uint32_t fw;
      const char *sp = memchr(key.p, ' ', key.len);
      if ((rc = pd_strmap_intern(&c->firstw, key.p, sp ? (size_t)(sp - key.p) : key.len, &fw)))
        break;
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
  pd_strmap_init(&c->firstw);
  pd_strmap_init(&c->enwords);
  pd_arena_init(&c->arena);
  pd_vec_init(&c->findings, sizeof(padan_check_finding));
  pd_vec_init(&c->docs, sizeof(pd_chk_doc));
  pairs_init(&c->pp);
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
  pd_strmap_free(&c->firstw);
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
  pd_chk_var_free(c);
  pairs_free(&c->pp);
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
  /* keys are made word by word: no key starts here unless one starts with
     this piece's first word (one key computed instead of one per length) */
  pd_buf_clear(key);
  if (avail && pd_chk_id_key(text + p[i].start, p[i].len, tmp, key) == PADAN_OK && key->len) {
    const char *sp = memchr(key->p, ' ', key->len);
    if (!pd_strmap_find(&c->firstw, key->p, sp ? (size_t)(sp - key->p) : key->len))
      return 0;
  }
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
  size_t id_s, id_l; /* surface in the joined Indonesian text */
  int rendering;     /* term index + 1 of the English form found (approved or deprecated), 0 none */
  int deprecated;
  size_t en_s, en_l;
} occ_t;

typedef struct {
  char *id_text, *en_text; /* joined sentences (arena) */
  size_t id_len, en_len;
  const char *id_lines, *en_lines;
  int has_id;
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

static int add_mark(pd_arena *a, padan_check_mark **m, size_t *n, size_t s, size_t l) {
  padan_check_mark *nm = pd_arena_alloc(a, (*n + 1) * sizeof *nm);
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

/* ------------------------------------------------------------ two passes
 *
 * Findings of a pair depend on the whole input in two ways: what the
 * translation used instead of a missed term (a word left unexplained in many
 * misses of the concept, relative to the pairs holding it, and not copied
 * from the Indonesian anywhere), and the renderings of each concept
 * (inconsistent). The first pass gathers these per word and per concept; the
 * second reports the pairs' findings. */

static size_t *vat(pd_vec *v, size_t i) {
  while (v->n <= i)
    if (!pd_vec_push(v))
      return NULL;
  return &PD_VEC_AT(v, size_t, i);
}

static void pairs_init(pd_chk_pairs *st) {
  memset(st, 0, sizeof *st);
  pd_strmap_init(&st->idwords);
  pd_strmap_init(&st->efolds);
  pd_strmap_init(&st->fsets);
  pd_strmap_init(&st->ck);
  pd_vec_init(&st->fset_n, sizeof(size_t));
  pd_vec_init(&st->ck_cnt, sizeof(size_t));
  pd_vec_init(&st->df, sizeof(size_t));
  pd_vec_init(&st->seen, sizeof(size_t));
  pd_vec_init(&st->corder, sizeof(size_t));
  pd_arena_init(&st->scratch);
  pd_vec_init(&st->enw, sizeof(pd_chk_word));
  pd_vec_init(&st->pieces, sizeof(pd_chk_piece));
  pd_vec_init(&st->occs, sizeof(occ_t));
  pd_vec_init(&st->un, sizeof(size_t));
  pd_vec_init(&st->fl, sizeof(uint32_t[2]));
  for (int k = 0; k < 2; k++) {
    pd_buf_init(&st->side[k].buf);
    pd_vec_init(&st->side[k].lines, sizeof(size_t));
    st->side[k].line = 1;
  }
  padan_tokens_init(&st->toks);
  pd_buf_init(&st->tmp);
  pd_buf_init(&st->key);
  pd_buf_init(&st->lb);
}

static void pairs_free(pd_chk_pairs *st) {
  pd_strmap_free(&st->idwords);
  pd_strmap_free(&st->efolds);
  pd_strmap_free(&st->fsets);
  pd_strmap_free(&st->ck);
  pd_vec_free(&st->fset_n);
  pd_vec_free(&st->ck_cnt);
  pd_vec_free(&st->df);
  pd_vec_free(&st->seen);
  pd_vec_free(&st->corder);
  for (size_t i = 0; st->cagg && i < st->ncagg; i++) {
    pd_chk_cagg *ag = &st->cagg[i];
    pd_vec_free(&ag->rend);
    free(ag->id_text);
    free(ag->en_text);
    free(ag->id_lines);
    free(ag->en_lines);
  }
  free(st->cagg);
  pd_arena_free(&st->scratch);
  pd_vec_free(&st->enw);
  pd_vec_free(&st->pieces);
  pd_vec_free(&st->occs);
  pd_vec_free(&st->un);
  pd_vec_free(&st->fl);
  for (int k = 0; k < 2; k++) {
    pd_buf_free(&st->side[k].buf);
    pd_vec_free(&st->side[k].lines);
  }
  padan_align_stream_free(st->as);
  padan_aligner_free(st->al);
  padan_tokens_free(&st->toks);
  pd_buf_free(&st->tmp);
  pd_buf_free(&st->key);
  pd_buf_free(&st->lb);
  pairs_init(st);
}

static int pairs_start(padan_checker *c, int whole, padan_check_emit_fn emit, void *ud) {
  pd_chk_pairs *st = &c->pp;
  pairs_free(st);
  size_t nc = padan_lexicon_concept_count(c->lex);
  st->cagg = calloc(nc ? nc : 1, sizeof *st->cagg);
  if (!st->cagg)
    return PADAN_ENOMEM;
  st->ncagg = nc;
  for (size_t i = 0; i < nc; i++)
    pd_vec_init(&st->cagg[i].rend, sizeof(pd_chk_rend));
  st->active = 1;
  st->pass = 1;
  st->whole = whole;
  st->emit = emit;
  st->ud = ud;
  return PADAN_OK;
}

static int emit_finding(padan_checker *c, const padan_check_finding *f) {
  pd_chk_pairs *st = &c->pp;
  if (st->whole) {
    padan_check_finding *g = pd_vec_push(&c->findings);
    if (!g)
      return PADAN_ENOMEM;
    *g = *f;
    return PADAN_OK;
  }
  int r = st->emit ? st->emit(st->ud, f) : 0;
  if (r)
    return pd_chk_fail(c, r < 0 ? r : PADAN_EIO, "stopped by the caller");
  return PADAN_OK;
}

static void finding_init(padan_check_finding *f, int kind) {
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->concept = f->id_term = f->expected = f->found = f->id_form = "";
  f->id_lines = f->en_lines = f->file = f->id_text = f->en_text = "";
}

/* Is English word w of a missed term's pair a candidate for what was used
 * instead: not within a form of a concept found in the pair, not a function
 * word, not a number? Its folded form is left in st->tmp. */
/* A pair whose English side has more words than this (a whole article on one
 * line, not a sentence) gets no guess of what was used instead of a missed
 * term: the guess looks at every English word of the pair for every miss,
 * which is quadratic in the pair's length. The findings are the same, with
 * `found` empty. */
#define PD_CHK_GUESS_WORDS 2000

static int candidate(padan_checker *c, const char *ent, const pd_chk_word *w, int *ok) {
  pd_chk_pairs *st = &c->pp;
  const occ_t *o = st->occs.p;
  size_t ws = w->start, we = ws + w->len;
  *ok = 0;
  for (size_t j = 0; j < st->occs.n; j++)
    if (o[j].rendering && ws >= o[j].en_s && we <= o[j].en_s + o[j].en_l)
      return PADAN_OK;
  if (w->key == 0)
    return PADAN_OK;
  pd_buf_clear(&st->tmp);
  int rc = pd_utf8_fold(ent + ws, w->len, &st->tmp);
  if (rc)
    return rc;
  if (!st->tmp.len || pd_chk_en_stopword(st->tmp.p, st->tmp.len) ||
      pd_is_ascii_digit((unsigned char)st->tmp.p[0]))
    return PADAN_OK;
  *ok = 1;
  return PADAN_OK;
}

static int cmp_fl(const void *a, const void *b) {
  const uint32_t *x = a, *y = b;
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* First pass, a miss of `concept`: counts (concept, key, folded spellings of
 * the key in the pair) for its candidate words. Whether a key is left over
 * depends on whether all its spellings were copied from the Indonesian, known
 * only at the end (padan_check_pairs_rewind). */
static int miss_stats(padan_checker *c, const char *ent, size_t concept) {
  pd_chk_pairs *st = &c->pp;
  const pd_chk_word *w = st->enw.p;
  int rc = PADAN_OK;
  st->fl.n = 0;
  for (size_t k = 0; k < st->enw.n; k++) {
    int ok;
    if ((rc = candidate(c, ent, &w[k], &ok)))
      return rc;
    if (!ok)
      continue;
    uint32_t fid, *e;
    if ((rc = pd_strmap_intern(&st->efolds, st->tmp.p, st->tmp.len, &fid)))
      return rc;
    if (!(e = pd_vec_push(&st->fl)))
      return PADAN_ENOMEM;
    e[0] = w[k].key;
    e[1] = fid;
  }
  uint32_t(*fl)[2] = st->fl.p;
  if (st->fl.n > 1)
    qsort(fl, st->fl.n, sizeof *fl, cmp_fl);
  for (size_t i = 0; i < st->fl.n;) {
    pd_buf_clear(&st->lb);
    if ((rc = pd_buf_append(&st->lb, (const char *)&concept, sizeof concept)) ||
        (rc = pd_buf_append(&st->lb, (const char *)&fl[i][0], sizeof fl[i][0])))
      return rc;
    size_t j = i;
    for (; j < st->fl.n && fl[j][0] == fl[i][0]; j++)
      if ((j == i || fl[j][1] != fl[j - 1][1]) &&
          (rc = pd_buf_append(&st->lb, (const char *)&fl[j][1], sizeof fl[j][1])))
        return rc;
    uint32_t id;
    size_t *n;
    if ((rc = pd_strmap_intern(&st->fsets, st->lb.p, st->lb.len, &id)))
      return rc;
    if (!(n = vat(&st->fset_n, id)))
      return PADAN_ENOMEM;
    (*n)++;
    i = j;
  }
  return PADAN_OK;
}

static size_t ck_count(padan_checker *c, size_t concept, uint32_t key) {
  pd_chk_pairs *st = &c->pp;
  char k[sizeof concept + sizeof key];
  memcpy(k, &concept, sizeof concept);
  memcpy(k + sizeof concept, &key, sizeof key);
  uint32_t id = pd_strmap_find(&st->ck, k, sizeof k);
  return id && id < st->ck_cnt.n ? PD_VEC_AT(&st->ck_cnt, size_t, id) : 0;
}

/* Second pass: what the translation used instead of a missed term. Among the
 * English words of the pair not explained by a form of a concept found there,
 * not function words and not copied from the Indonesian (for a name, those
 * with a capital only), the word most
 * associated with this concept's misses (seen in at least two of them, and in
 * at least 30% of all the sentence pairs that contain it); otherwise, when
 * only one to four such words are left, the longest run of them. */
static int guess_found(padan_checker *c, pd_arena *ba, const char *ent, size_t concept,
                       padan_check_finding *f) {
  pd_chk_pairs *st = &c->pp;
  const pd_chk_word *w = st->enw.p;
  int rc = PADAN_OK;
  /* a name (an English rendering with a capital) is not rendered by a common
     word: "arrived" is no guess for a missed "Joko Widodo" */
  int name = f->expected && pd_chk_starts_upper(f->expected, strlen(f->expected));
  st->un.n = 0;
  st->stamp++;
  for (size_t k = 0; k < st->enw.n; k++) {
    int ok;
    if ((rc = candidate(c, ent, &w[k], &ok)))
      return rc;
    if (!ok || pd_strmap_find(&st->idwords, st->tmp.p, st->tmp.len))
      continue; /* names and words copied from the Indonesian */
    if (name && !pd_chk_starts_upper(ent + w[k].start, w[k].len))
      continue;
    size_t *sn = vat(&st->seen, w[k].key), *u;
    if (!sn)
      return PADAN_ENOMEM;
    if (*sn == st->stamp)
      continue;
    *sn = st->stamp;
    if (!(u = pd_vec_push(&st->un)))
      return PADAN_ENOMEM;
    *u = k;
  }
  const size_t *un = st->un.p;
  size_t nun = st->un.n;
  size_t best = (size_t)-1;
  double best_score = 0;
  for (size_t q = 0; q < nun; q++) {
    uint32_t key = w[un[q]].key;
    size_t cnt = ck_count(c, concept, key);
    size_t df = key < st->df.n ? PD_VEC_AT(&st->df, size_t, key) : 0;
    double sc = df ? (double)cnt / (double)df : 0;
    if (cnt >= 2 && sc >= 0.3 && sc > best_score) {
      best_score = sc;
      best = un[q];
    }
  }
  padan_check_mark *m = (padan_check_mark *)f->en_marks;
  size_t nm = f->nen_marks;
  pd_buf_clear(&st->tmp);
  if (best != (size_t)-1) {
    rc = pd_buf_append(&st->tmp, ent + w[best].start, w[best].len);
    if (!rc)
      rc = add_mark(ba, &m, &nm, w[best].start, w[best].len);
  } else if (nun > 0 && nun <= 4) {
    /* the longest run of adjacent unexplained words (the last of equals) */
    size_t bs = 0, bl = 0;
    for (size_t q = 0; q < nun;) {
      size_t r = q + 1;
      while (r < nun && un[r] == un[r - 1] + 1)
        r++;
      if (r - q >= bl)
        bs = q, bl = r - q;
      q = r;
    }
    for (size_t q = bs; q < bs + bl && rc == PADAN_OK; q++) {
      const pd_chk_word *x = &w[un[q]];
      if (q > bs)
        rc = pd_buf_putc(&st->tmp, ' ');
      if (!rc)
        rc = pd_buf_append(&st->tmp, ent + x->start, x->len);
      if (!rc)
        rc = add_mark(ba, &m, &nm, x->start, x->len);
    }
  }
  f->en_marks = m;
  f->nen_marks = nm;
  if (rc == PADAN_OK && st->tmp.len && !(f->found = pd_arena_strndup(ba, st->tmp.p, st->tmp.len)))
    rc = PADAN_ENOMEM;
  return rc;
}

/* First pass: one more use of rendering o->rendering for o->concept. */
static int cagg_add(padan_checker *c, const occ_t *o, const char *enlines, size_t bi) {
  pd_chk_pairs *st = &c->pp;
  if (o->concept >= st->ncagg)
    return PADAN_OK;
  pd_chk_cagg *ag = &st->cagg[o->concept];
  if (!ag->listed) {
    size_t *q = pd_vec_push(&st->corder);
    if (!q)
      return PADAN_ENOMEM;
    *q = o->concept;
    ag->listed = 1;
  }
  pd_chk_rend *r = ag->rend.p;
  size_t i = 0, t = (size_t)o->rendering - 1;
  while (i < ag->rend.n && r[i].term != t)
    i++;
  if (i == ag->rend.n) {
    pd_chk_rend *n = pd_vec_push(&ag->rend);
    if (!n)
      return PADAN_ENOMEM;
    n->term = t;
    n->line = (size_t)strtoul(enlines, NULL, 10);
    n->bead = bi;
  }
  PD_VEC_AT(&ag->rend, pd_chk_rend, i).count++;
  return PADAN_OK;
}

static char *dupz(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* Second pass: keeps the pair of the first use of a concept's rarest rendering. */
static int capture(padan_checker *c, const occ_t *o, size_t bi, const char *idt, size_t idl,
                   const char *ent, size_t enl, const char *idlines, const char *enlines) {
  pd_chk_pairs *st = &c->pp;
  if (o->concept >= st->ncagg)
    return PADAN_OK;
  pd_chk_cagg *ag = &st->cagg[o->concept];
  if (ag->have_ex || ag->rend.n < 2)
    return PADAN_OK;
  const pd_chk_rend *last = &PD_VEC_AT(&ag->rend, pd_chk_rend, ag->rend.n - 1);
  if (last->term != (size_t)o->rendering - 1 || last->bead != bi)
    return PADAN_OK;
  ag->id_text = dupz(idt, idl);
  ag->en_text = dupz(ent, enl);
  ag->id_lines = dupz(idlines, strlen(idlines));
  ag->en_lines = dupz(enlines, strlen(enlines));
  if (!ag->id_text || !ag->en_text || !ag->id_lines || !ag->en_lines)
    return PADAN_ENOMEM;
  ag->id_s = o->id_s, ag->id_l = o->id_l;
  ag->en_s = o->en_s, ag->en_l = o->en_l;
  ag->have_ex = 1;
  return PADAN_OK;
}

/* One bead (aligned sentences, or a line pair): idt/ent are the joined texts
 * (newlines already spaces), writable and valid during the call. */
static int pairs_bead(padan_checker *c, char *idt, size_t idl, char *ent, size_t enl,
                      const char *idlines, const char *enlines) {
  pd_chk_pairs *st = &c->pp;
  pd_arena *ba = st->whole ? &c->arena : &st->scratch;
  size_t bi = st->nbead++;
  int rc = PADAN_OK;
  if (idl == 0)
    return PADAN_OK;
  st->enw.n = 0;
  if ((rc = pd_chk_en_words(ent, enl, 0, &c->enwords, 1, &st->enw)))
    return rc;
  padan_tokens_clear(&st->toks);
  st->pieces.n = 0;
  if ((rc = padan_tokenize(c->tk, idt, idl, 0, PADAN_TOKENIZE_LINES, &st->toks)) ||
      (rc = pd_chk_pieces(&st->toks, idt, &st->pieces)))
    return rc;
  pd_chk_piece *p = st->pieces.p;
  size_t np = st->pieces.n;
  if (st->pass == 1) {
    for (size_t i = 0; i < np; i++) {
      uint32_t dummy;
      pd_buf_clear(&st->tmp);
      if ((rc = pd_utf8_fold(idt + p[i].start, p[i].len, &st->tmp)) ||
          (rc = pd_strmap_intern(&st->idwords, st->tmp.p ? st->tmp.p : "", st->tmp.len, &dummy)))
        return rc;
    }
    for (size_t k = 0; k < st->enw.n; k++) {
      uint32_t key = PD_VEC_AT(&st->enw, pd_chk_word, k).key;
      size_t *sn = vat(&st->seen, key), *d;
      if (!sn)
        return PADAN_ENOMEM;
      if (*sn == bi + 1)
        continue;
      *sn = bi + 1;
      if (!(d = vat(&st->df, key)))
        return PADAN_ENOMEM;
      (*d)++;
    }
  }
  st->occs.n = 0;
  for (size_t i = 0; i < np;) {
    size_t term;
    size_t n = pd_chk_match(c, idt, p, np, i, &st->tmp, &st->key, &term);
    if (!n) {
      i++;
      continue;
    }
    padan_lexicon_term lt;
    if (padan_lexicon_term_get(c->lex, term, &lt) == PADAN_OK && has_approved_en(c, lt.concept)) {
      int dup = 0;
      for (size_t j = 0; j < st->occs.n; j++)
        if (PD_VEC_AT(&st->occs, occ_t, j).idterm == term)
          dup = 1; /* one finding per (line, Indonesian term) */
      if (!dup) {
        occ_t *o = pd_vec_push(&st->occs);
        if (!o)
          return PADAN_ENOMEM;
        o->concept = lt.concept;
        o->idterm = term;
        o->id_s = p[i].start;
        o->id_l = p[i + n - 1].start + p[i + n - 1].len - p[i].start;
        render(c, lt.concept, &st->enw, o);
      }
    }
    i += n;
  }
  if (st->pass == 1) {
    for (size_t j = 0; j < st->occs.n && rc == PADAN_OK; j++) {
      const occ_t *o = &PD_VEC_AT(&st->occs, occ_t, j);
      if (!o->rendering || o->deprecated)
        st->pending++;
      if (o->rendering)
        rc = cagg_add(c, o, enlines, bi);
      else if (st->enw.n <= PD_CHK_GUESS_WORDS)
        rc = miss_stats(c, ent, o->concept);
    }
    return rc;
  }
  for (size_t j = 0; j < st->occs.n && rc == PADAN_OK; j++) {
    const occ_t *o = &PD_VEC_AT(&st->occs, occ_t, j);
    if (o->rendering && (rc = capture(c, o, bi, idt, idl, ent, enl, idlines, enlines)))
      break;
    if (o->rendering && !o->deprecated)
      continue;
    padan_check_finding f;
    finding_init(&f, o->rendering ? PADAN_CHECK_DEPRECATED : PADAN_CHECK_MISSING);
    f.concept = concept_id(c, o->concept);
    f.id_term = term_text(c, o->idterm);
    f.id_form = pd_arena_strndup(ba, idt + o->id_s, o->id_l);
    f.expected = preferred_of(c, o->concept, "en");
    f.id_lines = idlines;
    f.en_lines = enlines;
    f.line = (size_t)strtoul(idlines, NULL, 10);
    f.id_text = idt;
    f.en_text = ent;
    padan_check_mark *m = NULL;
    size_t nm = 0;
    if (!f.id_form || add_mark(ba, &m, &nm, o->id_s, o->id_l))
      return PADAN_ENOMEM;
    f.id_marks = m;
    f.nid_marks = nm;
    if (o->rendering) {
      f.found = pd_arena_strndup(ba, ent + o->en_s, o->en_l);
      m = NULL;
      nm = 0;
      if (!f.found || add_mark(ba, &m, &nm, o->en_s, o->en_l))
        return PADAN_ENOMEM;
      f.en_marks = m;
      f.nen_marks = nm;
    } else if (st->enw.n <= PD_CHK_GUESS_WORDS && (rc = guess_found(c, ba, ent, o->concept, &f))) {
      break;
    }
    rc = emit_finding(c, &f);
  }
  return rc;
}

static int pairs_rewind(padan_checker *c, size_t *nfindings) {
  pd_chk_pairs *st = &c->pp;
  if (!st->active || st->pass != 1)
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_rewind: not in a first pass");
  size_t ninc = 0;
  for (size_t q = 0; q < st->corder.n; q++) {
    pd_chk_cagg *ag = &st->cagg[PD_VEC_AT(&st->corder, size_t, q)];
    pd_chk_rend *r = ag->rend.p;
    size_t nr = ag->rend.n;
    /* most frequent first (stable) */
    for (size_t a = 1; a < nr; a++)
      for (size_t b = a; b > 0 && r[b].count > r[b - 1].count; b--) {
        pd_chk_rend t = r[b];
        r[b] = r[b - 1];
        r[b - 1] = t;
      }
    ninc += nr >= 2;
  }
  /* a key is left over in a miss unless each of its spellings there was
     copied from the Indonesian somewhere in the input */
  for (uint32_t id = 1; id <= pd_strmap_count(&st->fsets); id++) {
    size_t len;
    const char *s = pd_strmap_str(&st->fsets, id, &len);
    size_t hdr = sizeof(size_t) + sizeof(uint32_t);
    int live = 0;
    for (size_t o = hdr; o + sizeof(uint32_t) <= len && !live; o += sizeof(uint32_t)) {
      uint32_t fid;
      size_t fl;
      memcpy(&fid, s + o, sizeof fid);
      const char *fs = pd_strmap_str(&st->efolds, fid, &fl);
      live = !pd_strmap_find(&st->idwords, fs, fl);
    }
    if (!live)
      continue;
    uint32_t cid;
    size_t *n;
    if (pd_strmap_intern(&st->ck, s, hdr, &cid) || !(n = vat(&st->ck_cnt, cid)))
      return pd_chk_fail(c, PADAN_ENOMEM, "%s", padan_strerror(PADAN_ENOMEM));
    *n += id < st->fset_n.n ? PD_VEC_AT(&st->fset_n, size_t, id) : 0;
  }
  if (st->seen.n)
    memset(st->seen.p, 0, st->seen.n * sizeof(size_t));
  st->stamp = 0;
  st->nbead1 = st->nbead;
  st->nbead = 0;
  st->pass = 2;
  if (nfindings)
    *nfindings = st->pending + ninc;
  return PADAN_OK;
}

static int pairs_finish(padan_checker *c) {
  pd_chk_pairs *st = &c->pp;
  if (!st->active || st->pass != 2)
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_finish: not in a second pass");
  if (st->nbead != st->nbead1) {
    size_t n2 = st->nbead, n1 = st->nbead1;
    pairs_free(st);
    return pd_chk_fail(c, PADAN_EARG, "the second pass gave %zu pairs, the first %zu", n2, n1);
  }
  int rc = PADAN_OK;
  pd_buf fb;
  pd_buf_init(&fb);
  for (size_t q = 0; q < st->corder.n && rc == PADAN_OK; q++) {
    size_t concept = PD_VEC_AT(&st->corder, size_t, q);
    pd_chk_cagg *ag = &st->cagg[concept];
    const pd_chk_rend *r = ag->rend.p;
    size_t nr = ag->rend.n;
    if (nr < 2)
      continue;
    padan_check_form *forms = pd_arena_alloc(&c->arena, nr * sizeof *forms);
    if (!forms) {
      rc = PADAN_ENOMEM;
      break;
    }
    pd_buf_clear(&fb);
    for (size_t k = 0; k < nr && rc == PADAN_OK; k++) {
      forms[k].form = term_text(c, r[k].term);
      forms[k].count = r[k].count;
      forms[k].file = "";
      forms[k].line = r[k].line;
      rc = pd_buf_printf(&fb, "%s%s (%zu)", k ? "; " : "", forms[k].form, r[k].count);
    }
    padan_check_finding *f = pd_vec_push(&c->findings);
    if (rc || !f) {
      rc = PADAN_ENOMEM;
      break;
    }
    finding_init(f, PADAN_CHECK_INCONSISTENT);
    f->concept = concept_id(c, concept);
    f->id_term = preferred_of(c, concept, "id");
    f->expected = preferred_of(c, concept, "en");
    f->found = pd_chk_strdup(c, fb.p, fb.len);
    f->forms = forms;
    f->nforms = nr;
    if (!f->found) {
      rc = PADAN_ENOMEM;
      break;
    }
    if (!ag->have_ex)
      continue;
    f->id_lines = pd_chk_strdup(c, ag->id_lines, strlen(ag->id_lines));
    f->en_lines = pd_chk_strdup(c, ag->en_lines, strlen(ag->en_lines));
    f->id_text = pd_chk_strdup(c, ag->id_text, strlen(ag->id_text));
    f->en_text = pd_chk_strdup(c, ag->en_text, strlen(ag->en_text));
    if (!f->id_lines || !f->en_lines || !f->id_text || !f->en_text) {
      rc = PADAN_ENOMEM;
      break;
    }
    f->line = (size_t)strtoul(f->id_lines, NULL, 10);
    padan_check_mark *m = NULL;
    size_t nm = 0;
    if (add_mark(&c->arena, &m, &nm, ag->id_s, ag->id_l))
      rc = PADAN_ENOMEM;
    f->id_marks = m;
    f->nid_marks = nm;
    m = NULL;
    nm = 0;
    if (rc == PADAN_OK && add_mark(&c->arena, &m, &nm, ag->en_s, ag->en_l))
      rc = PADAN_ENOMEM;
    f->en_marks = m;
    f->nen_marks = nm;
  }
  pd_buf_free(&fb);
  pairs_free(st);
  if (rc)
    return pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  return PADAN_OK;
}

int padan_check_pairs_begin(padan_checker *c, unsigned options, padan_check_emit_fn emit,
                            void *ud) {
  if (!c)
    return PADAN_EARG;
  pd_chk_reset(c);
  pd_buf_clear(&c->err);
  int rc = pairs_start(c, 0, emit, ud);
  if (rc == PADAN_OK && !(options & PADAN_CHECK_LINES))
    rc = sent_start(c);
  if (rc)
    return pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  return PADAN_OK;
}

/* An arena copy of a line: a trailing CR dropped, other CR/LF made spaces. */
static char *copy_line(pd_arena *a, const char *s, size_t n, size_t *out) {
  if (n && s[n - 1] == '\r')
    n--;
  char *d = pd_arena_strndup(a, s ? s : "", s ? n : 0);
  if (d)
    for (size_t i = 0; i < n; i++)
      if (d[i] == '\n' || d[i] == '\r')
        d[i] = ' ';
  *out = s ? n : 0;
  return d;
}

int padan_check_pairs_add(padan_checker *c, const char *id, size_t idlen, const char *en,
                          size_t enlen) {
  if (!c)
    return PADAN_EARG;
  pd_chk_pairs *st = &c->pp;
  if (!st->active || st->whole || st->sentences || st->as || (!id && idlen) || (!en && enlen))
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_add: no line check begun, or a long "
                                      "line pair has not ended");
  pd_arena_free(&st->scratch);
  pd_arena_init(&st->scratch);
  size_t line = ++st->nline, idl, enl;
  char *idt = copy_line(&st->scratch, id, idlen, &idl);
  char *ent = copy_line(&st->scratch, en, enlen, &enl);
  char nb[32];
  snprintf(nb, sizeof nb, "%zu", line);
  char *lines = pd_arena_strndup(&st->scratch, nb, strlen(nb));
  if (!idt || !ent || !lines)
    return pd_chk_fail(c, PADAN_ENOMEM, "%s", padan_strerror(PADAN_ENOMEM));
  int rc = pairs_bead(c, idt, idl, ent, enl, lines, en ? lines : "");
  if (rc && !c->err.len)
    pd_chk_fail(c, rc, "line %zu: %s", line, padan_strerror(rc));
  return rc;
}

int padan_check_pairs_rewind(padan_checker *c, size_t *nfindings) {
  if (!c)
    return PADAN_EARG;
  pd_chk_pairs *st = &c->pp;
  if (st->whole || !st->active)
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_rewind: no streaming check begun");
  if (st->sentences) {
    if (!st->side[0].ended || !st->side[1].ended || !padan_align_stream_done(st->as))
      return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_rewind: a side has not ended");
    int rc = sent_stream_new(c);
    if (rc)
      return pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  } else if (st->as) {
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_rewind: a long line pair has not ended");
  }
  st->nline = 0;
  return pairs_rewind(c, nfindings);
}

int padan_check_pairs_finish(padan_checker *c) {
  if (!c)
    return PADAN_EARG;
  pd_chk_pairs *st = &c->pp;
  if (st->whole || !st->active)
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_finish: no streaming check begun");
  if (st->as &&
      (!st->side[0].ended || !st->side[1].ended || !padan_align_stream_done(st->as))) {
    pairs_free(st);
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_finish: a side has not ended");
  }
  pd_arena_free(&c->pp.scratch);
  pd_arena_init(&c->pp.scratch);
  return pairs_finish(c);
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

/* ------------------------------------------------------------ sentences, streamed */

/* A new aligner (nothing learned) and stream for a pass, or (lines mode) for
 * a long line pair. */
static int sent_stream_new(padan_checker *c) {
  pd_chk_pairs *st = &c->pp;
  padan_align_stream_free(st->as);
  st->as = NULL;
  padan_aligner_free(st->al);
  st->al = NULL;
  int rc = padan_aligner_new(&st->al);
  if (rc == PADAN_OK)
    rc = add_lexicon_pairs(c, st->al);
  if (rc)
    return rc;
  for (int k = 0; k < 2; k++) {
    pd_buf_clear(&st->side[k].buf);
    st->side[k].lines.n = 0;
    st->side[k].base = st->side[k].head = 0;
    st->side[k].line = 1;
    st->side[k].ended = 0;
  }
  return padan_align_stream_new(st->al, st->sentences ? 0 : PADAN_ALIGN_DOC_WINDOW, &st->as);
}

static int sent_start(padan_checker *c) {
  pd_chk_pairs *st = &c->pp;
  st->sentences = 1;
  return sent_stream_new(c);
}

/* Joins sentences [first, first+n) of a side as join_side does. */
static int sent_join(padan_checker *c, int side, const padan_align_sent *ss, size_t first,
                     size_t n, char **text, size_t *tlen, const char **lines) {
  pd_chk_pairs *st = &c->pp;
  pd_buf *b = &st->lb, *l = &st->key;
  pd_buf_clear(b);
  pd_buf_clear(l);
  int rc = PADAN_OK;
  size_t prev = 0;
  for (size_t k = 0; k < n && rc == PADAN_OK; k++) {
    size_t idx = first + k - st->side[side].base;
    size_t line = idx < st->side[side].lines.n ? PD_VEC_AT(&st->side[side].lines, size_t, idx) : 0;
    if (k)
      rc = pd_buf_putc(b, ' ');
    if (!rc)
      rc = pd_buf_append(b, ss[k].s, ss[k].len);
    if (!rc && (k == 0 || line != prev))
      rc = pd_buf_printf(l, "%s%zu", l->len ? "," : "", line);
    prev = line;
  }
  if (rc)
    return rc;
  *text = pd_arena_strndup(&st->scratch, b->p ? b->p : "", b->len);
  *tlen = b->len;
  *lines = pd_arena_strndup(&st->scratch, l->p ? l->p : "", l->len);
  if (!*text || !*lines)
    return PADAN_ENOMEM;
  for (size_t i = 0; i < *tlen; i++)
    if ((*text)[i] == '\n' || (*text)[i] == '\r')
      (*text)[i] = ' ';
  /* forget the line numbers of sentences handed out */
  st->side[side].head = first + n - st->side[side].base;
  if (st->side[side].head > 4096 && st->side[side].head * 2 > st->side[side].lines.n) {
    pd_vec *v = &st->side[side].lines;
    size_t h = st->side[side].head;
    memmove(v->p, (size_t *)v->p + h, (v->n - h) * sizeof(size_t));
    v->n -= h;
    st->side[side].base += h;
    st->side[side].head = 0;
  }
  return PADAN_OK;
}

/* Checks the beads the aligner has committed. */
static int sent_drain(padan_checker *c) {
  pd_chk_pairs *st = &c->pp;
  padan_align_bead b;
  const padan_align_sent *ids, *ens;
  int r;
  while ((r = padan_align_stream_next(st->as, &b, &ids, &ens)) == 1) {
    pd_arena_free(&st->scratch);
    pd_arena_init(&st->scratch);
    char *idt, *ent;
    size_t idl, enl;
    const char *il, *el;
    int rc = sent_join(c, 0, ids, b.id_first, b.id_n, &idt, &idl, &il);
    if (!rc)
      rc = sent_join(c, 1, ens, b.en_first, b.en_n, &ent, &enl, &el);
    if (!st->sentences) /* a long line pair: its line number */
      il = st->doc_lines[0], el = st->doc_lines[1];
    if (!rc)
      rc = pairs_bead(c, idt, b.id_n ? idl : 0, ent, enl, il, el);
    if (rc)
      return rc;
  }
  if (r < 0)
    return pd_chk_fail(c, r, "sentence alignment: %s", padan_aligner_errmsg(st->al));
  return PADAN_OK;
}

#define SENT_CHUNK ((size_t)256 << 10)

/* Splits the side's held text plus text[0..len) into sentences and adds
 * them to the aligner stream, all but the last one unless last. */
static int sent_chunk(padan_checker *c, int side, const char *text, size_t len, int last) {
  pd_chk_pairs *st = &c->pp;
  pd_buf *b = &st->side[side].buf;
  int rc = len ? pd_buf_append(b, text, len) : PADAN_OK;
  if (rc == PADAN_OK) {
    padan_tokens_clear(&st->toks);
    rc = padan_tokenize(c->tk, b->p ? b->p : "", b->len, 0, 0, &st->toks);
  }
  if (rc)
    return rc;
  /* the last sentence may go on in the next piece: keep it (unless it is
     already very long) */
  size_t ns = st->toks.nsent, done = last ? ns : (ns ? ns - 1 : 0);
  if (!done && b->len > 2 * SENT_CHUNK)
    done = ns;
  size_t keep = last || done == ns ? b->len : st->toks.sent[done].start;
  size_t pos = 0, line = st->side[side].line;
  for (size_t k = 0; k < done && rc == PADAN_OK; k++) {
    size_t s = st->toks.sent[k].start, e = st->toks.sent[k].end;
    for (; pos < s; pos++)
      line += b->p[pos] == '\n';
    size_t *q = pd_vec_push(&st->side[side].lines);
    if (!q)
      rc = PADAN_ENOMEM;
    else
      *q = line;
    if (!rc)
      rc = padan_align_stream_add(st->as, side, b->p + s, e - s);
  }
  if (rc)
    return rc;
  for (; pos < keep; pos++)
    line += b->p[pos] == '\n';
  if (keep)
    memmove(b->p, b->p + keep, b->len - keep);
  b->len -= keep;
  st->side[side].line = line;
  return PADAN_OK;
}

int padan_check_pairs_text(padan_checker *c, int side, const char *text, size_t len, int last) {
  if (!c)
    return PADAN_EARG;
  pd_chk_pairs *st = &c->pp;
  if (!st->active || st->whole || side < 0 || side > 1 || (!text && len) ||
      (st->as && st->side[side].ended))
    return pd_chk_fail(c, PADAN_EARG, "padan_check_pairs_text: no streaming check begun, or the "
                                      "side has ended");
  int rc = PADAN_OK;
  if (!st->as) { /* lines mode: a long line pair begins */
    if ((rc = sent_stream_new(c)))
      return pd_chk_fail(c, rc, "%s", padan_strerror(rc));
    st->nline++;
    for (int k = 0; k < 2; k++)
      snprintf(st->doc_lines[k], sizeof st->doc_lines[k], "%zu", st->nline);
  }
  if (!text && !st->sentences) /* lines mode: the side has no such line */
    st->doc_lines[side][0] = '\0';
  /* a few hundred KiB at a time, so that the tokens held stay few */
  size_t at = 0;
  do {
    size_t n = len - at;
    if (n > SENT_CHUNK) {
      n = SENT_CHUNK;
      while (n > SENT_CHUNK / 2 && text[at + n - 1] != '\n' && text[at + n - 1] != ' ')
        n--;
      if (n == SENT_CHUNK / 2)
        n = SENT_CHUNK;
    }
    rc = sent_chunk(c, side, text ? text + at : NULL, n, last && at + n == len);
    at += n;
  } while (rc == PADAN_OK && at < len);
  if (rc)
    return pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  if (last) {
    padan_align_stream_end(st->as, side);
    st->side[side].ended = 1;
  }
  rc = sent_drain(c);
  if (rc == PADAN_OK && !padan_align_stream_done(st->as) && padan_align_stream_want(st->as) < 0)
    return pd_chk_fail(c, PADAN_ELIMIT,
                       "sentence alignment: a window of %zu + %zu sentences gave no bead",
                       padan_align_stream_held(st->as, 0), padan_align_stream_held(st->as, 1));
  if (rc && !c->err.len)
    pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  if (rc == PADAN_OK && !st->sentences && padan_align_stream_done(st->as)) {
    /* lines mode: the long line pair is done */
    padan_align_stream_free(st->as);
    padan_aligner_free(st->al);
    st->as = NULL, st->al = NULL;
  }
  return rc;
}

int padan_check_pairs_want(const padan_checker *c) {
  if (!c || !c->pp.active || c->pp.whole || !c->pp.as)
    return -1;
  return padan_align_stream_want(c->pp.as);
}

int padan_check_pairs(padan_checker *c, const char *id, size_t idlen, const char *en,
                      size_t enlen, unsigned options) {
  if (!c || (!id && idlen) || (!en && enlen))
    return PADAN_EARG;
  pd_chk_reset(c);
  pd_buf_clear(&c->err);
  int lines = (options & PADAN_CHECK_LINES) != 0;
  pd_vec is, es, beadv;
  pd_vec_init(&is, sizeof(sent_t));
  pd_vec_init(&es, sizeof(sent_t));
  pd_vec_init(&beadv, sizeof(padan_align_bead));
  bead_t *beads = NULL;
  size_t nbeads = 0;
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
  for (size_t bi = 0; bi < nbeads && rc == PADAN_OK; bi++) {
    padan_align_bead *ab = &PD_VEC_AT(&beadv, padan_align_bead, bi);
    bead_t *b = &beads[bi];
    if ((rc = join_side(c, id, isv, ab->id_first, ab->id_n, &b->id_text, &b->id_len, &b->id_lines)))
      break;
    rc = join_side(c, en, esv, ab->en_first, ab->en_n, &b->en_text, &b->en_len, &b->en_lines);
    b->has_id = ab->id_n > 0;
  }
  if (rc == PADAN_OK)
    rc = pairs_start(c, 1, NULL, NULL);
  for (int pass = 1; pass <= 2 && rc == PADAN_OK; pass++) {
    for (size_t bi = 0; bi < nbeads && rc == PADAN_OK; bi++) {
      bead_t *b = &beads[bi];
      rc = pairs_bead(c, b->id_text, b->has_id ? b->id_len : 0, b->en_text, b->en_len,
                      b->id_lines, b->en_lines);
    }
    if (rc == PADAN_OK)
      rc = pass == 1 ? pairs_rewind(c, NULL) : pairs_finish(c);
  }
out:
  if (rc && !c->err.len)
    pd_chk_fail(c, rc, "%s", padan_strerror(rc));
  pairs_free(&c->pp);
  free(beads);
  pd_vec_free(&is);
  pd_vec_free(&es);
  pd_vec_free(&beadv);
  return rc;
}
