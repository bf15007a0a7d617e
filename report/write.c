/* Glossary writers: TSV, CSV, JSON, Markdown, HTML; TBX, TBX v2 and OmegaT
 * through the lexicon writers. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "report/gloss_int.h"
#include "lexicon/lexicon_int.h"

static void json_str(FILE *fp, const char *s) { pd_json_str(fp, s, strlen(s)); }

/* A control character other than TAB, LF and CR (C0 or DEL) may not stand in
 * HTML, not even as a character reference: it is written as U+FFFD. */
static int html_bad_control(char c) {
  return ((unsigned char)c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

void padan_glossary_html_escape(FILE *fp, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (html_bad_control(s[i])) {
      fputs("\xEF\xBF\xBD", fp);
      continue;
    }
    switch (s[i]) {
    case '&': fputs("&amp;", fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '"': fputs("&quot;", fp); break;
    case '\'': fputs("&#39;", fp); break;
    default: fputc(s[i], fp);
    }
  }
}

static void html(FILE *fp, const char *s) { padan_glossary_html_escape(fp, s, strlen(s)); }

/* A "|"-separated list as "a, b, c". */
static void html_list(FILE *fp, const char *s) {
  while (*s) {
    const char *e = strchr(s, '|');
    size_t l = e ? (size_t)(e - s) : strlen(s);
    padan_glossary_html_escape(fp, s, l);
    s += l;
    if (*s == '|') {
      fputs(", ", fp);
      s++;
    }
  }
}

/* Markdown table cell: pipes and newlines escaped, HTML special characters too. */
static void md_field(FILE *fp, const char *s) {
  for (; *s; s++) {
    if (html_bad_control(*s)) {
      fputs("\xEF\xBF\xBD", fp);
      continue;
    }
    switch (*s) {
    case '|': fputs("\\|", fp); break;
    case '\n': fputc(' ', fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '&': fputs("&amp;", fp); break;
    case '*': case '_': case '`': case '[': case ']': case '\\':
      fputc('\\', fp), fputc(*s, fp);
      break;
    default: fputc(*s, fp);
    }
  }
}

static const char *columns[] = {"id_term", "en_term", "match", "freq", "score", "status",
                                "alternatives", "admitted", "concept", "domain", "confidence",
                                "source", "note", "example"};
#define NCOLS (sizeof columns / sizeof columns[0])

static void num(char *buf, size_t cap, double v) {
  snprintf(buf, cap, "%.4g", v);
}

/* The text of column k of r (numbers formatted into buf). */
static const char *col(const padan_glossary_row *r, size_t k, char *buf, size_t cap) {
  switch (k) {
  case 0: return r->id_term;
  case 1: return r->en_term;
  case 2: return padan_glossary_match_name(r->match);
  case 3: snprintf(buf, cap, "%lu", r->freq); return buf;
  case 4: num(buf, cap, r->score); return buf;
  case 5: return r->status;
  case 6: return r->alternatives;
  case 7: return r->admitted;
  case 8: return r->concept;
  case 9: return r->domain;
  case 10: snprintf(buf, cap, "%.2f", r->confidence); return buf;
  case 11: return r->source;
  case 12: return r->note;
  default: return r->example;
  }
}

static void counts(const padan_glossary_row *rows, size_t n, size_t c[6]) {
  memset(c, 0, 6 * sizeof c[0]);
  for (size_t i = 0; i < n; i++)
    if (rows[i].match >= 0 && rows[i].match <= PADAN_GLOSS_LEARNED)
      c[rows[i].match]++;
}

static void write_delim(FILE *fp, const padan_glossary_row *rows, size_t n, int csv) {
  char buf[64];
  if (!csv)
    fputc('#', fp);
  for (size_t k = 0; k < NCOLS; k++)
    fprintf(fp, "%s%s", k ? (csv ? "," : "\t") : "", columns[k]);
  fputc('\n', fp);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < NCOLS; k++) {
      if (k)
        fputc(csv ? ',' : '\t', fp);
      const char *v = col(&rows[i], k, buf, sizeof buf);
      if (csv)
        pd_csv_field(fp, v, strlen(v));
      else
        pd_tsv_field(fp, v, strlen(v));
    }
    fputc('\n', fp);
  }
}

static void write_json(FILE *fp, const padan_glossary_row *rows, size_t n) {
  char buf[64];
  fputs("{\"rows\":[", fp);
  for (size_t i = 0; i < n; i++) {
    const padan_glossary_row *r = &rows[i];
    fputs(i ? ",\n{" : "\n{", fp);
    for (size_t k = 0; k < NCOLS; k++) {
      if (k)
        fputc(',', fp);
      json_str(fp, columns[k]);
      fputc(':', fp);
      if (k == 3 || k == 4 || k == 10)
        fputs(col(r, k, buf, sizeof buf), fp);
      else if (k == 6 || k == 7) { /* lists */
        const char *s = col(r, k, buf, sizeof buf);
        fputc('[', fp);
        while (*s) {
          const char *e = strchr(s, '|');
          size_t l = e ? (size_t)(e - s) : strlen(s);
          char *tmp = malloc(l + 1);
          if (tmp) {
            memcpy(tmp, s, l);
            tmp[l] = 0;
            json_str(fp, tmp);
            free(tmp);
          }
          s += l;
          if (*s == '|') {
            s++;
            fputc(',', fp);
          }
        }
        fputc(']', fp);
      } else
        json_str(fp, col(r, k, buf, sizeof buf));
    }
    fprintf(fp, ",\"name\":%s,\"mark\":[%zu,%zu]}", r->name ? "true" : "false", r->mark_start,
            r->mark_len);
  }
  size_t c[6];
  counts(rows, n, c);
  fputs("\n],\"counts\":{", fp);
  for (int m = 0; m <= PADAN_GLOSS_LEARNED; m++)
    fprintf(fp, "%s\"%s\":%zu", m ? "," : "", padan_glossary_match_name(m), c[m]);
  fputs("}}\n", fp);
}

static void write_md(FILE *fp, const padan_glossary_row *rows, size_t n) {
  char buf[64];
  fputs("| Indonesian | English | match | freq | score | status | alternatives | example |\n"
        "|---|---|---|---:|---:|---|---|---|\n",
        fp);
  for (size_t i = 0; i < n; i++) {
    const padan_glossary_row *r = &rows[i];
    fputs("| ", fp);
    md_field(fp, r->id_term);
    fputs(" | ", fp);
    md_field(fp, r->en_term);
    fprintf(fp, " | %s | %lu | %s | ", padan_glossary_match_name(r->match), r->freq,
            col(r, 4, buf, sizeof buf));
    md_field(fp, r->status);
    fputs(" | ", fp);
    md_field(fp, r->alternatives);
    fputs(" | ", fp);
    md_field(fp, r->example);
    fputs(" |\n", fp);
  }
}

/* A field on one line (pd_text_put), '|' lists as ", ". */
static void text_field(FILE *fp, const char *s) {
  for (;;) {
    size_t n = strcspn(s, "|");
    pd_text_put(fp, s, n);
    if (!s[n])
      break;
    fputs(", ", fp);
    s += n + 1;
  }
}

static void write_text(FILE *fp, const padan_glossary_row *rows, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const padan_glossary_row *r = &rows[i];
    text_field(fp, r->id_term);
    fputs(" -> ", fp);
    if (r->en_term[0])
      text_field(fp, r->en_term);
    else
      fputs("?", fp);
    fprintf(fp, " (%s", r->match == PADAN_GLOSS_NONE ? "no English found"
                                                      : padan_glossary_match_name(r->match));
    if (r->status[0])
      fprintf(fp, ", %s", r->status);
    if (r->match != PADAN_GLOSS_NONE && r->confidence < 1)
      fprintf(fp, ", confidence %.2f", r->confidence);
    fprintf(fp, "; %lu time%s)\n", r->freq, r->freq == 1 ? "" : "s");
    const char *also = r->admitted[0] ? r->admitted : r->alternatives;
    if (also[0]) {
      fputs("   also: ", fp);
      text_field(fp, also);
      putc('\n', fp);
    }
    if (r->note[0]) {
      fputs("   note: ", fp);
      text_field(fp, r->note);
      putc('\n', fp);
    }
    if (r->example[0]) {
      fputs("   e.g.: ", fp);
      text_field(fp, r->example);
      putc('\n', fp);
    }
  }
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>Glossary (padan)</title>\n<style>\n"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;margin:1.5em 2em;"
    "color:#1d232a;background:#fafbfc}\n"
    "h1{font-size:1.5em;margin:0 0 .2em}\n"
    ".meta{color:#59636e;margin:0 0 1em}\n"
    ".meta span{display:inline-block;margin-right:.8em}\n"
    "#q{font:inherit;padding:.35em .6em;width:22em;border:1px solid #c8d1da;border-radius:4px;"
    "margin-bottom:.8em}\n"
    "table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 3px #0002}\n"
    "th,td{padding:.45em .7em;border-bottom:1px solid #e3e8ee;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#24364b;color:#fff;cursor:pointer;user-select:none;white-space:nowrap;"
    "position:sticky;top:0}\n"
    "th:after{content:\" \\2195\";opacity:.4}\n"
    "th[aria-sort=ascending]:after{content:\" \\2191\";opacity:1}\n"
    "th[aria-sort=descending]:after{content:\" \\2193\";opacity:1}\n"
    "tbody tr:nth-child(even){background:#f5f7f9}\n"
    "tbody tr:hover{background:#eef4fb}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.id{font-weight:600}\n"
    ".alt,.note{display:block;color:#59636e;font-size:.85em}\n"
    ".note{color:#9a4a00}\n"
    ".m{display:inline-block;padding:.05em .5em;border-radius:1em;font-size:.82em;"
    "white-space:nowrap}\n"
    ".m-lexicon{background:#dcf3e3;color:#17612f}.m-lemma{background:#e2f0d4;color:#3f6212}\n"
    ".m-fuzzy{background:#fdf1c7;color:#7a5200}.m-compositional{background:#e1ebfb;"
    "color:#1f4b99}\n"
    ".m-learned{background:#efe3fa;color:#5b2a86}.m-none{background:#fbe1e1;color:#9b1c1c}\n"
    "mark{background:#ffe58a;padding:0 .1em;border-radius:2px}\n"
    "td.ex{color:#333;font-size:.92em}\n"
    "col.c-id{width:16%}col.c-en{width:21%}col.c-m{width:9%}col.c-f{width:6%}"
    "col.c-s{width:6%}col.c-ex{width:42%}\n"
    "</style>\n</head>\n<body>\n";

static const char html_script[] =
    "<script>\n"
    "(function(){\n"
    "var t=document.getElementById('g'),b=t.tBodies[0],hs=t.tHead.rows[0].cells;\n"
    "function key(r,i,num){var c=r.cells[i],v=c.getAttribute('data-v');"
    "if(v===null)v=c.textContent;return num?parseFloat(v)||0:v.toLowerCase();}\n"
    "function sortBy(i,dir){var num=hs[i].getAttribute('data-type')==='num';"
    "var rs=Array.prototype.slice.call(b.rows);"
    "rs.sort(function(x,y){var a=key(x,i,num),c=key(y,i,num);"
    "var r=num?a-c:a.localeCompare(c);if(r===0)r=x.getAttribute('data-i')-y.getAttribute('data-i');"
    "return dir==='descending'?-r:r;});"
    "for(var k=0;k<rs.length;k++)b.appendChild(rs[k]);"
    "for(var j=0;j<hs.length;j++)hs[j].removeAttribute('aria-sort');"
    "hs[i].setAttribute('aria-sort',dir);}\n"
    "for(var i=0;i<hs.length;i++)(function(i){hs[i].addEventListener('click',function(){"
    "var d=hs[i].getAttribute('aria-sort')==='ascending'?'descending':'ascending';"
    "sortBy(i,d);});})(i);\n"
    "var q=document.getElementById('q');q.addEventListener('input',function(){"
    "var s=q.value.toLowerCase();for(var k=0;k<b.rows.length;k++){var r=b.rows[k];"
    "r.style.display=r.textContent.toLowerCase().indexOf(s)<0?'none':'';}});\n"
    /* #sort=COLUMN or #sort=COLUMN-desc sorts on load (bookmarks, tests) */
    "var m=/sort=([a-z_]+)(-desc)?/.exec(location.hash);"
    "if(m)for(var k=0;k<hs.length;k++)if(hs[k].getAttribute('data-col')===m[1])"
    "sortBy(k,m[2]?'descending':'ascending');\n"
    "})();\n</script>\n";

static void write_html(FILE *fp, const padan_glossary_row *rows, size_t n) {
  size_t c[6];
  counts(rows, n, c);
  fputs(html_head, fp);
  fprintf(fp, "<h1>Glossary</h1>\n<p class=\"meta\"><span>%zu terms</span>", n);
  for (int m = 1; m <= PADAN_GLOSS_LEARNED + 1; m++) {
    int k = m % (PADAN_GLOSS_LEARNED + 1); /* none last */
    if (c[k])
      fprintf(fp, "<span class=\"m m-%s\">%s: %zu</span>", padan_glossary_match_name(k),
              padan_glossary_match_name(k), c[k]);
  }
  fputs("</p>\n<input id=\"q\" type=\"search\" placeholder=\"Filter terms\" "
        "aria-label=\"Filter terms\">\n"
        "<table id=\"g\">\n<colgroup><col class=\"c-id\"><col class=\"c-en\"><col class=\"c-m\">"
        "<col class=\"c-f\"><col class=\"c-s\"><col class=\"c-ex\"></colgroup>\n<thead><tr>"
        "<th data-col=\"id_term\">Indonesian</th><th data-col=\"en_term\">English</th>"
        "<th data-col=\"match\">Match</th>"
        "<th data-col=\"freq\" data-type=\"num\">Freq.</th>"
        "<th data-col=\"score\" data-type=\"num\">Score</th>"
        "<th data-col=\"example\">Example</th></tr></thead>\n<tbody>\n",
        fp);
  for (size_t i = 0; i < n; i++) {
    const padan_glossary_row *r = &rows[i];
    const char *mn = padan_glossary_match_name(r->match);
    fprintf(fp, "<tr data-i=\"%zu\"><td class=\"id\">", i);
    html(fp, r->id_term);
    fputs("</td><td class=\"en\">", fp);
    html(fp, r->en_term);
    if (*r->admitted) {
      fputs("<span class=\"alt\">also: ", fp);
      html_list(fp, r->admitted);
      fputs("</span>", fp);
    }
    if (*r->alternatives) {
      fputs("<span class=\"alt\">or: ", fp);
      html_list(fp, r->alternatives);
      fputs("</span>", fp);
    }
    if (*r->note) {
      fputs("<span class=\"note\">", fp);
      html(fp, r->note);
      fputs("</span>", fp);
    }
    fprintf(fp, "</td><td data-v=\"%s\"><span class=\"m m-%s\" title=\"", mn, mn);
    if (*r->concept) {
      fputs("concept ", fp);
      html(fp, r->concept);
      fputs(" ", fp);
    }
    html(fp, r->status);
    fprintf(fp, "\">%s</span></td><td class=\"n\">%lu</td><td class=\"n\" data-v=\"%.6g\">%.3g"
                "</td><td class=\"ex\">",
            mn, r->freq, r->score, r->score);
    size_t el = strlen(r->example);
    if (r->mark_len && r->mark_start + r->mark_len <= el) {
      padan_glossary_html_escape(fp, r->example, r->mark_start);
      fputs("<mark>", fp);
      padan_glossary_html_escape(fp, r->example + r->mark_start, r->mark_len);
      fputs("</mark>", fp);
      padan_glossary_html_escape(fp, r->example + r->mark_start + r->mark_len,
                                 el - r->mark_start - r->mark_len);
    } else {
      html(fp, r->example);
    }
    fputs("</td></tr>\n", fp);
  }
  fputs("</tbody>\n</table>\n", fp);
  fputs(html_script, fp);
  fputs("</body>\n</html>\n", fp);
}

int padan_glossary_to_lexicon(padan_glossary *g, padan_lexicon **out) {
  if (!g || !out)
    return PADAN_EARG;
  *out = NULL;
  const padan_glossary_row *rows;
  size_t n;
  int rc = padan_glossary_build(g, &rows, &n);
  if (rc)
    return rc;
  padan_lexicon *lex = padan_lexicon_new();
  if (!lex)
    return PADAN_ENOMEM;
  char id[32];
  for (size_t i = 0; i < n && rc == PADAN_OK; i++) {
    const padan_glossary_row *r = &rows[i];
    if (!*r->en_term)
      continue;
    snprintf(id, sizeof id, "g%zu", i + 1);
    const char *m = padan_glossary_match_name(r->match);
    rc = padan_lexicon_add(lex, "glossary", id, *r->domain ? r->domain : NULL, "id", r->id_term,
                           PADAN_TERM_PREFERRED, NULL, NULL);
    if (rc == PADAN_OK)
      rc = padan_lexicon_add(lex, "glossary", id, NULL, "en", r->en_term, PADAN_TERM_PREFERRED,
                             NULL, r->match == PADAN_GLOSS_LEXICON ? NULL : m);
    for (const char *s = r->admitted; rc == PADAN_OK && *s;) {
      const char *e = strchr(s, '|');
      size_t l = e ? (size_t)(e - s) : strlen(s);
      char buf[512];
      snprintf(buf, sizeof buf, "%.*s", (int)(l < sizeof buf - 1 ? l : sizeof buf - 1), s);
      if (strcmp(buf, r->en_term) != 0)
        rc = padan_lexicon_add(lex, "glossary", id, NULL, "en", buf, PADAN_TERM_ADMITTED, NULL,
                               NULL);
      s += l;
      if (*s == '|')
        s++;
    }
  }
  if (rc) {
    padan_lexicon_free(lex);
    return rc;
  }
  *out = lex;
  return PADAN_OK;
}

int padan_glossary_write(padan_glossary *g, FILE *fp, int format) {
  if (!g || !fp)
    return PADAN_EARG;
  const padan_glossary_row *rows;
  size_t n;
  int rc = padan_glossary_build(g, &rows, &n);
  if (rc)
    return rc;
  switch (format) {
  case PADAN_GLOSS_TSV: write_delim(fp, rows, n, 0); break;
  case PADAN_GLOSS_CSV: write_delim(fp, rows, n, 1); break;
  case PADAN_GLOSS_JSON: write_json(fp, rows, n); break;
  case PADAN_GLOSS_MD: write_md(fp, rows, n); break;
  case PADAN_GLOSS_HTML: write_html(fp, rows, n); break;
  case PADAN_GLOSS_TEXT: write_text(fp, rows, n); break;
  case PADAN_GLOSS_TBX:
  case PADAN_GLOSS_TBX2:
  case PADAN_GLOSS_OMEGAT: {
    padan_lexicon *lex;
    rc = padan_glossary_to_lexicon(g, &lex);
    if (rc)
      return rc;
    rc = pd_lex_index(lex);
    if (rc)
      ;
    else if (format == PADAN_GLOSS_OMEGAT)
      rc = pd_lex_write_omegat(lex, fp);
    else
      rc = pd_lex_write_tbx(lex, fp, format == PADAN_GLOSS_TBX2);
    padan_lexicon_free(lex);
    return rc;
  }
  default: return PADAN_EARG;
  }
  return ferror(fp) ? PADAN_EIO : PADAN_OK;
}
