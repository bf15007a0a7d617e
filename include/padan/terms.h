/* padan — term extraction.
 *
 * Feed documents one at a time with padan_terms_add; only counts are kept
 * (interned word ids, n-gram counts, one short context per candidate). Then
 * padan_terms_rank scores the candidates and groups their variants:
 *
 *   padan_terms *t;
 *   padan_terms_new(&t, NULL);
 *   padan_terms_load_stopwords(t, "dicts/stopwords-id.txt");
 *   for each document: padan_terms_add(t, text, len);
 *     (or, for a document read in pieces: padan_terms_add_piece(t, piece, n)
 *      for each piece, then padan_terms_end_doc(t))
 *   const padan_term *v; size_t n;
 *   padan_terms_rank(t, &v, &n);
 *   ...
 *   padan_terms_free(t);
 *
 * Candidates are word n-grams (1 to max_words) inside a sentence, never across
 * punctuation, numbers, dates or URLs, not starting or ending with a stop
 * word; "X dan Y" and "A B yang C" connectors are allowed by rule. Verbal
 * forms (meN-, di-, and ber-/ter- as a head) are not term words; Hunspell, when
 * given, confirms the stems. Variants are grouped by a conservative lemma key
 * (case, hyphenation and spacing, reduplication, clitics), never by roots.
 * How the score combines C-value, log-likelihood, specificity and document
 * frequency is described in terms/README.md.
 */
#ifndef PADAN_TERMS_H
#define PADAN_TERMS_H

#include <stdio.h>
#include <padan/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct padan_terms_options {
  int max_words;     /* longest candidate in words, 1..6 (default 6) */
  unsigned min_freq; /* keep terms seen at least this often (default 2) */
  size_t top;        /* keep the best N terms, 0 = all (default 0) */
  int context_bytes; /* length of a context snippet (default 100) */
} padan_terms_options;

/* Fills opt with the defaults. */
void padan_terms_options_init(padan_terms_options *opt);

enum padan_term_kind {
  PADAN_TERM_TERM = 0, /* a common-noun term */
  PADAN_TERM_NAME = 1  /* a name: a capitalized sequence (Kim Jong Un, Uni Soviet) */
};

/* One ranked term; every pointer is owned by the padan_terms handle and stays
 * valid until the next padan_terms_add/rank call or padan_terms_free. */
typedef struct padan_term {
  const char *term;      /* the most frequent surface form */
  double score;          /* final rank score (higher is better) */
  double cvalue;         /* C-value */
  double assoc;          /* log-likelihood association (G2) of the weakest link; 0 for one word */
  double spec;           /* domain specificity (log2 ratio to the reference); 0 without one */
  unsigned long freq;    /* occurrences of all variants */
  unsigned long docs;    /* documents it occurs in (summed over variants, at most the document count) */
  int kind;              /* enum padan_term_kind */
  int nwords;            /* words in the naming form */
  const char **variants; /* every surface form, most frequent first */
  const unsigned long *variant_freq;
  size_t nvariants;
  const char *context;   /* a short snippet of one occurrence */
} padan_term;

typedef struct padan_terms padan_terms;

/* Creates an extractor; opt may be NULL for the defaults. Release with padan_terms_free. */
int padan_terms_new(padan_terms **out, const padan_terms_options *opt);
void padan_terms_free(padan_terms *t);

/* The detailed message of the last failure on t ("FILE:LINE: reason"); static "" if none. */
const char *padan_terms_errmsg(const padan_terms *t);

/* Stop words: a file of one word a line (UTF-8, '#' comments), or one word. */
int padan_terms_load_stopwords(padan_terms *t, const char *path);
int padan_terms_add_stopword(padan_terms *t, const char *word, size_t len);

/* A general-language reference: lines "word<TAB>count" (the output of
 * padan_terms_write_counts). Enables domain specificity. PADAN_EIO, PADAN_EFORMAT. */
int padan_terms_load_reference(padan_terms *t, const char *path);

/* Uses the Hunspell dictionary aff/dic (ISO-8859-1 id_ID or UTF-8) to confirm
 * verbal stems. Optional. PADAN_EIO when a file cannot be read, PADAN_EDICT. */
int padan_terms_use_hunspell(padan_terms *t, const char *aff, const char *dic);

/* Adds one whole document (UTF-8; ends a document left open by
 * padan_terms_add_piece first). PADAN_OK, PADAN_ENOMEM, PADAN_EARG. */
int padan_terms_add(padan_terms *t, const char *text, size_t len);

/* A document given in pieces (a file read a block at a time): each call adds
 * the next piece of the open document (the first call opens one), and
 * padan_terms_end_doc closes it. The pieces may be cut anywhere, even inside a
 * word or character: the last sentence of what was given (from the last
 * sentence start that follows white space) is held back until the next piece
 * or the end of the document, so counts, document frequencies,
 * contexts and the ranking are exactly those of the whole text given to
 * padan_terms_add, as long as the held-back text stays under 4 MiB (a longer
 * sentence is counted in parts). Memory: the held-back text plus the piece. The text is copied; the caller keeps its buffer. PADAN_OK,
 * PADAN_ENOMEM, PADAN_EARG. */
int padan_terms_add_piece(padan_terms *t, const char *text, size_t len);

/* Ends the open document (counting its held-back sentence); without an open
 * document it adds an empty one, so "pieces, then end" is always one document.
 * padan_terms_rank, padan_terms_write_counts, padan_terms_write_state and the
 * merge functions end an open document first. */
int padan_terms_end_doc(padan_terms *t);

/* Number of documents and word tokens added so far. */
size_t padan_terms_docs(const padan_terms *t);
unsigned long long padan_terms_tokens(const padan_terms *t);

/* Scores and ranks everything added so far: *terms receives *n terms, best
 * first, ties ordered by term text. The array belongs to t. */
int padan_terms_rank(padan_terms *t, const padan_term **terms, size_t *n);

/* Writes the word counts of everything added ("word<TAB>count" lines, lower
 * case, most frequent first, ties by word), usable as a reference. PADAN_EIO. */
int padan_terms_write_counts(padan_terms *t, FILE *fp);

/* Mergeable counts: writes everything counted so far (word types, candidate
 * n-grams with frequency, document frequency and one context, adjacent pairs)
 * so that shards of a corpus can be counted apart and merged. PADAN_EIO. */
int padan_terms_write_state(padan_terms *t, FILE *fp);

/* Adds the counts of a file written by padan_terms_write_state (documents of
 * different files are different documents). The file may be several such
 * outputs concatenated (`cat a.counts b.counts`, GNU parallel's output): each
 * "#padan-terms-counts" header line starts the next one. It is read a line
 * at a time; memory grows with the merged vocabulary and candidates, not with
 * the file. PADAN_EIO, PADAN_EFORMAT (the message names FILE:LINE),
 * PADAN_ENOMEM. Merge with the same stop words and dictionary options as the
 * shards were counted with. Merging shards in corpus order gives exactly the
 * ranking of one run over the whole corpus (contexts come from the first
 * shard holding a candidate). */
int padan_terms_merge_state(padan_terms *t, const char *path);

/* The same from an open stream (standard input, a pipe); name is used in
 * messages ("name:LINE: reason"). fp is read to its end, not closed. */
int padan_terms_merge_stream(padan_terms *t, FILE *fp, const char *name);

#ifdef __cplusplus
}
#endif
#endif
