/* padan check: bilingual term consistency and source-side variants. */
#include "config.h"
#include "cli.h"
#include <padan/glossary.h>

#include <padan/check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *CMD = "check";

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: padan check [OPTIONS] ID_FILE EN_FILE\n"
          "       padan check --variants [OPTIONS] FILE...\n\n"
          "Checks that the approved English terms of a lexicon are used in a translation,\n"
          "the same way every time (findings: missing, deprecated, inconsistent), or with\n"
          "--variants that an Indonesian batch names each concept one way (findings:\n"
          "spelling, order, variants, near-miss, deprecated).\n\n"
          "Options:\n"
          "  --lines               line-aligned input: line i of ID_FILE is translated by line i\n"
          "                        of EN_FILE (otherwise sentences are split and aligned)\n"
          "  --variants            source-side variant report over Indonesian FILEs\n"
          "  --lexicon=FILE        add a lexicon (repeatable; .tsv, .csv, .tbx)\n"
          "  --no-default-lexicon  do not load the curated dicts/lexicon.tsv\n"
          "  --format=FMT          text (default), tsv, csv, json, html\n"
          "  --encoding=ENC        input encoding (default auto)\n"
          "  -o FILE               write to FILE (atomically)\n"
          "  -h, --help            this help\n\n"
          "TSV/CSV columns: kind id_term expected found id_line en_line concept id_form\n"
          "  (id_term: the lexicon's Indonesian term; id_form: as written in the text;\n"
          "  en_line empty, null in JSON, 'en: no line' in text, when EN_FILE has no such line)\n"
          "  --variants: kind forms counts example preferred concept\n"
          "Only curated lexicons supply approved terms (never a base dictionary).\n"
          "Bilingual findings come in input order (text and HTML start a heading when the\n"
          "concept changes); inconsistent findings come last.\n\n"
          "Large inputs: ID_FILE and EN_FILE are read twice, in pieces (standard input and\n"
          "pipes are first copied to a temporary file in $TMPDIR); the first pass gathers\n"
          "what findings depend on document-wide. Memory grows with the vocabulary, the\n"
          "concepts found and their renderings, not with the length of the texts. With\n"
          "--lines a line pair with a side over 1 MiB (a document on one line) is read in\n"
          "parts and aligned sentence by sentence (windows of 1000), each sentence pair\n"
          "checked as a line pair and reported at the line's number. Without --lines\n"
          "sentences are aligned in windows of 5000: texts longer than a window may align\n"
          "slightly differently where windows join.\n"
          "--variants streams each FILE (spooled to a temporary file): its memory grows\n"
          "with the batch's distinct forms and word n-grams, not with its size.\n"
          "Exit status: 0 no findings, 1 findings reported, 2 usage or input error.\n");
}

/* ------------------------------------------------------------ writers */


static void html_marked(FILE *fp, const char *s, const padan_check_mark *m, size_t nm) {
  size_t len = strlen(s), pos = 0;
  for (size_t i = 0; i < nm; i++) {
    if (m[i].start < pos || m[i].start + m[i].len > len)
      continue;
    padan_glossary_html_escape(fp, s + pos, m[i].start - pos);
    fputs("<mark>", fp);
    padan_glossary_html_escape(fp, s + m[i].start, m[i].len);
    fputs("</mark>", fp);
    pos = m[i].start + m[i].len;
  }
  padan_glossary_html_escape(fp, s + pos, len - pos);
}

static void js(FILE *fp, const char *s) { cli_json_str(fp, s, strlen(s)); }
static void field(cli_row *r, const char *s) { cli_row_str(r, s, strlen(s)); }

/* TSV and CSV: one writer (cli_row) */
static void row_header(cli_row *r, int variants) {
  if (variants)
    cli_row_header(r, "kind\tforms\tcounts\texample\tpreferred\tconcept");
  else
    cli_row_header(r, "kind\tid_term\texpected\tfound\tid_line\ten_line\tconcept\tid_form");
}

/* Returns 0, or -1 when out of memory. */
static int row_finding(cli_row *r, const padan_check_finding *f, int variants) {
  field(r, padan_check_kind_name(f->kind));
  if (variants) {
    /* forms and counts '|'-separated; the example as FILE:LINE */
    pd_buf b;
    pd_buf_init(&b);
    int bad = 0;
    for (size_t k = 0; k < f->nforms; k++)
      bad |= (k && pd_buf_putc(&b, '|')) || pd_buf_puts(&b, f->forms[k].form);
    cli_row_str(r, b.len ? b.p : "", b.len);
    pd_buf_clear(&b);
    for (size_t k = 0; k < f->nforms; k++)
      bad |= pd_buf_printf(&b, "%s%zu", k ? "|" : "", f->forms[k].count) != 0;
    cli_row_str(r, b.len ? b.p : "", b.len);
    pd_buf_clear(&b);
    bad |= pd_buf_printf(&b, "%s:%zu", f->file, f->line) != 0;
    cli_row_str(r, b.len ? b.p : "", b.len);
    pd_buf_free(&b);
    field(r, f->expected);
    field(r, f->concept);
    cli_row_end(r);
    return bad ? -1 : 0;
  }
  field(r, f->id_term);
  field(r, f->expected);
  field(r, f->found);
  field(r, f->id_lines);
  field(r, f->en_lines);
  field(r, f->concept);
  field(r, f->id_form);
  cli_row_end(r);
  return 0;
}

static int write_rows(FILE *fp, padan_checker *c, int csv) {
  size_t n = padan_check_count(c);
  cli_row r = cli_row_start(fp, csv);
  row_header(&r, 1);
  for (size_t i = 0; i < n; i++)
    if (row_finding(&r, padan_check_get(c, i), 1))
      return -1;
  return 0;
}

static void json_header(FILE *fp, int variants, size_t n) {
  fprintf(fp, "{\"mode\":\"%s\",\"count\":%zu,\"findings\":[", variants ? "variants" : "pairs", n);
}

static void json_finding(FILE *fp, const padan_check_finding *f, int variants, int first) {
  fputs(first ? "\n{" : ",\n{", fp);
  fputs("\"kind\":", fp);
  js(fp, padan_check_kind_name(f->kind));
  fputs(",\"concept\":", fp);
  js(fp, f->concept);
  fputs(",\"id_term\":", fp);
  js(fp, f->id_term);
  if (!variants) {
    fputs(",\"id_form\":", fp);
    js(fp, f->id_form);
  }
  fputs(variants ? ",\"preferred\":" : ",\"expected\":", fp);
  js(fp, f->expected);
  if (!variants) {
    fputs(",\"found\":", fp);
    js(fp, f->found);
    fputs(",\"id_line\":", fp);
    js(fp, f->id_lines);
    fputs(",\"en_line\":", fp);
    if (*f->en_lines)
      js(fp, f->en_lines);
    else
      fputs("null", fp); /* the English side has no such line */
  } else {
    fputs(",\"file\":", fp);
    js(fp, f->file);
    fprintf(fp, ",\"line\":%zu", f->line);
  }
  fputs(",\"forms\":[", fp);
  for (size_t k = 0; k < f->nforms; k++) {
    fputs(k ? ",{\"form\":" : "{\"form\":", fp);
    js(fp, f->forms[k].form);
    fprintf(fp, ",\"count\":%zu", f->forms[k].count);
    if (variants) {
      fputs(",\"file\":", fp);
      js(fp, f->forms[k].file);
    }
    fprintf(fp, ",\"line\":%zu}", f->forms[k].line);
  }
  fputs("],\"id_text\":", fp);
  js(fp, f->id_text);
  if (!variants) {
    fputs(",\"en_text\":", fp);
    if (*f->en_lines)
      js(fp, f->en_text);
    else
      fputs("null", fp);
  }
  fputc('}', fp);
}

static void write_json(FILE *fp, padan_checker *c, int variants) {
  size_t n = padan_check_count(c);
  json_header(fp, variants, n);
  for (size_t i = 0; i < n; i++)
    json_finding(fp, padan_check_get(c, i), variants, i == 0);
  fputs("\n]}\n", fp);
}

/* Findings in groups: by concept (or term when none), first-seen order. */
static size_t *group_order(padan_checker *c, size_t *n) {
  *n = padan_check_count(c);
  size_t *ord = malloc((*n ? *n : 1) * sizeof *ord);
  unsigned char *done = calloc(*n ? *n : 1, 1);
  if (!ord || !done) {
    free(ord);
    free(done);
    return NULL;
  }
  size_t k = 0;
  for (size_t i = 0; i < *n; i++) {
    if (done[i])
      continue;
    const padan_check_finding *f = padan_check_get(c, i);
    for (size_t j = i; j < *n; j++) {
      const padan_check_finding *g = padan_check_get(c, j);
      if (done[j])
        continue;
      int same = *f->concept ? strcmp(f->concept, g->concept) == 0
                             : !*g->concept && strcmp(f->id_term, g->id_term) == 0;
      if (same) {
        done[j] = 1;
        ord[k++] = j;
      }
    }
  }
  free(done);
  return ord;
}

static int same_group(const padan_check_finding *a, const padan_check_finding *b);

/* A group's heading: the concept's preferred form (an order finding's
 * `expected` is the preferred word order, so another finding's is used when
 * the group has one), else the most frequent form. */
static const char *group_title(padan_checker *c, const size_t *ord, size_t n, size_t i,
                               int variants) {
  const padan_check_finding *f = padan_check_get(c, ord[i]);
  if (!variants)
    return f->id_term;
  for (size_t j = i; j < n; j++) {
    const padan_check_finding *g = padan_check_get(c, ord[j]);
    if (!same_group(f, g))
      break;
    if (g->kind != PADAN_CHECK_ORDER && *g->expected)
      return g->expected;
  }
  return *f->expected ? f->expected : f->id_term;
}

static int same_group(const padan_check_finding *a, const padan_check_finding *b) {
  if (*a->concept || *b->concept)
    return strcmp(a->concept, b->concept) == 0;
  return strcmp(a->id_term, b->id_term) == 0;
}

/* The text around [start, start+len) on one line: about 70 bytes on each
 * side, cut at spaces, with "..." where cut. */
static void snippet(FILE *fp, const char *s, size_t start, size_t len) {
  size_t n = strlen(s), a = 0, b = n;
  if (start > 70) {
    a = start - 70;
    while (a < start && s[a] != ' ')
      a++;
  }
  if (start + len + 70 < n) {
    b = start + len + 70;
    while (b > start + len && s[b] != ' ')
      b--;
  }
  fprintf(fp, "%s%.*s%s", a ? "..." : "", (int)(b - a), s + a, b < n ? "..." : "");
}

static void text_group(FILE *fp, const padan_check_finding *f, const char *title, int first) {
  if (!first)
    fputc('\n', fp);
  if (title)
    fprintf(fp, "%s%s%s%s\n", title, *f->concept ? " [" : "", f->concept, *f->concept ? "]" : "");
  else
    fprintf(fp, "%s%s%s%s -> %s\n", f->id_term, *f->concept ? " [" : "", f->concept,
            *f->concept ? "]" : "", f->expected);
}

static void text_pair(FILE *fp, const padan_check_finding *f) {
  fprintf(fp, "  %s", padan_check_kind_name(f->kind));
  if (*f->id_form && strcmp(f->id_form, f->id_term))
    fprintf(fp, " (written \"%s\")", f->id_form);
  if (f->kind == PADAN_CHECK_INCONSISTENT)
    fprintf(fp, ": rendered %s", f->found);
  else if (*f->found)
    fprintf(fp, ": \"%s\" found, \"%s\" expected", f->found, f->expected);
  else
    fprintf(fp, ": \"%s\" expected", f->expected);
  /* en_lines "": the English side has no such line (--lines, EN_FILE shorter) */
  if (*f->en_lines) {
    fprintf(fp, " (id line %s, en line %s)\n", f->id_lines, f->en_lines);
    fprintf(fp, "    id: %s\n    en: %s\n", f->id_text, f->en_text);
  } else {
    fprintf(fp, " (id line %s, en: no line)\n", f->id_lines);
    fprintf(fp, "    id: %s\n", f->id_text);
  }
}

/* Variant findings, grouped by concept. */
static int write_text(FILE *fp, padan_checker *c) {
  size_t n;
  size_t *ord = group_order(c, &n);
  if (!ord)
    return -1;
  const padan_check_finding *prev = NULL;
  for (size_t i = 0; i < n; i++) {
    const padan_check_finding *f = padan_check_get(c, ord[i]);
    if (!prev || !same_group(prev, f))
      text_group(fp, f, group_title(c, ord, n, i, 1), !prev);
    prev = f;
    fprintf(fp, "  %s: ", padan_check_kind_name(f->kind));
    for (size_t k = 0; k < f->nforms; k++)
      fprintf(fp, "%s\"%s\" x%zu", k ? ", " : "", f->forms[k].form, f->forms[k].count);
    if (*f->expected)
      fprintf(fp, "; preferred \"%s\"", f->expected);
    fprintf(fp, "\n    %s:%zu: ", f->file, f->line);
    snippet(fp, f->id_text, f->nid_marks ? f->id_marks[0].start : 0,
            f->nid_marks ? f->id_marks[0].len : 0);
    fputc('\n', fp);
  }
  free(ord);
  return 0;
}

static void html_head(FILE *fp, const char *title, size_t n) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", fp);
  padan_glossary_html_escape(fp, title, strlen(title));
  fputs("</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;"
        "line-height:1.45}\n"
        "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}\n"
        ".concept{color:#777;font-weight:normal;font-size:.85em}\n"
        "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
        "td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}\n"
        "th{background:#f4f4f4;width:9em}\n"
        ".kind{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;"
        "font-size:.85em}\n"
        ".missing{background:#c0392b}.deprecated{background:#8e44ad}"
        ".inconsistent{background:#d35400}.spelling{background:#2471a3}"
        ".order{background:#117a65}.variants{background:#b7950b}"
        ".near-miss{background:#7b241c}\n"
        "mark{background:#ffe36e;padding:0 .1em}\n"
        ".summary{color:#555}.loc{color:#666;font-size:.85em;font-family:monospace}\n"
        "</style></head><body>\n<h1>",
        fp);
  padan_glossary_html_escape(fp, title, strlen(title));
  fprintf(fp, "</h1>\n<p class=\"summary\">%zu finding%s.</p>\n", n, n == 1 ? "" : "s");
}

static void html_group(FILE *fp, const padan_check_finding *f, const char *t, int variants,
                       int first) {
  if (!first)
    fputs("</section>\n", fp);
  fputs("<section>\n<h2>", fp);
  padan_glossary_html_escape(fp, t, strlen(t));
  if (!variants && *f->expected) {
    fputs(" &rarr; ", fp);
    padan_glossary_html_escape(fp, f->expected, strlen(f->expected));
  }
  if (*f->concept) {
    fputs(" <span class=\"concept\">", fp);
    padan_glossary_html_escape(fp, f->concept, strlen(f->concept));
    fputs("</span>", fp);
  }
  fputs("</h2>\n", fp);
}

static void html_table(FILE *fp, const padan_check_finding *f, int variants) {
  const char *kn = padan_check_kind_name(f->kind);
  fprintf(fp, "<table>\n<tr><th><span class=\"kind %s\">%s</span></th><td>", kn, kn);
  if (variants || f->kind == PADAN_CHECK_INCONSISTENT) {
    for (size_t k = 0; k < f->nforms; k++) {
      if (k)
        fputs(", ", fp);
      fputs("<b>", fp);
      padan_glossary_html_escape(fp, f->forms[k].form, strlen(f->forms[k].form));
      fprintf(fp, "</b> &times;%zu", f->forms[k].count);
    }
    if (variants && *f->expected) {
      fputs("; preferred: <b>", fp);
      padan_glossary_html_escape(fp, f->expected, strlen(f->expected));
      fputs("</b>", fp);
    }
  } else {
    fputs("expected <b>", fp);
    padan_glossary_html_escape(fp, f->expected, strlen(f->expected));
    fputs("</b>", fp);
    if (*f->found) {
      fputs(", found <b>", fp);
      padan_glossary_html_escape(fp, f->found, strlen(f->found));
      fputs("</b>", fp);
    }
  }
  fputs("</td></tr>\n", fp);
  if (variants) {
    fputs("<tr><th>example</th><td><div class=\"loc\">", fp);
    padan_glossary_html_escape(fp, f->file, strlen(f->file));
    fprintf(fp, ":%zu</div>", f->line);
    html_marked(fp, f->id_text, f->id_marks, f->nid_marks);
    fputs("</td></tr>\n", fp);
  } else {
    fputs("<tr><th>id ", fp);
    padan_glossary_html_escape(fp, f->id_lines, strlen(f->id_lines));
    fputs("</th><td lang=\"id\">", fp);
    html_marked(fp, f->id_text, f->id_marks, f->nid_marks);
    fputs(*f->en_lines ? "</td></tr>\n<tr><th>en " : "</td></tr>\n<tr><th>en", fp);
    padan_glossary_html_escape(fp, f->en_lines, strlen(f->en_lines));
    fputs(*f->en_lines ? "</th><td lang=\"en\">" : "</th><td lang=\"en\">(no line)", fp);
    html_marked(fp, f->en_text, f->en_marks, f->nen_marks);
    fputs("</td></tr>\n", fp);
  }
  fputs("</table>\n", fp);
}

/* Variant findings, grouped by concept. */
static int write_html(FILE *fp, padan_checker *c, const char *title) {
  size_t n;
  size_t *ord = group_order(c, &n);
  if (!ord)
    return -1;
  html_head(fp, title, n);
  const padan_check_finding *prev = NULL;
  for (size_t i = 0; i < n; i++) {
    const padan_check_finding *f = padan_check_get(c, ord[i]);
    if (!prev || !same_group(prev, f))
      html_group(fp, f, group_title(c, ord, n, i, 1), 1, !prev);
    prev = f;
    html_table(fp, f, 1);
  }
  if (prev)
    fputs("</section>\n", fp);
  fputs("</body></html>\n", fp);
  free(ord);
  return 0;
}

/* ------------------------------------------------------------ bilingual output
 *
 * Findings are written as they come (in input order: the missing and
 * deprecated ones pair by pair, then the inconsistent ones); text and HTML
 * start a new heading whenever the concept changes from the previous finding. */

typedef struct {
  FILE *fp;
  int fmt;
  size_t n;
  char *gconcept, *gterm; /* group of the previous finding */
  cli_row row;            /* TSV and CSV */
} pw_t;

/* A finding could not be written (a full disk, >/dev/full): the check stops,
 * and the output's close reports the write error rather than the checker's
 * "stopped by the caller". */
static int out_failed;

static void pw_begin(pw_t *w, size_t count) {
  w->row = cli_row_start(w->fp, w->fmt == FMT_CSV);
  if (w->fmt == FMT_TSV || w->fmt == FMT_CSV)
    row_header(&w->row, 0);
  else if (w->fmt == FMT_JSON)
    json_header(w->fp, 0, count);
  else if (w->fmt == FMT_HTML)
    html_head(w->fp, "padan check: term consistency", count);
}

static int pw_finding(void *ud, const padan_check_finding *f) {
  pw_t *w = ud;
  int first = w->n++ == 0;
  if (w->fmt == FMT_TSV || w->fmt == FMT_CSV) {
    row_finding(&w->row, f, 0);
  } else if (w->fmt == FMT_JSON) {
    json_finding(w->fp, f, 0, first);
  } else {
    int same = !first && (*f->concept || *w->gconcept ? strcmp(f->concept, w->gconcept) == 0
                                                      : strcmp(f->id_term, w->gterm) == 0);
    if (!same) {
      free(w->gconcept);
      free(w->gterm);
      w->gconcept = strdup(f->concept);
      w->gterm = strdup(f->id_term);
      if (!w->gconcept || !w->gterm)
        return PADAN_ENOMEM;
      if (w->fmt == FMT_HTML)
        html_group(w->fp, f, f->id_term, 0, first);
      else
        text_group(w->fp, f, NULL, first);
    }
    if (w->fmt == FMT_HTML)
      html_table(w->fp, f, 0);
    else
      text_pair(w->fp, f);
  }
  if (ferror(w->fp)) {
    out_failed = 1; /* stops the check: the output is lost */
    return PADAN_EIO;
  }
  return 0;
}

static void pw_end(pw_t *w) {
  if (w->fmt == FMT_JSON)
    fputs("\n]}\n", w->fp);
  else if (w->fmt == FMT_HTML)
    fputs(w->n ? "</section>\n</body></html>\n" : "</body></html>\n", w->fp);
  free(w->gconcept);
  free(w->gterm);
  w->gconcept = w->gterm = NULL;
}

/* The inconsistent findings (streaming) or all of them (whole texts). */
static int pw_list(pw_t *w, padan_checker *c) {
  for (size_t i = 0; i < padan_check_count(c); i++)
    if (pw_finding(w, padan_check_get(c, i)) == PADAN_ENOMEM)
      return -1;
  return 0;
}

/* ------------------------------------------------------------ --lines, streamed */

/* Sentence mode: one pass, each file's pieces given to the side the aligner
 * asks for. */
static int sents_pass(padan_checker *ck, const char *const path[2], const char *const shown[2],
                      const char *encoding) {
  cli_stream *s[2] = {NULL, NULL};
  pd_buf piece;
  pd_buf_init(&piece);
  int rc = EXIT_ERROR, eof[2] = {0, 0};
  for (int k = 0; k < 2; k++) {
    if (cli_stream_open(CMD, path[k], encoding, &s[k]) != EXIT_DONE)
      goto out;
    cli_stream_set_name(s[k], shown[k]);
    cli_stream_set_words(s[k], 1); /* a long line is cut between sentences, best */
  }
  int side;
  while ((side = padan_check_pairs_want(ck)) >= 0) {
    pd_buf_clear(&piece);
    if (!eof[side] && cli_stream_read(s[side], &piece, &eof[side]) != EXIT_DONE)
      goto out;
    int st = padan_check_pairs_text(ck, side, piece.p, piece.len, eof[side]);
    if (st == PADAN_ELIMIT) {
      rc = -1; /* the aligner stalled: the caller checks the texts whole */
      goto out;
    }
    if (st) {
      if (!out_failed) /* else the output's write error is reported */
        cli_error(CMD, "%s: %s", shown[side], padan_checker_errmsg(ck));
      goto out;
    }
  }
  rc = EXIT_DONE;
out:
  for (int k = 0; k < 2; k++)
    cli_stream_close(s[k]);
  pd_buf_free(&piece);
  return rc;
}

/* One pass over both files, pair by pair; counts their lines. A pair with a
 * side over the long-line cap is given in parts, as a document pair. */
static int lines_pass(padan_checker *ck, const char *const path[2], const char *const shown[2],
                      const char *encoding, size_t nl[2]) {
  cli_lines in[2];
  int rc = EXIT_ERROR, side = 0, st = 0;
  memset(in, 0, sizeof in);
  nl[0] = nl[1] = 0;
  for (int k = 0; k < 2; k++) {
    if (cli_lines_open(CMD, path[k], encoding, CLI_LINES_RAW, &in[k]) != EXIT_DONE)
      goto out;
    cli_stream_set_name(in[k].in, shown[k]);
  }
  for (;;) {
    const char *l[2] = {NULL, NULL};
    size_t n[2] = {0, 0}, num;
    int got[2];
    for (int k = 0; k < 2; k++)
      if ((got[k] = cli_lines_next(&in[k], &l[k], &n[k], &num)) < 0)
        goto out;
    if (!got[0] && !got[1])
      break;
    nl[0] = in[0].lineno, nl[1] = in[1].lineno;
    if (!(got[0] && in[0].long_line) && !(got[1] && in[1].long_line)) {
      st = padan_check_pairs_add(ck, got[0] ? l[0] : NULL, n[0], got[1] ? l[1] : NULL, n[1]);
      side = 0;
    } else {
      st = padan_check_pairs_text(ck, 0, got[0] ? l[0] : NULL, n[0], !got[0] || in[0].ended);
      if (!st && (side = 1))
        st = padan_check_pairs_text(ck, 1, got[1] ? l[1] : NULL, n[1], !got[1] || in[1].ended);
      while (!st && (side = padan_check_pairs_want(ck)) >= 0) {
        if (cli_lines_next(&in[side], &l[side], &n[side], &num) < 0)
          goto out;
        st = padan_check_pairs_text(ck, side, l[side], n[side], in[side].ended);
      }
    }
    if (st) {
      if (!out_failed) /* else the output's write error is reported */
        cli_error(CMD, "%s: %s", shown[side < 0 ? 0 : side], padan_checker_errmsg(ck));
      goto out;
    }
  }
  rc = EXIT_DONE;
out:
  for (int k = 0; k < 2; k++)
    cli_lines_close(&in[k]);
  return rc;
}

/* The variants batch's passes, as progress. */
static void on_progress(void *ud, const char *stage, size_t done, size_t total) {
  (void)ud;
  cli_progress_stage(CMD, stage, done, total);
}

/* Standard input, a pipe or a FIFO cannot be read twice: such an input is
 * copied to a temporary file first. The file is unlinked at once (nothing is
 * left behind when the command is killed) and read again through its
 * /dev/fd path, kept open in *keep. A NUL byte in an ASCII-compatible
 * encoding (auto: unless the input starts with a UTF-16 BOM) stops the copy
 * as a binary file, as reading would: /dev/zero is not copied until the disk
 * is full. */
static int spool_input(const char *src, const char *encoding, FILE **keep, char *path,
                       size_t cap) {
  const char *shown = strcmp(src, "-") == 0 ? "(standard input)" : src;
  FILE *in = strcmp(src, "-") == 0 ? stdin : fopen(src, "rb");
  if (!in) {
    cli_error(CMD, "%s: %s", shown, strerror(errno));
    return EXIT_ERROR;
  }
  FILE *fp = pd_temp_file("check", path, cap);
  if (fp) {
    remove(path); /* still open: read again through /dev/fd */
    snprintf(path, cap, "/dev/fd/%d", fileno(fp));
  } else {
    cli_error(CMD, "%s: %s", *path ? path : "temporary file", strerror(errno));
    if (in != stdin)
      fclose(in);
    *path = '\0';
    return EXIT_ERROR;
  }
  char buf[1 << 16];
  size_t n, total = 0;
  int bad = 0, nul_check = cli_encoding_ascii(encoding);
  int auto_ = !encoding || !*encoding || strcasecmp(encoding, "auto") == 0;
  while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) {
    const unsigned char *u = (const unsigned char *)buf;
    if (total == 0 && auto_ && n >= 2 &&
        ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
      nul_check = 0; /* UTF-16 by its BOM */
    if (nul_check && memchr(buf, '\0', n)) {
      cli_error(CMD, "%s: binary file", shown);
      bad = 2;
      break;
    }
    total += n;
    if (fwrite(buf, 1, n, fp) != n) {
      cli_error(CMD, "temporary copy of %s: %s", shown, strerror(errno));
      bad = 1;
    }
  }
  if (!bad && ferror(in)) {
    cli_error(CMD, "%s: %s", shown, strerror(errno));
    bad = 1;
  }
  if (in != stdin)
    fclose(in);
  if (!bad && fflush(fp) != 0) {
    cli_error(CMD, "temporary copy of %s: %s", shown, strerror(errno));
    bad = 1;
  }
  if (bad) {
    fclose(fp);
    *path = '\0';
    return EXIT_ERROR;
  }
  *keep = fp;
  return EXIT_DONE;
}

/* 1 when path can be opened twice with the same content (a regular file). */
static int rereadable(const char *path) {
  struct stat sb;
  return strcmp(path, "-") != 0 && (stat(path, &sb) != 0 || S_ISREG(sb.st_mode));
}

/* Sentence mode on the whole texts (when the windowed aligner stalls). */
static int check_whole(padan_checker *ck, const char *const path[2], const char *const shown[2],
                       const char *encoding, const char *out, int fmt) {
  char *id = NULL, *en = NULL;
  size_t idlen, enlen;
  (void)shown;
  if (cli_read_text(CMD, path[0], encoding, &id, &idlen) != EXIT_DONE)
    return EXIT_ERROR;
  if (cli_read_text(CMD, path[1], encoding, &en, &enlen) != EXIT_DONE) {
    free(id);
    return EXIT_ERROR;
  }
  int st = padan_check_pairs(ck, id, idlen, en, enlen, 0);
  free(id);
  free(en);
  if (st) {
    cli_error(CMD, "%s", padan_checker_errmsg(ck));
    return EXIT_ERROR;
  }
  cli_out o;
  if (cli_out_open(CMD, &o, out) != EXIT_DONE)
    return EXIT_ERROR;
  pw_t w = {o.fp, fmt, 0, NULL, NULL, {NULL, 0, 0}};
  pw_begin(&w, padan_check_count(ck));
  int wr = pw_list(&w, ck);
  pw_end(&w);
  if (wr) {
    cli_error(CMD, "out of memory");
    cli_out_close(CMD, &o, 0);
    return EXIT_ERROR;
  }
  if (cli_out_close(CMD, &o, 1) != EXIT_DONE)
    return EXIT_ERROR;
  return padan_check_count(ck) ? EXIT_FINDINGS : EXIT_DONE;
}

/* Two passes over the files (the first gathers what findings depend on
 * document-wide), findings written as the second pass finds them. */
static int check_stream(padan_checker *ck, const char **files, const char *encoding,
                        const char *out, int fmt, int lines) {
  char spool[2][4096] = {"", ""};
  FILE *kept[2] = {NULL, NULL};
  const char *path[2] = {files[0], files[1]};
  int rc = EXIT_ERROR;
  for (int k = 0; k < 2; k++)
    if (!rereadable(files[k])) {
      if (k == 1 && strcmp(files[0], files[1]) == 0 && *spool[0]) {
        path[1] = spool[0];
        continue;
      }
      if (spool_input(files[k], encoding, &kept[k], spool[k], sizeof spool[k]) != EXIT_DONE) {
        if (kept[0])
          fclose(kept[0]);
        return EXIT_ERROR;
      }
      path[k] = spool[k];
    }
  pw_t w = {NULL, fmt, 0, NULL, NULL, {NULL, 0, 0}};
  size_t nl[2], nl2[2], count = 0;
  cli_out o;
  int opened = 0;
  int st = padan_check_pairs_begin(ck, lines ? PADAN_CHECK_LINES : 0, pw_finding, &w);
  if (st) {
    cli_error(CMD, "%s", padan_checker_errmsg(ck));
    goto out;
  }
  cli_progress_pass(CMD, "pass 1 of 2");
  int p1 = lines ? lines_pass(ck, path, files, encoding, nl) : sents_pass(ck, path, files, encoding);
  if (p1 == -1) {
    cli_warn(CMD, "%s", padan_checker_errmsg(ck));
    cli_warn(CMD, "aligning the whole texts at once instead (memory grows with their length)");
    rc = check_whole(ck, path, files, encoding, out, fmt);
    goto out;
  }
  if (p1 != EXIT_DONE)
    goto out;
  if (lines && nl[0] != nl[1])
    cli_warn(CMD, "%s has %zu lines and %s has %zu: with --lines they should pair line by line",
             files[0], nl[0], files[1], nl[1]);
  if ((st = padan_check_pairs_rewind(ck, &count))) {
    cli_error(CMD, "%s", padan_checker_errmsg(ck));
    goto out;
  }
  if (cli_out_open(CMD, &o, out) != EXIT_DONE)
    goto out;
  opened = 1;
  w.fp = o.fp;
  pw_begin(&w, count);
  cli_progress_pass(CMD, "pass 2 of 2");
  if ((lines ? lines_pass(ck, path, files, encoding, nl2)
             : sents_pass(ck, path, files, encoding)) != EXIT_DONE)
    goto out;
  if ((st = padan_check_pairs_finish(ck))) {
    cli_error(CMD, "%s", padan_checker_errmsg(ck));
    goto out;
  }
  if (pw_list(&w, ck)) {
    cli_error(CMD, "out of memory");
    goto out;
  }
  pw_end(&w);
  opened = 0;
  if (cli_out_close(CMD, &o, 1) != EXIT_DONE)
    goto out;
  rc = count ? EXIT_FINDINGS : EXIT_DONE;
out:
  if (opened) {
    pw_end(&w);
    cli_out_close(CMD, &o, out_failed); /* a failed write: commit reports it */
  }
  for (int k = 0; k < 2; k++)
    if (kept[k])
      fclose(kept[k]);
  return rc;
}

/* ------------------------------------------------------------ command */

int cmd_check(int argc, char **argv) {
  cli_join_values(&argc, argv);
  int lines = 0, variants = 0, fmt = FMT_TEXT;
  const char *out = NULL, *encoding = NULL;
  const char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t nfiles = 0;
  cli_lexopts lo;
  cli_lexopts_init(&lo);
  lo.no_base = 1; /* only curated concepts are approved terms */
  int rc = EXIT_ERROR;
  padan_lexicon *lex = NULL;
  padan_checker *ck = NULL;
  if (!files) {
    cli_error(CMD, "out of memory");
    goto done;
  }
  int opts_done = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int lr = opts_done ? 0 : cli_lexopts_arg(CMD, &lo, argc, argv, &i);
    if (lr < 0)
      goto done;
    if (lr > 0)
      continue;
    if (opts_done || a[0] != '-' || strcmp(a, "-") == 0) {
      files[nfiles++] = a;
    } else if (strcmp(a, "--") == 0) {
      opts_done = 1;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      rc = EXIT_DONE;
      goto done;
    } else if (strcmp(a, "--lines") == 0) {
      lines = 1;
    } else if (strcmp(a, "--variants") == 0) {
      variants = 1;

    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!(fmt = cli_parse_format(CMD, a + 9, FMT_TEXT | FMT_TSV | FMT_CSV | FMT_JSON | FMT_HTML)))
        goto done;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      encoding = a + 11;
    } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
      out = argv[++i];
    } else if (strncmp(a, "--output=", 9) == 0) {
      out = a + 9;
    } else {
      cli_error(CMD, "unknown option '%s' (see 'padan check --help')", a);
      goto done;
    }
  }
  if (variants ? nfiles < 1 : nfiles != 2) {
    cli_error(CMD, variants ? "--variants needs at least one FILE (see 'padan check --help')"
                            : "needs ID_FILE and EN_FILE (see 'padan check --help')");
    goto done;
  }
  if (!variants) { /* "- -" as align and learn refuse it (cli_pargs_check reads only these) */
    cli_pargs pair = {.cmd = CMD, .files = {files[0], files[1]}, .nfiles = 2};
    if (cli_pargs_check(&pair) != EXIT_DONE)
      goto done;
  }
  lo.no_base = 1;
  if (cli_lexicon_open(CMD, &lo, &lex) != EXIT_DONE)
    goto done;
  if (padan_lexicon_concept_count(lex) == 0) {
    cli_error(CMD, "no lexicon concepts to check against");
    goto done;
  }
  int st = padan_checker_new(lex, &ck);
  if (st) {
    cli_error(CMD, "%s", padan_strerror(st));
    goto done;
  }
  if (variants) {
    /* each file in pieces ending between words: the library keeps no text */
    pd_buf piece;
    pd_buf_init(&piece);
    cli_progress_quiet_output = 1; /* the findings come at the end */
    padan_checker_set_progress(ck, on_progress, NULL);
    cli_progress_files(CMD, files, nfiles);
    for (size_t i = 0; i < nfiles; i++) {
      cli_stream *s;
      if (cli_stream_open(CMD, files[i], encoding, &s) != EXIT_DONE) {
        pd_buf_free(&piece);
        goto done;
      }
      cli_stream_set_words(s, 1);
      int eof = 0;
      st = PADAN_OK;
      while (!eof && !st) {
        pd_buf_clear(&piece);
        if (cli_stream_read(s, &piece, &eof) != EXIT_DONE) {
          cli_stream_close(s);
          pd_buf_free(&piece);
          goto done;
        }
        st = padan_check_variants_add_piece(ck, files[i], piece.p ? piece.p : "", piece.len);
      }
      cli_stream_close(s);
      if (!st)
        st = padan_check_variants_end_doc(ck);
      if (st) {
        const char *m = padan_checker_errmsg(ck);
        cli_error(CMD, "%s: %s", files[i], m && *m ? m : padan_strerror(st));
        pd_buf_free(&piece);
        goto done;
      }
      if (nfiles > 1)
        cli_progress(CMD, "files", i + 1, nfiles);
    }
    pd_buf_free(&piece);
    st = padan_check_variants(ck);
    if (st) {
      cli_error(CMD, "%s", padan_checker_errmsg(ck));
      goto done;
    }
    cli_progress_end();
    cli_out o;
    if (cli_out_open(CMD, &o, out) != EXIT_DONE)
      goto done;
    int wr = 0;
    if (fmt == FMT_TSV || fmt == FMT_CSV)
      wr = write_rows(o.fp, ck, fmt == FMT_CSV);
    else if (fmt == FMT_JSON)
      write_json(o.fp, ck, 1);
    else if (fmt == FMT_HTML)
      wr = write_html(o.fp, ck, "padan check: source-side variants");
    else
      wr = write_text(o.fp, ck);
    if (wr) {
      cli_error(CMD, "out of memory");
      cli_out_close(CMD, &o, 0);
      goto done;
    }
    if (cli_out_close(CMD, &o, 1) != EXIT_DONE)
      goto done;
    rc = padan_check_count(ck) ? EXIT_FINDINGS : EXIT_DONE;
  } else {
    rc = check_stream(ck, files, encoding, out, fmt, lines);
  }
done:
  padan_checker_free(ck);
  padan_lexicon_free(lex);
  cli_lexopts_free(&lo);
  free(files);
  return rc;
}
