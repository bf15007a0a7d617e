/* The padan command: shared pieces of every subcommand. Only cli/ prints and exits. */
#ifndef PADAN_CLI_H
#define PADAN_CLI_H

#include <stdio.h>
#include <padan/padan.h>
#include "common/util.h"

/* Exit codes that scripts can rely on. */
enum cli_exit {
  EXIT_DONE = 0,     /* done, nothing to report */
  EXIT_FINDINGS = 1, /* findings were reported (misspellings, inconsistencies, lint) */
  EXIT_ERROR = 2     /* usage or input error; a message on stderr names the file and line */
};

/* Output formats; a command accepts a subset. */
enum cli_format {
  FMT_TEXT = 1 << 0, FMT_TSV = 1 << 1, FMT_CSV = 1 << 2, FMT_JSON = 1 << 3,
  FMT_TBX = 1 << 4, FMT_TBX2 = 1 << 5, FMT_OMEGAT = 1 << 6, FMT_MD = 1 << 7,
  FMT_HTML = 1 << 8, FMT_LEXICON = 1 << 9
};

extern const char *cli_progname; /* "padan" */

/* "padan CMD: message\n" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_warn(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parses a --format= value against the formats `allowed`; prints an error and
 * returns 0 when it is unknown or not allowed. */
int cli_parse_format(const char *cmd, const char *value, int allowed);

/* Parses an option's number: decimal digits only (no sign, no spaces, not
 * empty; strtol would take " -5" and "+5"), from min to max. Returns 0 with
 * *out, or -1 after "OPT must be a number from MIN to MAX, not 'V'". */
/* GNU style "--top 20" for "--top=20": an option that takes a value, given
 * with its value as the next argument, is joined into one argument in argv
 * (before "--"), so that a command's "--opt=" parsing takes both. */
void cli_join_values(int *argc, char **argv);

int cli_number(const char *cmd, const char *opt, const char *v, unsigned long min,
               unsigned long max, unsigned long *out);

/* Reads and decodes one input file ("-" = stdin) to UTF-8 with the encoding
 * option. Prints "FILE: reason" on failure and returns EXIT_ERROR; else
 * EXIT_DONE with *text malloc'd (caller frees). A fallback to Windows-1252 is
 * reported as a warning naming the file. */
int cli_read_text(const char *cmd, const char *path, const char *encoding, char **text,
                  size_t *len);
/* The warning "FILE: not valid UTF-8[ from line LINE on], read as
 * Windows-1252" (line 0: the whole file), given once per file however many
 * times a command reads it (check reads its inputs twice). */
void cli_warn_fallback(const char *cmd, const char *shown, size_t line);

/* Streaming input (cli/stream.c) for commands that work line by line: the file
 * is decoded in pieces of whole lines (a line over 1 MiB in parts), so memory
 * stays bounded. A file under 4 MiB, UTF-16 and encodings other than UTF-8,
 * Windows-1252 and ISO-8859-1 are decoded whole, as cli_read_text does; in
 * "auto" mode a larger file is UTF-8 until the line of its first invalid byte
 * and Windows-1252 from there (with a warning). Errors are printed as
 * cli_read_text prints them and return EXIT_ERROR. */
typedef struct cli_stream cli_stream;
int cli_stream_open(const char *cmd, const char *path, const char *encoding, cli_stream **out);
/* Appends the next decoded piece to out; *eof = 1 when the file is done. */
int cli_stream_read(cli_stream *s, pd_buf *out, int *eof);
void cli_stream_close(cli_stream *s); /* NULL is a no-op */
/* The name messages give the file (path as the user gave it, "-" = standard
 * input), where the stream reads a copy of it (a spooled pipe). */
void cli_stream_set_name(cli_stream *s, const char *path);
/* For commands that must not split words (terms, glossary, check): a line over
 * 1 MiB is cut after a sentence end (". ") or else a space instead of at any
 * character, so every piece ends between words. */
void cli_stream_set_words(cli_stream *s, int on);
/* 1 when text in the encoding ("auto" included) has ASCII as itself and no
 * NUL byte: auto, UTF-8 and the single-byte families the stream cuts at LF. */
int cli_encoding_ascii(const char *encoding);

/* What a document is in a streamed input (--docs=, cli/cmd_terms.c): the
 * whole file, each non-blank line, or each block of lines between blank
 * lines. cli_docs_feed cuts decoded pieces into documents and hands them to
 * the callbacks (whole: a complete document in one call; piece + end: one in
 * parts); cli_docs_end_file ends the file. Both return the first non-zero
 * status of a callback. */
enum { CLI_DOCS_FILE = 1, CLI_DOCS_LINE, CLI_DOCS_BLANK };
typedef struct cli_docs {
  int mode;
  int open;       /* a document has content not yet ended */
  int line_blank; /* the current line is so far only white space */
  int (*whole)(void *ctx, const char *s, size_t n);
  int (*piece)(void *ctx, const char *s, size_t n);
  int (*end)(void *ctx);
  void *ctx;
} cli_docs;
int cli_docs_mode(const char *name); /* "file", "line", "blank"; 0 when unknown */
void cli_docs_start(cli_docs *d);    /* before each file */
int cli_docs_feed(cli_docs *d, const char *s, size_t n);
int cli_docs_end_file(cli_docs *d);

/* Output through -o FILE (atomic) or stdout. */
typedef struct {
  pd_atomic at;
  FILE *fp;
} cli_out;
int cli_out_open(const char *cmd, cli_out *o, const char *path);

/* Rows of a table as TSV (a '#' header row, fields escaped with \t \n \r \\)
 * or as CSV (RFC 4180: a plain header row, fields quoted where needed, CRLF
 * line ends), so that a command's TSV writer gives CSV too:
 *   cli_row r = cli_row_start(fp, format == FMT_CSV);
 *   cli_row_header(&r, "line\tstart\tend");   (the column names, TAB-separated)
 *   cli_row_str(&r, s, n); cli_row_fmt(&r, "%zu", x); ... cli_row_end(&r); */
typedef struct {
  FILE *fp;
  int csv;
  int col; /* fields written in the current row */
} cli_row;
cli_row cli_row_start(FILE *fp, int csv);
void cli_row_header(cli_row *r, const char *names);
void cli_row_str(cli_row *r, const char *s, size_t n);
void cli_row_fmt(cli_row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_row_end(cli_row *r);
/* Commits (rename) or, with ok = 0, discards the output. Returns EXIT_DONE or EXIT_ERROR. */
int cli_out_close(const char *cmd, cli_out *o, int ok);
/* An input file opened (cli_stream_open notes each regular file): an -o FILE
 * that is one of them (the same file, by device and inode, links followed) is
 * not replaced by cli_out_close, which fails naming it: 'padan spell -o a.txt
 * a.txt' would replace the text by its report. */
int cli_input_opened(FILE *fp); /* PADAN_OK or PADAN_ENOMEM */

/* Progress: one line on stderr, redrawn at most 4 times a second, only when
 * stderr is a terminal and standard output is not (its lines would break into
 * the progress line), unless cli_progress_quiet_output is set by a command
 * that writes its output only at the end; PADAN_NO_PROGRESS=1 turns it off,
 * PADAN_PROGRESS=1 on whatever stderr is (for tests). The line shows the
 * command's stage ("documents 3/10") and the bytes its inputs gave ("312 MB
 * of 690 MB read (45%)"; without the total when an input is a pipe).
 * cli_progress_stage: a stage after the reading (training, a second pass),
 * shown without the bytes, as "what, P%" when total is not 0 (drawn at once
 * when done == total). cli_progress_end clears the line (cli_error and
 * main call it). */
extern int cli_progress_quiet_output;
void cli_progress(const char *cmd, const char *what, size_t done, size_t total);
void cli_progress_stage(const char *cmd, const char *what, size_t done, size_t total);
/* A new pass over the inputs ("pass 2 of 2"): the bytes count again from 0,
 * of the inputs opened from now on. */
void cli_progress_pass(const char *cmd, const char *what);
/* An input was opened (its size counts when it is a regular file); n bytes
 * were read from one (eof: it has ended, the line is drawn now). */
void cli_progress_input(const char *cmd, FILE *fp);
/* The inputs of a command that opens them one after the other: their sizes
 * are added up front, so that the share read is of all of them. */
void cli_progress_files(const char *cmd, const char *const *files, size_t n);
void cli_progress_read(const char *cmd, size_t n, int eof);
void cli_progress_end(void);
/* Handlers for SIGINT, SIGTERM and SIGHUP: a killed command leaves no
 * temporary output file (padan_remove_pending_outputs) and no progress line. */
void cli_signals_install(void);

/* JSON writer; delimited fields: pd_tsv_field, pd_csv_field (common/util.h). */
void cli_json_str(FILE *fp, const char *s, size_t len);

/* The data folder with padan's dicts/ files: $PADAN_DATADIR, else the
 * installed pkgdatadir, else the source tree's dicts/ (for an uninstalled build).
 * Returns the path of `name` inside it in a static buffer, or NULL if absent. */
const char *cli_data_file(const char *name);

/* Subcommands: int cmd_NAME(int argc, char **argv), argv[0] = the command name. */
typedef int (*cli_cmd_fn)(int argc, char **argv);
int cmd_tokenize(int argc, char **argv);
int cmd_spell(int argc, char **argv);
int cmd_terms(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);

/* Lexicon options shared by lexicon, glossary and check (cli/lexopts.c):
 * --lexicon=FILE (repeatable) adds to the default set (dicts/lexicon.tsv plus
 * the FreeDict base dictionary when installed); --no-default-lexicon starts
 * from none. $PADAN_FREEDICT names the FreeDict stem (empty = none). */
typedef struct {
  const char **files;
  size_t nfiles;
  int no_default;
  int no_base; /* leave FreeDict out of the default set */
} cli_lexopts;
void cli_lexopts_init(cli_lexopts *o);
void cli_lexopts_free(cli_lexopts *o);
/* Consumes a lexicon option at argv[*i] (advancing *i over a separate value).
 * Returns 1 when consumed, 0 when not a lexicon option, -1 on error (printed). */
int cli_lexopts_arg(const char *cmd, cli_lexopts *o, int argc, char **argv, int *i);
/* Loads the default set (unless disabled) and the --lexicon files. Prints
 * "FILE:LINE: reason" on failure and returns EXIT_ERROR; else EXIT_DONE with
 * *out to release with padan_lexicon_free. */
int cli_lexicon_open(const char *cmd, const cli_lexopts *o, padan_lexicon **out);
/* The FreeDict base dictionary stem when installed, else NULL. */
const char *cli_freedict_path(void);
int cmd_align(int argc, char **argv);
int cmd_learn(int argc, char **argv);

/* Shared by align and learn (cli/parallel_input.c). Options: --format=,
 * -o/--output, --encoding=, the lexicon options, -h/--help, and ID_FILE
 * EN_FILE. */
typedef struct {
  const char *cmd;
  const char *files[2];
  int nfiles;
  const char *out, *encoding;
  int fmt;
  cli_lexopts lo;
} cli_pargs;
void cli_pargs_init(cli_pargs *p, const char *cmd, int default_format);
void cli_pargs_free(cli_pargs *p);
/* Consumes argv[*i] (any argument the command did not take itself): 1 done,
 * 2 help printed (exit 0), -1 error printed. */
int cli_pargs_arg(cli_pargs *p, int formats, void (*help)(FILE *), int argc, char **argv, int *i);
/* Two files, not both standard input: EXIT_DONE, else EXIT_ERROR (printed). */
int cli_pargs_check(cli_pargs *p);
/* Lines of a streamed file. Without flags every line comes out (line k pairs
 * with line k), trailing spaces, tabs and CR cut; CLI_LINES_SKIP_BLANK also
 * cuts leading spaces and tabs and skips blank lines (line numbers kept);
 * CLI_LINES_RAW cuts nothing. A line longer than CLI_LONG_LINE bytes (a whole
 * document on one line) is never put together: it comes in parts (the
 * stream's pieces, ending between words, after a sentence end when possible),
 * and the reader's `long_line` is 1 for each of them, `ended` 1 with its last
 * (a part may be empty). A command treats such a line as a document pair. */
enum { CLI_LINES_SKIP_BLANK = 1, CLI_LINES_RAW = 2 };
#define CLI_LONG_LINE ((size_t)1 << 20)
/* CLI_LONG_LINE, or PADAN_LONG_LINE=BYTES from the environment (a testing knob). */
size_t cli_long_line(void);
typedef struct {
  const char *cmd;
  cli_stream *in;
  int flags, eof;
  pd_buf piece, line;
  size_t pos, lineno;
  size_t cap;    /* cli_long_line() */
  int long_line; /* the last line or part handed out is (part of) a line over cap */
  int ended;     /* it ended its line */
} cli_lines;
int cli_lines_open(const char *cmd, const char *path, const char *encoding, int flags,
                   cli_lines *l);
void cli_lines_close(cli_lines *l);
/* Reads the first piece, so that an unreadable or undecodable file (a small
 * one is decoded whole) is reported before any output: EXIT_DONE or EXIT_ERROR. */
int cli_lines_start(cli_lines *l);
/* The next line, or the next part of a long line: 1 with *s, *len (valid
 * until the next call) and the 1-based line number; 0 at the end; -1 on an
 * error (printed). */
int cli_lines_next(cli_lines *l, const char **s, size_t *len, size_t *lineno);
/* Adds the sentences of s[0..len) (a piece of text, or a part of a long line)
 * to side k of an aligner stream: tokenized a few lines, or about 64 KiB of a
 * long line, at a time; *added (may be NULL) is increased by their number.
 * Returns PADAN_OK or a negative status. */
int cli_align_add_text(padan_tokenizer *tk, padan_tokens *t, padan_align_stream *st, int k,
                       const char *s, size_t len, size_t *added);
/* The rest of the current piece, or the next piece, unsplit (pieces end at a
 * line end or, for a long line, between words): 1, 0 at the end, -1 on error. */
int cli_lines_piece(cli_lines *l, const char **s, size_t *len);
int cli_blank(const char *s, size_t len); /* only spaces, tabs, CR, FF, VT */
/* Calls fn for each (Indonesian term, English term) of a lexicon concept, the
 * Indonesian term not deprecated; CLI_PAIRS_ONE_WORD: one word each;
 * CLI_PAIRS_EN_CURRENT: the English not deprecated either; max_terms: skip
 * concepts with more terms (0 = no limit). Counts pairs in *npairs. */
enum { CLI_PAIRS_ONE_WORD = 1, CLI_PAIRS_EN_CURRENT = 2 };
int cli_lexicon_pairs(padan_lexicon *lex, int flags, size_t max_terms,
                      int (*fn)(void *ctx, const char *id, size_t idlen, const char *en,
                                size_t enlen),
                      void *ctx, size_t *npairs);
int cmd_glossary(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
