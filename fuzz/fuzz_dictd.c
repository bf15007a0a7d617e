/* libFuzzer target: the FreeDict dictd reader. It reads files, so the input is
 * split at its first NUL byte into STEM.index and STEM.dict.dz (zlib reads an
 * uncompressed file as is) in a private temporary folder. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <padan/lexicon.h>

static char dir[64], stem[96], ipath[128], dpath[128];

static int put(const char *path, const uint8_t *p, size_t n) {
  FILE *fp = fopen(path, "wb");
  if (!fp)
    return -1;
  int bad = fwrite(p, 1, n, fp) != n;
  return (fclose(fp) || bad) ? -1 : 0;
}

static void cleanup(void) {
  unlink(ipath), unlink(dpath), rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/padan-fuzz-dictd.XXXXXX");
    if (!mkdtemp(dir))
      abort();
    snprintf(stem, sizeof stem, "%s/d", dir);
    snprintf(ipath, sizeof ipath, "%s.index", stem);
    snprintf(dpath, sizeof dpath, "%s.dict.dz", stem);
    atexit(cleanup);
  }
  const uint8_t *z = memchr(data, 0, size);
  size_t ilen = z ? (size_t)(z - data) : size;
  if (put(ipath, data, ilen) || put(dpath, z ? z + 1 : data, z ? size - ilen - 1 : 0))
    abort();
  padan_lexicon *lex = padan_lexicon_new();
  if (!lex)
    return 0;
  if (padan_lexicon_load_flags(lex, stem, PADAN_LEXFMT_DICTD, PADAN_LEXICON_BASE) == PADAN_OK) {
    size_t nt = padan_lexicon_term_count(lex);
    for (size_t i = 0; i < nt && i < 8; i++) {
      padan_lexicon_term t;
      padan_lexicon_hit hits[4];
      size_t nh;
      if (padan_lexicon_term_get(lex, i, &t))
        abort();
      padan_lexicon_lookup(lex, t.lang, t.text, t.len, PADAN_LOOKUP_ALL, hits, 4, &nh);
    }
  } else if (!padan_lexicon_errmsg(lex)[0]) {
    abort();
  }
  padan_lexicon_free(lex);
  return 0;
}
