/* lexicon/: TBX. Reads TBX v3 (tbx/text/body/conceptEntry/langSec/termSec)
 * and v2 (martif/text/body/termEntry/langSet/tig|ntig) with libxml2; writes
 * TBX-Basic v3 (DCA style) and TBX v2 (martif). */
#include "config.h"
#include "lexicon/lexicon_int.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/tree.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static char *lang_of(const xmlNode *n) {
  xmlChar *l = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
  if (!l)
    l = xmlGetProp(n, (const xmlChar *)"lang");
  return (char *)l;
}

/* Trimmed text content (caller frees with xmlFree via free_text). */
static char *text_of(const xmlNode *n, size_t *len) {
  char *s = (char *)xmlNodeGetContent(n);
  if (!s) {
    *len = 0;
    return NULL;
  }
  size_t a = 0, b = strlen(s);
  while (a < b && (s[a] == ' ' || s[a] == '\n' || s[a] == '\t' || s[a] == '\r'))
    a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\t' || s[b - 1] == '\r'))
    b--;
  memmove(s, s + a, b - a);
  s[b - a] = '\0';
  /* an inner line break of pretty-printed text, with the indentation around
   * it, becomes one space; runs of plain spaces are kept as written */
  size_t o = 0;
  for (size_t i = 0; s[i]; i++) {
    char c = s[i];
    if (c == '\n' || c == '\r') {
      while (o && (s[o - 1] == ' ' || s[o - 1] == '\t'))
        o--;
      while (s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\n' || s[i + 1] == '\r')
        i++;
      c = ' ';
    }
    s[o++] = c;
  }
  s[o] = '\0';
  *len = o;
  return s;
}

typedef struct {
  pd_lexload *ld;
  size_t auto_id;
} tbxread;

static const char *pos_from_tbx(const char *v) {
  if (strcmp(v, "adjective") == 0)
    return "adj";
  if (strcmp(v, "adverb") == 0)
    return "adv";
  if (strcmp(v, "other") == 0)
    return "";
  return v;
}

static int read_term(tbxread *R, uint32_t c, const char *lang, const xmlNode *ts) {
  padan_lexicon *lex = R->ld->lex;
  const xmlNode *termel = NULL;
  pd_buf note;
  pd_buf_init(&note);
  char *status = NULL, *pos = NULL, *ttype = NULL;
  int rc = PADAN_OK;
  size_t line = (size_t)xmlGetLineNo(ts);
  /* children of termSec/tig, and of ntig/termGrp */
  const xmlNode *levels[2] = {ts, NULL};
  for (const xmlNode *k = ts->children; k; k = k->next)
    if (is(k, "termGrp"))
      levels[1] = k;
  for (int lv = 0; lv < 2; lv++)
    for (const xmlNode *k = levels[lv] ? levels[lv]->children : NULL; k; k = k->next) {
      if (is(k, "term") && !termel)
        termel = k;
      else if (is(k, "termNote") || is(k, "termNoteGrp")) {
        const xmlNode *tn = k;
        if (is(k, "termNoteGrp"))
          for (tn = k->children; tn && !is(tn, "termNote"); tn = tn->next)
            ;
        if (!tn)
          continue;
        char *type = attr(tn, "type");
        size_t vl;
        char *v = text_of(tn, &vl);
        if (type && v && strcmp(type, "administrativeStatus") == 0 && !status)
          status = v, v = NULL;
        else if (type && v && strcmp(type, "partOfSpeech") == 0 && !pos)
          pos = v, v = NULL;
        else if (type && v && strcmp(type, "termType") == 0 && !ttype)
          ttype = v, v = NULL;
        xmlFree(type);
        xmlFree(v);
      } else if (is(k, "note") || (is(k, "descrip") && lv == 0)) {
        size_t vl;
        char *v = text_of(k, &vl);
        if (v && vl)
          pd_buf_printf(&note, "%s%s", note.len ? "; " : "", v);
        xmlFree(v);
      }
    }
  if (!termel) {
    rc = pd_lex_fail(lex, PADAN_EFORMAT, "%s:%zu: <%s> without <term>", R->ld->name, line,
                     (const char *)ts->name);
    goto out;
  }
  size_t tl;
  char *t = text_of(termel, &tl);
  if (!t || !tl) {
    xmlFree(t);
    rc = pd_lex_fail(lex, PADAN_EFORMAT, "%s:%ld: empty <term>", R->ld->name,
                     xmlGetLineNo(termel));
    goto out;
  }
  int st = PADAN_TERM_ADMITTED;
  if (status) {
    st = pd_lex_status_parse(status, strlen(status));
    if (!st) {
      rc = pd_lex_fail(lex, PADAN_EFORMAT, "%s:%zu: unknown administrativeStatus '%s'",
                       R->ld->name, line, status);
      xmlFree(t);
      goto out;
    }
  }
  const char *p = pos ? pos_from_tbx(pos) : "";
  if (ttype && (strcmp(ttype, "abbreviation") == 0 || strcmp(ttype, "acronym") == 0))
    p = "abbr";
  rc = pd_lexload_term(R->ld, c, lang, strlen(lang), t, tl, st, p, strlen(p),
                       note.p ? note.p : "", note.len, line, 0);
  xmlFree(t);
out:
  xmlFree(status), xmlFree(pos), xmlFree(ttype);
  pd_buf_free(&note);
  return rc;
}

static int hexval(int c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Reverses put_id in place when id has its form (the decoded form is shorter). */
static void unescape_id(char *id) {
  if (id[0] != '_')
    return;
  for (const char *p = id + 1; *p; p++)
    if (*p == '_' && (hexval((unsigned char)p[1]) < 0 || hexval((unsigned char)p[2]) < 0))
      return;
  size_t o = 0;
  for (const char *p = id + 1; *p; p++) {
    if (*p == '_') {
      id[o++] = (char)(hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]));
      p += 2;
    } else {
      id[o++] = *p;
    }
  }
  id[o] = '\0';
}

static int read_entry(tbxread *R, const xmlNode *e) {
  padan_lexicon *lex = R->ld->lex;
  size_t line = (size_t)xmlGetLineNo(e);
  char *id = attr(e, "id");
  char tmp[32];
  if (!id || !*id)
    snprintf(tmp, sizeof tmp, "tbx%zu", ++R->auto_id);
  if (id)
    unescape_id(id);
  const char *cid = id && *id ? id : tmp;
  uint32_t c;
  int rc = pd_lexload_concept(R->ld, cid, strlen(cid), line, &c);
  xmlFree(id);
  if (rc)
    return rc;
  for (const xmlNode *k = e->children; k && !rc; k = k->next) {
    const xmlNode *d = k;
    if (is(k, "descripGrp"))
      for (d = k->children; d && !is(d, "descrip"); d = d->next)
        ;
    if (is(d, "descrip")) {
      char *type = attr(d, "type");
      if (type && strcmp(type, "subjectField") == 0) {
        size_t vl;
        char *v = text_of(d, &vl);
        if (v)
          rc = pd_lexload_domain(R->ld, c, v, vl, (size_t)xmlGetLineNo(d));
        xmlFree(v);
      }
      xmlFree(type);
    } else if (is(k, "langSec") || is(k, "langSet")) {
      char *lang = lang_of(k);
      if (!lang || !*lang) {
        xmlFree(lang);
        return pd_lex_fail(lex, PADAN_EFORMAT, "%s:%ld: <%s> without xml:lang", R->ld->name,
                           xmlGetLineNo(k), (const char *)k->name);
      }
      for (const xmlNode *t = k->children; t && !rc; t = t->next)
        if (is(t, "termSec") || is(t, "tig") || is(t, "ntig"))
          rc = read_term(R, c, lang, t);
      xmlFree(lang);
    }
  }
  return rc;
}

typedef struct {
  int line;
  char msg[512];
} first_err;

/* Keeps the first error: later ones are usually consequences of it. */
#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ud, const xmlError *e) {
#else
static void on_xml_error(void *ud, xmlError *e) {
#endif
  first_err *fe = ud;
  if (fe->line || !e || e->level < XML_ERR_ERROR)
    return;
  fe->line = e->line > 0 ? e->line : 1;
  snprintf(fe->msg, sizeof fe->msg, "%s", e->message ? e->message : "not well-formed");
  size_t n = strlen(fe->msg);
  while (n && (fe->msg[n - 1] == '\n' || fe->msg[n - 1] == ' '))
    fe->msg[--n] = '\0';
}

#define TBX_READ_OPTIONS                                                                        \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS |              \
   XML_PARSE_BIG_LINES)

/* Streamed with libxml2's xmlTextReader: each conceptEntry/termEntry is
 * expanded into a small tree, read, and freed before the next one, so memory
 * holds the lexicon, not a tree of the whole document (a tree of a 120 MB TBX
 * took 1 GB). RD is freed; FE collects libxml2's first error. */
static int read_entries(pd_lexload *ld, xmlTextReader *rd, first_err *fe) {
  padan_lexicon *lex = ld->lex;
  if (!rd) {
    xmlSetStructuredErrorFunc(NULL, NULL);
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  }
  tbxread R = {ld, 0};
  int rc = PADAN_OK, root = 0, r;
  r = xmlTextReaderRead(rd);
  while (r == 1 && !rc && !fe->line) {
    if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT) {
      r = xmlTextReaderRead(rd);
      continue;
    }
    const char *name = (const char *)xmlTextReaderConstLocalName(rd);
    if (!root) {
      root = 1;
      if (!name || (strcmp(name, "tbx") != 0 && strcmp(name, "martif") != 0)) {
        rc = pd_lex_fail(lex, PADAN_EFORMAT,
                         "%s:%d: not TBX: the root element is <%s>, not <tbx> or <martif>",
                         ld->name, xmlTextReaderGetParserLineNumber(rd), name ? name : "");
        break;
      }
      /* TBX v3 is in urn:iso:std:iso:30042:ed-2; v2 <martif> and early v3
       * files have no namespace. Another one is another vocabulary. */
      const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
      if (ns && strncmp(ns, "urn:iso:std:iso:30042:ed-", 25) != 0) {
        rc = pd_lex_fail(lex, PADAN_EFORMAT,
                         "%s:%ld: not TBX: <%s> is in the namespace '%s', not "
                         "urn:iso:std:iso:30042:ed-2 (TBX v3) or none (TBX v2)",
                         ld->name, xmlGetLineNo(xmlTextReaderCurrentNode(rd)), name, ns);
        break;
      }
    }
    if (name && (strcmp(name, "conceptEntry") == 0 || strcmp(name, "termEntry") == 0)) {
      xmlNode *e = xmlTextReaderExpand(rd);
      if (!e || fe->line)
        break;
      rc = read_entry(&R, e);
      r = xmlTextReaderNext(rd);
    } else {
      r = xmlTextReaderRead(rd);
    }
  }
  xmlFreeTextReader(rd);
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (!rc && (r < 0 || fe->line || !root))
    rc = pd_lex_fail(lex, PADAN_EFORMAT, "%s:%d: bad XML: %s", ld->name, fe->line ? fe->line : 1,
                     fe->msg[0] ? fe->msg : "not well-formed");
  return rc;
}

/* The bytes come to libxml2's reader through one callback, from a file or
 * from memory alike: the reader parses ahead by as much as it asks for, so a
 * file with an XML error after a bad entry gives the same first message (the
 * XML error's, once it was parsed) whichever way it is read. */
typedef struct {
  FILE *fp;          /* the file, or NULL: data[0..len) */
  const char *data;
  size_t len, at;
  int err;           /* errno of a failed read */
} tbx_in;

static int tbx_read_cb(void *ctx, char *buf, int len) {
  tbx_in *in = ctx;
  if (len <= 0)
    return 0;
  if (!in->fp) {
    size_t n = in->len - in->at < (size_t)len ? in->len - in->at : (size_t)len;
    memcpy(buf, in->data + in->at, n);
    in->at += n;
    return (int)n;
  }
  size_t n = fread(buf, 1, (size_t)len, in->fp);
  if (n == 0 && ferror(in->fp)) {
    in->err = errno ? errno : EIO;
    return -1;
  }
  return (int)n;
}

static int tbx_close_cb(void *ctx) {
  (void)ctx; /* the caller closes the file */
  return 0;
}

static int read_tbx(pd_lexload *ld, tbx_in *in) {
  first_err fe = {0, ""};
  xmlSetStructuredErrorFunc(&fe, on_xml_error);
  int rc = read_entries(
      ld, xmlReaderForIO(tbx_read_cb, tbx_close_cb, in, ld->name, NULL, TBX_READ_OPTIONS), &fe);
  if (in->err)
    return pd_lex_fail(ld->lex, PADAN_EIO, "%s: %s", ld->name, strerror(in->err));
  return rc;
}

int pd_lex_read_tbx(pd_lexload *ld, const char *data, size_t len) {
  tbx_in in = {NULL, data, len, 0, 0};
  return read_tbx(ld, &in);
}

/* The same from an open file, read in pieces: neither the file nor a tree of
 * it is held (a 1.2 GB TBX no longer costs its size in memory; nor is there a
 * 2 GB limit). */
int pd_lex_read_tbx_file(pd_lexload *ld, FILE *fp) {
  tbx_in in = {fp, NULL, 0, 0, 0};
  return read_tbx(ld, &in);
}

/* ------------------------------------------------------------ writing */

static void xml_put(FILE *fp, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&': fputs("&amp;", fp); break;
    case '<': fputs("&lt;", fp); break;
    case '>': fputs("&gt;", fp); break;
    case '"': fputs("&quot;", fp); break;
    default:
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        break; /* not allowed in XML 1.0: dropped */
      else
        putc((char)c, fp);
    }
  }
}

/* An xsd:ID from a concept id: kept when it is an ASCII NCName starting with a
 * letter, else "_" and the bytes with all but [A-Za-z0-9.-] as _XX (read back
 * by unescape_id). */
static void put_id(FILE *fp, const char *id) {
  int ok = pd_is_ascii_alpha((unsigned char)id[0]);
  for (const char *p = id; *p && ok; p++)
    ok = pd_is_ascii_alpha((unsigned char)*p) || pd_is_ascii_digit((unsigned char)*p) ||
         *p == '_' || *p == '-' || *p == '.';
  if (ok) {
    fputs(id, fp);
    return;
  }
  fputs("_", fp);
  for (const char *p = id; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (pd_is_ascii_alpha(c) || pd_is_ascii_digit(c) || c == '-' || c == '.')
      putc((char)c, fp);
    else
      fprintf(fp, "_%02X", c);
  }
}

static const char *pos_to_tbx(const char *p) {
  if (!*p)
    return NULL;
  if (strcmp(p, "noun") == 0 || strcmp(p, "propn") == 0 || strcmp(p, "abbr") == 0)
    return "noun";
  if (strcmp(p, "verb") == 0)
    return "verb";
  if (strcmp(p, "adj") == 0 || strcmp(p, "adjective") == 0)
    return "adjective";
  if (strcmp(p, "adv") == 0 || strcmp(p, "adverb") == 0)
    return "adverb";
  return "other";
}

int pd_lex_write_tbx(padan_lexicon *lex, FILE *fp, int v2) {
  const char *E = v2 ? "termEntry" : "conceptEntry";
  const char *L = v2 ? "langSet" : "langSec";
  const char *T = v2 ? "tig" : "termSec";
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp);
  if (v2)
    fputs("<martif type=\"TBX\" xml:lang=\"id\">\n"
          "  <martifHeader>\n", fp);
  else
    fputs("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"id\" "
          "xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
          "  <tbxHeader>\n", fp);
  fputs("    <fileDesc>\n      <sourceDesc>\n        <p>Exported by padan</p>\n"
        "      </sourceDesc>\n    </fileDesc>\n", fp);
  fputs(v2 ? "  </martifHeader>\n" : "  </tbxHeader>\n", fp);
  fputs("  <text>\n    <body>\n", fp);
  for (size_t c = 0; c < lex->concepts.n; c++) {
    pd_concept *cp = PD_LEX_CONCEPT(lex, c);
    const uint32_t *ts;
    size_t n;
    pd_lex_concept_terms(lex, c, &ts, &n);
    if (!n)
      continue;
    fprintf(fp, "      <%s id=\"", E);
    put_id(fp, PD_LEX_STR(lex, cp->id));
    fputs("\">\n", fp);
    if (cp->domain) {
      fputs("        <descrip type=\"subjectField\">", fp);
      xml_put(fp, PD_LEX_STR(lex, cp->domain));
      fputs("</descrip>\n", fp);
    }
    /* languages in order of first appearance */
    for (size_t k = 0; k < n; k++) {
      uint32_t lang = PD_LEX_TERM(lex, ts[k])->lang;
      int seen = 0;
      for (size_t j = 0; j < k && !seen; j++)
        seen = PD_LEX_TERM(lex, ts[j])->lang == lang;
      if (seen)
        continue;
      fprintf(fp, "        <%s xml:lang=\"", L);
      xml_put(fp, PD_LEX_STR(lex, lang));
      fputs("\">\n", fp);
      for (size_t j = k; j < n; j++) {
        pd_term *t = PD_LEX_TERM(lex, ts[j]);
        if (t->lang != lang)
          continue;
        fprintf(fp, "          <%s>\n            <term>", T);
        xml_put(fp, PD_LEX_STR(lex, t->text));
        fputs("</term>\n", fp);
        const char *p = pos_to_tbx(PD_LEX_STR(lex, t->pos));
        if (p)
          fprintf(fp, "            <termNote type=\"partOfSpeech\">%s</termNote>\n", p);
        if (t->pos && strcmp(PD_LEX_STR(lex, t->pos), "abbr") == 0)
          fputs("            <termNote type=\"termType\">abbreviation</termNote>\n", fp);
        fprintf(fp,
                "            <termNote type=\"administrativeStatus\">%sTerm-admn-sts</termNote>\n",
                padan_lexicon_status_name(t->status));
        if (t->note) {
          fputs("            <note>", fp);
          xml_put(fp, PD_LEX_STR(lex, t->note));
          fputs("</note>\n", fp);
        }
        fprintf(fp, "          </%s>\n", T);
      }
      fprintf(fp, "        </%s>\n", L);
    }
    fprintf(fp, "      </%s>\n", E);
  }
  fputs("    </body>\n  </text>\n", fp);
  fputs(v2 ? "</martif>\n" : "</tbx>\n", fp);
  return ferror(fp) ? PADAN_EIO : PADAN_OK;
}
