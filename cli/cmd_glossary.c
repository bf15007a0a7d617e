/* padan glossary: the terms of a batch of Indonesian articles with their English. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <padan/glossary.h>

static const char *CMD = "glossary";

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: padan glossary [OPTIONS] FILE...\n"
          "\n"
          "The glossary a translator works from: every term extracted from the Indonesian\n"
          "FILEs (\"-\" = standard input) and every lexicon term found in them, with its\n"
          "English equivalent, how it was found, frequency, score, lexicon status and an\n"
          "example sentence.\n"
          "\n"
          "match: lexicon (same text or case), lemma (same lemma key), fuzzy (small edit\n"
          "distance), compositional (translated word by word and reordered into English\n"
          "order), learned (a lexicon row noted \"learned\"), none (left for the translator).\n"
          "\n"
          "Options:\n"
          "  --format=FMT      tsv (default), csv, json, tbx (TBX-Basic v3), tbx2 (TBX v2\n"
          "                    martif), omegat (OmegaT glossary TSV), md, html (one\n"
          "                    self-contained page with a sortable table), text (for\n"
          "                    reading: 'term -> English (match, status; n times)')\n"
          "  -o FILE           write to FILE (atomically) instead of standard output\n"
          "  --top=N           keep the N best rows (default: all); rows are ordered by\n"
          "                    score, then frequency: lexicon terms the extractor did not\n"
          "                    rank have score 0 and come after the extracted ones\n"
          "  --min-freq=N      extracted terms must occur N times (default 2); lexicon\n"
          "                    terms found in the input are kept even when seen once\n"
          "  --max-words=N     longest extracted term in words (default 6)\n"
          "  --lexicon=FILE    add a lexicon (TSV, CSV, TBX, dictd); repeatable\n"
          "  --no-default-lexicon  do not load dicts/lexicon.tsv and FreeDict\n"
          "  --encoding=ENC    input encoding (default auto: UTF-8, else Windows-1252)\n"
          "  --stopwords=FILE  stop words for term extraction (default dicts/stopwords-id.txt)\n"
          "  --docs=UNIT       what a document is: file (default), line (each non-blank\n"
          "                    line) or blank (blocks of lines between blank lines)\n"
          "  -h, --help        this help\n"
          "\n"
          "TSV columns: id_term en_term match freq score status, then alternatives admitted\n"
          "concept domain confidence source note example.\n"
          "Inputs are read in pieces: memory grows with the distinct words and terms and\n"
          "the lexicon, not with the length of the input. The input is read a second time\n"
          "for examples and lexicon matches: up to 8 MiB of it is kept in memory, more in\n"
          "an unlinked temporary file in $TMPDIR, else /tmp (about the input's size).\n"
          "Exit status: 0 done (a glossary is not a finding), 2 usage or input error.\n");
}

static int g_whole(void *c, const char *s, size_t n) { return padan_glossary_add(c, s, n); }
static int g_piece(void *c, const char *s, size_t n) { return padan_glossary_add_piece(c, s, n); }
static int g_end(void *c) { return padan_glossary_end_doc(c); }

/* The handle's message, or the status text when the failure left none (ENOMEM). */
static const char *gloss_msg(const padan_glossary *g, int st) {
  const char *m = padan_glossary_errmsg(g);
  return m && *m ? m : padan_strerror(st);
}

static void on_progress(void *ud, const char *stage, size_t done, size_t total) {
  (void)ud;
  cli_progress_stage(CMD, stage, done, total);
}

int cmd_glossary(int argc, char **argv) {
  cli_join_values(&argc, argv);
  const char *out_path = NULL, *encoding = NULL, *stopwords = NULL;
  int format = FMT_TSV, docs = CLI_DOCS_FILE;
  padan_glossary_options opt;
  padan_glossary_options_init(&opt);
  cli_lexopts lo;
  cli_lexopts_init(&lo);
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t nfiles = 0;
  int rc = EXIT_ERROR, only_files = 0;
  if (!files) {
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    unsigned long v;
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      files[nfiles++] = a;
      continue;
    }
    int lr = cli_lexopts_arg(CMD, &lo, argc, argv, &i);
    if (lr < 0)
      goto done;
    if (lr > 0)
      continue;
    if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      rc = EXIT_DONE;
      goto done;
    } else if (strncmp(a, "--format=", 9) == 0) {
      format = cli_parse_format(CMD, a + 9,
                                FMT_TSV | FMT_CSV | FMT_JSON | FMT_TBX | FMT_TBX2 | FMT_OMEGAT |
                                    FMT_MD | FMT_HTML | FMT_TEXT);
      if (!format)
        goto done;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (i + 1 >= argc) {
        cli_error(CMD, "%s needs a file name", a);
        goto done;
      }
      if (!*(out_path = argv[++i])) {
        cli_error(CMD, "%s needs a file name", a);
        goto done;
      }
    } else if (strncmp(a, "--output=", 9) == 0) {
      if (!*(out_path = a + 9)) {
        cli_error(CMD, "--output needs a file name");
        goto done;
      }
    } else if (strncmp(a, "-o", 2) == 0) {
      out_path = a + 2;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      if (!*(encoding = a + 11)) {
        cli_error(CMD, "--encoding needs a value");
        goto done;
      }
    } else if (strncmp(a, "--stopwords=", 12) == 0) {
      if (!*(stopwords = a + 12)) {
        cli_error(CMD, "--stopwords needs a file name");
        goto done;
      }
    } else if (strncmp(a, "--docs=", 7) == 0) {
      if (!(docs = cli_docs_mode(a + 7))) {
        cli_error(CMD, "--docs must be file, line or blank, not '%s'", a + 7);
        goto done;
      }
    } else if (strncmp(a, "--top=", 6) == 0) {
      if (cli_number(CMD, "--top", a + 6, 0, 1000000000UL, &v))
        goto done;
      opt.top = v;
    } else if (strncmp(a, "--min-freq=", 11) == 0) {
      /* (once cut to an unsigned: 4294967298 meant 2) */
      if (cli_number(CMD, "--min-freq", a + 11, 0, 1000000000UL, &v))
        goto done;
      opt.min_freq = v > 0 ? (unsigned)v : 1;
    } else if (strncmp(a, "--max-words=", 12) == 0) {
      if (cli_number(CMD, "--max-words", a + 12, 1, 6, &v))
        goto done;
      opt.max_words = (int)v;
    } else {
      cli_error(CMD, "unknown option '%s' (see 'padan glossary --help')", a);
      goto done;
    }
  }
  if (!nfiles) {
    cli_error(CMD, "no input files (use '-' for standard input; see --help)");
    goto done;
  }

  padan_lexicon *lex = NULL;
  if (cli_lexicon_open(CMD, &lo, &lex))
    goto done;
  padan_glossary *g = NULL;
  int st = padan_glossary_new(&g, lex, &opt);
  if (st) {
    cli_error(CMD, "%s", padan_strerror(st));
    padan_lexicon_free(lex);
    goto done;
  }
  if (!stopwords)
    stopwords = cli_data_file("stopwords-id.txt");
  if (stopwords && (st = padan_glossary_load_stopwords(g, stopwords))) {
    cli_error(CMD, "%s", gloss_msg(g, st));
    goto fail;
  }
  cli_docs dd;
  memset(&dd, 0, sizeof dd);
  dd.mode = docs, dd.whole = g_whole, dd.piece = g_piece, dd.end = g_end, dd.ctx = g;
  pd_buf piece;
  pd_buf_init(&piece);
  cli_progress_quiet_output = 1; /* the output comes at the end */
  cli_progress_files(CMD, files, nfiles);
  for (size_t i = 0; i < nfiles; i++) {
    cli_stream *s;
    if (cli_stream_open(CMD, files[i], encoding, &s)) {
      pd_buf_free(&piece);
      goto fail;
    }
    cli_stream_set_words(s, 1);
    cli_docs_start(&dd);
    int eof = 0;
    st = PADAN_OK;
    while (!eof && !st) {
      pd_buf_clear(&piece);
      if (cli_stream_read(s, &piece, &eof)) {
        cli_stream_close(s);
        pd_buf_free(&piece);
        goto fail;
      }
      st = cli_docs_feed(&dd, piece.p ? piece.p : "", piece.len);
    }
    if (!st)
      st = cli_docs_end_file(&dd);
    cli_stream_close(s);
    if (st) {
      cli_error(CMD, "%s: %s", strcmp(files[i], "-") ? files[i] : "(standard input)",
                gloss_msg(g, st));
      pd_buf_free(&piece);
      goto fail;
    }
    if (nfiles > 1)
      cli_progress(CMD, "files", i + 1, nfiles);
  }
  pd_buf_free(&piece);
  cli_progress_stage(CMD, "ranking", 0, 0);
  padan_glossary_set_progress(g, on_progress, NULL);
  if ((st = padan_glossary_build(g, NULL, NULL))) {
    cli_error(CMD, "%s", gloss_msg(g, st));
    goto fail;
  }
  cli_progress_end();
  cli_out o;
  if (cli_out_open(CMD, &o, out_path))
    goto fail;
  int gf = format == FMT_CSV      ? PADAN_GLOSS_CSV
           : format == FMT_JSON   ? PADAN_GLOSS_JSON
           : format == FMT_TBX    ? PADAN_GLOSS_TBX
           : format == FMT_TBX2   ? PADAN_GLOSS_TBX2
           : format == FMT_OMEGAT ? PADAN_GLOSS_OMEGAT
           : format == FMT_MD     ? PADAN_GLOSS_MD
           : format == FMT_HTML   ? PADAN_GLOSS_HTML
           : format == FMT_TEXT   ? PADAN_GLOSS_TEXT
                                  : PADAN_GLOSS_TSV;
  st = padan_glossary_write(g, o.fp, gf);
  if (st)
    cli_error(CMD, "%s: %s", out_path ? out_path : "standard output", padan_strerror(st));
  rc = cli_out_close(CMD, &o, st == PADAN_OK);
fail:
  padan_glossary_free(g);
  padan_lexicon_free(lex);
done:
  cli_lexopts_free(&lo);
  free(files);
  return rc;
}
