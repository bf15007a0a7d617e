/* padan — glossaries: terms of a batch of Indonesian documents paired with English.
 *
 *   padan_glossary *g;
 *   padan_glossary_new(&g, lex, NULL);          // lex is borrowed, not freed
 *   padan_glossary_load_stopwords(g, "dicts/stopwords-id.txt");
 *   for each document: padan_glossary_add(g, text, len);
 *     (or in pieces: padan_glossary_add_piece for each, then padan_glossary_end_doc)
 *   const padan_glossary_row *rows; size_t n;
 *   padan_glossary_build(g, &rows, &n);
 *   padan_glossary_write(g, stdout, PADAN_GLOSS_HTML);
 *   padan_glossary_free(g);
 *
 * Rows come from two sources merged into one list: the ranked terms of the
 * term extractor (padan_terms) and every term of a non-base lexicon found in
 * the input (matched on conservative lemma keys, longest match first, even
 * when it occurs once). Each row gets its English equivalent from the
 * lexicon (the preferred English term; admitted ones listed apart; a
 * deprecated English term is never the equivalent) or, for multiword terms the
 * lexicon lacks, from compositional translation (padan_glossary_compose).
 */
#ifndef PADAN_GLOSSARY_H
#define PADAN_GLOSSARY_H

#include <stdio.h>
#include <padan/common.h>
#include <padan/lexicon.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How a row's English was found. */
enum padan_gloss_match {
  PADAN_GLOSS_NONE = 0,          /* nothing: left for the translator */
  PADAN_GLOSS_LEXICON = 1,       /* a lexicon term, same text or same after case folding */
  PADAN_GLOSS_LEMMA = 2,         /* a lexicon term with the same conservative lemma key */
  PADAN_GLOSS_FUZZY = 3,         /* a lexicon term within a small edit distance */
  PADAN_GLOSS_COMPOSITIONAL = 4, /* translated word by word and reordered */
  PADAN_GLOSS_LEARNED = 5        /* a lexicon row with the note "learned" (padan learn) */
};

/* "none", "lexicon", "lemma", "fuzzy", "compositional", "learned" (static). */
const char *padan_glossary_match_name(int match);

typedef struct padan_glossary_options {
  size_t top;        /* keep the best N extracted terms, 0 = all (default 0) */
  unsigned min_freq; /* extracted terms seen fewer times are dropped (default 2);
                        lexicon terms found in the input are always kept */
  int max_words;     /* longest extracted term in words (default 6) */
  size_t keep_bytes; /* input kept in memory for the example scan before it goes
                        to a temporary file (default 8 MiB; see padan_glossary_add_piece) */
} padan_glossary_options;

/* Fills opt with the defaults. */
void padan_glossary_options_init(padan_glossary_options *opt);

/* One glossary row. Every pointer belongs to the glossary and stays valid
 * until padan_glossary_free; strings are "" when empty, never NULL. */
typedef struct padan_glossary_row {
  const char *id_term;      /* the Indonesian term (its most frequent form) */
  const char *en_term;      /* the English equivalent, "" for PADAN_GLOSS_NONE */
  int match;                /* enum padan_gloss_match */
  unsigned long freq;       /* occurrences in the input */
  double score;             /* the extractor's score; 0 for a lexicon term it did not rank */
  const char *status;       /* lexicon status of the Indonesian term matched ("preferred",
                               "admitted", "deprecated"), "" when not from the lexicon */
  const char *concept;      /* lexicon concept id, "" when none */
  const char *domain;       /* the concept's domain, "" when none */
  const char *admitted;     /* other acceptable English terms, "|"-separated */
  const char *alternatives; /* other compositional candidates, "|"-separated */
  double confidence;        /* 0..1: 1 for lexicon, lower for fuzzy and compositional */
  const char *example;      /* a sentence of the input containing the term */
  size_t mark_start, mark_len; /* the term inside example (bytes); 0, 0 when not found */
  const char *note;         /* warnings: deprecated forms, ambiguity, untranslated words */
  const char *source;       /* "terms", "lexicon" or "terms+lexicon" */
  int name;                 /* 1 for a name (capitalized sequence) */
} padan_glossary_row;

typedef struct padan_glossary padan_glossary;

/* Creates a glossary builder using lex (borrowed: it must outlive the
 * glossary; it may be NULL for none). opt may be NULL. Release with
 * padan_glossary_free. PADAN_OK, PADAN_ENOMEM. */
int padan_glossary_new(padan_glossary **out, padan_lexicon *lex,
                       const padan_glossary_options *opt);
void padan_glossary_free(padan_glossary *g); /* NULL is a no-op */

/* The detailed message of the last failure; never NULL. */
const char *padan_glossary_errmsg(const padan_glossary *g);

/* Stop words for the term extractor (see padan_terms_load_stopwords). */
int padan_glossary_load_stopwords(padan_glossary *g, const char *path);

/* Adds one whole UTF-8 document. PADAN_OK, PADAN_ENOMEM, PADAN_EIO (the
 * temporary file, see below), PADAN_EARG. */
int padan_glossary_add(padan_glossary *g, const char *text, size_t len);

/* A document in pieces, as padan_terms_add_piece/padan_terms_end_doc: the
 * pieces may be cut anywhere; the glossary is exactly that of the whole text
 * given to padan_glossary_add (unless one sentence is over 4 MiB).
 * padan_glossary_build ends an open document first.
 *
 * Memory: examples and lexicon matches are found after ranking, so the input
 * is kept for one more pass: in memory up to keep_bytes (8 MiB), beyond that in an
 * unlinked temporary file in $TMPDIR (else /tmp) that is read back a piece at
 * a time.
 * Memory then grows with the distinct words and terms and the lexicon, not
 * with the length of the input; disk use is about the input's size. */
int padan_glossary_add_piece(padan_glossary *g, const char *text, size_t len);
int padan_glossary_end_doc(padan_glossary *g);

/* Extracts, scans, merges and translates: *rows receives *n rows, lexicon and
 * extracted terms ordered by score, then frequency, then text. The array
 * belongs to g and stays valid until the next build or padan_glossary_free. */
int padan_glossary_build(padan_glossary *g, const padan_glossary_row **rows, size_t *n);

/* Progress of padan_glossary_build's pass over the stored input (examples and
 * lexicon matches; the long part of a build on a large input): fn(ud, stage,
 * done, total) in units of 64 KiB of the stored text, at the start and each
 * time a unit is passed. fn NULL: none (the default). */
void padan_glossary_set_progress(padan_glossary *g,
                                 void (*fn)(void *ud, const char *stage, size_t done,
                                            size_t total),
                                 void *ud);

/* Output formats. */
enum padan_gloss_format {
  PADAN_GLOSS_TSV = 1, /* "#id_term en_term match freq score status" + extra columns */
  PADAN_GLOSS_CSV,     /* the same columns, RFC 4180, header row */
  PADAN_GLOSS_JSON,    /* {"rows":[{...}], "counts":{match: n}} */
  PADAN_GLOSS_TBX,     /* TBX-Basic v3 through the lexicon writer */
  PADAN_GLOSS_TBX2,    /* TBX v2 martif through the lexicon writer */
  PADAN_GLOSS_OMEGAT,  /* OmegaT glossary TSV through the lexicon writer */
  PADAN_GLOSS_MD,      /* a Markdown table */
  PADAN_GLOSS_HTML,    /* one self-contained page with a sortable table */
  PADAN_GLOSS_TEXT     /* for reading: "id_term -> en_term (match, status; n times)",
                          other English, notes and an example on indented lines */
};

/* Writes the rows of the last build (building first if needed) to fp.
 * Rows without English are left out of tbx, tbx2 and omegat. PADAN_EIO,
 * PADAN_ENOMEM, PADAN_EARG. */
int padan_glossary_write(padan_glossary *g, FILE *fp, int format);

/* Builds a lexicon of the rows that have English (one concept per row,
 * Indonesian term preferred, English preferred plus admitted ones). Release
 * with padan_lexicon_free. */
int padan_glossary_to_lexicon(padan_glossary *g, padan_lexicon **out);

/* ------------------------------------------------ compositional translation */

typedef struct padan_gloss_candidate {
  char text[256]; /* the English, NUL-terminated */
  double confidence; /* 0..1 */
  int complete;   /* 1 when every content word was translated */
} padan_gloss_candidate;

/* Translates a multiword Indonesian noun phrase word by word: the longest
 * sub-phrases found in lex first (curated before base dictionaries; by case
 * and lemma key), then single words; keeps names (capitalized words the
 * lexicon lacks) and numerals as they are; drops the relative "yang"; and
 * reorders the head-initial Indonesian chain into English order (the head
 * last: perjanjian pertahanan bersama -> mutual defense treaty), keeping
 * prepositional parts (dari, untuk, di...) in place. Up to max candidates,
 * best first, go to out; *n receives their number (0 when nothing could be
 * translated). PADAN_OK, PADAN_ENOMEM, PADAN_EARG. */
int padan_glossary_compose(padan_lexicon *lex, const char *text, size_t len,
                           padan_gloss_candidate *out, size_t max, size_t *n);

/* Appends s[0..len) HTML-escaped (& < > " ') to fp; a control character
 * other than TAB, LF and CR, which HTML does not allow, is written as U+FFFD. */
void padan_glossary_html_escape(FILE *fp, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
