/* Unit tests of align/: sentence alignment DP on synthetic cases with a known gold. */
#include "config.h"
#include "tests.h"
#include <padan/align.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXS 400

typedef struct {
  char *txt[MAXS];
  padan_align_sent s[MAXS];
  size_t n;
} sents;

static void add(sents *x, const char *t) {
  x->txt[x->n] = strdup(t);
  x->s[x->n].s = x->txt[x->n];
  x->s[x->n].len = strlen(t);
  x->n++;
}
static void clear(sents *x) {
  for (size_t i = 0; i < x->n; i++)
    free(x->txt[i]);
  x->n = 0;
}

static const char *names[] = {"Bandung", "Surabaya", "Medan", "Makassar", "Palembang",
                              "Denpasar", "Manado", "Kupang", "Ambon", "Jayapura"};

/* Sentence k of the synthetic parallel text; lengths vary with k. */
static void id_sent(char *b, size_t n, int k) {
  snprintf(b, n, "Kota %s%d memiliki %d penduduk dan %d sekolah baru%s.", names[k % 10], k,
           k * 37 + 11, k + 5,
           k % 3 == 0 ? ", menurut laporan pemerintah daerah yang diterbitkan pekan lalu" : "");
}
static void en_sent(char *b, size_t n, int k) {
  snprintf(b, n, "The city of %s%d has %d inhabitants and %d new schools%s.", names[k % 10], k,
           k * 37 + 11, k + 5,
           k % 3 == 0 ? ", according to a report of the regional government published last week"
                      : "");
}

static padan_align_bead *run(padan_aligner *a, sents *id, sents *en, size_t *nb) {
  padan_align_bead *b = NULL;
  int rc = padan_align_sentences(a, id->s, id->n, en->s, en->n, &b, nb);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  return b;
}

/* Every sentence is covered exactly once, in order. */
static void check_cover(const padan_align_bead *b, size_t nb, size_t nid, size_t nen) {
  size_t i = 0, j = 0;
  for (size_t k = 0; k < nb; k++) {
    CU_ASSERT_EQUAL(b[k].id_first, i);
    CU_ASSERT_EQUAL(b[k].en_first, j);
    CU_ASSERT(b[k].id_n + b[k].en_n > 0);
    CU_ASSERT(b[k].id_n <= 2 && b[k].en_n <= 2);
    CU_ASSERT(b[k].score > 0 && b[k].score < 1);
    i += b[k].id_n, j += b[k].en_n;
  }
  CU_ASSERT_EQUAL(i, nid);
  CU_ASSERT_EQUAL(j, nen);
}

static int has_bead(const padan_align_bead *b, size_t nb, size_t i, size_t ni, size_t j,
                    size_t nj) {
  for (size_t k = 0; k < nb; k++)
    if (b[k].id_first == i && b[k].id_n == ni && b[k].en_first == j && b[k].en_n == nj)
      return 1;
  return 0;
}

static void test_one_to_one(void) {
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  sents id = {0}, en = {0};
  char b[512];
  for (int k = 0; k < 12; k++) {
    id_sent(b, sizeof b, k), add(&id, b);
    en_sent(b, sizeof b, k), add(&en, b);
  }
  size_t nb;
  padan_align_bead *r = run(a, &id, &en, &nb);
  CU_ASSERT_EQUAL(nb, 12);
  check_cover(r, nb, 12, 12);
  for (size_t k = 0; k < nb && k < 12; k++)
    CU_ASSERT(has_bead(r, nb, k, 1, k, 1));
  free(r);
  clear(&id), clear(&en);
  padan_aligner_free(a);
}

/* id sentence 5 has no translation; en sentence 9 has no source; id 12-13 are one en sentence;
 * id 16 is translated by two English sentences. */
static void test_deletions_and_merges(void) {
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  sents id = {0}, en = {0};
  char b[512], c[512], m[1100];
  for (int k = 0; k < 24; k++) {
    id_sent(b, sizeof b, k);
    en_sent(c, sizeof c, k);
    if (k == 5) {
      add(&id, b);
    } else if (k == 9) {
      add(&en, c);
    } else if (k == 12) {
      add(&id, b);
      char c2[512];
      en_sent(c2, sizeof c2, 13);
      snprintf(m, sizeof m, "%s %s", c, c2);
      add(&en, m);
    } else if (k == 13) {
      add(&id, b);
    } else if (k == 16) {
      add(&id, "Kota Tual16 memiliki 603 penduduk dan 21 sekolah baru, dan kota Lasem99 "
               "memiliki 4242 penduduk.");
      add(&en, "The city of Tual16 has 603 inhabitants and 21 new schools.");
      add(&en, "And the city of Lasem99 has 4242 inhabitants.");
    } else {
      add(&id, b), add(&en, c);
    }
  }
  size_t nb;
  padan_align_bead *r = run(a, &id, &en, &nb);
  check_cover(r, nb, id.n, en.n);
  /* indexes: k < 5: id k, en k; k = 6..8: id k, en k-1; k = 10, 11: id k-1, en k-1;
   * k = 14, 15: id k-1, en k-2; k = 17..23: id k-1, en k-1 */
  CU_ASSERT(has_bead(r, nb, 5, 1, 5, 0));   /* 1-0 */
  CU_ASSERT(has_bead(r, nb, 9, 0, 8, 1));   /* 0-1: id 0..8 = 9 sentences, en 0..4,6..8 */
  CU_ASSERT(has_bead(r, nb, 11, 2, 11, 1)); /* id k=12,13 at 11,12; en at 11 */
  CU_ASSERT(has_bead(r, nb, 15, 1, 14, 2)); /* k=16: id 15, en 14-15 */
  CU_ASSERT(has_bead(r, nb, 0, 1, 0, 1));
  CU_ASSERT(has_bead(r, nb, 22, 1, 22, 1));
  free(r);

  /* the length-only baseline still covers everything */
  padan_aligner_set_options(a, PADAN_ALIGN_LENGTH_ONLY);
  r = run(a, &id, &en, &nb);
  check_cover(r, nb, id.n, en.n);
  free(r);
  clear(&id), clear(&en);
  padan_aligner_free(a);
}

/* A tiny band must widen when the path drifts off the diagonal: 20 id
 * sentences without translation at the start. The length-only mode centers the
 * band on the diagonal; the default mode on a chain of anchors (words found
 * once on each side), which follows the drift without widening. */
static void band_case(int options, int expect_widen) {
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  padan_aligner_set_band(a, 2);
  padan_aligner_set_options(a, options);
  sents id = {0}, en = {0};
  char b[512];
  for (int k = 0; k < 20; k++) {
    snprintf(b, sizeof b, "Berita tambahan nomor %d tentang Zagreb%d tanpa terjemahan.", 900 + k,
             k);
    add(&id, b);
  }
  for (int k = 0; k < 60; k++) {
    id_sent(b, sizeof b, k), add(&id, b);
    en_sent(b, sizeof b, k), add(&en, b);
  }
  size_t nb;
  padan_align_bead *r = run(a, &id, &en, &nb);
  check_cover(r, nb, id.n, en.n);
  padan_align_stats st;
  padan_aligner_stats(a, &st);
  if (expect_widen) {
    CU_ASSERT(st.widenings > 0);
    CU_ASSERT(st.band > 2);
  } else {
    CU_ASSERT_EQUAL(st.widenings, 0);
  }
  int good = 0;
  for (int k = 0; k < 60; k++)
    good += has_bead(r, nb, (size_t)(20 + k), 1, (size_t)k, 1);
  if (!expect_widen) /* length alone cannot place 20 deletions; anchors can */
    CU_ASSERT(good >= 58);
  free(r);
  clear(&id), clear(&en);
  padan_aligner_free(a);
}

static void test_band_widens(void) { band_case(PADAN_ALIGN_LENGTH_ONLY, 1); }
static void test_band_anchor_center(void) { band_case(PADAN_ALIGN_NO_REALIGN, 0); }

static void test_empty_sides(void) {
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  sents id = {0}, en = {0};
  add(&en, "Only English here.");
  add(&en, "");
  size_t nb;
  padan_align_bead *r = run(a, &id, &en, &nb);
  CU_ASSERT_EQUAL(nb, 2);
  check_cover(r, nb, 0, 2);
  free(r);
  r = run(a, &en, &id, &nb); /* swapped: 2 id, 0 en */
  CU_ASSERT_EQUAL(nb, 2);
  check_cover(r, nb, 2, 0);
  free(r);
  r = run(a, &id, &id, &nb);
  CU_ASSERT_EQUAL(nb, 0);
  free(r);
  CU_ASSERT_EQUAL(padan_align_sentences(a, NULL, 3, NULL, 0, &r, &nb), PADAN_EARG);
  clear(&id), clear(&en);
  padan_aligner_free(a);
  padan_aligner_free(NULL);
}

/* A lexicon pair is an anchor: it raises the confidence of the bead it matches. */
static void test_lexicon_pair(void) {
  padan_aligner *a, *plain;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  CU_ASSERT_FATAL(padan_aligner_new(&plain) == PADAN_OK);
  CU_ASSERT_EQUAL(padan_aligner_add_pair(a, "kucing", 6, "cat", 3), PADAN_OK);
  CU_ASSERT_EQUAL(padan_aligner_add_pair(a, "Anjing", 6, "dogs", 4), PADAN_OK);
  CU_ASSERT_EQUAL(padan_aligner_add_pair(a, "rumah sakit", 11, "hospital", 8), PADAN_OK);
  padan_aligner_set_options(a, PADAN_ALIGN_NO_REALIGN);
  padan_aligner_set_options(plain, PADAN_ALIGN_NO_REALIGN);
  sents id = {0}, en = {0};
  add(&id, "Seekor kucing tidur.");
  add(&id, "Hari ini hujan deras.");
  add(&en, "A cat slept well.");
  add(&en, "It rains hard today.");
  size_t nb, nb2;
  padan_align_bead *r = run(a, &id, &en, &nb);
  padan_align_bead *r2 = run(plain, &id, &en, &nb2);
  CU_ASSERT_EQUAL(nb, 2);
  CU_ASSERT_EQUAL(nb2, 2);
  check_cover(r, nb, 2, 2);
  if (nb == 2 && nb2 == 2) {
    CU_ASSERT(has_bead(r, nb, 0, 1, 0, 1));
    CU_ASSERT(r[0].score > r2[0].score + 0.05);
    CU_ASSERT(r[1].score > r2[1].score - 1e-9 && r[1].score < r2[1].score + 1e-9);
  }
  free(r), free(r2);
  clear(&id), clear(&en);
  padan_aligner_free(a);
  padan_aligner_free(plain);
}

/* Word alignment: a tiny corpus where "kucing hitam" is always "black cat" and
 * "anjing" always "dog"; the learner must pair them, trim "the", and round-trip
 * its model through a file. */
static const char *pairs_id[] = {"kucing hitam tidur", "anjing itu makan", "kucing hitam makan",
                                 "anjing itu tidur", "anjing melihat kucing hitam",
                                 "kucing hitam melihat anjing", "rumah besar", "rumah itu besar"};
static const char *pairs_en[] = {"the black cat sleeps", "the dog eats", "the black cat eats",
                                 "the dog sleeps", "the dog sees the black cat",
                                 "the black cat sees the dog", "a big house", "the house is big"};

static const padan_learned *find_pair(const padan_learned *r, size_t n, const char *t) {
  for (size_t k = 0; k < n; k++)
    if (strcmp(r[k].id_term, t) == 0)
      return &r[k];
  return NULL;
}

static void test_learn_pairs(void) {
  padan_learner *l;
  CU_ASSERT_FATAL(padan_learner_new(&l) == PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_add_stopword(l, "en", "the", 3), PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_add_stopword(l, "en", "a", 1), PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_add_stopword(l, "id", "itu", 3), PADAN_OK);
  padan_learned *r;
  size_t n;
  CU_ASSERT_EQUAL(padan_learner_pairs(l, NULL, 0, 0, 1, 1, &r, &n), PADAN_EARG); /* not trained */
  for (size_t k = 0; k < sizeof pairs_id / sizeof pairs_id[0]; k++)
    CU_ASSERT_EQUAL(padan_learner_add(l, pairs_id[k], strlen(pairs_id[k]), pairs_en[k],
                                      strlen(pairs_en[k])),
                    PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_learner_train(l, 5, 5), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_learner_pairs(l, NULL, 0, 0, 2, 1, &r, &n), PADAN_OK);
  const padan_learned *p = find_pair(r, n, "kucing hitam");
  CU_ASSERT_PTR_NOT_NULL(p);
  if (p) {
    CU_ASSERT_STRING_EQUAL(p->en_term, "black cat");
    CU_ASSERT(p->count >= 3);
  }
  p = find_pair(r, n, "anjing");
  CU_ASSERT(p && strcmp(p->en_term, "dog") == 0);
  CU_ASSERT_PTR_NULL(find_pair(r, n, "itu")); /* a stop word is no term */
  for (size_t k = 0; k < n; k++) {
    CU_ASSERT(strncmp(r[k].en_term, "the ", 4) != 0); /* trimmed */
    CU_ASSERT(r[k].score > 0 && r[k].score <= 1.0);
  }
  free(r);
  /* given terms only */
  const char *terms[] = {"rumah"};
  CU_ASSERT_EQUAL_FATAL(padan_learner_pairs(l, terms, 1, 0, 1, 3, &r, &n), PADAN_OK);
  CU_ASSERT(n >= 1);
  for (size_t k = 0; k < n; k++)
    CU_ASSERT_STRING_EQUAL(r[k].id_term, "rumah");
  int house = 0;
  for (size_t k = 0; k < n; k++)
    house |= strcmp(r[k].en_term, "house") == 0;
  CU_ASSERT(house);
  free(r);
  /* the model round-trips: a learner loaded from it aligns without training */
  char path[] = "/tmp/padan-test-model-XXXXXX";
  int fd = mkstemp(path);
  CU_ASSERT_FATAL(fd >= 0);
  close(fd);
  CU_ASSERT_EQUAL(padan_learner_save(l, path), PADAN_OK);
  padan_learner *l2;
  CU_ASSERT_FATAL(padan_learner_new(&l2) == PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_load(l2, path), PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_add_stopword(l2, "en", "the", 3), PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_add(l2, "kucing hitam tidur", 18, "the black cat sleeps", 20),
                  PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_train(l2, 0, 0), PADAN_OK);
  const char *t2[] = {"kucing hitam"};
  CU_ASSERT_EQUAL(padan_learner_pairs(l2, t2, 1, 0, 1, 1, &r, &n), PADAN_OK);
  CU_ASSERT(n == 1 && strcmp(r[0].en_term, "black cat") == 0);
  free(r);
  padan_learner_free(l2);
  /* a file that is not a model */
  FILE *fp = fopen(path, "w");
  fputs("hello\n", fp);
  fclose(fp);
  CU_ASSERT_FATAL(padan_learner_new(&l2) == PADAN_OK);
  CU_ASSERT_EQUAL(padan_learner_load(l2, path), PADAN_EFORMAT);
  CU_ASSERT(strstr(padan_learner_errmsg(l2), path) != NULL);
  padan_learner_free(l2);
  remove(path);
  padan_learner_free(l);
  padan_learner_free(NULL);
}

/* The windowed aligner on a long easy document (1-1 links with a deletion on
 * each side and a merge now and then) gives the beads of whole-document
 * alignment, with small windows, holding no more than a window a side. */
/* Appends a copy of T to the sentences ARR (its text kept in txt[]). */
static void push(char **txt, size_t *nt, padan_align_sent *arr, size_t *n, const char *t) {
  txt[*nt] = strdup(t);
  arr[*n].s = txt[*nt], arr[*n].len = strlen(t);
  (*nt)++, (*n)++;
}

/* What one stream run gave against the whole-document beads. */
typedef struct {
  size_t beads, diff, maxheld, windows, widened, maxcells;
} stream_run;

/* Feeds the two sides to a stream of WINDOW sentences as it asks for them and
 * compares each bead handed out (and its sentences) with whole[]. */
static stream_run run_stream(padan_aligner *a, size_t window, const padan_align_sent *id,
                             size_t nid, const padan_align_sent *en, size_t nen,
                             const padan_align_bead *whole, size_t nw) {
  stream_run res;
  memset(&res, 0, sizeof res);
  padan_align_stream *st;
  CU_ASSERT_FATAL(padan_align_stream_new(a, window, &st) == PADAN_OK);
  size_t fi = 0, fe = 0, k = 0, loops = 0;
  while (!padan_align_stream_done(st)) {
    int side = padan_align_stream_want(st);
    if (side == 0) {
      if (fi < nid) {
        CU_ASSERT(padan_align_stream_add(st, 0, id[fi].s, id[fi].len) == PADAN_OK);
        fi++;
      } else {
        padan_align_stream_end(st, 0);
      }
    } else if (side == 1) {
      if (fe < nen) {
        CU_ASSERT(padan_align_stream_add(st, 1, en[fe].s, en[fe].len) == PADAN_OK);
        fe++;
      } else {
        padan_align_stream_end(st, 1);
      }
    }
    for (int sd = 0; sd < 2; sd++)
      if (padan_align_stream_held(st, sd) > res.maxheld)
        res.maxheld = padan_align_stream_held(st, sd);
    size_t before = padan_align_stream_windows(st);
    padan_align_bead x;
    const padan_align_sent *si, *se;
    int r;
    while ((r = padan_align_stream_next(st, &x, &si, &se)) == 1) {
      if (k >= nw || x.id_first != whole[k].id_first || x.id_n != whole[k].id_n ||
          x.en_first != whole[k].en_first || x.en_n != whole[k].en_n)
        res.diff++;
      if (x.id_n && (!si || si[0].len != id[x.id_first].len ||
                     memcmp(si[0].s, id[x.id_first].s, si[0].len) != 0))
        res.diff++;
      if (x.en_n && (!se || se[x.en_n - 1].len != en[x.en_first + x.en_n - 1].len))
        res.diff++;
      k++;
    }
    CU_ASSERT_FATAL(r == 0);
    if (padan_align_stream_windows(st) != before) {
      padan_align_stats sx;
      padan_aligner_stats(a, &sx);
      res.widened += sx.widenings;
      if (sx.cells > res.maxcells)
        res.maxcells = sx.cells;
    }
    CU_ASSERT_FATAL(++loops < 10 * (nid + nen + 1)); /* want and next always make progress */
  }
  res.beads = k;
  res.windows = padan_align_stream_windows(st);
  padan_align_bead x;
  const padan_align_sent *si, *se;
  CU_ASSERT_EQUAL(padan_align_stream_next(st, &x, &si, &se), 0);
  CU_ASSERT_EQUAL(padan_align_stream_add(st, 0, "x", 1), PADAN_EARG);
  padan_align_stream_free(st);
  return res;
}

/* A long document pair whose Indonesian side runs ahead: one English
 * sentence in four has two Indonesian ones, so a window of W sentences a side
 * ends about W/5 sentences apart on the two sides. Windows end where the path
 * leaves off (not in the corner, which made the band bend and widen), so no
 * window widens its band and the stream gives the whole-document alignment. */
static void test_stream_drift(void) {
  enum { N = 1600 };
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  padan_align_sent *id = calloc(2 * N, sizeof *id), *en = calloc(N, sizeof *en);
  char **txt = calloc(3 * N, sizeof *txt);
  CU_ASSERT_FATAL(id && en && txt);
  size_t nid = 0, nen = 0, nt = 0;
  char b[512], c[512], m[1100];
  for (int k = 0; k < N; k++) {
    id_sent(b, sizeof b, k);
    en_sent(c, sizeof c, k);
    if (k % 4 == 1) {
      push(txt, &nt, id, &nid, b);
      snprintf(m, sizeof m, "Kota %s%d juga.", names[(k + 3) % 10], k + 5000);
      push(txt, &nt, id, &nid, m);
      snprintf(m, sizeof m, "%s The city of %s%d too.", c, names[(k + 3) % 10], k + 5000);
      push(txt, &nt, en, &nen, m);
    } else {
      push(txt, &nt, id, &nid, b);
      push(txt, &nt, en, &nen, c);
    }
  }
  padan_align_bead *whole = NULL;
  size_t nw = 0;
  CU_ASSERT_FATAL(padan_align_sentences(a, id, nid, en, nen, &whole, &nw) == PADAN_OK);
  check_cover(whole, nw, nid, nen);
  CU_ASSERT_EQUAL(nw, (size_t)N);
  stream_run r = run_stream(a, 200, id, nid, en, nen, whole, nw);
  CU_ASSERT(r.windows > 8);
  CU_ASSERT_EQUAL(r.diff, 0);
  CU_ASSERT_EQUAL(r.beads, nw);
  CU_ASSERT_EQUAL(r.widened, 0);
  CU_ASSERT(r.maxcells < 200 * 30); /* the second pass's band: about 25 cells a row */
  padan_aligner_free(a);
  free(whole);
  for (size_t t = 0; t < nt; t++)
    free(txt[t]);
  free(txt), free(id), free(en);
}

static void test_stream_windows(void) {
  enum { N = 1200 };
  padan_aligner *a;
  CU_ASSERT_FATAL(padan_aligner_new(&a) == PADAN_OK);
  padan_align_sent *id = calloc(N, sizeof *id), *en = calloc(N, sizeof *en);
  char **txt = calloc(2 * N, sizeof *txt);
  CU_ASSERT_FATAL(id && en && txt);
  size_t nid = 0, nen = 0, nt = 0;
  char b[512], c[512], m[1100];
  for (int k = 0; k < N - 10; k++) {
    id_sent(b, sizeof b, k);
    en_sent(c, sizeof c, k);
    if (k % 97 == 40) { /* no translation */
      push(txt, &nt, id, &nid, b);
    } else if (k % 89 == 30) { /* no source */
      push(txt, &nt, en, &nen, c);
    } else if (k % 71 == 20) { /* two English sentences for one Indonesian */
      snprintf(m, sizeof m, "%s Kota %s%d juga.", b, names[(k + 3) % 10], k + 5000);
      push(txt, &nt, id, &nid, m);
      push(txt, &nt, en, &nen, c);
      snprintf(m, sizeof m, "The city of %s%d too.", names[(k + 3) % 10], k + 5000);
      push(txt, &nt, en, &nen, m);
    } else {
      push(txt, &nt, id, &nid, b);
      push(txt, &nt, en, &nen, c);
    }
  }
  padan_align_bead *whole = NULL;
  size_t nw = 0;
  CU_ASSERT_FATAL(padan_align_sentences(a, id, nid, en, nen, &whole, &nw) == PADAN_OK);
  check_cover(whole, nw, nid, nen);
  size_t windows[] = {64, 200, 100000};
  for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
    stream_run r = run_stream(a, windows[w], id, nid, en, nen, whole, nw);
    CU_ASSERT_EQUAL(r.diff, 0);
    CU_ASSERT_EQUAL(r.beads, nw);
    CU_ASSERT(r.maxheld <= windows[w] || windows[w] > N);
    if (windows[w] < N) {
      CU_ASSERT(r.windows > 3);
    } else {
      CU_ASSERT_EQUAL(r.windows, 1);
    }
  }
  padan_align_stream_free(NULL);
  free(whole);
  for (size_t t = 0; t < nt; t++)
    free(txt[t]);
  free(txt), free(id), free(en);
  padan_aligner_free(a);
}

/* The learner's progress: every pass over the pairs is named, starts at 0,
 * ends at all pairs, and counts up; reports change nothing learned. */
typedef struct {
  char stages[32][64];
  size_t n, bad;
  size_t last_done;
} prog_log;

static void on_progress(void *ud, const char *stage, size_t done, size_t total) {
  prog_log *pl = ud;
  if (total != sizeof pairs_id / sizeof pairs_id[0] || done > total)
    pl->bad++;
  if (done == 0) {
    if (pl->n < 32)
      snprintf(pl->stages[pl->n], sizeof pl->stages[0], "%s", stage);
    pl->n++;
  } else if (done < pl->last_done || pl->n == 0 || strcmp(stage, pl->stages[pl->n - 1]) != 0) {
    pl->bad++;
  }
  pl->last_done = done;
}

static void test_learn_progress(void) {
  padan_learner *l, *q;
  CU_ASSERT_FATAL(padan_learner_new(&l) == PADAN_OK && padan_learner_new(&q) == PADAN_OK);
  prog_log pl;
  memset(&pl, 0, sizeof pl);
  padan_learner_set_progress(q, on_progress, &pl);
  for (size_t k = 0; k < sizeof pairs_id / sizeof pairs_id[0]; k++) {
    CU_ASSERT_EQUAL(padan_learner_add(l, pairs_id[k], strlen(pairs_id[k]), pairs_en[k],
                                      strlen(pairs_en[k])), PADAN_OK);
    CU_ASSERT_EQUAL(padan_learner_add(q, pairs_id[k], strlen(pairs_id[k]), pairs_en[k],
                                      strlen(pairs_en[k])), PADAN_OK);
  }
  CU_ASSERT_EQUAL_FATAL(padan_learner_train(l, 2, 1), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_learner_train(q, 2, 1), PADAN_OK);
  /* table, 3 EM iterations, alignment */
  CU_ASSERT_EQUAL(pl.n, 5);
  CU_ASSERT_EQUAL(pl.bad, 0);
  CU_ASSERT_STRING_EQUAL(pl.stages[0], "word-pair table");
  CU_ASSERT_STRING_EQUAL(pl.stages[1], "EM iteration 1 of 3");
  CU_ASSERT_STRING_EQUAL(pl.stages[3], "EM iteration 3 of 3");
  CU_ASSERT_STRING_EQUAL(pl.stages[4], "word alignment");
  CU_ASSERT_EQUAL(pl.last_done, sizeof pairs_id / sizeof pairs_id[0]);
  padan_learned *r, *rq;
  size_t n, nq;
  CU_ASSERT_EQUAL_FATAL(padan_learner_pairs(l, NULL, 0, 0, 1, 2, &r, &n), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_learner_pairs(q, NULL, 0, 0, 1, 2, &rq, &nq), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(pl.stages[5], "phrase pairs, pass 1 of 3");
  CU_ASSERT_EQUAL(pl.bad, 0);
  CU_ASSERT_EQUAL_FATAL(n, nq);
  for (size_t k = 0; k < n; k++) {
    CU_ASSERT_STRING_EQUAL(r[k].id_term, rq[k].id_term);
    CU_ASSERT_STRING_EQUAL(r[k].en_term, rq[k].en_term);
    CU_ASSERT_EQUAL(r[k].count, rq[k].count);
  }
  free(r), free(rq);
  padan_learner_free(l);
  padan_learner_free(q);
}

int suite_align(void) {
  CU_pSuite s = CU_add_suite("align", NULL, NULL);
  if (!s)
    return 1;
  if (!CU_add_test(s, "one to one", test_one_to_one) ||
      !CU_add_test(s, "deletions and merges", test_deletions_and_merges) ||
      !CU_add_test(s, "band widens", test_band_widens) ||
      !CU_add_test(s, "band follows anchors", test_band_anchor_center) ||
      !CU_add_test(s, "empty sides", test_empty_sides) ||
      !CU_add_test(s, "lexicon pair", test_lexicon_pair) ||
      !CU_add_test(s, "learn pairs", test_learn_pairs) ||
      !CU_add_test(s, "learn progress", test_learn_progress) ||
      !CU_add_test(s, "windowed alignment", test_stream_windows) ||
      !CU_add_test(s, "windows of drifting sides", test_stream_drift))
    return 1;
  return 0;
}
