/* padan terms: ranked term candidates of a batch of documents. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <padan/terms.h>

static const char *const CMD = "terms";

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: padan terms [OPTIONS] [FILE...]\n"
          "Ranked domain terms of the documents (one document per file unless --docs says\n"
          "otherwise; standard input when no FILE or '-').\n\n"
          "Options:\n"
          "  --format=FMT       tsv (default), csv, json or text (for reading: rank, term,\n"
          "                     counts, other spellings, an example)\n"
          "  -o FILE            write the output to FILE (atomically)\n"
          "  --top=N            keep the best N terms (default: all)\n"
          "  --min-freq=N       keep terms seen at least N times (default 2)\n"
          "  --max-words=N      longest candidate in words, 1..6 (default 6)\n"
          "  --reference=FILE   general-language word counts (word<TAB>count) for specificity\n"
          "  --count            write the word counts of the input (a reference) instead\n"
          "  --counts           write mergeable counts of the input instead (for --merge);\n"
          "                     they write their own formats (--format does not apply)\n"
          "  --merge            the FILEs ('-' = standard input) are --counts outputs, or\n"
          "                     concatenations of them: merge them in order and rank\n"
          "  --docs=UNIT        what a document is: file (default), line (each non-blank\n"
          "                     line, e.g. one article a line) or blank (blocks of lines\n"
          "                     between blank lines); sets the docs column\n"
          "  --stopwords=FILE   stop-word list (default: stopwords-id.txt from the data folder)\n"
          "  --dict=PREFIX      Hunspell dictionary PREFIX.aff/.dic to confirm verbal stems\n"
          "                     (default: /usr/share/hunspell/id_ID when present)\n"
          "  --no-dict          use affix shapes only\n"
          "  --encoding=ENC     input encoding (default auto)\n"
          "  -h, --help         this help\n\n"
          "TSV columns: term score freq docs variants context kind cvalue assoc spec\n"
          "(variants are '|'-separated, most frequent first).\n"
          "Inputs are read in pieces: memory grows with the distinct words and candidate\n"
          "terms (and one context snippet each), not with the length of the input; a\n"
          "sentence longer than 4 MiB is counted in parts. Shards: run --counts on parts\n"
          "of a corpus (GNU parallel -k, also --pipe with --docs=line or blank) and\n"
          "--merge their outputs in corpus order for the ranking of one run.\n"
          "Exit status: 0 done, 2 usage or input error.\n");
}

static int file_exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* ------------------------------------------------ documents in a stream */

int cli_docs_mode(const char *name) {
  if (strcmp(name, "file") == 0)
    return CLI_DOCS_FILE;
  if (strcmp(name, "line") == 0)
    return CLI_DOCS_LINE;
  if (strcmp(name, "blank") == 0)
    return CLI_DOCS_BLANK;
  return 0;
}

void cli_docs_start(cli_docs *d) { d->open = 0, d->line_blank = 1; }

static int is_blank_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

int cli_docs_feed(cli_docs *d, const char *s, size_t n) {
  if (d->mode == CLI_DOCS_FILE) {
    d->open = 1;
    return n ? d->piece(d->ctx, s, n) : 0;
  }
  int rc = 0;
  for (size_t i = 0; i < n && !rc;) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t j = nl ? (size_t)(nl - s) + 1 : n; /* the segment [i, j), with its LF */
    size_t k = i;
    if (d->line_blank) {
      while (k < j && (is_blank_byte(s[k]) || s[k] == '\n'))
        k++;
      if (k == j) { /* white space only so far */
        if (nl) {
          if (d->mode == CLI_DOCS_BLANK && d->open && (rc = d->end(d->ctx)) == 0)
            d->open = 0;
        }
        i = j;
        continue;
      }
    }
    if (d->mode == CLI_DOCS_LINE && nl && !d->open) {
      rc = d->whole(d->ctx, s + k, j - k); /* a whole line in this piece */
    } else {
      rc = d->piece(d->ctx, s + k, j - k);
      d->open = 1;
      if (!rc && nl && d->mode == CLI_DOCS_LINE) {
        rc = d->end(d->ctx);
        d->open = 0;
      }
    }
    d->line_blank = nl != NULL;
    i = j;
  }
  return rc;
}

int cli_docs_end_file(cli_docs *d) {
  int rc = 0;
  if (d->mode == CLI_DOCS_FILE || d->open)
    rc = d->end(d->ctx);
  d->open = 0, d->line_blank = 1;
  return rc;
}

static int t_whole(void *c, const char *s, size_t n) { return padan_terms_add(c, s, n); }
static int t_piece(void *c, const char *s, size_t n) { return padan_terms_add_piece(c, s, n); }
static int t_end(void *c) { return padan_terms_end_doc(c); }

static const char *kind_name(int k) { return k == PADAN_TERM_NAME ? "name" : "term"; }

/* The table of ranked terms as TSV or CSV. */
static void write_table(FILE *fp, const padan_term *v, size_t n, int csv) {
  cli_row r = cli_row_start(fp, csv);
  cli_row_header(&r, "term\tscore\tfreq\tdocs\tvariants\tcontext\tkind\tcvalue\tassoc\tspec");
  pd_buf b;
  pd_buf_init(&b);
  for (size_t i = 0; i < n; i++) {
    const padan_term *t = &v[i];
    cli_row_str(&r, t->term, strlen(t->term));
    cli_row_fmt(&r, "%.4f", t->score);
    cli_row_fmt(&r, "%lu", t->freq);
    cli_row_fmt(&r, "%lu", t->docs);
    pd_buf_clear(&b);
    for (size_t k = 0; k < t->nvariants; k++)
      pd_buf_printf(&b, "%s%s", k ? "|" : "", t->variants[k]);
    cli_row_str(&r, b.p ? b.p : "", b.len);
    cli_row_str(&r, t->context, strlen(t->context));
    cli_row_str(&r, kind_name(t->kind), strlen(kind_name(t->kind)));
    cli_row_fmt(&r, "%.4f", t->cvalue);
    cli_row_fmt(&r, "%.4f", t->assoc);
    cli_row_fmt(&r, "%.4f", t->spec);
    cli_row_end(&r);
  }
  pd_buf_free(&b);
}

/* For reading: rank, term, kind, counts and score; other spellings and the
 * context on their own indented lines (pd_text_put: one line each). */
static void text_line(FILE *fp, const char *s) { pd_text_put(fp, s, strlen(s)); }

static void write_text(FILE *fp, const padan_term *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const padan_term *t = &v[i];
    fprintf(fp, "%zu. ", i + 1);
    text_line(fp, t->term);
    fprintf(fp, " (%s; %lu time%s in %lu document%s; score %.2f)\n", kind_name(t->kind), t->freq,
            t->freq == 1 ? "" : "s", t->docs, t->docs == 1 ? "" : "s", t->score);
    size_t others = 0;
    for (size_t k = 0; k < t->nvariants; k++)
      if (strcmp(t->variants[k], t->term) != 0) {
        fputs(others++ ? ", " : "   also: ", fp);
        text_line(fp, t->variants[k]);
      }
    if (others)
      putc('\n', fp);
    if (t->context[0]) {
      fputs("   e.g.: ", fp);
      text_line(fp, t->context);
      putc('\n', fp);
    }
  }
}

static void write_json(FILE *fp, const padan_term *v, size_t n) {
  fputs("[", fp);
  for (size_t i = 0; i < n; i++) {
    const padan_term *t = &v[i];
    fputs(i ? ",\n " : "\n ", fp);
    fputs("{\"term\": ", fp);
    cli_json_str(fp, t->term, strlen(t->term));
    fprintf(fp, ", \"score\": %.4f, \"freq\": %lu, \"docs\": %lu, \"variants\": [", t->score,
            t->freq, t->docs);
    for (size_t k = 0; k < t->nvariants; k++) {
      if (k)
        fputs(", ", fp);
      cli_json_str(fp, t->variants[k], strlen(t->variants[k]));
    }
    fputs("], \"context\": ", fp);
    cli_json_str(fp, t->context, strlen(t->context));
    fprintf(fp, ", \"kind\": \"%s\", \"cvalue\": %.4f, \"assoc\": %.4f, \"spec\": %.4f}",
            kind_name(t->kind), t->cvalue, t->assoc, t->spec);
  }
  fputs(n ? "\n]\n" : "]\n", fp);
}

/* The handle's message, or the status text when a call failed without one
 * (an allocation failure deep in a helper). */
static void terms_error(const padan_terms *t, int rc) {
  const char *m = padan_terms_errmsg(t);
  cli_error(CMD, "%s", m && *m ? m : padan_strerror(rc));
}

int cmd_terms(int argc, char **argv) {
  cli_join_values(&argc, argv);
  padan_terms_options opt;
  padan_terms_options_init(&opt);
  const char *out_path = NULL, *reference = NULL, *stopwords = NULL, *dict = NULL;
  const char *encoding = NULL;
  int format = FMT_TSV, format_given = 0, count = 0, no_dict = 0, counts = 0, merge = 0, docs = CLI_DOCS_FILE;
  int nfiles = 0;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  if (!files)
    return EXIT_ERROR;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    unsigned long num;
    if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
      files[nfiles++] = argv[i];
    } else if (strcmp(a, "--") == 0) {
      only_files = 1;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      free(files);
      return EXIT_DONE;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (i + 1 >= argc)
        goto missing;
      if (!*(out_path = argv[++i]))
        goto missing;
    } else if (strncmp(a, "--output=", 9) == 0) {
      if (!*(out_path = a + 9))
        goto missing;
    } else if (strncmp(a, "--format=", 9) == 0) {
      format = cli_parse_format(CMD, a + 9, FMT_TEXT | FMT_TSV | FMT_CSV | FMT_JSON);
      if (!format)
        goto fail;
      format_given = 1;
    } else if (strncmp(a, "--top=", 6) == 0) {
      if (cli_number(CMD, "--top", a + 6, 0, 1000000000UL, &num))
        goto fail;
      opt.top = num;
    } else if (strncmp(a, "--min-freq=", 11) == 0) {
      if (cli_number(CMD, "--min-freq", a + 11, 0, 1000000000UL, &num))
        goto fail;
      opt.min_freq = (unsigned)num;
    } else if (strncmp(a, "--max-words=", 12) == 0) {
      if (cli_number(CMD, "--max-words", a + 12, 1, 6, &num))
        goto fail;
      opt.max_words = (int)num;
    } else if (strncmp(a, "--reference=", 12) == 0) {
      if (!*(reference = a + 12))
        goto missing;
    } else if (strncmp(a, "--stopwords=", 12) == 0) {
      if (!*(stopwords = a + 12))
        goto missing;
    } else if (strncmp(a, "--dict=", 7) == 0) {
      if (!*(dict = a + 7))
        goto missing;
    } else if (strcmp(a, "--no-dict") == 0) {
      no_dict = 1;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      if (!*(encoding = a + 11))
        goto missing;
    } else if (strcmp(a, "--count") == 0) {
      count = 1;
    } else if (strcmp(a, "--counts") == 0) {
      counts = 1;
    } else if (strcmp(a, "--merge") == 0) {
      merge = 1;
    } else if (strncmp(a, "--docs=", 7) == 0) {
      if (!(docs = cli_docs_mode(a + 7))) {
        cli_error(CMD, "--docs must be file, line or blank, not '%s'", a + 7);
        goto fail;
      }
    } else {
      cli_error(CMD, "unknown option '%s' (see 'padan terms --help')", a);
      goto fail;
    }
    continue;
  missing: {
    size_t n = strcspn(a, "="); /* '--dict=': name the option */
    cli_error(CMD, "option '%.*s' needs a value", (int)n, a);
    goto fail;
  }
  }
  if (nfiles == 0)
    files[nfiles++] = "-";
  if ((count && format != FMT_TSV) || (counts && format_given)) {
    cli_error(CMD, "%s", count ? "--count writes TSV (word TAB count): --format does not apply"
                              : "--counts writes its own format: --format does not apply");
    goto fail;
  }
  if (count + counts + merge > 1) {
    cli_error(CMD, "--count, --counts and --merge exclude each other");
    goto fail;
  }

  padan_terms *t = NULL;
  int rc = padan_terms_new(&t, &opt);
  if (rc) {
    cli_error(CMD, "%s", padan_strerror(rc));
    goto fail;
  }
  if (!stopwords)
    stopwords = cli_data_file("stopwords-id.txt");
  if (!stopwords)
    cli_warn(CMD, "stopwords-id.txt not found in the data folder; using no stop words");
  else if ((rc = padan_terms_load_stopwords(t, stopwords))) {
    terms_error(t, rc);
    goto fail_t;
  }
  if (reference && (rc = padan_terms_load_reference(t, reference))) {
    terms_error(t, rc);
    goto fail_t;
  }
  if (!no_dict && !count) {
    char aff[4096], dic[4096];
    const char *prefix = dict ? dict : "/usr/share/hunspell/id_ID";
    snprintf(aff, sizeof aff, "%s.aff", prefix);
    snprintf(dic, sizeof dic, "%s.dic", prefix);
    if (dict || (file_exists(aff) && file_exists(dic))) {
      if ((rc = padan_terms_use_hunspell(t, aff, dic))) {
        terms_error(t, rc);
        goto fail_t;
      }
    }
  }
  for (int i = 0; merge && i < nfiles; i++) {
    if (strcmp(files[i], "-") == 0)
      rc = padan_terms_merge_stream(t, stdin, "(standard input)");
    else
      rc = padan_terms_merge_state(t, files[i]);
    if (rc) {
      terms_error(t, rc);
      goto fail_t;
    }
  }
  cli_docs dd;
  memset(&dd, 0, sizeof dd);
  dd.mode = docs, dd.whole = t_whole, dd.piece = t_piece, dd.end = t_end, dd.ctx = t;
  pd_buf piece;
  pd_buf_init(&piece);
  cli_progress_quiet_output = 1; /* the output comes at the end */
  if (!merge)
    cli_progress_files(CMD, (const char *const *)files, (size_t)nfiles);
  for (int i = 0; !merge && i < nfiles; i++) {
    const char *shown = strcmp(files[i], "-") ? files[i] : "(standard input)";
    cli_stream *s;
    if (cli_stream_open(CMD, files[i], encoding, &s) != EXIT_DONE)
      goto fail_p;
    cli_stream_set_words(s, 1);
    cli_docs_start(&dd);
    int eof = 0;
    rc = PADAN_OK;
    while (!eof && !rc) {
      pd_buf_clear(&piece);
      if (cli_stream_read(s, &piece, &eof) != EXIT_DONE) {
        cli_stream_close(s);
        goto fail_p;
      }
      rc = cli_docs_feed(&dd, piece.p ? piece.p : "", piece.len);
    }
    if (!rc)
      rc = cli_docs_end_file(&dd);
    cli_stream_close(s);
    if (rc) {
      cli_error(CMD, "%s: %s", shown, padan_strerror(rc));
      goto fail_p;
    }
    if (nfiles > 1)
      cli_progress(CMD, "files", (size_t)i + 1, (size_t)nfiles);
  }
  pd_buf_free(&piece);
  cli_progress_end();

  cli_out o;
  if (cli_out_open(CMD, &o, out_path) != EXIT_DONE)
    goto fail_t;
  if (count) {
    rc = padan_terms_write_counts(t, o.fp);
  } else if (counts) {
    rc = padan_terms_write_state(t, o.fp);
  } else {
    const padan_term *v;
    size_t n;
    rc = padan_terms_rank(t, &v, &n);
    if (!rc) {
      if (format == FMT_JSON)
        write_json(o.fp, v, n);
      else if (format == FMT_TEXT)
        write_text(o.fp, v, n);
      else
        write_table(o.fp, v, n, format == FMT_CSV);
    }
  }
  if (rc == PADAN_EIO || (rc == PADAN_OK && ferror(o.fp))) {
    /* a full disk: name the output (the old file is kept) */
    cli_error(CMD, "%s: write failed", out_path ? out_path : "(standard output)");
    rc = PADAN_EIO;
  } else if (rc) {
    cli_error(CMD, "%s", padan_strerror(rc));
  }
  int st = cli_out_close(CMD, &o, rc == PADAN_OK);
  padan_terms_free(t);
  free(files);
  return rc ? EXIT_ERROR : st;

fail_p:
  pd_buf_free(&piece);
fail_t:
  padan_terms_free(t);
fail:
  free(files);
  return EXIT_ERROR;
}
