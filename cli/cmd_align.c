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
        "1-0, 0-1, 1-2, 2-1 and 2-2 links.\n"
        "\n"
        "Both files are streamed: long texts are aligned window by window (--window\n"
        "sentences a side; the first two thirds of each window are written, the rest\n"
        "is aligned again with the next window), so memory is bounded by the window\n"
        "and the vocabulary, not by the length of the texts. Texts within one window\n"
        "are aligned whole. A long line is split into sentences piece by piece, also\n"
        "with --lines when it is over 1 MiB (a whole document on one line).\n"
        "\n"
        "Options:\n"
        "  --lines            one sentence a line (else both texts are sentence-split)\n"
        "  --format=FMT       tsv (default), csv, text or json\n"
        "  -o FILE            write to FILE (atomically) instead of standard output\n"
        "  --encoding=ENC     input encoding (default auto: UTF-8, else Windows-1252)\n"
        "  --lexicon=FILE     add a lexicon whose one-word pairs are anchors (repeatable;\n"
        "                     default set: dicts/lexicon.tsv and FreeDict when installed)\n"
        "  --no-default-lexicon  start from no lexicon\n"
        "  --length-only      the length model alone (a baseline), no anchors\n"
        "  --no-realign       skip the second pass with learned word pairs\n"
        "  --band=N           smallest half-width of the first pass's search band\n"
        "                     (default 24; the second pass, around the first path,\n"
        "                     starts from N/2, at least 4)\n"
        "  --window=N         sentences a side in an alignment window (default 5000)\n"
        "  --stats            print the last pass's band, widenings and learned pairs\n"
        "                     on stderr\n"
        "  -h, --help         this help\n"
        "\n"
        "TSV and CSV columns: id_lines en_lines score id_text en_text. Numbers are\n"
        "1-based line numbers with --lines, else sentence numbers; comma-separated\n"
        "when two sentences are merged, empty when a sentence has no counterpart.\n"
        "score is a confidence in (0,1). With --lines, empty (blank) lines are not\n"
        "aligned and not listed, and the other lines keep their line numbers; a line\n"
        "over 1 MiB is aligned sentence by sentence, each link giving its line number\n"
        "(once for sentences of the same line); a shorter line is one sentence,\n"
        "aligned by length and its first 4000 words when very long.\n"
        "\n"
        "Exit status: 0 done, 2 usage or input error.\n",
        fp);
}

/* One input side: its lines or pieces, and (with --lines) the line number of
 * each sentence the aligner holds. */
typedef struct {
  cli_lines in;
  int ended;
  pd_vec nums;  /* size_t line numbers of held sentences; nums[0] is sentence base */
  size_t base;
  size_t count; /* sentences fed */
} side_in;

/* Feeds one line (--lines; a part of a line over the long-line cap is split
 * into sentences, each numbered with its line) or the sentences of one piece
 * to the aligner. Returns EXIT_DONE or EXIT_ERROR (printed). */
static int feed(side_in *sd, int k, int lines, padan_tokenizer *tk, padan_tokens *t,
                padan_align_stream *st) {
  const char *s;
  size_t len, num;
  int r = lines ? cli_lines_next(&sd->in, &s, &len, &num) : cli_lines_piece(&sd->in, &s, &len);
  if (r < 0)
    return EXIT_ERROR;
  if (r == 0) {
    sd->ended = 1;
    padan_align_stream_end(st, k);
    return EXIT_DONE;
  }
  size_t before = sd->count;
  if (lines && !sd->in.long_line) {
    if (padan_align_stream_add(st, k, s, len)) {
      cli_error(CMD, "out of memory");
      return EXIT_ERROR;
    }
    sd->count++;
  } else if (cli_align_add_text(tk, t, st, k, s, len, &sd->count)) {
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  for (size_t x = before; lines && x < sd->count; x++) {
    size_t *p = pd_vec_push(&sd->nums);
    if (!p) {
      cli_error(CMD, "out of memory");
      return EXIT_ERROR;
    }
    *p = num;
  }
  return EXIT_DONE;
}

/* The 1-based number of sentence idx (0-based in the stream) of a side. */
static size_t num_of(const side_in *sd, int lines, size_t idx) {
  return lines ? PD_VEC_AT(&sd->nums, size_t, idx - sd->base) : idx + 1;
}

/* Forgets the line numbers of sentences before idx. */
static void nums_drop(side_in *sd, int lines, size_t idx) {
  if (!lines || idx <= sd->base)
    return;
  size_t d = idx - sd->base;
  if (d > sd->nums.n)
    d = sd->nums.n;
  memmove(sd->nums.p, (size_t *)sd->nums.p + d, (sd->nums.n - d) * sizeof(size_t));
  sd->nums.n -= d, sd->base += d;
}

/* The numbers of a bead side; sentences of one long line give its number once. */
static void put_nums(FILE *fp, const side_in *sd, int lines, size_t first, size_t n, int json) {
  if (json)
    putc('[', fp);
  for (size_t k = 0; k < n; k++)
    if (!k || num_of(sd, lines, first + k) != num_of(sd, lines, first + k - 1))
      fprintf(fp, "%s%zu", k ? "," : "", num_of(sd, lines, first + k));
  if (json)
    putc(']', fp);
}

/* The sentences of a bead side joined by one space, into b; one sentence is
 * not copied (*out points to it). */
static void join(pd_buf *b, const padan_align_sent *s, size_t n, const char **out,
                 size_t *len) {
  pd_buf_clear(b);
  if (n == 1) {
    *out = s[0].s, *len = s[0].len;
    return;
  }
  for (size_t k = 0; k < n; k++) {
    if (k)
      pd_buf_putc(b, ' ');
    pd_buf_append(b, s[k].s, s[k].len);
  }
  *out = b->len ? b->p : "", *len = b->len;
}

static int add_pair(void *ctx, const char *id, size_t idlen, const char *en, size_t enlen) {
  return padan_aligner_add_pair(ctx, id, idlen, en, enlen);
}

/* The numbers of a bead side as put_nums writes them, into b (a table field). */
static void nums_field(pd_buf *b, const side_in *sd, int lines, size_t first, size_t n) {
  char d[32];
  pd_buf_clear(b);
  for (size_t k = 0; k < n; k++)
    if (!k || num_of(sd, lines, first + k) != num_of(sd, lines, first + k - 1)) {
      int m = snprintf(d, sizeof d, "%s%zu", k ? "," : "", num_of(sd, lines, first + k));
      pd_buf_append(b, d, (size_t)m);
    }
}

typedef struct {
  FILE *fp;
  int fmt, lines;
  size_t n;
  pd_buf ti, te, nums;
  cli_row row; /* TSV and CSV */
} writer;

static void write_bead(writer *w, const side_in *sd, const padan_align_bead *x,
                       const padan_align_sent *ids, const padan_align_sent *ens) {
  FILE *fp = w->fp;
  const char *si, *se;
  size_t li, le;
  join(&w->ti, ids, x->id_n, &si, &li);
  join(&w->te, ens, x->en_n, &se, &le);
  switch (w->fmt) {
  case FMT_TSV:
  case FMT_CSV:
    nums_field(&w->nums, &sd[0], w->lines, x->id_first, x->id_n);
    cli_row_str(&w->row, w->nums.len ? w->nums.p : "", w->nums.len);
    nums_field(&w->nums, &sd[1], w->lines, x->en_first, x->en_n);
    cli_row_str(&w->row, w->nums.len ? w->nums.p : "", w->nums.len);
    cli_row_fmt(&w->row, "%.3f", x->score);
    cli_row_str(&w->row, si, li);
    cli_row_str(&w->row, se, le);
    cli_row_end(&w->row);
    break;
  case FMT_JSON:
    fputs(w->n ? ",\n {\"id_lines\":" : "\n {\"id_lines\":", fp);
    put_nums(fp, &sd[0], w->lines, x->id_first, x->id_n, 1);
    fputs(",\"en_lines\":", fp);
    put_nums(fp, &sd[1], w->lines, x->en_first, x->en_n, 1);
    fprintf(fp, ",\"score\":%.3f,\"id_text\":", x->score);
    cli_json_str(fp, si, li);
    fputs(",\"en_text\":", fp);
    cli_json_str(fp, se, le);
    putc('}', fp);
    break;
  default:
    fputs("id ", fp);
    if (x->id_n)
      put_nums(fp, &sd[0], w->lines, x->id_first, x->id_n, 0);
    else
      putc('-', fp);
    fputs(" = en ", fp);
    if (x->en_n)
      put_nums(fp, &sd[1], w->lines, x->en_first, x->en_n, 0);
    else
      putc('-', fp);
    fprintf(fp, "  (score %.3f)\n", x->score);
    if (x->id_n) {
      fputs("  id: ", fp);
      fwrite(si, 1, li, fp);
      putc('\n', fp);
    }
    if (x->en_n) {
      fputs("  en: ", fp);
      fwrite(se, 1, le, fp);
      putc('\n', fp);
    }
    break;
  }
  w->n++;
}

int cmd_align(int argc, char **argv) {
  cli_join_values(&argc, argv);
  int lines = 0, options = 0, stats = 0;
  long band = 0, window = 0;
  cli_pargs pa;
  cli_pargs_init(&pa, CMD, FMT_TSV);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--lines") == 0) {
      lines = 1;
    } else if (strcmp(a, "--length-only") == 0) {
      options |= PADAN_ALIGN_LENGTH_ONLY;
    } else if (strcmp(a, "--no-realign") == 0) {
      options |= PADAN_ALIGN_NO_REALIGN;
    } else if (strncmp(a, "--band=", 7) == 0 || strncmp(a, "--window=", 9) == 0) {
      int isband = a[2] == 'b';
      const char *v = a + (isband ? 7 : 9);
      unsigned long x;
      if (cli_number(CMD, isband ? "--band" : "--window", v, isband ? 1 : 16, 1000000, &x))
        return cli_pargs_free(&pa), EXIT_ERROR;
      *(isband ? &band : &window) = (long)x;
    } else if (strcmp(a, "--stats") == 0) {
      stats = 1;
    } else {
      int r = cli_pargs_arg(&pa, FMT_TSV | FMT_CSV | FMT_TEXT | FMT_JSON, help, argc, argv, &i);
      if (r != 1)
        return cli_pargs_free(&pa), r == 2 ? EXIT_DONE : EXIT_ERROR;
    }
  }
  if (cli_pargs_check(&pa) != EXIT_DONE)
    return cli_pargs_free(&pa), EXIT_ERROR;
  side_in sd[2];
  memset(sd, 0, sizeof sd);
  int ret = EXIT_ERROR, opened = 0;
  padan_tokenizer *tk = NULL;
  padan_tokens toks;
  padan_tokens_init(&toks);
  padan_aligner *al = NULL;
  padan_align_stream *st = NULL;
  writer w;
  memset(&w, 0, sizeof w);
  pd_buf_init(&w.ti), pd_buf_init(&w.te), pd_buf_init(&w.nums);
  cli_out o;
  for (int k = 0; k < 2; k++) {
    pd_vec_init(&sd[k].nums, sizeof(size_t));
    if (cli_lines_open(CMD, pa.files[k], pa.encoding, lines ? CLI_LINES_SKIP_BLANK : 0,
                       &sd[k].in) != EXIT_DONE)
      goto done;
  }
  if (padan_tokenizer_new(&tk) || padan_aligner_new(&al)) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  padan_aligner_set_options(al, options);
  if (!(options & PADAN_ALIGN_LENGTH_ONLY) && (!pa.lo.no_default || pa.lo.nfiles)) {
    padan_lexicon *lex = NULL;
    if (cli_lexicon_open(CMD, &pa.lo, &lex) != EXIT_DONE)
      goto done;
    size_t np = 0;
    int rc2 = cli_lexicon_pairs(lex, CLI_PAIRS_ONE_WORD, 0, add_pair, al, &np);
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
  if (padan_align_stream_new(al, (size_t)window, &st)) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  for (int k = 0; k < 2; k++)
    if (cli_lines_start(&sd[k].in) != EXIT_DONE)
      goto done;
  if (cli_out_open(CMD, &o, pa.out) != EXIT_DONE)
    goto done;
  opened = 1;
  w.fp = o.fp, w.fmt = pa.fmt, w.lines = lines;
  w.row = cli_row_start(w.fp, w.fmt == FMT_CSV);
  if (w.fmt == FMT_TSV || w.fmt == FMT_CSV)
    cli_row_header(&w.row, "id_lines\ten_lines\tscore\tid_text\ten_text");
  else if (w.fmt == FMT_JSON)
    fputs("[", w.fp);
  while (!padan_align_stream_done(st)) {
    int k = padan_align_stream_want(st);
    if (k >= 0 && feed(&sd[k], k, lines, tk, &toks, st) != EXIT_DONE)
      goto done;
    padan_align_bead x;
    const padan_align_sent *ids, *ens;
    int r;
    while ((r = padan_align_stream_next(st, &x, &ids, &ens)) == 1) {
      write_bead(&w, sd, &x, ids, ens);
      nums_drop(&sd[0], lines, x.id_first + x.id_n);
      nums_drop(&sd[1], lines, x.en_first + x.en_n);
    }
    if (r < 0) {
      cli_error(CMD, "%s", padan_aligner_errmsg(al));
      goto done;
    }
  }
  if (w.fmt == FMT_JSON)
    fputs(w.n ? "\n]\n" : "]\n", w.fp);
  if (stats) {
    padan_align_stats as;
    padan_aligner_stats(al, &as);
    fprintf(stderr,
            "padan align: %zu id and %zu en sentences, %zu links, %zu windows; last window: "
            "%d passes, band %zu, %zu widenings, %zu learned pairs, %zu cells\n",
            sd[0].count, sd[1].count, w.n, padan_align_stream_windows(st), as.passes, as.band,
            as.widenings, as.learned_pairs, as.cells);
  }
  opened = 0;
  ret = cli_out_close(CMD, &o, 1); /* reports a write error */
done:
  if (opened)
    cli_out_close(CMD, &o, 0);
  padan_align_stream_free(st);
  padan_aligner_free(al);
  padan_tokenizer_free(tk);
  padan_tokens_free(&toks);
  for (int k = 0; k < 2; k++) {
    cli_lines_close(&sd[k].in);
    pd_vec_free(&sd[k].nums);
  }
  pd_buf_free(&w.ti), pd_buf_free(&w.te), pd_buf_free(&w.nums);
  cli_pargs_free(&pa);
  return ret;
}
