/* Unit tests of report/: compositional translation, lexicon-term scanning,
 * HTML escaping, JSON validity. */
#include "config.h"
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <padan/glossary.h>
#include <padan/lexicon.h>
#include "common/util.h"

static padan_lexicon *small_lexicon(void) {
  padan_lexicon *lex = padan_lexicon_new();
  static const char *rows[][5] = {
      /* concept, lang, text, status, pos */
      {"w1", "id", "perjanjian", "preferred", "noun"},  {"w1", "en", "treaty", "preferred", "noun"},
      {"w1", "en", "agreement", "admitted", "noun"},    {"w2", "id", "pertahanan", "preferred", "noun"},
      {"w2", "en", "defense", "preferred", "noun"},     {"w2", "en", "defence", "admitted", "noun"},
      {"w3", "id", "bersama", "preferred", "adj"},      {"w3", "en", "mutual", "preferred", "adj"},
      {"w4", "id", "kemitraan", "preferred", "noun"},   {"w4", "en", "partnership", "preferred", "noun"},
      {"w5", "id", "strategis", "preferred", "adj"},    {"w5", "en", "strategic", "preferred", "adj"},
      {"w6", "id", "komprehensif", "preferred", "adj"}, {"w6", "en", "comprehensive", "preferred", "adj"},
      {"p1", "id", "Dewan Keamanan PBB", "preferred", "propn"},
      {"p1", "en", "UN Security Council", "preferred", "propn"},
      {"w7", "id", "resolusi", "preferred", "noun"},    {"w7", "en", "resolution", "preferred", "noun"},
      {"w8", "id", "kunjungan", "preferred", "noun"},   {"w8", "en", "visit", "preferred", "noun"},
      {"w9", "id", "perang", "preferred", "noun"},      {"w9", "en", "war", "preferred", "noun"},
      {"w10", "id", "dunia", "preferred", "noun"},      {"w10", "en", "world", "preferred", "noun"},
      {"w11", "id", "pasal", "preferred", "noun"},      {"w11", "en", "article", "preferred", "noun"},
      {"w12", "id", "kerja sama", "preferred", "noun"}, {"w12", "en", "cooperation", "preferred", "noun"},
      {"w13", "id", "militer", "preferred", "adj"},     {"w13", "en", "military", "preferred", "adj"},
      {"c1", "id", "Korea Utara", "preferred", "propn"}, {"c1", "id", "Korut", "admitted", "abbr"},
      {"c1", "en", "North Korea", "preferred", "propn"}, {"c1", "en", "DPRK", "admitted", "abbr"},
      {"c2", "id", "Amerika Serikat", "preferred", "propn"}, {"c2", "id", "AS", "admitted", "abbr"},
      {"c2", "en", "United States", "preferred", "propn"},
      {"c3", "id", "perjanjian pertahanan bersama", "preferred", "noun"},
      {"c3", "en", "mutual defense treaty", "preferred", "noun"},
      {"c4", "id", "Rodong Simun", "deprecated", "propn"}, {"c4", "id", "Rodong Sinmun", "preferred", "propn"},
      {"c4", "en", "Rodong Sinmun", "preferred", "propn"},
      {"c5", "id", "kemitraan strategis komprehensif", "preferred", "noun"},
      {"c5", "en", "comprehensive strategic partnership", "preferred", "noun"},
      {"c5", "en", "strategic comprehensive partnership", "deprecated", "noun"},
      {"w14", "id", "partai", "preferred", "noun"},     {"w14", "en", "party", "preferred", "noun"},
      {"w15", "id", "pembebasan", "preferred", "noun"}, {"w15", "en", "liberation", "preferred", "noun"},
      {"w16", "id", "kakek", "preferred", "noun"},      {"w16", "en", "grandfather", "preferred", "noun"},
      {"w17", "id", "negara", "preferred", "noun"},     {"w17", "en", "country", "preferred", "noun"},
      {"w18", "id", "anggota", "preferred", "noun"},    {"w18", "en", "member", "preferred", "noun"},
      {"w19", "id", "perdamaian", "preferred", "noun"}, {"w19", "en", "peace", "preferred", "noun"},
      {"w20", "id", "keamanan", "preferred", "noun"},   {"w20", "en", "security", "preferred", "noun"},
      {"w21", "id", "presiden", "preferred", "noun"},   {"w21", "en", "president", "preferred", "noun"},
      {"w22", "id", "latihan", "preferred", "noun"},    {"w22", "en", "exercise", "preferred", "noun"},
      {"w23", "id", "dewan", "preferred", "noun"},      {"w23", "en", "council", "preferred", "noun"},
      {"w24", "id", "laut", "preferred", "noun"},       {"w24", "en", "sea", "preferred", "noun"},
      {"w25", "id", "selatan", "preferred", "adj"},     {"w25", "en", "south", "preferred", "adj"},
      {"c6", "id", "Rusia", "preferred", "propn"},      {"c6", "en", "Russia", "preferred", "propn"},
      /* phrases from which words are derived: bersama = joint, Rusia as a modifier = Russian */
      {"c7", "id", "militer Rusia", "preferred", "noun"}, {"c7", "en", "Russian military", "preferred", "noun"},
      {"c8", "id", "latihan gabungan", "preferred", "noun"}, {"c8", "en", "joint exercise", "preferred", "noun"},
      {"c9", "id", "resolusi gabungan", "preferred", "noun"}, {"c9", "en", "joint resolution", "preferred", "noun"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    int st = strcmp(rows[i][3], "preferred") == 0  ? PADAN_TERM_PREFERRED
             : strcmp(rows[i][3], "admitted") == 0 ? PADAN_TERM_ADMITTED
                                                   : PADAN_TERM_DEPRECATED;
    CU_ASSERT_EQUAL_FATAL(padan_lexicon_add(lex, "test", rows[i][0], NULL, rows[i][1], rows[i][2],
                                            st, rows[i][4], NULL),
                          PADAN_OK);
  }
  return lex;
}

/* Words only: the lexicon without the whole multiword terms c3 and c5. */
static padan_lexicon *word_lexicon(void) {
  padan_lexicon *full = small_lexicon(), *lex = padan_lexicon_new();
  size_t n = padan_lexicon_term_count(full);
  for (size_t i = 0; i < n; i++) {
    padan_lexicon_term t;
    padan_lexicon_concept c;
    padan_lexicon_term_get(full, i, &t);
    padan_lexicon_concept_get(full, t.concept, &c);
    if (strcmp(c.id, "c3") == 0 || strcmp(c.id, "c5") == 0)
      continue;
    padan_lexicon_add(lex, "words", c.id, NULL, t.lang, t.text, t.status, t.pos, t.note);
  }
  padan_lexicon_free(full);
  return lex;
}

static void expect_compose(padan_lexicon *lex, const char *id, const char *en) {
  padan_gloss_candidate c[3];
  size_t n = 0;
  CU_ASSERT_EQUAL(padan_glossary_compose(lex, id, strlen(id), c, 3, &n), PADAN_OK);
  CU_ASSERT_TRUE(n >= 1);
  if (n >= 1) {
    if (strcmp(c[0].text, en) != 0)
      fprintf(stderr, "\ncompose '%s': got '%s', expected '%s'\n", id, c[0].text, en);
    CU_ASSERT_STRING_EQUAL(c[0].text, en);
    CU_ASSERT_TRUE(c[0].confidence > 0 && c[0].confidence <= 1);
  }
}

static void test_compose_order(void) {
  padan_lexicon *lex = word_lexicon();
  /* N N Adj -> Adj N N: the head comes last in English */
  expect_compose(lex, "perjanjian pertahanan bersama", "mutual defense treaty");
  /* relative yang is dropped */
  expect_compose(lex, "kemitraan strategis yang komprehensif", "comprehensive strategic partnership");
  expect_compose(lex, "kemitraan strategis komprehensif", "comprehensive strategic partnership");
  /* the longest lexicon sub-phrase is one unit */
  expect_compose(lex, "resolusi Dewan Keamanan PBB", "UN Security Council resolution");
  expect_compose(lex, "kerja sama militer", "military cooperation");
  /* names stay as they are; a person's name modifying a noun is a possessive */
  expect_compose(lex, "kunjungan Putin", "Putin's visit");
  expect_compose(lex, "kunjungan Kim Jong Un", "Kim Jong Un's visit");
  expect_compose(lex, "kunjungan Putin ke Korea Utara", "Putin's visit to North Korea");
  /* numerals: ordinals reorder with the chain, trailing numbers stay */
  expect_compose(lex, "Perang Dunia Kedua", "Second World War");
  expect_compose(lex, "pasal 5", "article 5");
  /* possessive for a person, not for an institution's name */
  expect_compose(lex, "kakek Kim", "Kim's grandfather");
  expect_compose(lex, "Partai Golkar", "Golkar Party");
  /* an action noun (pe-an) before a name reads "X of Y" */
  expect_compose(lex, "pembebasan Korea", "liberation of Korea");
  /* a place name as a modifier takes the adjective the lexicon's phrases show */
  expect_compose(lex, "presiden Rusia", "Russian president");
  /* a word the lexicon has only inside phrases is derived from them */
  expect_compose(lex, "kemitraan gabungan", "joint partnership");
  /* a reduplicated head is plural */
  expect_compose(lex, "negara-negara anggota", "member countries");
  /* a title-case phrase keeps English capitals; a place name inside a place's name stays a noun */
  expect_compose(lex, "Dewan Keamanan", "Security Council");
  expect_compose(lex, "Laut China Selatan", "South China Sea");
  /* words that precede their head in Indonesian too; a run of names keeps its order */
  expect_compose(lex, "wakil presiden", "vice president");
  expect_compose(lex, "mantan presiden Rusia", "former Russian president");
  expect_compose(lex, "DKI Jakarta", "DKI Jakarta");
    /* coordination keeps its order */
  expect_compose(lex, "perdamaian dan keamanan", "peace and security");
  /* prepositional parts keep their place */
  expect_compose(lex, "resolusi dari Dewan Keamanan PBB", "resolution of UN Security Council");
  padan_lexicon_free(lex);
}

static void test_compose_alternatives(void) {
  padan_lexicon *lex = word_lexicon();
  padan_gloss_candidate c[3];
  size_t n = 0;
  const char *t = "perjanjian pertahanan";
  CU_ASSERT_EQUAL(padan_glossary_compose(lex, t, strlen(t), c, 3, &n), PADAN_OK);
  CU_ASSERT_TRUE(n >= 2);
  if (n >= 2) {
    CU_ASSERT_STRING_EQUAL(c[0].text, "defense treaty");
    CU_ASSERT_TRUE(c[1].confidence <= c[0].confidence);
    int seen = 0;
    for (size_t i = 1; i < n; i++)
      seen |= strcmp(c[i].text, "defense agreement") == 0 || strcmp(c[i].text, "defence treaty") == 0;
    CU_ASSERT_TRUE(seen);
  }
  /* an unknown common word: a candidate, but not complete */
  t = "perjanjian blablaan";
  CU_ASSERT_EQUAL(padan_glossary_compose(lex, t, strlen(t), c, 3, &n), PADAN_OK);
  CU_ASSERT_TRUE(n >= 1);
  if (n >= 1)
    CU_ASSERT_FALSE(c[0].complete);
  CU_ASSERT_EQUAL(padan_glossary_compose(lex, "", 0, c, 3, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 0);
  padan_lexicon_free(lex);
}

/* Odd inputs never crash and never give an empty or over-long candidate. */
static void test_compose_odd(void) {
  padan_lexicon *lex = word_lexicon();
  static const char *odd[] = {"yang", "yang yang", "dan", "di", "perjanjian dan", "dan perjanjian",
                              "-", "---", "  ", "\"(Korut)\"", "ke-72 perjanjian", "1.000 negara",
                              "\xC3\x91" "and\xC3\xBA perjanjian", "perjanjian \xFF\xFE",
                              "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc",
                              "perjanjian perjanjian perjanjian perjanjian perjanjian perjanjian "
                              "perjanjian perjanjian perjanjian perjanjian perjanjian perjanjian "
                              "perjanjian perjanjian perjanjian perjanjian perjanjian perjanjian "
                              "perjanjian perjanjian perjanjian perjanjian", NULL};
  for (const char **p = odd; *p; p++) {
    padan_gloss_candidate c[3];
    size_t n = 99;
    CU_ASSERT_EQUAL(padan_glossary_compose(lex, *p, strlen(*p), c, 3, &n), PADAN_OK);
    CU_ASSERT_TRUE(n <= 3);
    for (size_t i = 0; i < n && i < 3; i++) {
      CU_ASSERT_TRUE(c[i].text[0] != 0);
      CU_ASSERT_TRUE(strlen(c[i].text) < sizeof c[i].text);
    }
  }
  padan_gloss_candidate c[1];
  size_t n;
  CU_ASSERT_EQUAL(padan_glossary_compose(lex, "perjanjian", 10, NULL, 1, &n), PADAN_EARG);
  CU_ASSERT_EQUAL(padan_glossary_compose(NULL, "perjanjian pertahanan", 21, c, 1, &n), PADAN_OK);
  padan_lexicon_free(lex);
}

static const padan_glossary_row *find_row(const padan_glossary_row *rows, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(rows[i].id_term, id) == 0)
      return &rows[i];
  return NULL;
}

static const char doc1[] =
    "Korut dan Rusia menandatangani perjanjian pertahanan bersama di Pyongyang. "
    "Surat kabar Rodong Simun memuji perjanjian pertahanan bersamanya. "
    "Ia datang ke sana as usual. Kemitraan strategis yang komprehensif itu baru.";

static void test_scan_lexicon_terms(void) {
  padan_lexicon *lex = small_lexicon();
  padan_glossary *g;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, NULL), PADAN_OK);
  CU_ASSERT_EQUAL(padan_glossary_add(g, doc1, strlen(doc1)), PADAN_OK);
  const padan_glossary_row *rows;
  size_t n = 0;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_build(g, &rows, &n), PADAN_OK);
  /* seen once, still listed, with the preferred English */
  const padan_glossary_row *r = find_row(rows, n, "Korut");
  CU_ASSERT_PTR_NOT_NULL(r);
  if (r) {
    CU_ASSERT_STRING_EQUAL(r->en_term, "North Korea");
    CU_ASSERT_EQUAL(r->match, PADAN_GLOSS_LEXICON);
    CU_ASSERT_EQUAL(r->freq, 1);
    CU_ASSERT_STRING_EQUAL(r->admitted, "DPRK");
    CU_ASSERT_STRING_EQUAL(r->concept, "c1");
    CU_ASSERT_TRUE(strstr(r->example, "Korut dan Rusia") != NULL);
    CU_ASSERT_EQUAL(r->mark_len, 5);
    CU_ASSERT_NSTRING_EQUAL(r->example + r->mark_start, "Korut", 5);
  }
  /* the longest match wins: one row for the treaty, counted twice (once by lemma) */
  r = find_row(rows, n, "perjanjian pertahanan bersama");
  CU_ASSERT_PTR_NOT_NULL(r);
  if (r) {
    CU_ASSERT_STRING_EQUAL(r->en_term, "mutual defense treaty");
    CU_ASSERT_EQUAL(r->freq, 2);
    CU_ASSERT_EQUAL(r->match, PADAN_GLOSS_LEXICON);
  }
  CU_ASSERT_PTR_NULL(find_row(rows, n, "perjanjian"));
  /* a deprecated Indonesian form: the preferred English and a note */
  r = find_row(rows, n, "Rodong Simun");
  CU_ASSERT_PTR_NOT_NULL(r);
  if (r) {
    CU_ASSERT_STRING_EQUAL(r->en_term, "Rodong Sinmun");
    CU_ASSERT_STRING_EQUAL(r->status, "deprecated");
    CU_ASSERT_TRUE(strstr(r->note, "Rodong Sinmun") != NULL);
  }
  /* an acronym matches only in capitals: "as" is not AS */
  CU_ASSERT_PTR_NULL(find_row(rows, n, "AS"));
  /* a deprecated English term is never the equivalent, only a note */
  r = find_row(rows, n, "kemitraan strategis komprehensif");
  CU_ASSERT_PTR_NULL(r);
  for (size_t i = 0; i < n; i++)
    CU_ASSERT_STRING_NOT_EQUAL(rows[i].en_term, "strategic comprehensive partnership");
  padan_glossary_free(g);
  padan_lexicon_free(lex);
}

static void test_lemma_match_kind(void) {
  padan_lexicon *lex = small_lexicon();
  padan_glossary *g;
  const char *doc = "Pasukan Korutnya datang. Korut juga.";
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, NULL), PADAN_OK);
  padan_glossary_add(g, "Korea Utaranya menolak.", 23);
  const padan_glossary_row *rows;
  size_t n = 0;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_build(g, &rows, &n), PADAN_OK);
  const padan_glossary_row *r = find_row(rows, n, "Korea Utara");
  CU_ASSERT_PTR_NOT_NULL(r);
  if (r) {
    CU_ASSERT_EQUAL(r->match, PADAN_GLOSS_LEMMA);
    CU_ASSERT_STRING_EQUAL(r->en_term, "North Korea");
  }
  padan_glossary_free(g);
  (void)doc;
  padan_lexicon_free(lex);
}

static char *write_to_string(padan_glossary *g, int format) {
  FILE *fp = tmpfile();
  if (!fp)
    return NULL;
  int rc = padan_glossary_write(g, fp, format);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  long n = ftell(fp);
  rewind(fp);
  char *s = calloc((size_t)n + 1, 1);
  if (s && fread(s, 1, (size_t)n, fp) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(fp);
  return s;
}

static void test_html_escape(void) {
  FILE *fp = tmpfile();
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  const char *s = "<b>\"A&B\"</b> 'x'";
  padan_glossary_html_escape(fp, s, strlen(s));
  rewind(fp);
  char buf[128] = {0};
  CU_ASSERT_TRUE(fread(buf, 1, sizeof buf - 1, fp) > 0);
  fclose(fp);
  CU_ASSERT_STRING_EQUAL(buf, "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;");

  /* a page built from hostile input carries no raw markup of it */
  padan_lexicon *lex = small_lexicon();
  padan_glossary *g;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, NULL), PADAN_OK);
  const char *doc = "Korut <script>alert(1)</script> & \"Korut\" lagi.";
  padan_glossary_add(g, doc, strlen(doc));
  char *html = write_to_string(g, PADAN_GLOSS_HTML);
  CU_ASSERT_PTR_NOT_NULL_FATAL(html);
  CU_ASSERT_PTR_NULL(strstr(html, "<script>alert"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "<mark>Korut</mark>"));
  CU_ASSERT_PTR_NULL(strstr(html, "http"));        /* no external resources */
  CU_ASSERT_PTR_NOT_NULL(strstr(html, "</html>"));
  free(html);
  padan_glossary_free(g);
  padan_lexicon_free(lex);
}

/* ---- a strict little JSON checker (RFC 8259 grammar) */
static const char *js_ws(const char *p) {
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}
static const char *js_value(const char *p, int depth);
static const char *js_string(const char *p) {
  if (*p != '"')
    return NULL;
  for (p++; *p != '"'; p++) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20)
      return NULL;
    if (c == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
            return NULL;
        p += 4;
      } else if (!*p || !strchr("\"\\/bfnrt", *p))
        return NULL;
    }
  }
  return p + 1;
}
static const char *js_number(const char *p) {
  const char *s = p;
  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (*p >= '1' && *p <= '9')
    while (*p >= '0' && *p <= '9')
      p++;
  else
    return NULL;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9'))
      return NULL;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    if (!(*p >= '0' && *p <= '9'))
      return NULL;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  return p > s ? p : NULL;
}
static const char *js_value(const char *p, int depth) {
  if (depth > 64)
    return NULL;
  p = js_ws(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    int obj = *p == '{';
    p = js_ws(p + 1);
    if (*p == close)
      return p + 1;
    for (;;) {
      if (obj) {
        p = js_string(js_ws(p));
        if (!p)
          return NULL;
        p = js_ws(p);
        if (*p++ != ':')
          return NULL;
      }
      p = js_value(p, depth + 1);
      if (!p)
        return NULL;
      p = js_ws(p);
      if (*p == ',') {
        p++;
        continue;
      }
      return *p == close ? p + 1 : NULL;
    }
  }
  if (*p == '"')
    return js_string(p);
  if (!strncmp(p, "true", 4))
    return p + 4;
  if (!strncmp(p, "false", 5))
    return p + 5;
  if (!strncmp(p, "null", 4))
    return p + 4;
  return js_number(p);
}
/* valid JSON that is valid UTF-8 too (what `python3 -m json.tool` reads) */
static int json_valid(const char *s) {
  if (pd_utf8_valid_prefix(s, strlen(s)) != strlen(s))
    return 0;
  const char *p = js_value(s, 0);
  return p && *js_ws(p) == 0;
}

/* s[0..len) as the JSON escaper writes it (malloc'd) */
static char *json_of(const char *s, size_t len) { return test_written(pd_json_str, s, len); }

/* a document in pieces (cut at line ends or every 5 bytes), and the input
 * kept in a temporary file, give exactly the glossary of whole documents */
static const char *const GL_FILES[] = {"../../samples/01-asean-pertahanan.txt",
                                       "../../samples/02-perjanjian-perdagangan.txt",
                                       "../../samples/03-dewan-keamanan.txt", "terms/small.txt"};

static char *gloss_run(padan_lexicon *lex, int mode, size_t keep) {
  padan_glossary_options o;
  padan_glossary_options_init(&o);
  if (keep)
    o.keep_bytes = keep;
  padan_glossary *g = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, &o), PADAN_OK);
  for (size_t f = 0; f < sizeof GL_FILES / sizeof *GL_FILES; f++) {
    size_t len;
    char *text = test_read_fixture(test_fixture(GL_FILES[f]), &len);
    if (mode == 0) {
      CU_ASSERT_EQUAL(padan_glossary_add(g, text, len), PADAN_OK);
    } else {
      for (size_t i = 0; i < len;) {
        size_t j = i;
        if (mode == 1) {
          while (j < len && text[j] != '\n')
            j++;
          j += j < len;
        } else {
          j = i + 5 < len ? i + 5 : len;
        }
        CU_ASSERT_EQUAL(padan_glossary_add_piece(g, text + i, j - i), PADAN_OK);
        i = j;
      }
      if (f + 1 < sizeof GL_FILES / sizeof *GL_FILES) /* build ends the last one */
        CU_ASSERT_EQUAL(padan_glossary_end_doc(g), PADAN_OK);
    }
    free(text);
  }
  char *buf = NULL;
  size_t cap = 0;
  FILE *ms = open_memstream(&buf, &cap);
  CU_ASSERT_EQUAL(padan_glossary_write(g, ms, PADAN_GLOSS_TSV), PADAN_OK);
  fclose(ms);
  padan_glossary_free(g);
  return buf;
}

static void test_pieces(void) {
  padan_lexicon *lex = small_lexicon();
  char *whole = gloss_run(lex, 0, 0);
  CU_ASSERT(strstr(whole, "perjanjian pertahanan bersama\tmutual defense treaty\tlexicon") != NULL);
  CU_ASSERT(strstr(whole, "Dewan Keamanan PBB") != NULL);
  for (int mode = 1; mode <= 2; mode++)
    for (size_t keep = 0; keep <= 1; keep++) {
      char *p = gloss_run(lex, mode, keep);
      CU_ASSERT_STRING_EQUAL(p, whole);
      free(p);
    }
  char *p = gloss_run(lex, 0, 1); /* whole documents through the temporary file */
  CU_ASSERT_STRING_EQUAL(p, whole);
  free(p);
  free(whole);
  padan_lexicon_free(lex);
}

/* the one JSON string escaper of the library and the CLI: control bytes
 * escaped, valid UTF-8 kept, each maximal subpart of an invalid sequence
 * (stray continuation, truncated sequence, overlong form, surrogate, past
 * U+10FFFF) written as \\ufffd; an embedded NUL is \\u0000 (more cases in
 * test_common.c) */
static void test_json_escape(void) {
  static const struct {
    const char *in;
    size_t len;
    const char *out;
  } cases[] = {
      {"a\"b\\c\n\r\t\b\f\x01\x1f\x7f", 13, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\x7f\""},
      {"pa\xc3\xa7" "a \xe2\x80\x94 \xf0\x9f\x98\x80", 14, "\"pa\xc3\xa7" "a \xe2\x80\x94 \xf0\x9f\x98\x80\""},
      {"a\xff" "b", 3, "\"a\\ufffdb\""},
      {"\x80x", 2, "\"\\ufffdx\""},
      {"caf\xe9", 4, "\"caf\\ufffd\""},           /* Windows-1252 */
      {"x\xe2\x82", 3, "\"x\\ufffd\""},            /* truncated at the end */
      {"\xc0\xafz", 3, "\"\\ufffd\\ufffdz\""},    /* overlong '/' */
      {"\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate D800 */
      {"\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
      {"a\0b", 3, "\"a\\u0000b\""},
      {"", 0, "\"\""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *js = json_of(cases[i].in, cases[i].len);
    CU_ASSERT_STRING_EQUAL(js, cases[i].out);
    CU_ASSERT_TRUE(json_valid(js));
    free(js);
  }
}

static void test_json_valid(void) {
  CU_ASSERT_TRUE(json_valid("{\"a\":[1,2.5,-3e2,\"x\\n\"],\"b\":{}}"));
  CU_ASSERT_FALSE(json_valid("{\"a\":\"\xff\"}"));
  CU_ASSERT_FALSE(json_valid("{\"a\":[1,]}"));
  CU_ASSERT_FALSE(json_valid("{\"a\":\"\t\"}"));
  padan_lexicon *lex = small_lexicon();
  padan_glossary *g;
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, NULL), PADAN_OK);
  const char *doc = "Korut \"mengutip\" kata\tkunci \\ dan perjanjian pertahanan bersama.\n"
                    "Perjanjian pertahanan bersama itu \x01 penting bagi Korut.";
  padan_glossary_add(g, doc, strlen(doc));
  char *js = write_to_string(g, PADAN_GLOSS_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL(js);
  CU_ASSERT_TRUE(json_valid(js));
  CU_ASSERT_PTR_NOT_NULL(strstr(js, "\"en_term\":\"mutual defense treaty\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(js, "\"counts\":{"));
  free(js);
  /* and TSV starts with the contract header */
  char *tsv = write_to_string(g, PADAN_GLOSS_TSV);
  CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
  CU_ASSERT_EQUAL(strncmp(tsv, "#id_term\ten_term\tmatch\tfreq\tscore\tstatus", 40), 0);
  free(tsv);
  padan_glossary_free(g);
  /* invalid UTF-8 in the text (the library takes bytes as they come) gives
   * valid JSON all the same, the bad bytes as U+FFFD */
  CU_ASSERT_EQUAL_FATAL(padan_glossary_new(&g, lex, NULL), PADAN_OK);
  const char *bad = "Korut \xff\xfe dan perjanjian pertahanan bersama caf\xe9 \xed\xa0\x80.\n"
                    "Perjanjian pertahanan bersama \xc3 itu penting bagi Korut.";
  CU_ASSERT_EQUAL(padan_glossary_add(g, bad, strlen(bad)), PADAN_OK);
  js = write_to_string(g, PADAN_GLOSS_JSON);
  CU_ASSERT_PTR_NOT_NULL_FATAL(js);
  CU_ASSERT_TRUE(json_valid(js));
  CU_ASSERT_PTR_NOT_NULL(strstr(js, "\"en_term\":\"mutual defense treaty\""));
  CU_ASSERT_PTR_NOT_NULL(strstr(js, "\\ufffd"));
  free(js);
  padan_glossary_free(g);
  padan_lexicon_free(lex);
}

int suite_glossary(void) {
  CU_pSuite s = CU_add_suite("glossary", NULL, NULL);
  if (!s)
    return -1;
  if (!CU_add_test(s, "compositional reordering", test_compose_order) ||
      !CU_add_test(s, "compositional alternatives", test_compose_alternatives) ||
      !CU_add_test(s, "compositional odd inputs", test_compose_odd) ||
      !CU_add_test(s, "lexicon terms found in the input", test_scan_lexicon_terms) ||
      !CU_add_test(s, "lemma match kind", test_lemma_match_kind) ||
      !CU_add_test(s, "HTML escaping", test_html_escape) ||
      !CU_add_test(s, "JSON string escaping", test_json_escape) ||
      !CU_add_test(s, "JSON validity", test_json_valid) ||
      !CU_add_test(s, "pieces and temporary file", test_pieces))
    return -1;
  return 0;
}
