/* lexicon/: internal model shared by the format readers and writers. */
#ifndef PD_LEXICON_INT_H
#define PD_LEXICON_INT_H

#include <padan/lexicon.h>
#include "common/util.h"

typedef struct {
  uint32_t id;     /* strs id of the concept id */
  uint32_t domain; /* strs id, 0 = none */
  uint32_t file;   /* index into files */
  uint32_t line;   /* first line */
  uint32_t domain_conflict_line; /* 0 = no conflict */
  uint32_t domain_conflict;      /* the other domain */
} pd_concept;

typedef struct {
  uint32_t concept;
  uint32_t lang, text, pos, note; /* strs ids (0 = none) */
  uint32_t fold, lemma;           /* keys ids (set when indexed) */
  uint32_t line;
  uint8_t status;
  uint8_t base; /* from a PADAN_LEXICON_BASE file */
} pd_term;

typedef struct {
  char *path;
  unsigned flags;
} pd_lexfile;

struct padan_lexicon {
  pd_strmap strs; /* every text: terms, ids, langs, pos, notes, domains, keys */
  pd_vec concepts; /* pd_concept */
  pd_vec terms;    /* pd_term */
  pd_vec files;    /* pd_lexfile */
  pd_buf err;
  /* the concept-id map of the file being loaded: strs id -> concept index + 1 */
  uint32_t *cmap;
  size_t cmap_n;
  /* indexes, rebuilt lazily when dirty */
  int dirty;
  uint32_t *text_head, *fold_head, *lemma_head; /* id -> term + 1 */
  size_t text_head_n, key_head_n;
  uint32_t *next_text, *next_fold, *next_lemma; /* term -> next term + 1 */
  uint32_t *cstart, *cterms; /* concept -> its terms in cterms[cstart[c]..cstart[c+1]) */
  pd_vec fuzzy;              /* pd_fuzzy_entry sorted by length */
  size_t indexed_terms;      /* terms whose fold/lemma keys are computed */
  /* open-addressing tables for the text, fold and lemma keys: one probe
   * reads one slot holding the hash, the chain head and the key's bytes */
  struct pd_kslot {
    uint32_t hash, head; /* head = term + 1; 0 = empty slot */
    const char *str;     /* the key, NUL-terminated (in strs) */
  } *ktab[3];
  int fuzzy_dirty; /* the fuzzy candidates are built on first use */
  size_t ktab_mask;
  pd_buf scratch;            /* lookup scratch, reused between calls */
  pd_vec acc, cand;          /* lookup hits, reused */
};

typedef struct {
  uint32_t lang;   /* strs id */
  uint32_t cplen;  /* code points */
  uint32_t key;    /* keys id of a folded form */
  uint32_t pad;
  uint64_t mask;   /* a bit per code point value mod 64 */
  uint64_t bigrams; /* a bit per hashed pair of adjacent code points */
} pd_fuzzy_entry;

/* Sets the message and returns status. */
int pd_lex_fail(padan_lexicon *lex, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Loading a file: begin (registers it), add terms, then end (commit or roll back). */
typedef struct {
  padan_lexicon *lex;
  uint32_t file;
  size_t nconcepts0, nterms0;
  const char *name;
  unsigned flags;
  pd_strmap *seen; /* (concept, lang, text) of deduplicating readers */
  /* the last concept id and small caches of repeated short fields */
  uint32_t last_c, last_cid;
  struct pd_lexcache {
    uint32_t id, len;
    char s[24];
  } cache[8];
} pd_lexload;

int pd_lexload_begin(pd_lexload *ld, padan_lexicon *lex, const char *name, unsigned flags);
/* Concept index for id (created on first use). */
int pd_lexload_concept(pd_lexload *ld, const char *id, size_t idlen, size_t line, uint32_t *c);
/* Sets a concept's domain, recording a conflict. */
int pd_lexload_domain(pd_lexload *ld, uint32_t c, const char *d, size_t dlen, size_t line);
/* Adds a term; skips an identical (lang, text) already in the concept when dedupe. */
int pd_lexload_term(pd_lexload *ld, uint32_t c, const char *lang, size_t langlen,
                    const char *text, size_t textlen, int status, const char *pos, size_t poslen,
                    const char *note, size_t notelen, size_t line, int dedupe);
int pd_lexload_end(pd_lexload *ld, int rc);
/* 1 when the concept has no term in lang yet (deduplicating readers only). */
int pd_lexload_first_in_lang(pd_lexload *ld, uint32_t c, const char *lang, size_t langlen);

/* Builds the indexes if needed. */
int pd_lex_index(padan_lexicon *lex);

/* Parsers and writers (status; the message through pd_lex_fail). */
int pd_lex_read_tsv(pd_lexload *ld, const char *data, size_t len);
/* The same, line by line from fp (one line in memory at a time). */
int pd_lex_read_tsv_file(pd_lexload *ld, FILE *fp);
int pd_lex_read_csv(pd_lexload *ld, const char *data, size_t len, int header, char sep);
/* The same, record by record from fp (one record in memory at a time), read
 * in chunks of pd_lex_csv_chunk bytes (64 KiB; tests set it smaller). */
int pd_lex_read_csv_file(pd_lexload *ld, FILE *fp, int header, char sep);
extern size_t pd_lex_csv_chunk;
int pd_lex_read_tbx(pd_lexload *ld, const char *data, size_t len);
int pd_lex_read_tbx_file(pd_lexload *ld, FILE *fp);
int pd_lex_read_dictd(pd_lexload *ld, const char *path);
int pd_lex_write_tsv(padan_lexicon *lex, FILE *fp);
int pd_lex_write_csv(padan_lexicon *lex, FILE *fp, int header);
int pd_lex_write_omegat(padan_lexicon *lex, FILE *fp);
int pd_lex_write_tbx(padan_lexicon *lex, FILE *fp, int v2);

/* Status from a name ("" = admitted); 0 when unknown. */
int pd_lex_status_parse(const char *s, size_t len);

/* The conservative lemma key (NFC, case fold, hyphens and spacing,
 * reduplication, clitics -nya -lah -kah -pun with a stop list). Appends to out. */
int pd_lex_lemma_key(const char *s, size_t len, pd_buf *out);
/* Case-fold key (NFC + case folding; ASCII fast path). Appends to out. */
int pd_lex_fold_key(const char *s, size_t len, pd_buf *out);

#define PD_LEX_STR(lex, id) ((id) ? pd_strmap_str(&(lex)->strs, (id), NULL) : "")
#define PD_LEX_CONCEPT(lex, i) (&PD_VEC_AT(&(lex)->concepts, pd_concept, (i)))
#define PD_LEX_TERM(lex, i) (&PD_VEC_AT(&(lex)->terms, pd_term, (i)))

/* The terms of concept c, in order (index built). */
void pd_lex_concept_terms(padan_lexicon *lex, size_t c, const uint32_t **terms, size_t *n);

/* Pairs of a concept for the pair formats (CSV, OmegaT): each id term with the
 * preferred English term, then each other English term with the preferred
 * Indonesian one. */
typedef struct {
  uint32_t id_term, en_term; /* term indexes + 1 (0 = none) */
} pd_lex_pair;
int pd_lex_pairs(padan_lexicon *lex, size_t c, pd_vec *out);

#endif
