/* Unit tests of lexicon/: formats, errors, lookup, lint. */
#include "config.h"
#include "tests.h"
#include <padan/lexicon.h>
#include "lexicon/lexicon_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static padan_lexicon *load_small(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_PTR_NOT_NULL_FATAL(lex);
  int rc = padan_lexicon_load(lex, test_fixture("lexicon/small.tsv"), PADAN_LEXFMT_AUTO);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  if (rc)
    fprintf(stderr, "%s\n", padan_lexicon_errmsg(lex));
  return lex;
}

/* The English equivalents (preferred first in file order) of the best hit, as "a|b". */
static void first_hit(padan_lexicon *lex, const char *lang, const char *q, int *match, int *dist,
                      char *out, size_t outsz) {
  padan_lexicon_hit h[8];
  size_t n = 0;
  out[0] = '\0';
  *match = 0, *dist = -1;
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, lang, q, strlen(q), 0, h, 8, &n), PADAN_OK);
  if (!n)
    return;
  *match = h[0].match, *dist = h[0].distance;
  padan_lexicon_term t;
  CU_ASSERT_EQUAL(padan_lexicon_term_get(lex, h[0].term, &t), PADAN_OK);
  snprintf(out, outsz, "%.*s", (int)t.len, t.text);
}

static void test_tsv_load(void) {
  padan_lexicon *lex = load_small();
  CU_ASSERT_EQUAL(padan_lexicon_concept_count(lex), 5);
  CU_ASSERT_EQUAL(padan_lexicon_term_count(lex), 16);
  padan_lexicon_concept c;
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_get(lex, 1, &c), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(c.id, "c2");
  CU_ASSERT_STRING_EQUAL(c.domain, "organization");
  CU_ASSERT_EQUAL(c.nterms, 4);
  padan_lexicon_term t;
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_term(lex, 1, 1, &t), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(t.text, "PBB");
  CU_ASSERT_STRING_EQUAL(t.lang, "id");
  CU_ASSERT_EQUAL(t.status, PADAN_TERM_ADMITTED);
  CU_ASSERT_STRING_EQUAL(t.pos, "abbr");
  CU_ASSERT_EQUAL(t.line, 7);
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_term(lex, 0, 2, &t), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(t.note, "British spelling");
  padan_lexicon_free(lex);
  padan_lexicon_free(NULL);
}

static void expect_error(const char *fixture, int format, int status, const char *msg) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_EQUAL(padan_lexicon_load(lex, test_fixture(fixture), format), status);
  const char *m = padan_lexicon_errmsg(lex);
  if (!strstr(m, msg)) {
    fprintf(stderr, "\n  message '%s' lacks '%s'\n", m, msg);
    CU_FAIL("error message");
  }
  /* the failed file left nothing behind */
  CU_ASSERT_EQUAL(padan_lexicon_term_count(lex), 0);
  CU_ASSERT_EQUAL(padan_lexicon_concept_count(lex), 0);
  padan_lexicon_free(lex);
}

static void test_errors(void) {
  expect_error("lexicon/bad_status.tsv", PADAN_LEXFMT_AUTO, PADAN_EFORMAT,
               "bad_status.tsv:3: unknown status 'preferd'");
  expect_error("lexicon/missing_cols.tsv", PADAN_LEXFMT_AUTO, PADAN_EFORMAT,
               "missing_cols.tsv:3: missing columns");
  expect_error("lexicon/bad_status.tbx", PADAN_LEXFMT_AUTO, PADAN_EFORMAT,
               "bad_status.tbx:9: unknown administrativeStatus 'bogusTerm-admn-sts'");
  expect_error("lexicon/broken.tbx", PADAN_LEXFMT_AUTO, PADAN_EFORMAT, "broken.tbx:5: bad XML");
  expect_error("lexicon/no-such-file.tsv", PADAN_LEXFMT_AUTO, PADAN_EIO, "no-such-file.tsv: ");
  padan_lexicon *lex = padan_lexicon_new();
  static const char bad_utf8[] = "c1\tid\tpera\xffng\tpreferred\n";
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "mem.tsv", bad_utf8, sizeof bad_utf8 - 1,
                                         PADAN_LEXFMT_TSV, 0), PADAN_EUTF8);
  CU_ASSERT_STRING_EQUAL(padan_lexicon_errmsg(lex),
                         "mem.tsv:1: invalid UTF-8 (byte 0xFF): padan reads lexicons in UTF-8 "
                         "(from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)");
  static const char csv_quote[] = "id_term,en_term\nperang,\"war\n";
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "q.csv", csv_quote, sizeof csv_quote - 1,
                                         PADAN_LEXFMT_CSV, 0), PADAN_EFORMAT);
  CU_ASSERT_STRING_EQUAL(padan_lexicon_errmsg(lex), "q.csv:2: unterminated quoted field");
  static const char csv_status[] = "id_term,en_term,en_status\nperang,war,preferred\n"
                                   "bom,bomb,maybe\n";
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "s.csv", csv_status, sizeof csv_status - 1,
                                         PADAN_LEXFMT_CSV, 0), PADAN_EFORMAT);
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_lexicon_errmsg(lex), "s.csv:3: unknown status 'maybe'"));
  CU_ASSERT_EQUAL(padan_lexicon_term_count(lex), 0);
  padan_lexicon_free(lex);
}


/* A .tsv file is read line by line: the same rows as from memory (BOM, CRLF,
 * comments, a last line without LF, a NUL byte, errors with their line). */
static void test_tsv_file_stream(void) {
  static const char data[] = "\xEF\xBB\xBF#c\tl\tt\r\nc1\tid\tperang\tpreferred\r\n\r\n"
                             "c1\ten\twar\tpreferred\tnoun\tnote\tmil\nc2\tid\tbom";
  static const char bad[] = "c1\tid\tperang\nc1\ten\twar\tmaybe\n";
  static const char nul[] = "c1\tid\tper\0ang\n";
  /* CR alone ends a line too (old Mac files): before, the whole file was one row */
  static const char cr[] = "#c\tl\tt\rc1\tid\tperang\tpreferred\r\r\nc1\ten\twar\tmaybe\r";
  const char *datas[4] = {data, bad, nul, cr};
  size_t lens[4] = {sizeof data - 1, sizeof bad - 1, sizeof nul - 1, sizeof cr - 1};
  int want[4] = {PADAN_OK, PADAN_EFORMAT, PADAN_EBINARY, PADAN_EFORMAT};
  for (int k = 0; k < 4; k++) {
    char path[] = "/tmp/padan-lex-XXXXXX.tsv";
    int fd = mkstemps(path, 4);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(write(fd, datas[k], lens[k]) == (ssize_t)lens[k]);
    close(fd);
    padan_lexicon *a = padan_lexicon_new(), *b = padan_lexicon_new();
    CU_ASSERT_EQUAL(padan_lexicon_load(a, path, PADAN_LEXFMT_AUTO), want[k]);
    CU_ASSERT_EQUAL(padan_lexicon_load_mem(b, path, datas[k], lens[k], PADAN_LEXFMT_TSV, 0),
                    want[k]);
    CU_ASSERT_STRING_EQUAL(padan_lexicon_errmsg(a), padan_lexicon_errmsg(b));
    CU_ASSERT_EQUAL(padan_lexicon_term_count(a), padan_lexicon_term_count(b));
    if (k == 0) {
      CU_ASSERT_EQUAL(padan_lexicon_term_count(a), 3);
      padan_lexicon_term t;
      CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_term(a, 0, 1, &t), PADAN_OK);
      CU_ASSERT_STRING_EQUAL(t.text, "war");
      CU_ASSERT_STRING_EQUAL(t.note, "note");
      CU_ASSERT_EQUAL(t.line, 4);
      CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_term(a, 1, 0, &t), PADAN_OK);
      CU_ASSERT_STRING_EQUAL(t.text, "bom");
    }
    if (k == 1)
      CU_ASSERT_PTR_NOT_NULL(strstr(padan_lexicon_errmsg(a), ".tsv:2: unknown status 'maybe'"));
    if (k == 3)
      CU_ASSERT_PTR_NOT_NULL(strstr(padan_lexicon_errmsg(a), ".tsv:4: unknown status 'maybe'"));
    padan_lexicon_free(a);
    padan_lexicon_free(b);
    unlink(path);
  }
}

/* The whole of a file (malloc'd). */
static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  char *b = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap = 2 * (n + 4096 + 1);
      b = realloc(b, cap);
      CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    }
    size_t got = fread(b + n, 1, 4096, fp);
    if (!got)
      break;
    n += got;
  }
  b[n] = '\0';
  fclose(fp);
  return b;
}

/* CSV and OmegaT files are read record by record in chunks of 64 KiB (and
 * here of 5 bytes too): the same lexicon (saved as TSV, byte for byte) and the
 * same errors with their lines as from memory, with quoted fields, "" and CRLF
 * across chunk ends. */
static void test_csv_file_stream(void) {
  size_t cap = 1 << 20, n = 0;
  char *big = malloc(cap), *gl = malloc(cap), *bad = malloc(cap);
  CU_ASSERT_FATAL(big && gl && bad);
  n = (size_t)snprintf(big, cap, "\xEF\xBB\xBFid_term,en_term,comment,en_status\r\n");
  for (int i = 0; n < 300000; i++)
    n += (size_t)snprintf(big + n, cap - n,
                          i % 3 ? "kata %d,word %d,\"a \"\"q\"\"\r\nb, c\",admitted\r\n\r\n"
                                : "\"kata, %d\",\" word %dx\" ,,deprecated\n",
                          i, i);
  size_t nbig = n;
  n = 0;
  for (int i = 0; n < 200000; i++)
    n += (size_t)snprintf(gl + n, cap - n, i % 5 ? "istilah %d\tterm %d\tcatatan %d\r\n"
                                                 : "# komentar %d\n\nistilah\t\"t %d\"\t%d\n",
                          i, i, i);
  size_t ngl = n;
  memcpy(bad, big, nbig);
  n = nbig + (size_t)snprintf(bad + nbig, cap - nbig, "x,y,z,maybe\n");
  size_t nbad = n;
  memcpy(bad + nbad, big, nbig);
  size_t nunterm = nbig + (size_t)snprintf(bad + nbad + nbig, cap - nbad - nbig, "x,\"y\n\n");
  static const char small[] = "perang,war,c\n\"ab\",\"c\"\"\",\n,\n";
  static const char nul[] = "id_term,en_term\nper\0ang,war\n";
  static const char utf[] = "id_term,en_term\nper\xff" "ang,war\n";
  static const char nohdr[] = "foo,bar\nperang,war\n";
  /* RFC 4180: a quote around a whole field only (both were read as text before) */
  static const char afterq[] = "id_term,en_term\nperang,war\n\"x\"y,z\n";
  static const char strayq[] = "id_term,en_term\r\nx\"y,z\r\n";
  static const char dupcol[] = "id_term,en_term,source\nperang,war,x\n";
  const struct {
    const char *data;
    size_t len;
    int fmt;
    const char *ext;
    int want;
    const char *msg;
  } cases[] = {
      {big, nbig, PADAN_LEXFMT_CSV, ".csv", PADAN_OK, NULL},
      {gl, ngl, PADAN_LEXFMT_OMEGAT, ".txt", PADAN_OK, NULL},
      {big, nbig, PADAN_LEXFMT_CSV_NOHEADER, ".csv", PADAN_OK, NULL},
      {small, sizeof small - 1, PADAN_LEXFMT_CSV_NOHEADER, ".csv", PADAN_EFORMAT,
       ".csv:3: missing columns"},
      {bad, nbad, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT, "unknown status 'maybe'"},
      {bad + nbad, nunterm, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT, "unterminated quoted field"},
      {nul, sizeof nul - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_OK, NULL},
      {utf, sizeof utf - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_EUTF8, ".csv:2: invalid UTF-8"},
      {nohdr, sizeof nohdr - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT, ".csv:1: the CSV header"},
      {afterq, sizeof afterq - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT,
       ".csv:3: text after the closing quote"},
      {strayq, sizeof strayq - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT,
       ".csv:2: a quote inside an unquoted field"},
      {dupcol, sizeof dupcol - 1, PADAN_LEXFMT_CSV, ".csv", PADAN_EFORMAT,
       ".csv:1: duplicate column 'source'"},
      {"", 0, PADAN_LEXFMT_OMEGAT, ".txt", PADAN_OK, NULL},
  };
  size_t chunk = pd_lex_csv_chunk;
  for (size_t i = 0; i < 2 * sizeof cases / sizeof *cases; i++) {
    size_t k = i / 2;
    pd_lex_csv_chunk = i % 2 ? 5 : chunk;
    char path[] = "/tmp/padan-lex-XXXXXX.csv", out[64];
    memcpy(path + sizeof path - 5, cases[k].ext, 4);
    int fd = mkstemps(path, 4);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(write(fd, cases[k].data, cases[k].len) == (ssize_t)cases[k].len);
    close(fd);
    padan_lexicon *a = padan_lexicon_new(), *b = padan_lexicon_new();
    int rc = padan_lexicon_load(a, path, cases[k].fmt);
    CU_ASSERT_EQUAL(rc, cases[k].want);
    if (rc != cases[k].want)
      fprintf(stderr, "\ncase %zu: %d %s\n", k, rc, padan_lexicon_errmsg(a));
    CU_ASSERT_EQUAL(padan_lexicon_load_mem(b, path, cases[k].data, cases[k].len, cases[k].fmt, 0),
                    cases[k].want);
    CU_ASSERT_STRING_EQUAL(padan_lexicon_errmsg(a), padan_lexicon_errmsg(b));
    if (cases[k].msg)
      CU_ASSERT_PTR_NOT_NULL(strstr(padan_lexicon_errmsg(a), cases[k].msg));
    CU_ASSERT_EQUAL(padan_lexicon_term_count(a), padan_lexicon_term_count(b));
    if (k < 2)
      CU_ASSERT(padan_lexicon_term_count(a) > 5000);
    snprintf(out, sizeof out, "%s.tsv", path);
    CU_ASSERT_EQUAL(padan_lexicon_save(a, out, PADAN_LEXFMT_TSV), PADAN_OK);
    char *ta = slurp(out);
    CU_ASSERT_EQUAL(padan_lexicon_save(b, out, PADAN_LEXFMT_TSV), PADAN_OK);
    char *tb = slurp(out);
    CU_ASSERT_STRING_EQUAL(ta, tb);
    free(ta);
    free(tb);
    unlink(out);
    padan_lexicon_free(a);
    padan_lexicon_free(b);
    unlink(path);
  }
  pd_lex_csv_chunk = chunk;
  free(big);
  free(gl);
  free(bad);
}

/* Sorted TSV data lines of a lexicon saved to path. */
static char *saved_sorted(padan_lexicon *lex, const char *tmpl) {
  char path[256], cmd[600];
  snprintf(path, sizeof path, "%s", tmpl);
  CU_ASSERT_EQUAL(padan_lexicon_save(lex, path, PADAN_LEXFMT_TSV), PADAN_OK);
  snprintf(cmd, sizeof cmd, "grep -v '^#' %s | LC_ALL=C sort", path);
  FILE *p = popen(cmd, "r");
  static char buf[3][8192];
  static int slot;
  char *b = buf[slot++ % 3];
  size_t n = p ? fread(b, 1, sizeof buf[0] - 1, p) : 0;
  b[n] = '\0';
  if (p)
    pclose(p);
  unlink(path);
  return b;
}

static void test_round_trips(void) {
  padan_lexicon *lex = load_small();
  char dir[] = "/tmp/padan-lex-XXXXXX";
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  char p1[300], p2[300], p3[300], p4[300];
  snprintf(p1, sizeof p1, "%s/a.tsv", dir);
  char *orig = saved_sorted(lex, p1);
  /* pos propn is written to TBX as noun: compare after the same mapping */
  static const struct {
    const char *ext;
    int fmt;
  } fmts[] = {{"tbx", PADAN_LEXFMT_TBX}, {"tbx", PADAN_LEXFMT_TBX2}, {"csv", PADAN_LEXFMT_CSV}};
  for (size_t f = 0; f < 3; f++) {
    snprintf(p2, sizeof p2, "%s/b.%s", dir, fmts[f].ext);
    CU_ASSERT_EQUAL_FATAL(padan_lexicon_save(lex, p2, fmts[f].fmt), PADAN_OK);
    padan_lexicon *back = padan_lexicon_new();
    int rc = padan_lexicon_load(back, p2, PADAN_LEXFMT_AUTO);
    CU_ASSERT_EQUAL(rc, PADAN_OK);
    if (rc)
      fprintf(stderr, "\n%s\n", padan_lexicon_errmsg(back));
    CU_ASSERT_EQUAL(padan_lexicon_term_count(back), 16);
    snprintf(p3, sizeof p3, "%s/c.tsv", dir);
    char *again = saved_sorted(back, p3);
    if (fmts[f].fmt == PADAN_LEXFMT_CSV) {
      CU_ASSERT_STRING_EQUAL(again, orig);
    } else {
      /* identical except propn -> noun */
      char expect[8192];
      size_t o = 0;
      for (const char *s = orig; *s && o < sizeof expect - 1;) {
        if (strncmp(s, "\tpropn\t", 7) == 0) {
          memcpy(expect + o, "\tnoun\t", 6), o += 6, s += 7;
        } else {
          expect[o++] = *s++;
        }
      }
      expect[o] = '\0';
      CU_ASSERT_STRING_EQUAL(again, expect);
    }
    padan_lexicon_free(back);
    unlink(p2);
  }
  /* header-less CSV (OmegaT): pairs grouped by the Indonesian term */
  snprintf(p4, sizeof p4, "%s/d.csv", dir);
  CU_ASSERT_EQUAL(padan_lexicon_save(lex, p4, PADAN_LEXFMT_CSV_NOHEADER), PADAN_OK);
  padan_lexicon *nh = padan_lexicon_new();
  CU_ASSERT_EQUAL(padan_lexicon_load(nh, p4, PADAN_LEXFMT_CSV_NOHEADER), PADAN_OK);
  int m, d;
  char out[256];
  first_hit(nh, "id", "Korut", &m, &d, out, sizeof out);
  CU_ASSERT_STRING_EQUAL(out, "Korut");
  first_hit(nh, "en", "defence treaty", &m, &d, out, sizeof out);
  CU_ASSERT_STRING_EQUAL(out, "defence treaty");
  padan_lexicon_free(nh);
  unlink(p4);
  rmdir(dir);
  padan_lexicon_free(lex);
}

static void test_tbx_v2_read(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_load(lex, test_fixture("lexicon/v2.tbx"), 0), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_term_count(lex), 2);
  padan_lexicon_term t;
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_concept_term(lex, 0, 1, &t), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(t.text, "missile");
  CU_ASSERT_STRING_EQUAL(t.pos, "noun");
  CU_ASSERT_STRING_EQUAL(t.note, "a guided weapon");
  padan_lexicon_concept c;
  CU_ASSERT_EQUAL(padan_lexicon_concept_get(lex, 0, &c), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(c.id, "e1");
  CU_ASSERT_STRING_EQUAL(c.domain, "defense");
  padan_lexicon_free(lex);
}

static void test_lookup(void) {
  padan_lexicon *lex = load_small();
  int m, d;
  char out[256];
  first_hit(lex, "id", "PBB", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_EXACT);
  CU_ASSERT_STRING_EQUAL(out, "PBB");
  first_hit(lex, "id", "perserikatan bangsa-bangsa", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_CASE);
  CU_ASSERT_STRING_EQUAL(out, "Perserikatan Bangsa-Bangsa");
  first_hit(lex, "id", "perjanjian-perjanjian pertahanan", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_LEMMA);
  CU_ASSERT_STRING_EQUAL(out, "perjanjian pertahanan");
  first_hit(lex, "id", "pemerintahnya", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_LEMMA);
  CU_ASSERT_STRING_EQUAL(out, "pemerintah");
  /* no Hunspell roots: pemerintah never finds perintah, and the reverse */
  first_hit(lex, "id", "perintah", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_EXACT);
  CU_ASSERT_STRING_EQUAL(out, "perintah");
  padan_lexicon_hit h[4];
  size_t n;
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "id", "pemerintah", 10, 0, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 1);
  /* fuzzy: a typo, within one edit */
  first_hit(lex, "id", "perjanjan pertahanan", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_FUZZY);
  CU_ASSERT_EQUAL(d, 1);
  CU_ASSERT_STRING_EQUAL(out, "perjanjian pertahanan");
  /* transposition counts as one edit */
  first_hit(lex, "en", "goverment", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_FUZZY);
  CU_ASSERT_STRING_EQUAL(out, "government");
  first_hit(lex, "en", "govrenment", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_FUZZY);
  CU_ASSERT_EQUAL(d, 1);
  /* short words get no fuzzy match; unrelated words none */
  first_hit(lex, "id", "PBX", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, 0);
  first_hit(lex, "id", "kapal selam", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, 0);
  /* fuzzy can be turned off */
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "en", "goverment", 9, PADAN_LOOKUP_EXACT |
                  PADAN_LOOKUP_CASE | PADAN_LOOKUP_LEMMA, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 0);
  /* English -> Indonesian */
  first_hit(lex, "en", "dprk", &m, &d, out, sizeof out);
  CU_ASSERT_EQUAL(m, PADAN_MATCH_CASE);
  CU_ASSERT_STRING_EQUAL(out, "DPRK");
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "en", "North Korea", 11, 0, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  padan_lexicon_concept c;
  CU_ASSERT_EQUAL(padan_lexicon_concept_get(lex, h[0].concept, &c), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(c.id, "c5");
  /* an unknown language finds nothing, without error */
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "fr", "PBB", 3, 0, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 0);
  padan_lexicon_free(lex);
}

static void test_base_rank(void) {
  padan_lexicon *lex = padan_lexicon_new();
  static const char base[] = "b1\tid\tpemerintah\tpreferred\nb1\ten\tgovernance\tpreferred\n";
  static const char cur[] = "c1\tid\tPemerintah\tpreferred\nc1\ten\tgovernment\tpreferred\n";
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "base", base, sizeof base - 1, 0,
                                         PADAN_LEXICON_BASE), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "cur", cur, sizeof cur - 1, 0, 0), PADAN_OK);
  padan_lexicon_hit h[4];
  size_t n;
  /* exact in the base only; the curated case match is not tried (first stage wins) */
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "id", "Pemerintah", 10, 0, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(n, 1);
  CU_ASSERT_EQUAL(h[0].base, 0);
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "id", "PEMERINTAH", 10, 0, h, 4, &n), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(n, 2);
  CU_ASSERT_EQUAL(h[0].base, 0); /* curated first */
  CU_ASSERT_EQUAL(h[1].base, 1);
  padan_lexicon_free(lex);
}

typedef struct {
  char kinds[2048];
} lintacc;

static void on_finding(const padan_lexicon_finding *f, void *ud) {
  lintacc *a = ud;
  char tmp[256];
  snprintf(tmp, sizeof tmp, "%s@%zu ", f->kind, f->line);
  strncat(a->kinds, tmp, sizeof a->kinds - strlen(a->kinds) - 1);
}

static void test_lint(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_EQUAL_FATAL(padan_lexicon_load(lex, test_fixture("lexicon/lint.tsv"), 0), PADAN_OK);
  lintacc a = {""};
  size_t n = 0;
  CU_ASSERT_EQUAL(padan_lexicon_lint(lex, on_finding, &a, &n), PADAN_OK);
  static const char *const want[] = {"domain-conflict@2", "multi-concept@4",
                                     "no-preferred@6",    "whitespace@6",
                                     "status-conflict@7", "case-duplicate@11",
                                     "multi-concept@8", "no-preferred@3", NULL};
  for (size_t i = 0; want[i]; i++) {
    char w[64];
    snprintf(w, sizeof w, "%s ", want[i]);
    if (!strstr(a.kinds, w)) {
      fprintf(stderr, "\n  lint lacks %s in: %s\n", want[i], a.kinds);
      CU_FAIL("lint finding");
    }
  }
  CU_ASSERT(n >= 7);
  padan_lexicon_free(lex);
  /* a clean lexicon has no findings */
  lex = load_small();
  CU_ASSERT_EQUAL(padan_lexicon_lint(lex, NULL, NULL, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 0);
  padan_lexicon_free(lex);
}

static void test_save_keeps_old_file(void) {
  padan_lexicon *lex = load_small();
  char dir[] = "/tmp/padan-lex-XXXXXX";
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  char p[300];
  snprintf(p, sizeof p, "%s/old.tsv", dir);
  FILE *fp = fopen(p, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  fputs("old\n", fp);
  fclose(fp);
  /* dictd cannot be written: the call fails and the file stays */
  CU_ASSERT_EQUAL(padan_lexicon_save(lex, p, PADAN_LEXFMT_DICTD), PADAN_EARG);
  char buf[16] = "";
  fp = fopen(p, "r");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof buf, fp));
  fclose(fp);
  CU_ASSERT_STRING_EQUAL(buf, "old\n");
  /* a missing directory: EIO naming the file */
  char q[320];
  snprintf(q, sizeof q, "%s/nodir/x.tsv", dir);
  CU_ASSERT_EQUAL(padan_lexicon_save(lex, q, PADAN_LEXFMT_TSV), PADAN_EIO);
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_lexicon_errmsg(lex), "nodir/x.tsv"));
  unlink(p);
  rmdir(dir);
  padan_lexicon_free(lex);
}

static void test_add_api(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, NULL, "k1", "defense", "id", "kapal selam",
                                    PADAN_TERM_PREFERRED, "noun", NULL), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, NULL, "k1", NULL, "en", "submarine",
                                    PADAN_TERM_PREFERRED, NULL, NULL), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, NULL, "k1", NULL, "en", "", PADAN_TERM_PREFERRED, NULL,
                                    NULL), PADAN_EARG);
  CU_ASSERT_EQUAL(padan_lexicon_concept_count(lex), 1);
  CU_ASSERT_EQUAL(padan_lexicon_term_count(lex), 2);
  padan_lexicon_hit h[2];
  size_t n;
  CU_ASSERT_EQUAL(padan_lexicon_lookup(lex, "en", "Submarine", 9, 0, h, 2, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 1);
  padan_lexicon_free(lex);
}

int suite_lexicon(void) {
  CU_pSuite s = CU_add_suite("lexicon", NULL, NULL);
  if (!s)
    return -1;
  if (!CU_add_test(s, "TSV load", test_tsv_load) || !CU_add_test(s, "errors", test_errors) ||
      !CU_add_test(s, "TSV file read line by line", test_tsv_file_stream) ||
      !CU_add_test(s, "CSV and OmegaT files read record by record", test_csv_file_stream) ||
      !CU_add_test(s, "round trips TSV-TBX-CSV", test_round_trips) ||
      !CU_add_test(s, "TBX v2 read", test_tbx_v2_read) ||
      !CU_add_test(s, "lookup", test_lookup) || !CU_add_test(s, "base rank", test_base_rank) ||
      !CU_add_test(s, "lint", test_lint) ||
      !CU_add_test(s, "save keeps old file", test_save_keeps_old_file) ||
      !CU_add_test(s, "add API", test_add_api))
    return -1;
  return 0;
}
