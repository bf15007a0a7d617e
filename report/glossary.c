/* The glossary builder: extracted terms and lexicon terms found in the input,
 * merged, each with its English equivalent and an example sentence. */
#include "config.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <padan/glossary.h>
#include <padan/terms.h>
#include <padan/text.h>
#include "text/textint.h"
#include "report/gloss_int.h"
#include "text/lemma.h"

/* The input kept for the scan at build time (examples need the ranked terms,
 * known only at the end): records 'P' + length + bytes (a piece of the open
 * document) and 'E' (end of a document), in memory up to SPILL_MEM bytes,
 * then in an unlinked temporary file, so memory stays bounded. */
#define SPILL_MEM ((size_t)8 << 20)
#define REC_MAX ((size_t)4 << 20)
/* a held-back sentence longer than this is scanned without its continuation
 * (as padan_terms counts it) */
#define CARRY_MAX ((size_t)4 << 20)

/* What an n-gram key stands for. */
typedef struct {
  uint32_t lex_term; /* lexicon term index + 1 (0 = none) */
  uint32_t row;      /* row index + 1 of an extracted term (0 = none) */
  uint32_t nwords;
} gkey;

/* Building state per row (parallel to rows). */
typedef struct {
  uint32_t lex_term; /* lexicon term index + 1 */
  int exact;         /* some occurrence had the lexicon term's text (or its case) */
  unsigned long lexfreq;
  int from_terms;
  int weak_example; /* the example shows the term inside a longer lexicon term */
} growinfo;

struct padan_glossary {
  padan_lexicon *lex;
  padan_glossary_options opt;
  padan_terms *terms;
  padan_tokenizer *tk;
  pd_buf mem;  /* the stored input (records), while it is small */
  FILE *spill; /* the stored input once it is not */
  int indoc;   /* a document given in pieces is open */
  pd_arena arena;
  pd_vec rows; /* padan_glossary_row */
  pd_vec info; /* growinfo */
  pd_buf err;
  int built;
  int nomem;     /* an arena copy failed during build */
  char empty[2]; /* what a failed copy returns */
  void (*progress)(void *ud, const char *stage, size_t done, size_t total);
  void *progress_ud;
};

void padan_glossary_set_progress(padan_glossary *g,
                                 void (*fn)(void *ud, const char *stage, size_t done,
                                            size_t total),
                                 void *ud) {
  if (g)
    g->progress = fn, g->progress_ud = ud;
}

static const char *match_names[] = {"none", "lexicon", "lemma", "fuzzy", "compositional",
                                    "learned"};

const char *padan_glossary_match_name(int match) {
  if (match < 0 || match > PADAN_GLOSS_LEARNED)
    return "?";
  return match_names[match];
}

void padan_glossary_options_init(padan_glossary_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->min_freq = 2;
  opt->max_words = 6;
  opt->keep_bytes = SPILL_MEM;
}

static int fail(padan_glossary *g, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pd_buf_clear(&g->err);
  char tmp[512];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  pd_buf_puts(&g->err, tmp);
  return rc;
}

const char *padan_glossary_errmsg(const padan_glossary *g) {
  return g && g->err.len ? g->err.p : "";
}

int padan_glossary_new(padan_glossary **out, padan_lexicon *lex,
                       const padan_glossary_options *opt) {
  if (!out)
    return PADAN_EARG;
  *out = NULL;
  padan_glossary *g = calloc(1, sizeof *g);
  if (!g)
    return PADAN_ENOMEM;
  g->lex = lex;
  if (opt)
    g->opt = *opt;
  else
    padan_glossary_options_init(&g->opt);
  pd_buf_init(&g->mem);
  pd_vec_init(&g->rows, sizeof(padan_glossary_row));
  pd_vec_init(&g->info, sizeof(growinfo));
  pd_arena_init(&g->arena);
  pd_buf_init(&g->err);
  padan_terms_options to;
  padan_terms_options_init(&to);
  if (g->opt.max_words > 0)
    to.max_words = g->opt.max_words;
  to.min_freq = g->opt.min_freq ? g->opt.min_freq : 1;
  to.top = 0;
  int rc = padan_terms_new(&g->terms, &to);
  if (rc == PADAN_OK)
    rc = padan_tokenizer_new(&g->tk);
  if (rc) {
    padan_glossary_free(g);
    return rc;
  }
  *out = g;
  return PADAN_OK;
}

void padan_glossary_free(padan_glossary *g) {
  if (!g)
    return;
  pd_buf_free(&g->mem);
  if (g->spill)
    fclose(g->spill);
  pd_vec_free(&g->rows);
  pd_vec_free(&g->info);
  pd_arena_free(&g->arena);
  pd_buf_free(&g->err);
  padan_terms_free(g->terms);
  padan_tokenizer_free(g->tk);
  free(g);
}

int padan_glossary_load_stopwords(padan_glossary *g, const char *path) {
  int rc = padan_terms_load_stopwords(g->terms, path);
  if (rc)
    return fail(g, rc, "%s", padan_terms_errmsg(g->terms));
  return PADAN_OK;
}

/* Appends bytes to the stored input. */
static int store(padan_glossary *g, const void *p, size_t n) {
  if (!g->spill && g->mem.len + n <= g->opt.keep_bytes)
    return pd_buf_append(&g->mem, p, n) ? fail(g, PADAN_ENOMEM, "out of memory") : PADAN_OK;
  if (!g->spill) {
    g->spill = pd_temp_file("glossary", NULL, 0);
    if (!g->spill)
      return fail(g, PADAN_EIO, "temporary file for the input: %s", strerror(errno));
    if (g->mem.len && fwrite(g->mem.p, 1, g->mem.len, g->spill) != g->mem.len)
      return fail(g, PADAN_EIO, "temporary file for the input: %s", strerror(errno));
    pd_buf_free(&g->mem);
    pd_buf_init(&g->mem);
  }
  if (n && fwrite(p, 1, n, g->spill) != n)
    return fail(g, PADAN_EIO, "temporary file for the input: %s", strerror(errno));
  return PADAN_OK;
}

static int store_text(padan_glossary *g, const char *text, size_t len) {
  int rc = PADAN_OK;
  for (size_t i = 0; i < len && !rc;) {
    uint64_t n = len - i < REC_MAX ? len - i : REC_MAX;
    if (!(rc = store(g, "P", 1)) && !(rc = store(g, &n, sizeof n)))
      rc = store(g, text + i, (size_t)n);
    i += (size_t)n;
  }
  return rc;
}

int padan_glossary_add_piece(padan_glossary *g, const char *text, size_t len) {
  if (!g || (!text && len))
    return PADAN_EARG;
  g->built = 0;
  g->indoc = 1;
  int rc = store_text(g, text, len);
  if (rc)
    return rc;
  rc = padan_terms_add_piece(g->terms, text ? text : "", len);
  if (rc)
    return fail(g, rc, "%s", padan_terms_errmsg(g->terms));
  return PADAN_OK;
}

int padan_glossary_end_doc(padan_glossary *g) {
  if (!g)
    return PADAN_EARG;
  g->built = 0;
  g->indoc = 0;
  int rc = store(g, "E", 1);
  if (rc)
    return rc;
  rc = padan_terms_end_doc(g->terms);
  if (rc)
    return fail(g, rc, "%s", padan_terms_errmsg(g->terms));
  return PADAN_OK;
}

int padan_glossary_add(padan_glossary *g, const char *text, size_t len) {
  if (!g || (!text && len))
    return PADAN_EARG;
  int rc = g->indoc ? padan_glossary_end_doc(g) : PADAN_OK;
  if (!rc)
    rc = store_text(g, text, len);
  if (!rc)
    rc = store(g, "E", 1);
  if (rc)
    return rc;
  g->built = 0;
  rc = padan_terms_add(g->terms, text ? text : "", len);
  if (rc)
    return fail(g, rc, "%s", padan_terms_errmsg(g->terms));
  return PADAN_OK;
}

/* ------------------------------------------------------------ keys */

static int scan_kind(int kind) {
  return kind == PADAN_TOK_WORD || kind == PADAN_TOK_ACRONYM || kind == PADAN_TOK_NUMBER ||
         kind == PADAN_TOK_ABBREV;
}

/* The key of a phrase: the lemma keys of its tokens joined by single spaces.
 * Returns the number of tokens, 0 when the phrase has a token the scanner
 * never joins (punctuation, URLs...). */
static size_t phrase_key(padan_tokenizer *tk, padan_tokens *toks, const char *s, size_t len,
                         pd_buf *key) {
  pd_buf_clear(key);
  padan_tokens_clear(toks);
  if (padan_tokenize(tk, s, len, 0, PADAN_TOKENIZE_LINES, toks) != PADAN_OK)
    return 0;
  for (size_t i = 0; i < toks->ntok; i++) {
    const padan_token *t = &toks->tok[i];
    if (!scan_kind(t->kind))
      return 0;
    if (i && pd_buf_putc(key, ' '))
      return 0;
    if (pd_lemma_key(s + t->start, t->len, key))
      return 0;
  }
  return toks->ntok;
}


static int all_caps(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
      return 0;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

/* ------------------------------------------------------------ rows */

/* A copy in the arena; on failure a writable "" and g->nomem set, so that
 * rows never hold NULL (build then fails with PADAN_ENOMEM). */
static char *adup(padan_glossary *g, const char *s, size_t n) {
  char *p = pd_arena_strndup(&g->arena, s ? s : "", s ? n : 0);
  if (!p) {
    g->nomem = 1;
    g->empty[0] = g->empty[1] = '\0';
    p = g->empty;
  }
  return p;
}
static char *adups(padan_glossary *g, const char *s) { return adup(g, s, s ? strlen(s) : 0); }

static padan_glossary_row *new_row(padan_glossary *g, uint32_t *idx) {
  padan_glossary_row *r = pd_vec_push(&g->rows);
  growinfo *in = pd_vec_push(&g->info);
  if (!r || !in)
    return NULL;
  r->id_term = r->en_term = r->status = r->concept = r->domain = r->admitted = r->alternatives =
      r->example = r->note = r->source = "";
  *idx = (uint32_t)g->rows.n;
  return r;
}

#define ROW(g, i) (&PD_VEC_AT(&(g)->rows, padan_glossary_row, (i)))
#define INFO(g, i) (&PD_VEC_AT(&(g)->info, growinfo, (i)))

/* Stores an example: the sentence s[a..b) with the mark at [ms, ms+ml), cut to
 * a window around the mark when long. */
static void set_example(padan_glossary *g, padan_glossary_row *r, const char *s, size_t a,
                        size_t b, size_t ms, size_t ml) {
  enum { WIN = 160 };
  while (a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t'))
    a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\t'))
    b--;
  int cut_l = 0, cut_r = 0;
  if (ms > a + WIN) {
    a = ms - WIN;
    while (a < ms && ((unsigned char)s[a] & 0xC0) == 0x80)
      a++;
    while (a < ms && s[a] != ' ')
      a++;
    cut_l = 1;
  }
  if (b > ms + ml + WIN) {
    b = ms + ml + WIN;
    while (b > ms + ml && ((unsigned char)s[b] & 0xC0) == 0x80)
      b--;
    while (b > ms + ml && s[b] != ' ')
      b--;
    cut_r = 1;
  }
  pd_buf e;
  pd_buf_init(&e);
  if (cut_l)
    pd_buf_puts(&e, "\xE2\x80\xA6");
  size_t off = e.len;
  for (size_t i = a; i < b; i++)
    pd_buf_putc(&e, s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
  if (cut_r)
    pd_buf_puts(&e, "\xE2\x80\xA6");
  r->example = adup(g, e.p, e.len);
  r->mark_start = off + (ms - a);
  r->mark_len = ml;
  pd_buf_free(&e);
}

static int cmp_rows(const void *x, const void *y) {
  const padan_glossary_row *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->freq != b->freq)
    return a->freq > b->freq ? -1 : 1;
  return strcmp(a->id_term, b->id_term);
}

/* ------------------------------------------------------------ build */

typedef struct {
  pd_strmap keys;
  pd_strmap first; /* every key's text up to its first space: a quick "no key starts here" */
  pd_vec ent;      /* gkey per key id (index id-1) */
  size_t maxn;
} keytab;

#define SCAN_MAXN 31 /* tokens of the longest key looked for */

static gkey *key_entry(keytab *kt, const char *k, size_t n, int create) {
  uint32_t id = pd_strmap_find(&kt->keys, k, n);
  if (!id) {
    uint32_t fid;
    const char *sp = memchr(k, ' ', n);
    if (!create || pd_strmap_intern(&kt->keys, k, n, &id) ||
        pd_strmap_intern(&kt->first, k, sp ? (size_t)(sp - k) : n, &fid))
      return NULL;
  }
  while (kt->ent.n < id)
    if (!pd_vec_push(&kt->ent))
      return NULL;
  return &PD_VEC_AT(&kt->ent, gkey, id - 1);
}

static void fill_lexicon(padan_glossary *g, padan_glossary_row *r, growinfo *in, size_t term) {
  padan_lexicon *lex = g->lex;
  padan_lexicon_term it;
  if (padan_lexicon_term_get(lex, term, &it) != PADAN_OK)
    return;
  padan_lexicon_concept c;
  padan_lexicon_concept_get(lex, it.concept, &c);
  pd_buf adm, dep, note;
  pd_buf_init(&adm), pd_buf_init(&dep), pd_buf_init(&note);
  int learned = 0;
  const char *en = pd_gloss_english(lex, it.concept, &adm, &dep, &learned);
  r->concept = adups(g, c.id);
  r->domain = adups(g, c.domain);
  r->status = padan_lexicon_status_name(it.status);
  if (en) {
    r->en_term = adups(g, en);
    /* learned pairs come lower-cased: a capitalized Indonesian name gets capitals */
    if (learned && pd_gloss_capitalized(r->id_term, strlen(r->id_term))) {
      int lower = 1;
      for (const char *p = en; *p; p++)
        lower &= !(*p >= 'A' && *p <= 'Z');
      if (lower) {
        char *e = adups(g, en);
        for (char *p = e; *p; p++)
          if ((p == e || p[-1] == ' ') && *p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
        r->en_term = e;
      }
    }
    r->match = learned ? PADAN_GLOSS_LEARNED : in->exact ? PADAN_GLOSS_LEXICON : PADAN_GLOSS_LEMMA;
    r->confidence = learned ? 0.8 : 1.0;
  } else {
    pd_buf_puts(&note, "the lexicon concept has no usable English term");
  }
  r->admitted = adup(g, adm.p, adm.len);
  if (dep.len) {
    if (note.len)
      pd_buf_puts(&note, "; ");
    pd_buf_printf(&note, "avoid (deprecated): %s", dep.p);
  }
  if (it.status == PADAN_TERM_DEPRECATED) {
    /* point to the preferred Indonesian form */
    for (size_t k = 0; k < c.nterms; k++) {
      padan_lexicon_term t;
      if (padan_lexicon_concept_term(lex, it.concept, k, &t) == PADAN_OK &&
          strcmp(t.lang, "id") == 0 && t.status == PADAN_TERM_PREFERRED) {
        if (note.len)
          pd_buf_puts(&note, "; ");
        pd_buf_printf(&note, "deprecated Indonesian form%s%s; preferred: %s",
                      *it.note ? " (" : "", *it.note ? it.note : "", t.text);
        if (*it.note)
          pd_buf_putc(&note, ')');
        break;
      }
    }
  }
  r->note = adup(g, note.p, note.len);
  pd_buf_free(&adm), pd_buf_free(&dep), pd_buf_free(&note);
}

static void translate_unmatched(padan_glossary *g, pd_gloss_ctx *cx, padan_glossary_row *r,
                                int nwords) {
  padan_lexicon *lex = g->lex;
  const char *t = r->id_term;
  size_t tl = strlen(t);
  padan_lexicon_hit h;
  size_t ncon = 0;
  growinfo tmp;
  memset(&tmp, 0, sizeof tmp);
  /* the whole term in the lexicon: curated by exact/case/lemma/fuzzy, a base
   * dictionary for single words */
  int found = lex && pd_gloss_find(lex, t, tl, nwords == 1, 1, &h, &ncon);
  if (found && h.match == PADAN_MATCH_FUZZY) {
    /* one edit in a short word is another word (ulang/utang, erat/era): only
     * long single words at distance 1 and multiword terms */
    size_t cps = 0;
    for (size_t i = 0; i < tl; i++)
      cps += ((unsigned char)t[i] & 0xC0) != 0x80;
    if (!(nwords >= 2 || (cps >= 8 && h.distance == 1)))
      found = 0;
    /* names are not misspellings of other names (Kim Jong Un is not Kim Jong Il) */
    if (r->name || pd_gloss_capitalized(t, tl))
      found = 0;
  }
  if (found) {
    tmp.exact = h.match == PADAN_MATCH_EXACT || h.match == PADAN_MATCH_CASE;
    fill_lexicon(g, r, &tmp, h.term);
    if (h.match == PADAN_MATCH_FUZZY && r->match != PADAN_GLOSS_LEARNED) {
      r->match = PADAN_GLOSS_FUZZY;
      r->confidence = 0.7;
    }
    if (h.base) {
      r->confidence *= 0.6;
      /* a base dictionary lists many senses: the best ranked one */
      pd_gloss_tr tr[3];
      size_t ntr = nwords == 1 ? pd_gloss_word(cx, t, tl, tr, 3) : 0;
      if (ntr > 0) {
        r->en_term = adups(g, tr[0].en);
        pd_buf al;
        pd_buf_init(&al);
        for (size_t k = 1; k < ntr; k++)
          pd_buf_printf(&al, "%s%s", al.len ? "|" : "", tr[k].en);
        r->alternatives = adup(g, al.p, al.len);
        pd_buf_free(&al);
        r->admitted = "";
      }
      /* a name from a base dictionary keeps its capital (Korea, not korea) */
      if (r->name && pd_gloss_capitalized(t, tl) && r->en_term[0] >= 'a' && r->en_term[0] <= 'z') {
        char *e = adups(g, r->en_term);
        e[0] = (char)(e[0] - 32);
        r->en_term = e;
      }
      r->concept = "";
      r->status = "";
      r->domain = "";
      pd_buf nb;
      pd_buf_init(&nb);
      pd_buf_printf(&nb, "%s%sbase dictionary", r->note, *r->note ? "; " : "");
      if (ncon > 1)
        pd_buf_printf(&nb, " (%zu senses)", ncon);
      r->note = adup(g, nb.p, nb.len);
      pd_buf_free(&nb);
    } else if (ncon > 1) {
      pd_buf nb;
      pd_buf_init(&nb);
      pd_buf_printf(&nb, "%s%sambiguous: %zu concepts", r->note, *r->note ? "; " : "", ncon);
      r->note = adup(g, nb.p, nb.len);
      pd_buf_free(&nb);
    }
    if (r->en_term[0])
      return;
  }
  padan_gloss_candidate c[3];
  size_t nc = 0;
  if (pd_gloss_compose(cx, t, tl, c, 3, &nc) != PADAN_OK || !nc)
    return;
  pd_buf alt;
  pd_buf_init(&alt);
  /* a weak guess (two base-dictionary senses picked blindly) is a suggestion, not an answer */
  int good = c[0].complete && c[0].confidence >= 0.5;
  for (size_t i = good ? 1 : 0; i < nc; i++) {
    if (alt.len)
      pd_buf_putc(&alt, '|');
    pd_buf_puts(&alt, c[i].text);
  }
  r->alternatives = adup(g, alt.p, alt.len);
  pd_buf_free(&alt);
  if (good) {
    r->en_term = adups(g, c[0].text);
    r->match = PADAN_GLOSS_COMPOSITIONAL;
    r->confidence = floor(c[0].confidence * 100 + 0.5) / 100;
    if (strcmp(c[0].text, t) == 0)
      r->note = "name kept as it is";
    else if (nwords == 1)
      r->note = "derived from the lexicon's multiword terms";
  } else if (c[0].complete) {
    r->confidence = floor(c[0].confidence * 100 + 0.5) / 100;
    r->note = "low confidence: see alternatives";
  } else {
    r->note = "some words have no translation: see alternatives";
  }
}

/* The scan of the stored input at build time. */
typedef struct {
  keytab *kt;
  uint32_t *lexrow; /* lexicon term -> row + 1 */
  padan_tokens dt;
  pd_buf key, sk;
  size_t *koff;
  size_t koffcap;
} scanner;

/* Scans the sentences of text[0..len) for lexicon terms and examples: all of
 * them when final, else the final ones (pd_final_sentences), as padan_terms
 * counts them. *used receives the bytes scanned. */
static int scan_text(padan_glossary *g, scanner *sc, const char *text, size_t len, int final,
                     size_t *used) {
  *used = 0;
  padan_tokens_clear(&sc->dt);
  if (padan_tokenize(g->tk, text, len, 0, 0, &sc->dt))
    return PADAN_ENOMEM;
  size_t nsent = final ? sc->dt.nsent : pd_final_sentences(&sc->dt, text);
  *used = nsent < sc->dt.nsent ? sc->dt.sent[nsent].start : len;
  if (!final && nsent == 0 && len <= CARRY_MAX) {
    *used = 0;
    return PADAN_OK;
  }
  if (!final && nsent == 0) /* held-back text over the limit: scanned as it is */
    nsent = sc->dt.nsent, *used = len;
  /* the lemma key of every token, concatenated */
  pd_buf_clear(&sc->sk);
  if (sc->dt.ntok + 1 > sc->koffcap) {
    free(sc->koff);
    sc->koffcap = sc->dt.ntok + 1;
    sc->koff = malloc(sc->koffcap * sizeof *sc->koff);
    if (!sc->koff) {
      sc->koffcap = 0;
      return PADAN_ENOMEM;
    }
  }
  size_t ntok = nsent ? sc->dt.sent[nsent - 1].first + sc->dt.sent[nsent - 1].ntok : 0;
  for (size_t i = 0; i < ntok; i++) {
    sc->koff[i] = sc->sk.len;
    if (scan_kind(sc->dt.tok[i].kind) &&
        pd_lemma_key(text + sc->dt.tok[i].start, sc->dt.tok[i].len, &sc->sk))
      return PADAN_ENOMEM;
  }
  sc->koff[ntok] = sc->sk.len;
  for (size_t si = 0; si < nsent; si++) {
    const padan_sentence *sent = &sc->dt.sent[si];
    size_t end = sent->first + sent->ntok;
    for (size_t i = sent->first; i < end;) {
      if (!scan_kind(sc->dt.tok[i].kind)) {
        i++;
        continue;
      }
      /* no key starts with this token's key: nothing to look up here */
      const char *k0 = sc->sk.p + sc->koff[i];
      size_t k0n = sc->koff[i + 1] - sc->koff[i];
      const char *sp = memchr(k0, ' ', k0n);
      if (!pd_strmap_find(&sc->kt->first, k0, sp ? (size_t)(sp - k0) : k0n)) {
        i++;
        continue;
      }
      size_t run = 0;
      while (i + run < end && run < sc->kt->maxn && run < SCAN_MAXN &&
             scan_kind(sc->dt.tok[i + run].kind))
        run++;
      /* the key of the whole run; the key of its first m tokens is a prefix */
      size_t kend[SCAN_MAXN + 1];
      pd_buf_clear(&sc->key);
      for (size_t k = 0; k < run; k++) {
        if (k && pd_buf_putc(&sc->key, ' '))
          return PADAN_ENOMEM;
        if (pd_buf_append(&sc->key, sc->sk.p + sc->koff[i + k],
                          sc->koff[i + k + 1] - sc->koff[i + k]))
          return PADAN_ENOMEM;
        kend[k + 1] = sc->key.len;
      }
      size_t advance = 1;
      int lex_done = 0;
      size_t lexlen = 0;  /* words of the lexicon term matched here */
      size_t longest = 0; /* words of the longest term of any kind starting here */
      for (size_t m = run; m >= 1; m--) {
        gkey *e = kend[m] ? key_entry(sc->kt, sc->key.p, kend[m], 0) : NULL;
        if (!e || (!e->lex_term && !e->row))
          continue;
        if (!longest)
          longest = m;
        const char *surf = text + sc->dt.tok[i].start;
        size_t surfl = sc->dt.tok[i + m - 1].start + sc->dt.tok[i + m - 1].len - sc->dt.tok[i].start;
        if (e->lex_term && !lex_done) {
          padan_lexicon_term lt;
          padan_lexicon_term_get(g->lex, e->lex_term - 1, &lt);
          /* an acronym matches only in capitals, a capitalized name only capitalized */
          int ok = 1;
          if (all_caps(lt.text, lt.len) && !all_caps(surf, surfl))
            ok = 0;
          if (pd_gloss_capitalized(lt.text, lt.len) && !pd_gloss_capitalized(surf, surfl))
            ok = 0;
          if (ok) {
            lex_done = 1;
            advance = m;
            lexlen = m;
            uint32_t ri = e->row ? e->row : sc->lexrow[e->lex_term - 1];
            if (!ri) {
              padan_glossary_row *r = new_row(g, &ri);
              if (!r)
                return PADAN_ENOMEM;
              r->id_term = adup(g, lt.text, lt.len);
              r->source = "lexicon";
              r->name = pd_gloss_capitalized(lt.text, lt.len);
            }
            sc->lexrow[e->lex_term - 1] = ri;
            growinfo *in = INFO(g, ri - 1);
            if (!in->lex_term)
              in->lex_term = e->lex_term;
            in->lexfreq++;
            pd_buf fk, fs;
            pd_buf_init(&fk), pd_buf_init(&fs);
            if (surfl == lt.len && memcmp(surf, lt.text, surfl) == 0)
              in->exact = 1;
            else if (pd_utf8_fold(surf, surfl, &fs) == PADAN_OK &&
                     pd_utf8_fold(lt.text, lt.len, &fk) == PADAN_OK && fs.len == fk.len &&
                     (fs.len == 0 || memcmp(fs.p, fk.p, fs.len) == 0))
              in->exact = 1;
            pd_buf_free(&fk), pd_buf_free(&fs);
            padan_glossary_row *r = ROW(g, ri - 1);
            if (!r->example[0])
              set_example(g, r, text, sent->start, sent->end, sc->dt.tok[i].start, surfl);
          }
        }
        if (e->row) {
          padan_glossary_row *r = ROW(g, e->row - 1);
          growinfo *in = INFO(g, e->row - 1);
          int weak = m < lexlen || m < longest;
          if (!r->example[0] || (in->weak_example && !weak)) {
            set_example(g, r, text, sent->start, sent->end, sc->dt.tok[i].start, surfl);
            in->weak_example = weak;
          }
        }
      }
      i += advance;
    }
  }
  return PADAN_OK;
}

/* Reads the stored input back and scans it document by document. */
static int scan_stored(padan_glossary *g, scanner *sc) {
  pd_buf cur;
  pd_buf_init(&cur);
  int rc = PADAN_OK;
  size_t pos = 0, total = g->mem.len, done = 0, shown = (size_t)-1;
  if (g->spill) {
    long end;
    if (fflush(g->spill) || fseek(g->spill, 0, SEEK_END) || (end = ftell(g->spill)) < 0 ||
        fseek(g->spill, 0, SEEK_SET))
      return fail(g, PADAN_EIO, "temporary file for the input: %s", strerror(errno));
    total = (size_t)end;
  }
  /* progress in units of 64 KiB of the stored text */
  total = (total >> 16) + 1;
  for (;;) {
    if (g->progress && done >> 16 != shown) {
      shown = done >> 16;
      g->progress(g->progress_ud, "examples and lexicon matches", shown, total);
    }
    char type;
    uint64_t n = 0;
    if (g->spill) {
      int c = getc(g->spill);
      if (c == EOF)
        break;
      type = (char)c;
      if (type == 'P' && fread(&n, sizeof n, 1, g->spill) != 1)
        type = '?';
    } else {
      if (pos >= g->mem.len)
        break;
      type = g->mem.p[pos++];
      if (type == 'P') {
        memcpy(&n, g->mem.p + pos, sizeof n);
        pos += sizeof n;
      }
    }
    size_t used = 0;
    if (type == 'P') {
      if (pd_buf_reserve(&cur, (size_t)n)) {
        rc = PADAN_ENOMEM;
        break;
      }
      if (g->spill) {
        if (fread(cur.p + cur.len, 1, (size_t)n, g->spill) != n) {
          rc = fail(g, PADAN_EIO, "temporary file for the input: short read");
          break;
        }
      } else {
        memcpy(cur.p + cur.len, g->mem.p + pos, (size_t)n);
        pos += (size_t)n;
      }
      cur.len += (size_t)n;
      cur.p[cur.len] = '\0';
      done += (size_t)n + 1 + sizeof n;
      if ((rc = scan_text(g, sc, cur.p, cur.len, 0, &used)))
        break;
      memmove(cur.p, cur.p + used, cur.len - used);
      cur.len -= used;
      cur.p[cur.len] = '\0';
    } else if (type == 'E') {
      if ((rc = scan_text(g, sc, cur.p ? cur.p : "", cur.len, 1, &used)))
        break;
      pd_buf_clear(&cur);
    } else {
      rc = fail(g, PADAN_EIO, "temporary file for the input: damaged");
      break;
    }
  }
  if (g->spill && fseek(g->spill, 0, SEEK_END) && !rc)
    rc = fail(g, PADAN_EIO, "temporary file for the input: %s", strerror(errno));
  if (g->progress && !rc)
    g->progress(g->progress_ud, "examples and lexicon matches", total, total);
  pd_buf_free(&cur);
  return rc;
}

int padan_glossary_build(padan_glossary *g, const padan_glossary_row **rows, size_t *n) {
  if (!g)
    return PADAN_EARG;
  if (g->built) {
    if (rows)
      *rows = g->rows.p;
    if (n)
      *n = g->rows.n;
    return PADAN_OK;
  }
  if (g->indoc) {
    int rc0 = padan_glossary_end_doc(g);
    if (rc0)
      return rc0;
  }
  g->rows.n = g->info.n = 0;
  g->nomem = 0;
  const padan_term *tv;
  size_t nt = 0;
  int rc = padan_terms_rank(g->terms, &tv, &nt);
  if (rc)
    return fail(g, rc, "%s", padan_terms_errmsg(g->terms));

  keytab kt;
  pd_strmap_init(&kt.keys);
  pd_strmap_init(&kt.first);
  pd_vec_init(&kt.ent, sizeof(gkey));
  kt.maxn = 1;
  padan_tokens toks, dt;
  padan_tokens_init(&toks);
  padan_tokens_init(&dt);
  pd_buf key, sk;
  pd_buf_init(&key);
  pd_buf_init(&sk);
  rc = PADAN_ENOMEM;

  /* extracted terms: one row each, every variant a key */
  for (size_t i = 0; i < nt; i++) {
    uint32_t ri;
    padan_glossary_row *r = new_row(g, &ri);
    if (!r)
      goto out;
    r->id_term = adups(g, tv[i].term);
    r->freq = tv[i].freq;
    r->score = tv[i].score;
    r->name = tv[i].kind == PADAN_TERM_NAME;
    r->source = "terms";
    INFO(g, ri - 1)->from_terms = 1;
    for (size_t v = 0; v <= tv[i].nvariants; v++) {
      const char *s = v < tv[i].nvariants ? tv[i].variants[v] : tv[i].term;
      size_t nw = phrase_key(g->tk, &toks, s, strlen(s), &key);
      if (!nw)
        continue;
      gkey *e = key_entry(&kt, key.p, key.len, 1);
      if (!e)
        goto out;
      if (!e->row)
        e->row = ri, e->nwords = (uint32_t)nw;
      if (nw > kt.maxn)
        kt.maxn = nw;
    }
  }
  size_t nterm_rows = g->rows.n;

  /* the Indonesian terms of every non-base lexicon */
  size_t nlt = g->lex ? padan_lexicon_term_count(g->lex) : 0;
  for (size_t i = 0; i < nlt; i++) {
    padan_lexicon_term t;
    if (padan_lexicon_term_get(g->lex, i, &t) != PADAN_OK || strcmp(t.lang, "id") != 0)
      continue;
    if (pd_gloss_is_base(g->lex, t.concept))
      continue;
    /* learned pairs (padan learn) translate the terms found, they do not add rows:
     * they hold every frequent word of the training text */
    if (strstr(t.note, "learned"))
      continue;
    size_t nw = phrase_key(g->tk, &toks, t.text, t.len, &key);
    if (!nw || nw > 12)
      continue;
    gkey *e = key_entry(&kt, key.p, key.len, 1);
    if (!e)
      goto out;
    if (!e->lex_term) {
      e->lex_term = (uint32_t)i + 1, e->nwords = (uint32_t)nw;
    } else {
      /* keep the preferred form of the same key */
      padan_lexicon_term o;
      padan_lexicon_term_get(g->lex, e->lex_term - 1, &o);
      if (o.status != PADAN_TERM_PREFERRED && t.status == PADAN_TERM_PREFERRED)
        e->lex_term = (uint32_t)i + 1;
    }
    if (nw > kt.maxn)
      kt.maxn = nw;
  }

  /* row of each lexicon term seen: lexterm -> row + 1 */
  uint32_t *lexrow = calloc(nlt + 1, sizeof *lexrow);
  if (!lexrow)
    goto out;
  scanner sc;
  memset(&sc, 0, sizeof sc);
  sc.kt = &kt, sc.lexrow = lexrow;
  padan_tokens_init(&sc.dt);
  pd_buf_init(&sc.key), pd_buf_init(&sc.sk);
  int src = scan_stored(g, &sc);
  padan_tokens_free(&sc.dt);
  pd_buf_free(&sc.key), pd_buf_free(&sc.sk);
  free(sc.koff);
  if (src) {
    rc = src;
    goto out2;
  }

  /* English for every row */
  pd_gloss_ctx cx;
  if (pd_gloss_ctx_init(&cx, g->lex))
    goto out2;
  for (size_t i = 0; i < g->rows.n; i++) {
    padan_glossary_row *r = ROW(g, i);
    growinfo *in = INFO(g, i);
    if (in->lex_term) {
      fill_lexicon(g, r, in, in->lex_term - 1);
      if (in->from_terms)
        r->source = "terms+lexicon";
      else
        r->freq = in->lexfreq;
      if (r->en_term[0])
        continue;
    }
    if (!g->lex)
      continue;
    int nw = i < nterm_rows ? tv[i].nwords : 1;
    if (i >= nterm_rows) {
      nw = 1;
      for (const char *p = r->id_term; *p; p++)
        nw += *p == ' ';
    }
    translate_unmatched(g, &cx, r, nw);
  }
  pd_gloss_ctx_free(&cx);
  if (g->rows.n > 1)
    qsort(g->rows.p, g->rows.n, sizeof(padan_glossary_row), cmp_rows);
  if (g->opt.top && g->rows.n > g->opt.top)
    g->rows.n = g->opt.top;
  if (g->nomem)
    goto out2;
  g->built = 1;
  if (rows)
    *rows = g->rows.p;
  if (n)
    *n = g->rows.n;
  rc = PADAN_OK;
out2:
  free(lexrow);
out:
  if (rc == PADAN_ENOMEM)
    fail(g, rc, "glossary: out of memory");
  pd_buf_free(&key);
  pd_buf_free(&sk);
  padan_tokens_free(&toks);
  padan_tokens_free(&dt);
  pd_vec_free(&kt.ent);
  pd_strmap_free(&kt.keys);
  pd_strmap_free(&kt.first);
  return rc;
}
