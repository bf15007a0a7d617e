/* check/: source-side variants: one concept written several ways in a batch. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check/internal.h"

int padan_check_variants_add(padan_checker *c, const char *name, const char *text, size_t len) {
  if (!c || (!text && len))
    return PADAN_EARG;
  pd_chk_doc *d = pd_vec_push(&c->docs);
  if (!d)
    return PADAN_ENOMEM;
  size_t nl = name ? strlen(name) : 1;
  d->name = malloc(nl + 1);
  d->text = malloc(len + 1);
  if (!d->name || !d->text) {
    free(d->name);
    free(d->text);
    c->docs.n--;
    return PADAN_ENOMEM;
  }
  memcpy(d->name, name ? name : "-", nl + 1);
  if (len)
    memcpy(d->text, text, len);
  d->text[len] = '\0';
  d->len = len;
  return PADAN_OK;
}

/* One occurrence of a form. */
typedef struct {
  size_t doc, start, len, line, pfirst, pn;
  uint32_t form;  /* interned surface (whitespace collapsed) */
  size_t concept; /* (size_t)-1 when none */
  size_t term;
  int near;       /* a near miss of `term` */
  int deprecated; /* the matched term is deprecated */
} vocc;

typedef struct {
  pd_vec pieces; /* pd_chk_piece */
  size_t *ls;    /* line starts */
  size_t nls;
  unsigned char *covered; /* by piece */
  unsigned char *claimed; /* by piece: part of a reported generic group */
} vdoc;

typedef struct {
  padan_checker *c;
  vdoc *vd;
  pd_chk_doc *docs;
  size_t ndocs;
  pd_vec occ;       /* vocc */
  pd_strmap forms;  /* surfaces */
  pd_buf tmp, key, b2;
  pd_strmap okeys; /* sorted-word keys of multiword terms */
  pd_strmap lower; /* folded words seen in lower case somewhere in the batch */
  pd_vec oterm;    /* by okey id: term index, (size_t)-1 none */
} vctx;

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

static int add_occ(vctx *v, size_t doc, size_t pfirst, size_t pn, size_t concept, size_t term,
                   int near, int dep) {
  vdoc *d = &v->vd[doc];
  pd_chk_piece *p = d->pieces.p;
  size_t s = p[pfirst].start, e = p[pfirst + pn - 1].start + p[pfirst + pn - 1].len;
  if (surface(v->docs[doc].text + s, e - s, &v->tmp))
    return PADAN_ENOMEM;
  uint32_t fid;
  if (pd_strmap_intern(&v->forms, v->tmp.p, v->tmp.len, &fid))
    return PADAN_ENOMEM;
  vocc *o = pd_vec_push(&v->occ);
  if (!o)
    return PADAN_ENOMEM;
  o->doc = doc;
  o->start = s;
  o->len = e - s;
  o->line = line_of(d->ls, d->nls, s);
  o->pfirst = pfirst;
  o->pn = pn;
  o->form = fid;
  o->concept = concept;
  o->term = term;
  o->near = near;
  o->deprecated = dep;
  return PADAN_OK;
}

/* "Dewan Perwakilan Rakyat (DPR)": a form in brackets right after another form
 * of the same concept introduces it; it is not a second way of writing it. */
static int defined_in_parens(const vctx *v, size_t doc, const char *text, size_t s, size_t e,
                             size_t concept) {
  if (!v->occ.n)
    return 0;
  const vocc *prev = &PD_VEC_AT(&v->occ, vocc, v->occ.n - 1);
  if (prev->doc != doc || prev->concept != concept || prev->start + prev->len > s)
    return 0;
  size_t i = prev->start + prev->len;
  while (i < s && (text[i] == ' ' || text[i] == '\t'))
    i++;
  if (i >= s || text[i] != '(')
    return 0;
  for (i++; i < s; i++)
    if (text[i] != ' ')
      return 0;
  const char *end = v->docs[doc].text + v->docs[doc].len;
  const char *q = text + e;
  while (q < end && *q == ' ')
    q++;
  return q < end && *q == ')';
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

/* 1 when the folded word is seen in lower case in the batch (a common word). */
static int common_word(vctx *v, const char *w, size_t n) {
  pd_buf_clear(&v->b2);
  if (pd_utf8_fold(w, n, &v->b2) || !v->b2.p)
    return 0;
  return pd_strmap_find(&v->lower, v->b2.p, v->b2.len) != 0;
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

/* ------------------------------------------------------------ findings */

typedef struct {
  size_t occ;
  uint32_t label;
} lab;

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

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
} lf;

static int cmp_lf(const void *a, const void *b) {
  const lf *x = a, *y = b;
  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  return x->form < y->form ? -1 : x->form > y->form;
}

/* Emits a finding over labelled occurrences: one form per label (its most
 * frequent surface), most frequent first; the example is the first
 * occurrence of the least frequent form. */
static int emit(vctx *v, int kind, size_t concept, const lab *ls, size_t n, const char *expected) {
  padan_checker *c = v->c;
  vocc *o = v->occ.p;
  /* distinct labels */
  uint32_t *labels = malloc(n * sizeof *labels);
  size_t *cnt = calloc(n, sizeof *cnt);
  size_t *first = malloc(n * sizeof *first);
  size_t nl = 0;
  int rc = PADAN_OK;
  if (!labels || !cnt || !first) {
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
    cnt[k]++;
    if (ls[i].occ < first[k])
      first[k] = ls[i].occ;
  }
  if (nl < 2 && kind != PADAN_CHECK_NEARMISS && kind != PADAN_CHECK_DEPRECATED)
    goto out;
  for (size_t a = 1; a < nl; a++)
    for (size_t b = a; b > 0 && (cnt[b] > cnt[b - 1] || (cnt[b] == cnt[b - 1] && first[b] < first[b - 1])); b--) {
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
  /* each label's most frequent surface: (label, form) pairs sorted */
  lf *pairs = malloc(n * sizeof *pairs);
  if (!pairs) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    pairs[i].label = ls[i].label, pairs[i].form = o[ls[i].occ].form;
  qsort(pairs, n, sizeof *pairs, cmp_lf);
  for (size_t k = 0; k < nl; k++) {
    uint32_t best = o[first[k]].form;
    size_t bestc = 0;
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && pairs[j].label == pairs[i].label && pairs[j].form == pairs[i].form)
        j++;
      if (pairs[i].label == labels[k] && j - i > bestc) {
        bestc = j - i;
        best = pairs[i].form;
      }
      i = j;
    }
    forms[k].form = pd_strmap_str(&v->forms, best, NULL);
    forms[k].count = cnt[k];
    forms[k].file = v->docs[o[first[k]].doc].name;
    forms[k].line = o[first[k]].line;
  }
  free(pairs);
  padan_check_finding *f = pd_vec_push(&c->findings);
  if (!f) {
    rc = PADAN_ENOMEM;
    goto out;
  }
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
  const vocc *ex = &o[first[nl - 1]];
  f->file = v->docs[ex->doc].name;
  f->line = ex->line;
  /* the example line and every occurrence of the finding in it */
  const char *t = v->docs[ex->doc].text;
  size_t ls0 = v->vd[ex->doc].ls[ex->line - 1], le = ls0;
  while (le < v->docs[ex->doc].len && t[le] != '\n')
    le++;
  size_t tl = le;
  while (tl > ls0 && t[tl - 1] == '\r')
    tl--;
  f->id_text = pd_chk_strdup(c, t + ls0, tl - ls0);
  if (!f->id_text) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  padan_check_mark *m = NULL;
  size_t nm = 0, cap = 0;
  size_t *st = malloc(n * sizeof *st);
  size_t ns = 0;
  if (!st) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < n; i++)
    if (o[ls[i].occ].doc == ex->doc && o[ls[i].occ].line == ex->line)
      st[ns++] = ls[i].occ;
  qsort(st, ns, sizeof *st, cmp_size);
  size_t last_end = 0;
  for (size_t i = 0; i < ns && rc == PADAN_OK; i++) {
    const vocc *x = &o[st[i]];
    if (i && x->start < last_end)
      continue;
    rc = add_mark(c, &m, &nm, &cap, x->start - ls0, x->len);
    last_end = x->start + x->len;
  }
  free(st);
  f->id_marks = m;
  f->nid_marks = nm;
  f->en_marks = NULL;
  f->nen_marks = 0;
out:
  free(labels);
  free(cnt);
  free(first);
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

/* Near misses of multiword and long single-word lexicon terms at uncovered
 * positions: every word equal after folding or (5+ letters, same first
 * letter, capitalized in the text) within edit distance 2; a single-word
 * term needs a capitalized word of 6+ letters within distance 1. */
static int near_misses(vctx *v) {
  padan_checker *c = v->c;
  pd_vec nts;
  pd_vec_init(&nts, sizeof(nterm));
  int rc = PADAN_OK;
  for (size_t t = 0; t < c->nterms; t++) {
    if (!c->term_ok[t])
      continue;
    padan_lexicon_term lt;
    if (padan_lexicon_term_get(c->lex, t, &lt) || lt.status == PADAN_TERM_DEPRECATED)
      continue;
    if (!fold_word_is_cap(lt.text, lt.len))
      continue; /* names only: common words have too many look-alikes */
    nterm *nt = pd_vec_push(&nts);
    if (!nt) {
      rc = PADAN_ENOMEM;
      goto out;
    }
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
  /* by the first letter of the first word (the terms start with an ASCII capital) */
  qsort(nts.p, nts.n, sizeof(nterm), cmp_nterm);
  size_t bstart[27], bend[27];
  for (int b = 0; b < 27; b++)
    bstart[b] = bend[b] = 0;
  for (size_t k = nts.n; k-- > 0;) {
    int b = nterm_bucket(&PD_VEC_AT(&nts, nterm, k));
    if (bend[b] == 0)
      bend[b] = k + 1;
    bstart[b] = k;
  }
  for (size_t d = 0; d < v->ndocs && rc == PADAN_OK; d++) {
    vdoc *vd = &v->vd[d];
    pd_chk_piece *p = vd->pieces.p;
    size_t np = vd->pieces.n;
    const char *text = v->docs[d].text;
    for (size_t i = 0; i < np; i++) {
      if (vd->covered[i])
        continue;
      int ch = pd_ascii_lower((unsigned char)text[p[i].start]);
      if (ch < 'a' || ch > 'z')
        continue;
      int b = ch - 'a' + 1;
      for (size_t k = bstart[b]; k < bend[b]; k++) {
        nterm *nt = &PD_VEC_AT(&nts, nterm, k);
        if (nt->nw == 0 || i + nt->nw > np)
          continue;
        int ok = 1, near = 0, cap_ok = 1;
        for (size_t w = 0; w < nt->nw && ok; w++) {
          const pd_chk_piece *q = &p[i + w];
          if (q->seg != p[i].seg || vd->covered[i + w]) {
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
        if ((rc = add_occ(v, d, i, nt->nw, lt.concept, nt->term, 1, 0)))
          goto out;
        for (size_t w = 0; w < nt->nw; w++)
          vd->covered[i + w] = 2;
        break;
      }
    }
  }
out:
  pd_vec_free(&nts);
  return rc;
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
  vocc *o = v->occ.p;
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
        const vocc *x = &o[ls[k].occ];
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

typedef struct {
  size_t concept, occ;
} cpair;

static int cmp_cpair(const void *a, const void *b) {
  const cpair *x = a, *y = b;
  if (x->concept != y->concept)
    return x->concept < y->concept ? -1 : 1;
  return x->occ < y->occ ? -1 : x->occ > y->occ;
}

/* ------------------------------------------------------------ generic side */

typedef struct {
  uint32_t skey;
  size_t occ;
  size_t npieces;
} gent;

static int cmp_gent(const void *a, const void *b) {
  const gent *x = a, *y = b;
  if (x->npieces != y->npieces)
    return x->npieces < y->npieces ? -1 : 1;
  if (x->skey != y->skey)
    return x->skey < y->skey ? -1 : 1;
  return x->occ < y->occ ? -1 : x->occ > y->occ;
}

/* Hyphenation and spacing variants of words outside the lexicon. */
static int generic_spelling(vctx *v) {
  padan_checker *c = v->c;
  pd_strmap keys;
  pd_strmap_init(&keys);
  pd_vec ents;
  pd_vec_init(&ents, sizeof(gent));
  int rc = PADAN_OK;
  size_t base_occ = v->occ.n;
  for (size_t d = 0; d < v->ndocs && rc == PADAN_OK; d++) {
    vdoc *vd = &v->vd[d];
    pd_chk_piece *p = vd->pieces.p;
    for (size_t i = 0; i < vd->pieces.n && rc == PADAN_OK; i++) {
      for (size_t n = 1; n <= 3 && i + n <= vd->pieces.n; n++) {
        const pd_chk_piece *q = &p[i + n - 1];
        if (q->seg != p[i].seg || vd->covered[i + n - 1] || q->kind == PADAN_TOK_NUMBER ||
            q->kind == PADAN_TOK_DOMAIN)
          break;
        if (vd->covered[i] || p[i].kind == PADAN_TOK_NUMBER || p[i].kind == PADAN_TOK_DOMAIN)
          break;
        size_t s = p[i].start, e = q->start + q->len;
        if ((rc = skey(v->docs[d].text + s, e - s, &v->tmp, &v->key)))
          break;
        if (v->key.len < 4)
          continue;
        uint32_t id;
        if ((rc = pd_strmap_intern(&keys, v->key.p, v->key.len, &id)))
          break;
        if ((rc = add_occ(v, d, i, n, (size_t)-1, 0, 0, 0)))
          break;
        gent *g = pd_vec_push(&ents);
        if (!g) {
          rc = PADAN_ENOMEM;
          break;
        }
        g->skey = id;
        g->occ = v->occ.n - 1;
        g->npieces = n;
      }
    }
  }
  if (rc)
    goto out;
  gent *g = ents.p;
  /* a key may come from n-grams of different lengths (kerjasama / kerja sama):
     group by key alone, ordered by the smallest n-gram of the key */
  size_t ne = ents.n;
  size_t *minn = calloc(keys.n + 1, sizeof *minn);
  if (!minn) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < ne; i++)
    if (!minn[g[i].skey] || g[i].npieces < minn[g[i].skey])
      minn[g[i].skey] = g[i].npieces;
  for (size_t i = 0; i < ne; i++)
    g[i].npieces = minn[g[i].skey];
  free(minn);
  qsort(g, ne, sizeof *g, cmp_gent);
  vocc *o = v->occ.p;
  lab *ls = NULL;
  size_t lcap = 0;
  for (size_t i = 0; i < ne && rc == PADAN_OK;) {
    size_t j = i;
    while (j < ne && g[j].skey == g[i].skey)
      j++;
    /* separators differ between two forms? */
    char s0[64], s1[64];
    int differ = 0;
    seps(pd_strmap_str(&v->forms, o[g[i].occ].form, NULL), s0, sizeof s0);
    for (size_t k = i + 1; k < j && !differ; k++) {
      seps(pd_strmap_str(&v->forms, o[g[k].occ].form, NULL), s1, sizeof s1);
      if (strcmp(s0, s1))
        differ = 1;
    }
    /* skip when every occurrence overlaps an already reported group */
    int fresh = 0;
    for (size_t k = i; k < j && differ && !fresh; k++) {
      const vocc *x = &o[g[k].occ];
      int hit = 0;
      for (size_t q = 0; q < x->pn; q++)
        if (v->vd[x->doc].claimed[x->pfirst + q])
          hit = 1;
      if (!hit)
        fresh = 1;
    }
    if (differ && fresh) {
      if (j - i > lcap) {
        lcap = j - i;
        lab *nl = realloc(ls, lcap * sizeof *nl);
        if (!nl) {
          rc = PADAN_ENOMEM;
          break;
        }
        ls = nl;
      }
      for (size_t k = i; k < j; k++) {
        char sa[64];
        seps(pd_strmap_str(&v->forms, o[g[k].occ].form, NULL), sa, sizeof sa);
        ls[k - i].occ = g[k].occ;
        ls[k - i].label = (uint32_t)(pd_hash(sa, strlen(sa)) | 1u);
        const vocc *x = &o[g[k].occ];
        for (size_t q = 0; q < x->pn; q++)
          v->vd[x->doc].claimed[x->pfirst + q] = 1;
      }
      rc = emit(v, PADAN_CHECK_SPELLING, (size_t)-1, ls, j - i, "");
    }
    i = j;
  }
  free(ls);
out:
  (void)c;
  (void)base_occ;
  pd_vec_free(&ents);
  pd_strmap_free(&keys);
  return rc;
}

typedef struct {
  uint32_t word;
  size_t doc, piece;
} wocc;

/* The same capitalized words in another order outside the lexicon: maximal
 * runs of 2-6 capitalized words grouped by their sorted words. */
static int generic_order(vctx *v) {
  pd_strmap okeys, lkeys;
  pd_strmap_init(&okeys);
  pd_strmap_init(&lkeys);
  pd_vec ents;
  pd_vec_init(&ents, sizeof(gent));
  int rc = PADAN_OK;
  for (size_t d = 0; d < v->ndocs && rc == PADAN_OK; d++) {
    vdoc *vd = &v->vd[d];
    pd_chk_piece *p = vd->pieces.p;
    size_t np = vd->pieces.n;
    for (size_t i = 0; i < np && rc == PADAN_OK;) {
      if (p[i].sent_start) {
        i++;
        continue;
      }
      size_t j = i;
      while (j < np && p[j].seg == p[i].seg && !vd->covered[j] && p[j].kind == PADAN_TOK_WORD &&
             (p[j].flags & PADAN_TF_CAP) && !(p[j].flags & PADAN_TF_ALLCAPS))
        j++;
      if (j - i >= 2 && j - i <= 6) {
        size_t s0 = p[i].start, e0 = p[j - 1].start + p[j - 1].len;
        uint32_t oid, lid;
        pd_buf_clear(&v->key);
        if ((rc = pd_chk_id_key(v->docs[d].text + s0, e0 - s0, &v->tmp, &v->key)) ||
            (rc = pd_strmap_intern(&lkeys, v->key.p ? v->key.p : "", v->key.len, &lid)) ||
            (rc = okey(v->key.p ? v->key.p : "", v->key.len, &v->b2)) ||
            (rc = pd_strmap_intern(&okeys, v->b2.p, v->b2.len, &oid)) ||
            (rc = add_occ(v, d, i, j - i, (size_t)-1, 0, 0, 0)))
          break;
        gent *g = pd_vec_push(&ents);
        if (!g) {
          rc = PADAN_ENOMEM;
          break;
        }
        g->skey = oid;
        g->occ = v->occ.n - 1;
        g->npieces = lid; /* the lemma key of the run, to tell orders apart */
      }
      i = j > i ? j : i + 1;
    }
  }
  if (rc)
    goto out;
  gent *g = ents.p;
  size_t ne = ents.n;
  for (size_t i = 0; i < ne && rc == PADAN_OK; i++) {
    if (g[i].skey == 0)
      continue;
    uint32_t k = g[i].skey;
    size_t n = 0;
    int differ = 0;
    for (size_t j = i; j < ne; j++)
      if (g[j].skey == k) {
        n++;
        if (g[j].npieces != g[i].npieces)
          differ = 1;
      }
    if (differ) {
      lab *ls = malloc(n * sizeof *ls);
      if (!ls) {
        rc = PADAN_ENOMEM;
        break;
      }
      size_t m = 0;
      for (size_t j = i; j < ne; j++)
        if (g[j].skey == k) {
          ls[m].occ = g[j].occ;
          ls[m].label = (uint32_t)g[j].npieces;
          m++;
        }
      rc = emit(v, PADAN_CHECK_ORDER, (size_t)-1, ls, m, "");
      free(ls);
    }
    for (size_t j = i; j < ne; j++)
      if (g[j].skey == k)
        g[j].skey = 0;
  }
out:
  pd_vec_free(&ents);
  pd_strmap_free(&okeys);
  pd_strmap_free(&lkeys);
  return rc;
}

/* Near misses between capitalized words of the batch: a rarer word within a
 * small edit distance of a frequent one (not a clitic or suffix form of it). */
static int generic_nearmiss(vctx *v) {
  pd_strmap words;
  pd_strmap_init(&words);
  pd_vec cnt, firsto;
  pd_vec_init(&cnt, sizeof(size_t));
  pd_vec_init(&firsto, sizeof(size_t));
  pd_vec occs; /* per word id: list built lazily below */
  pd_vec_init(&occs, sizeof(wocc));
  int rc = PADAN_OK;
  for (size_t d = 0; d < v->ndocs && rc == PADAN_OK; d++) {
    vdoc *vd = &v->vd[d];
    pd_chk_piece *p = vd->pieces.p;
    for (size_t i = 0; i < vd->pieces.n && rc == PADAN_OK; i++) {
      if (vd->covered[i] || p[i].kind != PADAN_TOK_WORD || p[i].len < 6 ||
          !(p[i].flags & PADAN_TF_CAP) || (p[i].flags & PADAN_TF_ALLCAPS) || p[i].sent_start)
        continue;
      pd_buf_clear(&v->tmp);
      if ((rc = pd_utf8_fold(v->docs[d].text + p[i].start, p[i].len, &v->tmp)))
        break;
      uint32_t id;
      if ((rc = pd_strmap_intern(&words, v->tmp.p, v->tmp.len, &id)))
        break;
      while (cnt.n <= id) {
        if (!pd_vec_push(&cnt) || !pd_vec_push(&firsto)) {
          rc = PADAN_ENOMEM;
          break;
        }
      }
      if (rc)
        break;
      PD_VEC_AT(&cnt, size_t, id)++;
      wocc *e = pd_vec_push(&occs);
      if (!e) {
        rc = PADAN_ENOMEM;
        break;
      }
      e->word = id;
      e->doc = d;
      e->piece = i;
    }
  }
  size_t nw = words.n;
  static const char *const sufs[] = {"nya", "an", "kan", "i", "lah", "pun", "ku", "mu", NULL};
  lab *ls = NULL;
  for (uint32_t a = 1; a <= nw && rc == PADAN_OK; a++) {
    size_t ca = PD_VEC_AT(&cnt, size_t, a);
    size_t al;
    const char *as = pd_strmap_str(&words, a, &al);
    for (uint32_t b = 1; b <= nw; b++) {
      size_t cb = PD_VEC_AT(&cnt, size_t, b);
      if (a == b || ca > 2 || cb < 3 || cb < 3 * ca || (al > 3 && memcmp(as + al - 3, "nya", 3) == 0))
        continue;
      size_t bl;
      const char *bs = pd_strmap_str(&words, b, &bl);
      if (as[0] != bs[0])
        continue;
      int cap = (al >= 9 && bl >= 9) ? 2 : 1;
      if (pd_chk_lev(as, al, bs, bl, cap) > cap || !plausible_typo(as, al, bs, bl) ||
          pd_strmap_find(&v->lower, as, al))
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
      /* emit: occurrences of a (rare) and b (frequent) */
      size_t n = 0;
      lab *nl = realloc(ls, (ca + cb) * sizeof *nl);
      if (!nl) {
        rc = PADAN_ENOMEM;
        break;
      }
      ls = nl;
      for (size_t k = 0; k < occs.n && rc == PADAN_OK; k++) {
        const wocc *e = &PD_VEC_AT(&occs, wocc, k);
        if (e->word != a && e->word != b)
          continue;
        if ((rc = add_occ(v, e->doc, e->piece, 1, (size_t)-1, 0, 1, 0)))
          break;
        ls[n].occ = v->occ.n - 1;
        ls[n].label = e->word;
        n++;
      }
      if (rc == PADAN_OK)
        rc = emit(v, PADAN_CHECK_NEARMISS, (size_t)-1, ls, n, "");
      break;
    }
  }
  free(ls);
  pd_strmap_free(&words);
  pd_vec_free(&cnt);
  pd_vec_free(&firsto);
  pd_vec_free(&occs);
  return rc;
}

int padan_check_variants(padan_checker *c) {
  if (!c)
    return PADAN_EARG;
  pd_chk_reset(c);
  pd_buf_clear(&c->err);
  vctx v;
  memset(&v, 0, sizeof v);
  v.c = c;
  v.docs = c->docs.p;
  v.ndocs = c->docs.n;
  pd_vec_init(&v.occ, sizeof(vocc));
  pd_strmap_init(&v.forms);
  pd_buf_init(&v.tmp);
  pd_buf_init(&v.key);
  pd_buf_init(&v.b2);
  pd_strmap_init(&v.okeys);
  pd_strmap_init(&v.lower);
  pd_vec_init(&v.oterm, sizeof(size_t));
  padan_tokens toks;
  padan_tokens_init(&toks);
  size_t *idx = NULL;
  int rc = PADAN_OK;
  v.vd = calloc(v.ndocs ? v.ndocs : 1, sizeof *v.vd);
  if (!v.vd) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t d = 0; d < v.ndocs; d++)
    pd_vec_init(&v.vd[d].pieces, sizeof(pd_chk_piece));
  if ((rc = build_okeys(&v)))
    goto out;
  /* pieces, line starts, lexicon matches */
  for (size_t d = 0; d < v.ndocs && rc == PADAN_OK; d++) {
    vdoc *vd = &v.vd[d];
    const char *text = v.docs[d].text;
    size_t len = v.docs[d].len;
    size_t nl = 1;
    for (size_t i = 0; i < len; i++)
      nl += text[i] == '\n';
    vd->ls = malloc(nl * sizeof *vd->ls);
    if (!vd->ls) {
      rc = PADAN_ENOMEM;
      break;
    }
    vd->ls[0] = 0;
    vd->nls = 1;
    for (size_t i = 0; i < len; i++)
      if (text[i] == '\n')
        vd->ls[vd->nls++] = i + 1;
    padan_tokens_clear(&toks);
    if ((rc = padan_tokenize(c->tk, text, len, 0, 0, &toks)) ||
        (rc = pd_chk_pieces(&toks, text, &vd->pieces)))
      break;
    size_t np = vd->pieces.n;
    for (size_t i = 0; i < np && rc == PADAN_OK; i++) {
      const pd_chk_piece *q = &PD_VEC_AT(&vd->pieces, pd_chk_piece, i);
      unsigned char ch = (unsigned char)text[q->start];
      if (!(ch >= 'a' && ch <= 'z'))
        continue;
      uint32_t lid;
      pd_buf_clear(&v.tmp);
      if ((rc = pd_utf8_fold(text + q->start, q->len, &v.tmp)) ||
          (rc = pd_strmap_intern(&v.lower, v.tmp.p ? v.tmp.p : "", v.tmp.len, &lid)))
        break;
    }
    if (rc)
      break;
    vd->covered = calloc(np ? np : 1, 1);
    vd->claimed = calloc(np ? np : 1, 1);
    if (!vd->covered || !vd->claimed) {
      rc = PADAN_ENOMEM;
      break;
    }
    pd_chk_piece *p = vd->pieces.p;
    for (size_t i = 0; i < np && rc == PADAN_OK;) {
      size_t term, pterm;
      size_t n = pd_chk_match(c, text, p, np, i, &v.tmp, &v.key, &term);
      size_t pn = perm_match(&v, text, p, np, i, n, &pterm);
      if (pn > n)
        n = pn, term = pterm;
      if (!n) {
        i++;
        continue;
      }
      padan_lexicon_term lt;
      if (padan_lexicon_term_get(c->lex, term, &lt) == PADAN_OK &&
          !defined_in_parens(&v, d, text, p[i].start,
                             p[i + n - 1].start + p[i + n - 1].len, lt.concept))
        rc = add_occ(&v, d, i, n, lt.concept, term, 0, lt.status == PADAN_TERM_DEPRECATED);
      for (size_t k = 0; k < n; k++)
        vd->covered[i + k] = 1;
      i += n;
    }
  }
  if (rc == PADAN_OK)
    rc = near_misses(&v);
  if (rc)
    goto out;
  /* per concept */
  size_t nocc = v.occ.n;
  idx = malloc((nocc ? nocc : 1) * sizeof *idx);
  if (!idx) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  cpair *cp = malloc((nocc ? nocc : 1) * sizeof *cp);
  if (!cp) {
    rc = PADAN_ENOMEM;
    goto out;
  }
  for (size_t i = 0; i < nocc; i++)
    cp[i].concept = PD_VEC_AT(&v.occ, vocc, i).concept, cp[i].occ = i;
  qsort(cp, nocc, sizeof *cp, cmp_cpair);
  for (size_t i = 0; i < nocc; i++)
    idx[i] = cp[i].occ;
  free(cp);
  for (size_t i = 0; i < nocc && rc == PADAN_OK;) {
    size_t j = i;
    vocc *o = v.occ.p;
    while (j < nocc && o[idx[j]].concept == o[idx[i]].concept)
      j++;
    rc = concept_findings(&v, o[idx[i]].concept, idx + i, j - i);
    i = j;
  }
  if (rc == PADAN_OK)
    rc = generic_spelling(&v);
  if (rc == PADAN_OK)
    rc = generic_nearmiss(&v);
  if (rc == PADAN_OK)
    rc = generic_order(&v);
out:
  if (rc) {
    pd_chk_fail(c, rc, "%s", padan_strerror(rc));
    c->findings.n = 0;
  }
  free(idx);
  for (size_t d = 0; v.vd && d < v.ndocs; d++) {
    pd_vec_free(&v.vd[d].pieces);
    free(v.vd[d].ls);
    free(v.vd[d].covered);
    free(v.vd[d].claimed);
  }
  free(v.vd);
  padan_tokens_free(&toks);
  pd_vec_free(&v.occ);
  /* the form strings are referenced by findings: keep them in the arena */
  if (rc == PADAN_OK) {
    for (size_t i = 0; i < c->findings.n; i++) {
      padan_check_finding *f = &PD_VEC_AT(&c->findings, padan_check_finding, i);
      padan_check_form *fm = (padan_check_form *)f->forms;
      for (size_t k = 0; k < f->nforms; k++) {
        fm[k].form = pd_chk_strdup(c, fm[k].form, strlen(fm[k].form));
        fm[k].file = pd_chk_strdup(c, fm[k].file, strlen(fm[k].file));
        if (!fm[k].form || !fm[k].file)
          rc = PADAN_ENOMEM;
      }
      f->id_term = f->nforms ? f->forms[0].form : "";
      f->file = pd_chk_strdup(c, f->file, strlen(f->file));
      if (!f->file)
        rc = PADAN_ENOMEM;
    }
  }
  pd_strmap_free(&v.forms);
  pd_buf_free(&v.tmp);
  pd_buf_free(&v.key);
  pd_buf_free(&v.b2);
  pd_strmap_free(&v.okeys);
  pd_strmap_free(&v.lower);
  pd_vec_free(&v.oterm);
  for (size_t i = 0; i < c->docs.n; i++) {
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).name);
    free(PD_VEC_AT(&c->docs, pd_chk_doc, i).text);
  }
  c->docs.n = 0;
  return rc;
}
