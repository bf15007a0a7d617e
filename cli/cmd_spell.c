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

static void help(FILE *fp) {
  fprintf(fp,
          "Usage: padan spell [OPTIONS] [FILE...]\n"
          "       padan spell -a [OPTIONS]\n\n"
          "Spell-check Indonesian text (standard input when no FILE or FILE is '-').\n"
          "Hunspell's id_ID dictionary plus padan's supplements (dicts/padan-id.dic,\n"
          "words-id.txt, the lexicon), Indonesian clitics, reduplication and compounds.\n\n"
          "Options:\n"
          "  -o FILE              write to FILE (atomically) instead of standard output\n"
          "  --format=FMT         text (default): FILE:LINE:COL: word -> sugg, sugg\n"
          "                       tsv: file line col word suggestions kind offset\n"
          "                         (suggestions '|'-separated; offset: 0-based byte offset)\n"
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
          "  -a                   ispell/Hunspell pipe protocol on standard input\n"
          "  --help               show this help\n\n"
          "Kinds: misspelled, nonstandard (the first suggestion is the standard form), name.\n"
          "Exit status: 0 no findings, 1 findings reported, 2 usage or input error.\n");
}

typedef struct {
  FILE *fp;
  int fmt;
  const char *file;
  size_t count;
  size_t line_base; /* lines before the current chunk */
} emit_ctx;

static int emit(void *user, const padan_spell_finding *f0) {
  emit_ctx *c = user;
  FILE *fp = c->fp;
  padan_spell_finding fl = *f0;
  const padan_spell_finding *f = &fl;
  fl.line += c->line_base;
  const char *kind = padan_spell_kind_name(f->kind);
  if (c->fmt == FMT_TSV) {
    cli_tsv_field(fp, c->file, strlen(c->file));
    fprintf(fp, "\t%zu\t%zu\t", f->line, f->col);
    cli_tsv_field(fp, f->word, f->len);
    fputc('\t', fp);
    for (size_t i = 0; i < f->nsugg; i++) {
      if (i)
        fputc('|', fp);
      cli_tsv_field(fp, f->sugg[i], strlen(f->sugg[i]));
    }
    fprintf(fp, "\t%s\t%zu\n", kind, f->start);
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
      {"help", no_argument, NULL, O_HELP},
      {NULL, 0, NULL, 0}};
  const char *outpath = NULL, *encoding = NULL, *dict = NULL;
  int fmt = FMT_TEXT, pipe = 0, nodeflex = 0;
  padan_speller_opts so;
  memset(&so, 0, sizeof so);
  pd_vec personal, lexicons;
  pd_vec_init(&personal, sizeof(char *));
  pd_vec_init(&lexicons, sizeof(char *));
  int rc = EXIT_DONE, c;
  optind = 0;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "+o:ah", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': outpath = optarg; break;
    case 'a': pipe = 1; break;
    case 'h':
    case O_HELP:
      help(stdout);
      pd_vec_free(&personal);
      pd_vec_free(&lexicons);
      return EXIT_DONE;
    case O_FORMAT:
      if (!(fmt = cli_parse_format(CMD, optarg, FMT_TEXT | FMT_TSV | FMT_JSON)))
        rc = EXIT_ERROR;
      break;
    case O_ENCODING: encoding = optarg; break;
    case O_DICT: dict = optarg; break;
    case O_PERSONAL: {
      char **p = pd_vec_push(&personal);
      if (p)
        *p = optarg;
      break;
    }
    case O_LEXICON: {
      char **p = pd_vec_push(&lexicons);
      if (p)
        *p = optarg;
      break;
    }
    case O_NODEFLEX: nodeflex = 1; break;
    case O_NAMES: so.names = 1; break;
    case O_CAPS: so.check_caps = 1; break;
    case O_MAXSUGG: {
      char *e;
      long v = strtol(optarg, &e, 10);
      if (*e || v < 0 || v > 100) {
        cli_error(CMD, "--max-suggestions: expected 0..100, got '%s'", optarg);
        rc = EXIT_ERROR;
      }
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
    default:
      if (optopt && optopt < 256)
        cli_error(CMD, "unknown option '-%c' (see 'padan spell --help')", optopt);
      else
        cli_error(CMD, "unknown or incomplete option '%s' (see 'padan spell --help')",
                  argv[optind - 1]);
      rc = EXIT_ERROR;
    }
  }
  if (rc == EXIT_DONE && pipe && optind < argc) {
    cli_error(CMD, "-a reads standard input only");
    rc = EXIT_ERROR;
  }
  if (rc != EXIT_DONE) {
    pd_vec_free(&personal);
    pd_vec_free(&lexicons);
    return rc;
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
    emit_ctx ec = {out.fp, fmt, NULL, 0, 0};
    int ok = 1;
    if (fmt == FMT_TSV)
      fputs("#file\tline\tcol\tword\tsuggestions\tkind\toffset\n", out.fp);
    if (fmt == FMT_JSON)
      fputc('[', out.fp);
    padan_tokens toks;
    padan_tokens_init(&toks);
    int nfiles = argc - optind;
    for (int i = 0; i < (nfiles ? nfiles : 1) && ok; i++) {
      const char *path = nfiles ? argv[optind + i] : "-";
      char *text;
      size_t len;
      if (cli_read_text(CMD, path, encoding, &text, &len)) {
        ok = 0;
        break;
      }
      ec.file = path;
      ec.line_base = 0;
      int r = PADAN_OK;
      /* in pieces of about 1 MB that end at a blank line (else a line end), so
       * that memory stays small on large files */
      for (size_t cs = 0; cs < len && r == PADAN_OK;) {
        size_t ce = len;
        if (len - cs > CHUNK) {
          const char *nl = NULL;
          for (size_t q = cs + CHUNK; q + 1 < len && q < cs + CHUNK + 65536; q++)
            if (text[q] == '\n' && text[q + 1] == '\n') {
              nl = text + q + 1;
              break;
            }
          if (!nl)
            nl = memchr(text + cs + CHUNK, '\n', len - cs - CHUNK);
          ce = nl ? (size_t)(nl - text) + 1 : len;
        }
        padan_tokens_clear(&toks);
        r = padan_tokenize(tk, text + cs, ce - cs, cs, 0, &toks);
        if (r == PADAN_OK)
          r = padan_speller_check_text(sp, text + cs, ce - cs, cs, &toks, emit, &ec);
        for (size_t q = cs; q < ce; q++)
          ec.line_base += text[q] == '\n';
        cs = ce;
      }
      if (r != PADAN_OK) {
        cli_error(CMD, "%s: %s", path,
                  *padan_speller_errmsg(sp) ? padan_speller_errmsg(sp) : padan_strerror(r));
        ok = 0;
      }
      free(text);
    }
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
  return rc;
}
