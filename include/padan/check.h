/* padan — term-consistency checks.
 *
 * Bilingual (padan_check_pairs): for every Indonesian–English sentence pair,
 * every curated lexicon term found in the Indonesian sentence (conservative
 * lemma keys over token n-grams, longest match first) needs one of its
 * approved English forms (preferred or admitted; case and English plurals
 * -s/-es/-ies tolerated) in the English sentence. Findings: "missing" (no
 * approved form; `found` holds what the translation seems to use instead when
 * it can tell), "deprecated" (a deprecated English form instead), and
 * "inconsistent" (one Indonesian concept rendered several ways across the
 * document; `forms` holds each rendering with its count).
 *
 * Source side (padan_check_variants_add + padan_check_variants): one concept
 * written several ways in a batch of Indonesian documents: "spelling"
 * (hyphenation/spacing variants: Il Sung / Il-sung), "order" (the same words
 * in another order), "variants" (full name, short form and acronym of one
 * lexicon concept), "near-miss" (a spelling within a small edit distance of a
 * lexicon term or of a frequent term of the batch), "deprecated" (a
 * deprecated Indonesian lexicon form).
 *
 * Base-dictionary concepts (PADAN_LEXICON_BASE) are never used as approved
 * terms. Findings and their strings belong to the checker and stay valid
 * until the next check call on it or padan_checker_free.
 */
#ifndef PADAN_CHECK_H
#define PADAN_CHECK_H

#include <padan/common.h>
#include <padan/lexicon.h>

#ifdef __cplusplus
extern "C" {
#endif

enum padan_check_kind {
  PADAN_CHECK_MISSING = 1,
  PADAN_CHECK_DEPRECATED,
  PADAN_CHECK_INCONSISTENT,
  PADAN_CHECK_SPELLING,
  PADAN_CHECK_ORDER,
  PADAN_CHECK_VARIANTS,
  PADAN_CHECK_NEARMISS
};

/* "missing", "deprecated", "inconsistent", "spelling", "order", "variants",
 * "near-miss"; "?" when out of range. Static. */
const char *padan_check_kind_name(int kind);

/* padan_check_pairs options */
#define PADAN_CHECK_LINES 1u /* line-aligned input: line i pairs with line i */

/* A byte range to highlight, relative to the finding's id_text or en_text. */
typedef struct padan_check_mark {
  size_t start, len;
} padan_check_mark;

/* One written form (variants) or rendering (inconsistent) with its count and
 * the location of its first occurrence (file "" and line of the English
 * side's line for renderings). */
typedef struct padan_check_form {
  const char *form;
  size_t count;
  const char *file;
  size_t line;
} padan_check_form;

typedef struct padan_check_finding {
  int kind;                /* enum padan_check_kind */
  const char *concept;     /* lexicon concept id, "" when none */
  const char *id_term;     /* bilingual: the lexicon's Indonesian term that was found (see
                              id_form); variants: the most frequent form */
  const char *expected;    /* bilingual: the preferred English term; variants: the lexicon's
                              preferred Indonesian form, "" when unknown */
  const char *found;       /* bilingual: what the translation used ("" when unknown);
                              inconsistent: "A (3); B (1)" */
  const padan_check_form *forms; /* inconsistent and variant kinds: forms, most frequent first */
  size_t nforms;
  const char *id_lines;    /* bilingual: 1-based lines, comma-separated ("" for variants) */
  const char *en_lines;
  const char *file;        /* example location: file ("" in bilingual checks) and 1-based line */
  size_t line;
  const char *id_text;     /* example context: the Indonesian sentence(s) or source line */
  const char *en_text;     /* the English sentence(s); "" for variants */
  const padan_check_mark *id_marks;
  size_t nid_marks;
  const padan_check_mark *en_marks;
  size_t nen_marks;
  const char *id_form;     /* bilingual: the Indonesian term as written in the text ("" else) */
} padan_check_finding;

typedef struct padan_checker padan_checker;

/* A checker using the curated concepts of `lex` (not owned: it must outlive
 * the checker and not change while in use). Release with padan_checker_free.
 * Returns PADAN_OK, PADAN_ENOMEM or PADAN_EARG. */
int padan_checker_new(padan_lexicon *lex, padan_checker **out);
void padan_checker_free(padan_checker *c); /* NULL is a no-op */
const char *padan_checker_errmsg(const padan_checker *c);

/* Progress of the passes over a variants batch (padan_check_variants_end
 * reads the spooled batch three times): fn(ud, stage, done, total) with the
 * pass ("variants pass 2 of 3") and the units read of all (a unit is about
 * 64 KiB of text), at each pass's start, every 256 units and at its end.
 * fn NULL: none (the default). */
void padan_checker_set_progress(padan_checker *c,
                                void (*fn)(void *ud, const char *stage, size_t done, size_t total),
                                void *ud);

/* Checks an Indonesian text against its English translation (UTF-8; with
 * PADAN_CHECK_LINES line i pairs with line i, else both are split into
 * sentences and aligned with padan_align_sentences). Replaces the checker's
 * findings. Returns PADAN_OK or a negative status. */
int padan_check_pairs(padan_checker *c, const char *id, size_t idlen, const char *en,
                      size_t enlen, unsigned options);

/* Streaming bilingual check, for inputs too large to hold: the pairs are
 * given twice, in the same order. The first pass gathers what findings depend
 * on document-wide (which English words stand in for a missed term, how each
 * concept is rendered); the second reports each "missing" and "deprecated"
 * finding through `emit` as its pair is given (the finding and its strings
 * are valid during the call only; a non-zero return stops the check and is
 * returned by padan_check_pairs_add). "inconsistent" findings (one per
 * concept, with counts and the first use of its rarest rendering as example)
 * become the checker's findings at padan_check_pairs_finish
 * (padan_check_count/padan_check_get). The findings, their order and content
 * are those of padan_check_pairs on the whole texts.
 *
 *   padan_check_pairs_begin(c, PADAN_CHECK_LINES, emit, ud);
 *   for each line pair: padan_check_pairs_add(c, id, idlen, en, enlen);
 *   padan_check_pairs_rewind(c, &n);   n: findings the second pass reports in all
 *   for each line pair again: padan_check_pairs_add(...);   emit is called
 *   padan_check_pairs_finish(c);
 *
 * Memory grows with the vocabulary, the concepts found and their renderings
 * (and holds one example pair per inconsistent concept), not with the number
 * of pairs. With PADAN_CHECK_LINES each padan_check_pairs_add call adds line i of
 * both sides (without its line end; a trailing CR is dropped). en == NULL
 * means the English side has no such line (en_line ""); id == NULL or an
 * empty id is a pair without Indonesian (no finding). */
typedef int (*padan_check_emit_fn)(void *ud, const padan_check_finding *f);
int padan_check_pairs_begin(padan_checker *c, unsigned options, padan_check_emit_fn emit,
                            void *ud);
int padan_check_pairs_add(padan_checker *c, const char *id, size_t idlen, const char *en,
                          size_t enlen);
/* Sentence mode (options without PADAN_CHECK_LINES): each side is given in
 * pieces of whole lines (side 0 Indonesian, 1 English; last = 1 with the
 * side's final piece, which may be empty), split into sentences (the last
 * sentence of a piece waits for the next piece) and aligned window by window
 * (padan_align_stream, default window): pairs are checked as beads are
 * committed. Give each piece to the side padan_check_pairs_want names (-1:
 * both sides have ended) to keep memory bounded; then rewind and give the
 * same pieces again. Texts that fit in one window are aligned as
 * padan_check_pairs aligns them; longer ones may differ slightly where the
 * windows join. PADAN_ELIMIT when the windowed aligner commits no bead from
 * a full window (the texts cannot be streamed: check them whole).
 * With PADAN_CHECK_LINES, a line pair too long to hold (a document on one
 * line) may be given with padan_check_pairs_text instead of
 * padan_check_pairs_add: the first part of each side, then the parts of the
 * side padan_check_pairs_want names until it returns -1 (last = 1 with each
 * side's final part; text NULL, len 0, last 1: the side has no such line).
 * The pair is split into sentences and aligned as in sentence mode; each
 * bead is checked as a pair, its id_line and en_line the pair's line number. */
int padan_check_pairs_text(padan_checker *c, int side, const char *text, size_t len, int last);
int padan_check_pairs_want(const padan_checker *c);
/* Ends the first pass; *nfindings (may be NULL) receives the number of
 * findings of the second pass and finish together. */
int padan_check_pairs_rewind(padan_checker *c, size_t *nfindings);
/* Ends the second pass (PADAN_EARG when it saw another number of pairs). */
int padan_check_pairs_finish(padan_checker *c);

/* Adds one Indonesian document (name is used in locations) to the batch of
 * the next padan_check_variants call, whole (as one piece, then
 * padan_check_variants_end_doc). */
int padan_check_variants_add(padan_checker *c, const char *name, const char *text, size_t len);
/* Adds a document in pieces (each ending between words, as
 * padan_terms_add_piece takes them; name is taken from the first piece):
 * the final sentences of what has come are written to a temporary file and
 * dropped from memory; padan_check_variants_end_doc ends the document.
 * Memory grows with the batch's distinct forms and word n-grams, not with
 * its text; the findings are those of the whole texts. */
int padan_check_variants_add_piece(padan_checker *c, const char *name, const char *text,
                                   size_t len);
int padan_check_variants_end_doc(padan_checker *c);
/* Finds source-side variants in the documents added so far (which are then
 * forgotten). Replaces the checker's findings. */
int padan_check_variants(padan_checker *c);

/* The findings of the last check. */
size_t padan_check_count(const padan_checker *c);
const padan_check_finding *padan_check_get(const padan_checker *c, size_t i);

#ifdef __cplusplus
}
#endif
#endif
