/* padan spell: misspellings with suggestions; -a speaks the ispell pipe protocol. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <padan/spell.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *CMD = "spell";

#define CHUNK ((size_t)1 << 20)
#define LONG_LINE ((size_t)2 << 20)

static void help(FILE *fp) {
  fprintf(fp,
          "Usage: padan spell [OPTIONS] [FILE...]\n"
          "       padan spell -a [OPTIONS]\n\n"
          "Spell-check Indonesian text (standard input when no FILE or FILE is '-').\n"
          "Hunspell's id_ID dictionary plus padan's supplements (dicts/padan-id.dic,\n"
          "words-id.txt, the lexicon), Indonesian clitics, reduplication and compounds.\n\n"
          "Options:\n"
          "  -o, --output=FILE    write to FILE (atomically) instead of standard output\n"
          "  --format=FMT         text (default): FILE:LINE:COL: word -> sugg, sugg\n"
          "                       tsv: file line col word suggestions kind offset\n"
          "                         (suggestions '|'-separated; offset: 0-based byte offset)\n"
          "                       csv: the same columns, RFC 4180 (header without '#', CRLF)\n"
          "                       json: an array of finding objects\n"
          "                       LINE and COL are 1-based; COL counts characters (code points).\n"
          "  --encoding=ENC       input encoding (auto, utf-8, windows-1252, ...; default auto)\n"
          "  --dict=PATH          Hunspell dictionary: a name searched in $DICPATH and the\n"
          "                       system folders, or a path with or without .dic/.aff\n"
          "                       (default id_ID)\n"
          "  --personal=FILE      add a personal word list (one word a line; repeatable)\n"
          "  --lexicon=FILE       add a lexicon TSV's Indonesian words (repeatable)\n"
          "  --no-default-lexicon do not load dicts/lexicon.tsv\n"
          "  --names              report unknown capitalized words as kind 'name'\n"
          "  --check-caps         check all-caps words (skipped by default)\n"
          "  --max-suggestions=N  suggestions per word (default 5)\n"
          "  --hunspell-suggest=WHEN  also use Hunspell's own suggestions (slow, ~10 ms a\n"
          "                       word): never (default), fallback (when padan finds no\n"
          "                       candidate), always\n"
          "  -a                   ispell/Hunspell pipe protocol: UTF-8 on standard input,\n"
          "                       answers on standard output (not with FILE, -o, --format\n"
          "                       or --encoding)\n"
          "  --help               show this help\n\n"
          "Options may come before or after the FILEs; '--' ends them.\n"
          "Kinds: misspelled, nonstandard (the first suggestion is the standard form), name.\n\n"
          "Input is streamed in pieces of about 1 MB ending at a line end: memory does not\n"
          "grow with the input. A line over 2 MiB is cut between words (after a sentence\n"
          "end when one is near); a capitalized word right after such a cut is judged as\n"
          "starting a sentence.\n"
          "-a answers each line as soon as it is complete: one line per word ('*' known,\n"
          "'& WORD N OFFSET: SUGG, ...', '# WORD OFFSET'), then an empty line; '^' text,\n"
          "'*WORD' '@WORD' '&WORD' (accept WORD), '!' '%%' (terse on/off); '#' '~' '+' '-'\n"
          "are ignored. A line over 1 MiB is checked in pieces cut between words (offsets\n"
          "still count from the line start), so memory stays bounded; a *WORD line over\n"
          "1 MiB is ignored. A run of 512 KiB with no blank nor punctuation (a blob, not\n"
          "text) is answered once, never in parts. A line that is not valid\n"
          "UTF-8 gets the empty line alone.\n"
          "Exit status: 0 no findings, 1 findings reported, 2 usage or input error;\n"
          "with -a, 0 at the end of the input whatever it answered (as hunspell -a).\n");
}

typedef struct {
  FILE *fp;
  int fmt;
  const char *file;
  size_t count;
  size_t line_base; /* lines before the current chunk */
  size_t col_base;  /* characters before the chunk on its first line (a cut long line) */
  pd_buf sugg;      /* TSV, CSV: the suggestions column */
} emit_ctx;

static int emit(void *user, const padan_spell_finding *f0) {
  emit_ctx *c = user;
  FILE *fp = c->fp;
  padan_spell_finding fl = *f0;
  const padan_spell_finding *f = &fl;
  if (fl.line == 1)
    fl.col += c->col_base;
  fl.line += c->line_base;
  const char *kind = padan_spell_kind_name(f->kind);
  if (c->fmt == FMT_TSV || c->fmt == FMT_CSV) {
    /* the suggestions are one field, '|'-separated */
    pd_buf_clear(&c->sugg);
    int oom = 0;
    for (size_t i = 0; i < f->nsugg; i++)
      oom |= (i && pd_buf_putc(&c->sugg, '|')) || pd_buf_puts(&c->sugg, f->sugg[i]);
    if (oom)
      return PADAN_ENOMEM; /* check_text returns it: "out of memory" */
    cli_row r = cli_row_start(fp, c->fmt == FMT_CSV);
    cli_row_str(&r, c->file, strlen(c->file));
    cli_row_fmt(&r, "%zu", f->line);
    cli_row_fmt(&r, "%zu", f->col);
    cli_row_str(&r, f->word, f->len);
    cli_row_str(&r, c->sugg.p ? c->sugg.p : "", c->sugg.len);
    cli_row_str(&r, kind, strlen(kind));
    cli_row_fmt(&r, "%zu", f->start);
    cli_row_end(&r);
  } else if (c->fmt == FMT_JSON) {
    fputs(c->count ? ",\n  {\"file\": " : "\n  {\"file\": ", fp);
    cli_json_str(fp, c->file, strlen(c->file));
    fprintf(fp, ", \"line\": %zu, \"col\": %zu, \"offset\": %zu, \"word\": ", f->line, f->col,
            f->start);
    cli_json_str(fp, f->word, f->len);
    fprintf(fp, ", \"kind\": \"%s\", \"suggestions\": [", kind);
    for (size_t i = 0; i < f->nsugg; i++) {
      if (i)
        fputs(", ", fp);
      cli_json_str(fp, f->sugg[i], strlen(f->sugg[i]));
    }
    fputs("]}", fp);
  } else {
    fprintf(fp, "%s:%zu:%zu: %.*s ->", c->file, f->line, f->col, (int)f->len, f->word);
    for (size_t i = 0; i < f->nsugg; i++)
      fprintf(fp, "%s%s", i ? ", " : " ", f->sugg[i]);
    if (f->kind != PADAN_SPELL_MISSPELLED)
      fprintf(fp, " (%s)", kind);
    fputc('\n', fp);
  }
  c->count++;
  return 0;
}

/* ------------------------------------------------------------ -a */

/* The protocol is in the library (padan_spell_pipe_*). read(2) returns what
 * the editor has written so far, so each line is answered as soon as it is
 * complete; the input is fed in blocks, so memory does not grow with it. */
static int pipe_mode(padan_speller *sp, FILE *out) {
  padan_spell_pipe *pp;
  if (padan_spell_pipe_new(&pp, sp) != PADAN_OK) {
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  fputs(padan_spell_pipe_banner(), out);
  fflush(out);
  static char block[65536];
  int rc = EXIT_DONE;
  for (;;) {
    ssize_t got = read(STDIN_FILENO, block, sizeof block);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      cli_error(CMD, "(standard input): %s", strerror(errno));
      rc = EXIT_ERROR;
      break;
    }
    const char *ans;
    size_t alen;
    int r = padan_spell_pipe_feed(pp, block, (size_t)got, got == 0, &ans, &alen);
    if (alen) {
      fwrite(ans, 1, alen, out);
      fflush(out);
    }
    if (r != PADAN_OK) {
      cli_error(CMD, "%s", padan_spell_pipe_errmsg(pp));
      rc = EXIT_ERROR;
      break;
    }
    if (got == 0)
      break;
  }
  if (ferror(out)) {
    cli_error(CMD, "(standard output): write error");
    rc = EXIT_ERROR;
  }
  padan_spell_pipe_free(pp);
  return rc;
}

/* Where the chunk starting at text[0] (len bytes, more to come unless eof)
 * ends: about CHUNK bytes, at a blank line when one is near, else at a line
 * end; a line over LONG_LINE is cut between words near CHUNK. 0: more input
 * is needed. */
static size_t chunk_end(const char *text, size_t len, int eof) {
  if (len <= CHUNK)
    return eof ? len : 0;
  for (size_t q = CHUNK; q + 1 < len && q < CHUNK + 65536; q++)
    if (text[q] == '\n' && text[q + 1] == '\n')
      return q + 2;
  if (!eof && len < CHUNK + 65536 + 1)
    return 0; /* the blank line may still come */
  const char *nl = memchr(text + CHUNK, '\n', len - CHUNK);
  if (nl)
    return (size_t)(nl - text) + 1;
  if (len < LONG_LINE)
    return eof ? len : 0;
  /* a long line: after the first sentence end past CHUNK, else the first
   * space (the stream hands out long lines cut between words) */
  size_t space = 0;
  for (size_t q = CHUNK; q < len && q < CHUNK + 65536; q++) {
    if (text[q] != ' ' && text[q] != '\t')
      continue;
    if (!space)
      space = q + 1;
    if (text[q - 1] == '.' || text[q - 1] == '!' || text[q - 1] == '?')
      return q + 1;
  }
  if (!space)
    for (size_t q = CHUNK + 65536; q < len; q++)
      if (text[q] == ' ' || text[q] == '\t')
        return q + 1;
  return space ? space : len;
}

/* Spell-checks one input, streamed: the text is checked in chunks of about
 * 1 MB (see chunk_end), so memory does not grow with the input. */
static int spell_file(padan_speller *sp, padan_tokenizer *tk, const char *path,
                      const char *encoding, padan_tokens *toks, pd_buf *pend, emit_ctx *ec) {
  cli_stream *st;
  if (cli_stream_open(CMD, path, encoding, &st))
    return EXIT_ERROR;
  cli_stream_set_words(st, 1);
  ec->file = path;
  ec->line_base = ec->col_base = 0;
  pd_buf_clear(pend);
  size_t off = 0; /* decoded bytes before pend */
  int eof = 0, r = PADAN_OK, err = 0;
  while (!err && r == PADAN_OK) {
    if (!eof && cli_stream_read(st, pend, &eof)) {
      err = 1;
      break;
    }
    size_t ce;
    while (r == PADAN_OK && pend->len && (ce = chunk_end(pend->p, pend->len, eof))) {
      const char *text = pend->p;
      padan_tokens_clear(toks);
      r = padan_tokenize(tk, text, ce, off, 0, toks);
      if (r == PADAN_OK)
        r = padan_speller_check_text(sp, text, ce, off, toks, emit, ec);
      size_t lines = 0, last = 0;
      for (size_t q = 0; q < ce; q++)
        if (text[q] == '\n')
          lines++, last = q + 1;
      if (lines)
        ec->col_base = 0;
      for (size_t q = last; q < ce; q++)
        ec->col_base += ((unsigned char)text[q] & 0xC0) != 0x80;
      ec->line_base += lines;
      off += ce;
      memmove(pend->p, pend->p + ce, pend->len - ce);
      pend->len -= ce;
      if (pend->p)
        pend->p[pend->len] = '\0';
    }
    if (eof && !pend->len)
      break;
  }
  if (r != PADAN_OK) {
    cli_error(CMD, "%s: %s", path,
              *padan_speller_errmsg(sp) ? padan_speller_errmsg(sp) : padan_strerror(r));
    err = 1;
  }
  cli_stream_close(st);
  return err ? EXIT_ERROR : EXIT_DONE;
}

/* ------------------------------------------------------------ main */

static int load_data(padan_speller *sp, int (*fn)(padan_speller *, const char *), const char *name) {
  const char *p = cli_data_file(name);
  if (!p)
    return EXIT_DONE; /* optional data file not installed */
  if (fn(sp, p) != PADAN_OK) {
    cli_error(CMD, "%s", padan_speller_errmsg(sp));
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

static int add_dic(padan_speller *sp, const char *p) { return padan_speller_add_dic(sp, p); }

int cmd_spell(int argc, char **argv) {
  enum {
    O_FORMAT = 256, O_ENCODING, O_DICT, O_PERSONAL, O_LEXICON, O_NODEFLEX, O_NAMES, O_CAPS,
    O_MAXSUGG, O_HUNSUGG, O_HELP
  };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, O_FORMAT},
      {"encoding", required_argument, NULL, O_ENCODING},
      {"dict", required_argument, NULL, O_DICT},
      {"personal", required_argument, NULL, O_PERSONAL},
      {"lexicon", required_argument, NULL, O_LEXICON},
      {"no-default-lexicon", no_argument, NULL, O_NODEFLEX},
      {"names", no_argument, NULL, O_NAMES},
      {"check-caps", no_argument, NULL, O_CAPS},
      {"max-suggestions", required_argument, NULL, O_MAXSUGG},
      {"hunspell-suggest", required_argument, NULL, O_HUNSUGG},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, O_HELP},
      {NULL, 0, NULL, 0}};
  const char *outpath = NULL, *encoding = NULL, *dict = NULL;
  int fmt = FMT_TEXT, fmt_given = 0, pipe = 0, nodeflex = 0;
  padan_speller_opts so;
  memset(&so, 0, sizeof so);
  pd_vec personal, lexicons;
  pd_vec_init(&personal, sizeof(char *));
  pd_vec_init(&lexicons, sizeof(char *));
  char **files = calloc((size_t)argc + 1, sizeof *files);
  int nfiles = 0;
  if (!files) {
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  int rc = EXIT_DONE, c;
  optind = 0;
  opterr = 0;
  /* '-': FILEs come back in order (options anywhere, as the other commands
   * take them, whatever POSIXLY_CORRECT says; '--' still ends the options);
   * ':': a missing value is told apart from an unknown option. */
  while (rc == EXIT_DONE && (c = getopt_long(argc, argv, "-:o:ah", longopts, NULL)) != -1) {
    switch (c) {
    case 1: files[nfiles++] = optarg; break;
    case 'o':
      if (!*optarg) {
        cli_error(CMD, "-o needs a value");
        rc = EXIT_ERROR;
      }
      outpath = optarg;
      break;
    case 'a': pipe = 1; break;
    case 'h':
    case O_HELP:
      help(stdout);
      rc = -1;
      break;
    case O_FORMAT:
      fmt_given = 1;
      if (!(fmt = cli_parse_format(CMD, optarg, FMT_TEXT | FMT_TSV | FMT_CSV | FMT_JSON)))
        rc = EXIT_ERROR;
      break;
    case O_ENCODING:
    case O_DICT:
      if (!*optarg) {
        cli_error(CMD, "%s needs a value", c == O_DICT ? "--dict" : "--encoding");
        rc = EXIT_ERROR;
      }
      *(c == O_DICT ? &dict : &encoding) = optarg;
      break;
    case O_PERSONAL:
    case O_LEXICON: {
      if (!*optarg) {
        cli_error(CMD, "%s needs a file name", c == O_PERSONAL ? "--personal" : "--lexicon");
        rc = EXIT_ERROR;
        break;
      }
      char **p = pd_vec_push(c == O_PERSONAL ? &personal : &lexicons);
      if (!p) {
        cli_error(CMD, "out of memory");
        rc = EXIT_ERROR;
      } else {
        *p = optarg;
      }
      break;
    }
    case O_NODEFLEX: nodeflex = 1; break;
    case O_NAMES: so.names = 1; break;
    case O_CAPS: so.check_caps = 1; break;
    case O_MAXSUGG: {
      unsigned long v = 0;
      if (cli_number(CMD, "--max-suggestions", optarg, 0, 100, &v))
        rc = EXIT_ERROR;
      so.max_suggest = v == 0 ? -1 : (int)v;
      break;
    }
    case O_HUNSUGG:
      if (strcmp(optarg, "fallback") == 0)
        so.hunspell_suggest = PADAN_SPELL_HUNSUGG_FALLBACK;
      else if (strcmp(optarg, "always") == 0)
        so.hunspell_suggest = PADAN_SPELL_HUNSUGG_ALWAYS;
      else if (strcmp(optarg, "never") == 0)
        so.hunspell_suggest = PADAN_SPELL_HUNSUGG_NEVER;
      else {
        cli_error(CMD, "--hunspell-suggest: expected fallback, always or never, got '%s'", optarg);
        rc = EXIT_ERROR;
      }
      break;
    case ':':
      if (optopt && optopt < 256)
        cli_error(CMD, "-%c needs a value", optopt);
      else
        cli_error(CMD, "%s needs a value", argv[optind - 1]);
      rc = EXIT_ERROR;
      break;
    default:
      if (optopt && optopt < 256)
        cli_error(CMD, "unknown option '-%c' (see 'padan spell --help')", optopt);
      else
        cli_error(CMD, "unknown or incomplete option '%s' (see 'padan spell --help')",
                  argv[optind - 1]);
      rc = EXIT_ERROR;
    }
  }
  for (int i = optind; rc == EXIT_DONE && i < argc; i++)
    files[nfiles++] = argv[i]; /* after '--' */
  if (rc == EXIT_DONE && pipe && nfiles) {
    cli_error(CMD, "-a reads standard input only");
    rc = EXIT_ERROR;
  }
  if (rc == EXIT_DONE && pipe && (outpath || fmt_given || encoding)) {
    /* an editor reads the answers line by line as they come: not from a file
     * renamed into place at the end, nor in another format */
    cli_error(CMD, "-a is the ispell pipe: it reads UTF-8 from standard input and answers on "
                   "standard output (-o, --format and --encoding do not apply)");
    rc = EXIT_ERROR;
  }
  if (rc != EXIT_DONE) {
    pd_vec_free(&personal);
    pd_vec_free(&lexicons);
    free(files);
    return rc < 0 ? EXIT_DONE : rc;
  }
  padan_speller *sp = NULL;
  padan_tokenizer *tk = NULL;
  if (padan_speller_new(&sp, &so) || padan_tokenizer_new(&tk)) {
    cli_error(CMD, "out of memory");
    rc = EXIT_ERROR;
    goto done;
  }
  if (padan_speller_load_dict(sp, dict) != PADAN_OK) {
    cli_error(CMD, "%s", padan_speller_errmsg(sp));
    rc = EXIT_ERROR;
    goto done;
  }
  if ((rc = load_data(sp, add_dic, "padan-id.dic")) || (rc = load_data(sp, padan_speller_load_words, "words-id.txt")) ||
      (rc = load_data(sp, padan_speller_load_nonstandard, "nonstandard-id.tsv")) ||
      (rc = load_data(sp, padan_speller_load_freq, "wordfreq-id.tsv")))
    goto done;
  if (!nodeflex && (rc = load_data(sp, padan_speller_load_lexicon, "lexicon.tsv")))
    goto done;
  for (size_t i = 0; i < lexicons.n; i++)
    if (padan_speller_load_lexicon(sp, PD_VEC_AT(&lexicons, char *, i)) != PADAN_OK) {
      cli_error(CMD, "%s", padan_speller_errmsg(sp));
      rc = EXIT_ERROR;
      goto done;
    }
  for (size_t i = 0; i < personal.n; i++)
    if (padan_speller_load_words(sp, PD_VEC_AT(&personal, char *, i)) != PADAN_OK) {
      cli_error(CMD, "%s", padan_speller_errmsg(sp));
      rc = EXIT_ERROR;
      goto done;
    }
  if (pipe) {
    rc = pipe_mode(sp, stdout);
    goto done;
  }
  {
    cli_out out;
    if (cli_out_open(CMD, &out, outpath)) {
      rc = EXIT_ERROR;
      goto done;
    }
    emit_ctx ec = {out.fp, fmt, NULL, 0, 0, 0, {0}};
    pd_buf_init(&ec.sugg);
    int ok = 1;
    if (fmt == FMT_TSV || fmt == FMT_CSV) {
      cli_row r = cli_row_start(out.fp, fmt == FMT_CSV);
      cli_row_header(&r, "file\tline\tcol\tword\tsuggestions\tkind\toffset");
    }
    if (fmt == FMT_JSON)
      fputc('[', out.fp);
    padan_tokens toks;
    padan_tokens_init(&toks);
    pd_buf pend;
    pd_buf_init(&pend);
    if (nfiles > 1)
      cli_progress_files(CMD, (const char *const *)files, (size_t)nfiles);
    for (int i = 0; i < (nfiles ? nfiles : 1) && ok; i++) {
      const char *path = nfiles ? files[i] : "-";
      if (spell_file(sp, tk, path, encoding, &toks, &pend, &ec))
        ok = 0;
      else if (nfiles > 1)
        cli_progress(CMD, "files", (size_t)i + 1, (size_t)nfiles);
    }
    pd_buf_free(&pend);
    pd_buf_free(&ec.sugg);
    padan_tokens_free(&toks);
    if (fmt == FMT_JSON)
      fputs(ec.count ? "\n]\n" : "]\n", out.fp);
    if (cli_out_close(CMD, &out, ok) || !ok)
      rc = EXIT_ERROR;
    else
      rc = ec.count ? EXIT_FINDINGS : EXIT_DONE;
  }
done:
  padan_tokenizer_free(tk);
  padan_speller_free(sp);
  pd_vec_free(&personal);
  pd_vec_free(&lexicons);
  free(files);
  return rc;
}
