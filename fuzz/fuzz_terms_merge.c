/* libFuzzer target: padan_terms_merge_state on arbitrary bytes (the file of
 * `padan terms --counts`), then ranking. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <padan/terms.h>

static char path[64];

static void cleanup(void) { unlink(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/padan-fuzz-merge.XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
      abort();
    close(fd);
    atexit(cleanup);
  }
  FILE *fp = fopen(path, "wb");
  if (!fp)
    abort();
  if (fwrite(data, 1, size, fp) != size || fclose(fp))
    abort();
  padan_terms_options opt;
  padan_terms_options_init(&opt);
  opt.min_freq = 1;
  padan_terms *t;
  if (padan_terms_new(&t, &opt))
    return 0;
  if (padan_terms_merge_state(t, path) == PADAN_OK) {
    const padan_term *v;
    size_t n;
    padan_terms_rank(t, &v, &n);
  } else if (!padan_terms_errmsg(t)[0]) {
    abort();
  }
  padan_terms_free(t);
  return 0;
}
