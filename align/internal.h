/* Internal helpers of align/ (not installed). */
#ifndef PD_ALIGN_INTERNAL_H
#define PD_ALIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "common/util.h"

enum { PD_AW_WORD = 1, PD_AW_NUMBER = 2, PD_AW_PUNCT = 3 };

/* Calls fn for each word of s: ASCII-lower-cased letters and digits (bytes
 * >= 0x80 count as letters), hyphens and apostrophes inside words kept, the
 * separators of numbers dropped (1.000 and 1,000 both give 1000), and the
 * punctuation marks ? ! " ( : ; % as one-byte tokens. The word passed to fn
 * is valid only during the call. Stops at the first nonzero return of fn. */
typedef int (*pd_align_word_fn)(void *ctx, const char *w, size_t len, int kind);
int pd_align_words(const char *s, size_t len, pd_align_word_fn fn, void *ctx);

/* Interns the words of s (kinds WORD and NUMBER) into voc; stores up to max
 * ids in ids and the total word count in *n. */
int pd_align_words_ids(pd_strmap *voc, const char *s, size_t len, uint32_t *ids, size_t max,
                       size_t *n);

/* Open-addressing map (u32, u32) -> float. Key 0 is empty, so ids must be > 0. */
typedef struct {
  uint64_t *keys;
  float *vals;
  size_t nslots, n;
} pd_align_cooc;

int pd_align_cooc_init(pd_align_cooc *c, size_t slots); /* slots: a power of two */
void pd_align_cooc_free(pd_align_cooc *c);
/* Adds x to the count of (u, v[k]) for every k < n; the slots of a row are
 * fetched in groups, so that their cache misses overlap. */
int pd_align_cooc_add_row(pd_align_cooc *c, uint32_t u, const uint32_t *v, size_t n, float x);
/* Pointer to the value of (u, v), or NULL when absent. */
float *pd_align_cooc_get(const pd_align_cooc *c, uint32_t u, uint32_t v);

#endif
