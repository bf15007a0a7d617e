/* Benchmark of the tokenizer library alone (no output formatting):
 *   tokenize_lib [--lines] [--tsv] FILE
 * decodes FILE, tokenizes it line by line and prints the number of sentences and
 * tokens and the MB/s of padan_tokenize (decoding excluded; wall and CPU time) on stderr. With --tsv
 * prints `line start end kind` rows (for checks, not timing). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <padan/padan.h>

static double now(clockid_t clk) {
  struct timespec ts;
  clock_gettime(clk, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int lines = 0, tsv = 0;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--lines") == 0)
      lines = 1;
    else if (strcmp(argv[i], "--tsv") == 0)
      tsv = 1;
    else
      path = argv[i];
  }
  if (!path) {
    fprintf(stderr, "usage: tokenize_lib [--lines] [--tsv] FILE\n");
    return 2;
  }
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    perror(path);
    return 2;
  }
  size_t cap = 1 << 20, n = 0, r;
  char *raw = malloc(cap);
  while (raw && (r = fread(raw + n, 1, cap - n, fp)) > 0) {
    n += r;
    if (n == cap)
      raw = realloc(raw, cap *= 2);
  }
  fclose(fp);
  char *text;
  size_t len;
  if (!raw || padan_decode(raw, n, NULL, &text, &len, NULL)) {
    fprintf(stderr, "%s: cannot decode\n", path);
    return 2;
  }
  free(raw);
  padan_tokenizer *tk;
  if (padan_tokenizer_new(&tk))
    return 2;
  padan_tokens t;
  padan_tokens_init(&t);
  size_t ntok = 0, nsent = 0, pos = 0, ln = 1;
  double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  while (pos < len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    padan_tokens_clear(&t);
    if (padan_tokenize(tk, text + pos, end - pos, lines ? 0 : pos, lines ? PADAN_TOKENIZE_LINES : 0,
                       &t))
      return 2;
    ntok += t.ntok, nsent += t.nsent;
    if (tsv)
      for (size_t k = 0; k < t.ntok; k++)
        printf("%zu\t%zu\t%zu\t%s\n", ln, t.tok[k].start, t.tok[k].start + t.tok[k].len,
               padan_tok_kind_name(t.tok[k].kind));
    pos = end + 1, ln++;
  }
  double secs = now(CLOCK_MONOTONIC) - t0, csecs = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
  fprintf(stderr,
          "library: %zu bytes, %zu sentences, %zu tokens: wall %.3f s = %.1f MB/s, cpu %.3f s = "
          "%.1f MB/s\n",
          len, nsent, ntok, secs, secs > 0 ? (double)len / 1e6 / secs : 0.0, csecs,
          csecs > 0 ? (double)len / 1e6 / csecs : 0.0);
  padan_tokens_free(&t);
  padan_tokenizer_free(tk);
  free(text);
  return 0;
}
