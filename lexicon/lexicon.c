/* lexicon/: the concept model, loading and saving dispatch, accessors. */
#include "config.h"
#include "lexicon/lexicon_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

padan_lexicon *padan_lexicon_new(void) {
  padan_lexicon *lex = calloc(1, sizeof *lex);
  if (!lex)
    return NULL;
  pd_strmap_init(&lex->strs);
  pd_vec_init(&lex->concepts, sizeof(pd_concept));
  pd_vec_init(&lex->terms, sizeof(pd_term));
  pd_vec_init(&lex->files, sizeof(pd_lexfile));
  pd_vec_init(&lex->fuzzy, sizeof(pd_fuzzy_entry));
  pd_vec_init(&lex->acc, sizeof(padan_lexicon_hit));
  pd_vec_init(&lex->cand, sizeof(padan_lexicon_hit));
  pd_buf_init(&lex->scratch);
  pd_buf_init(&lex->err);
  lex->dirty = 1;
  return lex;
}

static void drop_index(padan_lexicon *lex) {
  free(lex->text_head), free(lex->fold_head), free(lex->lemma_head);
  free(lex->next_text), free(lex->next_fold), free(lex->next_lemma);
  free(lex->cstart), free(lex->cterms);
  for (int k = 0; k < 3; k++)
    free(lex->ktab[k]), lex->ktab[k] = NULL;
  lex->text_head = lex->fold_head = lex->lemma_head = NULL;
  lex->next_text = lex->next_fold = lex->next_lemma = NULL;
  lex->cstart = lex->cterms = NULL;
  lex->text_head_n = lex->key_head_n = 0;
  lex->fuzzy.n = 0;
  lex->dirty = 1;
}

void padan_lexicon_free(padan_lexicon *lex) {
  if (!lex)
    return;
  drop_index(lex);
  for (size_t i = 0; i < lex->files.n; i++)
    free(PD_VEC_AT(&lex->files, pd_lexfile, i).path);
  pd_vec_free(&lex->files);
  pd_vec_free(&lex->concepts);
  pd_vec_free(&lex->terms);
  pd_vec_free(&lex->fuzzy);
  pd_vec_free(&lex->acc);
  pd_vec_free(&lex->cand);
  pd_buf_free(&lex->scratch);
  pd_strmap_free(&lex->strs);
  pd_buf_free(&lex->err);
  free(lex->cmap);
  free(lex);
}

const char *padan_lexicon_errmsg(const padan_lexicon *lex) {
  return lex && lex->err.p ? lex->err.p : "";
}

int pd_lex_fail(padan_lexicon *lex, int status, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  /* a control character quoted from a file (a CR, an ESC) never reaches a
   * terminal raw: it is written as \r, \n, \t or \xHH */
  pd_buf_clear(&lex->err);
  for (const char *p = tmp; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c >= 0x20 && c != 0x7F)
      pd_buf_putc(&lex->err, (char)c);
    else if (c == '\r')
      pd_buf_puts(&lex->err, "\\r");
    else if (c == '\n')
      pd_buf_puts(&lex->err, "\\n");
    else if (c == '\t')
      pd_buf_puts(&lex->err, "\\t");
    else
      pd_buf_printf(&lex->err, "\\x%02X", c);
  }
  if (!lex->err.p)
    pd_buf_puts(&lex->err, "");
  return status;
}

int pd_lex_status_parse(const char *s, size_t len) {
  if (len == 0)
    return PADAN_TERM_ADMITTED;
  static const struct {
    const char *name;
    int st;
  } names[] = {{"preferred", PADAN_TERM_PREFERRED},
               {"admitted", PADAN_TERM_ADMITTED},
               {"deprecated", PADAN_TERM_DEPRECATED},
               {"preferredTerm-admn-sts", PADAN_TERM_PREFERRED},
               {"admittedTerm-admn-sts", PADAN_TERM_ADMITTED},
               {"deprecatedTerm-admn-sts", PADAN_TERM_DEPRECATED},
               {"supersededTerm-admn-sts", PADAN_TERM_DEPRECATED},
               {"standardizedTerm-admn-sts", PADAN_TERM_PREFERRED},
               {"legalTerm-admn-sts", PADAN_TERM_PREFERRED},
               {"regulatedTerm-admn-sts", PADAN_TERM_PREFERRED}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen(names[i].name) == len && memcmp(names[i].name, s, len) == 0)
      return names[i].st;
  return 0;
}

const char *padan_lexicon_status_name(int status) {
  switch (status) {
  case PADAN_TERM_PREFERRED: return "preferred";
  case PADAN_TERM_DEPRECATED: return "deprecated";
  default: return "admitted";
  }
}

const char *padan_lexicon_match_name(int match) {
  switch (match) {
  case PADAN_MATCH_EXACT: return "exact";
  case PADAN_MATCH_CASE: return "case";
  case PADAN_MATCH_LEMMA: return "lemma";
  case PADAN_MATCH_FUZZY: return "fuzzy";
  default: return "none";
  }
}

/* ------------------------------------------------------------ loading */

int pd_lexload_begin(pd_lexload *ld, padan_lexicon *lex, const char *name, unsigned flags) {
  ld->lex = lex;
  ld->name = name;
  ld->flags = flags;
  ld->seen = NULL;
  ld->last_c = ld->last_cid = 0;
  memset(ld->cache, 0, sizeof ld->cache);
  ld->nconcepts0 = lex->concepts.n;
  ld->nterms0 = lex->terms.n;
  pd_lexfile *f = pd_vec_push(&lex->files);
  if (!f)
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", name);
  f->path = strdup(name);
  f->flags = flags;
  if (!f->path) {
    lex->files.n--;
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", name);
  }
  ld->file = (uint32_t)(lex->files.n - 1);
  if (lex->cmap)
    memset(lex->cmap, 0, lex->cmap_n * sizeof *lex->cmap);
  pd_buf_clear(&lex->err);
  return PADAN_OK;
}

/* Interns a short repeated field (language, pos, domain) through a tiny cache. */
static int intern_cached(pd_lexload *ld, const char *s, size_t n, uint32_t *id) {
  if (n < sizeof ld->cache[0].s) {
    for (int i = 0; i < 8; i++)
      if (ld->cache[i].id && ld->cache[i].len == n && memcmp(ld->cache[i].s, s, n) == 0) {
        *id = ld->cache[i].id;
        return PADAN_OK;
      }
  }
  int rc = pd_strmap_intern(&ld->lex->strs, s, n, id);
  if (rc == PADAN_OK && n < sizeof ld->cache[0].s) {
    memmove(ld->cache + 1, ld->cache, 7 * sizeof ld->cache[0]);
    ld->cache[0].id = *id, ld->cache[0].len = (uint32_t)n;
    memcpy(ld->cache[0].s, s, n);
  }
  return rc;
}

int pd_lexload_concept(pd_lexload *ld, const char *id, size_t idlen, size_t line, uint32_t *c) {
  padan_lexicon *lex = ld->lex;
  uint32_t sid;
  /* rows of one concept usually follow each other */
  if (ld->last_cid) {
    size_t ln;
    const char *ls = pd_strmap_str(&lex->strs, ld->last_cid, &ln);
    if (ln == idlen && memcmp(ls, id, idlen) == 0) {
      *c = ld->last_c;
      return PADAN_OK;
    }
  }
  if (pd_strmap_intern(&lex->strs, id, idlen, &sid))
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  if (sid >= lex->cmap_n) {
    size_t n = lex->cmap_n ? lex->cmap_n : 1024;
    while (n <= sid)
      n *= 2;
    uint32_t *m = realloc(lex->cmap, n * sizeof *m);
    if (!m)
      return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
    memset(m + lex->cmap_n, 0, (n - lex->cmap_n) * sizeof *m);
    lex->cmap = m, lex->cmap_n = n;
  }
  if (lex->cmap[sid]) {
    *c = lex->cmap[sid] - 1;
    ld->last_c = *c, ld->last_cid = sid;
    return PADAN_OK;
  }
  pd_concept *cp = pd_vec_push(&lex->concepts);
  if (!cp)
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  cp->id = sid;
  cp->file = ld->file;
  cp->line = (uint32_t)line;
  *c = (uint32_t)(lex->concepts.n - 1);
  lex->cmap[sid] = *c + 1;
  ld->last_c = *c, ld->last_cid = sid;
  lex->dirty = 1;
  return PADAN_OK;
}

int pd_lexload_domain(pd_lexload *ld, uint32_t c, const char *d, size_t dlen, size_t line) {
  if (!dlen)
    return PADAN_OK;
  padan_lexicon *lex = ld->lex;
  uint32_t id;
  if (intern_cached(ld, d, dlen, &id))
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  pd_concept *cp = PD_LEX_CONCEPT(lex, c);
  if (!cp->domain)
    cp->domain = id;
  else if (cp->domain != id && !cp->domain_conflict_line) {
    cp->domain_conflict_line = (uint32_t)line;
    cp->domain_conflict = id;
  }
  return PADAN_OK;
}

int pd_lexload_term(pd_lexload *ld, uint32_t c, const char *lang, size_t langlen,
                    const char *text, size_t textlen, int status, const char *pos, size_t poslen,
                    const char *note, size_t notelen, size_t line, int dedupe) {
  padan_lexicon *lex = ld->lex;
  uint32_t l, t, p = 0, n = 0;
  /* language tags are case-insensitive (BCP 47): the language subtag is kept
     in lower case, so "ID" and "En" are id and en (pt-BR stays pt-BR) */
  char lc[64];
  if (langlen < sizeof lc) {
    memcpy(lc, lang, langlen);
    for (size_t i = 0; i < langlen && lc[i] != '-'; i++)
      if (lc[i] >= 'A' && lc[i] <= 'Z')
        lc[i] = (char)(lc[i] - 'A' + 'a');
    lang = lc;
  }
  if (intern_cached(ld, lang, langlen, &l) ||
      pd_strmap_intern(&lex->strs, text, textlen, &t) ||
      (poslen && intern_cached(ld, pos, poslen, &p)) ||
      (notelen && pd_strmap_intern(&lex->strs, note, notelen, &n)))
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  if (dedupe) {
    /* pair formats repeat terms on several rows: keep one */
    if (!ld->seen && (ld->seen = malloc(sizeof *ld->seen)) != NULL)
      pd_strmap_init(ld->seen);
    uint32_t key[3] = {c, l, t}, id;
    size_t before = ld->seen ? pd_strmap_count(ld->seen) : 0;
    if (!ld->seen || pd_strmap_intern(ld->seen, (const char *)key, sizeof key, &id))
      return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
    if (pd_strmap_count(ld->seen) == before)
      return PADAN_OK;
  }
  pd_term *tm = pd_vec_push(&lex->terms);
  if (!tm)
    return pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", ld->name);
  tm->concept = c, tm->lang = l, tm->text = t, tm->pos = p, tm->note = n;
  tm->status = (uint8_t)status;
  tm->base = (PD_VEC_AT(&lex->files, pd_lexfile, PD_LEX_CONCEPT(lex, c)->file).flags &
              PADAN_LEXICON_BASE) != 0;
  tm->line = (uint32_t)line;
  lex->dirty = 1;
  return PADAN_OK;
}

int pd_lexload_first_in_lang(pd_lexload *ld, uint32_t c, const char *lang, size_t langlen) {
  uint32_t l, id;
  if (pd_strmap_intern(&ld->lex->strs, lang, langlen, &l))
    return 0;
  if (!ld->seen && (ld->seen = malloc(sizeof *ld->seen)) != NULL)
    pd_strmap_init(ld->seen);
  uint32_t key[2] = {c, l};
  size_t before = ld->seen ? pd_strmap_count(ld->seen) : 0;
  if (!ld->seen || pd_strmap_intern(ld->seen, (const char *)key, sizeof key, &id))
    return 0;
  return pd_strmap_count(ld->seen) > before;
}

int pd_lexload_end(pd_lexload *ld, int rc) {
  padan_lexicon *lex = ld->lex;
  if (ld->seen) {
    pd_strmap_free(ld->seen);
    free(ld->seen);
    ld->seen = NULL;
  }
  if (rc == PADAN_OK)
    return PADAN_OK;
  /* roll back: the lexicon is as before this file (interned strings stay) */
  lex->concepts.n = ld->nconcepts0;
  lex->terms.n = ld->nterms0;
  if (lex->indexed_terms > ld->nterms0)
    lex->indexed_terms = ld->nterms0;
  pd_lexfile *f = &PD_VEC_AT(&lex->files, pd_lexfile, ld->file);
  free(f->path);
  lex->files.n = ld->file;
  lex->dirty = 1;
  return rc;
}

static int ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  if (n < m)
    return 0;
  for (size_t i = 0; i < m; i++)
    if (pd_ascii_lower((unsigned char)s[n - m + i]) != suf[i])
      return 0;
  return 1;
}

int padan_lexicon_format_from_name(const char *path) {
  if (!path)
    return PADAN_LEXFMT_AUTO;
  if (ends_with(path, ".tsv") || ends_with(path, ".tab"))
    return PADAN_LEXFMT_TSV;
  if (ends_with(path, ".csv"))
    return PADAN_LEXFMT_CSV;
  if (ends_with(path, ".tbx") || ends_with(path, ".xml"))
    return PADAN_LEXFMT_TBX;
  if (ends_with(path, ".index") || ends_with(path, ".dict.dz") || ends_with(path, ".dict"))
    return PADAN_LEXFMT_DICTD;
  if (ends_with(path, ".utf8") || ends_with(path, ".txt"))
    return PADAN_LEXFMT_OMEGAT;
  return PADAN_LEXFMT_AUTO;
}

static int sniff(const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  if (i < len && data[i] == '<')
    return PADAN_LEXFMT_TBX;
  /* first non-comment line: TABs mean TSV (3+ fields with a status-like 4th, or concept ids) */
  size_t tabs = 0, commas = 0;
  for (size_t j = i; j < len && data[j] != '\n'; j++)
    tabs += data[j] == '\t', commas += data[j] == ',';
  if (tabs >= 2 && data[i] != '#')
    return PADAN_LEXFMT_TSV;
  if (data[i] == '#')
    return PADAN_LEXFMT_TSV;
  if (tabs >= 1)
    return PADAN_LEXFMT_OMEGAT;
  if (commas)
    return PADAN_LEXFMT_CSV;
  return PADAN_LEXFMT_TSV;
}

static int load_data(pd_lexload *ld, const char *data, size_t len, int format) {
  if (format == PADAN_LEXFMT_AUTO)
    format = sniff(data, len);
  switch (format) {
  case PADAN_LEXFMT_TSV: return pd_lex_read_tsv(ld, data, len);
  case PADAN_LEXFMT_CSV: return pd_lex_read_csv(ld, data, len, 1, ',');
  case PADAN_LEXFMT_CSV_NOHEADER: return pd_lex_read_csv(ld, data, len, 0, ',');
  case PADAN_LEXFMT_OMEGAT: return pd_lex_read_csv(ld, data, len, 0, '\t');
  case PADAN_LEXFMT_TBX:
  case PADAN_LEXFMT_TBX2: return pd_lex_read_tbx(ld, data, len);
  default: return pd_lex_fail(ld->lex, PADAN_EARG, "%s: unknown lexicon format", ld->name);
  }
}

int padan_lexicon_load_mem(padan_lexicon *lex, const char *name, const char *data, size_t len,
                           int format, unsigned flags) {
  if (!lex || (!data && len))
    return PADAN_EARG;
  if (!name)
    name = "(memory)";
  if (format == PADAN_LEXFMT_DICTD)
    return pd_lex_fail(lex, PADAN_EARG, "%s: dictd is read from files only", name);
  pd_lexload ld;
  int rc = pd_lexload_begin(&ld, lex, name, flags);
  if (rc)
    return rc;
  rc = load_data(&ld, data ? data : "", len, format);
  return pd_lexload_end(&ld, rc);
}

#define SNIFF_BYTES 65536

/* A lexicon read from an open stream, record by record (TBX entry by
 * entry): only one of them is held at a time. */
static int load_stream(padan_lexicon *lex, const char *name, FILE *fp, int format,
                       unsigned flags) {
  pd_lexload ld;
  int rc = pd_lexload_begin(&ld, lex, name, flags);
  if (rc)
    return rc;
  if (format == PADAN_LEXFMT_TSV)
    rc = pd_lex_read_tsv_file(&ld, fp);
  else if (format == PADAN_LEXFMT_TBX || format == PADAN_LEXFMT_TBX2)
    rc = pd_lex_read_tbx_file(&ld, fp);
  else
    rc = pd_lex_read_csv_file(&ld, fp, format == PADAN_LEXFMT_CSV,
                              format == PADAN_LEXFMT_OMEGAT ? '\t' : ',');
  return pd_lexload_end(&ld, rc);
}

/* A stream of p[0..len) followed by the rest of a file that cannot be read
 * again (the bytes sniffed from a pipe, then the pipe). */
typedef struct {
  const char *p;
  size_t len, at;
  FILE *rest;
} prefixed;

static ssize_t prefixed_read(void *cookie, char *buf, size_t n) {
  prefixed *x = cookie;
  if (x->at < x->len) {
    size_t k = x->len - x->at < n ? x->len - x->at : n;
    memcpy(buf, x->p + x->at, k);
    x->at += k;
    return (ssize_t)k;
  }
  size_t k = fread(buf, 1, n, x->rest);
  return k == 0 && ferror(x->rest) ? -1 : (ssize_t)k;
}

int padan_lexicon_load_flags(padan_lexicon *lex, const char *path, int format, unsigned flags) {
  if (!lex || !path)
    return PADAN_EARG;
  if (format == PADAN_LEXFMT_AUTO)
    format = padan_lexicon_format_from_name(path);
  if (format == PADAN_LEXFMT_DICTD) {
    pd_lexload ld;
    int rc = pd_lexload_begin(&ld, lex, path, flags);
    if (rc)
      return rc;
    rc = pd_lex_read_dictd(&ld, path);
    return pd_lexload_end(&ld, rc);
  }
  int in = strcmp(path, "-") == 0;
  const char *name = in ? "(standard input)" : path;
  FILE *fp = in ? stdin : fopen(path, "rb");
  if (!fp)
    return pd_lex_fail(lex, PADAN_EIO, "%s: %s", name, strerror(errno));
  int rc = PADAN_OK;
  if (format == PADAN_LEXFMT_AUTO) {
    /* no known extension: the format is sniffed from the first 64 KiB; a
     * seekable file is then read from its start, anything else (a pipe)
     * through a stream that gives those 64 KiB again before the rest, so
     * that either is read record by record like any other */
    pd_buf head;
    pd_buf_init(&head);
    if (pd_buf_reserve(&head, SNIFF_BYTES)) {
      rc = pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", name);
    } else {
      head.len = fread(head.p, 1, SNIFF_BYTES, fp);
      if (ferror(fp))
        rc = pd_lex_fail(lex, PADAN_EIO, "%s: %s", name, strerror(errno));
    }
    format = sniff(head.p ? head.p : "", head.len);
    if (!rc && fseeko(fp, 0, SEEK_SET) == 0) {
      rc = load_stream(lex, name, fp, format, flags);
    } else if (!rc) {
      prefixed pf = {head.p, head.len, 0, fp};
      FILE *both = fopencookie(&pf, "rb", (cookie_io_functions_t){prefixed_read, NULL, NULL, NULL});
      if (!both) {
        rc = pd_lex_fail(lex, PADAN_ENOMEM, "%s: out of memory", name);
      } else {
        rc = load_stream(lex, name, both, format, flags);
        fclose(both);
      }
    }
    pd_buf_free(&head);
  } else if (format == PADAN_LEXFMT_TSV || format == PADAN_LEXFMT_CSV ||
             format == PADAN_LEXFMT_CSV_NOHEADER || format == PADAN_LEXFMT_OMEGAT ||
             format == PADAN_LEXFMT_TBX || format == PADAN_LEXFMT_TBX2) {
    rc = load_stream(lex, name, fp, format, flags);
  } else {
    rc = pd_lex_fail(lex, PADAN_EARG, "%s: unknown lexicon format", name);
  }
  if (!in)
    fclose(fp);
  return rc;
}

int padan_lexicon_load(padan_lexicon *lex, const char *path, int format) {
  return padan_lexicon_load_flags(lex, path, format, 0);
}

/* ------------------------------------------------------------ saving */

int padan_lexicon_save(padan_lexicon *lex, const char *path, int format) {
  if (!lex || !path)
    return PADAN_EARG;
  if (format == PADAN_LEXFMT_AUTO)
    format = padan_lexicon_format_from_name(path);
  if (format == PADAN_LEXFMT_AUTO)
    format = PADAN_LEXFMT_TSV;
  if (format == PADAN_LEXFMT_DICTD)
    return pd_lex_fail(lex, PADAN_EARG, "%s: cannot write dictd", path);
  int rc = pd_lex_index(lex);
  if (rc)
    return pd_lex_fail(lex, rc, "%s: out of memory", path);
  pd_atomic at;
  if (pd_atomic_open(&at, path))
    return pd_lex_fail(lex, PADAN_EIO, "%s: cannot write: %s", path, strerror(errno));
  switch (format) {
  case PADAN_LEXFMT_TSV: rc = pd_lex_write_tsv(lex, at.fp); break;
  case PADAN_LEXFMT_CSV: rc = pd_lex_write_csv(lex, at.fp, 1); break;
  case PADAN_LEXFMT_CSV_NOHEADER: rc = pd_lex_write_csv(lex, at.fp, 0); break;
  case PADAN_LEXFMT_OMEGAT: rc = pd_lex_write_omegat(lex, at.fp); break;
  case PADAN_LEXFMT_TBX: rc = pd_lex_write_tbx(lex, at.fp, 0); break;
  case PADAN_LEXFMT_TBX2: rc = pd_lex_write_tbx(lex, at.fp, 1); break;
  default: rc = PADAN_EARG;
  }
  if (rc == PADAN_OK && ferror(at.fp))
    rc = PADAN_EIO;
  if (rc) {
    int e = errno;
    pd_atomic_abort(&at);
    if (rc == PADAN_EIO)
      return pd_lex_fail(lex, rc, "%s: write failed: %s", path, strerror(e));
    return pd_lex_fail(lex, rc, "%s: %s", path, padan_strerror(rc));
  }
  if (pd_atomic_commit(&at))
    return pd_lex_fail(lex, PADAN_EIO, "%s: write failed: %s", path, strerror(errno));
  return PADAN_OK;
}

/* ------------------------------------------------------------ access */

size_t padan_lexicon_concept_count(const padan_lexicon *lex) { return lex ? lex->concepts.n : 0; }
size_t padan_lexicon_term_count(const padan_lexicon *lex) { return lex ? lex->terms.n : 0; }

int padan_lexicon_concept_get(padan_lexicon *lex, size_t c, padan_lexicon_concept *out) {
  if (!lex || c >= lex->concepts.n || !out)
    return PADAN_EARG;
  int rc = pd_lex_index(lex);
  if (rc)
    return rc;
  pd_concept *cp = PD_LEX_CONCEPT(lex, c);
  pd_lexfile *f = &PD_VEC_AT(&lex->files, pd_lexfile, cp->file);
  out->concept = c;
  out->id = PD_LEX_STR(lex, cp->id);
  out->domain = PD_LEX_STR(lex, cp->domain);
  out->source = f->path;
  out->base = (f->flags & PADAN_LEXICON_BASE) != 0;
  out->nterms = lex->cstart[c + 1] - lex->cstart[c];
  return PADAN_OK;
}

int padan_lexicon_term_get(const padan_lexicon *lex, size_t t, padan_lexicon_term *out) {
  if (!lex || t >= lex->terms.n || !out)
    return PADAN_EARG;
  const pd_term *tm = &PD_VEC_AT(&lex->terms, pd_term, t);
  const pd_concept *cp = &PD_VEC_AT(&lex->concepts, pd_concept, tm->concept);
  out->term = t;
  out->concept = tm->concept;
  out->lang = PD_LEX_STR(lex, tm->lang);
  out->text = pd_strmap_str(&lex->strs, tm->text, &out->len);
  out->status = tm->status;
  out->pos = PD_LEX_STR(lex, tm->pos);
  out->note = PD_LEX_STR(lex, tm->note);
  out->source = PD_VEC_AT(&lex->files, pd_lexfile, cp->file).path;
  out->line = tm->line;
  return PADAN_OK;
}

int padan_lexicon_concept_term(padan_lexicon *lex, size_t c, size_t k, padan_lexicon_term *out) {
  if (!lex || c >= lex->concepts.n)
    return PADAN_EARG;
  int rc = pd_lex_index(lex);
  if (rc)
    return rc;
  if (k >= lex->cstart[c + 1] - lex->cstart[c])
    return PADAN_EARG;
  return padan_lexicon_term_get(lex, lex->cterms[lex->cstart[c] + k], out);
}

void pd_lex_concept_terms(padan_lexicon *lex, size_t c, const uint32_t **terms, size_t *n) {
  *terms = lex->cterms + lex->cstart[c];
  *n = lex->cstart[c + 1] - lex->cstart[c];
}

int padan_lexicon_add(padan_lexicon *lex, const char *source, const char *concept_id,
                      const char *domain, const char *lang, const char *text, int status,
                      const char *pos, const char *note) {
  if (!lex || !concept_id || !lang || !text || !*text || !*lang)
    return PADAN_EARG;
  if (status < PADAN_TERM_PREFERRED || status > PADAN_TERM_DEPRECATED)
    return PADAN_EARG;
  if (!source)
    source = "(added)";
  /* reuse the last file when it has the same name, else register one */
  pd_lexload ld;
  ld.lex = lex;
  ld.name = source;
  ld.flags = 0;
  ld.seen = NULL;
  ld.last_c = ld.last_cid = 0;
  memset(ld.cache, 0, sizeof ld.cache);
  ld.nconcepts0 = lex->concepts.n;
  ld.nterms0 = lex->terms.n;
  uint32_t file = UINT32_MAX;
  for (size_t i = lex->files.n; i-- > 0;)
    if (strcmp(PD_VEC_AT(&lex->files, pd_lexfile, i).path, source) == 0) {
      file = (uint32_t)i;
      break;
    }
  if (file == UINT32_MAX) {
    int rc = pd_lexload_begin(&ld, lex, source, 0);
    if (rc)
      return rc;
    file = ld.file;
  }
  ld.file = file;
  /* find the concept in that file */
  uint32_t c = UINT32_MAX;
  uint32_t sid = pd_strmap_find(&lex->strs, concept_id, strlen(concept_id));
  if (sid)
    for (size_t i = lex->concepts.n; i-- > 0;) {
      pd_concept *cp = PD_LEX_CONCEPT(lex, i);
      if (cp->id == sid && cp->file == file) {
        c = (uint32_t)i;
        break;
      }
    }
  if (c == UINT32_MAX) {
    uint32_t id;
    if (pd_strmap_intern(&lex->strs, concept_id, strlen(concept_id), &id))
      return PADAN_ENOMEM;
    pd_concept *cp = pd_vec_push(&lex->concepts);
    if (!cp)
      return PADAN_ENOMEM;
    cp->id = id;
    cp->file = file;
    c = (uint32_t)(lex->concepts.n - 1);
  }
  int rc = pd_lexload_domain(&ld, c, domain ? domain : "", domain ? strlen(domain) : 0, 0);
  if (!rc)
    rc = pd_lexload_term(&ld, c, lang, strlen(lang), text, strlen(text), status, pos ? pos : "",
                         pos ? strlen(pos) : 0, note ? note : "", note ? strlen(note) : 0, 0, 0);
  lex->dirty = 1;
  return rc;
}

/* ------------------------------------------------------------ pairs */

int pd_lex_pairs(padan_lexicon *lex, size_t c, pd_vec *out) {
  const uint32_t *ts;
  size_t n;
  pd_lex_concept_terms(lex, c, &ts, &n);
  out->n = 0;
  uint32_t lid = pd_strmap_find(&lex->strs, "id", 2), len_ = pd_strmap_find(&lex->strs, "en", 2);
  uint32_t pid = 0, pen = 0; /* term + 1 */
  int rid = 9, ren = 9;
  for (size_t k = 0; k < n; k++) {
    pd_term *t = PD_LEX_TERM(lex, ts[k]);
    int r = t->status == PADAN_TERM_PREFERRED ? 0 : t->status == PADAN_TERM_ADMITTED ? 1 : 2;
    if (t->lang == lid && lid && r < rid)
      rid = r, pid = ts[k] + 1;
    if (t->lang == len_ && len_ && r < ren)
      ren = r, pen = ts[k] + 1;
  }
  for (size_t k = 0; k < n; k++) {
    pd_term *t = PD_LEX_TERM(lex, ts[k]);
    if (t->lang == lid && lid) {
      pd_lex_pair *p = pd_vec_push(out);
      if (!p)
        return PADAN_ENOMEM;
      p->id_term = ts[k] + 1, p->en_term = pen;
    }
  }
  for (size_t k = 0; k < n; k++) {
    pd_term *t = PD_LEX_TERM(lex, ts[k]);
    if (t->lang == len_ && len_ && ts[k] + 1 != pen) {
      pd_lex_pair *p = pd_vec_push(out);
      if (!p)
        return PADAN_ENOMEM;
      p->id_term = pid, p->en_term = ts[k] + 1;
    }
  }
  if (!pid && pen && out->n == 0) {
    pd_lex_pair *p = pd_vec_push(out);
    if (!p)
      return PADAN_ENOMEM;
    p->id_term = 0, p->en_term = pen;
  }
  return PADAN_OK;
}
