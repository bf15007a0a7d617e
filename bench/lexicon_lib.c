/* Lexicon load and lookup speed: loads LEXICON (timing load and the first
 * index build), then runs N lookups of terms taken from it (exact, upper-case
 * for the case stage, reduplicated for the lemma stage) and a few thousand
 * misses that go through fuzzy matching. Usage: lexicon_lib LEXICON [N] */
#define _POSIX_C_SOURCE 200809L
#include <padan/lexicon.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu(void) { return (double)clock() / CLOCKS_PER_SEC; }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: lexicon_lib LEXICON [N]\n");
    return 2;
  }
  long n = argc > 2 ? atol(argv[2]) : 1000000;
  double c0 = cpu(), t0 = now();
  padan_lexicon *lex = padan_lexicon_new();
  if (padan_lexicon_load(lex, argv[1], PADAN_LEXFMT_AUTO)) {
    fprintf(stderr, "%s\n", padan_lexicon_errmsg(lex));
    return 2;
  }
  double t1 = now();
  padan_lexicon_hit h[8];
  size_t nh;
  padan_lexicon_lookup(lex, "id", "x", 1, 0, h, 8, &nh); /* builds the indexes */
  double t2 = now(), c2 = cpu();
  size_t nt = padan_lexicon_term_count(lex);
  printf("load %.3f s + index %.3f s = %.3f s wall (%.3f s cpu) for %zu concepts, %zu terms\n",
         t1 - t0, t2 - t1, t2 - t0, c2 - c0, padan_lexicon_concept_count(lex), nt);
  /* queries: every 3rd as written, upper-cased, or reduplicated first word */
  size_t nq = 30000;
  char **q = malloc(nq * sizeof *q);
  const char **lang = malloc(nq * sizeof *lang);
  for (size_t i = 0; i < nq; i++) {
    padan_lexicon_term t;
    padan_lexicon_term_get(lex, (i * 7919u) % nt, &t);
    char buf[512];
    if (i % 3 == 1) {
      snprintf(buf, sizeof buf, "%s", t.text);
      for (char *p = buf; *p; p++)
        if (*p >= 'a' && *p <= 'z')
          *p = (char)(*p - 32);
    } else if (i % 3 == 2 && strcmp(t.lang, "id") == 0) {
      const char *sp = strchr(t.text, ' ');
      size_t w = sp ? (size_t)(sp - t.text) : strlen(t.text);
      snprintf(buf, sizeof buf, "%.*s-%s", (int)w, t.text, t.text);
    } else {
      snprintf(buf, sizeof buf, "%s", t.text);
    }
    q[i] = strdup(buf);
    lang[i] = t.lang;
  }
  long found = 0, kinds[5] = {0};
  double t3 = now(), c3 = cpu();
  for (long i = 0; i < n; i++) {
    size_t k = (size_t)i % nq;
    padan_lexicon_lookup(lex, lang[k], q[k], strlen(q[k]), PADAN_LOOKUP_EXACT | PADAN_LOOKUP_CASE |
                         PADAN_LOOKUP_LEMMA, h, 8, &nh);
    if (nh) {
      found++;
      kinds[h[0].match]++;
    }
  }
  double t4 = now(), c4 = cpu();
  printf("%ld lookups (exact %ld, case %ld, lemma %ld, not found %ld) in %.3f s wall (%.3f s cpu): "
         "%.0f/s\n", n, kinds[1], kinds[2], kinds[3], n - found, t4 - t3, c4 - c3,
         (double)n / (t4 - t3));
  /* misses with a typo: the fuzzy stage scans one length bucket */
  long nf = argc > 3 ? atol(argv[3]) : 2000, fz = 0;
  double t5 = now();
  for (long i = 0; i < nf; i++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", q[(size_t)(i * 3) % nq]);
    size_t L = strlen(buf);
    if (L > 4)
      buf[L / 2] = buf[L / 2] == 'x' ? 'y' : 'x';
    padan_lexicon_lookup(lex, lang[(size_t)(i * 3) % nq], buf, L, 0, h, 8, &nh);
    fz += nh && h[0].match == PADAN_MATCH_FUZZY;
  }
  double t6 = now();
  printf("%ld typo lookups (%ld fuzzy hits) in %.3f s: %.0f/s\n", nf, fz, t6 - t5,
         (double)nf / (t6 - t5));
  for (size_t i = 0; i < nq; i++)
    free(q[i]);
  free(q);
  free(lang);
  padan_lexicon_free(lex);
  return 0;
}
