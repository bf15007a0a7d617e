/* padan — alignment of parallel Indonesian–English text.
 *
 * Sentence alignment (padan_align_sentences): a Gale–Church length model plus
 * lexical anchors (numbers, identical words and names, punctuation, word pairs
 * given by the caller, e.g. from a lexicon, and word pairs learned from the two
 * texts themselves in a second pass) in a dynamic program over 1-1, 1-0, 0-1,
 * 1-2, 2-1 and 2-2 beads. The search is restricted to a band around the
 * diagonal (widened where the best path touches the band edge), so memory is
 * linear in the number of sentences.
 *
 * Word alignment (padan_learner_*): IBM Model 1 then a fast_align-style IBM
 * Model 2 with a diagonal prior, in both directions, symmetrized with
 * grow-diag-final-and; from the alignments, scored phrase pairs.
 */
#ifndef PADAN_ALIGN_H
#define PADAN_ALIGN_H

#include <padan/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------- sentence alignment */

/* One sentence: a slice of UTF-8 text (not necessarily NUL-terminated). */
typedef struct padan_align_sent {
  const char *s;
  size_t len;
} padan_align_sent;

/* One bead of the alignment: id sentences [id_first, id_first + id_n) are the
 * translation of en sentences [en_first, en_first + en_n). Indexes are 0-based;
 * id_n and en_n are 0, 1 or 2 (never both 0). Beads come in text order and
 * cover every sentence of both sides exactly once. */
typedef struct padan_align_bead {
  size_t id_first, id_n;
  size_t en_first, en_n;
  double score; /* confidence in (0, 1): higher is better */
} padan_align_bead;

enum padan_align_option {
  PADAN_ALIGN_LENGTH_ONLY = 1 << 0, /* Gale–Church length model alone (a baseline) */
  PADAN_ALIGN_NO_REALIGN = 1 << 1   /* skip the second pass with learned word pairs */
};

typedef struct padan_aligner padan_aligner;

/* Creates a sentence aligner. Release with padan_aligner_free. */
int padan_aligner_new(padan_aligner **out);
void padan_aligner_free(padan_aligner *a); /* NULL is a no-op */

/* enum padan_align_option bits (default 0: lexical anchors and realign on). */
void padan_aligner_set_options(padan_aligner *a, int options);

/* The smallest half-width of the first pass's search band, in sentences
 * (default 24); the second pass, around the first pass's path, starts from
 * half of it (at least 4). The band grows where needed; a small value makes
 * tests of widening possible. */
void padan_aligner_set_band(padan_aligner *a, size_t half_width);

/* Adds a translation pair (Indonesian word, English word), e.g. from a
 * lexicon, used as a lexical anchor. Multiword terms are split into words and
 * paired word by word only when both sides have one word; otherwise ignored.
 * Returns PADAN_OK or PADAN_ENOMEM. */
int padan_aligner_add_pair(padan_aligner *a, const char *id, size_t idlen, const char *en,
                           size_t enlen);

/* Aligns nid Indonesian sentences with nen English sentences. Empty sentences
 * are allowed (they take part as zero-length sentences). On PADAN_OK *beads
 * is a malloc'd array of *nbeads beads: it is the caller's responsibility to
 * free() it. Returns PADAN_OK, PADAN_ENOMEM or PADAN_EARG (NULL arrays with
 * nonzero counts). */
int padan_align_sentences(padan_aligner *a, const padan_align_sent *id, size_t nid,
                          const padan_align_sent *en, size_t nen, padan_align_bead **beads,
                          size_t *nbeads);

/* What the last padan_align_sentences call did. */
typedef struct padan_align_stats {
  size_t band;          /* final band half-width of the last pass */
  size_t widenings;     /* how often a band was widened */
  size_t learned_pairs; /* word pairs learned for the second pass */
  size_t cells;         /* DP cells evaluated in the last pass */
  int passes;           /* 1 or 2 */
} padan_align_stats;

void padan_aligner_stats(const padan_aligner *a, padan_align_stats *st);

/* Detailed message of the last failure on this handle (static until the next call). */
const char *padan_aligner_errmsg(const padan_aligner *a);

/* ----------------------------------------- windowed sentence alignment */

/* Aligns two long documents window by window with bounded memory. The two
 * sides are fed sentence by sentence, in step; when each side holds a window
 * of sentences (or has ended), the window is aligned with
 * padan_align_sentences, the beads in roughly its first two thirds are
 * committed (handed out by padan_align_stream_next) and the rest is carried
 * into the next window. A window that is not the last need not end in its
 * corner: its path ends where the least cost lies once the sentences after it
 * are counted as deleted, so one side running ahead of the other within a
 * window costs no band widening. Memory is bounded by the window (plus the aligner's
 * vocabulary), not by the documents. Documents that fit in one window are
 * aligned in one call, exactly as padan_align_sentences aligns them.
 *
 * Typical use (side 0 = Indonesian, 1 = English):
 *
 *   padan_align_stream *st;
 *   padan_align_stream_new(aligner, 0, &st);          // default window
 *   for (;;) {
 *     int side = padan_align_stream_want(st);       // -1: both full or ended
 *     if (side >= 0) {
 *       if (more sentences on that side) padan_align_stream_add(st, side, s, len);
 *       else padan_align_stream_end(st, side);
 *     }
 *     padan_align_bead b;
 *     const padan_align_sent *ids, *ens;
 *     int r;
 *     while ((r = padan_align_stream_next(st, &b, &ids, &ens)) == 1)
 *       use(b, ids, ens);                           // b.id_n sentences in ids...
 *     if (r < 0) error: padan_aligner_errmsg(aligner);
 *     if (padan_align_stream_done(st)) break;
 *   }
 *   padan_align_stream_free(st);
 *
 * The aligner's options, band and word pairs apply to every window; do not use
 * the aligner for anything else while the stream is alive. Errors leave their
 * message in padan_aligner_errmsg(aligner). */
typedef struct padan_align_stream padan_align_stream;

/* window: sentences per side in a window (0 = the default, 5000; values below
 * 16 are raised to 16). Release with padan_align_stream_free. Returns PADAN_OK
 * or PADAN_ENOMEM. */
int padan_align_stream_new(padan_aligner *a, size_t window, padan_align_stream **out);
/* The window for a document given as one long line pair (check --lines and
 * learn on a line over 1 MiB): smaller than the default, as the DP of a window
 * is most of the memory such a pair costs (a 6 MB line pair: 143 MB with
 * 5000, 78 MB with 1000). */
#define PADAN_ALIGN_DOC_WINDOW 1000
void padan_align_stream_free(padan_align_stream *st); /* NULL is a no-op */

/* Adds the next sentence of side 0 (Indonesian) or 1 (English); the text is
 * copied. Sentences are numbered from 0 per side in the order added. Returns
 * PADAN_OK, PADAN_ENOMEM or PADAN_EARG (a bad side, or the side has ended). */
int padan_align_stream_add(padan_align_stream *st, int side, const char *s, size_t len);

/* Marks the end of a side (no more sentences). Both sides must end for the
 * last beads to come out. */
void padan_align_stream_end(padan_align_stream *st, int side);

/* The side that should get the next sentence: the one holding fewer
 * sentences among those not ended and not full (a window of sentences, or 64
 * MiB of text); -1 when none: call padan_align_stream_next. Feeding the side
 * it names keeps memory bounded; feeding one side only does not. */
int padan_align_stream_want(const padan_align_stream *st);

/* Sentences a side holds (added, not yet handed out in a bead). */
size_t padan_align_stream_held(const padan_align_stream *st, int side);

/* The next committed bead, in text order: returns 1 and fills *bead (indexes
 * count from the first sentence of the stream) and *id / *en (the bead's
 * bead->id_n and bead->en_n sentences; either may be NULL when its count is
 * 0); valid until the next call on the stream. Returns 0 when no bead is ready
 * (add more, or end both sides), or a negative status (PADAN_ENOMEM). A window
 * (at most `window` sentences a side, from the first held) is aligned inside
 * this call when both sides are full or ended; a side may hold more than a
 * window (e.g. a whole piece of text added at once), the next windows then
 * follow without more input. */
int padan_align_stream_next(padan_align_stream *st, padan_align_bead *bead,
                            const padan_align_sent **id, const padan_align_sent **en);

/* 1 when both sides have ended and every bead was handed out. */
int padan_align_stream_done(const padan_align_stream *st);

/* Windows aligned so far. */
size_t padan_align_stream_windows(const padan_align_stream *st);

/* ---------------------------------------------------- word alignment */

typedef struct padan_learner padan_learner;

/* Creates a learner. Release with padan_learner_free. */
int padan_learner_new(padan_learner **out);
void padan_learner_free(padan_learner *l); /* NULL is a no-op */
const char *padan_learner_errmsg(const padan_learner *l);

/* A function word of language "id" or "en": phrases may not start or end
 * with one (they are trimmed from English phrases). */
int padan_learner_add_stopword(padan_learner *l, const char *lang, const char *w, size_t len);

/* Adds one sentence pair of the training text. Words are lower-cased; pairs
 * with more than 200 words on a side take part in the term counts but not in
 * training or alignment. */
int padan_learner_add(padan_learner *l, const char *id, size_t idlen, const char *en,
                      size_t enlen);

/* Adds a translation pair known in advance (e.g. a lexicon entry) as a tiny
 * sentence pair that takes part in training only (not in the term counts or
 * phrase pairs), as GIZA++ users add dictionaries. */
int padan_learner_add_anchor(padan_learner *l, const char *id, size_t idlen, const char *en,
                             size_t enlen);

/* Trains the word alignment by EM: m1 iterations of IBM Model 1, then m2 of a
 * fast_align-style Model 2 with a diagonal prior, in both directions. When a
 * model was loaded, training starts from it. Then aligns every pair (Viterbi,
 * both directions, grow-diag-final-and). */
int padan_learner_train(padan_learner *l, int m1, int m2);

/* Progress of the passes over the training pairs (building the word-pair
 * table, each EM iteration, the word alignment, the three passes of
 * padan_learner_pairs): fn(ud, stage, done, total) with the pass's name
 * ("EM iteration 3 of 10"), the pairs read and all pairs, at the start of a
 * pass, every 65,536 pairs and at its end. fn NULL: no reports (the default). */
typedef void (*padan_learner_progress_fn)(void *ud, const char *stage, size_t done, size_t total);
void padan_learner_set_progress(padan_learner *l, padan_learner_progress_fn fn, void *ud);

/* Saves / loads the translation tables (a TSV text file). */
int padan_learner_save(padan_learner *l, const char *path);
int padan_learner_load(padan_learner *l, const char *path);

/* One learned pair; strings belong to the learner (valid until it is freed). */
typedef struct padan_learned {
  const char *id_term, *en_term;
  double score;   /* Dice of the term and the phrase it is aligned to */
  unsigned count; /* times the term was aligned to the phrase */
  unsigned id_count; /* occurrences of the term */
} padan_learned;

enum padan_learn_flag {
  PADAN_LEARN_WORDS = 1 << 0 /* with given terms: also every frequent single word */
};

/* Phrase pairs for Indonesian terms: the given terms (lower-cased, words
 * separated by one space; with PADAN_LEARN_WORDS also every single word seen
 * min_count times that is not a stop word), or when nterms is 0 every 1- to
 * 4-word n-gram seen at least min_count times without a stop word or number at
 * its edges. For each term, up to `top` pairs (0 = all) with count >=
 * min_count, best first; terms in order of frequency. *out is malloc'd: it is
 * the caller's responsibility to free() it (not the strings). */
int padan_learner_pairs(padan_learner *l, const char *const *terms, size_t nterms,
                        unsigned flags, unsigned min_count, unsigned top, padan_learned **out,
                        size_t *n);

#ifdef __cplusplus
}
#endif
#endif
