/* libFuzzer target: term extraction. The input is split at form feeds into
 * documents added one at a time, then ranked; the mergeable counts are written,
 * read back (padan_terms_merge_state) into a second extractor and ranked again. */
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
  padan_terms *t, *m;
  if (padan_terms_new(&t, &opt))
    return 0;
  padan_terms_add_stopword(t, "yang", 4);
  padan_terms_add_stopword(t, "dan", 3);
  const char *s = (const char *)data, *end = s + size;
  while (s <= end) {
    const char *ff = memchr(s, '\f', (size_t)(end - s));
    size_t n = ff ? (size_t)(ff - s) : (size_t)(end - s);
    padan_terms_add(t, s, n);
    if (!ff)
      break;
    s = ff + 1;
  }
  rank(t);
  FILE *fp = fopen(path, "w");
  if (fp) {
    int rc = padan_terms_write_state(t, fp);
    if (fclose(fp) == 0 && rc == PADAN_OK && padan_terms_new(&m, &opt) == PADAN_OK) {
      padan_terms_add_stopword(m, "yang", 4);
      padan_terms_add_stopword(m, "dan", 3);
      if (padan_terms_merge_state(m, path) != PADAN_OK)
        abort(); /* what was written must read back */
      if (padan_terms_docs(m) != padan_terms_docs(t))
        abort();
      rank(m);
      padan_terms_free(m);
    }
  }
  padan_terms_free(t);
  return 0;
}
