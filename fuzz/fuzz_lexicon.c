/* libFuzzer target: padan_lexicon_load_mem with the format FUZZ_LEXFMT
 * (TSV, CSV or TBX, chosen at compile time), then lookups of its own terms,
 * lint and writing every format to /dev/null. Each is also read as a file,
 * line by line, record by record (CSV in chunks of 1 to 8 bytes) or, for
 * TBX, entry by entry through libxml2's reader on the stream: the same
 * status, message and counts. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <padan/lexicon.h>
#include "lexicon/lexicon_int.h"

#ifndef FUZZ_LEXFMT
#define FUZZ_LEXFMT PADAN_LEXFMT_TSV
#endif

static FILE *devnull;

static void on_finding(const padan_lexicon_finding *f, void *ud) {
  (void)f, (void)ud;
}

static void same_from_file(const uint8_t *data, size_t size, padan_lexicon *lex, int rc) {
  if (!size)
    return;
  FILE *fp = fmemopen((void *)data, size, "r");
  padan_lexicon *b = padan_lexicon_new();
  pd_lexload ld;
  if (!fp || !b || pd_lexload_begin(&ld, b, "fuzz", 0)) {
    if (fp)
      fclose(fp);
    padan_lexicon_free(b);
    return;
  }
  size_t chunk = pd_lex_csv_chunk;
  pd_lex_csv_chunk = 1 + data[0] % 8;
  int rb;
  if (FUZZ_LEXFMT == PADAN_LEXFMT_TSV)
    rb = pd_lex_read_tsv_file(&ld, fp);
  else if (FUZZ_LEXFMT == PADAN_LEXFMT_CSV)
    rb = pd_lex_read_csv_file(&ld, fp, 1, ',');
  else
    rb = pd_lex_read_tbx_file(&ld, fp);
  rb = pd_lexload_end(&ld, rb);
  pd_lex_csv_chunk = chunk;
  fclose(fp);
  if (rb != rc || strcmp(padan_lexicon_errmsg(lex), padan_lexicon_errmsg(b)) != 0 ||
      padan_lexicon_concept_count(lex) != padan_lexicon_concept_count(b) ||
      padan_lexicon_term_count(lex) != padan_lexicon_term_count(b))
    abort();
  padan_lexicon_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!devnull)
    devnull = fopen("/dev/null", "w");
  padan_lexicon *lex = padan_lexicon_new();
  if (!lex)
    return 0;
  int rc = padan_lexicon_load_mem(lex, "fuzz", (const char *)data, size, FUZZ_LEXFMT, 0);
  same_from_file(data, size, lex, rc);
  if (rc != PADAN_OK) {
    if (!padan_lexicon_errmsg(lex)[0] || padan_lexicon_concept_count(lex) != 0)
      abort(); /* a failed load names the problem and keeps nothing */
  } else {
    size_t nt = padan_lexicon_term_count(lex);
    for (size_t i = 0; i < nt && i < 16; i++) {
      padan_lexicon_term t;
      if (padan_lexicon_term_get(lex, i, &t))
        abort();
      padan_lexicon_hit hits[8];
      size_t nh = 0;
      padan_lexicon_lookup(lex, t.lang, t.text, t.len, PADAN_LOOKUP_ALL, hits, 8, &nh);
      for (size_t h = 0; h < nh && h < 8; h++)
        if (hits[h].term >= nt)
          abort();
      /* one edit away, for the fuzzy stage */
      if (t.len > 1)
        padan_lexicon_lookup(lex, t.lang, t.text, t.len - 1, PADAN_LOOKUP_ALL, hits, 8, &nh);
    }
    size_t nf = 0;
    padan_lexicon_lint(lex, on_finding, NULL, &nf);
    if (devnull) {
      pd_lex_write_tsv(lex, devnull);
      pd_lex_write_csv(lex, devnull, 1);
      pd_lex_write_omegat(lex, devnull);
      pd_lex_write_tbx(lex, devnull, 0);
      pd_lex_write_tbx(lex, devnull, 1);
    }
  }
  padan_lexicon_free(lex);
  return 0;
}
