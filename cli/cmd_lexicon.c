/* padan lexicon: lookup, import, export, lint, stats. */
#include "config.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "Usage: padan lexicon lookup [--from=id|en] [--format=tsv|csv|json|text] [-o FILE] TERM...\n"
    "       padan lexicon import IN [-o OUT] [--from-format=F] [--format=F] [--no-header]\n"
    "       padan lexicon export [--format=F] [--no-header] [-o OUT] [LEXICON...]\n"
    "       padan lexicon lint [--format=text|tsv|csv|json] [-o FILE] [LEXICON...]\n"
    "       padan lexicon stats [--format=text|tsv|json] [LEXICON...]\n"
    "\n"
    "The bilingual Indonesian-English lexicon: concepts with terms per language,\n"
    "each term preferred, admitted or deprecated.\n"
    "\n"
    "lookup    English equivalents of Indonesian terms (--from=en: the reverse). TERM '-'\n"
    "          reads terms from standard input, one a line, as they come (memory does\n"
    "          not grow with the number of terms); a line over 64 KiB is not a term:\n"
    "          it is skipped with a warning naming its line and counts as not found.\n"
    "          Matches, tried in order:\n"
    "          exact, case (case-insensitive), lemma (reduplication, clitics, hyphens),\n"
    "          fuzzy:N (N edits, only when nothing else matched). FreeDict results come\n"
    "          after curated ones, marked by their source. TSV and CSV columns:\n"
    "          #id_term en_term match status concept source query\n"
    "          (status: of the equivalent; match 'none' for a term not found).\n"
    "import    converts IN to OUT (format by --format, else OUT's extension: .tsv,\n"
    "          .csv, .tbx, .txt/.utf8 (omegat), .json; else tsv).\n"
    "export    writes lexicons (default: dicts/lexicon.tsv and --lexicon files).\n"
    "lint      reports one term under several concepts, concepts without a preferred\n"
    "          term in a language, a form deprecated in one concept and preferred in\n"
    "          another, stray whitespace, duplicates and case duplicates, domain\n"
    "          conflicts, terms in a language other than id and en (a TBX may have\n"
    "          them; a TSV row must be id or en). Without a file: the curated lexicon.\n"
    "          TSV and CSV columns: #file line kind concept lang term message\n"
    "stats     concepts, terms, languages, statuses.\n"
    "\n"
    "Formats of import and export (--format for output, --from-format for input;\n"
    "input is recognized by extension and content when not given; lookup and lint\n"
    "write their rows as text, tsv, csv or json):\n"
    "  tsv      native: concept TAB lang TAB term [TAB status TAB pos TAB note TAB domain],\n"
    "           '#' comments; status preferred|admitted|deprecated (empty = admitted)\n"
    "  csv      RFC 4180 pairs, header row: id_term,en_term,comment,concept,id_status,\n"
    "           en_status,id_pos,en_pos,id_note,en_note,domain. Each Indonesian term is\n"
    "           paired with the preferred English one, then each other English term with\n"
    "           the preferred Indonesian one. Read by header names (only id_term and\n"
    "           en_term are required; source/target are accepted too).\n"
    "  --no-header  CSV without the header row and only id_term,en_term,comment: the\n"
    "           form OmegaT reads (it takes a header for an entry); import reads its\n"
    "           input so, by position (also --from-format=csv-noheader).\n"
    "  tbx      TBX-Basic v3 (ISO 30042:2019, DCA style); reading also accepts v2\n"
    "  tbx2     TBX v2 <martif>, for OmegaT and older tools\n"
    "  omegat   OmegaT glossary: source TAB target TAB comment\n"
    "  json     (output only) an array of concepts with their terms\n"
    "  dictd    (input only) FreeDict dictd: FILE.index + FILE.dict.dz\n"
    "\n"
    "Options:\n"
    "  --lexicon=FILE         add a lexicon (repeatable; lookup, export, lint, stats)\n"
    "  --no-default-lexicon   do not load dicts/lexicon.tsv and FreeDict\n"
    "  --no-freedict          leave the FreeDict base dictionary out (lookup)\n"
    "  --swap                 import: header-less pairs (omegat, csv-noheader) have the\n"
    "                         English term first\n"
    "  --no-fuzzy             no fuzzy matching (lookup)\n"
    "  --max=N                at most N matched terms per query (lookup; default 20)\n"
    "  -o FILE                write to FILE atomically (an existing FILE is kept on error)\n"
    "\n"
    "Exit status: 0 done; 1 findings (lint) or a term not found or skipped (lookup);\n"
    "2 usage or input error (the message names FILE:LINE).\n";

typedef struct {
  const char *cmd;
  const char *out;
  int format;      /* cli FMT_* or 0 */
  const char *fmtname;
  const char *from_format;
  int no_header;
  int swap;
  int from_en;
  int no_fuzzy;
  size_t max;
  cli_lexopts lx;
  char **args;
  int nargs;
} opts;

/* --format / --from-format names to library formats; 0 unknown, -1 json. */
static int lexfmt(const char *name, int no_header) {
  if (strcmp(name, "tsv") == 0)
    return PADAN_LEXFMT_TSV;
  if (strcmp(name, "csv") == 0)
    return no_header ? PADAN_LEXFMT_CSV_NOHEADER : PADAN_LEXFMT_CSV;
  if (strcmp(name, "csv-noheader") == 0)
    return PADAN_LEXFMT_CSV_NOHEADER;
  if (strcmp(name, "tbx") == 0)
    return PADAN_LEXFMT_TBX;
  if (strcmp(name, "tbx2") == 0)
    return PADAN_LEXFMT_TBX2;
  if (strcmp(name, "omegat") == 0)
    return PADAN_LEXFMT_OMEGAT;
  if (strcmp(name, "dictd") == 0)
    return PADAN_LEXFMT_DICTD;
  if (strcmp(name, "json") == 0)
    return -1;
  return 0;
}

static void json_concepts(padan_lexicon *lex, FILE *fp) {
  fputs("[", fp);
  size_t nc = padan_lexicon_concept_count(lex);
  for (size_t c = 0; c < nc; c++) {
    padan_lexicon_concept ci;
    if (padan_lexicon_concept_get(lex, c, &ci))
      continue;
    fputs(c ? ",\n {\"concept\":" : "\n {\"concept\":", fp);
    cli_json_str(fp, ci.id, strlen(ci.id));
    fputs(",\"domain\":", fp);
    cli_json_str(fp, ci.domain, strlen(ci.domain));
    fputs(",\"source\":", fp);
    cli_json_str(fp, ci.source, strlen(ci.source));
    fputs(",\"terms\":[", fp);
    for (size_t k = 0; k < ci.nterms; k++) {
      padan_lexicon_term t;
      if (padan_lexicon_concept_term(lex, c, k, &t))
        continue;
      fputs(k ? ",{\"lang\":" : "{\"lang\":", fp);
      cli_json_str(fp, t.lang, strlen(t.lang));
      fputs(",\"term\":", fp);
      cli_json_str(fp, t.text, t.len);
      fprintf(fp, ",\"status\":\"%s\",\"pos\":", padan_lexicon_status_name(t.status));
      cli_json_str(fp, t.pos, strlen(t.pos));
      fputs(",\"note\":", fp);
      cli_json_str(fp, t.note, strlen(t.note));
      fputs("}", fp);
    }
    fputs("]}", fp);
  }
  fputs("\n]\n", fp);
}

/* Writes lex to o->out (or stdout) in the chosen format. */
static int write_lexicon(opts *o, padan_lexicon *lex, int fmt) {
  if (fmt == -1) {
    cli_out out;
    if (cli_out_open(o->cmd, &out, o->out))
      return EXIT_ERROR;
    json_concepts(lex, out.fp);
    return cli_out_close(o->cmd, &out, 1);
  }
  if (padan_lexicon_save(lex, o->out ? o->out : "-", fmt)) {
    cli_error(o->cmd, "%s", padan_lexicon_errmsg(lex));
    return EXIT_ERROR;
  }
  if (fmt == PADAN_LEXFMT_CSV || fmt == PADAN_LEXFMT_CSV_NOHEADER || fmt == PADAN_LEXFMT_OMEGAT) {
    /* pair formats have an Indonesian and an English column only: say what
       they could not hold rather than lose it quietly */
    size_t other = 0, nt = padan_lexicon_term_count(lex);
    for (size_t i = 0; i < nt; i++) {
      padan_lexicon_term t;
      if (padan_lexicon_term_get(lex, i, &t) == PADAN_OK && strcmp(t.lang, "id") != 0 &&
          strcmp(t.lang, "en") != 0)
        other++;
    }
    if (other)
      cli_warn(o->cmd, "%s: %zu term%s in languages other than id and en left out (the pair "
                       "format has no column for them; tsv, tbx and json keep them)",
               o->out ? o->out : "(standard output)", other, other == 1 ? "" : "s");
  }
  return EXIT_DONE;
}

static int ends_with_ci(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  if (n < m)
    return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[n - m + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != suf[i])
      return 0;
  }
  return 1;
}

/* The output format: --format, else the extension of -o (.tsv/.tab, .csv,
 * .tbx/.xml, .utf8/.txt for omegat, .json), else dflt. */
static int out_format(opts *o, int dflt) {
  int fmt = dflt;
  if (o->fmtname) {
    fmt = lexfmt(o->fmtname, o->no_header);
    if (!fmt || fmt == PADAN_LEXFMT_DICTD) {
      cli_error(o->cmd, "unknown output format '%s' (choose from: tsv, csv, tbx, tbx2, omegat, json)",
                o->fmtname);
      return 0;
    }
  } else if (o->out) {
    int f = padan_lexicon_format_from_name(o->out);
    if (f && f != PADAN_LEXFMT_DICTD)
      fmt = f;
    else if (ends_with_ci(o->out, ".json"))
      fmt = -1; /* json is written here, not by the library */
    if (fmt == PADAN_LEXFMT_CSV && o->no_header)
      fmt = PADAN_LEXFMT_CSV_NOHEADER;
  }
  if (fmt == PADAN_LEXFMT_CSV && o->no_header)
    fmt = PADAN_LEXFMT_CSV_NOHEADER;
  return fmt;
}

static int do_import(opts *o) {
  if (o->nargs != 1) {
    cli_error(o->cmd, "import takes one input file (see 'padan lexicon --help')");
    return EXIT_ERROR;
  }
  /* --no-header: the input is CSV without its header row (read by position) */
  int in = o->no_header ? PADAN_LEXFMT_CSV_NOHEADER : PADAN_LEXFMT_AUTO;
  if (o->from_format) {
    in = lexfmt(o->from_format, o->no_header);
    if (in <= 0) {
      cli_error(o->cmd, "unknown input format '%s' (choose from: tsv, csv, csv-noheader, tbx, "
                        "tbx2, omegat, dictd)", o->from_format);
      return EXIT_ERROR;
    }
    if (o->no_header && in != PADAN_LEXFMT_CSV_NOHEADER) {
      cli_error(o->cmd, "--no-header is for CSV, not --from-format=%s", o->from_format);
      return EXIT_ERROR;
    }
  }
  int fmt = out_format(o, PADAN_LEXFMT_TSV);
  if (!fmt)
    return EXIT_ERROR;
  padan_lexicon *lex = padan_lexicon_new();
  if (!lex)
    return EXIT_ERROR;
  int st = EXIT_DONE;
  if (padan_lexicon_load_flags(lex, o->args[0], in, o->swap ? PADAN_LEXICON_SWAP : 0)) {
    cli_error(o->cmd, "%s", padan_lexicon_errmsg(lex));
    st = EXIT_ERROR;
  } else {
    st = write_lexicon(o, lex, fmt);
  }
  padan_lexicon_free(lex);
  return st;
}

static int open_set(opts *o, padan_lexicon **lex, int with_base) {
  /* files given as arguments replace the default set */
  cli_lexopts lx = o->lx;
  const char **files = NULL;
  if (o->nargs) {
    files = malloc(((size_t)o->nargs + lx.nfiles) * sizeof *files);
    if (!files)
      return EXIT_ERROR;
    for (int i = 0; i < o->nargs; i++)
      files[i] = o->args[i];
    for (size_t i = 0; i < lx.nfiles; i++)
      files[o->nargs + (int)i] = lx.files[i];
    lx.files = files;
    lx.nfiles += (size_t)o->nargs;
    lx.no_default = 1;
  }
  if (!with_base)
    lx.no_base = 1;
  int st = cli_lexicon_open(o->cmd, &lx, lex);
  free(files);
  return st;
}

static int do_export(opts *o) {
  int fmt = out_format(o, PADAN_LEXFMT_TSV);
  if (!fmt)
    return EXIT_ERROR;
  padan_lexicon *lex;
  if (open_set(o, &lex, 0))
    return EXIT_ERROR;
  int st = write_lexicon(o, lex, fmt);
  padan_lexicon_free(lex);
  return st;
}

typedef struct {
  FILE *fp;
  int fmt;
  size_t n;
} lintctx;

static void on_finding(const padan_lexicon_finding *f, void *ud) {
  lintctx *L = ud;
  FILE *fp = L->fp;
  if (L->fmt == FMT_TSV || L->fmt == FMT_CSV) {
    cli_row r = cli_row_start(fp, L->fmt == FMT_CSV);
    cli_row_str(&r, f->source, strlen(f->source));
    cli_row_fmt(&r, "%zu", f->line);
    cli_row_str(&r, f->kind, strlen(f->kind));
    cli_row_str(&r, f->concept, strlen(f->concept));
    cli_row_str(&r, f->lang, strlen(f->lang));
    cli_row_str(&r, f->term, strlen(f->term));
    cli_row_str(&r, f->message, strlen(f->message));
    cli_row_end(&r);
  } else if (L->fmt == FMT_JSON) {
    fputs(L->n ? ",\n {\"file\":" : "\n {\"file\":", fp);
    cli_json_str(fp, f->source, strlen(f->source));
    fprintf(fp, ",\"line\":%zu,\"kind\":\"%s\",\"concept\":", f->line, f->kind);
    cli_json_str(fp, f->concept, strlen(f->concept));
    fputs(",\"lang\":", fp);
    cli_json_str(fp, f->lang, strlen(f->lang));
    fputs(",\"term\":", fp);
    cli_json_str(fp, f->term, strlen(f->term));
    fputs(",\"message\":", fp);
    cli_json_str(fp, f->message, strlen(f->message));
    fputs("}", fp);
  } else {
    fprintf(fp, "%s:%zu: %s: %s\n", f->source, f->line, f->kind, f->message);
  }
  L->n++;
}

static int do_lint(opts *o) {
  int fmt = FMT_TEXT;
  if (o->fmtname && !(fmt = cli_parse_format(o->cmd, o->fmtname, FMT_TEXT | FMT_TSV | FMT_CSV | FMT_JSON)))
    return EXIT_ERROR;
  padan_lexicon *lex;
  if (open_set(o, &lex, 0))
    return EXIT_ERROR;
  cli_out out;
  if (cli_out_open(o->cmd, &out, o->out)) {
    padan_lexicon_free(lex);
    return EXIT_ERROR;
  }
  lintctx L = {out.fp, fmt, 0};
  if (fmt == FMT_TSV || fmt == FMT_CSV) {
    cli_row r = cli_row_start(out.fp, fmt == FMT_CSV);
    cli_row_header(&r, "file\tline\tkind\tconcept\tlang\tterm\tmessage");
  }
  if (fmt == FMT_JSON)
    fputs("[", out.fp);
  size_t count = 0;
  int rc = padan_lexicon_lint(lex, on_finding, &L, &count);
  if (fmt == FMT_JSON)
    fputs(L.n ? "\n]\n" : "]\n", out.fp);
  if (rc)
    cli_error(o->cmd, "%s", padan_lexicon_errmsg(lex));
  padan_lexicon_free(lex);
  if (cli_out_close(o->cmd, &out, rc == PADAN_OK))
    return EXIT_ERROR;
  return count ? EXIT_FINDINGS : EXIT_DONE;
}

static int do_stats(opts *o) {
  int fmt = FMT_TEXT;
  if (o->fmtname && !(fmt = cli_parse_format(o->cmd, o->fmtname, FMT_TEXT | FMT_TSV | FMT_JSON)))
    return EXIT_ERROR;
  padan_lexicon *lex;
  if (open_set(o, &lex, 0))
    return EXIT_ERROR;
  size_t nt = padan_lexicon_term_count(lex), nc = padan_lexicon_concept_count(lex);
  size_t st[4] = {0}, lid = 0, len_ = 0, other = 0, pref_id = 0, pref_en = 0;
  for (size_t t = 0; t < nt; t++) {
    padan_lexicon_term tm;
    padan_lexicon_term_get(lex, t, &tm);
    st[tm.status & 3]++;
    if (strcmp(tm.lang, "id") == 0)
      lid++, pref_id += tm.status == PADAN_TERM_PREFERRED;
    else if (strcmp(tm.lang, "en") == 0)
      len_++, pref_en += tm.status == PADAN_TERM_PREFERRED;
    else
      other++;
  }
  cli_out out;
  if (cli_out_open(o->cmd, &out, o->out)) {
    padan_lexicon_free(lex);
    return EXIT_ERROR;
  }
  struct {
    const char *k;
    size_t v;
  } rows[] = {{"concepts", nc},          {"terms", nt},
              {"id_terms", lid},         {"en_terms", len_},
              {"other_terms", other},    {"preferred", st[PADAN_TERM_PREFERRED]},
              {"admitted", st[PADAN_TERM_ADMITTED]}, {"deprecated", st[PADAN_TERM_DEPRECATED]}};
  size_t nrows = sizeof rows / sizeof rows[0];
  if (fmt == FMT_JSON) {
    fputs("{", out.fp);
    for (size_t i = 0; i < nrows; i++)
      fprintf(out.fp, "%s\"%s\":%zu", i ? "," : "", rows[i].k, rows[i].v);
    fputs("}\n", out.fp);
  } else {
    if (fmt == FMT_TSV)
      fputs("#key\tvalue\n", out.fp);
    for (size_t i = 0; i < nrows; i++)
      fprintf(out.fp, fmt == FMT_TSV ? "%s\t%zu\n" : "%-12s %zu\n", rows[i].k, rows[i].v);
  }
  padan_lexicon_free(lex);
  return cli_out_close(o->cmd, &out, 1);
}

/* ------------------------------------------------------------ lookup */

typedef struct {
  FILE *fp;
  int fmt;
  size_t nq;
} lookctx;

static void basename_of(const char *p, const char **b) {
  const char *s = strrchr(p, '/');
  *b = s ? s + 1 : p;
}

static int lookup_one(opts *o, padan_lexicon *lex, lookctx *L, const char *q, size_t qlen,
                      padan_lexicon_hit *hits) {
  const char *from = o->from_en ? "en" : "id", *to = o->from_en ? "id" : "en";
  size_t nh = 0;
  unsigned flags = o->no_fuzzy ? (PADAN_LOOKUP_ALL & ~PADAN_LOOKUP_FUZZY) : PADAN_LOOKUP_ALL;
  if (padan_lexicon_lookup(lex, from, q, qlen, flags, hits, o->max, &nh)) {
    cli_error(o->cmd, "%s", padan_lexicon_errmsg(lex));
    return -1;
  }
  if (nh > o->max)
    nh = o->max;
  FILE *fp = L->fp;
  if (L->fmt == FMT_JSON) {
    fputs(L->nq ? ",\n {\"query\":" : "\n {\"query\":", fp);
    cli_json_str(fp, q, qlen);
    fputs(",\"matches\":[", fp);
  }
  if (L->fmt == FMT_TEXT) {
    fwrite(q, 1, qlen, fp);
    fputs(nh ? ":\n" : ": not found\n", fp);
  }
  if (!nh && (L->fmt == FMT_TSV || L->fmt == FMT_CSV)) {
    /* not found: the query in its language's column, match none */
    cli_row r = cli_row_start(fp, L->fmt == FMT_CSV);
    cli_row_str(&r, q, o->from_en ? 0 : qlen);
    cli_row_str(&r, q, o->from_en ? qlen : 0);
    cli_row_str(&r, "none", 4);
    for (int k = 0; k < 3; k++) /* status, concept, source */
      cli_row_str(&r, "", 0);
    cli_row_str(&r, q, qlen);
    cli_row_end(&r);
  }
  size_t rows = 0;
  for (size_t h = 0; h < nh; h++) {
    padan_lexicon_term mt;
    padan_lexicon_concept ci;
    if (padan_lexicon_term_get(lex, hits[h].term, &mt) ||
        padan_lexicon_concept_get(lex, hits[h].concept, &ci))
      continue;
    char match[32];
    if (hits[h].match == PADAN_MATCH_FUZZY)
      snprintf(match, sizeof match, "fuzzy:%d", hits[h].distance);
    else
      snprintf(match, sizeof match, "%s", padan_lexicon_match_name(hits[h].match));
    const char *src;
    basename_of(ci.source, &src);
    int any = 0;
    for (size_t k = 0; k <= ci.nterms; k++) {
      padan_lexicon_term et;
      if (k < ci.nterms) {
        if (padan_lexicon_concept_term(lex, hits[h].concept, k, &et) || strcmp(et.lang, to) != 0)
          continue;
      } else if (any) {
        break;
      } else {
        /* no equivalent in the other language: still show the match */
        memset(&et, 0, sizeof et);
        et.text = "", et.len = 0, et.status = 0;
      }
      any = 1;
      const padan_lexicon_term *it = o->from_en ? &et : &mt, *en = o->from_en ? &mt : &et;
      const char *status = et.status ? padan_lexicon_status_name(et.status) : "";
      if (L->fmt == FMT_TSV || L->fmt == FMT_CSV) {
        cli_row r = cli_row_start(fp, L->fmt == FMT_CSV);
        cli_row_str(&r, it->text, it->len);
        cli_row_str(&r, en->text, en->len);
        cli_row_str(&r, match, strlen(match));
        cli_row_str(&r, status, strlen(status));
        cli_row_str(&r, ci.id, strlen(ci.id));
        cli_row_str(&r, src, strlen(src));
        cli_row_str(&r, q, qlen);
        cli_row_end(&r);
      } else if (L->fmt == FMT_JSON) {
        fputs(rows ? ",{\"id_term\":" : "{\"id_term\":", fp);
        cli_json_str(fp, it->text, it->len);
        fputs(",\"en_term\":", fp);
        cli_json_str(fp, en->text, en->len);
        fprintf(fp, ",\"match\":\"%s\",\"distance\":%d,\"status\":\"%s\",\"concept\":",
                padan_lexicon_match_name(hits[h].match), hits[h].distance, status);
        cli_json_str(fp, ci.id, strlen(ci.id));
        fputs(",\"source\":", fp);
        cli_json_str(fp, src, strlen(src));
        fprintf(fp, ",\"base\":%s}", ci.base ? "true" : "false");
      } else {
        fputs("  ", fp);
        fwrite(et.text, 1, et.len, fp);
        if (et.len)
          fprintf(fp, " (%s)", status);
        fprintf(fp, "  [%s: %.*s, %s%s%s]\n", match, (int)mt.len, mt.text, ci.id,
                ci.base ? ", " : "", ci.base ? src : "");
      }
      rows++;
    }
  }
  if (L->fmt == FMT_JSON)
    fputs("]}", fp);
  L->nq++;
  return nh ? 1 : 0;
}

/* A query is a term: a line of standard input longer than this (its trailing
 * CR and spaces not counted) is reported and skipped, never held whole. */
#define LOOKUP_MAX_QUERY ((size_t)64 << 10)

/* The line of standard input being put together from pieces. */
typedef struct {
  pd_buf buf;    /* its first LOOKUP_MAX_QUERY bytes */
  size_t lineno; /* its 1-based number */
  int over;      /* a byte other than CR or space past LOOKUP_MAX_QUERY */
} qline;

/* Adds s[0..n), the next part of the current line: past the cap bytes are only
 * looked at (trailing CR and spaces may still be cut there), never kept. */
static int qline_add(opts *o, qline *q, const char *s, size_t n) {
  if (q->over)
    return 0;
  size_t keep = q->buf.len < LOOKUP_MAX_QUERY ? LOOKUP_MAX_QUERY - q->buf.len : 0;
  if (keep > n)
    keep = n;
  for (size_t i = keep; i < n; i++)
    if (s[i] != '\r' && s[i] != ' ') {
      q->over = 1;
      pd_buf_clear(&q->buf);
      return 0;
    }
  if (pd_buf_append(&q->buf, s, keep)) {
    cli_error(o->cmd, "(standard input): out of memory");
    return -1;
  }
  return 0;
}

/* One line of standard input (trailing CR and spaces cut, blank lines
 * skipped); over: it was longer than the cap (then q holds none of it). A
 * skipped query counts as one not found. */
static int lookup_line(opts *o, padan_lexicon *lex, lookctx *L, const char *q, size_t n,
                       int over, size_t lineno, padan_lexicon_hit *hits, int *missing) {
  while (n && (q[n - 1] == '\r' || q[n - 1] == ' '))
    n--;
  if (over || n > LOOKUP_MAX_QUERY) {
    cli_warn(o->cmd, "(standard input):%zu: query longer than %zu bytes, skipped", lineno,
             LOOKUP_MAX_QUERY);
    ++*missing;
    return 0;
  }
  if (!n)
    return 0;
  int r = lookup_one(o, lex, L, q, n, hits);
  *missing += r == 0;
  return r < 0 ? -1 : 0;
}

/* Terms from standard input, one a line, streamed: a line is held up to the
 * cap, the input never. */
static int lookup_stdin(opts *o, padan_lexicon *lex, lookctx *L, padan_lexicon_hit *hits,
                        int *missing) {
  cli_stream *st;
  if (cli_stream_open(o->cmd, "-", NULL, &st))
    return -1;
  pd_buf piece;
  qline q = {.lineno = 1}; /* a line longer than the rest of a piece */
  pd_buf_init(&piece);
  pd_buf_init(&q.buf);
  int eof = 0, err = 0, open = 0; /* open: q has a line started */
  while (!err && !eof) {
    pd_buf_clear(&piece);
    if (cli_stream_read(st, &piece, &eof)) {
      err = 1;
      break;
    }
    for (size_t i = 0; i < piece.len && !err;) {
      const char *nl = memchr(piece.p + i, '\n', piece.len - i);
      size_t n = nl ? (size_t)(nl - (piece.p + i)) : piece.len - i;
      if (!nl || open) {
        open = 1;
        err = qline_add(o, &q, piece.p + i, n) < 0;
        if (nl && !err) {
          err = lookup_line(o, lex, L, q.buf.p, q.buf.len, q.over, q.lineno, hits, missing) < 0;
          pd_buf_clear(&q.buf);
          q.over = open = 0;
        }
      } else {
        err = lookup_line(o, lex, L, piece.p + i, n, 0, q.lineno, hits, missing) < 0;
      }
      q.lineno += nl != NULL;
      i += n + 1;
    }
  }
  if (!err && open)
    err = lookup_line(o, lex, L, q.buf.p, q.buf.len, q.over, q.lineno, hits, missing) < 0;
  pd_buf_free(&piece);
  pd_buf_free(&q.buf);
  cli_stream_close(st);
  return err ? -1 : 0;
}

static int do_lookup(opts *o) {
  int fmt = FMT_TSV;
  if (o->fmtname && !(fmt = cli_parse_format(o->cmd, o->fmtname, FMT_TEXT | FMT_TSV | FMT_CSV | FMT_JSON)))
    return EXIT_ERROR;
  if (!o->nargs) {
    cli_error(o->cmd, "lookup needs a TERM (or '-' to read terms from standard input)");
    return EXIT_ERROR;
  }
  padan_lexicon *lex;
  if (cli_lexicon_open(o->cmd, &o->lx, &lex))
    return EXIT_ERROR;
  padan_lexicon_hit *hits = calloc(o->max ? o->max : 1, sizeof *hits);
  cli_out out;
  if (!hits || cli_out_open(o->cmd, &out, o->out)) {
    free(hits);
    padan_lexicon_free(lex);
    return EXIT_ERROR;
  }
  lookctx L = {out.fp, fmt, 0};
  if (fmt == FMT_TSV || fmt == FMT_CSV) {
    cli_row r = cli_row_start(out.fp, fmt == FMT_CSV);
    cli_row_header(&r, "id_term\ten_term\tmatch\tstatus\tconcept\tsource\tquery");
  }
  if (fmt == FMT_JSON)
    fputs("[", out.fp);
  int missing = 0, err = 0;
  for (int a = 0; a < o->nargs && !err; a++) {
    if (strcmp(o->args[a], "-") == 0) {
      int r = lookup_stdin(o, lex, &L, hits, &missing);
      if (r < 0)
        err = 1;
    } else {
      int r = lookup_one(o, lex, &L, o->args[a], strlen(o->args[a]), hits);
      if (r < 0)
        err = 1;
      missing += r == 0;
    }
  }
  if (fmt == FMT_JSON)
    fputs(L.nq ? "\n]\n" : "]\n", out.fp);
  free(hits);
  padan_lexicon_free(lex);
  if (cli_out_close(o->cmd, &out, !err) || err)
    return EXIT_ERROR;
  return missing ? EXIT_FINDINGS : EXIT_DONE;
}

int cmd_lexicon(int argc, char **argv) {
  cli_join_values(&argc, argv);
  opts o;
  memset(&o, 0, sizeof o);
  o.cmd = "lexicon";
  o.max = 20;
  cli_lexopts_init(&o.lx);
  const char *sub = NULL;
  o.args = calloc((size_t)argc + 1, sizeof *o.args);
  int st = EXIT_ERROR, no_base = 0;
  if (!o.args)
    return EXIT_ERROR;
  int dashdash = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    int r;
    if (dashdash || a[0] != '-' || strcmp(a, "-") == 0) {
      if (!sub)
        sub = a;
      else
        o.args[o.nargs++] = a;
      continue;
    }
    if (strcmp(a, "--") == 0) {
      dashdash = 1;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage_text, stdout);
      st = EXIT_DONE;
      goto out;
    } else if ((r = cli_lexopts_arg(o.cmd, &o.lx, argc, argv, &i)) != 0) {
      if (r < 0)
        goto out;
    } else if (strncmp(a, "--format=", 9) == 0) {
      o.fmtname = a + 9;
    } else if (strncmp(a, "--from-format=", 14) == 0) {
      o.from_format = a + 14;
    } else if (strcmp(a, "--no-header") == 0) {
      o.no_header = 1;
    } else if (strcmp(a, "--swap") == 0) {
      o.swap = 1;
    } else if (strcmp(a, "--no-fuzzy") == 0) {
      o.no_fuzzy = 1;
    } else if (strcmp(a, "--no-freedict") == 0) {
      no_base = 1;
    } else if (strncmp(a, "--from=", 7) == 0) {
      if (strcmp(a + 7, "en") == 0)
        o.from_en = 1;
      else if (strcmp(a + 7, "id") != 0) {
        cli_error(o.cmd, "--from must be id or en, not '%s'", a + 7);
        goto out;
      }
    } else if (strncmp(a, "--max=", 6) == 0) {
      unsigned long v;
      if (cli_number(o.cmd, "--max", a + 6, 1, 100000, &v))
        goto out;
      o.max = (size_t)v;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      /* accepted for the contract; lexicon files are UTF-8 */
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--format") == 0) {
      if (i + 1 >= argc) {
        cli_error(o.cmd, "%s needs a value", a);
        goto out;
      }
      if (a[2] == 'f')
        o.fmtname = argv[++i];
      else
        o.out = argv[++i];
    } else if (strncmp(a, "--output=", 9) == 0) {
      o.out = a + 9;
    } else {
      cli_error(o.cmd, "unknown option '%s'\nRun 'padan lexicon --help' for usage.", a);
      goto out;
    }
  }
  o.lx.no_base = no_base;
  if (!sub) {
    cli_error(o.cmd, "which subcommand? lookup, import, export, lint or stats "
                     "(see 'padan lexicon --help')");
  } else if (strcmp(sub, "lookup") == 0) {
    st = do_lookup(&o);
  } else if (strcmp(sub, "import") == 0) {
    st = do_import(&o);
  } else if (strcmp(sub, "export") == 0) {
    st = do_export(&o);
  } else if (strcmp(sub, "lint") == 0) {
    st = do_lint(&o);
  } else if (strcmp(sub, "stats") == 0) {
    st = do_stats(&o);
  } else {
    cli_error(o.cmd, "unknown subcommand '%s' (lookup, import, export, lint, stats)", sub);
  }
out:
  cli_lexopts_free(&o.lx);
  free(o.args);
  return st;
}
