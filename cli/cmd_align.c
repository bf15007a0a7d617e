/* padan align: sentence alignment of an Indonesian text and its English version. */
#include "config.h"
#include "cli.h"
#include <padan/align.h>

#include <stdlib.h>
#include <string.h>

#define CMD "align"

static void help(FILE *fp) {
  fputs("Usage: padan align [OPTIONS] ID_FILE EN_FILE\n"
        "\n"
        "Aligns the sentences of an Indonesian text with those of its English\n"
        "translation: a Gale-Church length model plus lexical anchors (numbers,\n"
        "names and other words written the same on both sides, punctuation, and\n"
        "word pairs learned from the two texts in a second pass), allowing 1-1,\n"
        "1-0, 0-1, 1-2, 2-1 and 2-2 links. Memory stays linear in the text length.\n"
        "\n"
        "Options:\n"
        "  --lines            one sentence a line (else both texts are sentence-split)\n"
        "  --format=FMT       tsv (default), text or json\n"
        "  -o FILE            write to FILE (atomically) instead of standard output\n"
        "  --encoding=ENC     input encoding (default auto: UTF-8, else Windows-1252)\n"
        "  --lexicon=FILE     add a lexicon whose one-word pairs are anchors (repeatable;\n"
        "                     default set: dicts/lexicon.tsv and FreeDict when installed)\n"
        "  --no-default-lexicon  start from no lexicon\n"
        "  --length-only      the length model alone (a baseline), no anchors\n"
        "  --no-realign       skip the second pass with learned word pairs\n"
        "  --band=N           smallest half-width of the search band (default 24)\n"
        "  --stats            print band, widenings and learned pairs on stderr\n"
        "  -h, --help         this help\n"
        "\n"
        "TSV columns: id_lines en_lines score id_text en_text. Numbers are 1-based\n"
        "line numbers with --lines, else sentence numbers; comma-separated when two\n"
        "sentences are merged, empty when a sentence has no counterpart. score is a\n"
        "confidence in (0,1). With --lines, empty (blank) lines are not aligned and\n"
        "not listed, and the other lines keep their line numbers; a very long line is\n"
        "aligned by length and its first 4000 words.\n"
        "\n"
        "Exit status: 0 done, 2 usage or input error.\n",
        fp);
}

typedef struct {
  char *text;
  size_t len;
  padan_align_sent *s;
  size_t *num; /* 1-based line or sentence number of each sentence */
  size_t n, cap;
} doc;

static int doc_push(doc *d, const char *s, size_t len, size_t num) {
  if (d->n == d->cap) {
    size_t nc = d->cap ? d->cap * 2 : 256;
    padan_align_sent *p = realloc(d->s, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    d->s = p;
    size_t *q = realloc(d->num, nc * sizeof *q);
    if (!q)
      return PADAN_ENOMEM;
    d->num = q;
    d->cap = nc;
  }
  d->s[d->n].s = s, d->s[d->n].len = len;
  d->num[d->n++] = num;
  return PADAN_OK;
}

static int blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
      return 0;
  return 1;
}

static int split_lines(doc *d) {
  size_t line = 0, i = 0;
  while (i < d->len) {
    size_t j = i;
    while (j < d->len && d->text[j] != '\n')
      j++;
    line++;
    size_t a = i, b = j;
    while (a < b && (d->text[a] == ' ' || d->text[a] == '\t'))
      a++;
    while (b > a && (d->text[b - 1] == ' ' || d->text[b - 1] == '\t' || d->text[b - 1] == '\r'))
      b--;
    if (!blank(d->text + a, b - a) && doc_push(d, d->text + a, b - a, line))
      return PADAN_ENOMEM;
    i = j + 1;
  }
  return PADAN_OK;
}

static int split_sentences(doc *d, padan_tokenizer *tk) {
  padan_tokens t;
  padan_tokens_init(&t);
  int rc = padan_tokenize(tk, d->text, d->len, 0, 0, &t);
  size_t num = 0;
  for (size_t k = 0; rc == PADAN_OK && k < t.nsent; k++) {
    padan_sentence *s = &t.sent[k];
    if (!s->ntok)
      continue;
    size_t a = s->start, b = s->end;
    while (b > a && (d->text[b - 1] == ' ' || d->text[b - 1] == '\n' || d->text[b - 1] == '\t'))
      b--;
    rc = doc_push(d, d->text + a, b - a, ++num);
  }
  padan_tokens_free(&t);
  return rc;
}

static void doc_free(doc *d) {
  free(d->text);
  free(d->s);
  free(d->num);
}

static void put_nums(FILE *fp, const doc *d, size_t first, size_t n, int json) {
  if (json)
    putc('[', fp);
  for (size_t k = 0; k < n; k++)
    fprintf(fp, "%s%zu", k ? "," : "", d->num[first + k]);
  if (json)
    putc(']', fp);
}

/* The sentences of a bead side joined by one space, into b. */
static void join(pd_buf *b, const doc *d, size_t first, size_t n) {
  pd_buf_clear(b);
  for (size_t k = 0; k < n; k++) {
    if (k)
      pd_buf_putc(b, ' ');
    pd_buf_append(b, d->s[first + k].s, d->s[first + k].len);
  }
}

/* Every (one Indonesian word, one English word) pair of a concept is an anchor. */
static int add_lexicon_pairs(padan_aligner *al, padan_lexicon *lex, size_t *npairs) {
  size_t nc = padan_lexicon_concept_count(lex);
  for (size_t c = 0; c < nc; c++) {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(lex, c, &con))
      continue;
    for (size_t a = 0; a < con.nterms; a++) {
      padan_lexicon_term ti;
      if (padan_lexicon_concept_term(lex, c, a, &ti) || strcmp(ti.lang, "id") != 0 ||
          memchr(ti.text, ' ', ti.len) || ti.status == PADAN_TERM_DEPRECATED)
        continue;
      for (size_t b = 0; b < con.nterms; b++) {
        padan_lexicon_term te;
        if (padan_lexicon_concept_term(lex, c, b, &te) || strcmp(te.lang, "en") != 0 ||
            memchr(te.text, ' ', te.len))
          continue;
        if (padan_aligner_add_pair(al, ti.text, ti.len, te.text, te.len))
          return PADAN_ENOMEM;
        (*npairs)++;
      }
    }
  }
  return PADAN_OK;
}

static void write_out(FILE *fp, int fmt, const doc *id, const doc *en,
                      const padan_align_bead *b, size_t nb) {
  pd_buf ti, te;
  pd_buf_init(&ti);
  pd_buf_init(&te);
  if (fmt == FMT_TSV)
    fputs("#id_lines\ten_lines\tscore\tid_text\ten_text\n", fp);
  else if (fmt == FMT_JSON)
    fputs("[", fp);
  for (size_t k = 0; k < nb; k++) {
    const padan_align_bead *x = &b[k];
    join(&ti, id, x->id_first, x->id_n);
    join(&te, en, x->en_first, x->en_n);
    const char *si = ti.len ? ti.p : "", *se = te.len ? te.p : "";
    switch (fmt) {
    case FMT_TSV:
      put_nums(fp, id, x->id_first, x->id_n, 0);
      putc('\t', fp);
      put_nums(fp, en, x->en_first, x->en_n, 0);
      fprintf(fp, "\t%.3f\t", x->score);
      cli_tsv_field(fp, si, ti.len);
      putc('\t', fp);
      cli_tsv_field(fp, se, te.len);
      putc('\n', fp);
      break;
    case FMT_JSON:
      fputs(k ? ",\n {\"id_lines\":" : "\n {\"id_lines\":", fp);
      put_nums(fp, id, x->id_first, x->id_n, 1);
      fputs(",\"en_lines\":", fp);
      put_nums(fp, en, x->en_first, x->en_n, 1);
      fprintf(fp, ",\"score\":%.3f,\"id_text\":", x->score);
      cli_json_str(fp, si, ti.len);
      fputs(",\"en_text\":", fp);
      cli_json_str(fp, se, te.len);
      putc('}', fp);
      break;
    default:
      fputs("id ", fp);
      if (x->id_n)
        put_nums(fp, id, x->id_first, x->id_n, 0);
      else
        putc('-', fp);
      fputs(" = en ", fp);
      if (x->en_n)
        put_nums(fp, en, x->en_first, x->en_n, 0);
      else
        putc('-', fp);
      fprintf(fp, "  (score %.3f)\n", x->score);
      if (x->id_n) {
        fputs("  id: ", fp);
        fwrite(si, 1, ti.len, fp);
        putc('\n', fp);
      }
      if (x->en_n) {
        fputs("  en: ", fp);
        fwrite(se, 1, te.len, fp);
        putc('\n', fp);
      }
      break;
    }
  }
  if (fmt == FMT_JSON)
    fputs(nb ? "\n]\n" : "]\n", fp);
  pd_buf_free(&ti);
  pd_buf_free(&te);
}

int cmd_align(int argc, char **argv) {
  int lines = 0, fmt = FMT_TSV, options = 0, stats = 0;
  long band = 0;
  const char *out = NULL, *encoding = NULL;
  const char *files[2];
  int nfiles = 0;
  cli_lexopts lo;
  cli_lexopts_init(&lo);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int lr = cli_lexopts_arg(CMD, &lo, argc, argv, &i);
    if (lr < 0) {
      cli_lexopts_free(&lo);
      return EXIT_ERROR;
    }
    if (lr > 0)
      continue;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      cli_lexopts_free(&lo);
      help(stdout);
      return EXIT_DONE;
    } else if (strcmp(a, "--lines") == 0) {
      lines = 1;
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!(fmt = cli_parse_format(CMD, a + 9, FMT_TSV | FMT_TEXT | FMT_JSON)))
        return cli_lexopts_free(&lo), EXIT_ERROR;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (++i >= argc) {
        cli_error(CMD, "%s needs a file name", a);
        return cli_lexopts_free(&lo), EXIT_ERROR;
      }
      out = argv[i];
    } else if (strncmp(a, "--output=", 9) == 0) {
      out = a + 9;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      encoding = a + 11;
    } else if (strcmp(a, "--length-only") == 0) {
      options |= PADAN_ALIGN_LENGTH_ONLY;
    } else if (strcmp(a, "--no-realign") == 0) {
      options |= PADAN_ALIGN_NO_REALIGN;
    } else if (strncmp(a, "--band=", 7) == 0) {
      char *end;
      band = strtol(a + 7, &end, 10);
      if (*end || band < 1 || band > 1000000) {
        cli_error(CMD, "--band needs a number from 1 to 1000000, not '%s'", a + 7);
        return cli_lexopts_free(&lo), EXIT_ERROR;
      }
    } else if (strcmp(a, "--stats") == 0) {
      stats = 1;
    } else if (a[0] == '-' && a[1] != 0) {
      cli_error(CMD, "unknown option '%s' (see 'padan align --help')", a);
      return cli_lexopts_free(&lo), EXIT_ERROR;
    } else if (nfiles < 2) {
      files[nfiles++] = a;
    } else {
      cli_error(CMD, "too many files: give ID_FILE and EN_FILE");
      return cli_lexopts_free(&lo), EXIT_ERROR;
    }
  }
  if (nfiles != 2) {
    cli_error(CMD, "give ID_FILE and EN_FILE (see 'padan align --help')");
    return cli_lexopts_free(&lo), EXIT_ERROR;
  }
  if (strcmp(files[0], "-") == 0 && strcmp(files[1], "-") == 0) {
    cli_error(CMD, "only one of the two files can be standard input");
    return cli_lexopts_free(&lo), EXIT_ERROR;
  }
  doc d[2];
  memset(d, 0, sizeof d);
  int ret = EXIT_ERROR;
  padan_tokenizer *tk = NULL;
  padan_aligner *al = NULL;
  padan_align_bead *beads = NULL;
  size_t nb = 0;
  for (int k = 0; k < 2; k++)
    if (cli_read_text(CMD, files[k], encoding, &d[k].text, &d[k].len) != EXIT_DONE)
      goto done;
  if (!lines && padan_tokenizer_new(&tk)) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  for (int k = 0; k < 2; k++)
    if (lines ? split_lines(&d[k]) : split_sentences(&d[k], tk)) {
      cli_error(CMD, "out of memory");
      goto done;
    }
  if (padan_aligner_new(&al)) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  padan_aligner_set_options(al, options);
  if (!(options & PADAN_ALIGN_LENGTH_ONLY) && (!lo.no_default || lo.nfiles)) {
    padan_lexicon *lex = NULL;
    if (cli_lexicon_open(CMD, &lo, &lex) != EXIT_DONE)
      goto done;
    size_t np = 0;
    int rc2 = add_lexicon_pairs(al, lex, &np);
    padan_lexicon_free(lex);
    if (rc2) {
      cli_error(CMD, "out of memory");
      goto done;
    }
    if (stats)
      fprintf(stderr, "padan align: %zu lexicon word pairs\n", np);
  }
  if (band)
    padan_aligner_set_band(al, (size_t)band);
  int rc = padan_align_sentences(al, d[0].s, d[0].n, d[1].s, d[1].n, &beads, &nb);
  if (rc) {
    cli_error(CMD, "%s", padan_aligner_errmsg(al));
    goto done;
  }
  if (stats) {
    padan_align_stats st;
    padan_aligner_stats(al, &st);
    fprintf(stderr,
            "padan align: %zu id and %zu en sentences, %zu links, %d passes, band %zu, "
            "%zu widenings, %zu learned pairs, %zu cells\n",
            d[0].n, d[1].n, nb, st.passes, st.band, st.widenings, st.learned_pairs, st.cells);
  }
  cli_out o;
  if (cli_out_open(CMD, &o, out) != EXIT_DONE)
    goto done;
  write_out(o.fp, fmt, &d[0], &d[1], beads, nb);
  ret = cli_out_close(CMD, &o, !ferror(o.fp));
done:
  free(beads);
  padan_aligner_free(al);
  padan_tokenizer_free(tk);
  doc_free(&d[0]);
  doc_free(&d[1]);
  cli_lexopts_free(&lo);
  return ret;
}
