/* report/: internals shared by the glossary builder, composer and writers. */
#ifndef PD_GLOSS_INT_H
#define PD_GLOSS_INT_H

#include <padan/glossary.h>
#include <padan/lexicon.h>
#include "common/util.h"

/* The best lexicon hit for an Indonesian text: stages exact, case, lemma (and
 * fuzzy when `fuzzy`), each tried in turn; the first stage with a curated hit
 * wins; when no stage has one, the first base hit (when `allow_base`).
 * Returns 1 with *hit set, 0 when nothing matched. *nconcepts receives how many
 * distinct concepts the winning stage matched (ambiguity). */
int pd_gloss_find(padan_lexicon *lex, const char *text, size_t len, int allow_base, int fuzzy,
                  padan_lexicon_hit *hit, size_t *nconcepts);

/* English of a concept: the preferred English term (else the first admitted),
 * never a deprecated one. Returns NULL when the concept has no usable English.
 * When admitted/deprecated are given, the other admitted and the deprecated
 * English terms are appended to them, "|"-separated. *learned is set to 1 when
 * a term of the concept carries the note "learned". */
const char *pd_gloss_english(padan_lexicon *lex, size_t concept, pd_buf *admitted,
                             pd_buf *deprecated, int *learned);

/* Up to `max` English translations of one word from the lexicon (curated
 * hits first, then base ones), each with a weight. Returns the count. */
typedef struct {
  char en[96]; /* the English (a copy; long texts are cut) */
  double w;
  int curated; /* 1 from a curated lexicon (directly or derived from its phrases) */
} pd_gloss_tr;
/* What composition needs of a lexicon, computed once: the curated multiword
 * Indonesian terms (for words derived from the lexicon's phrases). */
typedef struct {
  padan_lexicon *lex;
  uint32_t *mw; /* term indexes */
  size_t nmw;
} pd_gloss_ctx;
int pd_gloss_ctx_init(pd_gloss_ctx *cx, padan_lexicon *lex);
void pd_gloss_ctx_free(pd_gloss_ctx *cx);

size_t pd_gloss_word(pd_gloss_ctx *cx, const char *w, size_t n, pd_gloss_tr *out, size_t max);
/* padan_glossary_compose with a prepared context. */
int pd_gloss_compose(pd_gloss_ctx *cx, const char *text, size_t len, padan_gloss_candidate *out,
                     size_t max, size_t *n);

/* 1 when the concept comes from a base dictionary (loaded with
 * PADAN_LEXICON_BASE, or a dictd file). */
int pd_gloss_is_base(padan_lexicon *lex, size_t concept);

/* 1 when the UTF-8 word starts with an upper-case letter. */
int pd_gloss_capitalized(const char *s, size_t n);

#endif
