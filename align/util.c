/* Small shared pieces of align/: word ids, a pair-count hash map. */
#include "config.h"
#include <padan/common.h>
#include "align/internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  pd_strmap *voc;
  uint32_t *ids;
  size_t max, n;
} idsctx;

static int put_id(void *vctx, const char *w, size_t len, int kind) {
  idsctx *c = vctx;
  if (kind == PD_AW_PUNCT)
    return PADAN_OK;
  uint32_t id;
  if (pd_strmap_intern(c->voc, w, len, &id))
    return PADAN_ENOMEM;
  if (c->n < c->max)
    c->ids[c->n] = id;
  c->n++;
  return PADAN_OK;
}

int pd_align_words_ids(pd_strmap *voc, const char *s, size_t len, uint32_t *ids, size_t max,
                       size_t *n) {
  idsctx c = {voc, ids, max, 0};
  int rc = pd_align_words(s, len, put_id, &c);
  *n = c.n;
  return rc;
}

static uint64_t mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

int pd_align_cooc_init(pd_align_cooc *c, size_t slots) {
  size_t s = 16;
  while (s < slots)
    s <<= 1;
  c->keys = calloc(s, sizeof *c->keys);
  c->vals = calloc(s, sizeof *c->vals);
  c->nslots = s, c->n = 0;
  if (!c->keys || !c->vals) {
    free(c->keys), free(c->vals);
    c->keys = NULL, c->vals = NULL, c->nslots = 0;
    return PADAN_ENOMEM;
  }
  return PADAN_OK;
}

void pd_align_cooc_free(pd_align_cooc *c) {
  free(c->keys), free(c->vals);
  memset(c, 0, sizeof *c);
}

static int grow(pd_align_cooc *c) {
  pd_align_cooc g;
  if (pd_align_cooc_init(&g, c->nslots * 2))
    return PADAN_ENOMEM;
  for (size_t k = 0; k < c->nslots; k++)
    if (c->keys[k]) {
      size_t h = (size_t)mix(c->keys[k]) & (g.nslots - 1);
      while (g.keys[h])
        h = (h + 1) & (g.nslots - 1);
      g.keys[h] = c->keys[k], g.vals[h] = c->vals[k];
    }
  g.n = c->n;
  pd_align_cooc_free(c);
  *c = g;
  return PADAN_OK;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Adds x to the count of (u, v[k]) for every k < n. */
int pd_align_cooc_add_row(pd_align_cooc *c, uint32_t u, const uint32_t *v, size_t n, float x) {
  while ((c->n + n + 1) * 2 > c->nslots)
    if (grow(c))
      return PADAN_ENOMEM;
  /* in groups: the slots of a group are fetched together, so that their
     cache misses overlap instead of coming one after the other */
  enum { GROUP = 16 };
  size_t h[GROUP];
  for (size_t at = 0; at < n; at += GROUP) {
    size_t m = n - at < GROUP ? n - at : GROUP;
    for (size_t k = 0; k < m; k++) {
      h[k] = (size_t)mix((uint64_t)u << 32 | v[at + k]) & (c->nslots - 1);
      PREFETCH(&c->keys[h[k]]);
      PREFETCH(&c->vals[h[k]]);
    }
    for (size_t k = 0; k < m; k++) {
      uint64_t key = (uint64_t)u << 32 | v[at + k];
      size_t s = h[k];
      while (c->keys[s] && c->keys[s] != key)
        s = (s + 1) & (c->nslots - 1);
      if (!c->keys[s])
        c->keys[s] = key, c->n++;
      c->vals[s] += x;
    }
  }
  return PADAN_OK;
}

float *pd_align_cooc_get(const pd_align_cooc *c, uint32_t u, uint32_t v) {
  if (!c->nslots)
    return NULL;
  uint64_t key = (uint64_t)u << 32 | v;
  size_t h = (size_t)mix(key) & (c->nslots - 1);
  while (c->keys[h]) {
    if (c->keys[h] == key)
      return &c->vals[h];
    h = (h + 1) & (c->nslots - 1);
  }
  return NULL;
}
