/* check/: internal pieces shared by the bilingual and source-side checks. */
#ifndef PD_CHECK_INTERNAL_H
#define PD_CHECK_INTERNAL_H

#include <padan/align.h>
#include <padan/check.h>
#include <padan/text.h>
#include "common/util.h"

/* A word of a text: byte range and the interned id of its normalized key. */
typedef struct {
  size_t start, len;
  uint32_t key;
  uint32_t vkey; /* the key with verb inflections removed (pd_chk_en_vnorm) */
} pd_chk_word;

/* English words of s[0..len) appended to out (pd_chk_word, offsets + base):
 * letters/digits with inner apostrophes; hyphens and other punctuation split;
 * a possessive 's is dropped. Keys are case-folded and plural-normalized
 * (pd_chk_en_norm) and interned in map (intern=1) or looked up (0 when
 * unknown, intern=0). */
int pd_chk_en_words(const char *s, size_t len, size_t base, pd_strmap *map, int intern,
                    pd_vec *out);
/* Appends the normalized key of one English word (folded, -s/-es/-ies removed). */
int pd_chk_en_norm(const char *w, size_t len, pd_buf *out);
/* Appends the verb key of a normalized key k: -ed/-ing, doubled consonant and
 * final -e removed, for English terms tagged as verbs. */
int pd_chk_en_vnorm(const char *k, size_t n, pd_buf *out);
/* 1 when the folded English word is a function word. */
int pd_chk_en_stopword(const char *w, size_t len);
/* Does s[0..len) begin with an upper-case or title-case letter? */
int pd_chk_starts_upper(const char *s, size_t len);

/* Indonesian key of a (multiword) string: the conservative lemma key, with
 * hyphens, dots and spacing reduced to single spaces. */
int pd_chk_id_key(const char *s, size_t len, pd_buf *tmp, pd_buf *out);

/* A piece of Indonesian text: a word, acronym or domain token, hyphenated
 * compounds (not reduplications) split into their parts. seg changes at
 * punctuation and sentence ends: n-grams never cross a segment. Only
 * capitalized hyphenated tokens are split (names: Il-sung, Utara-Rusia). */
typedef struct {
  size_t start, len;
  uint32_t seg;
  uint16_t flags; /* padan_tok_flag of the token */
  uint8_t kind;
  uint8_t sent_start;
} pd_chk_piece;

int pd_chk_pieces(const padan_tokens *t, const char *text, pd_vec *out);

/* Levenshtein distance over code points, capped: returns cap+1 when above. */
int pd_chk_lev(const char *a, size_t alen, const char *b, size_t blen, int cap);

/* Bilingual check state: first pass (statistics), second pass (findings). */
typedef struct {
  size_t term, count, line, bead; /* rendering, its count, en line and bead of its first use */
} pd_chk_rend;

typedef struct {
  pd_vec rend; /* pd_chk_rend, first-seen order, then most frequent first */
  int listed, have_ex;
  char *id_text, *en_text, *id_lines, *en_lines; /* example (malloc) */
  size_t id_s, id_l, en_s, en_l;
} pd_chk_cagg;

typedef struct {
  int active, pass, whole;
  padan_check_emit_fn emit;
  void *ud;
  size_t nbead, nbead1; /* beads of this pass, of the first pass */
  size_t pending;       /* missing + deprecated findings counted by the first pass */
  size_t stamp;
  pd_strmap idwords;    /* folded Indonesian pieces of the whole input */
  pd_strmap efolds;     /* folded English words left unexplained by misses */
  pd_strmap fsets;      /* (concept, key, sorted fold ids) of misses */
  pd_vec fset_n;        /* size_t by fsets id */
  pd_strmap ck;         /* (concept, key) */
  pd_vec ck_cnt;        /* size_t by ck id: misses whose leftover words have key */
  pd_vec df, seen;      /* size_t by English key: beads holding it */
  pd_chk_cagg *cagg;    /* by concept */
  size_t ncagg;
  pd_vec corder;        /* size_t: concepts in first-rendered order */
  pd_arena scratch;     /* one pair's strings (streaming) */
  /* sentence mode: each side split into sentences, aligned window by window;
     with PADAN_CHECK_LINES the same for one long line pair at a time */
  int sentences;
  size_t nline;           /* lines mode: line pairs begun */
  char doc_lines[2][24];  /* lines mode: the long pair's line number ("" without the line) */
  padan_aligner *al;
  padan_align_stream *as;
  struct {
    pd_buf buf;     /* the last, maybe unfinished sentence and what follows */
    size_t line;    /* 1-based line at buf.p[0] */
    pd_vec lines;   /* size_t: line of sentences base + head.. */
    size_t base, head;
    int ended;
  } side[2];
  pd_vec enw, pieces, occs, un, fl;
  padan_tokens toks;
  pd_buf tmp, key, lb;
} pd_chk_pairs;

struct padan_checker {
  padan_lexicon *lex;
  padan_tokenizer *tk;
  pd_buf err;
  /* Indonesian term index: key id -> first term (index into terms), chained */
  pd_strmap idkeys;
  uint32_t *key_first; /* by key id; 0 = none, else term index + 1 */
  size_t key_cap;
  uint32_t *term_next; /* by term index: next term + 1 with the same key */
  size_t nterms;
  size_t maxn; /* most pieces in a key */
  pd_strmap firstw; /* first words of the Indonesian keys */
  /* per term: 1 when usable (curated, lang id) */
  unsigned char *term_ok;
  unsigned char *en_verb; /* per term: 1 when an English verb (matched by vkey) */
  /* English forms: normalized word ids of each en term */
  pd_strmap enwords;
  uint32_t **en_seq; /* by term index, NULL when not English/curated */
  size_t *en_nseq;
  /* results */
  pd_arena arena;
  pd_vec findings; /* padan_check_finding */
  /* variants batch */
  pd_vec docs; /* pd_chk_doc: names (variants.c) */
  struct pd_chk_var *var; /* the variants batch being added (variants.c) */
  pd_chk_pairs pp;
  /* progress of the variants batch's passes (padan_checker_set_progress) */
  void (*progress)(void *ud, const char *stage, size_t done, size_t total);
  void *progress_ud;
};

typedef struct {
  char *name;
  char *text;
  size_t len;
} pd_chk_doc;

/* Sets the message and returns status. */
int pd_chk_fail(padan_checker *c, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Longest lexicon match of pieces p[i..], within one segment: returns the
 * number of pieces matched (0 when none) and the term index in *term. */
size_t pd_chk_match(padan_checker *c, const char *text, const pd_chk_piece *p, size_t np,
                    size_t i, pd_buf *tmp, pd_buf *key, size_t *term);

/* Frees the variants batch (variants.c). */
void pd_chk_var_free(padan_checker *c);

/* Arena copy helpers for results. */
char *pd_chk_strdup(padan_checker *c, const char *s, size_t n);
void pd_chk_reset(padan_checker *c);

#endif
