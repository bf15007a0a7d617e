/* lexicon/: delimited formats: native TSV, CSV (RFC 4180), OmegaT glossary TSV. */
#include "config.h"
#include "lexicon/lexicon_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ native TSV */

/* A language tag as BCP 47 shapes it: 2 or 3 letters, then subtags of 1 to 8
 * letters or digits after '-'. */
static int lang_tag(const char *s, size_t n) {
  size_t i = 0, k;
  for (k = 0; i < n && k < 9 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'); i++, k++)
    ;
  if (k < 2 || k > 3)
    return 0;
  while (i < n) {
    if (s[i++] != '-')
      return 0;
    for (k = 0; i < n && s[i] != '-'; i++, k++)
      if (!((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
        return 0;
    if (k < 1 || k > 8)
      return 0;
  }
  return 1;
}

/* The error for a row s[0..n) of line `line` that is not UTF-8 (TSV: a
 * NUL byte too; in a CSV record NULs separate the fields): a UTF-16 or
 * UTF-32 file (by its BOM) and a legacy 8-bit one are named, with the
 * conversion to run; the lexicon's encoding is never guessed. */
static size_t count_nul(const char *s, size_t n) {
  size_t nul = 0;
  for (size_t i = 0; i < n; i++)
    nul += s[i] == '\0';
  return nul;
}

/* A row of n bytes with nul NUL bytes, a third or more of it, is a UTF-16 or
 * UTF-32 file without a byte-order mark: the error says so (0 when not). */
static int wide_nobom(pd_lexload *ld, size_t nul, size_t n) {
  if (!n || nul * 3 < n)
    return 0;
  return pd_lex_fail(ld->lex, PADAN_EUTF8,
                     "%s: NUL bytes: a UTF-16 lexicon without a byte-order mark? padan reads "
                     "lexicons in UTF-8 (convert it: iconv -f UTF-16LE -t UTF-8, or UTF-16BE)",
                     ld->name);
}

static int not_utf8(pd_lexload *ld, const char *s, size_t n, size_t line, int tsv) {
  const unsigned char *u = (const unsigned char *)s;
  if (line == 1 && n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    int w32 = n >= 4 && u[0] == 0xFF && !u[2] && !u[3];
    return pd_lex_fail(ld->lex, PADAN_EUTF8,
                       "%s: a UTF-%d lexicon: padan reads lexicons in UTF-8 "
                       "(convert it: iconv -f UTF-%d -t UTF-8)",
                       ld->name, w32 ? 32 : 16, w32 ? 32 : 16);
  }
  int rc;
  if (tsv && memchr(s, '\0', n))
    return (rc = wide_nobom(ld, count_nul(s, n), n))
               ? rc
               : pd_lex_fail(ld->lex, PADAN_EBINARY, "%s:%zu: NUL byte (binary file?)", ld->name,
                             line);
  size_t at = pd_utf8_valid_prefix(s, n);
  return pd_lex_fail(ld->lex, PADAN_EUTF8,
                     "%s:%zu: invalid UTF-8 (byte 0x%02X): padan reads lexicons in UTF-8 "
                     "(from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)",
                     ld->name, line, (unsigned)u[at]);
}

/* One row s[0..n) (no line end) of a TSV lexicon, line `line`. */
static int tsv_row(pd_lexload *ld, const char *s, size_t n, size_t line) {
  padan_lexicon *lex = ld->lex;
  if (n == 0 || s[0] == '#')
    return PADAN_OK;
  if (memchr(s, '\0', n) || pd_utf8_valid_prefix(s, n) != n)
    return not_utf8(ld, s, n, line, 1);
  const char *f[7] = {0};
  size_t fl[7] = {0};
  size_t nf = 0, a = 0;
  for (size_t j = 0; j <= n; j++)
    if (j == n || s[j] == '\t') {
      if (nf < 7)
        f[nf] = s + a, fl[nf] = j - a;
      nf++;
      a = j + 1;
    }
  if (nf > 7)
    return pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: too many columns: %zu fields, at most 7 (concept lang term "
                       "status pos note domain)",
                       ld->name, line, nf);
  if (nf < 3 || !fl[0] || !fl[1] || !fl[2]) {
    if (nf < 3)
      return pd_lex_fail(lex, PADAN_EFORMAT,
                         "%s:%zu: missing columns: %zu field%s, need concept TAB lang TAB term",
                         ld->name, line, nf, nf == 1 ? "" : "s");
    return pd_lex_fail(lex, PADAN_EFORMAT, "%s:%zu: empty %s", ld->name, line,
                       !fl[0] ? "concept id" : !fl[1] ? "language" : "term");
  }
  /* id and en are looked up; another language (a TBX import may carry one)
     is kept and reported by lint, so that an export reads back */
  if (!lang_tag(f[1], fl[1]))
    return pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: bad language '%.*s' (id, en or another tag such as fr, pt-BR)",
                       ld->name, line, (int)fl[1], f[1]);
  int st = nf > 3 ? pd_lex_status_parse(f[3], fl[3]) : PADAN_TERM_ADMITTED;
  if (!st)
    return pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: unknown status '%.*s' (preferred, admitted or deprecated)",
                       ld->name, line, (int)fl[3], f[3]);
  uint32_t c;
  int rc = pd_lexload_concept(ld, f[0], fl[0], line, &c);
  if (!rc && nf > 6)
    rc = pd_lexload_domain(ld, c, f[6], fl[6], line);
  if (!rc)
    rc = pd_lexload_term(ld, c, f[1], fl[1], f[2], fl[2], st, nf > 4 ? f[4] : "",
                         nf > 4 ? fl[4] : 0, nf > 5 ? f[5] : "", nf > 5 ? fl[5] : 0, line, 0);
  return rc;
}

/* The length of s[0..n) up to its first line end (LF, CR or CRLF): n when none. */
static size_t eol_at(const char *s, size_t n) {
  const char *nl = memchr(s, '\n', n);
  size_t k = nl ? (size_t)(nl - s) : n;
  const char *cr = memchr(s, '\r', k);
  return cr ? (size_t)(cr - s) : k;
}

/* Lines end at LF, CRLF or a lone CR (old Mac files), each counted once. */
int pd_lex_read_tsv(pd_lexload *ld, const char *data, size_t len) {
  size_t i = 0, line = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len) {
    line++;
    const char *s = data + i;
    size_t n = eol_at(s, len - i);
    i += n;
    if (i < len)
      i += data[i] == '\r' && i + 1 < len && data[i + 1] == '\n' ? 2 : 1;
    int rc = tsv_row(ld, s, n, line);
    if (rc)
      return rc;
  }
  return PADAN_OK;
}

#define TSV_CHUNK ((size_t)64 << 10)

/* The same from a file, read in chunks: a line lies in the chunk (no copy) or
 * is put together in a buffer; one line is held at a time. */
int pd_lex_read_tsv_file(pd_lexload *ld, FILE *fp) {
  char *chunk = malloc(TSV_CHUNK);
  if (!chunk)
    return pd_lex_fail(ld->lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  pd_buf part; /* the start of a line that runs past a chunk */
  pd_buf_init(&part);
  size_t line = 0, got;
  int rc = PADAN_OK, cr = 0; /* cr: the last line ended at a CR that ended a chunk */
  errno = 0;
  while (!rc && (got = fread(chunk, 1, TSV_CHUNK, fp)) > 0) {
    size_t i = 0;
    if (cr && chunk[0] == '\n')
      i = 1; /* the LF of a CRLF split between chunks */
    cr = 0;
    while (!rc && i < got) {
      size_t n = eol_at(chunk + i, got - i);
      if (i + n == got) { /* no line end in this chunk */
        if (pd_buf_append(&part, chunk + i, n))
          rc = pd_lex_fail(ld->lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
        break;
      }
      const char *s = chunk + i;
      size_t e = i + n; /* the line end */
      if (part.len) {
        if (pd_buf_append(&part, s, n)) {
          rc = pd_lex_fail(ld->lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
          break;
        }
        s = part.p, n = part.len;
      }
      i = e + 1;
      if (chunk[e] == '\r') {
        if (i < got && chunk[i] == '\n')
          i++;
        else if (i == got)
          cr = 1;
      }
      line++;
      if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
      rc = tsv_row(ld, s, n, line);
      pd_buf_clear(&part);
    }
    errno = 0;
  }
  if (!rc && ferror(fp))
    rc = pd_lex_fail(ld->lex, errno == ENOMEM ? PADAN_ENOMEM : PADAN_EIO, "%s: %s", ld->name,
                     strerror(errno ? errno : EIO));
  if (!rc && part.len) { /* the last line, without a line end */
    const char *s = part.p;
    size_t n = part.len;
    line++;
    if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
      s += 3, n -= 3;
    rc = tsv_row(ld, s, n, line);
  }
  pd_buf_free(&part);
  free(chunk);
  return rc;
}

/* Writes a field with TAB and line breaks turned into spaces (the format has no escapes). */
static void put_plain(FILE *fp, const char *s) {
  for (; *s; s++)
    putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

int pd_lex_write_tsv(padan_lexicon *lex, FILE *fp) {
  fputs("#concept\tlang\tterm\tstatus\tpos\tnote\tdomain\n", fp);
  for (size_t c = 0; c < lex->concepts.n; c++) {
    pd_concept *cp = PD_LEX_CONCEPT(lex, c);
    const uint32_t *ts;
    size_t n;
    pd_lex_concept_terms(lex, c, &ts, &n);
    for (size_t k = 0; k < n; k++) {
      pd_term *t = PD_LEX_TERM(lex, ts[k]);
      put_plain(fp, PD_LEX_STR(lex, cp->id));
      putc('\t', fp);
      put_plain(fp, PD_LEX_STR(lex, t->lang));
      putc('\t', fp);
      put_plain(fp, PD_LEX_STR(lex, t->text));
      fprintf(fp, "\t%s\t", padan_lexicon_status_name(t->status));
      put_plain(fp, PD_LEX_STR(lex, t->pos));
      putc('\t', fp);
      put_plain(fp, PD_LEX_STR(lex, t->note));
      putc('\t', fp);
      put_plain(fp, PD_LEX_STR(lex, cp->domain));
      putc('\n', fp);
    }
  }
  return ferror(fp) ? PADAN_EIO : PADAN_OK;
}

/* ------------------------------------------------------------ CSV */

enum { C_ID, C_EN, C_COMMENT, C_CONCEPT, C_IDST, C_ENST, C_IDPOS, C_ENPOS, C_IDNOTE, C_ENNOTE,
       C_DOMAIN, C_N };
static const char *const csv_cols[C_N] = {"id_term", "en_term", "comment", "concept",
                                          "id_status", "en_status", "id_pos", "en_pos",
                                          "id_note", "en_note", "domain"};

typedef struct {
  pd_vec fields; /* size_t pairs: offset into buf, length */
  pd_buf buf;
} csv_row;

/* The bytes of a CSV or OmegaT file: all in memory, or read from a file in
 * chunks of pd_lex_csv_chunk bytes, so that only one record is held at a time. */
size_t pd_lex_csv_chunk = (size_t)64 << 10;
typedef struct {
  const char *p; /* the bytes at hand: p[pos..len) */
  size_t len, pos;
  FILE *fp;      /* NULL: p is all of the data */
  char *chunk;   /* fp's bytes */
  size_t size;   /* of chunk */
  int err;       /* errno of a failed read, else 0 */
} csv_in;

/* 1 when a byte is at hand (reading the next chunk if needed), 0 at the end. */
static int in_more(csv_in *in) {
  if (in->pos < in->len)
    return 1;
  if (!in->fp || in->err)
    return 0;
  errno = 0;
  size_t got = fread(in->chunk, 1, in->size, in->fp);
  if (!got) {
    if (ferror(in->fp))
      in->err = errno ? errno : EIO;
    return 0;
  }
  in->p = in->chunk, in->len = got, in->pos = 0;
  return 1;
}

/* The next byte, or -1 at the end. */
static int peek(csv_in *in) {
  return in_more(in) ? (unsigned char)in->p[in->pos] : -1;
}

/* Reads one record. Returns 1 when a record was read, 0 at the end, negative
 * on an error: PADAN_EFORMAT with *why (a misplaced quote: at line *line; an
 * unterminated quote: the record's first line), or PADAN_ENOMEM. *line counts
 * lines. */
static int csv_next(csv_in *in, size_t *line, char sep, csv_row *r, const char **why) {
  int c = peek(in);
  if (c < 0)
    return 0;
  r->fields.n = 0;
  pd_buf_clear(&r->buf);
  size_t start = 0;
  int quoted_ok = sep == ',';
  for (;;) {
    size_t *f = pd_vec_push(&r->fields);
    if (!f)
      return PADAN_ENOMEM;
    start = r->buf.len;
    int quoted = 0;
    if (quoted_ok && peek(in) == '"') {
      in->pos++;
      quoted = 1;
      for (;;) {
        if ((c = peek(in)) < 0) {
          *why = "unterminated quoted field";
          return PADAN_EFORMAT;
        }
        in->pos++;
        if (c == '"') {
          if (peek(in) == '"') {
            pd_buf_putc(&r->buf, '"');
            in->pos++;
            continue;
          }
          break;
        }
        if (c == '\r' && peek(in) == '\n')
          continue; /* CRLF: its LF is the line break */
        if (c == '\n' || c == '\r') {
          (*line)++; /* LF, CRLF or a lone CR: one line break, kept as LF */
          c = '\n';
        }
        pd_buf_putc(&r->buf, (char)c);
      }
    }
    /* RFC 4180: a quote only around a whole field; text after the closing
     * quote ("x"y) or a quote inside an unquoted field (x"y) is an error */
    while ((c = peek(in)) >= 0 && c != (unsigned char)sep && c != '\n' && c != '\r') {
      if (quoted && c != ' ' && c != '\t') { /* spaces after it are dropped */
        *why = "text after the closing quote of a field (a quote inside a field is "
               "doubled: \"x\"\"y\")";
        return PADAN_EFORMAT;
      }
      if (quoted_ok && !quoted && c == '"') {
        *why = "a quote inside an unquoted field (quote the field and double the "
               "quote: \"x\"\"y\")";
        return PADAN_EFORMAT;
      }
      if (!quoted)
        pd_buf_putc(&r->buf, (char)c);
      in->pos++;
    }
    /* pack (start, len) into two size_t slots */
    f[0] = start;
    size_t *g = pd_vec_push(&r->fields);
    if (!g)
      return PADAN_ENOMEM;
    g[0] = r->buf.len - start;
    pd_buf_putc(&r->buf, '\0');
    if (c == (unsigned char)sep) {
      in->pos++;
      continue;
    }
    if (c == '\r') {
      in->pos++;
      c = peek(in);
    }
    if (c == '\n')
      in->pos++;
    break;
  }
  (*line)++;
  return 1;
}

#define ROW_N(r) ((r)->fields.n / 2)
#define ROW_S(r, k) ((r)->buf.p + PD_VEC_AT(&(r)->fields, size_t, 2 * (k)))
#define ROW_L(r, k) (PD_VEC_AT(&(r)->fields, size_t, 2 * (k) + 1))

static void trim(const char **s, size_t *n) {
  while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
    (*n)--;
}

static int read_csv(pd_lexload *ld, csv_in *in, int header, char sep) {
  padan_lexicon *lex = ld->lex;
  size_t line = 1;
  if (in_more(in) && in->len - in->pos >= 3 && memcmp(in->p + in->pos, "\xEF\xBB\xBF", 3) == 0)
    in->pos += 3;
  /* a header maps the columns by name (below); without one they are
     id_term, en_term, comment, as OmegaT and export --no-header write them
     (no status columns: the first term of each language is preferred) */
  int map[C_N];
  for (int k = 0; k < C_N; k++)
    map[k] = k < 3 ? k : -1;
  if (ld->flags & PADAN_LEXICON_SWAP)
    map[C_ID] = 1, map[C_EN] = 0;
  csv_row r;
  pd_vec_init(&r.fields, sizeof(size_t));
  pd_buf_init(&r.buf);
  pd_buf key;
  pd_buf_init(&key);
  int rc = PADAN_OK, first = 1, ch;
  for (;;) {
    size_t recline = line;
    /* skip blank lines and, in OmegaT TSV, # comments */
    while ((ch = peek(in)) == '\n' || ch == '\r' || (sep == '\t' && ch == '#')) {
      if (ch == '#') {
        while ((ch = peek(in)) >= 0 && ch != '\n' && ch != '\r')
          in->pos++;
        continue;
      }
      in->pos++;
      if (ch == '\r' && peek(in) == '\n')
        in->pos++;
      line++; /* LF, CRLF or a lone CR */
    }
    recline = line;
    const char *why = "";
    int got = csv_next(in, &line, sep, &r, &why);
    if (in->err)
      break;
    if (got == 0)
      break;
    if (got < 0) {
      rc = got == PADAN_EFORMAT
               ? pd_lex_fail(lex, PADAN_EFORMAT, "%s:%zu: %s", ld->name,
                             why[0] == 'u' ? recline : line, why)
               : pd_lex_fail(lex, got, "%s: out of memory", ld->name);
      break;
    }
    if (pd_utf8_valid_prefix(r.buf.p, r.buf.len) != r.buf.len) {
      rc = not_utf8(ld, r.buf.p, r.buf.len, recline, 0);
      break;
    }
    if (memchr(r.buf.p, '\0', r.buf.len)) { /* NULs within the fields (not between them) */
      size_t nul = 0, len = 0;
      for (size_t k = 0; k < ROW_N(&r); k++)
        nul += count_nul(ROW_S(&r, k), ROW_L(&r, k)), len += ROW_L(&r, k);
      if ((rc = wide_nobom(ld, nul, len)))
        break;
    }
    if (first && header) {
      first = 0;
      int note = -1; /* a 'note' column: the comment when there is none */
      for (int k = 0; k < C_N; k++)
        map[k] = -1;
      for (size_t f = 0; f < ROW_N(&r); f++) {
        const char *s = ROW_S(&r, f);
        size_t n = ROW_L(&r, f);
        trim(&s, &n);
        if (n && s[0] == '#')
          s++, n--;
        int k = -1;
        for (int j = 0; j < C_N; j++)
          if (strlen(csv_cols[j]) == n && memcmp(csv_cols[j], s, n) == 0)
            k = j;
        if (n == 6 && memcmp(s, "source", 6) == 0)
          k = C_ID;
        if (n == 6 && memcmp(s, "target", 6) == 0)
          k = C_EN;
        int *slot = k >= 0 ? &map[k] : NULL;
        if (n == 4 && memcmp(s, "note", 4) == 0)
          slot = &note;
        if (!slot)
          continue;
        if (*slot >= 0) {
          /* two columns for one field (id_term and source count as one): which holds the data? */
          rc = pd_lex_fail(lex, PADAN_EFORMAT,
                           "%s:%zu: duplicate column '%.*s' in the CSV header (columns %d and "
                           "%zu name the same field)",
                           ld->name, recline, (int)n, s, *slot + 1, f + 1);
          break;
        }
        *slot = (int)f;
      }
      if (rc)
        break;
      if (map[C_COMMENT] < 0 && note >= 0)
        map[C_COMMENT] = note;
      if (map[C_ID] < 0 || map[C_EN] < 0) {
        rc = pd_lex_fail(lex, PADAN_EFORMAT,
                         "%s:%zu: the CSV header names no id_term and en_term columns "
                         "(use --from-format=csv-noheader for a file without a header)",
                         ld->name, recline);
        break;
      }
      continue;
    }
    first = 0;
    const char *v[C_N];
    size_t vl[C_N];
    for (int k = 0; k < C_N; k++) {
      v[k] = "", vl[k] = 0;
      if (map[k] >= 0 && (size_t)map[k] < ROW_N(&r)) {
        v[k] = ROW_S(&r, map[k]), vl[k] = ROW_L(&r, map[k]);
        trim(&v[k], &vl[k]);
      }
    }
    if (ROW_N(&r) < 2 || (!vl[C_ID] && !vl[C_EN])) {
      rc = pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: missing columns: need an Indonesian and an English term",
                       ld->name, recline);
      break;
    }
    int sid = pd_lex_status_parse(v[C_IDST], vl[C_IDST]);
    int sen = pd_lex_status_parse(v[C_ENST], vl[C_ENST]);
    if (!sid || !sen) {
      int bad = sid ? C_ENST : C_IDST;
      rc = pd_lex_fail(lex, PADAN_EFORMAT,
                       "%s:%zu: unknown status '%.*s' (preferred, admitted or deprecated)",
                       ld->name, recline, (int)vl[bad], v[bad]);
      break;
    }
    /* without a concept column, rows sharing the Indonesian term form one concept */
    pd_buf_clear(&key);
    if (vl[C_CONCEPT])
      pd_buf_append(&key, v[C_CONCEPT], vl[C_CONCEPT]);
    else if (vl[C_ID])
      pd_buf_puts(&key, "id:"), pd_buf_append(&key, v[C_ID], vl[C_ID]);
    else
      pd_buf_puts(&key, "en:"), pd_buf_append(&key, v[C_EN], vl[C_EN]);
    uint32_t c;
    rc = pd_lexload_concept(ld, key.p, key.len, recline, &c);
    if (!rc)
      rc = pd_lexload_domain(ld, c, v[C_DOMAIN], vl[C_DOMAIN], recline);
    /* the comment column is the note of a file without per-language notes */
    const char *enote = vl[C_ENNOTE] ? v[C_ENNOTE] : map[C_ENNOTE] < 0 ? v[C_COMMENT] : "";
    size_t enotel = vl[C_ENNOTE] ? vl[C_ENNOTE] : map[C_ENNOTE] < 0 ? vl[C_COMMENT] : 0;
    /* without status columns the first term of each language is the preferred one */
    if (map[C_IDST] < 0 && vl[C_ID] && pd_lexload_first_in_lang(ld, c, "id", 2))
      sid = PADAN_TERM_PREFERRED;
    if (map[C_ENST] < 0 && vl[C_EN] && pd_lexload_first_in_lang(ld, c, "en", 2))
      sen = PADAN_TERM_PREFERRED;
    if (!rc && vl[C_ID])
      rc = pd_lexload_term(ld, c, "id", 2, v[C_ID], vl[C_ID], sid, v[C_IDPOS], vl[C_IDPOS],
                           v[C_IDNOTE], vl[C_IDNOTE], recline, 1);
    if (!rc && vl[C_EN])
      rc = pd_lexload_term(ld, c, "en", 2, v[C_EN], vl[C_EN], sen, v[C_ENPOS], vl[C_ENPOS],
                           enote, enotel, recline, 1);
    if (rc)
      break;
  }
  pd_vec_free(&r.fields);
  pd_buf_free(&r.buf);
  pd_buf_free(&key);
  if (!rc && in->err)
    rc = pd_lex_fail(lex, in->err == ENOMEM ? PADAN_ENOMEM : PADAN_EIO, "%s: %s", ld->name,
                     strerror(in->err));
  return rc;
}

int pd_lex_read_csv(pd_lexload *ld, const char *data, size_t len, int header, char sep) {
  csv_in in = {data, len, 0, NULL, NULL, 0, 0};
  return read_csv(ld, &in, header, sep);
}

int pd_lex_read_csv_file(pd_lexload *ld, FILE *fp, int header, char sep) {
  size_t size = pd_lex_csv_chunk > 3 ? pd_lex_csv_chunk : 3; /* a BOM fits */
  csv_in in = {NULL, 0, 0, fp, malloc(size), size, 0};
  if (!in.chunk)
    return pd_lex_fail(ld->lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  int rc = read_csv(ld, &in, header, sep);
  free(in.chunk);
  return rc;
}

static void csv_put(FILE *fp, const char *s) {
  size_t len = strlen(s);
  int quote = 0;
  for (size_t i = 0; i < len && !quote; i++)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (len && (s[0] == ' ' || s[len - 1] == ' '))
    quote = 1;
  if (!quote) {
    fputs(s, fp);
    return;
  }
  putc('"', fp);
  for (; *s; s++) {
    if (*s == '"')
      putc('"', fp);
    putc(*s, fp);
  }
  putc('"', fp);
}

/* A short human comment for a pair: statuses that are not preferred, notes, domain. */
static void pair_comment(padan_lexicon *lex, size_t c, pd_term *ti, pd_term *te, pd_buf *out) {
  pd_buf_clear(out);
  pd_concept *cp = PD_LEX_CONCEPT(lex, c);
  if (ti && ti->status == PADAN_TERM_DEPRECATED)
    pd_buf_puts(out, "deprecated Indonesian form");
  if (te && te->status != PADAN_TERM_PREFERRED)
    pd_buf_printf(out, "%s%s English", out->len ? "; " : "",
                  padan_lexicon_status_name(te->status));
  if (ti && ti->note)
    pd_buf_printf(out, "%s%s", out->len ? "; " : "", PD_LEX_STR(lex, ti->note));
  if (te && te->note)
    pd_buf_printf(out, "%s%s", out->len ? "; " : "", PD_LEX_STR(lex, te->note));
  if (cp->domain)
    pd_buf_printf(out, "%s%s", out->len ? "; " : "", PD_LEX_STR(lex, cp->domain));
}

int pd_lex_write_csv(padan_lexicon *lex, FILE *fp, int header) {
  if (header) {
    for (int k = 0; k < C_N; k++)
      fprintf(fp, "%s%s", k ? "," : "", csv_cols[k]);
    fputs("\r\n", fp);
  }
  pd_vec pairs;
  pd_vec_init(&pairs, sizeof(pd_lex_pair));
  pd_buf com;
  pd_buf_init(&com);
  int rc = PADAN_OK;
  for (size_t c = 0; c < lex->concepts.n && !rc; c++) {
    if ((rc = pd_lex_pairs(lex, c, &pairs)))
      break;
    pd_concept *cp = PD_LEX_CONCEPT(lex, c);
    for (size_t k = 0; k < pairs.n; k++) {
      pd_lex_pair *p = &PD_VEC_AT(&pairs, pd_lex_pair, k);
      pd_term *ti = p->id_term ? PD_LEX_TERM(lex, p->id_term - 1) : NULL;
      pd_term *te = p->en_term ? PD_LEX_TERM(lex, p->en_term - 1) : NULL;
      pair_comment(lex, c, ti, te, &com);
      csv_put(fp, ti ? PD_LEX_STR(lex, ti->text) : "");
      putc(',', fp);
      csv_put(fp, te ? PD_LEX_STR(lex, te->text) : "");
      putc(',', fp);
      csv_put(fp, com.p ? com.p : "");
      if (header) {
        putc(',', fp);
        csv_put(fp, PD_LEX_STR(lex, cp->id));
        fprintf(fp, ",%s,%s,", ti ? padan_lexicon_status_name(ti->status) : "",
                te ? padan_lexicon_status_name(te->status) : "");
        csv_put(fp, ti ? PD_LEX_STR(lex, ti->pos) : "");
        putc(',', fp);
        csv_put(fp, te ? PD_LEX_STR(lex, te->pos) : "");
        putc(',', fp);
        csv_put(fp, ti ? PD_LEX_STR(lex, ti->note) : "");
        putc(',', fp);
        csv_put(fp, te ? PD_LEX_STR(lex, te->note) : "");
        putc(',', fp);
        csv_put(fp, PD_LEX_STR(lex, cp->domain));
      }
      fputs("\r\n", fp);
    }
  }
  pd_vec_free(&pairs);
  pd_buf_free(&com);
  return rc ? rc : ferror(fp) ? PADAN_EIO : PADAN_OK;
}

int pd_lex_write_omegat(padan_lexicon *lex, FILE *fp) {
  pd_vec pairs;
  pd_vec_init(&pairs, sizeof(pd_lex_pair));
  pd_buf com;
  pd_buf_init(&com);
  int rc = PADAN_OK;
  for (size_t c = 0; c < lex->concepts.n && !rc; c++) {
    if ((rc = pd_lex_pairs(lex, c, &pairs)))
      break;
    for (size_t k = 0; k < pairs.n; k++) {
      pd_lex_pair *p = &PD_VEC_AT(&pairs, pd_lex_pair, k);
      if (!p->id_term || !p->en_term)
        continue; /* OmegaT needs both sides */
      pd_term *ti = PD_LEX_TERM(lex, p->id_term - 1);
      pd_term *te = PD_LEX_TERM(lex, p->en_term - 1);
      pair_comment(lex, c, ti, te, &com);
      put_plain(fp, PD_LEX_STR(lex, ti->text));
      putc('\t', fp);
      put_plain(fp, PD_LEX_STR(lex, te->text));
      putc('\t', fp);
      put_plain(fp, com.p ? com.p : "");
      putc('\n', fp);
    }
  }
  pd_vec_free(&pairs);
  pd_buf_free(&com);
  return rc ? rc : ferror(fp) ? PADAN_EIO : PADAN_OK;
}
