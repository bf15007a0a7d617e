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
         !CU_add_test(s, "reference", test_reference);
}
