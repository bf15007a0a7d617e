/* Word alignment by EM (IBM Model 1, then a fast_align-style Model 2 with a
 * diagonal prior), both directions, grow-diag-final-and, and phrase pairs for
 * Indonesian terms scored by Dice. Works on interned ids and flat arrays: each
 * sentence pair owns a grid of slot indexes into one table of word pairs, so an
 * EM iteration is array arithmetic with no hashing.
 *
 * Memory follows the vocabulary and the word-pair table, not the corpus: the
 * sentence pairs (as word ids) and their links are spooled to temporary files
 * and read back once per EM iteration; the grids of the first pairs, up to
 * GRID_CACHE cells, stay in memory, the others are looked up again each time. */
#include "config.h"
#include <padan/align.h>
#include "align/internal.h"
#include "common/util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 200     /* longer pairs are not trained or aligned */
#define P_NULL 0.08    /* fast_align's default null-alignment probability */
#define DIAG_LAMBDA 4.0 /* fast_align's default diagonal tension */
#define MAX_NGRAM 4
#define MAX_EN_PHRASE 7
#define GRID_CACHE ((size_t)4 << 20) /* grid cells kept in memory (16 MB) */

struct padan_learner {
  pd_strmap vid, ven;       /* words */
  pd_strmap stop_id, stop_en;
  pd_spool corp;            /* per pair: uint32 m, n, anchor; m id and n en word ids */
  pd_spool lnk;             /* per pair after training: uint32 count; count (i, j) uint16 pairs */
  pd_vec tid, ten;          /* uint32 word ids of the pair read or added last */
  size_t npairs;
  size_t built;             /* pairs whose slots exist (build_grids) */
  size_t aligned;           /* pairs whose links are in lnk */
  int trained;              /* padan_learner_train succeeded */
  size_t ncached;           /* pairs [0, ncached) have their grids in grid */
  pd_vec gtmp;              /* uint32 grid of one pair beyond the cache */
  /* word-pair table */
  uint32_t *hvals;          /* open addressing on (id word, en word): slot + 1 */
  size_t hcap, nslots, slotcap;
  uint64_t *sk;             /* (id word << 32 | en word) of each slot (0 = NULL): the
                               hash keeps only slot numbers and compares with these,
                               a third of the memory of keys and values in buckets */
  float *pa, *pb;           /* t(en | id) and t(id | en) */
  int loaded;
  pd_vec grid;              /* uint32 slots of the first pairs' (m+1) x (n+1) grids */
  pd_vec links;             /* uint16 (i, j) of the pair read last */
  pd_strmap out;            /* strings handed out in results */
  padan_learner_progress_fn progress;
  void *progress_ud;
  char stage[64];           /* the pass over the pairs, for progress */
  size_t pk;                /* pairs read in this pass */
  char err[512];
};

int padan_learner_new(padan_learner **out) {
  padan_learner *l = calloc(1, sizeof *l);
  if (!l)
    return PADAN_ENOMEM;
  pd_strmap_init(&l->vid);
  pd_strmap_init(&l->ven);
  pd_strmap_init(&l->stop_id);
  pd_strmap_init(&l->stop_en);
  pd_strmap_init(&l->out);
  pd_vec_init(&l->tid, sizeof(uint32_t));
  pd_vec_init(&l->ten, sizeof(uint32_t));
  pd_vec_init(&l->grid, sizeof(uint32_t));
  pd_vec_init(&l->gtmp, sizeof(uint32_t));
  pd_vec_init(&l->links, 2 * sizeof(uint16_t));
  *out = l;
  return PADAN_OK;
}

void padan_learner_free(padan_learner *l) {
  if (!l)
    return;
  pd_strmap_free(&l->vid);
  pd_strmap_free(&l->ven);
  pd_strmap_free(&l->stop_id);
  pd_strmap_free(&l->stop_en);
  pd_strmap_free(&l->out);
  pd_vec_free(&l->tid);
  pd_vec_free(&l->ten);
  pd_vec_free(&l->grid);
  pd_vec_free(&l->gtmp);
  pd_vec_free(&l->links);
  pd_spool_close(&l->corp);
  pd_spool_close(&l->lnk);
  free(l->hvals);
  free(l->sk), free(l->pa), free(l->pb);
  free(l);
}

const char *padan_learner_errmsg(const padan_learner *l) { return l->err; }

void padan_learner_set_progress(padan_learner *l, padan_learner_progress_fn fn, void *ud) {
  l->progress = fn, l->progress_ud = ud;
}

#define PROGRESS_EVERY 65536 /* pairs */

/* Names the next pass over the pairs (corp_rewind starts it). */
static void stage(padan_learner *l, const char *fmt, int a, int b) {
  snprintf(l->stage, sizeof l->stage, fmt, a, b);
}

static int nomem(padan_learner *l) {
  snprintf(l->err, sizeof l->err, "out of memory");
  return PADAN_ENOMEM;
}

int padan_learner_add_stopword(padan_learner *l, const char *lang, const char *w, size_t len) {
  uint32_t id;
  pd_strmap *m = strcmp(lang, "id") == 0 ? &l->stop_id : &l->stop_en;
  return pd_strmap_intern(m, w, len, &id);
}

/* ------------------------------------------------------------ corpus */

typedef struct {
  pd_strmap *voc;
  pd_vec *toks;
} addctx;

static int add_word(void *vctx, const char *w, size_t len, int kind) {
  addctx *c = vctx;
  if (kind == PD_AW_PUNCT)
    return PADAN_OK;
  uint32_t id, *p;
  if (pd_strmap_intern(c->voc, w, len, &id) || !(p = pd_vec_push(c->toks)))
    return PADAN_ENOMEM;
  *p = id;
  return PADAN_OK;
}

static int spool_err(padan_learner *l) {
  snprintf(l->err, sizeof l->err, "temporary file: %s", strerror(errno ? errno : EIO));
  return PADAN_EIO;
}

static int add_pair(padan_learner *l, const char *id, size_t idlen, const char *en,
                    size_t enlen, uint32_t anchor) {
  l->tid.n = 0, l->ten.n = 0;
  addctx a = {&l->vid, &l->tid}, b = {&l->ven, &l->ten};
  if (pd_align_words(id, idlen, add_word, &a) || pd_align_words(en, enlen, add_word, &b))
    return nomem(l);
  if (!l->corp.fp && pd_spool_open(&l->corp))
    return spool_err(l);
  uint32_t h[3] = {(uint32_t)l->tid.n, (uint32_t)l->ten.n, anchor};
  if (l->tid.n > UINT32_MAX / 2 || l->ten.n > UINT32_MAX / 2) {
    snprintf(l->err, sizeof l->err, "a sentence of over 2^31 words");
    return PADAN_EARG;
  }
  if (pd_spool_write(&l->corp, h, sizeof h) ||
      pd_spool_write(&l->corp, l->tid.p, l->tid.n * sizeof(uint32_t)) ||
      pd_spool_write(&l->corp, l->ten.p, l->ten.n * sizeof(uint32_t)))
    return spool_err(l);
  l->npairs++;
  return PADAN_OK;
}

int padan_learner_add(padan_learner *l, const char *id, size_t idlen, const char *en,
                      size_t enlen) {
  return add_pair(l, id, idlen, en, enlen, 0);
}

int padan_learner_add_anchor(padan_learner *l, const char *id, size_t idlen, const char *en,
                             size_t enlen) {
  return add_pair(l, id, idlen, en, enlen, 1);
}

/* One sentence pair read back from the spool: its words are in l->tid / l->ten. */
typedef struct {
  size_t m, n;
  int anchor;
  const uint32_t *f, *e;
} prec;

static int vec_fit_max(pd_vec *v, size_t n, size_t max) {
  if (n <= v->cap) {
    v->n = n;
    return PADAN_OK;
  }
  size_t nc = n + n / 2 + 16;
  if (nc > max && n <= max)
    nc = max;
  void *p = realloc(v->p, nc * v->size);
  if (!p)
    return PADAN_ENOMEM;
  v->p = p, v->cap = nc, v->n = n;
  return PADAN_OK;
}

static int vec_fit(pd_vec *v, size_t n) { return vec_fit_max(v, n, SIZE_MAX); }

static int corp_rewind(padan_learner *l) {
  l->pk = 0;
  if (l->progress && l->npairs)
    l->progress(l->progress_ud, l->stage, 0, l->npairs);
  if (!l->npairs)
    return PADAN_OK;
  return pd_spool_rewind(&l->corp) ? spool_err(l) : PADAN_OK;
}

static int corp_read(padan_learner *l, prec *r) {
  uint32_t h[3];
  if (pd_spool_read(&l->corp, h, sizeof h))
    return spool_err(l);
  if (vec_fit(&l->tid, h[0]) || vec_fit(&l->ten, h[1]))
    return nomem(l);
  if (pd_spool_read(&l->corp, l->tid.p, h[0] * sizeof(uint32_t)) ||
      pd_spool_read(&l->corp, l->ten.p, h[1] * sizeof(uint32_t)))
    return spool_err(l);
  r->m = h[0], r->n = h[1], r->anchor = (int)h[2];
  r->f = l->tid.p, r->e = l->ten.p;
  if (l->progress && (++l->pk % PROGRESS_EVERY == 0 || l->pk == l->npairs))
    l->progress(l->progress_ud, l->stage, l->pk, l->npairs);
  return PADAN_OK;
}

static int trained(const prec *r) {
  return r->m > 0 && r->n > 0 && r->m <= MAXLEN && r->n <= MAXLEN;
}

/* ------------------------------------------------------------ slots */

static uint64_t mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif
#define SK_F(l, s) ((uint32_t)((l)->sk[s] >> 32))
#define SK_E(l, s) ((uint32_t)(l)->sk[s])

static int slot_rehash(padan_learner *l, size_t cap) {
  uint32_t *v = calloc(cap, sizeof *v);
  if (!v)
    return PADAN_ENOMEM;
  for (size_t s = 0; s < l->nslots; s++) {
    size_t h = (size_t)mix64(l->sk[s]) & (cap - 1);
    while (v[h])
      h = (h + 1) & (cap - 1);
    v[h] = (uint32_t)s + 1;
  }
  free(l->hvals);
  l->hvals = v, l->hcap = cap;
  return PADAN_OK;
}

/* Slot of (f, e), created on demand with probabilities `init`. */
static int slot_get(padan_learner *l, uint32_t f, uint32_t e, float init, uint32_t *slot) {
  if ((l->nslots + 1) * 2 > l->hcap && slot_rehash(l, l->hcap ? l->hcap * 2 : 1 << 16))
    return PADAN_ENOMEM;
  uint64_t key = (uint64_t)f << 32 | e;
  size_t h = (size_t)mix64(key) & (l->hcap - 1);
  while (l->hvals[h]) {
    if (l->sk[l->hvals[h] - 1] == key) {
      *slot = l->hvals[h] - 1;
      return PADAN_OK;
    }
    h = (h + 1) & (l->hcap - 1);
  }
  if (l->nslots == l->slotcap) {
    size_t nc = l->slotcap ? l->slotcap * 2 : 1 << 16;
    uint64_t *a = realloc(l->sk, nc * sizeof *a);
    if (a)
      l->sk = a;
    float *c = realloc(l->pa, nc * sizeof *c);
    if (c)
      l->pa = c;
    float *d = realloc(l->pb, nc * sizeof *d);
    if (d)
      l->pb = d;
    if (!a || !c || !d)
      return PADAN_ENOMEM;
    l->slotcap = nc;
  }
  uint32_t s = (uint32_t)l->nslots++;
  l->sk[s] = key, l->pa[s] = init, l->pb[s] = init;
  l->hvals[h] = s + 1;
  *slot = s;
  return PADAN_OK;
}

/* Slot of (f, e), which build_grids made. */
static int slot_find(const padan_learner *l, uint32_t f, uint32_t e, uint32_t *slot) {
  uint64_t key = (uint64_t)f << 32 | e;
  size_t h = (size_t)mix64(key) & (l->hcap - 1);
  while (l->hvals[h]) {
    if (l->sk[l->hvals[h] - 1] == key) {
      *slot = l->hvals[h] - 1;
      return PADAN_OK;
    }
    h = (h + 1) & (l->hcap - 1);
  }
  return PADAN_EARG;
}

/* Makes the slots of every trained pair's grid and keeps the grids of the
 * first pairs, up to GRID_CACHE cells (once). */
static int build_grids(padan_learner *l) {
  if (l->built == l->npairs)
    return PADAN_OK;
  l->grid.n = 0, l->ncached = 0;
  stage(l, "word-pair table", 0, 0);
  int caching = 1, rc = corp_rewind(l);
  for (size_t k = 0; k < l->npairs && !rc; k++) {
    prec r;
    if ((rc = corp_read(l, &r)) != PADAN_OK)
      break;
    if (!trained(&r)) {
      if (caching)
        l->ncached = k + 1;
      continue;
    }
    size_t m = r.m, n = r.n, cells = (m + 1) * (n + 1), at = l->grid.n;
    if (caching && at + cells > GRID_CACHE)
      caching = 0;
    pd_vec *v = caching ? &l->grid : &l->gtmp;
    if (vec_fit_max(v, caching ? at + cells : cells, GRID_CACHE))
      return nomem(l);
    uint32_t *g = (uint32_t *)v->p + (caching ? at : 0);
    for (size_t i = 0; i <= m; i++)
      for (size_t j = 0; j <= n; j++) {
        uint32_t s = 0;
        if ((i || j) && slot_get(l, i ? r.f[i - 1] : 0, j ? r.e[j - 1] : 0,
                                 l->loaded ? 1e-6f : 1.0f, &s))
          return nomem(l);
        g[i * (n + 1) + j] = s;
      }
    if (caching)
      l->ncached = k + 1;
  }
  if (!rc)
    l->built = l->npairs;
  return rc;
}

/* The grid of trained pair k (read in order): from the cache, where *go is
 * the running offset, or looked up again. */
static int pair_grid(padan_learner *l, size_t k, const prec *r, size_t *go, const uint32_t **g) {
  size_t cells = (r->m + 1) * (r->n + 1);
  if (k < l->ncached) {
    *g = (const uint32_t *)l->grid.p + *go;
    *go += cells;
    return PADAN_OK;
  }
  if (vec_fit(&l->gtmp, cells))
    return nomem(l);
  uint32_t *p = l->gtmp.p;
  size_t W = r->n + 1;
  if (l->hcap > UINT32_MAX) { /* bucket numbers do not fit in the grid: one at a time */
    p[0] = 0;
    for (size_t i = 0; i <= r->m; i++)
      for (size_t j = 0; j <= r->n; j++)
        if ((i || j) && slot_find(l, i ? r->f[i - 1] : 0, j ? r->e[j - 1] : 0, &p[i * W + j]))
          goto lost;
    *g = p;
    return PADAN_OK;
  }
  /* three sweeps so that the cache misses of one cell overlap those of the
   * others (this runs for every pair beyond the cache in every EM iteration):
   * the first bucket of each cell, then its slot's key, then the comparison */
  for (size_t i = 0; i <= r->m; i++)
    for (size_t j = 0; j <= r->n; j++) {
      uint64_t key = (uint64_t)(i ? r->f[i - 1] : 0) << 32 | (j ? r->e[j - 1] : 0);
      size_t h = (size_t)mix64(key) & (l->hcap - 1);
      p[i * W + j] = (uint32_t)h;
      PREFETCH(&l->hvals[h]);
    }
  for (size_t c = 1; c < cells; c++) {
    p[c] = l->hvals[p[c]];
    if (p[c])
      PREFETCH(&l->sk[p[c] - 1]);
  }
  p[0] = 0;
  for (size_t i = 0; i <= r->m; i++)
    for (size_t j = 0; j <= r->n; j++) {
      if (!i && !j)
        continue;
      uint32_t f = i ? r->f[i - 1] : 0, e = j ? r->e[j - 1] : 0;
      uint32_t *c = &p[i * W + j];
      if (*c && l->sk[*c - 1] == ((uint64_t)f << 32 | e)) {
        (*c)--;
      } else if (slot_find(l, f, e, c)) { /* not in its first bucket */
        goto lost;
      }
    }
  *g = p;
  return PADAN_OK;
lost:
  snprintf(l->err, sizeof l->err, "word pair table out of step with the corpus");
  return PADAN_EARG;
}

/* ------------------------------------------------------------ EM */

#define DIAG_STEPS 1024
static double diag_table[DIAG_STEPS + 1];

static void diag_init(void) {
  for (int k = 0; k <= DIAG_STEPS; k++)
    diag_table[k] = exp(-DIAG_LAMBDA * k / (double)DIAG_STEPS);
}

static inline double diag(size_t i, size_t m, size_t j, size_t n) {
  double x = fabs((double)i / (double)m - (double)j / (double)n);
  return diag_table[(int)(x * DIAG_STEPS + 0.5)];
}

/* One E-step in both directions over every trained pair; model2 selects the
 * diagonal prior. Counts go to ca (for pa) and cb (for pb). */
static int estep(padan_learner *l, int model2, float *ca, float *cb, double *w) {
  size_t go = 0;
  int rc = corp_rewind(l);
  for (size_t k = 0; k < l->npairs && !rc; k++) {
    prec r;
    const uint32_t *g;
    if ((rc = corp_read(l, &r)) != PADAN_OK)
      break;
    if (!trained(&r))
      continue;
    if ((rc = pair_grid(l, k, &r, &go, &g)) != PADAN_OK)
      break;
    size_t m = r.m, n = r.n, W = n + 1;
    /* A: each English word j from an Indonesian word i or NULL (i = 0) */
    for (size_t j = 1; j <= n; j++) {
      double z = 0, dz = 0;
      if (model2)
        for (size_t i = 1; i <= m; i++)
          dz += diag(i, m, j, n);
      for (size_t i = 0; i <= m; i++) {
        double a = !model2 ? 1.0 : i == 0 ? P_NULL : (1 - P_NULL) * diag(i, m, j, n) / dz;
        w[i] = a * l->pa[g[i * W + j]];
        z += w[i];
      }
      if (z <= 0)
        continue;
      for (size_t i = 0; i <= m; i++)
        ca[g[i * W + j]] += (float)(w[i] / z);
    }
    /* B: each Indonesian word i from an English word j or NULL (j = 0) */
    for (size_t i = 1; i <= m; i++) {
      double z = 0, dz = 0;
      if (model2)
        for (size_t j = 1; j <= n; j++)
          dz += diag(j, n, i, m);
      for (size_t j = 0; j <= n; j++) {
        double a = !model2 ? 1.0 : j == 0 ? P_NULL : (1 - P_NULL) * diag(j, n, i, m) / dz;
        w[j] = a * l->pb[g[i * W + j]];
        z += w[j];
      }
      if (z <= 0)
        continue;
      for (size_t j = 0; j <= n; j++)
        cb[g[i * W + j]] += (float)(w[j] / z);
    }
  }
  return rc;
}

static int mstep(padan_learner *l, float *ca, float *cb) {
  size_t nf = pd_strmap_count(&l->vid) + 1, ne = pd_strmap_count(&l->ven) + 1;
  double *ta = calloc(nf, sizeof *ta), *tb = calloc(ne, sizeof *tb);
  if (!ta || !tb) {
    free(ta), free(tb);
    return PADAN_ENOMEM;
  }
  for (size_t s = 0; s < l->nslots; s++)
    ta[SK_F(l, s)] += ca[s], tb[SK_E(l, s)] += cb[s];
  for (size_t s = 0; s < l->nslots; s++) {
    double x = ta[SK_F(l, s)], y = tb[SK_E(l, s)];
    if (x > 0)
      l->pa[s] = (float)(ca[s] / x);
    if (y > 0)
      l->pb[s] = (float)(cb[s] / y);
  }
  free(ta), free(tb);
  return PADAN_OK;
}

/* ------------------------------------------------------------ alignment */

/* Viterbi links of both directions, symmetrized with grow-diag-final-and. */
static int align_pairs(padan_learner *l) {
  uint8_t *cell = malloc((MAXLEN + 2) * (MAXLEN + 2));
  uint8_t *rowa = malloc(MAXLEN + 2), *cola = malloc(MAXLEN + 2);
  if (!cell || !rowa || !cola) {
    free(cell), free(rowa), free(cola);
    return nomem(l);
  }
  l->aligned = 0, l->trained = 0;
  pd_spool_close(&l->lnk);
  stage(l, "word alignment", 0, 0);
  int rc = corp_rewind(l);
  if (!rc && pd_spool_open(&l->lnk))
    rc = spool_err(l);
  size_t go = 0;
  for (size_t k = 0; k < l->npairs && rc == PADAN_OK; k++) {
    prec r;
    const uint32_t *g;
    l->links.n = 0;
    if ((rc = corp_read(l, &r)) != PADAN_OK)
      break;
    if (!trained(&r)) {
      uint32_t zero = 0;
      if (pd_spool_write(&l->lnk, &zero, sizeof zero))
        rc = spool_err(l);
      continue;
    }
    if ((rc = pair_grid(l, k, &r, &go, &g)) != PADAN_OK)
      break;
    size_t m = r.m, n = r.n, W = n + 1;
    /* cell bits: 1 = direction A link, 2 = direction B link, 4 = in the result */
    memset(cell, 0, m * n);
    for (size_t j = 1; j <= n; j++) {
      double best = P_NULL * l->pa[g[j]];
      size_t bi = 0;
      for (size_t i = 1; i <= m; i++) {
        double v = (1 - P_NULL) * diag(i, m, j, n) * l->pa[g[i * W + j]];
        if (v > best)
          best = v, bi = i;
      }
      if (bi)
        cell[(bi - 1) * n + (j - 1)] |= 1;
    }
    for (size_t i = 1; i <= m; i++) {
      double best = P_NULL * l->pb[g[i * W]];
      size_t bj = 0;
      for (size_t j = 1; j <= n; j++) {
        double v = (1 - P_NULL) * diag(j, n, i, m) * l->pb[g[i * W + j]];
        if (v > best)
          best = v, bj = j;
      }
      if (bj)
        cell[(i - 1) * n + (bj - 1)] |= 2;
    }
    memset(rowa, 0, m);
    memset(cola, 0, n);
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++)
        if ((cell[i * n + j] & 3) == 3)
          cell[i * n + j] |= 4, rowa[i] = 1, cola[j] = 1;
    /* grow-diag */
    for (int added = 1; added;) {
      added = 0;
      for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
          if (!(cell[i * n + j] & 4))
            continue;
          for (int di = -1; di <= 1; di++)
            for (int dj = -1; dj <= 1; dj++) {
              long ni = (long)i + di, nj = (long)j + dj;
              if ((!di && !dj) || ni < 0 || nj < 0 || ni >= (long)m || nj >= (long)n)
                continue;
              uint8_t *c = &cell[(size_t)ni * n + (size_t)nj];
              if ((*c & 3) && !(*c & 4) && (!rowa[ni] || !cola[nj]))
                *c |= 4, rowa[ni] = 1, cola[nj] = 1, added = 1;
            }
        }
    }
    /* final-and */
    for (size_t i = 0; i < m; i++)
      for (size_t j = 0; j < n; j++) {
        uint8_t *c = &cell[i * n + j];
        if ((*c & 3) && !(*c & 4) && !rowa[i] && !cola[j])
          *c |= 4, rowa[i] = 1, cola[j] = 1;
      }
    for (size_t i = 0; i < m && rc == PADAN_OK; i++)
      for (size_t j = 0; j < n; j++)
        if (cell[i * n + j] & 4) {
          uint16_t *p = pd_vec_push(&l->links);
          if (!p) {
            rc = nomem(l);
            break;
          }
          p[0] = (uint16_t)i, p[1] = (uint16_t)j;
        }
    uint32_t cnt = (uint32_t)l->links.n;
    if (!rc && (pd_spool_write(&l->lnk, &cnt, sizeof cnt) ||
                pd_spool_write(&l->lnk, l->links.p, l->links.n * 2 * sizeof(uint16_t))))
      rc = spool_err(l);
  }
  if (!rc)
    l->aligned = l->npairs, l->trained = 1;
  free(cell), free(rowa), free(cola);
  return rc;
}

int padan_learner_train(padan_learner *l, int m1, int m2) {
  l->err[0] = 0;
  int rc = build_grids(l);
  if (rc)
    return rc;
  diag_init();
  float *ca = malloc((l->nslots + 1) * sizeof *ca), *cb = malloc((l->nslots + 1) * sizeof *cb);
  double *w = malloc((MAXLEN + 2) * sizeof *w);
  if (!ca || !cb || !w) {
    free(ca), free(cb), free(w);
    return nomem(l);
  }
  for (int it = 0; it < m1 + m2 && rc == PADAN_OK; it++) {
    memset(ca, 0, l->nslots * sizeof *ca);
    memset(cb, 0, l->nslots * sizeof *cb);
    stage(l, "EM iteration %d of %d", it + 1, m1 + m2);
    rc = estep(l, it >= m1, ca, cb, w);
    if (!rc && mstep(l, ca, cb))
      rc = nomem(l);
  }
  free(ca), free(cb), free(w);
  if (!rc)
    rc = align_pairs(l);
  return rc;
}

/* ------------------------------------------------------------ model files */

/* The model file format written and read: '#padan-learn-model N' heads it. */
#define MODEL_VERSION 1

int padan_learner_save(padan_learner *l, const char *path) {
  pd_atomic at;
  if (pd_atomic_open(&at, path)) {
    snprintf(l->err, sizeof l->err, "%s: cannot write: %s", path, strerror(errno));
    return PADAN_EIO;
  }
  fprintf(at.fp, "#padan-learn-model %d\tid\ten\tp_en_given_id\tp_id_given_en\n", MODEL_VERSION);
  for (size_t s = 0; s < l->nslots; s++) {
    if (l->pa[s] < 1e-3f && l->pb[s] < 1e-3f)
      continue; /* prune: keeps the file small, costs nothing measurable */
    const char *f = SK_F(l, s) ? pd_strmap_str(&l->vid, SK_F(l, s), NULL) : "";
    const char *e = SK_E(l, s) ? pd_strmap_str(&l->ven, SK_E(l, s), NULL) : "";
    fprintf(at.fp, "%s\t%s\t%.6g\t%.6g\n", f, e, l->pa[s], l->pb[s]);
  }
  if (pd_atomic_commit(&at)) {
    snprintf(l->err, sizeof l->err, "%s: write failed: %s", path, strerror(errno));
    return PADAN_EIO;
  }
  return PADAN_OK;
}

int padan_learner_load(padan_learner *l, const char *path) {
  char *data;
  size_t len;
  int rc = pd_read_file(path, &data, &len);
  if (rc) {
    snprintf(l->err, sizeof l->err, "%s: %s", path,
             rc == PADAN_EIO ? strerror(errno) : padan_strerror(rc));
    return rc;
  }
  if (len < 19 || memcmp(data, "#padan-learn-model ", 19) != 0) {
    snprintf(l->err, sizeof l->err, "%s:1: not a padan learn model", path);
    free(data);
    return PADAN_EFORMAT;
  }
  /* the version: a model of another format would be read as probabilities
   * (or refused line by line) and then overwritten by the save */
  size_t v = 19, vend = 19;
  while (vend < len && pd_is_ascii_digit((unsigned char)data[vend]))
    vend++;
  if (vend == v || (vend < len && !strchr("\t \r\n", data[vend]))) {
    snprintf(l->err, sizeof l->err, "%s:1: not a padan learn model (no version number)", path);
    free(data);
    return PADAN_EFORMAT;
  }
  while (v + 1 < vend && data[v] == '0')
    v++;
  char want[16];
  int wn = snprintf(want, sizeof want, "%d", MODEL_VERSION);
  if (vend - v != (size_t)wn || memcmp(data + v, want, (size_t)wn) != 0) {
    int shown = vend - v > 20 ? 20 : (int)(vend - v);
    snprintf(l->err, sizeof l->err,
             "%s:1: unsupported model version %.*s%s (this padan reads version %d)", path,
             shown, data + v, vend - v > 20 ? "..." : "", MODEL_VERSION);
    free(data);
    return PADAN_EFORMAT;
  }
  size_t line = 0, i = 0;
  rc = PADAN_OK;
  while (i < len && rc == PADAN_OK) {
    size_t j = i;
    while (j < len && data[j] != '\n')
      j++;
    line++;
    if (j > i && data[i] != '#') {
      char *f = data + i, *t1 = memchr(f, '\t', j - i);
      char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(data + j - t1 - 1)) : NULL;
      char *t3 = t2 ? memchr(t2 + 1, '\t', (size_t)(data + j - t2 - 1)) : NULL;
      if (!t3) {
        snprintf(l->err, sizeof l->err, "%s:%zu: expected 4 TAB-separated fields", path, line);
        rc = PADAN_EFORMAT;
        break;
      }
      data[j] = 0;
      char *end1, *end2;
      double pa = strtod(t2 + 1, &end1), pb = strtod(t3 + 1, &end2);
      if (end1 != t3 || (*end2 && *end2 != '\r') || pa < 0 || pb < 0 || pa > 1 || pb > 1) {
        snprintf(l->err, sizeof l->err, "%s:%zu: bad probability", path, line);
        rc = PADAN_EFORMAT;
        break;
      }
      uint32_t fi = 0, ei = 0, s;
      if ((t1 > f && pd_strmap_intern(&l->vid, f, (size_t)(t1 - f), &fi)) ||
          (t2 > t1 + 1 && pd_strmap_intern(&l->ven, t1 + 1, (size_t)(t2 - t1 - 1), &ei)) ||
          slot_get(l, fi, ei, 0, &s)) {
        rc = nomem(l);
        break;
      }
      l->pa[s] = (float)pa, l->pb[s] = (float)pb;
    }
    i = j + 1;
  }
  free(data);
  if (!rc)
    l->loaded = 1;
  return rc;
}

/* ------------------------------------------------------------ phrase pairs */

static int is_stop(const pd_strmap *stops, const pd_strmap *voc, uint32_t w) {
  size_t len;
  const char *s = pd_strmap_str(voc, w, &len);
  return pd_strmap_find(stops, s, len) != 0;
}

static int is_number(const pd_strmap *voc, uint32_t w) {
  size_t len;
  const char *s = pd_strmap_str(voc, w, &len);
  for (size_t i = 0; i < len; i++)
    if (!pd_is_ascii_digit((unsigned char)s[i]))
      return 0;
  return 1;
}

static void join_words(pd_buf *b, const pd_strmap *voc, const uint32_t *w, size_t n) {
  pd_buf_clear(b);
  for (size_t k = 0; k < n; k++) {
    size_t len;
    const char *s = pd_strmap_str(voc, w[k], &len);
    if (k)
      pd_buf_putc(b, ' ');
    pd_buf_append(b, s, len);
  }
}

typedef struct {
  uint32_t term, phrase; /* ids in terms / phrases maps */
  unsigned count;
} pcount;

static int cmp_learned(const void *x, const void *y) {
  const padan_learned *a = x, *b = y;
  if (a->id_count != b->id_count)
    return a->id_count > b->id_count ? -1 : 1;
  int c = strcmp(a->id_term, b->id_term);
  if (c)
    return c;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return a->count > b->count ? -1 : a->count < b->count;
}

int padan_learner_pairs(padan_learner *l, const char *const *terms, size_t nterms,
                        unsigned flags, unsigned min_count, unsigned top, padan_learned **out,
                        size_t *nout) {
  *out = NULL, *nout = 0;
  if (!l->trained || l->aligned != l->npairs) {
    snprintf(l->err, sizeof l->err, "padan_learner_pairs before padan_learner_train");
    return PADAN_EARG;
  }
  if (!min_count)
    min_count = 1;
  int rc = PADAN_OK;
  pd_strmap tm, ph, pp; /* terms, English phrases, "term\tphrase" pairs */
  pd_strmap_init(&tm), pd_strmap_init(&ph), pd_strmap_init(&pp);
  pd_vec tcount, pcnt, pterm, pphr, ecount;
  pd_vec_init(&tcount, sizeof(unsigned));
  pd_vec_init(&pcnt, sizeof(unsigned));
  pd_vec_init(&pterm, sizeof(uint32_t));
  pd_vec_init(&pphr, sizeof(uint32_t));
  pd_vec_init(&ecount, sizeof(unsigned));
  pd_buf b, b2;
  pd_buf_init(&b), pd_buf_init(&b2);
  uint32_t id;
  /* 1. candidate terms */
  int given = nterms > 0;
  size_t maxg = 0, maxph = 0; /* words in the longest given term, English phrase */
  for (size_t t = 0; t < nterms && !rc; t++) {
    size_t w = 1;
    for (const char *c = terms[t]; *c; c++)
      w += *c == ' ';
    if (w > maxg)
      maxg = w;
    rc = pd_strmap_intern(&tm, terms[t], strlen(terms[t]), &id);
    while (!rc && tcount.n < pd_strmap_count(&tm) + 1)
      rc = pd_vec_push(&tcount) ? PADAN_OK : PADAN_ENOMEM;
  }
  prec pr; /* the pair read last */
  /* counts of n-grams (given terms: only those) */
  stage(l, "phrase pairs, pass %d of %d", 1, 3);
  if (!rc)
    rc = corp_rewind(l);
  for (size_t k = 0; k < l->npairs && !rc; k++) {
    if ((rc = corp_read(l, &pr)) != PADAN_OK || pr.anchor)
      continue;
    size_t m = pr.m;
    const uint32_t *f = pr.f;
    for (size_t i = 0; i < m && !rc; i++)
      for (size_t len = 1; len <= MAX_NGRAM && i + len <= m && !rc; len++) {
        int words = given && (flags & PADAN_LEARN_WORDS) && len == 1;
        if (given && !words && len > maxg)
          break; /* no given term is that long */
        if (!given || words) {
          int bad = is_stop(&l->stop_id, &l->vid, f[i]) ||
                    is_stop(&l->stop_id, &l->vid, f[i + len - 1]) ||
                    is_number(&l->vid, f[i]) || is_number(&l->vid, f[i + len - 1]);
          if (bad && !given)
            continue;
          if (bad)
            words = 0; /* only as a given term */
        }
        join_words(&b, &l->vid, f + i, len);
        id = given ? pd_strmap_find(&tm, b.p, b.len) : 0;
        if (!id) {
          if (given && !words)
            continue;
          rc = pd_strmap_intern(&tm, b.p, b.len, &id);
          while (!rc && tcount.n < pd_strmap_count(&tm) + 1)
            rc = pd_vec_push(&tcount) ? PADAN_OK : PADAN_ENOMEM;
        }
        if (!rc)
          PD_VEC_AT(&tcount, unsigned, id)++;
      }
  }
  /* 2. the English phrase each occurrence is aligned to */
  int16_t *amin = malloc(MAXLEN * sizeof *amin), *amax = malloc(MAXLEN * sizeof *amax);
  int16_t *emin = malloc(MAXLEN * sizeof *emin), *emax = malloc(MAXLEN * sizeof *emax);
  if (!amin || !amax || !emin || !emax)
    rc = PADAN_ENOMEM;
  stage(l, "phrase pairs, pass %d of %d", 2, 3);
  if (!rc)
    rc = corp_rewind(l);
  if (!rc && l->npairs && pd_spool_rewind(&l->lnk))
    rc = spool_err(l);
  for (size_t k = 0; k < l->npairs && !rc; k++) {
    uint32_t cnt;
    if ((rc = corp_read(l, &pr)) != PADAN_OK)
      break;
    if (pd_spool_read(&l->lnk, &cnt, sizeof cnt)) {
      rc = spool_err(l);
      break;
    }
    if (vec_fit(&l->links, cnt)) {
      rc = PADAN_ENOMEM;
      break;
    }
    if (pd_spool_read(&l->lnk, l->links.p, (size_t)cnt * 2 * sizeof(uint16_t))) {
      rc = spool_err(l);
      break;
    }
    if (!trained(&pr) || pr.anchor)
      continue;
    size_t m = pr.m, n = pr.n;
    const uint32_t *f = pr.f, *e = pr.e;
    const uint16_t *L = l->links.p;
    size_t l0 = 0, l1 = cnt;
    /* per id word: span of aligned en words; per en word: span of aligned id words */
    for (size_t i = 0; i < m; i++)
      amin[i] = INT16_MAX, amax[i] = -1;
    for (size_t j = 0; j < n; j++)
      emin[j] = INT16_MAX, emax[j] = -1;
    for (size_t x = l0; x < l1; x++) {
      int16_t i = (int16_t)L[2 * x], j = (int16_t)L[2 * x + 1];
      if (j < amin[i]) amin[i] = j;
      if (j > amax[i]) amax[i] = j;
      if (i < emin[j]) emin[j] = i;
      if (i > emax[j]) emax[j] = i;
    }
    for (size_t i = 0; i < m && !rc; i++)
      for (size_t len = 1; len <= MAX_NGRAM && i + len <= m && !rc; len++) {
        join_words(&b, &l->vid, f + i, len);
        uint32_t t = pd_strmap_find(&tm, b.p, b.len);
        if (!t || PD_VEC_AT(&tcount, unsigned, t) < min_count)
          continue;
        int j1 = INT16_MAX, j2 = -1;
        for (size_t x = i; x < i + len; x++) {
          if (amin[x] < j1) j1 = amin[x];
          if (amax[x] > j2) j2 = amax[x];
        }
        if (j2 < 0)
          continue; /* nothing aligned */
        int ok = 1;
        for (int j = j1; j <= j2 && ok; j++)
          if (emax[j] >= 0 && (emin[j] < (int)i || emax[j] >= (int)(i + len)))
            ok = 0; /* an English word inside is aligned outside the term */
        if (!ok)
          continue;
        int k1 = j1, k2 = j2;
        while (k1 <= k2 && is_stop(&l->stop_en, &l->ven, e[k1]))
          k1++;
        while (k2 >= k1 && is_stop(&l->stop_en, &l->ven, e[k2]))
          k2--;
        if (k1 <= k2)
          j1 = k1, j2 = k2;
        else if (j1 != j2)
          continue; /* function words only; a single one ("said") is kept */
        if (j2 - j1 + 1 > MAX_EN_PHRASE)
          continue;
        join_words(&b2, &l->ven, e + j1, (size_t)(j2 - j1 + 1));
        if ((size_t)(j2 - j1 + 1) > maxph)
          maxph = (size_t)(j2 - j1 + 1);
        uint32_t p;
        rc = pd_strmap_intern(&ph, b2.p, b2.len, &p);
        while (!rc && ecount.n < pd_strmap_count(&ph) + 1)
          rc = pd_vec_push(&ecount) ? PADAN_OK : PADAN_ENOMEM;
        if (rc)
          break;
        pd_buf_putc(&b, '\t');
        pd_buf_append(&b, b2.p, b2.len);
        uint32_t q;
        rc = pd_strmap_intern(&pp, b.p, b.len, &q);
        while (!rc && pcnt.n < pd_strmap_count(&pp) + 1) {
          unsigned *c = pd_vec_push(&pcnt);
          uint32_t *pt = pd_vec_push(&pterm), *pf = pd_vec_push(&pphr);
          if (!c || !pt || !pf)
            rc = PADAN_ENOMEM;
          else
            *pt = t, *pf = p;
        }
        if (!rc)
          PD_VEC_AT(&pcnt, unsigned, q)++;
      }
  }
  free(amin), free(amax), free(emin), free(emax);
  /* 3. occurrences of each English phrase in the English text, for Dice */
  stage(l, "phrase pairs, pass %d of %d", 3, 3);
  if (!rc && maxph)
    rc = corp_rewind(l);
  for (size_t k = 0; k < l->npairs && !rc && maxph; k++) {
    if ((rc = corp_read(l, &pr)) != PADAN_OK || pr.anchor)
      continue;
    size_t n = pr.n;
    const uint32_t *e = pr.e;
    for (size_t j = 0; j < n; j++)
      for (size_t len = 1; len <= maxph && j + len <= n; len++) {
        join_words(&b2, &l->ven, e + j, len);
        uint32_t p = pd_strmap_find(&ph, b2.p, b2.len);
        if (p)
          PD_VEC_AT(&ecount, unsigned, p)++;
      }
  }
  /* 4. results: best `top` phrases of each term */
  padan_learned *res = NULL;
  size_t nres = 0;
  if (!rc) {
    res = malloc((pcnt.n + 1) * sizeof *res);
    if (!res)
      rc = PADAN_ENOMEM;
  }
  for (size_t q = 1; !rc && q < pcnt.n; q++) {
    unsigned c = PD_VEC_AT(&pcnt, unsigned, q);
    if (c < min_count)
      continue;
    uint32_t t = PD_VEC_AT(&pterm, uint32_t, q), p = PD_VEC_AT(&pphr, uint32_t, q);
    unsigned ct = PD_VEC_AT(&tcount, unsigned, t), ce = PD_VEC_AT(&ecount, unsigned, p);
    uint32_t s1, s2;
    const char *ts = pd_strmap_str(&tm, t, NULL), *es = pd_strmap_str(&ph, p, NULL);
    if (pd_strmap_intern(&l->out, ts, strlen(ts), &s1) ||
        pd_strmap_intern(&l->out, es, strlen(es), &s2)) {
      rc = PADAN_ENOMEM;
      break;
    }
    padan_learned *r = &res[nres++];
    r->id_term = pd_strmap_str(&l->out, s1, NULL);
    r->en_term = pd_strmap_str(&l->out, s2, NULL);
    r->count = c, r->id_count = ct;
    r->score = 2.0 * c / ((double)ct + (double)(ce > c ? ce : c));
  }
  if (!rc) {
    qsort(res, nres, sizeof *res, cmp_learned);
    size_t w = 0, kept = 0;
    for (size_t r = 0; r < nres; r++) {
      if (!w || strcmp(res[r].id_term, res[w - 1].id_term) != 0)
        kept = 0;
      if (top && kept >= top)
        continue;
      res[w++] = res[r];
      kept++;
    }
    nres = w;
    *out = res, *nout = nres;
    res = NULL;
  }
  free(res);
  pd_strmap_free(&tm), pd_strmap_free(&ph), pd_strmap_free(&pp);
  pd_vec_free(&tcount), pd_vec_free(&pcnt), pd_vec_free(&pterm), pd_vec_free(&pphr);
  pd_vec_free(&ecount);
  pd_buf_free(&b), pd_buf_free(&b2);
  return rc == PADAN_ENOMEM ? nomem(l) : rc;
}
