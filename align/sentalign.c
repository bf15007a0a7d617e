/* Sentence alignment: Gale–Church length model + lexical anchors, banded DP,
 * optional second pass with word pairs learned from the first pass's links. */
#include "config.h"
#include <padan/align.h>
#include "align/internal.h"
#include "common/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tuning: chosen on sentence-alignment tests made from the PANL economy and
 * sports texts (align_set.py), then checked on the international news. */
#define PRIOR_11 0.89
#define PRIOR_10 0.02   /* each of 1-0 and 0-1 */
#define PRIOR_21 0.02   /* each of 2-1 and 1-2 */
#define PRIOR_22 0.002  /* rare in practice; the length model alone overuses it */
#define DEL_COST 0.0    /* extra cost of leaving a sentence unaligned */
#define LEX_MATCH 2.0   /* nats per unit of matched anchor weight */
#define LEX_MISS 0.3    /* nats per unit of unmatched anchor weight in a bead */
#define LEN_MIX 0.1     /* weight of the broad component of the length model */
#define LEN_WIDE 3.0    /* its width, in standard deviations of the normal one */
#define MAX_KEYS 4000  /* anchors read per sentence (huge lines) */
#define CELL_LIMIT ((size_t)1 << 27) /* widening stops at this many DP cells */

struct padan_aligner {
  pd_strmap voc;
  pd_vec lexpairs; /* uint32 pairs (id word, en word) from the caller */
  uint32_t *loc;   /* vocabulary id -> id local to one call (0 = absent) */
  size_t loccap;
  pd_vec seen;     /* uint32 vocabulary ids of the current call */
  int options;
  size_t band;
  padan_align_stats st;
  char err[256];
};

int padan_aligner_new(padan_aligner **out) {
  padan_aligner *a = calloc(1, sizeof *a);
  if (!a)
    return PADAN_ENOMEM;
  pd_strmap_init(&a->voc);
  pd_vec_init(&a->lexpairs, 2 * sizeof(uint32_t));
  pd_vec_init(&a->seen, sizeof(uint32_t));
  a->band = 24;
  *out = a;
  return PADAN_OK;
}

void padan_aligner_free(padan_aligner *a) {
  if (!a)
    return;
  pd_strmap_free(&a->voc);
  pd_vec_free(&a->lexpairs);
  pd_vec_free(&a->seen);
  free(a->loc);
  free(a);
}

void padan_aligner_set_options(padan_aligner *a, int options) { a->options = options; }
void padan_aligner_set_band(padan_aligner *a, size_t w) { a->band = w ? w : 1; }
void padan_aligner_stats(const padan_aligner *a, padan_align_stats *st) { *st = a->st; }
const char *padan_aligner_errmsg(const padan_aligner *a) { return a->err; }

/* ------------------------------------------------------------ words */

static int is_word_byte(unsigned char c) {
  return c >= 0x80 || pd_is_ascii_alpha(c) || pd_is_ascii_digit(c);
}

int pd_align_words(const char *s, size_t len, pd_align_word_fn fn, void *ctx) {
  pd_buf b;
  pd_buf_init(&b);
  size_t i = 0;
  int rc = PADAN_OK;
  while (i < len && rc == PADAN_OK) {
    unsigned char c = (unsigned char)s[i];
    if (!is_word_byte(c)) {
      /* punctuation that tends to survive translation is an anchor too */
      if (c == '?' || c == '!' || c == '"' || c == '(' || c == ':' || c == ';' || c == '%')
        rc = fn(ctx, s + i, 1, PD_AW_PUNCT);
      i++;
      continue;
    }
    size_t j = i;
    int digits = 1, alpha = 0;
    pd_buf_clear(&b);
    while (j < len) {
      unsigned char d = (unsigned char)s[j];
      if (b.len + 2 > b.cap && pd_buf_reserve(&b, 256)) {
        rc = PADAN_ENOMEM;
        break;
      }
      if (is_word_byte(d)) {
        if (pd_is_ascii_digit(d)) {
          b.p[b.len++] = (char)d;
        } else {
          digits = 0, alpha = 1;
          b.p[b.len++] = (char)pd_ascii_lower(d);
        }
        j++;
      } else if ((d == '-' || d == '\'' || d == '.' || d == ',') && j + 1 < len &&
                 is_word_byte((unsigned char)s[j + 1]) && j > i) {
        /* inside a word or number: keep hyphens and apostrophes in words,
         * drop the separators of numbers (1.000 = 1,000; 3,5 ~ 3.5) */
        int num_sep = (d == '.' || d == ',') && pd_is_ascii_digit((unsigned char)s[j - 1]) &&
                      pd_is_ascii_digit((unsigned char)s[j + 1]);
        if (num_sep) {
          j++;
        } else if (d == '-' || d == '\'' || (d == '.' && pd_is_ascii_alpha((unsigned char)s[j - 1]) &&
                                             j + 2 < len && s[j + 2] == '.')) {
          /* U.S. and a.n. keep their inner periods */
          b.p[b.len++] = (char)d;
          digits = 0;
          j++;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    (void)alpha;
    if (rc)
      break;
    if (b.len) {
      b.p[b.len] = 0;
      rc = fn(ctx, b.p, b.len, digits ? PD_AW_NUMBER : PD_AW_WORD);
    }
    i = j;
  }
  pd_buf_free(&b);
  return rc;
}

/* ------------------------------------------------------------ documents */

typedef struct {
  size_t n;
  uint32_t *chars; /* length in code points */
  size_t *toff;    /* tokens of sentence s: tok[toff[s] .. toff[s+1]) */
  uint32_t *tok;
  size_t ntok, tokcap;
  size_t *koff; /* sorted anchor keys of sentence s: key[koff[s] .. koff[s+1]) */
  uint32_t *key;
  float *kw; /* total anchor weight of the sentence */
  size_t *koff2; /* merged keys of sentences s and s+1: key2[koff2[s] .. koff2[s+1]) */
  uint32_t *key2;
} side;

typedef struct {
  pd_strmap *voc;
  side *sd;
  size_t limit; /* stop the sentence at this many tokens */
} tokctx;

#define TOK_ENOUGH 1 /* push_tok: the sentence has MAX_KEYS tokens */

static int push_tok(void *vctx, const char *w, size_t len, int kind) {
  tokctx *c = vctx;
  (void)kind;
  if (c->sd->ntok >= c->limit)
    return TOK_ENOUGH; /* the rest of a huge line is not read */
  uint32_t id;
  if (pd_strmap_intern(c->voc, w, len, &id))
    return PADAN_ENOMEM;
  side *sd = c->sd;
  if (sd->ntok == sd->tokcap) {
    size_t nc = sd->tokcap ? sd->tokcap * 2 : 1024;
    uint32_t *p = realloc(sd->tok, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    sd->tok = p, sd->tokcap = nc;
  }
  sd->tok[sd->ntok++] = id;
  return PADAN_OK;
}

static void side_free(side *sd) {
  free(sd->chars);
  free(sd->toff);
  free(sd->tok);
  free(sd->koff);
  free(sd->key);
  free(sd->kw);
  free(sd->koff2);
  free(sd->key2);
  memset(sd, 0, sizeof *sd);
}

static uint32_t count_chars(const char *s, size_t len) {
  uint32_t n = 0;
  int sp = 1;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c & 0xC0) == 0x80)
      continue;
    int isspace_ = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (isspace_ && sp)
      continue; /* runs of spaces count once */
    sp = isspace_;
    n++;
  }
  if (n && sp)
    n--;
  return n;
}

static int side_build(side *sd, pd_strmap *voc, const padan_align_sent *ss, size_t n) {
  memset(sd, 0, sizeof *sd);
  sd->n = n;
  sd->chars = calloc(n + 1, sizeof *sd->chars);
  sd->toff = calloc(n + 1, sizeof *sd->toff);
  if (!sd->chars || !sd->toff)
    return PADAN_ENOMEM;
  tokctx c = {voc, sd, 0};
  for (size_t i = 0; i < n; i++) {
    sd->toff[i] = sd->ntok;
    sd->chars[i] = count_chars(ss[i].s, ss[i].len);
    c.limit = sd->ntok + MAX_KEYS;
    int rc = pd_align_words(ss[i].s, ss[i].len, push_tok, &c);
    if (rc && rc != TOK_ENOUGH)
      return rc;
  }
  sd->toff[n] = sd->ntok;
  return PADAN_OK;
}

/* ------------------------------------------------------------ anchors */

typedef struct {
  size_t nvoc;
  uint32_t *df_en; /* sentences of the English side holding the word */
  float *w;        /* weight of an English word as an anchor */
  size_t *troff;   /* translations of word u: tr[troff[u] .. troff[u+1]) */
  uint32_t *tr;
} anchors;

static void anchors_free(anchors *an) {
  free(an->df_en);
  free(an->w);
  free(an->troff);
  free(an->tr);
  memset(an, 0, sizeof *an);
}

static int cmp_u32(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return a < b ? -1 : a > b;
}
static int cmp_pair(const void *x, const void *y) {
  const uint32_t *a = x, *b = y;
  if (a[0] != b[0])
    return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* df and weights of English words; translation table from pairs (sorted in place). */
static int anchors_build(anchors *an, size_t nvoc, const side *en, uint32_t *pairs, size_t npairs) {
  memset(an, 0, sizeof *an);
  an->nvoc = nvoc;
  an->df_en = calloc(nvoc + 1, sizeof *an->df_en);
  an->w = calloc(nvoc + 1, sizeof *an->w);
  an->troff = calloc(nvoc + 2, sizeof *an->troff);
  an->tr = malloc((npairs + 1) * sizeof *an->tr);
  uint32_t *last = calloc(nvoc + 1, sizeof *last);
  if (!an->df_en || !an->w || !an->troff || !an->tr || !last) {
    free(last);
    return PADAN_ENOMEM;
  }
  for (size_t s = 0; s < en->n; s++)
    for (size_t t = en->toff[s]; t < en->toff[s + 1]; t++) {
      uint32_t v = en->tok[t];
      if (last[v] != s + 1)
        last[v] = (uint32_t)(s + 1), an->df_en[v]++;
    }
  free(last);
  double lm = log((double)en->n + 1.0);
  for (size_t v = 1; v <= nvoc; v++)
    if (an->df_en[v]) {
      double x = log(((double)en->n + 1.0) / an->df_en[v]) / (lm > 0 ? lm : 1);
      an->w[v] = (float)(x < 0.02 ? 0.02 : x);
    }
  if (npairs)
    qsort(pairs, npairs, 2 * sizeof(uint32_t), cmp_pair);
  size_t k = 0;
  for (size_t i = 0; i < npairs; i++) {
    if (i && pairs[2 * i] == pairs[2 * i - 2] && pairs[2 * i + 1] == pairs[2 * i - 1])
      continue;
    uint32_t u = pairs[2 * i];
    if (u > nvoc)
      continue;
    an->tr[k++] = pairs[2 * i + 1];
    an->troff[u + 1]++;
  }
  for (size_t u = 1; u <= nvoc + 1; u++)
    an->troff[u] += an->troff[u - 1];
  return PADAN_OK;
}

/* Sorted anchor keys (English word ids) for each sentence of both sides. */
static int keys_build(const anchors *an, side *id, side *en) {
  uint8_t *universe = calloc(an->nvoc + 1, 1);
  if (!universe)
    return PADAN_ENOMEM;
  side *sides[2] = {id, en};
  int rc = PADAN_OK;
  for (int k = 0; k < 2 && rc == PADAN_OK; k++) {
    side *sd = sides[k];
    free(sd->koff), free(sd->key), free(sd->kw);
    sd->koff = calloc(sd->n + 1, sizeof *sd->koff);
    sd->kw = calloc(sd->n + 1, sizeof *sd->kw);
    size_t cap = sd->ntok * (k == 0 ? 3 : 1) + 16, nk = 0;
    sd->key = malloc(cap * sizeof *sd->key);
    if (!sd->koff || !sd->kw || !sd->key) {
      rc = PADAN_ENOMEM;
      break;
    }
    for (size_t s = 0; s < sd->n; s++) {
      sd->koff[s] = nk;
      double kw = 0;
      for (size_t t = sd->toff[s]; t < sd->toff[s + 1]; t++) {
        uint32_t u = sd->tok[t];
        if (k == 1) {
          if (universe[u]) {
            sd->key[nk++] = u;
            kw += an->w[u];
          }
          continue;
        }
        size_t before = nk;
        float best = 0;
        if (an->df_en[u]) {
          sd->key[nk++] = u;
          best = an->w[u];
        }
        for (size_t x = an->troff[u]; x < an->troff[u + 1]; x++) {
          uint32_t v = an->tr[x];
          if (v == u || !an->df_en[v])
            continue;
          if (nk == cap) {
            cap *= 2;
            uint32_t *p = realloc(sd->key, cap * sizeof *p);
            if (!p) {
              free(universe);
              return PADAN_ENOMEM;
            }
            sd->key = p;
          }
          sd->key[nk++] = v;
          if (an->w[v] > best)
            best = an->w[v];
        }
        for (size_t x = before; x < nk; x++)
          universe[sd->key[x]] = 1;
        kw += best;
      }
      qsort(sd->key + sd->koff[s], nk - sd->koff[s], sizeof(uint32_t), cmp_u32);
      sd->kw[s] = (float)kw;
    }
    sd->koff[sd->n] = nk;
    /* merged keys of each two neighbours, for the 2-x beads */
    free(sd->koff2), free(sd->key2);
    sd->koff2 = calloc(sd->n + 1, sizeof *sd->koff2);
    sd->key2 = malloc((2 * nk + 1) * sizeof *sd->key2);
    if (!sd->koff2 || !sd->key2) {
      rc = PADAN_ENOMEM;
      break;
    }
    size_t n2 = 0;
    for (size_t s = 0; s < sd->n; s++) {
      sd->koff2[s] = n2;
      if (s + 1 >= sd->n)
        continue;
      const uint32_t *x = sd->key + sd->koff[s], *xe = sd->key + sd->koff[s + 1];
      const uint32_t *y = xe, *ye = sd->key + sd->koff[s + 2];
      while (x < xe && y < ye)
        sd->key2[n2++] = *x <= *y ? *x++ : *y++;
      while (x < xe)
        sd->key2[n2++] = *x++;
      while (y < ye)
        sd->key2[n2++] = *y++;
    }
    sd->koff2[sd->n] = n2;
  }
  free(universe);
  return rc;
}

/* Weight of the multiset intersection of two sorted key runs. */
static double match_weight(const anchors *an, const uint32_t *x, const uint32_t *xe,
                           const uint32_t *y, const uint32_t *ye) {
  double m = 0;
  while (x < xe && y < ye) {
    if (*x < *y) {
      x++;
    } else if (*y < *x) {
      y++;
    } else {
      uint32_t k = *x;
      size_t cx = 0, cy = 0;
      while (x < xe && *x == k)
        x++, cx++;
      while (y < ye && *y == k)
        y++, cy++;
      m += (double)(cx < cy ? cx : cy) * an->w[k];
    }
  }
  return m;
}

/* Matched anchor weight between id sentence a and en sentence b. */
static float pair_match(const anchors *an, const side *id, const side *en, size_t a, size_t b) {
  return (float)match_weight(an, id->key + id->koff[a], id->key + id->koff[a + 1],
                             en->key + en->koff[b], en->key + en->koff[b + 1]);
}

/* ------------------------------------------------------------ DP */

typedef struct {
  const side *id, *en;
  const anchors *an;
  int lexical;
  double c, s2; /* English chars per Indonesian char; variance per char */
  /* band */
  size_t n, m;
  size_t *wr;     /* band half-width of each row */
  uint8_t *edge;  /* rows where the last path touched the band edge */
  long *cen;
  size_t *lo, *hi, *off;
  double *cost;
  uint8_t *back;
  float *pm; /* pair match cache per cell (a+1, b+1); < 0 = not computed */
  size_t ncells;
  int diagonal; /* the centre line was reset to the diagonal (no path reached the corner) */
  int open_end; /* a window of a stream: the path may end anywhere on the last row or column */
} dp;

static const int MOVES[6][2] = {{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}};

static double neglog_tail1(double x) { /* -log(2 (1 - Phi(|x|))) */
  x = fabs(x) / sqrt(2.0);
  double e = erfc(x);
  if (e > 1e-300)
    return -log(e);
  return x * x + log(x * sqrt(M_PI));
}

/* A normal length model with a broad second component: free translations
 * of a sentence are much longer or shorter than the normal model allows. */
static double neglog_tail_exact(double x) {
  double a = neglog_tail1(x), b = neglog_tail1(x / LEN_WIDE);
  double la = log(1 - LEN_MIX) - a, lb = log(LEN_MIX) - b;
  double mx = la > lb ? la : lb;
  return -(mx + log(exp(la - mx) + exp(lb - mx)));
}

/* The length cost from a table (linear interpolation): it is the hot spot. */
#define TAIL_STEP 32.0
#define TAIL_N 2048
static double tail_table[TAIL_N + 2];
static int tail_ready;

static void tail_init(void) {
  if (tail_ready)
    return;
  for (int k = 0; k <= TAIL_N + 1; k++)
    tail_table[k] = neglog_tail_exact(k / TAIL_STEP);
  tail_ready = 1; /* the same values every time: a racing second fill is harmless */
}

static double neglog_tail(double x) {
  x = fabs(x) * TAIL_STEP;
  if (x >= TAIL_N)
    return neglog_tail_exact(x / TAIL_STEP);
  int k = (int)x;
  double f = x - k;
  return tail_table[k] + f * (tail_table[k + 1] - tail_table[k]);
}

static int in_band(const dp *d, size_t i, size_t j) {
  return i <= d->n && j >= d->lo[i] && j <= d->hi[i];
}
#define CELL(d, i, j) ((d)->off[i] + ((j) - (d)->lo[i]))

static float dp_pair(dp *d, size_t a, size_t b) {
  if (in_band(d, a + 1, b + 1)) {
    float *p = &d->pm[CELL(d, a + 1, b + 1)];
    if (*p < 0)
      *p = pair_match(d->an, d->id, d->en, a, b);
    return *p;
  }
  return pair_match(d->an, d->id, d->en, a, b);
}

/* Sorted union (with repeats) of the keys of sentences [first, first + n), n = 1 or 2. */
static const uint32_t *merged_keys(const side *sd, size_t first, size_t n, size_t *len) {
  if (n == 1) {
    *len = sd->koff[first + 1] - sd->koff[first];
    return sd->key + sd->koff[first];
  }
  *len = sd->koff2[first + 1] - sd->koff2[first];
  return sd->key2 + sd->koff2[first];
}

/* Matched anchor weight of a multi-sentence bead (multiset intersection). */
static double bead_match(dp *d, size_t i0, int ni, size_t j0, int nj) {
  size_t la, lb;
  const uint32_t *x = merged_keys(d->id, i0, (size_t)ni, &la);
  const uint32_t *y = merged_keys(d->en, j0, (size_t)nj, &lb);
  return match_weight(d->an, x, x + la, y, y + lb);
}

/* Cost of the bead of ni id and nj en sentences ending before (i, j). */
/* The cost of the bead of ni Indonesian and nj English sentences ending at
 * (i, j), or HUGE_VAL when it is sure to exceed limit: a merged bead's
 * matched weight is at most the sum of its sentence pairs' (the multiset
 * intersection is subadditive), whose matches are cached per cell, so most
 * merges are ruled out without merging their keys (the aligner's hot spot).
 * The margin keeps every bead that could tie or win: the result is exact. */
static double bead_cost(dp *d, size_t i, size_t j, int ni, int nj, double limit) {
  if (ni == 0 || nj == 0)
    return -log(PRIOR_10) + DEL_COST;
  double la = 0, lb = 0;
  for (int x = 1; x <= ni; x++)
    la += d->id->chars[i - x];
  for (int y = 1; y <= nj; y++)
    lb += d->en->chars[j - y];
  double prior = ni == 1 && nj == 1 ? PRIOR_11 : ni == 2 && nj == 2 ? PRIOR_22 : PRIOR_21;
  double cost = -log(prior);
  double mean = (la + lb / d->c) / 2.0;
  double delta = (lb - la * d->c) / sqrt(d->s2 * (mean > 1 ? mean : 1));
  cost += neglog_tail(delta);
  if (d->lexical) {
    double M = 0, KI = 0, KE = 0;
    for (int x = 1; x <= ni; x++)
      KI += d->id->kw[i - x];
    for (int y = 1; y <= nj; y++)
      KE += d->en->kw[j - y];
    double cap = KI < KE ? KI : KE;
    if (ni == 1 && nj == 1) {
      M = dp_pair(d, i - 1, j - 1);
    } else {
      double ub = 0;
      for (int x = 1; x <= ni; x++)
        for (int y = 1; y <= nj; y++)
          ub += dp_pair(d, i - x, j - y);
      if (ub > cap)
        ub = cap;
      if (cost - (LEX_MATCH * ub - LEX_MISS * (KI + KE - 2.0 * ub)) > limit + 1e-9 * (1 + fabs(limit)))
        return HUGE_VAL;
      M = bead_match(d, i - ni, ni, j - nj, nj);
    }
    if (M > cap)
      M = cap;
    /* matched anchor weight is evidence for the bead, unmatched against it;
     * both add up over sentences, so a merge gains only from real cross matches */
    cost -= LEX_MATCH * M - LEX_MISS * (KI + KE - 2.0 * M);
  }
  return cost;
}

static void dp_free(dp *d) {
  free(d->lo), free(d->hi), free(d->off);
  free(d->cost), free(d->back), free(d->pm);
  d->lo = d->hi = d->off = NULL;
  d->cost = NULL, d->back = NULL, d->pm = NULL;
}

/* Sets up the band of half-width W around d->cen. */
static int dp_band(dp *d) {
  dp_free(d);
  size_t n = d->n, m = d->m;
  d->lo = malloc((n + 1) * sizeof *d->lo);
  d->hi = malloc((n + 1) * sizeof *d->hi);
  d->off = malloc((n + 2) * sizeof *d->off);
  if (!d->lo || !d->hi || !d->off)
    return PADAN_ENOMEM;
  size_t tot = 0;
  for (size_t i = 0; i <= n; i++) {
    long c = d->cen[i];
    long lo = c - (long)d->wr[i], hi = c + (long)d->wr[i];
    if (lo < 0)
      lo = 0;
    if (hi > (long)m)
      hi = (long)m;
    if (hi < lo)
      hi = lo;
    d->lo[i] = (size_t)lo, d->hi[i] = (size_t)hi;
    d->off[i] = tot;
    tot += (size_t)(hi - lo + 1);
  }
  d->lo[0] = 0;
  if (!d->open_end)
    d->hi[n] = m;
  if (d->lo[n] > m)
    d->lo[n] = m;
  /* recompute offsets after the fix-ups */
  tot = 0;
  for (size_t i = 0; i <= n; i++) {
    if (d->hi[i] < d->lo[i])
      d->hi[i] = d->lo[i];
    d->off[i] = tot;
    tot += d->hi[i] - d->lo[i] + 1;
  }
  d->off[n + 1] = tot;
  d->ncells = tot;
  d->cost = malloc(tot * sizeof *d->cost);
  d->back = malloc(tot);
  d->pm = malloc(tot * sizeof *d->pm);
  if (!d->cost || !d->back || !d->pm)
    return PADAN_ENOMEM;
  for (size_t k = 0; k < tot; k++)
    d->pm[k] = -1.0f;
  return PADAN_OK;
}

static void dp_run(dp *d) {
  for (size_t i = 0; i <= d->n; i++)
    for (size_t j = d->lo[i]; j <= d->hi[i]; j++) {
      size_t c = CELL(d, i, j);
      if (i == 0 && j == 0) {
        d->cost[c] = 0, d->back[c] = 255;
        continue;
      }
      double best = HUGE_VAL;
      uint8_t bm = 255;
      for (int k = 0; k < 6; k++) {
        size_t di = (size_t)MOVES[k][0], dj = (size_t)MOVES[k][1];
        if (di > i || dj > j || !in_band(d, i - di, j - dj))
          continue;
        double prev = d->cost[CELL(d, i - di, j - dj)];
        if (prev == HUGE_VAL)
          continue;
        double v = prev + bead_cost(d, i, j, (int)di, (int)dj, best - prev);
        if (v < best)
          best = v, bm = (uint8_t)k;
      }
      d->cost[c] = best, d->back[c] = bm;
    }
}

/* The end of the path in a window of a stream, whose last sentences may
 * belong with sentences of the next window: the reachable cell on the last
 * row or column with the least cost once the sentences after it are counted
 * as deleted. That is the cost the closed-end path pays to reach the corner,
 * without the band having to follow the run of deletions there (which made a
 * third of the windows of a long document widen their band 16-fold). A cell
 * reached by deleting along that row or column is not an end: each such
 * deletion costs what counting the sentence as left over costs, so ties would
 * creep to the band's edge and widen it for nothing. */
static int open_end_cell(const dp *d, size_t *ei, size_t *ej) {
  const double del = -log(PRIOR_10) + DEL_COST;
  size_t n = d->n, m = d->m;
  double best = HUGE_VAL;
  *ei = n, *ej = m;
  for (size_t j = d->lo[n]; j <= d->hi[n]; j++) {
    double v = d->cost[CELL(d, n, j)];
    if (v != HUGE_VAL && d->back[CELL(d, n, j)] != 2 && (v += del * (double)(m - j)) < best)
      best = v, *ei = n, *ej = j;
  }
  for (size_t i = 0; i < n; i++)
    if (d->hi[i] == m && d->lo[i] <= m) {
      double v = d->cost[CELL(d, i, m)];
      if (v != HUGE_VAL && d->back[CELL(d, i, m)] != 1 && (v += del * (double)(n - i)) < best)
        best = v, *ei = i, *ej = m;
    }
  return best != HUGE_VAL;
}

/* Traces the best path back into beads (text order). Returns the number of
 * beads or 0 on ENOMEM; *edge is set when the path touches the band edge. */
static size_t dp_trace(dp *d, padan_align_bead **out, int *edge) {
  size_t cap = d->n + d->m + 1, nb = 0;
  padan_align_bead *b = malloc(cap * sizeof *b);
  if (!b)
    return 0;
  size_t i = d->n, j = d->m;
  *edge = 0;
  memset(d->edge, 0, d->n + 1);
  if (d->open_end && !open_end_cell(d, &i, &j)) {
    *edge = 2; /* no cell of the last row or column is reachable */
    memset(d->edge, 1, d->n + 1);
    *out = b;
    return 0;
  }
  while (i > 0 || j > 0) {
    if ((d->lo[i] > 0 && j < d->lo[i] + 2) || (d->hi[i] < d->m && j + 2 > d->hi[i]))
      *edge = 1, d->edge[i] = 1;
    uint8_t k = d->back[CELL(d, i, j)];
    if (k == 255)
      { /* (n, m) unreachable: the band's rows do not connect */
        *edge = 2;
        memset(d->edge, 1, d->n + 1);
        nb = 0;
        break;
      }
    size_t di = (size_t)MOVES[k][0], dj = (size_t)MOVES[k][1];
    double here = d->cost[CELL(d, i, j)], prev = d->cost[CELL(d, i - di, j - dj)];
    padan_align_bead *x = &b[nb++];
    x->id_first = i - di, x->id_n = di, x->en_first = j - dj, x->en_n = dj;
    x->score = here - prev; /* bead cost, made a confidence below */
    i -= di, j -= dj;
  }
  for (size_t a = 0, z = nb ? nb - 1 : 0; a < z; a++, z--) {
    padan_align_bead t = b[a];
    b[a] = b[z], b[z] = t;
  }
  *out = b;
  return nb ? nb : (d->n + d->m == 0 ? 0 : 0);
}

/* Runs the DP, widening the band while the path touches its edge. */
static int dp_solve(padan_aligner *a, dp *d, padan_align_bead **beads, size_t *nb) {
  for (;;) {
    int rc = dp_band(d);
    if (rc)
      return rc;
    dp_run(d);
    int edge;
    free(*beads);
    *beads = NULL;
    *nb = dp_trace(d, beads, &edge);
    if (!*beads)
      return PADAN_ENOMEM;
    size_t full = d->m + 1, maxw = 0;
    for (size_t i = 0; i <= d->n; i++)
      if (d->wr[i] > maxw)
        maxw = d->wr[i];
    a->st.band = maxw, a->st.cells = d->ncells;
    if (edge == 2 && (d->ncells * 2 > CELL_LIMIT || d->diagonal)) {
      if (d->diagonal)
        return PADAN_OK; /* nothing reached the corner: no beads */
      /* the anchored centre line jumps where the band cannot follow: fall
       * back to the diagonal of the lengths, whose rows always connect */
      for (size_t i = 0; i <= d->n; i++) {
        d->cen[i] = d->n ? (long)((double)i * (double)d->m / (double)d->n + 0.5) : 0;
        d->wr[i] = a->band + (d->n ? 0 : d->m);
      }
      d->diagonal = 1;
      a->st.widenings++;
      continue;
    }
    if (!edge || d->ncells * 2 > CELL_LIMIT)
      return PADAN_OK;
    /* widen (x4) the band around each row where the path met its edge */
    int changed = 0;
    size_t *nw = malloc((d->n + 1) * sizeof *nw);
    if (!nw)
      return PADAN_ENOMEM;
    memcpy(nw, d->wr, (d->n + 1) * sizeof *nw);
    for (size_t i = 0; i <= d->n; i++) {
      if (!d->edge[i] || d->wr[i] >= full)
        continue;
      size_t w = d->wr[i] * 4 < full ? d->wr[i] * 4 : full;
      size_t r0 = i > 4 * w ? i - 4 * w : 0, r1 = i + 4 * w < d->n ? i + 4 * w : d->n;
      for (size_t r = r0; r <= r1; r++)
        if (nw[r] < w)
          nw[r] = w, changed = 1;
    }
    free(d->wr);
    d->wr = nw;
    if (!changed)
      return PADAN_OK;
    a->st.widenings++;
  }
}

/* ------------------------------------------------------------ learning */

/* Word pairs from 1-1 beads by Dice over co-occurrence; appends to pairs. */
static int learn_pairs(const side *id, const side *en, const padan_align_bead *b, size_t nb,
                       size_t nvoc, pd_vec *pairs, size_t *nlearned) {
  uint32_t *cid = calloc(nvoc + 1, sizeof *cid), *cen = calloc(nvoc + 1, sizeof *cen);
  uint32_t *seen = calloc(nvoc + 1, sizeof *seen);
  pd_align_cooc co;
  int rc = pd_align_cooc_init(&co, 1 << 16);
  if (!cid || !cen || !seen || rc) {
    free(cid), free(cen), free(seen);
    pd_align_cooc_free(&co);
    return PADAN_ENOMEM;
  }
  uint32_t *ua = NULL, *ub = NULL;
  size_t cap = 0;
  uint32_t stamp = 0;
  size_t n11 = 0;
  for (size_t k = 0; k < nb; k++)
    n11 += b[k].id_n == 1 && b[k].en_n == 1;
  /* pass 0 counts words; pass 1 counts pairs of words seen twice or more and
   * in at most 5% of the links (rarer ones cannot pass the Dice test, commoner
   * ones weigh little as anchors): this keeps the pair table small */
  uint32_t most = (uint32_t)(n11 / 20 > 8 ? n11 / 20 : 8);
  for (int pass = 0; pass < 2; pass++)
  for (size_t k = 0; k < nb && rc == PADAN_OK; k++) {
    if (b[k].id_n != 1 || b[k].en_n != 1)
      continue;
    size_t s = b[k].id_first, t = b[k].en_first;
    size_t na = 0, nbw = 0;
    /* ub holds the English words, then (pass 1) those one Indonesian word may pair with */
    size_t need = 2 * ((id->toff[s + 1] - id->toff[s]) + (en->toff[t + 1] - en->toff[t]) + 1);
    if (need > cap) {
      free(ua), free(ub);
      cap = need * 2;
      ua = malloc(cap * sizeof *ua), ub = malloc(cap * sizeof *ub);
      if (!ua || !ub) {
        rc = PADAN_ENOMEM;
        break;
      }
    }
    stamp++;
    for (size_t x = id->toff[s]; x < id->toff[s + 1]; x++)
      if (seen[id->tok[x]] != stamp)
        seen[id->tok[x]] = stamp, ua[na++] = id->tok[x];
    stamp++;
    for (size_t x = en->toff[t]; x < en->toff[t + 1]; x++)
      if (seen[en->tok[x]] != stamp)
        seen[en->tok[x]] = stamp, ub[nbw++] = en->tok[x];
    if (pass == 0) {
      for (size_t x = 0; x < na; x++)
        cid[ua[x]]++;
      for (size_t y = 0; y < nbw; y++)
        cen[ub[y]]++;
      continue;
    }
    for (size_t x = 0; x < na && rc == PADAN_OK; x++) {
      if (cid[ua[x]] < 2 || cid[ua[x]] > most)
        continue;
      uint32_t cu = cid[ua[x]];
      size_t nv = 0; /* the English words it may pair with, at the end of ub */
      for (size_t y = 0; y < nbw; y++) {
        uint32_t cv = cen[ub[y]];
        /* Dice <= 2 min(cu, cv) / (cu + cv): skip pairs that cannot reach 0.3 */
        if (cv >= 2 && cv <= most && 20 * (cu < cv ? cu : cv) >= 3 * (cu + cv))
          ub[nbw + nv++] = ub[y];
      }
      rc = pd_align_cooc_add_row(&co, ua[x], ub + nbw, nv, 1.0f);
    }
  }
  free(ua), free(ub);
  /* best English partner of each Indonesian word */
  float *best = calloc(nvoc + 1, sizeof *best);
  uint32_t *bestv = calloc(nvoc + 1, sizeof *bestv);
  if (!best || !bestv)
    rc = PADAN_ENOMEM;
  for (size_t k = 0; rc == PADAN_OK && k < co.nslots; k++) {
    if (!co.keys[k])
      continue;
    uint32_t u = (uint32_t)(co.keys[k] >> 32), v = (uint32_t)co.keys[k];
    float c = co.vals[k];
    if (c < 2 || u == v)
      continue;
    float dice = 2.0f * c / (float)(cid[u] + cen[v]);
    /* ties go to the smaller id, not to the order of the hash table */
    if (dice >= 0.3f && (dice > best[u] || (dice == best[u] && v < bestv[u])))
      best[u] = dice, bestv[u] = v;
  }
  for (size_t u = 1; rc == PADAN_OK && u <= nvoc; u++)
    if (bestv[u]) {
      uint32_t *p = pd_vec_push(pairs);
      if (!p) {
        rc = PADAN_ENOMEM;
        break;
      }
      p[0] = (uint32_t)u, p[1] = bestv[u];
      (*nlearned)++;
    }
  free(best), free(bestv);
  free(cid), free(cen), free(seen);
  pd_align_cooc_free(&co);
  return rc;
}

/* ------------------------------------------------------------ band center */

typedef struct {
  uint32_t i, j;
} point;

static int cmp_point(const void *x, const void *y) {
  const point *a = x, *b = y;
  if (a->i != b->i)
    return a->i < b->i ? -1 : 1;
  return a->j > b->j ? -1 : a->j < b->j; /* j descending: one point per row in the chain */
}

/* Sentence of the single occurrence of each word on one side (0 = none or
 * several; sentence + 1 otherwise). */
static uint32_t *hapax_sentences(const side *sd, size_t nvoc) {
  uint32_t *where = calloc(nvoc + 1, sizeof *where);
  if (!where)
    return NULL;
  for (size_t s = 0; s < sd->n; s++)
    for (size_t t = sd->toff[s]; t < sd->toff[s + 1]; t++) {
      uint32_t v = sd->tok[t];
      if (where[v] == 0)
        where[v] = (uint32_t)(s + 1);
      else if (where[v] != s + 1)
        where[v] = UINT32_MAX;
    }
  return where;
}

/* The band center of the first pass: words (names, numbers) found exactly once
 * on each side are anchor points; the longest chain of them increasing on both
 * sides is the path's skeleton, interpolated between its points. Random drift
 * from deletions then no longer pushes the path off a narrow band. */
static int anchor_center(const side *id, const side *en, size_t nvoc, int open_end, long *cen) {
  uint32_t *wi = hapax_sentences(id, nvoc), *we = hapax_sentences(en, nvoc);
  point *pt = NULL;
  size_t *tail = NULL, *prev = NULL;
  int rc = PADAN_ENOMEM;
  if (!wi || !we)
    goto out;
  size_t np = 0;
  for (size_t v = 1; v <= nvoc; v++)
    if (wi[v] && wi[v] != UINT32_MAX && we[v] && we[v] != UINT32_MAX)
      np++;
  pt = malloc((np + 1) * sizeof *pt);
  tail = malloc((np + 1) * sizeof *tail);
  prev = malloc((np + 1) * sizeof *prev);
  if (!pt || !tail || !prev)
    goto out;
  np = 0;
  for (size_t v = 1; v <= nvoc; v++)
    if (wi[v] && wi[v] != UINT32_MAX && we[v] && we[v] != UINT32_MAX)
      pt[np].i = wi[v] - 1, pt[np].j = we[v] - 1, np++;
  rc = PADAN_OK;
  if (np < 2)
    goto out;
  qsort(pt, np, sizeof *pt, cmp_point);
  /* longest strictly increasing subsequence on j (patience sorting) */
  size_t len = 0;
  for (size_t k = 0; k < np; k++) {
    size_t lo = 0, hi = len;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (pt[tail[mid]].j < pt[k].j)
        lo = mid + 1;
      else
        hi = mid;
    }
    prev[k] = lo ? tail[lo - 1] : SIZE_MAX;
    tail[lo] = k;
    if (lo == len)
      len++;
  }
  /* walk the chain back, interpolating the center between its points */
  size_t k = tail[len - 1];
  long ni = (long)id->n, nj = (long)en->n;
  long pi = ni, pj = nj; /* the point after (the end) */
  if (open_end && len >= 2) {
    /* the window's corner need not be on the path: go on from the last point
     * with the chain's own slope */
    size_t first = k;
    while (prev[first] != SIZE_MAX)
      first = prev[first];
    const point *f = &pt[first], *l = &pt[k];
    double slope = (double)(l->j - f->j) / (double)(l->i - f->i);
    pi = (long)l->i, pj = (long)l->j;
    for (long i = pi; i <= ni; i++) {
      long c = pj + (long)((double)(i - pi) * slope + 0.5);
      cen[i] = c < nj ? c : nj;
    }
  }
  for (;;) {
    long ci = k == SIZE_MAX ? 0 : (long)pt[k].i, cj = k == SIZE_MAX ? 0 : (long)pt[k].j;
    for (long i = ci; i <= pi; i++)
      cen[i] = pi == ci ? cj : cj + (long)((double)(i - ci) * (double)(pj - cj) / (double)(pi - ci) + 0.5);
    if (k == SIZE_MAX)
      break;
    pi = ci, pj = cj;
    k = prev[k];
  }
out:
  free(wi), free(we), free(pt), free(tail), free(prev);
  return rc;
}

/* ------------------------------------------------------------ local ids */

/* Renumbers the words of the two sides to 1..*nloc in the order of their
 * vocabulary ids (so sorting by id is unchanged), and appends the caller's
 * word pairs whose two words occur, in local ids, to pairs. The arrays sized
 * by the vocabulary below then follow the text of one call, not every word
 * seen before: a window of a long stream costs the same as the first.
 * Undo with unlocalize. */
static int localize(padan_aligner *a, side *id, side *en, pd_vec *pairs, size_t *nloc) {
  size_t nvoc = pd_strmap_count(&a->voc);
  if (a->loccap < nvoc + 1) {
    size_t nc = (nvoc + 1) * 2;
    uint32_t *p = realloc(a->loc, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    memset(p + a->loccap, 0, (nc - a->loccap) * sizeof *p);
    a->loc = p, a->loccap = nc;
  }
  a->seen.n = 0;
  side *sides[2] = {id, en};
  for (int k = 0; k < 2; k++)
    for (size_t t = 0; t < sides[k]->ntok; t++) {
      uint32_t g = sides[k]->tok[t];
      if (a->loc[g])
        continue;
      uint32_t *p = pd_vec_push(&a->seen);
      if (!p)
        return PADAN_ENOMEM;
      *p = g, a->loc[g] = 1;
    }
  uint32_t *g = a->seen.p;
  if (a->seen.n)
    qsort(g, a->seen.n, sizeof *g, cmp_u32);
  for (size_t x = 0; x < a->seen.n; x++)
    a->loc[g[x]] = (uint32_t)(x + 1);
  for (int k = 0; k < 2; k++)
    for (size_t t = 0; t < sides[k]->ntok; t++)
      sides[k]->tok[t] = a->loc[sides[k]->tok[t]];
  for (size_t k = 0; k < a->lexpairs.n; k++) {
    const uint32_t *q = (const uint32_t *)a->lexpairs.p + 2 * k;
    uint32_t u = q[0] < a->loccap ? a->loc[q[0]] : 0, v = q[1] < a->loccap ? a->loc[q[1]] : 0;
    if (!u || !v)
      continue;
    uint32_t *p = pd_vec_push(pairs);
    if (!p)
      return PADAN_ENOMEM;
    p[0] = u, p[1] = v;
  }
  *nloc = a->seen.n;
  return PADAN_OK;
}

static void unlocalize(padan_aligner *a) {
  const uint32_t *g = a->seen.p;
  for (size_t x = 0; x < a->seen.n; x++)
    a->loc[g[x]] = 0;
  a->seen.n = 0;
}

/* ------------------------------------------------------------ driver */

static void confidences(padan_align_bead *b, size_t nb) {
  for (size_t k = 0; k < nb; k++) {
    double cost = b[k].score;
    b[k].score = 1.0 / (1.0 + exp(cost - 2.0));
  }
}

/* Length ratio and variance from 1-1 beads (or the totals when none). */
static void estimate_length(dp *d, const padan_align_bead *b, size_t nb) {
  double sa = 0, sb = 0;
  size_t cnt = 0;
  for (size_t k = 0; k < nb; k++)
    if (b[k].id_n == 1 && b[k].en_n == 1 && d->id->chars[b[k].id_first] > 0)
      sa += d->id->chars[b[k].id_first], sb += d->en->chars[b[k].en_first], cnt++;
  if (cnt < 20 || sa <= 0 || sb <= 0)
    return;
  double c = sb / sa, v = 0;
  for (size_t k = 0; k < nb; k++)
    if (b[k].id_n == 1 && b[k].en_n == 1 && d->id->chars[b[k].id_first] > 0) {
      double la = d->id->chars[b[k].id_first], lb = d->en->chars[b[k].en_first];
      double mean = (la + lb / c) / 2;
      v += (lb - c * la) * (lb - c * la) / (mean > 1 ? mean : 1);
    }
  v /= (double)cnt;
  d->c = c;
  if (v > 1.0 && v < 100.0)
    d->s2 = v;
}

/* open_end: a window of a stream (see open_end_cell). */
static int align_sentences(padan_aligner *a, const padan_align_sent *ids, size_t nid,
                           const padan_align_sent *ens, size_t nen, padan_align_bead **beads,
                           size_t *nbeads, int open_end) {
  *beads = NULL, *nbeads = 0;
  a->err[0] = 0;
  memset(&a->st, 0, sizeof a->st);
  if ((nid && !ids) || (nen && !ens)) {
    snprintf(a->err, sizeof a->err, "NULL sentence array");
    return PADAN_EARG;
  }
  if (nid + nen == 0) {
    *beads = malloc(1);
    return *beads ? PADAN_OK : PADAN_ENOMEM;
  }
  side id, en;
  anchors an;
  memset(&an, 0, sizeof an);
  memset(&en, 0, sizeof en);
  dp d;
  memset(&d, 0, sizeof d);
  pd_vec pairs;
  pd_vec_init(&pairs, 2 * sizeof(uint32_t));
  padan_align_bead *b = NULL;
  size_t nb = 0;
  int rc = side_build(&id, &a->voc, ids, nid);
  if (!rc)
    rc = side_build(&en, &a->voc, ens, nen);
  int lexical = !(a->options & PADAN_ALIGN_LENGTH_ONLY);
  size_t nvoc = 0;
  if (!rc)
    rc = localize(a, &id, &en, &pairs, &nvoc);
  if (!rc && lexical)
    rc = anchors_build(&an, nvoc, &en, pairs.p, pairs.n);
  if (!rc && lexical)
    rc = keys_build(&an, &id, &en);
  if (rc)
    goto done;
  double sa = 0, sb = 0;
  for (size_t i = 0; i < nid; i++)
    sa += id.chars[i];
  for (size_t j = 0; j < nen; j++)
    sb += en.chars[j];
  tail_init();
  d.id = &id, d.en = &en, d.an = &an, d.lexical = lexical;
  d.c = sa > 0 && sb > 0 ? sb / sa : 1.0;
  d.s2 = 6.8;
  d.n = nid, d.m = nen;
  d.open_end = open_end && nid && nen;
  d.cen = malloc((nid + 1) * sizeof *d.cen);
  if (!d.cen) {
    rc = PADAN_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i <= nid; i++)
    d.cen[i] = nid ? (long)((double)i * (double)nen / (double)nid + 0.5) : 0;
  if (lexical && nid && nen && (rc = anchor_center(&id, &en, nvoc, d.open_end, d.cen)) != PADAN_OK)
    goto done;
  /* with nid == 0 the one row spans every English sentence */
  d.wr = malloc((nid + 1) * sizeof *d.wr);
  d.edge = malloc(nid + 1);
  if (!d.wr || !d.edge) {
    rc = PADAN_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i <= nid; i++)
    d.wr[i] = a->band + (nid ? 0 : nen);
  a->st.passes = 1;
  rc = dp_solve(a, &d, &b, &nb);
  if (rc)
    goto done;
  if (lexical && !(a->options & PADAN_ALIGN_NO_REALIGN) && nid && nen) {
    size_t learned = 0;
    rc = learn_pairs(&id, &en, b, nb, nvoc, &pairs, &learned);
    if (rc)
      goto done;
    a->st.learned_pairs = learned;
    anchors_free(&an);
    rc = anchors_build(&an, nvoc, &en, pairs.p, pairs.n);
    if (!rc)
      rc = keys_build(&an, &id, &en);
    if (rc)
      goto done;
    estimate_length(&d, b, nb);
    /* second pass: band around the first path */
    for (size_t k = 0; k < nb; k++) {
      size_t i0 = b[k].id_first, j0 = b[k].en_first;
      d.cen[i0] = (long)j0;
      if (b[k].id_n == 2)
        d.cen[i0 + 1] = (long)(j0 + b[k].en_n / 2);
    }
    if (d.open_end) { /* rows after the path's end: its last column */
      size_t ie = nb ? b[nb - 1].id_first + b[nb - 1].id_n : 0;
      long je = nb ? (long)(b[nb - 1].en_first + b[nb - 1].en_n) : 0;
      for (size_t i = ie; i <= nid; i++)
        d.cen[i] = je;
    } else {
      d.cen[nid] = (long)nen;
    }
    size_t w2 = a->band / 2;
    for (size_t i = 0; i <= nid; i++)
      d.wr[i] = w2 > 4 ? w2 : 4;
    d.diagonal = 0;
    a->st.passes = 2;
    rc = dp_solve(a, &d, &b, &nb);
    if (rc)
      goto done;
  }
  confidences(b, nb);
  *beads = b, *nbeads = nb;
  b = NULL;
done:
  if (rc == PADAN_ENOMEM)
    snprintf(a->err, sizeof a->err, "out of memory");
  free(b);
  free(d.cen);
  free(d.wr), free(d.edge);
  dp_free(&d);
  anchors_free(&an);
  side_free(&id);
  side_free(&en);
  pd_vec_free(&pairs);
  unlocalize(a);
  return rc;
}

int padan_align_sentences(padan_aligner *a, const padan_align_sent *ids, size_t nid,
                          const padan_align_sent *ens, size_t nen, padan_align_bead **beads,
                          size_t *nbeads) {
  return align_sentences(a, ids, nid, ens, nen, beads, nbeads, 0);
}

int padan_aligner_add_pair(padan_aligner *a, const char *idw, size_t idlen, const char *enw,
                           size_t enlen) {
  uint32_t ui[2] = {0, 0}, ue[2] = {0, 0};
  size_t ni = 0, ne = 0;
  pd_align_words_ids(&a->voc, idw, idlen, ui, 2, &ni);
  pd_align_words_ids(&a->voc, enw, enlen, ue, 2, &ne);
  if (ni != 1 || ne != 1 || !ui[0] || !ue[0])
    return PADAN_OK;
  uint32_t *p = pd_vec_push(&a->lexpairs);
  if (!p)
    return PADAN_ENOMEM;
  p[0] = ui[0], p[1] = ue[0];
  return PADAN_OK;
}

/* ------------------------------------------------------------ windowed */

#define STREAM_WINDOW 5000
#define STREAM_MIN_WINDOW 16
#define STREAM_BYTES ((size_t)64 << 20)

typedef struct {
  size_t off, len;
} soff;

typedef struct {
  pd_buf text;              /* the held sentences' bytes */
  pd_vec sent;              /* soff into text */
  size_t base;              /* stream index of sent[0] */
  size_t used;              /* sent[0 .. used) are in committed beads */
  int ended;
  padan_align_sent out[2];  /* the sentences of the bead handed out */
} sside;

struct padan_align_stream {
  padan_aligner *a;
  size_t window, windows;
  sside sd[2];
  padan_align_bead *ready; /* committed beads, indexes into sd[].sent */
  size_t nready, next;
  padan_align_sent *arr;
  size_t arrcap;
};

int padan_align_stream_new(padan_aligner *a, size_t window, padan_align_stream **out) {
  *out = NULL;
  padan_align_stream *st = calloc(1, sizeof *st);
  if (!st)
    return PADAN_ENOMEM;
  st->a = a;
  st->window = window ? window : STREAM_WINDOW;
  if (st->window < STREAM_MIN_WINDOW)
    st->window = STREAM_MIN_WINDOW;
  for (int k = 0; k < 2; k++) {
    pd_buf_init(&st->sd[k].text);
    pd_vec_init(&st->sd[k].sent, sizeof(soff));
  }
  *out = st;
  return PADAN_OK;
}

void padan_align_stream_free(padan_align_stream *st) {
  if (!st)
    return;
  for (int k = 0; k < 2; k++) {
    pd_buf_free(&st->sd[k].text);
    pd_vec_free(&st->sd[k].sent);
  }
  free(st->ready);
  free(st->arr);
  free(st);
}

int padan_align_stream_add(padan_align_stream *st, int k, const char *s, size_t len) {
  if (k < 0 || k > 1 || st->sd[k].ended || (len && !s)) {
    snprintf(st->a->err, sizeof st->a->err, "padan_align_stream_add: bad side or side ended");
    return PADAN_EARG;
  }
  sside *sd = &st->sd[k];
  soff *o = pd_vec_push(&sd->sent);
  if (!o || (len && pd_buf_append(&sd->text, s, len))) {
    if (o)
      sd->sent.n--;
    snprintf(st->a->err, sizeof st->a->err, "out of memory");
    return PADAN_ENOMEM;
  }
  o->off = sd->text.len - len, o->len = len;
  return PADAN_OK;
}

void padan_align_stream_end(padan_align_stream *st, int k) {
  if (k == 0 || k == 1)
    st->sd[k].ended = 1;
}

size_t padan_align_stream_held(const padan_align_stream *st, int k) {
  if (k < 0 || k > 1)
    return 0;
  return st->sd[k].sent.n - st->sd[k].used;
}

static int stream_full(const padan_align_stream *st, int k) {
  return padan_align_stream_held(st, k) >= st->window || st->sd[k].text.len >= STREAM_BYTES;
}

int padan_align_stream_want(const padan_align_stream *st) {
  int best = -1;
  for (int k = 0; k < 2; k++) {
    if (st->sd[k].ended || stream_full(st, k))
      continue;
    if (best < 0 || padan_align_stream_held(st, k) < padan_align_stream_held(st, best))
      best = k;
  }
  return best;
}

int padan_align_stream_done(const padan_align_stream *st) {
  return st->sd[0].ended && st->sd[1].ended && st->next >= st->nready &&
         !padan_align_stream_held(st, 0) && !padan_align_stream_held(st, 1);
}

size_t padan_align_stream_windows(const padan_align_stream *st) { return st->windows; }

/* Drops the sentences of the beads handed out. */
static void stream_compact(padan_align_stream *st) {
  for (int k = 0; k < 2; k++) {
    sside *sd = &st->sd[k];
    if (!sd->used)
      continue;
    soff *o = sd->sent.p;
    size_t n = sd->sent.n, u = sd->used;
    if (u >= n) {
      sd->text.len = 0, sd->sent.n = 0;
    } else {
      size_t cut = o[u].off;
      memmove(sd->text.p, sd->text.p + cut, sd->text.len - cut);
      sd->text.len -= cut;
      memmove(o, o + u, (n - u) * sizeof *o);
      for (size_t x = 0; x < n - u; x++)
        o[x].off -= cut;
      sd->sent.n = n - u;
    }
    if (sd->text.p)
      sd->text.p[sd->text.len] = 0;
    sd->base += u, sd->used = 0;
  }
}

static void stream_hand(padan_align_stream *st, padan_align_bead *bead,
                        const padan_align_sent **id, const padan_align_sent **en) {
  padan_align_bead b = st->ready[st->next++];
  const padan_align_sent **outs[2] = {id, en};
  size_t first[2] = {b.id_first, b.en_first}, cnt[2] = {b.id_n, b.en_n};
  for (int k = 0; k < 2; k++) {
    sside *sd = &st->sd[k];
    const soff *o = sd->sent.p;
    for (size_t x = 0; x < cnt[k]; x++) {
      const soff *so = &o[first[k] + x];
      sd->out[x].s = sd->text.p ? sd->text.p + so->off : "";
      sd->out[x].len = so->len;
    }
    *outs[k] = cnt[k] ? sd->out : NULL;
  }
  b.id_first += st->sd[0].base, b.en_first += st->sd[1].base;
  *bead = b;
}

int padan_align_stream_next(padan_align_stream *st, padan_align_bead *bead,
                            const padan_align_sent **id, const padan_align_sent **en) {
  if (st->next < st->nready) {
    stream_hand(st, bead, id, en);
    return 1;
  }
  stream_compact(st);
  free(st->ready);
  st->ready = NULL, st->nready = st->next = 0;
  for (int k = 0; k < 2; k++)
    if (!st->sd[k].ended && !stream_full(st, k))
      return 0;
  /* a window: at most `window` sentences a side; a side ends in it when all
   * its held sentences are in it and no more will come */
  size_t n0 = st->sd[0].sent.n, n1 = st->sd[1].sent.n;
  int end0 = st->sd[0].ended && n0 <= st->window, end1 = st->sd[1].ended && n1 <= st->window;
  int final = end0 && end1;
  if (n0 > st->window)
    n0 = st->window;
  if (n1 > st->window)
    n1 = st->window;
  if (n0 + n1 == 0)
    return 0;
  if (n0 + n1 > st->arrcap) {
    size_t nc = (n0 + n1) * 2;
    padan_align_sent *p = realloc(st->arr, nc * sizeof *p);
    if (!p) {
      snprintf(st->a->err, sizeof st->a->err, "out of memory");
      return PADAN_ENOMEM;
    }
    st->arr = p, st->arrcap = nc;
  }
  for (int k = 0; k < 2; k++) {
    sside *sd = &st->sd[k];
    const soff *o = sd->sent.p;
    padan_align_sent *dst = st->arr + (k ? n0 : 0);
    for (size_t x = 0; x < (k ? n1 : n0); x++)
      dst[x].s = sd->text.p ? sd->text.p + o[x].off : "", dst[x].len = o[x].len;
  }
  padan_align_bead *b = NULL;
  size_t nb = 0;
  int rc = align_sentences(st->a, st->arr, n0, st->arr + n0, n1, &b, &nb, !final);
  if (rc)
    return rc;
  st->windows++;
  if (!nb) {
    /* no path (cannot happen with the diagonal fallback of dp_solve): hand
     * out the first sentence of each side as one bead so the stream moves on */
    padan_align_bead *one = realloc(b, sizeof *b);
    if (!one) {
      free(b);
      snprintf(st->a->err, sizeof st->a->err, "out of memory");
      return PADAN_ENOMEM;
    }
    b = one, nb = 1;
    b[0].id_first = 0, b[0].id_n = n0 ? 1 : 0, b[0].en_first = 0, b[0].en_n = n1 ? 1 : 0;
    b[0].score = 0;
  }
  size_t keep = nb;
  if (!final) {
    /* commit what lies safely before the window's end: the path near the end
     * is bent to meet the corner, the carried part is aligned again */
    size_t c0 = end0 ? n0 : n0 * 2 / 3, c1 = end1 ? n1 : n1 * 2 / 3;
    keep = 0;
    while (keep < nb && b[keep].id_first + b[keep].id_n <= c0 &&
           b[keep].en_first + b[keep].en_n <= c1)
      keep++;
    if (!keep && nb)
      keep = 1;
  }
  st->ready = b, st->nready = keep;
  if (keep) {
    st->sd[0].used = b[keep - 1].id_first + b[keep - 1].id_n;
    st->sd[1].used = b[keep - 1].en_first + b[keep - 1].en_n;
  }
  if (!keep)
    return 0;
  stream_hand(st, bead, id, en);
  return 1;
}
