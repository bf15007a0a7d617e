/* padan — spell-checking Indonesian text.
 *
 * A speller wraps Hunspell (Debian's id_ID dictionary, ISO-8859-1; words are
 * converted at the boundary, and a word that has no Latin-1 form is simply
 * not in that dictionary) and adds what the dictionary misses: clitics
 * (-nya -lah -kah -pun -ku -mu, ku- kau-), reduplication (negara-negara,
 * berlari-lari, sayur-mayur), hyphenated compounds (anti-Amerika, Kim-Putin),
 * supplement and personal word lists, lexicon words, non-standard spellings
 * with their standard form, and re-ranked suggestions.
 *
 * Each word type is checked once: results and suggestions are kept in a
 * bounded cache inside the speller (cleared when full).
 *
 * Strings returned by the speller are owned by it; they stay valid until the
 * next call on the same speller (or its free). Text in is UTF-8 (ptr, len).
 */
#ifndef PADAN_SPELL_H
#define PADAN_SPELL_H

#include <padan/common.h>
#include <padan/text.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct padan_speller padan_speller;

/* How Hunspell's own (slow, ~10 ms a word) suggestions are used. */
enum padan_spell_hunsugg {
  PADAN_SPELL_HUNSUGG_NEVER = 0,    /* never (default): padan's own candidates (frequency table,
                                       word lists, lexicon, affixed forms of the .dic stems
                                       confirmed by Hunspell) */
  PADAN_SPELL_HUNSUGG_FALLBACK = 1, /* when padan's own candidates find nothing */
  PADAN_SPELL_HUNSUGG_ALWAYS = 2    /* always merged with padan's candidates, then re-ranked */
};

typedef struct padan_speller_opts {
  int check_caps;      /* 1: check all-caps words (default: skipped) */
  int names;           /* 1: report unknown capitalized words as PADAN_SPELL_NAME (default: not reported) */
  int max_suggest;     /* suggestions kept per word; 0 = 5, negative = none */
  int hunspell_suggest; /* enum padan_spell_hunsugg */
  size_t cache_max;    /* word types cached before the cache is cleared; 0 = 200000 */
} padan_speller_opts;

/* Result kinds of a word. */
enum padan_spell_kind {
  PADAN_SPELL_OK = 0,          /* known (or not checked: number, URL, all-caps, ...) */
  PADAN_SPELL_MISSPELLED = 1,  /* unknown word */
  PADAN_SPELL_NONSTANDARD = 2, /* a known non-standard spelling; the first suggestion is the standard form */
  PADAN_SPELL_NAME = 3         /* unknown capitalized word, taken as a name (reported only with opts.names) */
};

/* "ok", "misspelled", "nonstandard", "name"; "?" when out of range. Static. */
const char *padan_spell_kind_name(int kind);

/* Creates a speller (opts may be NULL for the defaults). No dictionary is loaded
 * yet: call padan_speller_load_dict. Release with padan_speller_free. */
int padan_speller_new(padan_speller **out, const padan_speller_opts *opts);
void padan_speller_free(padan_speller *sp);

/* The detailed message of the last failure on sp ("PATH: reason"); never NULL. */
const char *padan_speller_errmsg(const padan_speller *sp);

/* Loads the main Hunspell dictionary. spec: NULL or "" for "id_ID"; a name
 * without '/' is searched where Hunspell looks: each entry of $DICPATH, then
 * /usr/share/hunspell, /usr/share/myspell/dicts, /usr/share/myspell,
 * /usr/local/share/hunspell, /usr/local/share/myspell, /usr/share/hunspell-dict;
 * a path (with '/', or ending in .dic/.aff) names the pair directly, with or
 * without the extension. Both files are opened first: PADAN_EDICT when no
 * readable pair is found, with errmsg naming every path tried. */
int padan_speller_load_dict(padan_speller *sp, const char *spec);

/* Adds a supplement .dic on top of the main dictionary (Hunspell_add_dic: it
 * uses the main dictionary's affix flags and encoding). PADAN_EIO when unreadable. */
int padan_speller_add_dic(padan_speller *sp, const char *dic_path);

/* Adds one known word (UTF-8). A capitalized or all-lowercase entry behaves as
 * in Hunspell: "jakarta" also accepts "Jakarta" and "JAKARTA". */
int padan_speller_add_word(padan_speller *sp, const char *word, size_t len);

/* Adds a word list: UTF-8, one word a line, '#' starts a comment line, blank
 * lines ignored. PADAN_EIO (errmsg names the file) or PADAN_EUTF8 ("FILE:LINE"). */
int padan_speller_load_words(padan_speller *sp, const char *path);

/* Adds the words of the Indonesian terms of a lexicon TSV (columns concept,
 * lang, term, ...; rows with lang "id"). Its words are known and its terms'
 * spellings are offered as suggestions. */
int padan_speller_load_lexicon(padan_speller *sp, const char *path);

/* Loads non-standard spellings: "nonstandard<TAB>standard" a line, '#' comments. */
int padan_speller_load_nonstandard(padan_speller *sp, const char *path);

/* Loads a word frequency table "word<TAB>count" ('#' comments), used to rank
 * suggestions and as a source of candidate words. */
int padan_speller_load_freq(padan_speller *sp, const char *path);

/* Checks one word as written (case matters; no context: a capitalized unknown
 * word gives PADAN_SPELL_NAME whatever opts.names says). *kind receives a
 * padan_spell_kind. Returns PADAN_OK, PADAN_EDICT (no dictionary loaded) or
 * PADAN_ENOMEM. */
int padan_speller_check_word(padan_speller *sp, const char *word, size_t len, int *kind);

/* Suggestions for a word, best first: for a non-standard spelling its
 * standard form first. *list (owned by sp; valid until the next call on sp)
 * receives *n UTF-8 strings. */
int padan_speller_suggest(padan_speller *sp, const char *word, size_t len,
                          const char *const **list, size_t *n);

/* One finding of padan_speller_check_text. Pointers are owned by the speller
 * and valid during the callback only. */
typedef struct padan_spell_finding {
  size_t start;               /* byte offset of the word (same base as the tokens) */
  size_t len;                 /* byte length */
  size_t line;                /* 1-based line (counting LF from the start of text) */
  size_t col;                 /* 1-based column in characters (code points) */
  size_t line_start;          /* byte offset of the start of that line */
  const char *word;           /* the word (not NUL-terminated: use len) */
  int kind;                   /* padan_spell_kind (never PADAN_SPELL_OK) */
  const char *const *sugg;    /* suggestions, best first */
  size_t nsugg;
} padan_spell_finding;

/* Return nonzero from the callback to stop (check_text then returns that value). */
typedef int (*padan_spell_cb)(void *user, const padan_spell_finding *f);

/* Checks the word tokens of a tokenized text. text/len is the text the tokens
 * were made from, with token offsets counted from `base` (the token at offset
 * o is text[o - base]). Numbers, URLs, e-mails, domains, hashtags, mentions,
 * abbreviations are not checked; all-caps words only with opts.check_caps.
 * An unknown capitalized word is a name unless it starts its sentence and the
 * document never uses it as a name elsewhere and it is one edit away from a
 * known word. Findings are given in text order. */
int padan_speller_check_text(padan_speller *sp, const char *text, size_t len, size_t base,
                             const padan_tokens *toks, padan_spell_cb cb, void *user);

/* ------------------------------------------------------------ ispell pipe */

/* The ispell/Hunspell `-a` pipe protocol, as editors speak it: the caller
 * writes padan_spell_pipe_banner() first, then feeds the input and writes the
 * answers. Per input line:
 *   text        one answer line per word ("*" known, "& WORD N OFFSET: S1, S2"
 *               misspelled with suggestions, "# WORD OFFSET" without), then an
 *               empty line; OFFSET counts characters from the start of the line
 *   ^text       the same for text that might start with a command character
 *               (offsets count the '^')
 *   *WORD @WORD &WORD  accept WORD for the rest of the session (no answer)
 *   !  %        terse mode on ("*" lines left out) / off
 *   # ~ + -     accepted and ignored (no answer)
 * A line that is not valid UTF-8 in NFC (or holds a NUL byte) is answered by
 * an empty line alone. Line ends may be LF or CRLF.
 *
 * Long lines: a line is checked in pieces of at most PADAN_SPELL_PIPE_MAX_LINE
 * bytes, cut after a space or tab (else at a character start), so memory does
 * not grow with the length of a line; offsets still count from the start of
 * the whole line. The answers of a long line come piece by piece; a piece
 * found invalid ends the answers of that line (the empty line still follows).
 * A *WORD line longer than the piece size is ignored.
 *
 * Memory grows only with the words accepted by *WORD lines and the speller's
 * bounded cache. */
#define PADAN_SPELL_PIPE_MAX_LINE ((size_t)1 << 20)

typedef struct padan_spell_pipe padan_spell_pipe;

/* "@(#) International Ispell Version 3.2.06 (but really padan VERSION)\n". Static. */
const char *padan_spell_pipe_banner(void);

/* Creates a pipe session on sp (which must outlive it and have its dictionary
 * loaded). Release with padan_spell_pipe_free (sp is not freed). */
int padan_spell_pipe_new(padan_spell_pipe **out, padan_speller *sp);
void padan_spell_pipe_free(padan_spell_pipe *p);

/* Feeds the next len bytes of the input stream (cut anywhere, even inside a
 * line or a character); eof: the input ends here (a last line without its
 * line end is answered). *out receives the answers to the lines completed by
 * this call (and the pieces of a long line checked so far), *outlen bytes,
 * owned by p and valid until the next call on p. Returns PADAN_OK, or
 * PADAN_ENOMEM / PADAN_EDICT with padan_spell_pipe_errmsg; the answers made
 * before the failure are still in *out. */
int padan_spell_pipe_feed(padan_spell_pipe *p, const char *data, size_t len, int eof,
                          const char **out, size_t *outlen);

/* One input line (its LF is optional; a line holding LF is taken as several
 * lines); *out as for padan_spell_pipe_feed. Do not mix with a feed that left
 * a line unfinished. */
int padan_spell_pipe_line(padan_spell_pipe *p, const char *line, size_t len, const char **out,
                          size_t *outlen);

/* The message of the last failure on p; never NULL. */
const char *padan_spell_pipe_errmsg(const padan_spell_pipe *p);

#ifdef __cplusplus
}
#endif
#endif
