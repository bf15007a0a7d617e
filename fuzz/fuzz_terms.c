/* libFuzzer target: term extraction. The input is split at form feeds into
 * documents added one at a time, then ranked; the same documents given in
 * pieces (padan_terms_add_piece, cut every k bytes: inside words and
 * characters) must give the same mergeable counts; the counts are written
 * twice into one file, read back (padan_terms_merge_state, a concatenation)
 * into a second extractor and ranked again. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <padan/terms.h>

static char path[64];

static void cleanup(void) { unlink(path); }

static void rank(padan_terms *t) {
  const padan_term *v;
  size_t n;
  if (padan_terms_rank(t, &v, &n) != PADAN_OK)
    return;
  for (size_t i = 0; i < n; i++)
    if (!v[i].term || v[i].nvariants == 0 || v[i].docs > padan_terms_docs(t) ||
        v[i].freq == 0)
      abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/padan-fuzz-terms.XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
      abort();
    close(fd);
    atexit(cleanup);
  }
  padan_terms_options opt;
  padan_terms_options_init(&opt);
  opt.min_freq = 1;
  opt.context_bytes = 20;
  padan_terms *t, *m, *p;
  if (padan_terms_new(&t, &opt))
    return 0;
  if (padan_terms_new(&p, &opt)) {
    padan_terms_free(t);
    return 0;
  }
  padan_terms_add_stopword(t, "yang", 4);
  padan_terms_add_stopword(t, "dan", 3);
  padan_terms_add_stopword(p, "yang", 4);
  padan_terms_add_stopword(p, "dan", 3);
  size_t step = size ? 1 + data[0] % 13 : 1;
  int ok = 1;
  const char *s = (const char *)data, *end = s + size;
  while (s <= end) {
    const char *ff = memchr(s, '\f', (size_t)(end - s));
    size_t n = ff ? (size_t)(ff - s) : (size_t)(end - s);
    ok &= padan_terms_add(t, s, n) == PADAN_OK;
    for (size_t i = 0; i < n; i += step)
      ok &= padan_terms_add_piece(p, s + i, n - i < step ? n - i : step) == PADAN_OK;
    ok &= padan_terms_end_doc(p) == PADAN_OK;
    if (!ff)
      break;
    s = ff + 1;
  }
  rank(t);
  if (ok) { /* pieces count exactly as whole documents */
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl);
    if (fa && fb) {
      int ra = padan_terms_write_state(t, fa), rb = padan_terms_write_state(p, fb);
      fclose(fa), fclose(fb);
      if (ra == PADAN_OK && rb == PADAN_OK && (al != bl || memcmp(a, b, al) != 0))
        abort();
    } else {
      if (fa)
        fclose(fa);
      if (fb)
        fclose(fb);
    }
    free(a), free(b);
  }
  padan_terms_free(p);
  FILE *fp = fopen(path, "w");
  if (fp) {
    int rc = padan_terms_write_state(t, fp);
    if (rc == PADAN_OK)
      rc = padan_terms_write_state(t, fp); /* a concatenation of two shards */
    if (fclose(fp) == 0 && rc == PADAN_OK && padan_terms_new(&m, &opt) == PADAN_OK) {
      padan_terms_add_stopword(m, "yang", 4);
      padan_terms_add_stopword(m, "dan", 3);
      if (padan_terms_merge_state(m, path) != PADAN_OK)
        abort(); /* what was written must read back */
      if (padan_terms_docs(m) != 2 * padan_terms_docs(t))
        abort();
      rank(m);
      padan_terms_free(m);
    }
  }
  padan_terms_free(t);
  return 0;
}
