/* check/: source-side variants: one concept written several ways in a batch.
 *
 * The batch is streamed: padan_check_variants_add_piece takes a document in
 * pieces; the final sentences of what has come are written, as one unit, to a
 * spool (an unlinked temporary file in $TMPDIR, pd_spool) and their lower-case words noted (a
 * capitalized look-alike of one is a common word, not a misspelt name).
 * padan_check_variants then reads the spool three times, unit by unit:
 *   1. lexicon matches and near misses, kept per (concept, term, form) with a
 *      count and the first occurrence; for the terms outside the lexicon the
 *      spelling key of every uncovered 1-3 word n-gram (with the separators
 *      it is first written with and whether others occur), the capitalized
 *      words with their surfaces, and the capitalized runs by sorted words;
 *   2. for the keys and runs written more than one way: their forms, and for
 *      each occurrence the earlier such groups it overlaps (a group all of
 *      whose occurrences overlap reported ones is not reported);
 *   3. the example lines of the findings and the marks on them.
 * Memory holds those tables (they grow with the distinct forms and n-grams),
 * never the text. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/internal.h"
#include "text/textint.h"

/* Unfinished text (no final sentence yet) held before it is checked as is. */
#define VAR_CARRY_MAX ((size_t)1 << 20)
/* Units are cut at sentence ends after about this many bytes. */
#define VAR_UNIT ((size_t)64 << 10)
/* Example lines up to this long are given whole; a longer one as an excerpt
 * of 2 * VAR_HALF bytes around the example. */
#define VAR_LINE_MAX ((size_t)64 << 10)
#define VAR_HALF ((size_t)2 << 10)

/* A unit in the spool: some whole sentences of a document. */
typedef struct {
  uint64_t doc, off, line, lstart, len; /* lstart: document offset of line `line` */
} vunit;

struct pd_chk_var {
  pd_spool spool;
  size_t nunits; /* units in the spool */
  int indoc, failed;
  pd_buf carry;              /* text not yet written to the spool */
  size_t off, line, lstart;  /* at carry.p[0] */
  pd_strmap lower;           /* folded words seen in lower case somewhere in the batch */
  padan_tokens toks;
  pd_vec pieces;
  pd_buf tmp;
};

enum { K_CON, K_SPELL, K_WORD, K_RUN };                 /* kinds of item and occurrence */
enum { PH_LEX, PH_NEAR, PH_SPELL, PH_WORD, PH_RUN, PH_N }; /* occurrence order: by phase, then text */

/* Occurrences of one form in one role, aggregated: count and first one. */
typedef struct {
  uint64_t first; /* (phase << 56) | sequence number of the first occurrence */
  size_t count, line, loff; /* first occurrence: line, byte offset in the line */
  uint32_t doc, form;       /* forms id */
  uint32_t group, label;    /* generic kinds: key or word id; label */
  size_t concept, term;     /* K_CON */
  int near, deprecated;
  uint64_t member; /* what marks a finding's occurrence: (kind << 32) | item or group */
} vitem;

/* Spelling keys of the n-grams outside the lexicon, by a 64-bit hash. */
typedef struct {
  uint64_t h;
  uint32_t id;  /* 1.. in order of first occurrence; 0 = empty */
  uint32_t sig; /* separators of the first form (pass 1); rank among the reported (pass 2) */
} sslot;

typedef struct {
  sslot *slots;
  size_t nslots, n;
  pd_vec info; /* unsigned char by id - 1: fewest pieces (bits 0-1), several separators (4) */
} stab;

typedef struct {
  uint64_t key;
  size_t start, len;
} vmark;

/* A finding waiting for its example line. */
typedef struct {
  size_t fi;      /* finding index */
  uint32_t doc;
  size_t line, loff;
  uint64_t *mem;  /* sorted member keys of its occurrences */
  size_t nmem;
  size_t lrec;    /* its line in vctx.lines */
  size_t wa;      /* excerpt start (line offset) */
  pd_buf win;     /* the line's bytes from wa, at most 2 * VAR_HALF */
  pd_vec marks;   /* vmark */
} vpend;

typedef struct {
  uint32_t doc;
  size_t line, total;
  pd_buf text; /* the line's first VAR_LINE_MAX bytes */
} vline;

typedef struct {
  uint32_t rank, start, n;
} cocc;

/* A lexicon match or near miss of a unit, kept from pass 1 for the others. */
typedef struct {
  uint32_t i, n;
  uint8_t near, added, dep;
  size_t concept, term;
} vmatch;

typedef struct {
  padan_checker *c;
  struct pd_chk_var *s;
  int pass;
  /* the unit */
  vunit u;
  const char *text;
  pd_vec nls; /* size_t: offsets of the unit's newlines */
  pd_spool mfile; /* the units' vmatch lists (pass 1 writes, 2 and 3 read) */
  pd_vec mt;   /* vmatch of the unit */
  padan_tokens toks;
  pd_vec pieces;
  unsigned char *covered;
  size_t covcap;
  uint64_t seq[PH_N];
  int have_prev; /* the last lexicon occurrence (defined in brackets) */
  uint64_t prev_doc;
  size_t prev_start, prev_len, prev_concept;
  pd_buf tmp, key, b2, surf;
  /* the lexicon's multiword terms by sorted words; near-miss candidates */
  pd_strmap okeys;
  pd_vec oterm;
  pd_vec nts;
  size_t bstart[27], bend[27];
  /* aggregates */
  pd_strmap forms; /* surfaces */
  pd_strmap ikeys; /* item keys */
  pd_vec items;    /* vitem by ikeys id - 1 */
  stab sk;         /* spelling keys */
  size_t nrank;    /* spelling keys with several separators */
  pd_vec cocc;     /* cocc: their occurrences in the unit (pass 2) */
  unsigned char *fresh; /* by rank: an occurrence overlaps no earlier group */
  pd_strmap bsets; /* (rank, the earlier ranks an occurrence overlaps) */
  pd_strmap words; /* folded capitalized words (generic near misses) */
  pd_vec wcnt;     /* size_t by word id */
  pd_strmap rokeys, rlkeys; /* capitalized runs: sorted-word keys, lemma keys */
  pd_vec rst;      /* uint32_t by run okey id: first lemma key id, bit 31 several */
  /* findings */
  pd_vec pend;  /* vpend */
  pd_vec lines; /* vline */
  size_t *porder; /* pend indices by (doc, line) */
} vctx;

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static uint64_t hash64(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h ? h : 1;
}

/* The slot of h (inserted with the next id when create and absent). */
static int stab_get(stab *t, uint64_t h, int create, sslot **out) {
  *out = NULL;
  if (create && (t->n + 1) * 4 >= t->nslots * 3) {
    size_t nn = t->nslots ? t->nslots * 2 : 1024;
    sslot *ns = calloc(nn, sizeof *ns);
    if (!ns)
      return PADAN_ENOMEM;
    for (size_t i = 0; i < t->nslots; i++)
      if (t->slots[i].id) {
        size_t k = (size_t)t->slots[i].h & (nn - 1);
        while (ns[k].id)
          k = (k + 1) & (nn - 1);
        ns[k] = t->slots[i];
      }
    free(t->slots);
    t->slots = ns;
    t->nslots = nn;
  }
  if (!t->nslots)
    return PADAN_OK;
  size_t k = (size_t)h & (t->nslots - 1);
  while (t->slots[k].id && t->slots[k].h != h)
    k = (k + 1) & (t->nslots - 1);
  if (!t->slots[k].id) {
    if (!create)
      return PADAN_OK;
    unsigned char *inf = pd_vec_push(&t->info);
    if (!inf)
      return PADAN_ENOMEM;
    *inf = 0;
    t->slots[k].h = h;
    t->slots[k].id = (uint32_t)++t->n;
    t->slots[k].sig = 0;
  }
  *out = &t->slots[k];
  return PADAN_OK;
}

/* Surface with whitespace runs collapsed to one space. */
static int surface(const char *s, size_t n, pd_buf *out) {
  pd_buf_clear(out);
  int sp = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      sp = 1;
      continue;
    }
    if (sp && out->len && pd_buf_putc(out, ' '))
      return PADAN_ENOMEM;
    sp = 0;
    if (pd_buf_putc(out, (char)ch))
      return PADAN_ENOMEM;
  }
  if (!out->p && pd_buf_reserve(out, 1))
    return PADAN_ENOMEM;
  if (out->len == 0)
    out->p[0] = '\0';
  return PADAN_OK;
}

/* Folded text with everything but letters and digits removed (spelling key). */
static int skey(const char *s, size_t n, pd_buf *tmp, pd_buf *out) {
  pd_buf_clear(tmp);
  pd_buf_clear(out);
  if (pd_utf8_fold(s, n, tmp))
    return PADAN_ENOMEM;
  for (size_t i = 0; i < tmp->len; i++) {
    unsigned char ch = (unsigned char)tmp->p[i];
    if (ch == ' ' || ch == '-' || ch == '.' || ch == '\'' || ch == '/')
      continue;
    if (pd_buf_putc(out, (char)ch))
      return PADAN_ENOMEM;
  }
  if (!out->p && pd_buf_reserve(out, 1))
    return PADAN_ENOMEM;
  if (!out->len)
    out->p[0] = '\0';
  return PADAN_OK;
}

/* The separators of a form ("Kim Il-sung" -> " -"). */
static void seps(const char *s, char *out, size_t cap) {
  size_t k = 0;
  for (; *s && k + 1 < cap; s++)
    if (*s == ' ' || *s == '-' || *s == '.' || *s == '/')
      out[k++] = *s;
  out[k] = '\0';
}

/* seps() of the surface of s[0..n) (whitespace runs as one space). */
static void seps_raw(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  int sp = 0, any = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++) {
    char ch = s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      sp = 1;
      continue;
    }
    if (sp && any)
      out[k++] = ' ';
    sp = 0, any = 1;
    if ((ch == '-' || ch == '.' || ch == '/') && k + 1 < cap)
      out[k++] = ch;
  }
  out[k] = '\0';
}

static int fold_word_is_cap(const char *s, size_t n) {
  (void)n;
  unsigned char ch = (unsigned char)s[0];
  if (ch < 0x80)
    return ch >= 'A' && ch <= 'Z';
  return 0;
}


static int okey(const char *k, size_t n, pd_buf *out);

/* Sorted-word keys of the multiword terms, for the same words in another order. */
static int build_okeys(vctx *v) {
  padan_checker *c = v->c;
  int rc = PADAN_OK;
  for (size_t t = 0; t < c->nterms && rc == PADAN_OK; t++) {
    padan_lexicon_term lt;
    if (!c->term_ok[t] || padan_lexicon_term_get(c->lex, t, &lt) ||
        lt.status == PADAN_TERM_DEPRECATED || !strchr(lt.text, ' '))
      continue;
    pd_buf_clear(&v->key);
    uint32_t id;
    if ((rc = pd_chk_id_key(lt.text, lt.len, &v->tmp, &v->key)) ||
        (rc = okey(v->key.p ? v->key.p : "", v->key.len, &v->b2)) ||
        (rc = pd_strmap_intern(&v->okeys, v->b2.p, v->b2.len, &id)))
      break;
    while (v->oterm.n <= id && rc == PADAN_OK) {
      size_t *z = pd_vec_push(&v->oterm);
      if (!z)
        rc = PADAN_ENOMEM;
      else
        *z = (size_t)-1;
    }
    if (rc == PADAN_OK && PD_VEC_AT(&v->oterm, size_t, id) == (size_t)-1)
      PD_VEC_AT(&v->oterm, size_t, id) = t;
  }
  return rc;
}

/* The longest run of more than `min` pieces at i (same segment) whose words
 * are a multiword term's in another order; 0 when none. */
static size_t perm_match(vctx *v, const char *text, const pd_chk_piece *p, size_t np, size_t i,
                         size_t min, size_t *term) {
  padan_checker *c = v->c;
  /* two-word reversals are mostly two phrases meeting (serangan udara Angkatan ...) */
  for (size_t n = c->maxn; n >= 3 && n > min; n--) {
    if (i + n > np || p[i + n - 1].seg != p[i].seg)
      continue;
    size_t s0 = p[i].start, e0 = p[i + n - 1].start + p[i + n - 1].len;
    pd_buf_clear(&v->key);
    if (pd_chk_id_key(text + s0, e0 - s0, &v->tmp, &v->key) ||
        okey(v->key.p ? v->key.p : "", v->key.len, &v->b2))
      return 0;
    uint32_t id = pd_strmap_find(&v->okeys, v->b2.p, v->b2.len);
    if (!id || id >= v->oterm.n || PD_VEC_AT(&v->oterm, size_t, id) == (size_t)-1)
      continue;
    *term = PD_VEC_AT(&v->oterm, size_t, id);
    return n;
  }
  return 0;
}

/* Could folded a be a misspelling of folded b (and not another word formed
 * from it)? Not when one extends the other (Somali/Somalia, Pakistan/
 * Pakistani, nasional/nasionalis) or they differ only in the last letter
 * (Khalis/Khalid, Tamil/Tamim: other names). */
static int plausible_typo(const char *a, size_t al, const char *b, size_t bl) {
  size_t m = al < bl ? al : bl;
  if (memcmp(a, b, m) == 0)
    return 0;
  if (al == bl) {
    size_t k = 0;
    while (k < al && a[k] == b[k])
      k++;
    /* the first difference starts the last character */
    size_t last = al;
    while (last > 0 && ((unsigned char)a[last - 1] & 0xC0) == 0x80)
      last--;
    if (last > 0)
      last--;
    if (k >= last)
      return 0;
  }
  return 1;
}
/* ------------------------------------------------------------ the batch */

void pd_chk_var_free(padan_checker *c) {
  struct pd_chk_var *s = c ? c->var : NULL;
  if (!s)
    return;
  pd_spool_close(&s->spool);
  pd_buf_free(&s->carry);
  pd_buf_free(&s->tmp);
  pd_strmap_free(&s->lower);
  padan_tokens_free(&s->toks);
  pd_vec_free(&s->pieces);
  free(s);
  c->var = NULL;
}

static int var_get(padan_checker *c, struct pd_chk_var **out) {
  if (!c->var) {
    struct pd_chk_var *s = calloc(1, sizeof *s);
    if (!s)
      return PADAN_ENOMEM;
    pd_buf_init(&s->carry);
    pd_buf_init(&s->tmp);
    pd_strmap_init(&s->lower);
    padan_tokens_init(&s->toks);
    pd_vec_init(&s->pieces, sizeof(pd_chk_piece));
    c->var = s;
    if (pd_spool_open(&s->spool)) {
      pd_chk_var_free(c);
      return pd_chk_fail(c, PADAN_EIO, "cannot create a temporary file in $TMPDIR: %s",
                         strerror(errno));
    }
  }
  *out = c->var;
  return PADAN_OK;
}

/* Writes the final sentences of the carried text (all of it when final) to
 * the spool, in units of about VAR_UNIT bytes, and notes their lower-case
 * words. The text is tokenized a window at a time (cut after white space) so
 * that a large piece does not hold its tokens whole. */
static int feed(padan_checker *c, struct pd_chk_var *s, int final) {
  size_t want = VAR_UNIT;
  for (;;) {
    const char *t = s->carry.p ? s->carry.p : "";
    size_t len = s->carry.len, w = len;
    if (!len)
      return PADAN_OK;
    if (len > want) {
      w = want;
      while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\n' && t[w - 1] != '\t' && t[w - 1] != '\r')
        w--;
      if (w == 0)
        w = len > 2 * want ? 2 * want : len;
      while (w < len && ((unsigned char)t[w] & 0xC0) == 0x80)
        w++;
    }
    int wfinal = final && w == len;
    padan_tokens_clear(&s->toks);
    int rc = padan_tokenize(c->tk, t, w, 0, 0, &s->toks);
    if (rc)
      return rc;
    size_t nsent = wfinal ? s->toks.nsent : pd_final_sentences(&s->toks, t);
    size_t used = nsent < s->toks.nsent ? s->toks.sent[nsent].start : w;
    if (!wfinal && nsent == 0) {
      if (w < len && want < VAR_CARRY_MAX) {
        want *= 2; /* a long sentence: a wider window */
        continue;
      }
      if (w == len && len <= VAR_CARRY_MAX)
        return PADAN_OK;
      used = w; /* a sentence over the limit: checked as it is */
    }
    if (!used)
      return PADAN_OK;
    want = VAR_UNIT;
    s->pieces.n = 0;
    if ((rc = pd_chk_pieces(&s->toks, t, &s->pieces)))
      return rc;
    for (size_t i = 0; i < s->pieces.n; i++) {
      const pd_chk_piece *q = &PD_VEC_AT(&s->pieces, pd_chk_piece, i);
      unsigned char ch = (unsigned char)t[q->start];
      if (q->start >= used || !(ch >= 'a' && ch <= 'z'))
        continue;
      uint32_t lid;
      pd_buf_clear(&s->tmp);
      if ((rc = pd_utf8_fold(t + q->start, q->len, &s->tmp)) ||
          (rc = pd_strmap_intern(&s->lower, s->tmp.p ? s->tmp.p : "", s->tmp.len, &lid)))
        return rc;
    }
    vunit u = {c->docs.n - 1, s->off, s->line, s->lstart, used};
    if (pd_spool_write(&s->spool, &u, sizeof u) || pd_spool_write(&s->spool, t, used))
      return pd_chk_fail(c, PADAN_EIO, "cannot write the batch's temporary file: %s",
                         strerror(errno));
    s->nunits++;
    for (size_t i = 0; i < used; i++)
      if (t[i] == '\n')
        s->line++, s->lstart = s->off + i + 1;
    s->off += used;
    memmove(s->carry.p, s->carry.p + used, len - used);
    s->carry.len = len - used;
    s->carry.p[s->carry.len] = '\0';
  }
}

int padan_check_variants_add_piece(padan_checker *c, const char *name, const char *text,
                                   size_t len) {
  if (!c || (!text && len))
    return PADAN_EARG;
  struct pd_chk_var *s = NULL;
  int rc = var_get(c, &s);
  if (rc)
    return rc;
  if (!s->indoc) {
    pd_chk_doc *d = pd_vec_push(&c->docs);
    if (!d)
      return PADAN_ENOMEM;
    size_t nl = name ? strlen(name) : 1;
    d->name = malloc(nl + 1);
    d->text = NULL;
    d->len = 0;
    if (!d->name) {
      c->docs.n--;
      return PADAN_ENOMEM;
    }
    memcpy(d->name, name ? name : "-", nl + 1);
    s->indoc = 1;
    pd_buf_clear(&s->carry);
    s->off = 0, s->line = 1, s->lstart = 0;
  }
  if (len && pd_buf_append(&s->carry, text, len))
    return PADAN_ENOMEM;
  return feed(c, s, 0);
}

int padan_check_variants_end_doc(padan_checker *c) {
  if (!c)
    return PADAN_EARG;
  struct pd_chk_var *s = c->var;
  if (!s || !s->indoc)
    return PADAN_OK;
  int rc = feed(c, s, 1);
  s->indoc = 0;
  pd_buf_clear(&s->carry);
  return rc;
}

int padan_check_variants_add(padan_checker *c, const char *name, const char *text, size_t len) {
  if (!c || (!text && len))
    return PADAN_EARG;
  int rc = padan_check_variants_end_doc(c);
  if (!rc)
    rc = padan_check_variants_add_piece(c, name, text ? text : "", len);
  if (!rc)
    rc = padan_check_variants_end_doc(c);
  return rc;
}

/* ------------------------------------------------------------ occurrences */

/* Line of unit offset off and its offset in that line. */
static void where(const vctx *v, size_t off, size_t *line, size_t *loff) {
  const size_t *nl = v->nls.p;
  size_t lo = 0, hi = v->nls.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (nl[mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  *line = (size_t)v->u.line + lo;
  *loff = lo ? off - nl[lo - 1] - 1 : (size_t)(v->u.off + off - v->u.lstart);
}

static size_t item_key(const vitem *p, int kind, uint64_t *k) {
  k[0] = (uint64_t)kind;
  k[1] = p->form;
  if (kind == K_CON) {
    k[2] = p->concept, k[3] = p->term, k[4] = (uint64_t)p->near, k[5] = (uint64_t)p->deprecated;
    return 6 * sizeof *k;
  }
  k[2] = p->group, k[3] = p->label;
  return 4 * sizeof *k;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Pending examples at (doc, line): [*lo, return) in v->porder. */
static size_t pend_range(const vctx *v, uint32_t doc, size_t line, size_t *lo_out) {
  const vpend *pd = v->pend.p;
  size_t n = v->pend.n, lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const vpend *x = &pd[v->porder[mid]];
    if (x->doc < doc || (x->doc == doc && x->line < line))
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t e = lo;
  while (e < n && pd[v->porder[e]].doc == doc && pd[v->porder[e]].line == line)
    e++;
  *lo_out = lo;
  return e;
}

/* One occurrence, text[s..e) of the unit, in phase ph. Every pass sees the
 * same occurrences in the same order (their sequence numbers); `want`: the
 * pass keeps it (pass 1 and 2: in its item; pass 3: marks). */
static int occ(vctx *v, int kind, int ph, size_t s, size_t e, vitem *p, int want) {
  uint64_t key = ((uint64_t)ph << 56) | v->seq[ph]++;
  if (!want)
    return PADAN_OK;
  size_t line, loff;
  where(v, s, &line, &loff);
  if (surface(v->text + s, e - s, &v->surf))
    return PADAN_ENOMEM;
  uint64_t k[6];
  if (v->pass == 3) {
    uint64_t member = ((uint64_t)kind << 32) | p->group;
    if (kind == K_CON) {
      p->form = pd_strmap_find(&v->forms, v->surf.p, v->surf.len);
      uint32_t id = p->form ? pd_strmap_find(&v->ikeys, (const char *)k, item_key(p, kind, k)) : 0;
      if (!id)
        return PADAN_OK;
      member = ((uint64_t)kind << 32) | id;
    }
    size_t lo, hi = pend_range(v, (uint32_t)v->u.doc, line, &lo);
    for (size_t i = lo; i < hi; i++) {
      vpend *pd = &PD_VEC_AT(&v->pend, vpend, v->porder[i]);
      if (!bsearch(&member, pd->mem, pd->nmem, sizeof *pd->mem, cmp_u64))
        continue;
      if (loff >= VAR_LINE_MAX && (loff < pd->wa || loff >= pd->wa + 2 * VAR_HALF))
        continue;
      vmark *m = pd_vec_push(&pd->marks);
      if (!m)
        return PADAN_ENOMEM;
      m->key = key, m->start = loff, m->len = e - s;
    }
    return PADAN_OK;
  }
  if (pd_strmap_intern(&v->forms, v->surf.p, v->surf.len, &p->form))
    return PADAN_ENOMEM;
  uint32_t id;
  if (pd_strmap_intern(&v->ikeys, (const char *)k, item_key(p, kind, k), &id))
    return PADAN_ENOMEM;
  if (id > v->items.n) {
    vitem *it = pd_vec_push(&v->items);
    if (!it)
      return PADAN_ENOMEM;
    *it = *p;
    it->first = key;
    it->count = 0;
    it->doc = (uint32_t)v->u.doc;
    it->line = line;
    it->loff = loff;
    it->member = ((uint64_t)kind << 32) | (kind == K_CON ? id : p->group);
  }
  PD_VEC_AT(&v->items, vitem, id - 1).count++;
  return PADAN_OK;
}

/* ------------------------------------------------------------ findings */

typedef struct {
  size_t occ; /* item index */
  uint32_t label;
} lab;

static int add_mark(padan_checker *c, padan_check_mark **m, size_t *n, size_t *cap, size_t s,
                    size_t l) {
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 4;
    padan_check_mark *nm = pd_arena_alloc(&c->arena, nc * sizeof *nm);
    if (!nm)
      return PADAN_ENOMEM;
    if (*n)
      memcpy(nm, *m, *n * sizeof *nm);
    *m = nm;
    *cap = nc;
  }
  (*m)[*n].start = s;
  (*m)[*n].len = l;
  (*n)++;
  return PADAN_OK;
}

typedef struct {
  uint32_t label, form;
  size_t count;
  uint64_t first;
} lf;

static int cmp_lf(const void *a, const void *b) {
  const lf *x = a, *y = b;
  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  return x->form < y->form ? -1 : x->form > y->form;
}

static const char *doc_name(const vctx *v, uint32_t doc) {
  return PD_VEC_AT(&v->c->docs, pd_chk_doc, doc).name;
}

/* Emits a finding over labelled items: one form per label (its most
 * frequent surface), most frequent first; the example is the first
 * occurrence of the least frequent form (its line is read in pass 3). */
static int emit(vctx *v, int kind, size_t concept, const lab *ls, size_t n, const char *expected) {
  padan_checker *c = v->c;
  vitem *o = v->items.p;
  uint32_t *labels = malloc((n ? n : 1) * sizeof *labels);
  size_t *cnt = calloc(n ? n : 1, sizeof *cnt);
  size_t *first = malloc((n ? n : 1) * sizeof *first);
  lf *pairs = malloc((n ? n : 1) * sizeof *pairs);
  uint64_t *mem = malloc((n ? n : 1) * sizeof *mem);
  size_t nl = 0;
  int rc = PADAN_OK;
  if (!labels || !cnt || !first || !pairs || !mem) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++) {
    size_t k = 0;
    while (k < nl && labels[k] != ls[i].label)
      k++;
    if (k == nl) {
      labels[nl] = ls[i].label;
      first[nl] = ls[i].occ;
      nl++;
    }
    cnt[k] += o[ls[i].occ].count;
    if (o[ls[i].occ].first < o[first[k]].first)
      first[k] = ls[i].occ;
  }
  if (nl < 2 && kind != PADAN_CHECK_NEARMISS && kind != PADAN_CHECK_DEPRECATED)
    goto out;
  for (size_t a = 1; a < nl; a++)
    for (size_t b = a; b > 0 && (cnt[b] > cnt[b - 1] ||
                                 (cnt[b] == cnt[b - 1] && o[first[b]].first < o[first[b - 1]].first));
         b--) {
      uint32_t t = labels[b];
      labels[b] = labels[b - 1], labels[b - 1] = t;
      size_t u = cnt[b];
      cnt[b] = cnt[b - 1], cnt[b - 1] = u;
      u = first[b];
      first[b] = first[b - 1], first[b - 1] = u;
    }
  padan_check_form *forms = pd_arena_alloc(&c->arena, nl * sizeof *forms);
  if (!forms) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  /* each label's most frequent surface (the first seen of equally frequent ones) */
  for (size_t i = 0; i < n; i++) {
    pairs[i].label = ls[i].label, pairs[i].form = o[ls[i].occ].form;
    pairs[i].count = o[ls[i].occ].count, pairs[i].first = o[ls[i].occ].first;
  }
  qsort(pairs, n, sizeof *pairs, cmp_lf);
  for (size_t k = 0; k < nl && rc == PADAN_OK; k++) {
    uint32_t best = o[first[k]].form;
    size_t bestc = 0;
    uint64_t bestf = 0;
    for (size_t i = 0; i < n;) {
      size_t j = i, sum = 0;
      uint64_t f0 = pairs[i].first;
      for (; j < n && pairs[j].label == pairs[i].label && pairs[j].form == pairs[i].form; j++) {
        sum += pairs[j].count;
        if (pairs[j].first < f0)
          f0 = pairs[j].first;
      }
      if (pairs[i].label == labels[k] && (sum > bestc || (sum == bestc && f0 < bestf))) {
        bestc = sum;
        bestf = f0;
        best = pairs[i].form;
      }
      i = j;
    }
    size_t fl;
    const char *fs = pd_strmap_str(&v->forms, best, &fl);
    const char *dn = doc_name(v, o[first[k]].doc);
    forms[k].form = pd_chk_strdup(c, fs, fl);
    forms[k].count = cnt[k];
    forms[k].file = pd_chk_strdup(c, dn, strlen(dn));
    forms[k].line = o[first[k]].line;
    if (!forms[k].form || !forms[k].file)
      rc = PADAN_ENOMEM;
  }
  if (rc)
    goto out;
  padan_check_finding *f = pd_vec_push(&c->findings);
  vpend *pd = pd_vec_push(&v->pend);
  if (!f || !pd) {
    if (f)
      c->findings.n--;
    rc = PADAN_ENOMEM;
    goto out;
  }
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->concept = "";
  if (concept != (size_t)-1) {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(c->lex, concept, &con) == PADAN_OK)
      f->concept = con.id;
  }
  f->id_term = forms[0].form;
  f->expected = expected ? expected : "";
  f->found = "";
  f->id_form = "";
  f->forms = forms;
  f->nforms = nl;
  f->id_lines = f->en_lines = "";
  f->en_text = "";
  f->id_text = "";
  const vitem *ex = &o[first[nl - 1]];
  f->file = forms[nl - 1].file;
  f->line = ex->line;
  /* its example line and marks come with pass 3 */
  memset(pd, 0, sizeof *pd);
  pd->fi = c->findings.n - 1;
  pd->doc = ex->doc;
  pd->line = ex->line;
  pd->loff = ex->loff;
  pd->wa = ex->loff > VAR_HALF ? ex->loff - VAR_HALF : 0;
  pd_buf_init(&pd->win);
  pd_vec_init(&pd->marks, sizeof(vmark));
  for (size_t i = 0; i < n; i++)
    mem[i] = o[ls[i].occ].member;
  qsort(mem, n, sizeof *mem, cmp_u64);
  size_t nm = 0;
  for (size_t i = 0; i < n; i++)
    if (!nm || mem[nm - 1] != mem[i])
      mem[nm++] = mem[i];
  pd->mem = mem;
  pd->nmem = nm;
  mem = NULL;
out:
  free(labels);
  free(cnt);
  free(first);
  free(pairs);
  free(mem);
  return rc;
}

/* ------------------------------------------------------------ lexicon side */

static int word_eq_or_near(const char *a, size_t al, const char *b, size_t bl, pd_buf *x,
                           pd_buf *y, int *near) {
  pd_buf_clear(x);
  pd_buf_clear(y);
  if (pd_utf8_fold(a, al, x) || pd_utf8_fold(b, bl, y))
    return 0;
  if (x->len == y->len && (x->len == 0 || memcmp(x->p, y->p, x->len) == 0))
    return 1;
  if (x->len < 5 || y->len < 5 || x->p[0] != y->p[0])
    return 0;
  int d = pd_chk_lev(x->p, x->len, y->p, y->len, 2);
  if (d <= 2) {
    *near = 1;
    return 1;
  }
  return 0;
}


typedef struct {
  size_t term;
  const char *text;
  size_t nw;
  const char *w[8];
  size_t wl[8];
} nterm;

static int nterm_bucket(const nterm *t) {
  int ch = t->nw ? pd_ascii_lower((unsigned char)t->w[0][0]) : 0;
  return ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : 0;
}

static int cmp_nterm(const void *a, const void *b) {
  const nterm *x = a, *y = b;
  int bx = nterm_bucket(x), by = nterm_bucket(y);
  if (bx != by)
    return bx - by;
  return x->term < y->term ? -1 : x->term > y->term;
}
static const char *preferred_id(padan_checker *c, size_t concept) {
  padan_lexicon_concept con;
  if (padan_lexicon_concept_get(c->lex, concept, &con))
    return "";
  for (size_t k = 0; k < con.nterms; k++) {
    padan_lexicon_term t;
    if (padan_lexicon_concept_term(c->lex, concept, k, &t) == PADAN_OK &&
        strcmp(t.lang, "id") == 0 && t.status == PADAN_TERM_PREFERRED)
      return t.text;
  }
  return "";
}

/* Words of an id key ("kim il sung") as [start,len) pairs; returns count. */
static size_t key_words(const char *k, size_t n, size_t *ws, size_t *wl, size_t cap) {
  size_t nw = 0, i = 0;
  while (i < n && nw < cap) {
    while (i < n && k[i] == ' ')
      i++;
    size_t a = i;
    while (i < n && k[i] != ' ')
      i++;
    if (i > a)
      ws[nw] = a, wl[nw] = i - a, nw++;
  }
  return nw;
}

/* a's words are a contiguous run of b's words */
static int contained(const char *a, size_t an, const char *b, size_t bn) {
  size_t as[16], al[16], bs[16], bl[16];
  size_t na = key_words(a, an, as, al, 16), nb = key_words(b, bn, bs, bl, 16);
  if (na == 0 || na >= nb)
    return 0;
  for (size_t i = 0; i + na <= nb; i++) {
    size_t k = 0;
    while (k < na && al[k] == bl[i + k] && memcmp(a + as[k], b + bs[i + k], al[k]) == 0)
      k++;
    if (k == na)
      return 1;
  }
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Order key: the sorted words of an id key. */
static int okey(const char *k, size_t n, pd_buf *out) {
  size_t ws[16], wl[16];
  size_t nw = key_words(k, n, ws, wl, 16);
  char *words[16];
  for (size_t i = 0; i < nw; i++) {
    words[i] = malloc(wl[i] + 1);
    if (!words[i]) {
      for (size_t j = 0; j < i; j++)
        free(words[j]);
      return PADAN_ENOMEM;
    }
    memcpy(words[i], k + ws[i], wl[i]);
    words[i][wl[i]] = '\0';
  }
  qsort(words, nw, sizeof *words, cmp_str);
  pd_buf_clear(out);
  int rc = PADAN_OK;
  for (size_t i = 0; i < nw; i++) {
    if (!rc && i)
      rc = pd_buf_putc(out, ' ');
    if (!rc)
      rc = pd_buf_puts(out, words[i]);
    free(words[i]);
  }
  if (!rc && !out->p)
    rc = pd_buf_reserve(out, 1);
  if (!rc && !out->len)
    out->p[0] = '\0';
  return rc;
}

static size_t uf_find(size_t *par, size_t x) {
  while (par[x] != x)
    x = par[x] = par[par[x]];
  return x;
}

/* Findings of one lexicon concept from its occurrences idx[0..n). */
static int concept_findings(vctx *v, size_t concept, const size_t *idx, size_t n) {
  padan_checker *c = v->c;
  vitem *o = v->items.p;
  int rc = PADAN_OK;
  const char *pref = preferred_id(c, concept);
  lab *ls = malloc(n * sizeof *ls);
  pd_strmap keys; /* per occurrence: lemma key, spelling key, order key */
  pd_strmap_init(&keys);
  uint32_t *lk = malloc(n * sizeof *lk), *sk = malloc(n * sizeof *sk), *ok = malloc(n * sizeof *ok);
  size_t *par = malloc(n * sizeof *par);
  int *skipunit = calloc(n, sizeof *skipunit);
  if (!ls || !lk || !sk || !ok || !par || !skipunit) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  /* deprecated forms and near misses */
  size_t nd = 0;
  int any_near = 0;
  for (size_t i = 0; i < n; i++)
    if (o[idx[i]].near || o[idx[i]].deprecated) {
      ls[nd].occ = idx[i];
      ls[nd].label = o[idx[i]].form;
      any_near |= o[idx[i]].near;
      if (o[idx[i]].deprecated && !any_near) {
        padan_lexicon_term lt;
        if (padan_lexicon_term_get(c->lex, o[idx[i]].term, &lt) == PADAN_OK &&
            strstr(lt.note, "misspell"))
          any_near = 1;
        else if (pd_chk_lev(lt.text, lt.len, pref, strlen(pref), 2) <= 2)
          any_near = 1;
      }
      nd++;
    }
  if (nd) {
    /* beside the deviating forms, the approved forms they stand for: the
       near miss's target term, or the preferred term for a deprecated form */
    size_t ndev = nd;
    int same_skey = 1;
    pd_buf_clear(&v->b2);
    if ((rc = skey(pref, strlen(pref), &v->tmp, &v->b2)))
      goto out;
    char *pk = malloc(v->b2.len + 1);
    if (!pk) {
      rc = PADAN_ENOMEM;
      goto out;
    }
    memcpy(pk, v->b2.p ? v->b2.p : "", v->b2.len + 1);
    for (size_t k = 0; k < ndev && rc == PADAN_OK; k++) {
      size_t fl;
      const char *fs = pd_strmap_str(&v->forms, o[ls[k].occ].form, &fl);
      if ((rc = skey(fs, fl, &v->tmp, &v->key)) == PADAN_OK && strcmp(v->key.p, pk) != 0)
        same_skey = 0;
    }
    free(pk);
    if (rc)
      goto out;
    for (size_t i = 0; i < n; i++) {
      if (o[idx[i]].near || o[idx[i]].deprecated)
        continue;
      int target = 0;
      for (size_t k = 0; k < ndev && !target; k++) {
        const vitem *x = &o[ls[k].occ];
        if (x->near ? x->term == o[idx[i]].term
                    : strcmp(pref, pd_strmap_str(&v->forms, o[idx[i]].form, NULL)) == 0)
          target = 1;
        if (!x->near) {
          padan_lexicon_term lt;
          if (padan_lexicon_term_get(c->lex, o[idx[i]].term, &lt) == PADAN_OK &&
              lt.status == PADAN_TERM_PREFERRED)
            target = 1;
        }
      }
      if (!target)
        continue;
      /* case and clitic forms of the approved term count as one */
      size_t fl;
      const char *fs = pd_strmap_str(&v->forms, o[idx[i]].form, &fl);
      uint32_t kid;
      pd_buf_clear(&v->key);
      if ((rc = pd_chk_id_key(fs, fl, &v->tmp, &v->key)) ||
          (rc = pd_strmap_intern(&keys, v->key.p ? v->key.p : "", v->key.len, &kid)))
        goto out;
      ls[nd].occ = idx[i];
      ls[nd].label = kid | 0x80000000u;
      nd++;
    }
    int kind = same_skey ? PADAN_CHECK_SPELLING
                         : any_near ? PADAN_CHECK_NEARMISS : PADAN_CHECK_DEPRECATED;
    if ((rc = emit(v, kind, concept, ls, nd, pref)))
      goto out;
  }
  /* approved occurrences: keys */
  size_t m = 0;
  size_t *good = malloc((n ? n : 1) * sizeof *good);
  if (!good) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (!o[idx[i]].near && !o[idx[i]].deprecated)
      good[m++] = idx[i];
  for (size_t i = 0; i < m && rc == PADAN_OK; i++) {
    size_t fl;
    const char *fs = pd_strmap_str(&v->forms, o[good[i]].form, &fl);
    pd_buf_clear(&v->key);
    if ((rc = pd_chk_id_key(fs, fl, &v->tmp, &v->key)) ||
        (rc = pd_strmap_intern(&keys, v->key.p ? v->key.p : "", v->key.len, &lk[i])))
      break;
    if ((rc = okey(v->key.p ? v->key.p : "", v->key.len, &v->b2)) ||
        (rc = pd_strmap_intern(&keys, v->b2.p, v->b2.len, &ok[i])))
      break;
    if ((rc = skey(fs, fl, &v->tmp, &v->key)) ||
        (rc = pd_strmap_intern(&keys, v->key.p, v->key.len, &sk[i])))
      break;
    par[i] = i;
  }
  size_t nk = pd_strmap_count(&keys) + 1;
  size_t *firstk = NULL;
  unsigned char *seen = NULL;
  if (rc == PADAN_OK) {
    firstk = malloc(nk * sizeof *firstk);
    seen = calloc(nk > m ? nk : m + 1, 1);
    if (!firstk || !seen)
      rc = PADAN_ENOMEM;
  }
  if (rc) {
    free(firstk);
    free(seen);
    free(good);
    goto out;
  }
  /* spelling: one spelling key, different separators */
  for (size_t i = 0; i < m && rc == PADAN_OK; i++) {
    if (seen[sk[i]])
      continue;
    seen[sk[i]] = 1;
    size_t k = 0;
    char s0[64], s1[64];
    int differ = 0;
    seps(pd_strmap_str(&v->forms, o[good[i]].form, NULL), s0, sizeof s0);
    for (size_t j = i; j < m; j++)
      if (sk[j] == sk[i]) {
        seps(pd_strmap_str(&v->forms, o[good[j]].form, NULL), s1, sizeof s1);
        if (strcmp(s0, s1))
          differ = 1;
        ls[k].occ = good[j];
        ls[k].label = o[good[j]].form;
        k++;
      }
    if (differ) {
      /* case-only differences are merged into the separator spellings */
      for (size_t a = 0; a < k; a++) {
        char sa[64];
        seps(pd_strmap_str(&v->forms, o[ls[a].occ].form, NULL), sa, sizeof sa);
        ls[a].label = (uint32_t)(pd_hash(sa, strlen(sa)) | 1u);
      }
      rc = emit(v, PADAN_CHECK_SPELLING, concept, ls, k, pref);
    }
  }
  /* order: one order key, several lemma keys */
  memset(seen, 0, nk);
  for (size_t i = 0; i < m && rc == PADAN_OK; i++) {
    if (seen[ok[i]])
      continue;
    seen[ok[i]] = 1;
    size_t k = 0;
    int differ = 0;
    for (size_t j = i; j < m; j++)
      if (ok[j] == ok[i]) {
        if (lk[j] != lk[i])
          differ = 1;
        ls[k].occ = good[j];
        ls[k].label = lk[j];
        k++;
      }
    if (differ) {
      /* the preferred order: the concept's first term (file order) among the forms */
      const char *best = pref;
      padan_lexicon_concept con;
      if (padan_lexicon_concept_get(c->lex, concept, &con) == PADAN_OK) {
        for (size_t t = 0; t < con.nterms && rc == PADAN_OK; t++) {
          padan_lexicon_term lt;
          if (padan_lexicon_concept_term(c->lex, concept, t, &lt) || strcmp(lt.lang, "id") ||
              lt.status == PADAN_TERM_DEPRECATED)
            continue;
          pd_buf_clear(&v->b2);
          if ((rc = pd_chk_id_key(lt.text, lt.len, &v->tmp, &v->b2)))
            break;
          uint32_t id = pd_strmap_find(&keys, v->b2.p ? v->b2.p : "", v->b2.len);
          int in = 0;
          for (size_t q = 0; q < k && id; q++)
            if (ls[q].label == id)
              in = 1;
          if (in) {
            best = lt.text;
            break;
          }
        }
      }
      if (rc == PADAN_OK)
        rc = emit(v, PADAN_CHECK_ORDER, concept, ls, k, best);
    }
  }
  /* names: one lemma key or order key is one name; then forms contained
     in another are merged into it. Distinct keys are few: work on one
     representative occurrence per lemma key. */
  for (size_t q = 0; q < nk; q++)
    firstk[q] = (size_t)-1;
  size_t *rep = malloc((m ? m : 1) * sizeof *rep), nrep = 0;
  if (!rep) {
    free(firstk);
    free(seen);
    free(good);
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < m; i++) {
    if (firstk[lk[i]] == (size_t)-1) {
      firstk[lk[i]] = i;
      rep[nrep++] = i;
    } else {
      par[uf_find(par, i)] = uf_find(par, firstk[lk[i]]);
    }
  }
  for (size_t q = 0; q < nk; q++)
    firstk[q] = (size_t)-1;
  for (size_t a = 0; a < nrep; a++) {
    size_t i = rep[a];
    if (firstk[ok[i]] == (size_t)-1)
      firstk[ok[i]] = i;
    else
      par[uf_find(par, i)] = uf_find(par, firstk[ok[i]]);
  }
  for (size_t a = 0; a < nrep; a++)
    for (size_t b = 0; b < nrep; b++) {
      size_t i = rep[a], j = rep[b];
      if (i == j || uf_find(par, i) == uf_find(par, j))
        continue;
      size_t al, bl;
      const char *x = pd_strmap_str(&keys, lk[i], &al), *y = pd_strmap_str(&keys, lk[j], &bl);
      if (contained(x, al, y, bl))
        par[uf_find(par, i)] = uf_find(par, j);
    }
  /* forms that extend one shorter term of the concept (benua Eurasia,
     kawasan Eurasia) are that name with a modifier */
  {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(c->lex, concept, &con) == PADAN_OK)
      for (size_t t = 0; t < con.nterms && rc == PADAN_OK; t++) {
        padan_lexicon_term lt;
        if (padan_lexicon_concept_term(c->lex, concept, t, &lt) || strcmp(lt.lang, "id") ||
            lt.status == PADAN_TERM_DEPRECATED)
          continue;
        pd_buf_clear(&v->b2);
        if ((rc = pd_chk_id_key(lt.text, lt.len, &v->tmp, &v->b2)))
          break;
        size_t first = (size_t)-1;
        for (size_t r = 0; r < nrep; r++) {
          size_t i = rep[r];
          size_t al;
          const char *a = pd_strmap_str(&keys, lk[i], &al);
          if (!contained(v->b2.p ? v->b2.p : "", v->b2.len, a, al))
            continue;
          if (first == (size_t)-1)
            first = i;
          else
            par[uf_find(par, i)] = uf_find(par, first);
        }
      }
  }
  /* units whose terms are verbs or adjectives do not name the concept */
  int multi = 0, proper = 0;
  size_t nunits = 0;
  for (size_t i = 0; i < m; i++) {
    padan_lexicon_term lt;
    if (padan_lexicon_term_get(c->lex, o[good[i]].term, &lt))
      continue;
    if (strcmp(lt.pos, "verb") == 0 || strcmp(lt.pos, "adj") == 0)
      skipunit[uf_find(par, i)] = 1;
  }
  size_t k = 0;
  memset(seen, 0, m);
  for (size_t i = 0; i < m; i++) {
    size_t r = uf_find(par, i);
    if (skipunit[r])
      continue;
    if (!seen[r]) {
      seen[r] = 1;
      nunits++;
    }
    padan_lexicon_term lt;
    if (padan_lexicon_term_get(c->lex, o[good[i]].term, &lt) == PADAN_OK) {
      if (strcmp(lt.pos, "propn") == 0 || strcmp(lt.pos, "abbr") == 0)
        proper = 1;
      if (strchr(lt.text, ' '))
        multi = 1;
    }
    ls[k].occ = good[i];
    ls[k].label = (uint32_t)r;
    k++;
  }
  if (rc == PADAN_OK && nunits >= 2 && (proper || multi))
    rc = emit(v, PADAN_CHECK_VARIANTS, concept, ls, k, pref);
  free(rep);
  free(firstk);
  free(seen);
  free(good);
out:
  free(ls);
  free(lk);
  free(sk);
  free(ok);
  free(par);
  free(skipunit);
  pd_strmap_free(&keys);
  return rc;
}
/* ------------------------------------------------------------ a unit */

/* 1 when the folded word is seen in lower case in the batch (a common word). */
static int common_word(vctx *v, const char *w, size_t n) {
  pd_buf_clear(&v->b2);
  if (pd_utf8_fold(w, n, &v->b2) || !v->b2.p)
    return 0;
  return pd_strmap_find(&v->s->lower, v->b2.p, v->b2.len) != 0;
}

/* The near-miss candidates: multiword and long single-word lexicon names, by
 * the first letter of the first word (the terms start with an ASCII capital). */
static int build_nts(vctx *v) {
  padan_checker *c = v->c;
  for (size_t t = 0; t < c->nterms; t++) {
    if (!c->term_ok[t])
      continue;
    padan_lexicon_term lt;
    if (padan_lexicon_term_get(c->lex, t, &lt) || lt.status == PADAN_TERM_DEPRECATED)
      continue;
    if (!fold_word_is_cap(lt.text, lt.len))
      continue; /* names only: common words have too many look-alikes */
    nterm *nt = pd_vec_push(&v->nts);
    if (!nt)
      return PADAN_ENOMEM;
    memset(nt, 0, sizeof *nt);
    nt->term = t;
    nt->text = lt.text;
    const char *s = lt.text;
    size_t i = 0, n = lt.len;
    while (i < n && nt->nw < 8) {
      while (i < n && (s[i] == ' ' || s[i] == '-'))
        i++;
      size_t a = i;
      while (i < n && s[i] != ' ' && s[i] != '-')
        i++;
      if (i > a) {
        nt->w[nt->nw] = s + a;
        nt->wl[nt->nw] = i - a;
        nt->nw++;
      }
    }
  }
  qsort(v->nts.p, v->nts.n, sizeof(nterm), cmp_nterm);
  for (int b = 0; b < 27; b++)
    v->bstart[b] = v->bend[b] = 0;
  for (size_t k = v->nts.n; k-- > 0;) {
    int b = nterm_bucket(&PD_VEC_AT(&v->nts, nterm, k));
    if (v->bend[b] == 0)
      v->bend[b] = k + 1;
    v->bstart[b] = k;
  }
  return PADAN_OK;
}

/* "Dewan Perwakilan Rakyat (DPR)": a form in brackets right after another form
 * of the same concept introduces it; it is not a second way of writing it.
 * [s, e): unit offsets. */
static int defined_in_parens(const vctx *v, size_t s, size_t e, size_t concept) {
  if (!v->have_prev || v->prev_doc != v->u.doc || v->prev_concept != concept)
    return 0;
  size_t pe = v->prev_start + v->prev_len;
  if (pe > v->u.off + s || pe < v->u.off)
    return 0;
  const char *text = v->text;
  size_t i = pe - (size_t)v->u.off;
  while (i < s && (text[i] == ' ' || text[i] == '\t'))
    i++;
  if (i >= s || text[i] != '(')
    return 0;
  for (i++; i < s; i++)
    if (text[i] != ' ')
      return 0;
  const char *end = text + v->u.len;
  const char *q = text + e;
  while (q < end && *q == ' ')
    q++;
  return q < end && *q == ')';
}

/* Near misses of multiword and long single-word lexicon terms at uncovered
 * positions: every word equal after folding or (5+ letters, same first
 * letter, capitalized in the text) within edit distance 2; a single-word
 * term needs a capitalized word of 6+ letters within distance 1. */
static int near_misses(vctx *v) {
  padan_checker *c = v->c;
  pd_chk_piece *p = v->pieces.p;
  size_t np = v->pieces.n;
  const char *text = v->text;
  for (size_t i = 0; i < np; i++) {
    if (v->covered[i])
      continue;
    int ch = pd_ascii_lower((unsigned char)text[p[i].start]);
    if (ch < 'a' || ch > 'z')
      continue;
    int b = ch - 'a' + 1;
    for (size_t k = v->bstart[b]; k < v->bend[b]; k++) {
      nterm *nt = &PD_VEC_AT(&v->nts, nterm, k);
      if (nt->nw == 0 || i + nt->nw > np)
        continue;
      int ok = 1, near = 0, cap_ok = 1;
      for (size_t w = 0; w < nt->nw && ok; w++) {
        const pd_chk_piece *q = &p[i + w];
        if (q->seg != p[i].seg || v->covered[i + w]) {
          ok = 0;
          break;
        }
        int nw_near = 0;
        ok = word_eq_or_near(text + q->start, q->len, nt->w[w], nt->wl[w], &v->tmp, &v->key,
                             &nw_near);
        if (ok && nw_near) {
          near = 1;
          if (!fold_word_is_cap(text + q->start, q->len))
            cap_ok = 0;
          if (!plausible_typo(v->tmp.p, v->tmp.len, v->key.p, v->key.len))
            ok = 0;
          if (nt->nw == 1) {
            /* single word: stricter */
            if (q->len < 7 || q->sent_start ||
                pd_chk_lev(v->tmp.p, v->tmp.len, v->key.p, v->key.len, 1) > 1)
              ok = 0;
          }
          if (ok && common_word(v, text + q->start, q->len))
            ok = 0;
        }
      }
      if (!ok || !near || !cap_ok)
        continue;
      padan_lexicon_term lt;
      padan_lexicon_term_get(c->lex, nt->term, &lt);
      vitem it;
      memset(&it, 0, sizeof it);
      it.concept = lt.concept, it.term = nt->term, it.near = 1;
      int rc = occ(v, K_CON, PH_NEAR, p[i].start, p[i + nt->nw - 1].start + p[i + nt->nw - 1].len,
                   &it, v->pass != 2);
      if (rc)
        return rc;
      vmatch *mt = pd_vec_push(&v->mt);
      if (!mt)
        return PADAN_ENOMEM;
      memset(mt, 0, sizeof *mt);
      mt->i = (uint32_t)i, mt->n = (uint32_t)nt->nw, mt->near = 1, mt->added = 1;
      mt->concept = lt.concept, mt->term = nt->term;
      for (size_t w = 0; w < nt->nw; w++)
        v->covered[i + w] = 2;
      break;
    }
  }
  return PADAN_OK;
}

/* The n-grams outside the lexicon (hyphenation and spacing variants). */
static int unit_spelling(vctx *v) {
  pd_chk_piece *p = v->pieces.p;
  size_t np = v->pieces.n;
  int rc = PADAN_OK;
  v->cocc.n = 0;
  for (size_t i = 0; i < np && rc == PADAN_OK; i++) {
    for (size_t n = 1; n <= 3 && i + n <= np; n++) {
      const pd_chk_piece *q = &p[i + n - 1];
      if (q->seg != p[i].seg || v->covered[i + n - 1] || q->kind == PADAN_TOK_NUMBER ||
          q->kind == PADAN_TOK_DOMAIN)
        break;
      if (v->covered[i] || p[i].kind == PADAN_TOK_NUMBER || p[i].kind == PADAN_TOK_DOMAIN)
        break;
      size_t s = p[i].start, e = q->start + q->len;
      if ((rc = skey(v->text + s, e - s, &v->tmp, &v->key)))
        break;
      if (v->key.len < 4)
        continue;
      sslot *sl;
      if ((rc = stab_get(&v->sk, hash64(v->key.p, v->key.len), v->pass == 1, &sl)))
        break;
      unsigned char *inf = sl ? &PD_VEC_AT(&v->sk.info, unsigned char, sl->id - 1) : NULL;
      int want = sl && v->pass > 1 && (*inf & 4);
      if (v->pass == 3 && want)
        want = v->fresh[sl->sig] & 2; /* reported */
      if (v->pass == 1 || want) {
        char sa[64];
        seps_raw(v->text + s, e - s, sa, sizeof sa);
        uint32_t sig = (uint32_t)(pd_hash(sa, strlen(sa)) | 1u);
        if (v->pass == 1) {
          if (!sl->sig)
            sl->sig = sig, *inf = (unsigned char)n;
          else if (sl->sig != sig)
            *inf |= 4;
          if ((size_t)(*inf & 3) > n)
            *inf = (unsigned char)((*inf & ~3) | n);
        } else if (v->pass == 2) {
          cocc *co = pd_vec_push(&v->cocc);
          if (!co) {
            rc = PADAN_ENOMEM;
            break;
          }
          co->rank = sl->sig, co->start = (uint32_t)i, co->n = (uint32_t)n;
        }
        vitem it;
        memset(&it, 0, sizeof it);
        it.group = sl->id, it.label = sig;
        it.concept = sl->sig; /* pass 2: its rank */
        if ((rc = occ(v, K_SPELL, PH_SPELL, s, e, &it, v->pass > 1)))
          break;
      } else {
        v->seq[PH_SPELL]++;
      }
    }
  }
  if (rc || v->pass != 2)
    return rc;
  /* the earlier groups each occurrence overlaps */
  cocc *co = v->cocc.p;
  size_t nc = v->cocc.n;
  uint32_t set[32];
  for (size_t a = 0; a < nc; a++) {
    size_t ns = 0;
    set[ns++] = co[a].rank;
    size_t b = a;
    while (b > 0 && co[b - 1].start + 2 >= co[a].start)
      b--;
    for (; b < nc && co[b].start < co[a].start + co[a].n; b++)
      if (b != a && co[b].rank < co[a].rank && co[b].start + co[b].n > co[a].start && ns < 32)
        set[ns++] = co[b].rank;
    if (ns == 1) {
      v->fresh[co[a].rank] |= 1;
      continue;
    }
    qsort(set + 1, ns - 1, sizeof *set, cmp_u32);
    size_t m = 1;
    for (size_t k = 1; k < ns; k++)
      if (m == 1 || set[m - 1] != set[k])
        set[m++] = set[k];
    uint32_t id;
    if ((rc = pd_strmap_intern(&v->bsets, (const char *)set, m * sizeof *set, &id)))
      return rc;
  }
  return PADAN_OK;
}

/* Capitalized words (generic near misses) and runs (generic order). */
static int unit_names(vctx *v) {
  pd_chk_piece *p = v->pieces.p;
  size_t np = v->pieces.n;
  int rc = PADAN_OK;
  for (size_t i = 0; i < np && rc == PADAN_OK && v->pass != 2; i++) {
    if (v->covered[i] || p[i].kind != PADAN_TOK_WORD || p[i].len < 6 ||
        !(p[i].flags & PADAN_TF_CAP) || (p[i].flags & PADAN_TF_ALLCAPS) || p[i].sent_start)
      continue;
    pd_buf_clear(&v->tmp);
    if ((rc = pd_utf8_fold(v->text + p[i].start, p[i].len, &v->tmp)))
      break;
    vitem it;
    memset(&it, 0, sizeof it);
    if (v->pass == 1) {
      if ((rc = pd_strmap_intern(&v->words, v->tmp.p, v->tmp.len, &it.group)))
        break;
      while (v->wcnt.n < it.group && rc == PADAN_OK) {
        size_t *z = pd_vec_push(&v->wcnt);
        if (!z)
          rc = PADAN_ENOMEM;
        else
          *z = 0;
      }
      if (rc)
        break;
      PD_VEC_AT(&v->wcnt, size_t, it.group - 1)++;
    } else {
      it.group = pd_strmap_find(&v->words, v->tmp.p, v->tmp.len);
    }
    it.label = it.group;
    rc = occ(v, K_WORD, PH_WORD, p[i].start, p[i].start + p[i].len, &it, v->pass != 2);
  }
  for (size_t i = 0; i < np && rc == PADAN_OK;) {
    if (p[i].sent_start) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < np && p[j].seg == p[i].seg && !v->covered[j] && p[j].kind == PADAN_TOK_WORD &&
           (p[j].flags & PADAN_TF_CAP) && !(p[j].flags & PADAN_TF_ALLCAPS))
      j++;
    if (j - i >= 2 && j - i <= 6) {
      size_t s0 = p[i].start, e0 = p[j - 1].start + p[j - 1].len;
      uint32_t oid = 0, lid = 0;
      pd_buf_clear(&v->key);
      if ((rc = pd_chk_id_key(v->text + s0, e0 - s0, &v->tmp, &v->key)) ||
          (rc = okey(v->key.p ? v->key.p : "", v->key.len, &v->b2)))
        break;
      const char *lk = v->key.p ? v->key.p : "";
      if (v->pass == 1) {
        if ((rc = pd_strmap_intern(&v->rlkeys, lk, v->key.len, &lid)) ||
            (rc = pd_strmap_intern(&v->rokeys, v->b2.p, v->b2.len, &oid)))
          break;
        if (oid > v->rst.n) {
          uint32_t *z = pd_vec_push(&v->rst);
          if (!z) {
            rc = PADAN_ENOMEM;
            break;
          }
          *z = lid;
        } else if ((PD_VEC_AT(&v->rst, uint32_t, oid - 1) & 0x7fffffffu) != lid) {
          PD_VEC_AT(&v->rst, uint32_t, oid - 1) |= 0x80000000u;
        }
        v->seq[PH_RUN]++;
      } else {
        oid = pd_strmap_find(&v->rokeys, v->b2.p, v->b2.len);
        lid = pd_strmap_find(&v->rlkeys, lk, v->key.len);
        int want = oid && (PD_VEC_AT(&v->rst, uint32_t, oid - 1) & 0x80000000u);
        vitem it;
        memset(&it, 0, sizeof it);
        it.group = oid, it.label = lid;
        if ((rc = occ(v, K_RUN, PH_RUN, s0, e0, &it, want)))
          break;
      }
    }
    i = j > i ? j : i + 1;
  }
  return rc;
}

static int spool_error(vctx *v) {
  return pd_chk_fail(v->c, PADAN_EIO, "cannot read the batch's temporary file: %s",
                     strerror(errno));
}

/* The unit's vmatch list (pass 2, 3). */
static int read_matches(vctx *v) {
  size_t nm;
  if (pd_spool_read(&v->mfile, &nm, sizeof nm))
    return spool_error(v);
  v->mt.n = 0;
  while (v->mt.n < nm)
    if (!pd_vec_push(&v->mt))
      return PADAN_ENOMEM;
  if (pd_spool_read(&v->mfile, v->mt.p, nm * sizeof(vmatch)))
    return spool_error(v);
  return PADAN_OK;
}

/* Passes 2 and 3: the lexicon matches and near misses of pass 1 again. */
static int replay_matches(vctx *v) {
  pd_chk_piece *p = v->pieces.p;
  for (size_t k = 0; k < v->mt.n; k++) {
    const vmatch *m = &PD_VEC_AT(&v->mt, vmatch, k);
    for (size_t w = 0; w < m->n; w++)
      v->covered[m->i + w] = m->near ? 2 : 1;
    if (!m->added)
      continue;
    vitem it;
    memset(&it, 0, sizeof it);
    it.concept = m->concept, it.term = m->term, it.near = m->near, it.deprecated = m->dep;
    int rc = occ(v, K_CON, m->near ? PH_NEAR : PH_LEX, p[m->i].start,
                 p[m->i + m->n - 1].start + p[m->i + m->n - 1].len, &it, v->pass != 2);
    if (rc)
      return rc;
  }
  return PADAN_OK;
}

static int scan_unit(vctx *v) {
  padan_checker *c = v->c;
  const char *text = v->text;
  size_t len = (size_t)v->u.len;
  int rc;
  v->nls.n = 0;
  for (size_t i = 0; i < len; i++)
    if (text[i] == '\n') {
      size_t *z = pd_vec_push(&v->nls);
      if (!z)
        return PADAN_ENOMEM;
      *z = i;
    }
  padan_tokens_clear(&v->toks);
  v->pieces.n = 0;
  if ((rc = padan_tokenize(c->tk, text, len, 0, 0, &v->toks)) ||
      (rc = pd_chk_pieces(&v->toks, text, &v->pieces)))
    return rc;
  size_t np = v->pieces.n;
  if (np > v->covcap) {
    free(v->covered);
    v->covcap = np * 2;
    if (!(v->covered = malloc(v->covcap)))
      return PADAN_ENOMEM;
  }
  if (np)
    memset(v->covered, 0, np);
  pd_chk_piece *p = v->pieces.p;
  if (v->pass > 1) {
    if ((rc = replay_matches(v)))
      return rc;
    if ((rc = unit_spelling(v)) || (rc = unit_names(v)))
      return rc;
    return PADAN_OK;
  }
  v->mt.n = 0;
  /* lexicon matches */
  for (size_t i = 0; i < np;) {
    size_t term, pterm;
    size_t n = pd_chk_match(c, text, p, np, i, &v->tmp, &v->key, &term);
    size_t pn = perm_match(v, text, p, np, i, n, &pterm);
    if (pn > n)
      n = pn, term = pterm;
    if (!n) {
      i++;
      continue;
    }
    padan_lexicon_term lt;
    size_t s = p[i].start, e = p[i + n - 1].start + p[i + n - 1].len;
    vmatch *mt = pd_vec_push(&v->mt);
    if (!mt)
      return PADAN_ENOMEM;
    memset(mt, 0, sizeof *mt);
    mt->i = (uint32_t)i, mt->n = (uint32_t)n;
    if (padan_lexicon_term_get(c->lex, term, &lt) == PADAN_OK &&
        !defined_in_parens(v, s, e, lt.concept)) {
      mt->added = 1, mt->concept = lt.concept, mt->term = term;
      mt->dep = lt.status == PADAN_TERM_DEPRECATED;
      vitem it;
      memset(&it, 0, sizeof it);
      it.concept = lt.concept, it.term = term;
      it.deprecated = lt.status == PADAN_TERM_DEPRECATED;
      if ((rc = occ(v, K_CON, PH_LEX, s, e, &it, v->pass != 2)))
        return rc;
      v->have_prev = 1;
      v->prev_doc = v->u.doc;
      v->prev_start = (size_t)v->u.off + s;
      v->prev_len = e - s;
      v->prev_concept = lt.concept;
    }
    for (size_t k = 0; k < n; k++)
      v->covered[i + k] = 1;
    i += n;
  }
  if ((rc = near_misses(v)))
    return rc;
  size_t nm = v->mt.n;
  if (pd_spool_write(&v->mfile, &nm, sizeof nm) ||
      pd_spool_write(&v->mfile, v->mt.p, nm * sizeof(vmatch)))
    return pd_chk_fail(c, PADAN_EIO, "cannot write the batch's temporary file: %s",
                       strerror(errno));
  if ((rc = unit_spelling(v)) || (rc = unit_names(v)))
    return rc;
  return PADAN_OK;
}

/* Pass 3: the example lines' bytes (each line's first VAR_LINE_MAX, and each
 * finding's excerpt). */
static int unit_lines(vctx *v) {
  size_t a = 0, line = (size_t)v->u.line, base = (size_t)(v->u.off - v->u.lstart);
  size_t len = (size_t)v->u.len;
  for (size_t k = 0; k <= v->nls.n; k++) {
    size_t b = k < v->nls.n ? PD_VEC_AT(&v->nls, size_t, k) : len;
    size_t lo, hi = pend_range(v, (uint32_t)v->u.doc, line, &lo);
    if (lo < hi) {
      vline *L = &PD_VEC_AT(&v->lines, vline, PD_VEC_AT(&v->pend, vpend, v->porder[lo]).lrec);
      size_t s0 = base, e0 = base + (b - a); /* line offsets of this part */
      if (s0 < VAR_LINE_MAX &&
          pd_buf_append(&L->text, v->text + a, (e0 < VAR_LINE_MAX ? e0 : VAR_LINE_MAX) - s0))
        return PADAN_ENOMEM;
      L->total = e0;
      for (size_t i = lo; i < hi; i++) {
        vpend *pd = &PD_VEC_AT(&v->pend, vpend, v->porder[i]);
        size_t wa = pd->wa, wb = pd->wa + 2 * VAR_HALF;
        size_t x = s0 > wa ? s0 : wa, y = e0 < wb ? e0 : wb;
        if (x < y && pd_buf_append(&pd->win, v->text + a + (x - s0), y - x))
          return PADAN_ENOMEM;
      }
    }
    a = b + 1, line++, base = 0;
  }
  return PADAN_OK;
}

/* Pass 3: 1 when an example line meets the unit. */
static int has_example(vctx *v) {
  size_t nl = 0;
  for (size_t i = 0; i < (size_t)v->u.len; i++)
    nl += v->text[i] == '\n';
  size_t lo;
  (void)pend_range(v, (uint32_t)v->u.doc, (size_t)v->u.line, &lo);
  if (lo == v->pend.n)
    return 0;
  const vpend *pd = &PD_VEC_AT(&v->pend, vpend, v->porder[lo]);
  v->have_prev = 0;
  return pd->doc == v->u.doc && pd->line <= (size_t)v->u.line + nl;
}

static int run_pass(vctx *v, int pass) {
  v->pass = pass;
  memset(v->seq, 0, sizeof v->seq);
  v->have_prev = 0;
  if (pd_spool_rewind(&v->s->spool) || (pass > 1 && pd_spool_rewind(&v->mfile)))
    return spool_error(v);
  pd_buf buf;
  pd_buf_init(&buf);
  int rc = PADAN_OK;
  char stage[32];
  snprintf(stage, sizeof stage, "variants pass %d of 3", pass);
  for (size_t k = 0; k < v->s->nunits && rc == PADAN_OK; k++) {
    if (v->c->progress && k % 256 == 0)
      v->c->progress(v->c->progress_ud, stage, k, v->s->nunits);
    if (pd_spool_read(&v->s->spool, &v->u, sizeof v->u)) {
      rc = spool_error(v);
      break;
    }
    pd_buf_clear(&buf);
    if (pd_buf_reserve(&buf, (size_t)v->u.len)) {
      rc = PADAN_ENOMEM;
      break;
    }
    if (pd_spool_read(&v->s->spool, buf.p, (size_t)v->u.len)) {
      rc = spool_error(v);
      break;
    }
    buf.len = (size_t)v->u.len;
    buf.p[buf.len] = '\0';
    v->text = buf.p;
    int skip = pass == 3 && !has_example(v); /* pass 3 orders marks within a line only */
    if (pass > 1 && (rc = read_matches(v)))
      break;
    if (skip)
      continue;
    rc = scan_unit(v);
    if (rc == PADAN_OK && pass == 3)
      rc = unit_lines(v);
  }
  pd_buf_free(&buf);
  if (rc == PADAN_OK && v->c->progress && v->s->nunits)
    v->c->progress(v->c->progress_ud, stage, v->s->nunits, v->s->nunits);
  return rc;
}

/* ------------------------------------------------------------ the batch's findings */


typedef struct {
  uint32_t minn, id;
  sslot *sl;
} rk;

static int cmp_rk(const void *a, const void *b) {
  const rk *x = a, *y = b;
  if (x->minn != y->minn)
    return x->minn < y->minn ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* After pass 1: the spelling keys written with several separators, ranked as
 * they are reported (by their fewest pieces, then first occurrence). */
static int rank_keys(vctx *v) {
  size_t n = 0;
  for (size_t i = 0; i < v->sk.nslots; i++)
    if (v->sk.slots[i].id && (PD_VEC_AT(&v->sk.info, unsigned char, v->sk.slots[i].id - 1) & 4))
      n++;
  rk *r = malloc((n ? n : 1) * sizeof *r);
  v->fresh = calloc(n ? n : 1, 1);
  if (!r || !v->fresh) {
    free(r);
    return PADAN_ENOMEM;
  }
  size_t k = 0;
  for (size_t i = 0; i < v->sk.nslots; i++) {
    sslot *sl = &v->sk.slots[i];
    unsigned char inf = sl->id ? PD_VEC_AT(&v->sk.info, unsigned char, sl->id - 1) : 0;
    if (inf & 4)
      r[k].minn = inf & 3, r[k].id = sl->id, r[k].sl = sl, k++;
  }
  qsort(r, n, sizeof *r, cmp_rk);
  for (size_t i = 0; i < n; i++)
    r[i].sl->sig = (uint32_t)i;
  v->nrank = n;
  free(r);
  return PADAN_OK;
}

typedef struct {
  size_t concept, item;
  uint64_t first;
} cpair;

static int cmp_cpair(const void *a, const void *b) {
  const cpair *x = a, *y = b;
  if (x->concept != y->concept)
    return x->concept < y->concept ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

typedef struct {
  uint32_t group;
  uint64_t first;
  size_t item;
} gpair;

static int cmp_gpair(const void *a, const void *b) {
  const gpair *x = a, *y = b;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* Items of one kind sorted by group, then first occurrence. */
static gpair *group_items(vctx *v, int kind, size_t *n) {
  vitem *o = v->items.p;
  gpair *g = malloc((v->items.n ? v->items.n : 1) * sizeof *g);
  *n = 0;
  if (!g)
    return NULL;
  for (size_t i = 0; i < v->items.n; i++)
    if ((o[i].member >> 32) == (uint64_t)kind) {
      g[*n].group = o[i].group, g[*n].first = o[i].first, g[*n].item = i;
      (*n)++;
    }
  qsort(g, *n, sizeof *g, cmp_gpair);
  return g;
}

/* Emits the items g[0..n) of one group labelled by their label. */
static int emit_group(vctx *v, int kind, const gpair *g, size_t n) {
  lab *ls = malloc((n ? n : 1) * sizeof *ls);
  if (!ls)
    return PADAN_ENOMEM;
  for (size_t k = 0; k < n; k++)
    ls[k].occ = g[k].item, ls[k].label = PD_VEC_AT(&v->items, vitem, g[k].item).label;
  int rc = emit(v, kind, (size_t)-1, ls, n, "");
  free(ls);
  return rc;
}

/* Hyphenation and spacing variants of words outside the lexicon: a group is
 * not reported when every occurrence overlaps an earlier reported one. */
static int generic_spelling(vctx *v) {
  size_t nr = v->nrank, nb = pd_strmap_count(&v->bsets);
  size_t *bstart = calloc(nr + 1, sizeof *bstart);
  uint32_t *bid = malloc((nb ? nb : 1) * sizeof *bid);
  size_t ng = 0;
  gpair *g = group_items(v, K_SPELL, &ng);
  int rc = PADAN_OK;
  if (!bstart || !bid || !g) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  /* the overlap sets by rank */
  for (uint32_t id = 1; id <= nb; id++)
    bstart[*(const uint32_t *)(const void *)pd_strmap_str(&v->bsets, id, NULL) + 1]++;
  for (size_t r = 0; r < nr; r++)
    bstart[r + 1] += bstart[r];
  {
    size_t *fill = calloc(nr + 1, sizeof *fill);
    if (!fill) {
      rc = PADAN_ENOMEM;
      goto out;
    }
    for (uint32_t id = 1; id <= nb; id++) {
      uint32_t r = *(const uint32_t *)(const void *)pd_strmap_str(&v->bsets, id, NULL);
      bid[bstart[r] + fill[r]++] = id;
    }
    free(fill);
  }
  for (size_t r = 0; r < nr; r++) {
    int rep = v->fresh[r] & 1;
    for (size_t k = bstart[r]; k < bstart[r + 1] && !rep; k++) {
      size_t len;
      const uint32_t *set = (const uint32_t *)(const void *)pd_strmap_str(&v->bsets, bid[k], &len);
      int hit = 0;
      for (size_t q = 1; q < len / sizeof *set && !hit; q++)
        hit = (v->fresh[set[q]] & 2) != 0;
      rep = !hit;
    }
    if (rep)
      v->fresh[r] |= 2;
  }
  {
    /* rank of each group: its slot's sig */
    size_t *at = malloc((nr ? nr : 1) * sizeof *at);
    size_t *len = calloc(nr ? nr : 1, sizeof *len);
    if (!at || !len) {
      free(at);
      free(len);
      rc = PADAN_ENOMEM;
      goto out;
    }
    for (size_t i = 0; i < ng;) {
      size_t j = i;
      while (j < ng && g[j].group == g[i].group)
        j++;
      size_t r = PD_VEC_AT(&v->items, vitem, g[i].item).concept; /* its rank */
      at[r] = i, len[r] = j - i;
      i = j;
    }
    for (size_t r = 0; r < nr && rc == PADAN_OK; r++)
      if ((v->fresh[r] & 2) && len[r])
        rc = emit_group(v, PADAN_CHECK_SPELLING, g + at[r], len[r]);
    free(at);
    free(len);
  }
out:
  free(bstart);
  free(bid);
  free(g);
  return rc;
}

/* Near misses between capitalized words of the batch: a rarer word within a
 * small edit distance of a frequent one (not a clitic or suffix form of it). */
static int generic_nearmiss(vctx *v) {
  size_t nw = pd_strmap_count(&v->words), ng = 0;
  gpair *g = group_items(v, K_WORD, &ng);
  size_t *at = calloc(nw + 2, sizeof *at);
  int rc = PADAN_OK;
  if (!g || !at) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < ng; i++)
    at[g[i].group + 1] = i + 1;
  for (size_t w = 1; w <= nw + 1; w++)
    if (at[w] < at[w - 1])
      at[w] = at[w - 1];
  /* the items of word w: g[at[w] .. at[w + 1]) */
  static const char *const sufs[] = {"nya", "an", "kan", "i", "lah", "pun", "ku", "mu", NULL};
  for (uint32_t a = 1; a <= nw && rc == PADAN_OK; a++) {
    size_t ca = PD_VEC_AT(&v->wcnt, size_t, a - 1);
    size_t al;
    const char *as = pd_strmap_str(&v->words, a, &al);
    for (uint32_t b = 1; b <= nw; b++) {
      size_t cb = PD_VEC_AT(&v->wcnt, size_t, b - 1);
      if (a == b || ca > 2 || cb < 3 || cb < 3 * ca || (al > 3 && memcmp(as + al - 3, "nya", 3) == 0))
        continue;
      size_t bl;
      const char *bs = pd_strmap_str(&v->words, b, &bl);
      if (as[0] != bs[0])
        continue;
      int cap = (al >= 9 && bl >= 9) ? 2 : 1;
      if (pd_chk_lev(as, al, bs, bl, cap) > cap || !plausible_typo(as, al, bs, bl) ||
          pd_strmap_find(&v->s->lower, as, al))
        continue;
      /* morphology: one is the other plus a suffix */
      int morph = 0;
      const char *lo = al < bl ? as : bs, *hi = al < bl ? bs : as;
      size_t ll = al < bl ? al : bl, hl = al < bl ? bl : al;
      if (memcmp(lo, hi, ll) == 0)
        for (const char *const *s = sufs; *s; s++)
          if (strlen(*s) == hl - ll && memcmp(hi + ll, *s, hl - ll) == 0)
            morph = 1;
      if (morph)
        continue;
      size_t a0 = at[a], a1 = at[a + 1], b0 = at[b], b1 = at[b + 1];
      lab *ls = malloc((a1 - a0 + b1 - b0 + 1) * sizeof *ls);
      if (!ls) {
        rc = PADAN_ENOMEM;
        break;
      }
      size_t n = 0;
      for (size_t k = a0; k < a1; k++)
        ls[n].occ = g[k].item, ls[n].label = a, n++;
      for (size_t k = b0; k < b1; k++)
        ls[n].occ = g[k].item, ls[n].label = b, n++;
      rc = emit(v, PADAN_CHECK_NEARMISS, (size_t)-1, ls, n, "");
      free(ls);
      break;
    }
  }
out:
  free(g);
  free(at);
  return rc;
}

/* The same capitalized words in another order outside the lexicon: maximal
 * runs of 2-6 capitalized words grouped by their sorted words. */
static int generic_order(vctx *v) {
  size_t ng = 0;
  gpair *g = group_items(v, K_RUN, &ng);
  if (!g)
    return PADAN_ENOMEM;
  int rc = PADAN_OK;
  for (size_t i = 0; i < ng && rc == PADAN_OK;) {
    size_t j = i;
    while (j < ng && g[j].group == g[i].group)
      j++;
    rc = emit_group(v, PADAN_CHECK_ORDER, g + i, j - i);
    i = j;
  }
  free(g);
  return rc;
}

static int findings(vctx *v) {
  size_t ni = v->items.n, nc = 0;
  vitem *o = v->items.p;
  cpair *cp = malloc((ni ? ni : 1) * sizeof *cp);
  size_t *idx = malloc((ni ? ni : 1) * sizeof *idx);
  int rc = PADAN_OK;
  if (!cp || !idx) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < ni; i++)
    if ((o[i].member >> 32) == K_CON)
      cp[nc].concept = o[i].concept, cp[nc].item = i, cp[nc].first = o[i].first, nc++;
  qsort(cp, nc, sizeof *cp, cmp_cpair);
  for (size_t i = 0; i < nc; i++)
    idx[i] = cp[i].item;
  for (size_t i = 0; i < nc && rc == PADAN_OK;) {
    size_t j = i;
    while (j < nc && cp[j].concept == cp[i].concept)
      j++;
    rc = concept_findings(v, cp[i].concept, idx + i, j - i);
    i = j;
  }
  if (rc == PADAN_OK)
    rc = generic_spelling(v);
  if (rc == PADAN_OK)
    rc = generic_nearmiss(v);
  if (rc == PADAN_OK)
    rc = generic_order(v);
out:
  free(cp);
  free(idx);
  return rc;
}

/* ------------------------------------------------------------ examples */

typedef struct {
  uint32_t doc;
  size_t line, i;
} pl;

static int cmp_pl(const void *a, const void *b) {
  const pl *x = a, *y = b;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* Before pass 3: the findings' example lines, in (doc, line) order. */
static int prepare_examples(vctx *v) {
  size_t n = v->pend.n;
  pl *a = malloc((n ? n : 1) * sizeof *a);
  v->porder = malloc((n ? n : 1) * sizeof *v->porder);
  if (!a || !v->porder) {
    free(a);
    return PADAN_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    const vpend *pd = &PD_VEC_AT(&v->pend, vpend, i);
    a[i].doc = pd->doc, a[i].line = pd->line, a[i].i = i;
  }
  qsort(a, n, sizeof *a, cmp_pl);
  int rc = PADAN_OK;
  for (size_t i = 0; i < n && rc == PADAN_OK; i++) {
    v->porder[i] = a[i].i;
    if (!i || a[i].doc != a[i - 1].doc || a[i].line != a[i - 1].line) {
      vline *L = pd_vec_push(&v->lines);
      if (!L) {
        rc = PADAN_ENOMEM;
        break;
      }
      L->doc = a[i].doc, L->line = a[i].line, L->total = 0;
      pd_buf_init(&L->text);
    }
    PD_VEC_AT(&v->pend, vpend, a[i].i).lrec = v->lines.n - 1;
  }
  free(a);
  return rc;
}

static int cmp_mark(const void *a, const void *b) {
  const vmark *x = a, *y = b;
  return x->key < y->key ? -1 : x->key > y->key;
}

/* After pass 3: each finding's example text (the line, or an excerpt of a
 * line over VAR_LINE_MAX around the example) and the marks in it: every
 * occurrence of the finding, first ones first, none overlapping an earlier. */
static int finish_examples(vctx *v) {
  padan_checker *c = v->c;
  for (size_t i = 0; i < v->pend.n; i++) {
    vpend *pd = &PD_VEC_AT(&v->pend, vpend, i);
    vline *L = &PD_VEC_AT(&v->lines, vline, pd->lrec);
    padan_check_finding *f = &PD_VEC_AT(&c->findings, padan_check_finding, pd->fi);
    const char *t;
    size_t a, n;
    if (L->total <= VAR_LINE_MAX) {
      t = L->text.p ? L->text.p : "", a = 0, n = L->text.len;
    } else {
      t = pd->win.p ? pd->win.p : "", a = pd->wa, n = pd->win.len;
      size_t k = 0;
      while (k < n && ((unsigned char)t[k] & 0xC0) == 0x80)
        k++;
      t += k, a += k, n -= k;
      if (a + n < L->total)
        n = pd_utf8_valid_prefix(t, n);
    }
    if (a + n == L->total)
      while (n > 0 && t[n - 1] == '\r')
        n--;
    f->id_text = pd_chk_strdup(c, t, n);
    if (!f->id_text)
      return PADAN_ENOMEM;
    vmark *m = pd->marks.p;
    qsort(m, pd->marks.n, sizeof *m, cmp_mark);
    padan_check_mark *out = NULL;
    size_t nm = 0, cap = 0, last_end = 0;
    int whole = L->total <= VAR_LINE_MAX;
    for (size_t k = 0; k < pd->marks.n; k++) {
      if (k && m[k].start < last_end)
        continue;
      last_end = m[k].start + m[k].len;
      if (!whole && (m[k].start < a || m[k].start + m[k].len > a + n))
        continue;
      if (add_mark(c, &out, &nm, &cap, m[k].start - a, m[k].len))
        return PADAN_ENOMEM;
    }
    f->id_marks = out;
    f->nid_marks = nm;
  }
  return PADAN_OK;
}

int padan_check_variants(padan_checker *c) {
  if (!c)
    return PADAN_EARG;
  pd_chk_reset(c);
  pd_buf_clear(&c->err);
  int rc = padan_check_variants_end_doc(c);
  vctx v;
  memset(&v, 0, sizeof v);
  v.c = c;
  v.s = c->var;
  pd_vec_init(&v.nls, sizeof(size_t));
  pd_vec_init(&v.mt, sizeof(vmatch));
  padan_tokens_init(&v.toks);
  pd_vec_init(&v.pieces, sizeof(pd_chk_piece));
  pd_buf_init(&v.tmp);
  pd_buf_init(&v.key);
  pd_buf_init(&v.b2);
  pd_buf_init(&v.surf);
  pd_strmap_init(&v.okeys);
  pd_vec_init(&v.oterm, sizeof(size_t));
  pd_vec_init(&v.nts, sizeof(nterm));
  pd_strmap_init(&v.forms);
  pd_strmap_init(&v.ikeys);
  pd_vec_init(&v.items, sizeof(vitem));
  pd_vec_init(&v.sk.info, 1);
  pd_vec_init(&v.cocc, sizeof(cocc));
  pd_strmap_init(&v.bsets);
  pd_strmap_init(&v.words);
  pd_vec_init(&v.wcnt, sizeof(size_t));
  pd_strmap_init(&v.rokeys);
  pd_strmap_init(&v.rlkeys);
  pd_vec_init(&v.rst, sizeof(uint32_t));
  pd_vec_init(&v.pend, sizeof(vpend));
  pd_vec_init(&v.lines, sizeof(vline));
  if (rc == PADAN_OK && v.s && pd_spool_open(&v.mfile))
    rc = pd_chk_fail(c, PADAN_EIO, "cannot create a temporary file in $TMPDIR: %s",
                     strerror(errno));
  if (rc == PADAN_OK && v.s) {
    if ((rc = build_okeys(&v)) == PADAN_OK && (rc = build_nts(&v)) == PADAN_OK &&
        (rc = run_pass(&v, 1)) == PADAN_OK && (rc = rank_keys(&v)) == PADAN_OK &&
        (rc = run_pass(&v, 2)) == PADAN_OK && (rc = findings(&v)) == PADAN_OK &&
        (rc = prepare_examples(&v)) == PADAN_OK && (rc = run_pass(&v, 3)) == PADAN_OK)
      rc = finish_examples(&v);
  }
  if (rc) {
    if (!c->err.len)
      pd_chk_fail(c, rc, "%s", padan_strerror(rc));
    c->findings.n = 0;
  }
  pd_vec_free(&v.nls);
  pd_vec_free(&v.mt);
  pd_spool_close(&v.mfile);
  padan_tokens_free(&v.toks);
  pd_vec_free(&v.pieces);
  free(v.covered);
  pd_buf_free(&v.tmp);
  pd_buf_free(&v.key);
  pd_buf_free(&v.b2);
  pd_buf_free(&v.surf);
  pd_strmap_free(&v.okeys);
  pd_vec_free(&v.oterm);
  pd_vec_free(&v.nts);
  pd_strmap_free(&v.forms);
  pd_strmap_free(&v.ikeys);
  pd_vec_free(&v.items);
  free(v.sk.slots);
  pd_vec_free(&v.sk.info);
  pd_vec_free(&v.cocc);
  free(v.fresh);
  pd_strmap_free(&v.bsets);
  pd_strmap_free(&v.words);
  pd_vec_free(&v.wcnt);
  pd_strmap_free(&v.rokeys);
  pd_strmap_free(&v.rlkeys);
  pd_vec_free(&v.rst);
  for (size_t i = 0; i < v.pend.n; i++) {
    vpend *pd = &PD_VEC_AT(&v.pend, vpend, i);
    free(pd->mem);
    pd_buf_free(&pd->win);
    pd_vec_free(&pd->marks);
  }
  pd_vec_free(&v.pend);
  for (size_t i = 0; i < v.lines.n; i++)
    pd_buf_free(&PD_VEC_AT(&v.lines, vline, i).text);
  pd_vec_free(&v.lines);
  free(v.porder);
  pd_chk_var_free(c);
  for (size_t i = 0; i < c->docs.n; i++) {
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).name);
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).text);
  }
  c->docs.n = 0;
  return rc;
}
