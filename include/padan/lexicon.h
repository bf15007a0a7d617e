/* padan — the bilingual lexicon: concepts with per-language terms.
 *
 * A lexicon holds concepts (an id, an optional domain) each with terms per
 * language (text, status preferred/admitted/deprecated, optional part of
 * speech and note). Several files may be loaded into one lexicon; concepts keep
 * the file they came from, and files loaded with PADAN_LEXICON_BASE (a base
 * word dictionary such as FreeDict) rank after curated ones in lookups.
 *
 * Strings returned by accessors belong to the lexicon and stay valid until it
 * is freed. A handle is not safe for concurrent use (lookups reuse scratch
 * space and build the indexes lazily). Every fallible call returns PADAN_OK or a negative status; the
 * detailed message ("FILE:LINE: reason") is in padan_lexicon_errmsg().
 */
#ifndef PADAN_LEXICON_H
#define PADAN_LEXICON_H

#include <padan/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct padan_lexicon padan_lexicon;

enum padan_lexicon_status {
  PADAN_TERM_PREFERRED = 1,
  PADAN_TERM_ADMITTED = 2,
  PADAN_TERM_DEPRECATED = 3
};

enum padan_lexicon_format {
  PADAN_LEXFMT_AUTO = 0,  /* by extension, then by content */
  PADAN_LEXFMT_TSV,       /* native TSV: concept lang term [status pos note domain] */
  PADAN_LEXFMT_CSV,       /* RFC 4180 pairs with a header row (see padan lexicon --help) */
  PADAN_LEXFMT_CSV_NOHEADER, /* the same columns, no header (OmegaT reads a header as an entry) */
  PADAN_LEXFMT_TBX,       /* TBX-Basic v3 (tbx/conceptEntry/langSec/termSec); read also accepts v2 */
  PADAN_LEXFMT_TBX2,      /* TBX v2 (martif/termEntry/langSet/tig), as OmegaT reads */
  PADAN_LEXFMT_OMEGAT,    /* OmegaT glossary TSV: source TAB target TAB comment */
  PADAN_LEXFMT_DICTD      /* FreeDict dictd: PATH.index + PATH.dict.dz (read only) */
};

/* Load flags. */
#define PADAN_LEXICON_BASE 1u /* a base dictionary: ranks after curated lexicons */
#define PADAN_LEXICON_SWAP 2u /* header-less pair files (omegat, csv-noheader): English first */

/* Lookup flags (0 = all kinds). */
#define PADAN_LOOKUP_EXACT 1u
#define PADAN_LOOKUP_CASE 2u
#define PADAN_LOOKUP_LEMMA 4u
#define PADAN_LOOKUP_FUZZY 8u
#define PADAN_LOOKUP_ALL 15u

enum padan_match {
  PADAN_MATCH_EXACT = 1, /* the same bytes */
  PADAN_MATCH_CASE = 2,  /* equal after NFC and case folding */
  PADAN_MATCH_LEMMA = 3, /* equal conservative lemma keys (reduplication, clitics, hyphens) */
  PADAN_MATCH_FUZZY = 4  /* within a small edit distance (hit.distance) */
};

typedef struct {
  size_t concept;   /* concept index */
  const char *id;   /* concept id */
  const char *domain; /* "" when none */
  const char *source; /* the file it was loaded from */
  size_t nterms;
  int base;         /* 1 when loaded with PADAN_LEXICON_BASE */
} padan_lexicon_concept;

typedef struct {
  size_t term;      /* term index */
  size_t concept;   /* its concept's index */
  const char *lang; /* "id", "en", ... */
  const char *text;
  size_t len;
  int status;       /* enum padan_lexicon_status */
  const char *pos;  /* "" when none */
  const char *note; /* "" when none */
  const char *source; /* file it came from */
  size_t line;      /* line in that file (0 when unknown) */
} padan_lexicon_term;

typedef struct {
  size_t term;      /* the matched term */
  size_t concept;
  int match;        /* enum padan_match */
  int distance;     /* edit distance for PADAN_MATCH_FUZZY, else 0 */
  int base;         /* the concept comes from a base dictionary */
} padan_lexicon_hit;

/* A new empty lexicon, or NULL on ENOMEM. Release with padan_lexicon_free. */
padan_lexicon *padan_lexicon_new(void);
void padan_lexicon_free(padan_lexicon *lex); /* NULL is a no-op */

/* The detailed message of the last failed call ("FILE:LINE: reason"); never NULL. */
const char *padan_lexicon_errmsg(const padan_lexicon *lex);

/* Adds the concepts of a file (for PADAN_LEXFMT_DICTD, path may name the
 * .index, the .dict.dz or their common stem). On failure nothing of the file
 * is kept and the lexicon is as before. */
int padan_lexicon_load(padan_lexicon *lex, const char *path, int format);
int padan_lexicon_load_flags(padan_lexicon *lex, const char *path, int format, unsigned flags);
/* Parses a buffer; `name` is used in messages and as the source. */
int padan_lexicon_load_mem(padan_lexicon *lex, const char *name, const char *data, size_t len,
                           int format, unsigned flags);

/* Writes the whole lexicon; path "-" writes to standard output. The file is
 * replaced atomically: on any failure an existing file is left untouched. */
int padan_lexicon_save(padan_lexicon *lex, const char *path, int format);

/* The format implied by a file name (".tsv", ".csv", ".tbx", ".index"...), or AUTO. */
int padan_lexicon_format_from_name(const char *path);
/* "preferred", "admitted", "deprecated" (static). */
const char *padan_lexicon_status_name(int status);
/* "exact", "case", "lemma", "fuzzy" (static). */
const char *padan_lexicon_match_name(int match);

/* Counting and access. Indexes run from 0 to count-1. */
size_t padan_lexicon_concept_count(const padan_lexicon *lex);
size_t padan_lexicon_term_count(const padan_lexicon *lex);
int padan_lexicon_concept_get(padan_lexicon *lex, size_t concept, padan_lexicon_concept *out);
/* The k-th term of a concept (in file order). */
int padan_lexicon_concept_term(padan_lexicon *lex, size_t concept, size_t k,
                               padan_lexicon_term *out);
int padan_lexicon_term_get(const padan_lexicon *lex, size_t term, padan_lexicon_term *out);

/* Adds a term (creating the concept `concept_id` in the pseudo-file `source`
 * when needed). For building lexicons in code. */
int padan_lexicon_add(padan_lexicon *lex, const char *source, const char *concept_id,
                      const char *domain, const char *lang, const char *text, int status,
                      const char *pos, const char *note);

/* Finds the terms of language `lang` matching text[0..len). Stages run in the
 * order exact, case, lemma, fuzzy; the first stage with a hit ends the search
 * (fuzzy runs only when nothing else matched). Curated concepts rank before
 * base ones. At most `max` hits go to `hits`; *nhits receives the number found
 * (may exceed max). */
int padan_lexicon_lookup(padan_lexicon *lex, const char *lang, const char *text, size_t len,
                         unsigned flags, padan_lexicon_hit *hits, size_t max, size_t *nhits);

/* Lint. */
typedef struct {
  const char *kind;    /* "multi-concept", "no-preferred", "multi-preferred", "status-conflict",
                          "whitespace", "duplicate", "case-duplicate", "domain-conflict",
                          "language" (a language other than id and en) */
  const char *source;  /* file */
  size_t line;         /* 1-based, 0 when unknown */
  const char *concept; /* concept id */
  const char *lang;    /* "" when not about one language */
  const char *term;    /* "" when not about one term */
  const char *message; /* English explanation */
} padan_lexicon_finding;

typedef void (*padan_lexicon_finding_fn)(const padan_lexicon_finding *f, void *ud);
/* Calls fn for each finding; *count receives how many. */
int padan_lexicon_lint(padan_lexicon *lex, padan_lexicon_finding_fn fn, void *ud, size_t *count);

#ifdef __cplusplus
}
#endif
#endif
