/* libFuzzer target: the ispell pipe (padan_spell_pipe_*, `padan spell -a`).
 *
 * The first byte picks how the input is cut for padan_spell_pipe_feed (0: at
 * once; else pieces of that many bytes) and the second the piece size of long
 * lines (0: the default; else 8..263 bytes, so that the long-line paths run on
 * short input); the rest is the pipe input. Checks on the answers: every line
 * is "*", "& WORD N OFF: ...", "# WORD OFF" or empty; each text line of the
 * input gets a block ended by an empty line, command lines none; OFF is the
 * character offset of WORD in its input line. Then each line again through
 * padan_spell_pipe_line, on a session with the default piece size: whole
 * lines must give the same answers as the feed when both use whole lines.
 *
 * The id_ID dictionary is loaded once ($DICPATH or the system folders). Words
 * accepted by "*WORD" lines stay in the speller, which is made afresh every
 * 2000 inputs. */
#include "config.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <padan/spell.h>
#include "spell/spell_int.h"

static padan_speller *sp;
static unsigned long runs;

static void make_speller(void) {
  padan_speller_free(sp);
  sp = NULL;
  if (padan_speller_new(&sp, NULL) != PADAN_OK || padan_speller_load_dict(sp, NULL) != PADAN_OK) {
    fprintf(stderr, "fuzz_ispell: %s\n", sp ? padan_speller_errmsg(sp) : "out of memory");
    abort();
  }
}

typedef struct {
  char *p;
  size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 256;
    while (b->len + n + 1 > c)
      c *= 2;
    char *q = realloc(b->p, c);
    if (!q)
      abort();
    b->p = q, b->cap = c;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

/* Byte offset of character `off` in s[0..n), or n + 1 when past the end. */
static size_t byte_at(const char *s, size_t n, size_t off) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80)
      continue;
    if (c == off)
      return i;
    c++;
  }
  return c == off ? n : n + 1;
}

static int is_command(const char *l, size_t n) {
  return n && l[0] && strchr("!%*@&#~+-", l[0]);
}

/* Checks the answers a[0..an) against the input lines of in[0..n). */
static void check(const char *in, size_t n, const char *a, size_t an) {
  if (an && a[an - 1] != '\n')
    abort();
  size_t ap = 0;
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(in + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - in) : n, le = e;
    while (le > i && (in[le - 1] == '\r' || in[le - 1] == '\n'))
      le--;
    const char *l = in + i;
    size_t ln = le - i;
    i = e + 1;
    if (is_command(l, ln))
      continue;
    for (;;) {
      if (ap >= an)
        abort(); /* a text line without its block */
      const char *q = memchr(a + ap, '\n', an - ap);
      size_t qn = (size_t)(q - (a + ap));
      const char *r = a + ap;
      ap += qn + 1;
      if (qn == 0)
        break;
      if (qn == 1 && r[0] == '*')
        continue;
      if (r[0] != '&' && r[0] != '#')
        abort();
      if (qn < 4 || r[1] != ' ')
        abort();
      const char *w = r + 2, *we = memchr(w, ' ', qn - 2);
      if (!we || we == w)
        abort();
      /* the numbers after the word, as a string of their own */
      char num[64];
      size_t nn = qn - (size_t)(we - r);
      if (nn >= sizeof num)
        nn = sizeof num - 1;
      memcpy(num, we, nn);
      num[nn] = '\0';
      unsigned long off;
      char tail;
      if (r[0] == '#') {
        if (sscanf(num, " %lu%c", &off, &tail) != 1)
          abort();
      } else {
        unsigned long k;
        if (sscanf(num, " %lu %lu%c", &k, &off, &tail) != 3 || tail != ':' || k == 0)
          abort();
      }
      size_t wl = (size_t)(we - w), b = byte_at(l, ln, off);
      if (b > ln || wl > ln - b || memcmp(l + b, w, wl) != 0)
        abort(); /* the offset does not point at the word */
    }
  }
  if (ap != an)
    abort(); /* answers left over */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  if (!sp || runs++ % 2000 == 0)
    make_speller();
  size_t step = data[0], max = data[1] ? 8 + (size_t)data[1] : 0;
  const char *in = (const char *)data + 2;
  size_t n = size - 2;
  padan_spell_pipe *pp;
  if (padan_spell_pipe_new(&pp, sp) != PADAN_OK)
    return 0;
  if (max)
    pd_spell_pipe_set_max(pp, max);
  buf all = {0};
  put(&all, "", 0);
  int rc = PADAN_OK;
  for (size_t i = 0; rc == PADAN_OK;) {
    size_t k = step && n - i > step ? step : n - i;
    const char *o;
    size_t ol;
    rc = padan_spell_pipe_feed(pp, in + i, k, i + k == n, &o, &ol);
    if (!o)
      abort();
    put(&all, o, ol);
    i += k;
    if (i == n)
      break;
  }
  padan_spell_pipe_free(pp);
  if (rc != PADAN_OK) {
    free(all.p);
    return 0;
  }
  check(in, n, all.p, all.len);
  /* line by line, whole lines: the same answers as the feed with whole lines
   * (words accepted by the first run are known by now: compare only inputs
   * without such lines) */
  int adds = 0;
  for (size_t i = 0; i < n; i++)
    if ((i == 0 || in[i - 1] == '\n') && (in[i] == '*' || in[i] == '@' || in[i] == '&'))
      adds = 1;
  if (padan_spell_pipe_new(&pp, sp) == PADAN_OK) {
    buf lines = {0};
    put(&lines, "", 0);
    for (size_t i = 0; i < n;) {
      const char *nl = memchr(in + i, '\n', n - i);
      size_t e = nl ? (size_t)(nl - in) + 1 : n;
      const char *o;
      size_t ol;
      if (padan_spell_pipe_line(pp, in + i, e - i, &o, &ol) != PADAN_OK)
        break;
      put(&lines, o, ol);
      i = e;
    }
    padan_spell_pipe_free(pp);
    if (!max && !adds && (lines.len != all.len || memcmp(lines.p, all.p, all.len) != 0))
      abort();
    free(lines.p);
  }
  free(all.p);
  return 0;
}
