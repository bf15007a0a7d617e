/* Unit tests of spell/: morphology, names, caps, non-standard forms, ranking. */
#include "config.h"
#include "tests.h"

#include <padan/spell.h>
#include <stdio.h>
#include <stdlib.h>
#include "spell/spell_int.h"

static padan_speller *sp;
static int have_dict;

static int setup(void) {
  padan_speller_opts o = {0};
  if (padan_speller_new(&sp, &o))
    return -1;
  have_dict = padan_speller_load_dict(sp, NULL) == PADAN_OK;
  if (!have_dict)
    fprintf(stderr, "spell tests: no id_ID dictionary (%s); dictionary tests skipped\n",
            padan_speller_errmsg(sp));
  if (have_dict) {
    padan_speller_load_nonstandard(sp, test_fixture("spell/nonstandard.tsv"));
    padan_speller_load_lexicon(sp, test_fixture("spell/lexicon.tsv"));
    padan_speller_load_freq(sp, test_fixture("spell/freq.tsv"));
  }
  return 0;
}

static int teardown(void) {
  padan_speller_free(sp);
  sp = NULL;
  return 0;
}

static int kind_of(const char *w) {
  int k = -1;
  CU_ASSERT_EQUAL_FATAL(padan_speller_check_word(sp, w, strlen(w), &k), PADAN_OK);
  return k;
}

#define EXPECT_KIND(w, k)                                                                      \
  do {                                                                                         \
    int _k = kind_of(w);                                                                       \
    if (_k != (k))                                                                             \
      fprintf(stderr, "\n  %s: kind %s, expected %s\n", (w), padan_spell_kind_name(_k),      \
              padan_spell_kind_name(k));                                                       \
    CU_ASSERT_EQUAL(_k, (k));                                                                  \
  } while (0)

static void test_basic(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("rumah", PADAN_SPELL_OK);
  EXPECT_KIND("pemerintah", PADAN_SPELL_OK);
  EXPECT_KIND("Pemerintah", PADAN_SPELL_OK);
  EXPECT_KIND("pemerintha", PADAN_SPELL_MISSPELLED);
  EXPECT_KIND("négara", PADAN_SPELL_MISSPELLED); /* no Latin-1... it has one: still unknown */
  EXPECT_KIND("neg\xc5\x82" "ara", PADAN_SPELL_MISSPELLED); /* not in Latin-1: simply unknown */
}

static void test_clitics(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("ujarnya", PADAN_SPELL_OK);
  EXPECT_KIND("rumahnya", PADAN_SPELL_OK);
  EXPECT_KIND("bukankah", PADAN_SPELL_OK);
  EXPECT_KIND("bacalah", PADAN_SPELL_OK);
  EXPECT_KIND("rumahmu", PADAN_SPELL_OK);
  EXPECT_KIND("rumahkulah", PADAN_SPELL_OK); /* stacked */
  EXPECT_KIND("kuambil", PADAN_SPELL_OK);
  EXPECT_KIND("kaubaca", PADAN_SPELL_OK);
  EXPECT_KIND("rumhanya", PADAN_SPELL_MISSPELLED);
}

static void test_redup_compounds(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("negara-negara", PADAN_SPELL_OK);
  EXPECT_KIND("berlari-lari", PADAN_SPELL_OK);
  EXPECT_KIND("sebaik-baiknya", PADAN_SPELL_OK);
  EXPECT_KIND("sayur-mayur", PADAN_SPELL_OK);
  EXPECT_KIND("anti-Amerika", PADAN_SPELL_OK);
  EXPECT_KIND("DPRK-Rusia", PADAN_SPELL_OK);
  EXPECT_KIND("Kim-Putin", PADAN_SPELL_NAME);
  EXPECT_KIND("Ki-moon", PADAN_SPELL_NAME);
  EXPECT_KIND("negara-negra", PADAN_SPELL_MISSPELLED);
  EXPECT_KIND("rumah-rumahnya", PADAN_SPELL_OK);
}

/* Bound prefixes written solid and di- passives (a regression: samples/ had
 * antarangkatan and diratifikasi flagged). */
static void test_affixed(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("antarangkatan", PADAN_SPELL_OK);
  EXPECT_KIND("pascaperang", PADAN_SPELL_OK);
  EXPECT_KIND("diratifikasi", PADAN_SPELL_OK); /* meratifikasi is known */
  EXPECT_KIND("dimeja", PADAN_SPELL_MISSPELLED); /* di + noun: "di meja" */
  EXPECT_KIND("antarangkatn", PADAN_SPELL_MISSPELLED);
  EXPECT_KIND("diratifkasi", PADAN_SPELL_MISSPELLED);
}

static void test_names_lexicon(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("Zhrobkovitz", PADAN_SPELL_NAME);
  EXPECT_KIND("Pyongyang", PADAN_SPELL_OK); /* a lexicon word */
  EXPECT_KIND("pyongyang", PADAN_SPELL_MISSPELLED);
  const char *const *l;
  size_t n;
  CU_ASSERT_EQUAL(padan_speller_suggest(sp, "Pyongyng", 8, &l, &n), PADAN_OK);
  CU_ASSERT(n >= 1 && strcmp(l[0], "Pyongyang") == 0);
  CU_ASSERT_EQUAL(padan_speller_add_word(sp, "Zhrobkovitz", 11), PADAN_OK);
  EXPECT_KIND("Zhrobkovitz", PADAN_SPELL_OK);
}

static void test_nonstandard(void) {
  if (!have_dict)
    return;
  EXPECT_KIND("resiko", PADAN_SPELL_NONSTANDARD);
  EXPECT_KIND("Resiko", PADAN_SPELL_NONSTANDARD);
  EXPECT_KIND("resikonya", PADAN_SPELL_NONSTANDARD);
  EXPECT_KIND("risiko", PADAN_SPELL_OK);
  const char *const *l;
  size_t n;
  CU_ASSERT_EQUAL(padan_speller_suggest(sp, "Resikonya", 9, &l, &n), PADAN_OK);
  CU_ASSERT(n >= 1 && strcmp(l[0], "Risikonya") == 0);
  CU_ASSERT_EQUAL(padan_speller_suggest(sp, "analisa", 7, &l, &n), PADAN_OK);
  CU_ASSERT(n >= 1 && strcmp(l[0], "analisis") == 0);
}

static int first_is(const char *typo, const char *want) {
  const char *const *l;
  size_t n;
  if (padan_speller_suggest(sp, typo, strlen(typo), &l, &n) != PADAN_OK)
    return 0;
  if (n && strcmp(l[0], want) == 0)
    return 1;
  fprintf(stderr, "\n  %s -> %s (expected %s)\n", typo, n ? l[0] : "(none)", want);
  return 0;
}

static void test_ranking(void) {
  if (!have_dict)
    return;
  CU_ASSERT(first_is("pemerintha", "pemerintah"));  /* transposition */
  CU_ASSERT(first_is("mengatakn", "mengatakan"));   /* deletion */
  CU_ASSERT(first_is("kebijakkan", "kebijakan"));   /* doubled letter */
  CU_ASSERT(first_is("pembangunsn", "pembangunan")); /* keyboard neighbour */
  CU_ASSERT(first_is("Pemerintha", "Pemerintah"));  /* case kept */
  CU_ASSERT(first_is("PEMERINTHA", "PEMERINTAH"));
  /* the distance: transposition and neighbours are cheap */
  CU_ASSERT(pd_spell_distance("ab", 2, "ba", 2) < 1.0);
  CU_ASSERT(pd_spell_distance("as", 2, "aa", 2) < pd_spell_distance("ap", 2, "aa", 2));
  CU_ASSERT(pd_spell_distance("abc", 3, "abc", 3) == 0.0);
}

typedef struct {
  char words[16][32];
  int kinds[16];
  size_t n;
} found;

static int collect(void *user, const padan_spell_finding *f) {
  found *fd = user;
  if (fd->n < 16) {
    snprintf(fd->words[fd->n], sizeof fd->words[0], "%.*s", (int)f->len, f->word);
    fd->kinds[fd->n] = f->kind;
    fd->n++;
  }
  return 0;
}

static void check(const char *text, int names, int caps, found *fd) {
  padan_speller_opts o = {0};
  o.names = names, o.check_caps = caps;
  padan_speller *s2;
  padan_tokenizer *tk;
  padan_tokens toks;
  memset(fd, 0, sizeof *fd);
  CU_ASSERT_EQUAL_FATAL(padan_speller_new(&s2, &o), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_speller_load_dict(s2, NULL), PADAN_OK);
  CU_ASSERT_EQUAL(padan_speller_load_freq(s2, test_fixture("spell/freq.tsv")), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_tokenizer_new(&tk), PADAN_OK);
  padan_tokens_init(&toks);
  CU_ASSERT_EQUAL(padan_tokenize(tk, text, strlen(text), 0, 0, &toks), PADAN_OK);
  CU_ASSERT_EQUAL(padan_speller_check_text(s2, text, strlen(text), 0, &toks, collect, fd), PADAN_OK);
  padan_tokens_free(&toks);
  padan_tokenizer_free(tk);
  padan_speller_free(s2);
}

static void test_text(void) {
  if (!have_dict)
    return;
  found fd;
  const char *t = "Menurut Zhrobkovitz, pemerintha KCNA sudah 2024 di https://x.id bekerja.";
  check(t, 0, 0, &fd);
  CU_ASSERT_EQUAL(fd.n, 1);
  CU_ASSERT_STRING_EQUAL(fd.words[0], "pemerintha");
  check(t, 1, 0, &fd);
  CU_ASSERT_EQUAL(fd.n, 2);
  CU_ASSERT_STRING_EQUAL(fd.words[0], "Zhrobkovitz");
  CU_ASSERT_EQUAL(fd.kinds[0], PADAN_SPELL_NAME);
  check("Rumah XQZW bagus.", 0, 1, &fd);
  CU_ASSERT_EQUAL(fd.n, 1);
  check("Rumah XQZW bagus.", 0, 0, &fd);
  CU_ASSERT_EQUAL(fd.n, 0);
  /* sentence-initial: a typo when a known word is one edit away, else a name */
  check("Pemerintha bekerja. Zhrobkovitz bekerja.", 0, 0, &fd);
  CU_ASSERT_EQUAL(fd.n, 1);
  CU_ASSERT_STRING_EQUAL(fd.words[0], "Pemerintha");
}

static void test_missing_dict(void) {
  padan_speller *s2;
  CU_ASSERT_EQUAL_FATAL(padan_speller_new(&s2, NULL), PADAN_OK);
  CU_ASSERT_EQUAL(padan_speller_load_dict(s2, "/nonexistent/xx_XX"), PADAN_EDICT);
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_speller_errmsg(s2), "/nonexistent/xx_XX.aff"));
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_speller_errmsg(s2), "/nonexistent/xx_XX.dic"));
  int k;
  CU_ASSERT_EQUAL(padan_speller_check_word(s2, "a", 1, &k), PADAN_EDICT);
  CU_ASSERT_EQUAL(padan_speller_load_words(s2, "/nonexistent/words.txt"), PADAN_EIO);
  CU_ASSERT_PTR_NOT_NULL(strstr(padan_speller_errmsg(s2), "/nonexistent/words.txt"));
  padan_speller_free(s2);
  padan_speller_free(NULL);
}

static void test_cache_bound(void) {
  if (!have_dict)
    return;
  padan_speller_opts o = {0};
  o.cache_max = 4;
  padan_speller *s2;
  CU_ASSERT_EQUAL_FATAL(padan_speller_new(&s2, &o), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(padan_speller_load_dict(s2, NULL), PADAN_OK);
  const char *w[] = {"rumah", "pemerintha", "negara", "bagus", "kota", "xqzw", "rumah", "pemerintha"};
  int want[] = {0, 1, 0, 0, 0, 1, 0, 1};
  for (size_t i = 0; i < 8; i++) {
    int k;
    CU_ASSERT_EQUAL(padan_speller_check_word(s2, w[i], strlen(w[i]), &k), PADAN_OK);
    CU_ASSERT_EQUAL(k, want[i]);
    const char *const *l;
    size_t n;
    CU_ASSERT_EQUAL(padan_speller_suggest(s2, w[i], strlen(w[i]), &l, &n), PADAN_OK);
  }
  padan_speller_free(s2);
}


/* ---- the ispell pipe (padan_spell_pipe_*) */

/* Feeds in[0..n) in pieces of `step` bytes (0: at once, then eof) and returns
 * the answers (malloc'd). */
static size_t pipe_max; /* the piece size for pipe_run; 0: the default */

static char *pipe_run(const char *in, size_t n, size_t step) {
  padan_spell_pipe *pp;
  if (padan_spell_pipe_new(&pp, sp) != PADAN_OK)
    return NULL;
  if (pipe_max)
    pd_spell_pipe_set_max(pp, pipe_max);
  size_t cap = 1024, len = 0;
  char *all = malloc(cap);
  for (size_t i = 0; all;) {
    size_t k = step && n - i > step ? step : n - i;
    const char *o;
    size_t ol;
    int rc = padan_spell_pipe_feed(pp, in + i, k, i + k == n, &o, &ol);
    CU_ASSERT_EQUAL(rc, PADAN_OK);
    if (len + ol + 1 > cap) {
      while (len + ol + 1 > cap)
        cap *= 2;
      char *t = realloc(all, cap);
      if (!t) {
        free(all);
        all = NULL;
        break;
      }
      all = t;
    }
    memcpy(all + len, o, ol);
    len += ol;
    all[len] = '\0';
    i += k;
    if (i == n)
      break;
  }
  padan_spell_pipe_free(pp);
  return all;
}

static void test_pipe(void) {
  if (!have_dict)
    return;
  CU_ASSERT_EQUAL(strncmp(padan_spell_pipe_banner(), "@(#) International Ispell Version 3.2.06", 40), 0);
  const char *in = "rumah mengatakn\n"
                   "^kami pasra\n"
                   "!\n"
                   "rumah pasra\n"
                   "%\n"
                   "*zzqx\n"
                   "zzqx rumah\r\n"
                   "#\n+\n-\n~nroff\n"
                   "caf\xc3\xa9 \xff rumah\n"
                   "\n"
                   "kaf\xc3\xa9 perjanjain";
  char *whole = pipe_run(in, strlen(in), 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
  const char *want[] = {"*\n& mengatakn ", " 6: mengatakan", "\n\n*\n& pasra ", " 6: pasar",
                        "\n\n& pasra ", " 6: pasar", "\n\n*\n*\n\n\n\n# kaf\xc3\xa9 0\n& perjanjain 1 5: perjanjian\n\n"};
  const char *at = whole;
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *f = strstr(at, want[i]);
    CU_ASSERT_PTR_NOT_NULL(f);
    if (!f) {
      fprintf(stderr, "pipe: '%s' not found in:\n%s\n", want[i], at);
      break;
    }
    at = f + strlen(want[i]);
  }
  CU_ASSERT_EQUAL(*at, '\0');
  /* the same answers whatever the cut of the input */
  for (size_t step = 1; step < 8; step += 3) {
    char *cut = pipe_run(in, strlen(in), step);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cut);
    CU_ASSERT_STRING_EQUAL(cut, whole);
    free(cut);
  }
  free(whole);
  /* one line at a time */
  padan_spell_pipe *pp;
  CU_ASSERT_EQUAL_FATAL(padan_spell_pipe_new(&pp, sp), PADAN_OK);
  const char *o;
  size_t ol;
  CU_ASSERT_EQUAL(padan_spell_pipe_line(pp, "rumah", 5, &o, &ol), PADAN_OK);
  CU_ASSERT_EQUAL(ol, 3);
  CU_ASSERT_EQUAL(memcmp(o, "*\n\n", 3), 0);
  CU_ASSERT_EQUAL(padan_spell_pipe_line(pp, "rumah\nbagus", 11, &o, &ol), PADAN_OK);
  CU_ASSERT_EQUAL(ol, 6); /* two lines */
  CU_ASSERT_EQUAL(padan_spell_pipe_line(pp, "!", 1, &o, &ol), PADAN_OK);
  CU_ASSERT_EQUAL(ol, 0);
  CU_ASSERT_EQUAL(padan_spell_pipe_line(pp, "", 0, &o, &ol), PADAN_OK);
  CU_ASSERT_EQUAL(ol, 1);
  padan_spell_pipe_free(pp);
  padan_spell_pipe_free(NULL);
  CU_ASSERT_EQUAL(padan_spell_pipe_new(&pp, NULL), PADAN_EARG);
}

/* A line longer than PADAN_SPELL_PIPE_MAX_LINE is checked in pieces; offsets
 * count from the start of the line. */
static void test_pipe_long_line(void) {
  if (!have_dict)
    return;
  /* pieces of 16 bytes: a run with no blank nor punctuation is answered once
   * (for its part in the first piece), the rest skipped, the offsets of
   * the words after it right (in characters); words joined by commas are cut
   * after a comma and answered each; whatever the cut of the input */
  pipe_max = 16;
  const char *runs = "saya aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa makn\n"
                     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                     "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 makn\n"
                     "kata,kata,kata,kata,kata,kata,kata pasra\n";
  for (size_t step = 0; step < 6; step += 5) {
    char *out = pipe_run(runs, strlen(runs), step);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    /* each answer line starts so (suggestions after ':' not compared) */
    static const char *const want[] = {
        "*", "# aaaaaaaaaaa 5", "& makn 5 46: ", "",
        "# \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 0", "& makn 5 13: ", "",
        "*", "*", "*", "*", "*", "*", "*", "& pasra 5 35: ", ""};
    const char *at = out;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
      const char *e = strchr(at, '\n');
      CU_ASSERT_PTR_NOT_NULL_FATAL(e);
      size_t wl = strlen(want[i]), ll = (size_t)(e - at);
      int prefix = wl && want[i][wl - 1] == ' ';
      int same = (prefix ? ll >= wl : ll == wl) && memcmp(at, want[i], wl) == 0;
      if (!same)
        fprintf(stderr, "pipe runs: line %zu is '%.*s', want '%s'\n", i + 1, (int)ll, at, want[i]);
      CU_ASSERT(same);
      at = e + 1;
    }
    CU_ASSERT_EQUAL(*at, '\0');
    free(out);
  }
  pipe_max = 0;
  const char *w = "rumah kaf\xc3\xa9 "; /* 12 bytes, 11 characters */
  size_t reps = 3 * PADAN_SPELL_PIPE_MAX_LINE / 12;
  size_t n = reps * 12 + 12;
  char *in = malloc(n + 40);
  CU_ASSERT_PTR_NOT_NULL_FATAL(in);
  for (size_t i = 0; i < reps; i++)
    memcpy(in + i * 12, w, 12);
  size_t len = reps * 12;
  len += (size_t)sprintf(in + len, "perjanjain\n*%s\nzzqx\n", "zzqx");
  for (size_t step = 0; step <= 65536; step += 65536) {
    char *out = pipe_run(in, len, step);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    /* (a line at a time with memchr: strstr or strchr over megabytes is
     * quadratic under ASan, whose interceptors measure the whole string) */
    size_t stars = 0, kafe = 0, olen = strlen(out);
    for (const char *p = out, *end = out + olen; p < end;) {
      const char *e = memchr(p, '\n', (size_t)(end - p));
      size_t ln = e ? (size_t)(e - p) : (size_t)(end - p);
      stars += ln == 1 && p[0] == '*';
      kafe += ln > 8 && memcmp(p, "# kaf\xc3\xa9 ", 8) == 0;
      p += ln + (e != NULL);
    }
    CU_ASSERT_EQUAL(stars, reps + 1);
    CU_ASSERT_EQUAL(kafe, reps);
    char want[64];
    snprintf(want, sizeof want, "\n# kaf\xc3\xa9 %zu\n", (reps - 1) * 11 + 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
    snprintf(want, sizeof want, "& perjanjain 1 %zu: perjanjian\n\n*\n\n", reps * 11);
    size_t ol = strlen(out), wl = strlen(want);
    CU_ASSERT(ol > wl && strcmp(out + ol - wl, want) == 0);
    free(out);
  }
  /* a *WORD line over the piece size is ignored, and the next line answered */
  free(in);
  len = 1 + 2 * PADAN_SPELL_PIPE_MAX_LINE;
  char *big = malloc(len + 16);
  CU_ASSERT_PTR_NOT_NULL_FATAL(big);
  big[0] = '*';
  memset(big + 1, 'q', len - 1);
  memcpy(big + len, "\nrumah\n", 7);
  char *out = pipe_run(big, len + 7, 100000);
  CU_ASSERT_PTR_NOT_NULL_FATAL(out);
  CU_ASSERT_STRING_EQUAL(out, "*\n\n");
  free(out);
  free(big);
}

int suite_spell(void) {
  CU_pSuite s = CU_add_suite("spell", setup, teardown);
  if (!s)
    return -1;
  if (!CU_add_test(s, "basic", test_basic) || !CU_add_test(s, "clitics", test_clitics) ||
      !CU_add_test(s, "reduplication and compounds", test_redup_compounds) ||
      !CU_add_test(s, "bound prefixes and di- passives", test_affixed) ||
      !CU_add_test(s, "names and lexicon", test_names_lexicon) ||
      !CU_add_test(s, "nonstandard", test_nonstandard) ||
      !CU_add_test(s, "suggestion ranking", test_ranking) || !CU_add_test(s, "text", test_text) ||
      !CU_add_test(s, "missing dictionary", test_missing_dict) ||
      !CU_add_test(s, "bounded cache", test_cache_bound) ||
      !CU_add_test(s, "ispell pipe", test_pipe) ||
      !CU_add_test(s, "ispell pipe: long lines", test_pipe_long_line))
    return -1;
  return 0;
}
