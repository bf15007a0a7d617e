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
        "pairs with a blank side are skipped). With --align they are sentence-\n"
        "aligned first (one sentence a line, as padan align --lines).\n"
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
        "  --format=FMT       tsv (default), json, or lexicon (native lexicon TSV rows,\n"
        "                     status admitted, note 'learned', for review)\n"
        "  -o FILE            write to FILE (atomically) instead of standard output\n"
        "  --encoding=ENC     input encoding (default auto)\n"
        "  -h, --help         this help\n"
        "\n"
        "TSV columns: id_term en_term score count id_count. Words are lower-cased.\n"
        "Exit status: 0 done, 2 usage or input error.\n",
        fp);
}

typedef struct {
  char *text;
  size_t len;
  padan_align_sent *s;
  size_t n, cap;
} lines_t;

/* All lines (blank ones too, with len 0), so that line k pairs with line k. */
static int split_all(lines_t *d) {
  size_t i = 0;
  while (i < d->len) {
    size_t j = i;
    while (j < d->len && d->text[j] != '\n')
      j++;
    if (d->n == d->cap) {
      size_t nc = d->cap ? d->cap * 2 : 1024;
      padan_align_sent *p = realloc(d->s, nc * sizeof *p);
      if (!p)
        return PADAN_ENOMEM;
      d->s = p, d->cap = nc;
    }
    size_t b = j;
    while (b > i && (d->text[b - 1] == '\r' || d->text[b - 1] == ' ' || d->text[b - 1] == '\t'))
      b--;
    d->s[d->n].s = d->text + i, d->s[d->n].len = b - i;
    d->n++;
    i = j + 1;
  }
  return PADAN_OK;
}

static int blank(const padan_align_sent *s) {
  for (size_t i = 0; i < s->len; i++)
    if (s->s[i] != ' ' && s->s[i] != '\t')
      return 0;
  return 1;
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

/* Terms (and their variants) that term extraction finds in the Indonesian
 * lines, written the way the learner writes words. Appends to *terms. */
static int extract_terms(const char *path_shown, const padan_align_sent *s, size_t n,
                         unsigned min_count, char ***terms, size_t *nterms) {
  padan_terms_options opt;
  padan_terms_options_init(&opt);
  opt.max_words = 4;
  opt.min_freq = min_count;
  padan_terms *t = NULL;
  int rc = padan_terms_new(&t, &opt);
  const char *sw = cli_data_file("stopwords-id.txt");
  if (!rc && sw)
    rc = padan_terms_load_stopwords(t, sw);
  for (size_t i = 0; !rc && i < n; i++)
    rc = padan_terms_add(t, s[i].s, s[i].len);
  const padan_term *v = NULL;
  size_t nv = 0;
  if (!rc)
    rc = padan_terms_rank(t, &v, &nv);
  if (rc) {
    cli_error(CMD, "%s: term extraction: %s", path_shown,
              t && *padan_terms_errmsg(t) ? padan_terms_errmsg(t) : padan_strerror(rc));
    padan_terms_free(t);
    return rc;
  }
  size_t total = 0;
  for (size_t k = 0; k < nv; k++)
    total += v[k].nvariants + 1;
  char **p = realloc(*terms, (*nterms + total + 1) * sizeof *p);
  if (!p) {
    padan_terms_free(t);
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
  padan_terms_free(t);
  return PADAN_OK;
}

/* Lexicon pairs as training anchors: each (id term, en term) of a concept. */
static int add_lexicon_anchors(padan_learner *l, padan_lexicon *lex, size_t *np) {
  size_t nc = padan_lexicon_concept_count(lex);
  for (size_t c = 0; c < nc; c++) {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(lex, c, &con) || con.nterms > 16)
      continue;
    for (size_t a = 0; a < con.nterms; a++) {
      padan_lexicon_term ti;
      if (padan_lexicon_concept_term(lex, c, a, &ti) || strcmp(ti.lang, "id") != 0 ||
          ti.status == PADAN_TERM_DEPRECATED)
        continue;
      for (size_t b = 0; b < con.nterms; b++) {
        padan_lexicon_term te;
        if (padan_lexicon_concept_term(lex, c, b, &te) || strcmp(te.lang, "en") != 0 ||
            te.status == PADAN_TERM_DEPRECATED)
          continue;
        if (padan_learner_add_anchor(l, ti.text, ti.len, te.text, te.len))
          return PADAN_ENOMEM;
        (*np)++;
      }
    }
  }
  return PADAN_OK;
}

static void lexicon_row(FILE *fp, size_t c, const char *lang, const char *term) {
  fprintf(fp, "learned%05zu\t%s\t", c, lang);
  cli_tsv_field(fp, term, strlen(term));
  fputs("\tadmitted\t\tlearned\t\n", fp);
}

int cmd_learn(int argc, char **argv) {
  int fmt = FMT_TSV, do_align = 0, extract = 1;
  long min_count = 3, top = 1, m1 = 5, m2 = 5;
  int iters_given = 0;
  const char *out = NULL, *encoding = NULL, *model = NULL, *terms_file = NULL;
  const char *files[2];
  int nfiles = 0;
  cli_lexopts lo;
  cli_lexopts_init(&lo);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    char *end;
    int lr = cli_lexopts_arg(CMD, &lo, argc, argv, &i);
    if (lr < 0)
      return cli_lexopts_free(&lo), EXIT_ERROR;
    if (lr > 0)
      continue;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      cli_lexopts_free(&lo);
      help(stdout);
      return EXIT_DONE;
    } else if (strcmp(a, "--extract") == 0) {
      extract = 1;
    } else if (strcmp(a, "--ngrams") == 0) {
      extract = 0;
    } else if (strcmp(a, "--align") == 0) {
      do_align = 1;
    } else if (strcmp(a, "--lines") == 0) {
      do_align = 0;
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!(fmt = cli_parse_format(CMD, a + 9, FMT_TSV | FMT_JSON | FMT_LEXICON)))
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
    } else if (strncmp(a, "--model=", 8) == 0 && a[8]) {
      model = a + 8;
    } else if (strncmp(a, "--terms=", 8) == 0 && a[8]) {
      terms_file = a + 8;
    } else if (strncmp(a, "--min-count=", 12) == 0) {
      min_count = strtol(a + 12, &end, 10);
      if (*end || a[12] == 0 || min_count < 1 || min_count > 1000000) {
        cli_error(CMD, "--min-count needs a number from 1 to 1000000, not '%s'", a + 12);
        return cli_lexopts_free(&lo), EXIT_ERROR;
      }
    } else if (strncmp(a, "--top=", 6) == 0) {
      top = strtol(a + 6, &end, 10);
      if (*end || a[6] == 0 || top < 0 || top > 1000) {
        cli_error(CMD, "--top needs a number from 0 to 1000, not '%s'", a + 6);
        return cli_lexopts_free(&lo), EXIT_ERROR;
      }
    } else if (strncmp(a, "--iterations=", 13) == 0) {
      if (sscanf(a + 13, "%ld,%ld", &m1, &m2) != 2 || m1 < 0 || m2 < 0 || m1 > 100 || m2 > 100) {
        cli_error(CMD, "--iterations needs M1,M2 (0 to 100 each), not '%s'", a + 13);
        return cli_lexopts_free(&lo), EXIT_ERROR;
      }
      iters_given = 1;
    } else if (a[0] == '-' && a[1] != 0) {
      cli_error(CMD, "unknown option '%s' (see 'padan learn --help')", a);
      return cli_lexopts_free(&lo), EXIT_ERROR;
    } else if (nfiles < 2) {
      files[nfiles++] = a;
    } else {
      cli_error(CMD, "too many files: give ID_FILE and EN_FILE");
      return cli_lexopts_free(&lo), EXIT_ERROR;
    }
  }
  if (nfiles != 2) {
    cli_error(CMD, "give ID_FILE and EN_FILE (see 'padan learn --help')");
    return cli_lexopts_free(&lo), EXIT_ERROR;
  }
  if (strcmp(files[0], "-") == 0 && strcmp(files[1], "-") == 0) {
    cli_error(CMD, "only one of the two files can be standard input");
    return cli_lexopts_free(&lo), EXIT_ERROR;
  }
  lines_t d[2];
  memset(d, 0, sizeof d);
  int ret = EXIT_ERROR;
  padan_learner *l = NULL;
  padan_learned *res = NULL;
  size_t nres = 0;
  char *tdata = NULL;
  size_t tlen = 0;
  char **terms = NULL;
  size_t nterms = 0;
  padan_align_bead *beads = NULL;
  size_t nb = 0;
  padan_aligner *al = NULL;
  pd_buf bi, be;
  pd_buf_init(&bi), pd_buf_init(&be);
  for (int k = 0; k < 2; k++)
    if (cli_read_text(CMD, files[k], encoding, &d[k].text, &d[k].len) != EXIT_DONE)
      goto done;
  if (terms_file && cli_read_text(CMD, terms_file, encoding, &tdata, &tlen) != EXIT_DONE)
    goto done;
  for (int k = 0; k < 2; k++)
    if (split_all(&d[k])) {
      cli_error(CMD, "out of memory");
      goto done;
    }
  if (!do_align && d[0].n != d[1].n) {
    cli_error(CMD, "%s has %zu lines but %s has %zu: the files must be line-aligned "
                   "(or use --align)",
              files[0], d[0].n, files[1], d[1].n);
    goto done;
  }
  if (padan_learner_new(&l) || load_stopwords(l, "id", "stopwords-id.txt") ||
      load_stopwords(l, "en", "stopwords-en.txt")) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  if (terms_file)
    extract = 0;
  if (extract) {
    padan_align_sent *ne = malloc((d[0].n + 1) * sizeof *ne);
    size_t nn = 0;
    if (!ne) {
      cli_error(CMD, "out of memory");
      goto done;
    }
    for (size_t i = 0; i < d[0].n; i++)
      if (!blank(&d[0].s[i]))
        ne[nn++] = d[0].s[i];
    int rc = extract_terms(files[0], ne, nn, (unsigned)min_count, &terms, &nterms);
    free(ne);
    if (rc) {
      if (rc == PADAN_ENOMEM)
        cli_error(CMD, "out of memory");
      goto done;
    }
  }
  if (tdata) { /* terms: one a line, words lower-cased and single-spaced */
    terms = calloc(tlen / 2 + 2, sizeof *terms);
    if (!terms) {
      cli_error(CMD, "out of memory");
      goto done;
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
        terms[nterms++] = pd_buf_steal(&bi, NULL);
      if (!e)
        break;
      p = e + 1;
    }
  }
  if (do_align) {
    /* keep only non-blank lines, align them, learn from the beads */
    lines_t nb2[2];
    memset(nb2, 0, sizeof nb2);
    for (int k = 0; k < 2; k++) {
      nb2[k].s = malloc((d[k].n + 1) * sizeof *nb2[k].s);
      if (!nb2[k].s) {
        free(nb2[0].s);
        cli_error(CMD, "out of memory");
        goto done;
      }
      for (size_t i = 0; i < d[k].n; i++)
        if (!blank(&d[k].s[i]))
          nb2[k].s[nb2[k].n++] = d[k].s[i];
    }
    int rc = padan_aligner_new(&al);
    if (!rc)
      rc = padan_align_sentences(al, nb2[0].s, nb2[0].n, nb2[1].s, nb2[1].n, &beads, &nb);
    for (size_t k = 0; !rc && k < nb; k++) {
      if (!beads[k].id_n || !beads[k].en_n)
        continue;
      pd_buf_clear(&bi), pd_buf_clear(&be);
      for (size_t x = 0; x < beads[k].id_n; x++)
        pd_buf_append(&bi, nb2[0].s[beads[k].id_first + x].s, nb2[0].s[beads[k].id_first + x].len),
            pd_buf_putc(&bi, ' ');
      for (size_t x = 0; x < beads[k].en_n; x++)
        pd_buf_append(&be, nb2[1].s[beads[k].en_first + x].s, nb2[1].s[beads[k].en_first + x].len),
            pd_buf_putc(&be, ' ');
      rc = padan_learner_add(l, bi.p, bi.len, be.p, be.len);
    }
    free(nb2[0].s), free(nb2[1].s);
    if (rc) {
      cli_error(CMD, "out of memory");
      goto done;
    }
  } else {
    for (size_t i = 0; i < d[0].n; i++) {
      if (blank(&d[0].s[i]) || blank(&d[1].s[i]))
        continue;
      if (padan_learner_add(l, d[0].s[i].s, d[0].s[i].len, d[1].s[i].s, d[1].s[i].len)) {
        cli_error(CMD, "out of memory");
        goto done;
      }
    }
  }
  if (!lo.no_default || lo.nfiles) {
    padan_lexicon *lex = NULL;
    if (cli_lexicon_open(CMD, &lo, &lex) != EXIT_DONE)
      goto done;
    size_t np = 0;
    int rc2 = add_lexicon_anchors(l, lex, &np);
    padan_lexicon_free(lex);
    if (rc2) {
      cli_error(CMD, "out of memory");
      goto done;
    }
  }
  struct stat st;
  if (model && stat(model, &st) == 0) {
    int rc = padan_learner_load(l, model);
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
  cli_out o;
  if (cli_out_open(CMD, &o, out) != EXIT_DONE)
    goto done;
  FILE *fp = o.fp;
  if (fmt == FMT_TSV)
    fputs("#id_term\ten_term\tscore\tcount\tid_count\n", fp);
  else if (fmt == FMT_JSON)
    fputs("[", fp);
  else
    fputs("#concept\tlang\tterm\tstatus\tpos\tnote\tdomain\n", fp);
  for (size_t k = 0; k < nres; k++) {
    const padan_learned *r = &res[k];
    if (fmt == FMT_TSV) {
      cli_tsv_field(fp, r->id_term, strlen(r->id_term));
      putc('\t', fp);
      cli_tsv_field(fp, r->en_term, strlen(r->en_term));
      fprintf(fp, "\t%.3f\t%u\t%u\n", r->score, r->count, r->id_count);
    } else if (fmt == FMT_JSON) {
      fputs(k ? ",\n {\"id_term\":" : "\n {\"id_term\":", fp);
      cli_json_str(fp, r->id_term, strlen(r->id_term));
      fputs(",\"en_term\":", fp);
      cli_json_str(fp, r->en_term, strlen(r->en_term));
      fprintf(fp, ",\"score\":%.3f,\"count\":%u,\"id_count\":%u}", r->score, r->count,
              r->id_count);
    } else {
      lexicon_row(fp, k + 1, "id", r->id_term);
      lexicon_row(fp, k + 1, "en", r->en_term);
    }
  }
  if (fmt == FMT_JSON)
    fputs(nres ? "\n]\n" : "]\n", fp);
  ret = cli_out_close(CMD, &o, !ferror(fp));
done:
  free(res);
  free(beads);
  padan_aligner_free(al);
  padan_learner_free(l);
  for (size_t k = 0; k < nterms; k++)
    free(terms[k]);
  free(terms);
  free(tdata);
  pd_buf_free(&bi), pd_buf_free(&be);
  for (int k = 0; k < 2; k++)
    free(d[k].text), free(d[k].s);
  cli_lexopts_free(&lo);
  return ret;
}
