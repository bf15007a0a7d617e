#include "config.h"
#include "tests.h"

#include <stdlib.h>
#include <string.h>

#include <padan/terms.h>
#include "terms/morph.h"

static const char *const STOPS[] = {"di", "dan", "yang", "ini", "itu", "dengan", "ke", "dari",
                                    "pada", "untuk", "akan", "tersebut", "kedua", "telah", "ia"};

static padan_terms *make(unsigned min_freq) {
  padan_terms_options o;
  padan_terms_options_init(&o);
  o.min_freq = min_freq;
  padan_terms *t = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_terms_new(&t, &o), PADAN_OK);
  for (size_t i = 0; i < sizeof STOPS / sizeof *STOPS; i++)
    CU_ASSERT_EQUAL(padan_terms_add_stopword(t, STOPS[i], strlen(STOPS[i])), PADAN_OK);
  return t;
}

static void add(padan_terms *t, const char *s) {
  CU_ASSERT_EQUAL(padan_terms_add(t, s, strlen(s)), PADAN_OK);
}

static const padan_term *find(const padan_term *v, size_t n, const char *term) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(v[i].term, term) == 0)
      return &v[i];
  return NULL;
}

static long rank_of(const padan_term *v, size_t n, const char *term) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(v[i].term, term) == 0)
      return (long)i;
  return -1;
}

/* every candidate of one sentence, exactly */
static void test_candidates(void) {
  padan_terms *t = make(1);
  add(t, "Perjanjian pertahanan bersama itu dikirimkan di Pyongyang.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  /* the nested ones (Perjanjian, pertahanan, Perjanjian pertahanan, pertahanan
   * bersama) are always inside the full term: C-value drops them; bersama is a
   * ber- form (never a head); dikirimkan is a di- verb; itu/di are stop words. */
  const char *want[] = {"Perjanjian pertahanan bersama", "Pyongyang"};
  CU_ASSERT_EQUAL(n, 2);
  for (size_t i = 0; i < 2; i++)
    CU_ASSERT_PTR_NOT_NULL(find(v, n, want[i]));
  CU_ASSERT_PTR_NULL(find(v, n, "bersama"));
  CU_ASSERT_PTR_NULL(find(v, n, "dikirimkan"));
  padan_terms_free(t);
}

/* never across punctuation, numbers or dates */
static void test_boundaries(void) {
  padan_terms *t = make(1);
  add(t, "sanksi ekonomi, rudal balistik 2024 senjata nuklir");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "sanksi ekonomi"));
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "rudal balistik"));
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "senjata nuklir"));
  CU_ASSERT_PTR_NULL(find(v, n, "ekonomi rudal"));
  CU_ASSERT_PTR_NULL(find(v, n, "ekonomi, rudal"));
  CU_ASSERT_PTR_NULL(find(v, n, "balistik senjata"));
  CU_ASSERT_EQUAL(n, 3);
  padan_terms_free(t);
}

/* connectors allowed by rule only */
static void test_connectors(void) {
  padan_terms *t = make(1);
  add(t, "Mereka menjaga perdamaian dan keamanan kawasan.");
  add(t, "Mereka menandatangani kemitraan strategis yang komprehensif.");
  add(t, "Korea Utara dan Rusia menandatangani perjanjian.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "perdamaian dan keamanan"));
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "kemitraan strategis yang komprehensif"));
  CU_ASSERT_PTR_NULL(find(v, n, "Utara dan Rusia"));
  CU_ASSERT_PTR_NULL(find(v, n, "Korea Utara dan Rusia"));
  CU_ASSERT_PTR_NULL(find(v, n, "perdamaian dan keamanan kawasan"));
  CU_ASSERT_PTR_NULL(find(v, n, "strategis yang komprehensif"));
  padan_terms_free(t);
}

/* variants: reduplication, case, hyphen/spacing; most frequent names the term */
static void test_grouping(void) {
  padan_terms *t = make(1);
  add(t, "Kekhawatiran muncul di negara-negara Barat. Sanksi negara Barat berat.");
  add(t, "Itu juga kata negara Barat. Pendiri negara Kim Il Sung wafat.");
  add(t, "Cucu Kim Il Sung berkuasa.");
  add(t, "Kakek Kim Il-sung.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  const padan_term *b = find(v, n, "negara Barat");
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  CU_ASSERT_EQUAL(b->freq, 3);
  CU_ASSERT_EQUAL(b->nvariants, 2);
  CU_ASSERT_STRING_EQUAL(b->variants[0], "negara Barat");
  CU_ASSERT_STRING_EQUAL(b->variants[1], "negara-negara Barat");
  CU_ASSERT_PTR_NULL(find(v, n, "negara-negara Barat"));
  CU_ASSERT_EQUAL(b->docs, 2); /* both forms in the first document count it once */
  const padan_term *k = find(v, n, "Kim Il Sung");
  CU_ASSERT_PTR_NOT_NULL_FATAL(k);
  CU_ASSERT_EQUAL(k->freq, 3);
  CU_ASSERT_EQUAL(k->kind, PADAN_TERM_NAME);
  CU_ASSERT_EQUAL(k->nvariants, 2);
  CU_ASSERT_STRING_EQUAL(k->variants[1], "Kim Il-sung");
  CU_ASSERT_EQUAL(k->docs, 3);
  CU_ASSERT_PTR_NOT_NULL(strstr(k->context, "Kim Il"));
  padan_terms_free(t);
}

/* pemerintah and perintah stay apart (no root stemming) */
static void test_no_roots(void) {
  padan_terms *t = make(1);
  add(t, "Pernyataan pemerintah Korea. Sebuah perintah presiden. Media pemerintah Korea.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  const padan_term *p = find(v, n, "perintah presiden");
  CU_ASSERT_PTR_NOT_NULL_FATAL(p);
  CU_ASSERT_EQUAL(p->nvariants, 1);
  const padan_term *g = find(v, n, "pemerintah Korea");
  CU_ASSERT_PTR_NOT_NULL_FATAL(g);
  CU_ASSERT_EQUAL(g->freq, 2);
  CU_ASSERT_EQUAL(g->nvariants, 1);
  padan_terms_free(t);
}

/* ranking: a frequent collocation outranks a chance pair; ties by text; top/min-freq */
static void test_ranking(void) {
  padan_terms_options o;
  padan_terms_options_init(&o);
  o.min_freq = 2;
  o.top = 3;
  padan_terms *t = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_terms_new(&t, &o), PADAN_OK);
  for (size_t i = 0; i < sizeof STOPS / sizeof *STOPS; i++)
    padan_terms_add_stopword(t, STOPS[i], strlen(STOPS[i]));
  for (int i = 0; i < 4; i++)
    add(t, "Rudal balistik diluncurkan. Sanksi ekonomi dijatuhkan. Rudal balistik.");
  add(t, "Zebra kuda. Zebra kuda.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, 3);
  CU_ASSERT_EQUAL(rank_of(v, n, "Rudal balistik"), 0);
  CU_ASSERT_EQUAL(rank_of(v, n, "Sanksi ekonomi"), 1);
  CU_ASSERT_EQUAL(rank_of(v, n, "Zebra kuda"), 2);
  CU_ASSERT_EQUAL(v[0].freq, 8);
  CU_ASSERT_EQUAL(v[0].docs, 4);
  for (size_t i = 1; i < n; i++)
    CU_ASSERT(v[i - 1].score >= v[i].score);
  padan_terms_free(t);
}

/* two names side by side are two terms; a name prefix (Uni) does not make a chain */
static void test_name_chain(void) {
  padan_terms *t = make(2);
  for (int i = 0; i < 3; i++) {
    add(t, "Ia bertemu Presiden Rusia kemarin.");
    add(t, "Ia bertemu Vladimir Putin kemarin.");
    add(t, "Ia bertemu Uni Eropa kemarin.");
  }
  add(t, "Ia bertemu Uni Afrika kemarin.");
  for (int i = 0; i < 3; i++)
    add(t, "Ia bertemu Bank Dunia kemarin.");
  for (int i = 0; i < 2; i++)
    add(t, "Ia bertemu Eropa kemarin.");
  for (int i = 0; i < 2; i++)
    add(t, "Ia bertemu Presiden Rusia Vladimir Putin kemarin.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  long chain = rank_of(v, n, "Presiden Rusia Vladimir Putin");
  long uni = rank_of(v, n, "Uni Eropa");
  CU_ASSERT(chain >= 0 && uni >= 0);
  CU_ASSERT(rank_of(v, n, "Vladimir Putin") < chain);
  CU_ASSERT(rank_of(v, n, "Presiden Rusia") < chain);
  CU_ASSERT(uni < chain);
  CU_ASSERT(uni < rank_of(v, n, "Uni") || rank_of(v, n, "Uni") < 0);
  CU_ASSERT_EQUAL(v[uni].kind, PADAN_TERM_NAME);
  /* Uni Eropa scores like Bank Dunia (same counts, no chain) */
  long bank = rank_of(v, n, "Bank Dunia");
  CU_ASSERT_FATAL(bank >= 0);
  CU_ASSERT(v[uni].score >= 0.8 * v[bank].score);
  padan_terms_free(t);
}

static void test_morph(void) {
  CU_ASSERT(pd_morph_classify(NULL, "menandatangani", 14) & PD_MORPH_VERB);
  CU_ASSERT(pd_morph_classify(NULL, "mengirimkan", 11) & PD_MORPH_VERB);
  CU_ASSERT(!(pd_morph_classify(NULL, "menteri", 7) & PD_MORPH_VERB));
  CU_ASSERT(!(pd_morph_classify(NULL, "media", 5) & PD_MORPH_VERB));
  CU_ASSERT(!(pd_morph_classify(NULL, "diplomasi", 9) & PD_MORPH_VERB));
  CU_ASSERT(pd_morph_classify(NULL, "perdamaian", 10) & PD_MORPH_NOUN);
  CU_ASSERT(pd_morph_classify(NULL, "kebijakan", 9) & PD_MORPH_NOUN);
  CU_ASSERT(!(pd_morph_classify(NULL, "kebijakan", 9) & PD_MORPH_VERB));
  CU_ASSERT(pd_morph_classify(NULL, "bersenjata", 10) & PD_MORPH_VHEAD);
  CU_ASSERT(!(pd_morph_classify(NULL, "berita", 6) & (PD_MORPH_VERB | PD_MORPH_VHEAD)));
}

static void test_reference(void) {
  const char *path = test_fixture("terms/ref_small.tsv");
  padan_terms *t = make(1);
  CU_ASSERT_EQUAL(padan_terms_load_reference(t, path), PADAN_OK);
  CU_ASSERT_EQUAL(padan_terms_load_reference(t, test_fixture("terms/ref_bad.tsv")),
                  PADAN_EFORMAT);
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_terms_errmsg(t), "ref_bad.tsv:3:"));
  /* rumah is common in the reference: the rare rudal outranks it at equal counts */
  add(t, "rumah besar. rudal jelajah. rumah. rudal.");
  add(t, "rumah. rudal.");
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL_FATAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  CU_ASSERT(rank_of(v, n, "rudal") >= 0);
  CU_ASSERT(rank_of(v, n, "rudal") < rank_of(v, n, "rumah"));
  padan_terms_free(t);
}

/* ---- pieces: a document given in pieces counts exactly as given whole */

/* The ranking and the mergeable state of t, as text (caller frees). */
static char *dump(padan_terms *t) {
  char *buf = NULL;
  size_t cap = 0;
  FILE *ms = open_memstream(&buf, &cap);
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  for (size_t i = 0; i < n; i++) {
    fprintf(ms, "%s\t%.6f\t%lu\t%lu\t%d\t%.6f\t%.6f\t", v[i].term, v[i].score, v[i].freq,
            v[i].docs, v[i].kind, v[i].cvalue, v[i].assoc);
    for (size_t k = 0; k < v[i].nvariants; k++)
      fprintf(ms, "%s:%lu|", v[i].variants[k], v[i].variant_freq[k]);
    fprintf(ms, "\t%s\n", v[i].context);
  }
  fprintf(ms, "docs %zu tokens %llu\n", padan_terms_docs(t), padan_terms_tokens(t));
  CU_ASSERT_EQUAL(padan_terms_write_state(t, ms), PADAN_OK);
  fclose(ms);
  return buf;
}

static const char *const PIECE_FILES[] = {"../../samples/01-asean-pertahanan.txt",
                                          "../../samples/02-perjanjian-perdagangan.txt",
                                          "../../samples/03-dewan-keamanan.txt", "terms/small.txt"};

/* mode 0: whole; 1: a piece per line; 2: every 7 bytes (inside words and
 * characters); 3: after every ". " (the cut cli_stream makes in a long line) */
static char *run_pieces(int mode) {
  padan_terms *t = make(2);
  for (size_t f = 0; f < sizeof PIECE_FILES / sizeof *PIECE_FILES; f++) {
    size_t len;
    char *text = test_read_fixture(test_fixture(PIECE_FILES[f]), &len);
    if (mode == 0) {
      CU_ASSERT_EQUAL(padan_terms_add(t, text, len), PADAN_OK);
      free(text);
      continue;
    }
    size_t i = 0;
    while (i < len) {
      size_t j = i;
      if (mode == 1) {
        while (j < len && text[j] != '\n')
          j++;
        j += j < len;
      } else if (mode == 2) {
        j = i + 7 < len ? i + 7 : len;
      } else {
        while (j < len && !(j > i && text[j - 1] == ' ' && j >= 2 && text[j - 2] == '.'))
          j++;
      }
      CU_ASSERT_EQUAL(padan_terms_add_piece(t, text + i, j - i), PADAN_OK);
      i = j;
    }
    CU_ASSERT_EQUAL(padan_terms_end_doc(t), PADAN_OK);
    free(text);
  }
  char *d = dump(t);
  padan_terms_free(t);
  return d;
}

static void test_pieces(void) {
  char *whole = run_pieces(0);
  CU_ASSERT(strstr(whole, "perjanjian pertahanan bersama") != NULL);
  CU_ASSERT(strstr(whole, "docs 4 ") != NULL);
  for (int mode = 1; mode <= 3; mode++) {
    char *p = run_pieces(mode);
    CU_ASSERT_STRING_EQUAL(p, whole);
    free(p);
  }
  free(whole);
  /* regression (fuzz_terms): "hatM.H" is two sentences but "hatM.H.r" one
   * word, so a sentence is final only when white space follows it; 1-byte pieces */
  /* regression (fuzz_terms, session 5): 'B. "' is two sentences, 'B. "d' one
   * (the word after the quote decides), so a sentence is final only when the
   * next one has a word */
  static const char *const odd = "Perjanjian hatM.H.r pertahanan. Kerja sama hatM.H.r bersama. "
                                 "Kerja sama dkk. Besar.\nhatM.H.r kerja sama hatM.H.r. "
                                 "Kerja B. \"dia\" sama. Kerja B. \"Dia\" sama.";
  for (size_t step = 1; step <= 3; step++) {
    padan_terms *a = make(1), *b = make(1);
    CU_ASSERT_EQUAL(padan_terms_add(a, odd, strlen(odd)), PADAN_OK);
    for (size_t i = 0; i < strlen(odd); i += step)
      CU_ASSERT_EQUAL(padan_terms_add_piece(b, odd + i, strlen(odd) - i < step ? strlen(odd) - i : step),
                      PADAN_OK);
    char *da = dump(a), *db = dump(b);
    CU_ASSERT_STRING_EQUAL(db, da);
    CU_ASSERT(strstr(da, "hatM.H.r") != NULL);
    free(da), free(db);
    padan_terms_free(a), padan_terms_free(b);
  }
  /* end_doc without pieces is an empty document; rank ends an open one */
  padan_terms *t = make(1);
  CU_ASSERT_EQUAL(padan_terms_end_doc(t), PADAN_OK);
  CU_ASSERT_EQUAL(padan_terms_add_piece(t, "Rudal balis", 11), PADAN_OK);
  CU_ASSERT_EQUAL(padan_terms_add_piece(t, "tik diluncurkan.", 16), PADAN_OK);
  const padan_term *v;
  size_t n;
  CU_ASSERT_EQUAL(padan_terms_rank(t, &v, &n), PADAN_OK);
  CU_ASSERT_EQUAL(padan_terms_docs(t), 2);
  CU_ASSERT_PTR_NOT_NULL(find(v, n, "Rudal balistik"));
  padan_terms_free(t);
}

/* merging a concatenation of two --counts outputs from one stream equals one run */
static void test_merge_stream(void) {
  char *whole = NULL;
  {
    padan_terms *t = make(2);
    for (size_t f = 0; f < sizeof PIECE_FILES / sizeof *PIECE_FILES; f++) {
      size_t len;
      char *text = test_read_fixture(test_fixture(PIECE_FILES[f]), &len);
      padan_terms_add(t, text, len);
      free(text);
    }
    whole = dump(t);
    padan_terms_free(t);
  }
  FILE *cat = tmpfile();
  CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
  for (size_t half = 0; half < 2; half++) {
    padan_terms *t = make(2);
    for (size_t f = half * 2; f < half * 2 + 2; f++) {
      size_t len;
      char *text = test_read_fixture(test_fixture(PIECE_FILES[f]), &len);
      padan_terms_add(t, text, len);
      free(text);
    }
    CU_ASSERT_EQUAL(padan_terms_write_state(t, cat), PADAN_OK);
    padan_terms_free(t);
  }
  rewind(cat);
  padan_terms *m = make(2);
  CU_ASSERT_EQUAL(padan_terms_merge_stream(m, cat, "cat"), PADAN_OK);
  char *merged = dump(m);
  /* the ranking part (before the state) is the same */
  char *a = strstr(whole, "#padan-terms-counts"), *b = strstr(merged, "#padan-terms-counts");
  CU_ASSERT_PTR_NOT_NULL_FATAL(a);
  CU_ASSERT_PTR_NOT_NULL_FATAL(b);
  *a = *b = 0;
  CU_ASSERT_STRING_EQUAL(merged, whole);
  if (strcmp(merged, whole) && getenv("PD_DEBUG"))
    fprintf(stderr, "--- whole\n%s--- merged\n%s", whole, merged);
  free(merged);
  padan_terms_free(m);
  /* a bad line in the second section names its line in the stream */
  rewind(cat);
  FILE *bad = tmpfile();
  char line[65536];
  long n = 0, second = 0;
  while (fgets(line, sizeof line, cat)) {
    n++;
    if (n > 1 && strncmp(line, "#padan-terms-counts", 19) == 0)
      second = n;
    fputs(second && n == second + 2 ? "N\tx\n" : line, bad);
  }
  rewind(bad);
  m = make(2);
  CU_ASSERT_EQUAL(padan_terms_merge_stream(m, bad, "bad"), PADAN_EFORMAT);
  char want[64];
  snprintf(want, sizeof want, "bad:%ld: malformed N record", second + 2);
  CU_ASSERT(second > 0);
  CU_ASSERT_STRING_EQUAL(padan_terms_errmsg(m), want);
  padan_terms_free(m);
  fclose(bad);
  fclose(cat);
  free(whole);
}

int suite_terms(void) {
  CU_pSuite s = CU_add_suite("terms", NULL, NULL);
  if (!s)
    return 1;
  return !CU_add_test(s, "candidates", test_candidates) ||
         !CU_add_test(s, "boundaries", test_boundaries) ||
         !CU_add_test(s, "connectors", test_connectors) ||
         !CU_add_test(s, "grouping", test_grouping) || !CU_add_test(s, "no_roots", test_no_roots) ||
         !CU_add_test(s, "ranking", test_ranking) ||
         !CU_add_test(s, "name_chain", test_name_chain) || !CU_add_test(s, "morph", test_morph) ||
         !CU_add_test(s, "reference", test_reference) || !CU_add_test(s, "pieces", test_pieces) ||
         !CU_add_test(s, "merge_stream", test_merge_stream);
}
