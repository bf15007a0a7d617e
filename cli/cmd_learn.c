/* padan learn: term pairs learned from parallel text by word alignment. */
#include "config.h"
#include "cli.h"
#include <padan/align.h>
#include <padan/terms.h>
#include "align/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CMD "learn"

static void help(FILE *fp) {
  fputs("Usage: padan learn [OPTIONS] ID_FILE EN_FILE\n"
        "\n"
        "Learns Indonesian-English term pairs from parallel text: word alignment\n"
        "by EM (IBM Model 1, then a fast_align-style Model 2 with a diagonal\n"
        "prior) in both directions, symmetrized with grow-diag-final-and; then the\n"
        "English phrase each Indonesian term is aligned to, without English\n"
        "function words at its edges, scored by Dice.\n"
        "\n"
        "The files are line-aligned (line k of one translates line k of the other;\n"
        "pairs with a blank side are skipped; a pair with a side over 1 MiB, a\n"
        "document on one line, is read in parts and sentence-aligned, each sentence\n"
        "pair learned as a line pair). With --align they are sentence-aligned first\n"
        "(one sentence a line, as padan align --lines, window by window).\n"
        "\n"
        "Memory: both files are streamed in step and the corpus is kept as word ids\n"
        "in temporary files ($TMPDIR, else /tmp; about 4 bytes a word plus 4 bytes\n"
        "a link) read back once per EM iteration, so memory grows with the\n"
        "vocabulary, the table of co-occurring word pairs, the term candidates and\n"
        "a fixed cache (16 MB) of alignment grids, not with the length of the text\n"
        "(a long line is never held whole).\n"
        "\n"
        "Options:\n"
        "  --align            sentence-align the two files first\n"
        "  --terms=FILE       learn pairs for these Indonesian terms (one a line)\n"
        "  --ngrams           learn pairs for every 1- to 4-word n-gram without stop\n"
        "                     words or numbers at its edges seen --min-count times,\n"
        "                     instead of the terms that term extraction finds (as\n"
        "                     padan terms) plus every frequent single word (default)\n"
        "  --lexicon=FILE     add a lexicon whose pairs guide training (repeatable;\n"
        "                     default set: dicts/lexicon.tsv and FreeDict when installed)\n"
        "  --no-default-lexicon  start from no lexicon\n"
        "  --min-count=N      least count of a term and of a pair (default 3)\n"
        "  --top=N            pairs per term, best first (default 1; 0 = all)\n"
        "  --model=FILE       start from this saved model when it exists, and save\n"
        "                     the trained model to it\n"
        "  --iterations=M1,M2 EM iterations of Model 1 and Model 2 (default 5,5;\n"
        "                     0,2 when starting from a saved model)\n"
        "  --format=FMT       tsv (default), csv, json, text (for reading, a pair a\n"
        "                     line: 'id term -> en term (score S; C of N times)',\n"
        "                     aligned C of the N times the term occurs), or lexicon\n"
        "                     (native lexicon TSV rows, status admitted, note\n"
        "                     'learned', for review)\n"
        "  -o FILE            write to FILE (atomically) instead of standard output\n"
        "  --encoding=ENC     input encoding (default auto)\n"
        "  -h, --help         this help\n"
        "\n"
        "TSV and CSV columns: id_term en_term score count id_count (count: times the\n"
        "pair was aligned; id_count: times the Indonesian term occurs). Words are\n"
        "lower-cased.\n"
        "Exit status: 0 done, 2 usage or input error.\n",
        fp);
}

static int load_stopwords(padan_learner *l, const char *lang, const char *name) {
  const char *path = cli_data_file(name);
  if (!path)
    return PADAN_OK; /* without the list nothing is trimmed */
  char *data;
  size_t len;
  if (pd_read_file(path, &data, &len))
    return PADAN_OK;
  size_t i = 0;
  int rc = PADAN_OK;
  while (i < len && !rc) {
    size_t j = i;
    while (j < len && data[j] != '\n')
      j++;
    size_t b = j;
    while (b > i && (data[b - 1] == '\r' || data[b - 1] == ' ' || data[b - 1] == '\t'))
      b--;
    if (b > i && data[i] != '#')
      rc = padan_learner_add_stopword(l, lang, data + i, b - i);
    i = j + 1;
  }
  free(data);
  return rc;
}

typedef struct {
  pd_buf *b;
} normctx;

static int norm_word(void *vctx, const char *w, size_t len, int kind) {
  normctx *c = vctx;
  if (kind == 3) /* punctuation */
    return PADAN_OK;
  if (c->b->len)
    pd_buf_putc(c->b, ' ');
  pd_buf_append(c->b, w, len);
  return PADAN_OK;
}

/* Term extraction over the Indonesian lines (as padan terms, at most 4 words). */
static int terms_begin(unsigned min_count, padan_terms **out) {
  padan_terms_options opt;
  padan_terms_options_init(&opt);
  opt.max_words = 4;
  opt.min_freq = min_count;
  int rc = padan_terms_new(out, &opt);
  const char *sw = cli_data_file("stopwords-id.txt");
  if (!rc && sw)
    rc = padan_terms_load_stopwords(*out, sw);
  return rc;
}

/* The terms (and their variants) found, written the way the learner writes
 * words. Appends to *terms. */
static int terms_finish(const char *path_shown, padan_terms *t, char ***terms, size_t *nterms) {
  const padan_term *v = NULL;
  size_t nv = 0;
  int rc = padan_terms_rank(t, &v, &nv);
  if (rc) {
    cli_error(CMD, "%s: term extraction: %s", path_shown,
              *padan_terms_errmsg(t) ? padan_terms_errmsg(t) : padan_strerror(rc));
    return rc;
  }
  size_t total = 0;
  for (size_t k = 0; k < nv; k++)
    total += v[k].nvariants + 1;
  char **p = realloc(*terms, (*nterms + total + 1) * sizeof *p);
  if (!p) {
    cli_error(CMD, "out of memory");
    return PADAN_ENOMEM;
  }
  *terms = p;
  pd_buf b;
  pd_buf_init(&b);
  for (size_t k = 0; k < nv; k++)
    for (size_t x = 0; x <= v[k].nvariants; x++) {
      const char *form = x == 0 ? v[k].term : v[k].variants[x - 1];
      pd_buf_clear(&b);
      normctx c = {&b};
      pd_align_words(form, strlen(form), norm_word, &c);
      if (b.len)
        p[(*nterms)++] = pd_buf_steal(&b, NULL);
    }
  pd_buf_free(&b);
  return PADAN_OK;
}

/* One Indonesian line as a document of term extraction; a long line in
 * pieces, so that extraction holds a piece, not the line's tokens (the same
 * counts as the whole line). */
static int terms_line(padan_terms *t, const char *s, size_t len) {
  if (len <= CLI_LONG_LINE)
    return padan_terms_add(t, s, len);
  for (size_t at = 0; at < len; at += CLI_LONG_LINE) {
    size_t n = len - at < CLI_LONG_LINE ? len - at : CLI_LONG_LINE;
    int rc = padan_terms_add_piece(t, s + at, n);
    if (rc)
      return rc;
  }
  return padan_terms_end_doc(t);
}

/* An Indonesian line, or a part of a long line (cli_lines), to term
 * extraction (t may be NULL): a long line is one document. */
static int terms_part(padan_terms *t, const cli_lines *in, const char *s, size_t len) {
  if (!t)
    return PADAN_OK;
  if (!in->long_line)
    return cli_blank(s, len) ? PADAN_OK : terms_line(t, s, len);
  int rc = len ? padan_terms_add_piece(t, s, len) : PADAN_OK;
  return rc || !in->ended ? rc : padan_terms_end_doc(t);
}

/* The text of a line or a part of a long line of side k to the aligner
 * stream: as its sentences (split), or as one sentence (a blank one is left
 * out). */
static int align_part(padan_tokenizer *tk, padan_tokens *t, padan_align_stream *st, int k,
                      int split, const char *s, size_t len) {
  if (split)
    return cli_align_add_text(tk, t, st, k, s, len, NULL);
  return cli_blank(s, len) ? PADAN_OK : padan_align_stream_add(st, k, s, len);
}

/* The learner's passes over its pairs, as progress. */
static void on_progress(void *ud, const char *stage, size_t done, size_t total) {
  (void)ud;
  cli_progress_stage(CMD, stage, done, total);
}

static int add_anchor(void *ctx, const char *id, size_t idlen, const char *en, size_t enlen) {
  return padan_learner_add_anchor(ctx, id, idlen, en, enlen);
}

/* Reads the --terms file: one a line, words lower-cased and single-spaced. */
static int read_terms(const char *path, const char *encoding, char ***terms, size_t *nterms) {
  char *tdata;
  size_t tlen;
  if (cli_read_text(CMD, path, encoding, &tdata, &tlen) != EXIT_DONE)
    return EXIT_ERROR;
  pd_buf bi;
  pd_buf_init(&bi);
  *terms = calloc(tlen / 2 + 2, sizeof **terms);
  if (!*terms) {
    free(tdata);
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  char *p = tdata;
  while (*p) {
    char *e = strchr(p, '\n');
    if (e)
      *e = 0;
    pd_buf_clear(&bi);
    int sp = 0;
    for (char *q = p; *q; q++) {
      unsigned char c = (unsigned char)*q;
      if (c == ' ' || c == '\t' || c == '\r') {
        sp = bi.len > 0;
        continue;
      }
      if (sp)
        pd_buf_putc(&bi, ' '), sp = 0;
      pd_buf_putc(&bi, (char)pd_ascii_lower(c));
    }
    if (bi.len && p[0] != '#')
      (*terms)[(*nterms)++] = pd_buf_steal(&bi, NULL);
    if (!e)
      break;
    p = e + 1;
  }
  pd_buf_free(&bi);
  free(tdata);
  return EXIT_DONE;
}

/* Adds the bead's sentences, each followed by a space, as one training pair. */
static int learn_bead(padan_learner *l, pd_buf *bi, pd_buf *be, const padan_align_bead *x,
                      const padan_align_sent *ids, const padan_align_sent *ens) {
  if (!x->id_n || !x->en_n)
    return PADAN_OK;
  pd_buf_clear(bi), pd_buf_clear(be);
  for (size_t k = 0; k < x->id_n; k++)
    pd_buf_append(bi, ids[k].s, ids[k].len), pd_buf_putc(bi, ' ');
  for (size_t k = 0; k < x->en_n; k++)
    pd_buf_append(be, ens[k].s, ens[k].len), pd_buf_putc(be, ' ');
  return padan_learner_add(l, bi->p, bi->len, be->p, be->len);
}

/* Learning state: the learner and term extraction, and for sentence
 * alignment (--align, or a line pair over the long-line cap) an aligner and a
 * tokenizer made when first needed. */
typedef struct {
  padan_learner *l;
  padan_terms *tx;
  padan_aligner *al;
  padan_tokenizer *tk;
  padan_tokens toks;
  pd_buf bi, be;
} learn_t;

static int need_aligner(learn_t *lt) {
  if ((!lt->al && padan_aligner_new(&lt->al)) || (!lt->tk && padan_tokenizer_new(&lt->tk))) {
    cli_error(CMD, "out of memory");
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

/* Learns the committed beads of a stream. */
static int drain(learn_t *lt, padan_align_stream *st) {
  padan_align_bead x;
  const padan_align_sent *ids, *ens;
  int r;
  while ((r = padan_align_stream_next(st, &x, &ids, &ens)) == 1)
    if (learn_bead(lt->l, &lt->bi, &lt->be, &x, ids, ens)) {
      cli_error(CMD, "%s", padan_learner_errmsg(lt->l));
      return EXIT_ERROR;
    }
  if (r < 0) {
    cli_error(CMD, "%s", padan_aligner_errmsg(lt->al));
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

/* A line pair with a side over the long-line cap, as a document pair: both
 * sides are read in parts, split into sentences and aligned window by window;
 * each bead is a training pair. have[k]: side k has the line (its first part
 * or whole line in s[k], len[k]). */
static int learn_doc(learn_t *lt, cli_lines in[2], const int have[2], const char *s[2],
                     const size_t len[2], const char *shown) {
  padan_align_stream *st = NULL;
  int ret = EXIT_ERROR, ended[2];
  int pair = have[0] && have[1];
  for (int k = 0; k < 2; k++)
    if (have[k] && !in[k].long_line && cli_blank(s[k], len[k]))
      pair = 0; /* a blank side: nothing to train on, as for short pairs */
  if (pair && (need_aligner(lt) || padan_align_stream_new(lt->al, PADAN_ALIGN_DOC_WINDOW, &st))) {
    if (!st)
      cli_error(CMD, "out of memory");
    goto out;
  }
  const char *p = NULL;
  size_t n = 0, num;
  for (int k = -1;;) {
    /* first (k < 0) each side's first part or whole line, then part by part */
    for (int j = 0; j < 2; j++) {
      if (k >= 0 && k != j)
        continue;
      const char *t = k < 0 ? s[j] : p;
      size_t tl = k < 0 ? len[j] : n;
      ended[j] = (k < 0 && !have[j]) || in[j].ended;
      if (have[j] && j == 0 && terms_part(lt->tx, &in[0], t, tl)) {
        cli_error(CMD, "%s: term extraction: %s", shown, padan_terms_errmsg(lt->tx));
        goto out;
      }
      if (st && align_part(lt->tk, &lt->toks, st, j, 1, t, tl)) {
        cli_error(CMD, "out of memory");
        goto out;
      }
      if (st && ended[j])
        padan_align_stream_end(st, j);
    }
    if (st && drain(lt, st))
      goto out;
    if (ended[0] && ended[1] && (!st || padan_align_stream_done(st)))
      break;
    /* the next part: of the side the aligner wants, else of the one going on */
    k = st ? padan_align_stream_want(st) : !ended[0] ? 0 : 1;
    if (k < 0) {
      cli_error(CMD, "line %zu: sentence alignment gave no bead from a full window",
                in[0].lineno);
      goto out;
    }
    int r = cli_lines_next(&in[k], &p, &n, &num);
    if (r < 0)
      goto out;
    if (r == 0)
      p = "", n = 0, in[k].ended = 1;
  }
  ret = EXIT_DONE;
out:
  padan_align_stream_free(st);
  return ret;
}

static void lexicon_row(cli_row *w, size_t c, const char *lang, const char *term) {
  cli_row_fmt(w, "learned%05zu", c);
  cli_row_str(w, lang, strlen(lang));
  cli_row_str(w, term, strlen(term));
  cli_row_str(w, "admitted", 8);
  cli_row_str(w, "", 0);
  cli_row_str(w, "learned", 7);
  cli_row_str(w, "", 0);
  cli_row_end(w);
}

int cmd_learn(int argc, char **argv) {
  cli_join_values(&argc, argv);
  int do_align = 0, extract = 1;
  long min_count = 3, top = 1, m1 = 5, m2 = 5;
  unsigned long num;
  int iters_given = 0;
  const char *model = NULL, *terms_file = NULL;
  cli_pargs pa;
  cli_pargs_init(&pa, CMD, FMT_TSV);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--extract") == 0) {
      extract = 1;
    } else if (strcmp(a, "--ngrams") == 0) {
      extract = 0;
    } else if (strcmp(a, "--align") == 0) {
      do_align = 1;
    } else if (strcmp(a, "--lines") == 0) {
      do_align = 0;
    } else if (strncmp(a, "--model=", 8) == 0 && a[8]) {
      model = a + 8;
    } else if (strncmp(a, "--terms=", 8) == 0 && a[8]) {
      terms_file = a + 8;
    } else if (strncmp(a, "--min-count=", 12) == 0) {
      if (cli_number(CMD, "--min-count", a + 12, 1, 1000000, &num))
        return cli_pargs_free(&pa), EXIT_ERROR;
      min_count = (long)num;
    } else if (strncmp(a, "--top=", 6) == 0) {
      if (cli_number(CMD, "--top", a + 6, 0, 1000, &num))
        return cli_pargs_free(&pa), EXIT_ERROR;
      top = (long)num;
    } else if (strncmp(a, "--iterations=", 13) == 0) {
      /* M1,M2: two numbers, one comma */
      char m[32];
      const char *comma = strchr(a + 13, ',');
      if (!comma || strlen(a + 13) >= sizeof m) {
        cli_error(CMD, "--iterations needs M1,M2 (0 to 100 each), not '%s'", a + 13);
        return cli_pargs_free(&pa), EXIT_ERROR;
      }
      snprintf(m, sizeof m, "%s", a + 13);
      m[comma - (a + 13)] = '\0';
      unsigned long n1, n2;
      if (cli_number(CMD, "--iterations M1", m, 0, 100, &n1) ||
          cli_number(CMD, "--iterations M2", comma + 1, 0, 100, &n2))
        return cli_pargs_free(&pa), EXIT_ERROR;
      m1 = (long)n1, m2 = (long)n2;
      iters_given = 1;
    } else {
      int r = cli_pargs_arg(&pa, FMT_TSV | FMT_CSV | FMT_JSON | FMT_TEXT | FMT_LEXICON, help, argc, argv, &i);
      if (r != 1)
        return cli_pargs_free(&pa), r == 2 ? EXIT_DONE : EXIT_ERROR;
    }
  }
  if (cli_pargs_check(&pa) != EXIT_DONE)
    return cli_pargs_free(&pa), EXIT_ERROR;
  cli_lines in[2];
  memset(in, 0, sizeof in);
  int ret = EXIT_ERROR;
  padan_learner *l = NULL;
  padan_terms *tx = NULL;
  padan_learned *res = NULL;
  size_t nres = 0;
  char **terms = NULL;
  size_t nterms = 0;
  padan_align_stream *st = NULL;
  learn_t lt;
  memset(&lt, 0, sizeof lt);
  padan_tokens_init(&lt.toks);
  pd_buf_init(&lt.bi), pd_buf_init(&lt.be);
  cli_progress_quiet_output = 1; /* the output comes at the end */
  for (int k = 0; k < 2; k++)
    if (cli_lines_open(CMD, pa.files[k], pa.encoding, 0, &in[k]) != EXIT_DONE)
      goto done;
  if (terms_file) {
    extract = 0;
    if (read_terms(terms_file, pa.encoding, &terms, &nterms) != EXIT_DONE)
      goto done;
  }
  if (padan_learner_new(&l) || load_stopwords(l, "id", "stopwords-id.txt") ||
      load_stopwords(l, "en", "stopwords-en.txt")) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  padan_learner_set_progress(l, on_progress, NULL);
  int rc = extract ? terms_begin((unsigned)min_count, &tx) : PADAN_OK;
  if (rc) {
    cli_error(CMD, "%s: term extraction: %s", pa.files[0],
              tx && *padan_terms_errmsg(tx) ? padan_terms_errmsg(tx) : padan_strerror(rc));
    goto done;
  }
  lt.l = l, lt.tx = tx;
  /* both files in step: only a line pair (a part of a long one) or the
     alignment window is held */
  const char *s[2];
  size_t len[2], lineno[2], nlines[2] = {0, 0};
  if (do_align) {
    if (need_aligner(&lt) || padan_align_stream_new(lt.al, 0, &st)) {
      if (!st)
        cli_error(CMD, "out of memory");
      goto done;
    }
    while (!padan_align_stream_done(st)) {
      int k = padan_align_stream_want(st);
      if (k >= 0) {
        int r = cli_lines_next(&in[k], &s[k], &len[k], &lineno[k]);
        if (r < 0)
          goto done;
        if (r == 0) {
          padan_align_stream_end(st, k);
        } else if (align_part(lt.tk, &lt.toks, st, k, in[k].long_line, s[k], len[k]) ||
                   (k == 0 && terms_part(tx, &in[0], s[0], len[0]))) {
          cli_error(CMD, "out of memory");
          goto done;
        }
      }
      if (drain(&lt, st))
        goto done;
    }
  } else {
    int more[2] = {1, 1};
    while (more[0] || more[1]) {
      for (int k = 0; k < 2; k++) {
        if (!more[k])
          continue;
        int r = cli_lines_next(&in[k], &s[k], &len[k], &lineno[k]);
        if (r < 0)
          goto done;
        more[k] = r;
        nlines[k] += (size_t)r;
      }
      if ((more[0] && in[0].long_line) || (more[1] && in[1].long_line)) {
        /* a side over the long-line cap: the pair is a document pair */
        if (learn_doc(&lt, in, more, s, len, pa.files[0]))
          goto done;
        continue;
      }
      if (more[0] && terms_part(tx, &in[0], s[0], len[0])) {
        cli_error(CMD, "%s: term extraction: %s", pa.files[0], padan_terms_errmsg(tx));
        goto done;
      }
      if (more[0] && more[1] && !cli_blank(s[0], len[0]) && !cli_blank(s[1], len[1]) &&
          padan_learner_add(l, s[0], len[0], s[1], len[1])) {
        cli_error(CMD, "%s", padan_learner_errmsg(l));
        goto done;
      }
    }
    if (nlines[0] != nlines[1]) {
      cli_error(CMD, "%s has %zu lines but %s has %zu: the files must be line-aligned "
                     "(or use --align)",
                pa.files[0], nlines[0], pa.files[1], nlines[1]);
      goto done;
    }
  }
  if (tx && terms_finish(pa.files[0], tx, &terms, &nterms))
    goto done;
  if (!pa.lo.no_default || pa.lo.nfiles) {
    padan_lexicon *lex = NULL;
    if (cli_lexicon_open(CMD, &pa.lo, &lex) != EXIT_DONE)
      goto done;
    size_t np = 0;
    int rc2 = cli_lexicon_pairs(lex, CLI_PAIRS_EN_CURRENT, 16, add_anchor, l, &np);
    padan_lexicon_free(lex);
    if (rc2) {
      cli_error(CMD, "%s", padan_learner_errmsg(l));
      goto done;
    }
  }
  struct stat sb;
  if (model && stat(model, &sb) == 0) {
    rc = padan_learner_load(l, model);
    if (rc) {
      cli_error(CMD, "%s", padan_learner_errmsg(l));
      goto done;
    }
    if (!iters_given)
      m1 = 0, m2 = 2;
  }
  if (padan_learner_train(l, (int)m1, (int)m2)) {
    cli_error(CMD, "%s", padan_learner_errmsg(l));
    goto done;
  }
  if (model && padan_learner_save(l, model)) {
    cli_error(CMD, "%s", padan_learner_errmsg(l));
    goto done;
  }
  if (padan_learner_pairs(l, (const char *const *)terms, nterms,
                          extract ? PADAN_LEARN_WORDS : 0, (unsigned)min_count,
                          (unsigned)top, &res, &nres)) {
    cli_error(CMD, "%s", padan_learner_errmsg(l));
    goto done;
  }
  cli_progress_end();
  cli_out o;
  if (cli_out_open(CMD, &o, pa.out) != EXIT_DONE)
    goto done;
  FILE *fp = o.fp;
  int fmt = pa.fmt;
  cli_row w = cli_row_start(fp, fmt == FMT_CSV);
  if (fmt == FMT_TSV || fmt == FMT_CSV)
    cli_row_header(&w, "id_term\ten_term\tscore\tcount\tid_count");
  else if (fmt == FMT_JSON)
    fputs("[", fp);
  else if (fmt == FMT_LEXICON)
    cli_row_header(&w, "concept\tlang\tterm\tstatus\tpos\tnote\tdomain");
  for (size_t k = 0; k < nres; k++) {
    const padan_learned *r = &res[k];
    if (fmt == FMT_TSV || fmt == FMT_CSV) {
      cli_row_str(&w, r->id_term, strlen(r->id_term));
      cli_row_str(&w, r->en_term, strlen(r->en_term));
      cli_row_fmt(&w, "%.3f", r->score);
      cli_row_fmt(&w, "%u", r->count);
      cli_row_fmt(&w, "%u", r->id_count);
      cli_row_end(&w);
    } else if (fmt == FMT_TEXT) {
      /* as padan glossary's listing: 'term -> English (...; n times)' */
      fprintf(fp, "%s -> %s (score %.2f; %u of %u time%s)\n", r->id_term, r->en_term,
              r->score, r->count, r->id_count, r->id_count == 1 ? "" : "s");
    } else if (fmt == FMT_JSON) {
      fputs(k ? ",\n {\"id_term\":" : "\n {\"id_term\":", fp);
      cli_json_str(fp, r->id_term, strlen(r->id_term));
      fputs(",\"en_term\":", fp);
      cli_json_str(fp, r->en_term, strlen(r->en_term));
      fprintf(fp, ",\"score\":%.3f,\"count\":%u,\"id_count\":%u}", r->score, r->count,
              r->id_count);
    } else {
      lexicon_row(&w, k + 1, "id", r->id_term);
      lexicon_row(&w, k + 1, "en", r->en_term);
    }
  }
  if (fmt == FMT_JSON)
    fputs(nres ? "\n]\n" : "]\n", fp);
  ret = cli_out_close(CMD, &o, 1); /* reports a write error */
done:
  free(res);
  padan_align_stream_free(st);
  padan_aligner_free(lt.al);
  padan_tokenizer_free(lt.tk);
  padan_tokens_free(&lt.toks);
  pd_buf_free(&lt.bi), pd_buf_free(&lt.be);
  padan_learner_free(l);
  padan_terms_free(tx);
  for (size_t k = 0; k < nterms; k++)
    free(terms[k]);
  free(terms);
  for (int k = 0; k < 2; k++)
    cli_lines_close(&in[k]);
  cli_pargs_free(&pa);
  return ret;
}
