/* padan — decoding and tokenizing Indonesian text.
 *
 * Pipeline: bytes --padan_decode--> UTF-8 text --padan_tokenize--> sentences
 * and typed tokens. Tokens are slices of the caller's text (offset + length):
 * nothing is allocated per token.
 */
#ifndef PADAN_TEXT_H
#define PADAN_TEXT_H

#include <padan/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ decoding */

typedef struct padan_decode_info {
  const char *encoding; /* encoding actually used, static text ("UTF-8", "UTF-16LE", "WINDOWS-1252", ...) */
  int fallback;         /* 1 when "auto" found invalid UTF-8 and fell back to Windows-1252 */
  int had_bom;          /* 1 when a byte-order mark was found (and removed) */
  size_t bad_offset;    /* on PADAN_EUTF8 / PADAN_EBINARY: byte offset of the first bad byte in the input */
} padan_decode_info;

/* Decodes len bytes of `in` from `encoding` to UTF-8.
 *
 * encoding: "auto" (NULL means auto), "utf-8", "utf-16" (BOM decides, else LE),
 * "utf-16le", "utf-16be", "windows-1252", "iso-8859-1", or any name iconv knows.
 * auto: a BOM decides (UTF-8, UTF-32LE/BE, UTF-16LE/BE); else valid UTF-8 is UTF-8; else
 * Windows-1252 (info->fallback = 1). Line endings CRLF and lone CR become LF, so
 * offsets index the decoded text. A BOM is removed.
 *
 * Returns PADAN_OK; PADAN_EUTF8 for invalid bytes in strict UTF-8 (or bytes the
 * named encoding cannot decode), with info->bad_offset; PADAN_EBINARY when the
 * text holds a NUL character (a NUL byte in UTF-8 or Windows-1252, a NUL code
 * unit in UTF-16 or UTF-32; bad_offset is exact for a NUL byte in UTF-8 or
 * Windows-1252 only); PADAN_EARG for an unknown encoding;
 * PADAN_ENOMEM. On success *out is a malloc'd NUL-terminated string of *outlen
 * bytes: it is the caller's responsibility to free() it. info may be NULL. */
int padan_decode(const char *in, size_t len, const char *encoding, char **out, size_t *outlen,
                 padan_decode_info *info);

/* ------------------------------------------------------------- tokens */

enum padan_tok_kind {
  PADAN_TOK_WORD = 1,  /* a word, including hyphenated ones (negara-negara, Kim-Putin) */
  PADAN_TOK_NUMBER,    /* 50.000  3,5  1.000,25  2024  25%  (a percentage is a number) */
  PADAN_TOK_DATE,      /* 24/4/2025  2025-04-24 */
  PADAN_TOK_TIME,      /* 14.30  14:30 */
  PADAN_TOK_CURRENCY,  /* Rp  US$  $  € (the amount is a separate NUMBER token) */
  PADAN_TOK_URL,       /* https://...  www.example.com/... */
  PADAN_TOK_DOMAIN,    /* KONTAN.CO.ID  iNews.id */
  PADAN_TOK_EMAIL,
  PADAN_TOK_HASHTAG,
  PADAN_TOK_MENTION,
  PADAN_TOK_ACRONYM,   /* KCNA  PBB  (all capitals, 2+ letters) */
  PADAN_TOK_ABBREV,    /* dkk.  Jl.  a.n.  (with its period) */
  PADAN_TOK_PUNCT,
  PADAN_TOK_SYMBOL,
  PADAN_TOK_NKINDS
};

/* "word", "number", ... for a kind; "?" when out of range. Static. */
const char *padan_tok_kind_name(int kind);

enum padan_tok_flag {
  PADAN_TF_CAP = 1 << 0,        /* first letter upper case */
  PADAN_TF_ALLCAPS = 1 << 1,    /* every letter upper case (2+ letters) */
  PADAN_TF_SENT_START = 1 << 2, /* first token of its sentence that is not punctuation */
  PADAN_TF_REDUP = 1 << 3,      /* reduplication: negara-negara, sayur-mayur, berlari-lari */
  PADAN_TF_HYPHEN = 1 << 4,     /* contains a hyphen */
  PADAN_TF_APOS = 1 << 5,       /* contains an apostrophe: Ma'ruf, Jum'at */
  PADAN_TF_DIGIT = 1 << 6,      /* contains a digit */
  PADAN_TF_NONASCII = 1 << 7    /* contains a non-ASCII byte */
};

typedef struct padan_token {
  size_t start;     /* byte offset of the token (base + offset in the tokenized text) */
  uint32_t len;     /* byte length */
  uint8_t kind;     /* enum padan_tok_kind */
  uint8_t pre_len;  /* bytes of a proclitic (ku-, kau-), 0 if none */
  uint8_t suf_len;  /* bytes of enclitics (-nya, -lah, -kah, -pun, -ku, -mu; may stack), 0 if none */
  uint8_t pad_;
  uint16_t flags;   /* enum padan_tok_flag */
  uint32_t sent;    /* index of its sentence in padan_tokens.sent */
} padan_token;

/* The base of a clitic form is [start + pre_len, start + len - suf_len). The
 * tokenizer marks clitics only where the remaining base is plausible
 * (a spell checker confirms it against a dictionary). */

typedef struct padan_sentence {
  size_t start, end;  /* byte offsets (same base as the tokens) */
  size_t first, ntok; /* its tokens: tok[first .. first + ntok) */
} padan_sentence;

/* Growable token and sentence arrays, changed in place. */
typedef struct padan_tokens {
  padan_token *tok;
  size_t ntok, tokcap;
  padan_sentence *sent;
  size_t nsent, sentcap;
} padan_tokens;

void padan_tokens_init(padan_tokens *t);
void padan_tokens_clear(padan_tokens *t); /* forget the contents, keep the memory */
void padan_tokens_free(padan_tokens *t);

typedef struct padan_tokenizer padan_tokenizer;

/* Creates a tokenizer with the built-in Indonesian abbreviation list.
 * Release with padan_tokenizer_free. */
int padan_tokenizer_new(padan_tokenizer **out);
void padan_tokenizer_free(padan_tokenizer *tk);

enum padan_tokenize_option {
  PADAN_TOKENIZE_LINES = 1 << 0 /* the text is one sentence (no splitting) */
};

/* Tokenizes `len` bytes of UTF-8 text and appends sentences and tokens to out.
 * Offsets are base + the offset within text. Invalid UTF-8 bytes become SYMBOL
 * tokens (never a crash). Returns PADAN_OK or PADAN_ENOMEM.
 *
 * Surface tokens follow the UD Indonesian treebanks (CSUI, PUD) where they
 * agree: clitics stay attached (bukunya); hyphenated words stay whole, but a
 * number or month range splits (2013 - 2014, Januari - Oktober) and so does a
 * clitic after a hyphen (PPh - nya); `Rp` and `%` are their own tokens; `/`
 * splits words (MPR / DPR) but not codes (II/2007, C/D, s/d, 24/4/2025); 's and
 * n't are split from English words. An abbreviation keeps its period (dll.,
 * Jl., A.S.) except where that period ends the sentence: at the end of the text
 * and, for abbreviations that are not titles, before a capitalized word; then
 * the token is ABBREV without it and the period is PUNCT.
 * Sentences end at . ! ? and ellipses before a capitalized word, a digit or an
 * opening quote or bracket (closing quotes and brackets stay with the ending
 * sentence), and at every newline (one paragraph a line; a heading is a
 * sentence). With PADAN_TOKENIZE_LINES the text is exactly one sentence. */
int padan_tokenize(padan_tokenizer *tk, const char *text, size_t len, size_t base, int options,
                   padan_tokens *out);

/* ------------------------------------------------------------ helpers */

/* The base of a token without its clitics: [start + pre_len, start + len - suf_len),
 * in the same offsets as the token. */
void padan_token_base(const padan_token *t, size_t *start, size_t *len);

/* Splits the hyphenated word s[0..len) (negara-negara, Kim-Putin) into its
 * parts: stores up to max (offset, length) pairs in off[] and plen[] and
 * returns the number of parts (1 for a word without a hyphen). */
size_t padan_word_parts(const char *s, size_t len, size_t *off, size_t *plen, size_t max);

/* Conservative lemma key of a word or multiword term, for grouping variants:
 * NFC and case-folded, one space between words, full reduplication collapsed
 * (negara-negara -> negara, except lexicalized ones like undang-undang),
 * enclitics -nya/-lah/-kah/-pun/-ku/-mu removed when 3+ letters remain (not
 * from look-alikes: hanya, sekolah, buku; a capitalized word loses only -nya,
 * as names such as Jamilah end like particles), and a hyphen after a capitalized
 * name part turned into a space (Il-sung -> il sung). No derivational
 * stemming. On PADAN_OK *out is a malloc'd NUL-terminated string of *outlen
 * bytes: it is the caller's responsibility to free() it. */
int padan_lemma_key(const char *s, size_t len, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
