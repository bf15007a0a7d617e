/* What padan align and padan learn share: the options and the two file
 * names, line-by-line reading of a streamed file, and word pairs from the
 * lexicon. */
#include "config.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ options */

void cli_pargs_init(cli_pargs *p, const char *cmd, int fmt) {
  memset(p, 0, sizeof *p);
  p->cmd = cmd, p->fmt = fmt;
  cli_lexopts_init(&p->lo);
}

void cli_pargs_free(cli_pargs *p) { cli_lexopts_free(&p->lo); }

int cli_pargs_arg(cli_pargs *p, int formats, void (*help)(FILE *), int argc, char **argv, int *i) {
  const char *a = argv[*i];
  int lr = cli_lexopts_arg(p->cmd, &p->lo, argc, argv, i);
  if (lr)
    return lr;
  if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
    help(stdout);
    return 2;
  } else if (strncmp(a, "--format=", 9) == 0) {
    if (!(p->fmt = cli_parse_format(p->cmd, a + 9, formats)))
      return -1;
  } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
    if (++*i >= argc) {
      cli_error(p->cmd, "%s needs a file name", a);
      return -1;
    }
    p->out = argv[*i];
  } else if (strncmp(a, "--output=", 9) == 0) {
    p->out = a + 9;
  } else if (strncmp(a, "--encoding=", 11) == 0) {
    p->encoding = a + 11;
  } else if (a[0] == '-' && a[1] != 0) {
    cli_error(p->cmd, "unknown option '%s' (see 'padan %s --help')", a, p->cmd);
    return -1;
  } else if (p->nfiles < 2) {
    p->files[p->nfiles++] = a;
  } else {
    cli_error(p->cmd, "too many files: give ID_FILE and EN_FILE");
    return -1;
  }
  return 1;
}

int cli_pargs_check(cli_pargs *p) {
  if (p->nfiles != 2) {
    cli_error(p->cmd, "give ID_FILE and EN_FILE (see 'padan %s --help')", p->cmd);
    return EXIT_ERROR;
  }
  if (strcmp(p->files[0], "-") == 0 && strcmp(p->files[1], "-") == 0) {
    cli_error(p->cmd, "only one of the two files can be standard input");
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

/* ------------------------------------------------------------ lines */

int cli_blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
      return 0;
  return 1;
}

int cli_lines_open(const char *cmd, const char *path, const char *encoding, int flags,
                   cli_lines *l) {
  memset(l, 0, sizeof *l);
  l->cmd = cmd, l->flags = flags;
  pd_buf_init(&l->piece);
  pd_buf_init(&l->line);
  l->cap = cli_long_line();
  if (cli_stream_open(cmd, path, encoding, &l->in) != EXIT_DONE)
    return EXIT_ERROR;
  cli_stream_set_words(l->in, 1);
  return EXIT_DONE;
}

/* Makes sure the piece has unread bytes; 0 at the end of the file. */
static int refill(cli_lines *l);

int cli_lines_start(cli_lines *l) { return refill(l) < 0 ? EXIT_ERROR : EXIT_DONE; }

void cli_lines_close(cli_lines *l) {
  cli_stream_close(l->in);
  pd_buf_free(&l->piece);
  pd_buf_free(&l->line);
  memset(l, 0, sizeof *l);
}

/* Makes sure the piece has unread bytes; 0 at the end of the file. */
static int refill(cli_lines *l) {
  if (l->pos < l->piece.len)
    return 1;
  l->piece.len = 0, l->pos = 0;
  while (!l->eof && !l->piece.len)
    if (cli_stream_read(l->in, &l->piece, &l->eof) != EXIT_DONE)
      return -1;
  return l->piece.len > 0;
}

int cli_lines_piece(cli_lines *l, const char **s, size_t *len) {
  int r = refill(l);
  if (r <= 0)
    return r;
  *s = l->piece.p + l->pos, *len = l->piece.len - l->pos;
  l->pos = l->piece.len;
  return 1;
}

/* Trailing spaces, tabs and CR, and with CLI_LINES_SKIP_BLANK leading spaces
 * and tabs, cut from a[0..*n) (unless CLI_LINES_RAW); returns the new start. */
static const char *trim(const cli_lines *l, const char *a, size_t *n, int lead, int tail) {
  size_t b = 0, e = *n;
  if (l->flags & CLI_LINES_RAW)
    return a;
  if (lead && (l->flags & CLI_LINES_SKIP_BLANK))
    while (b < e && (a[b] == ' ' || a[b] == '\t'))
      b++;
  if (tail)
    while (e > b && (a[e - 1] == ' ' || a[e - 1] == '\t' || a[e - 1] == '\r'))
      e--;
  *n = e - b;
  return a + b;
}

/* The rest of the current line in the piece: *a, *k, and whether the line
 * ends there (a LF, or the end of the file). */
static int take(cli_lines *l, const char **a, size_t *k) {
  const char *p = l->piece.p + l->pos;
  const char *nl = memchr(p, '\n', l->piece.len - l->pos);
  *a = p;
  *k = nl ? (size_t)(nl - p) : l->piece.len - l->pos;
  l->pos += *k + (nl ? 1 : 0);
  return nl || (l->eof && l->pos == l->piece.len);
}

int cli_lines_next(cli_lines *l, const char **s, size_t *len, size_t *lineno) {
  const char *a = NULL;
  size_t n = 0;
  int r;
  if (l->long_line && !l->ended) {
    /* the next part of a long line: a piece, as it comes */
    if ((r = refill(l)) < 0)
      return -1;
    l->ended = r == 0 || take(l, &a, &n);
    if (r == 0)
      a = "", n = 0; /* the file ended in the line */
    *s = trim(l, a, &n, 0, l->ended), *len = n, *lineno = l->lineno;
    return 1;
  }
  for (;;) {
    int got = 0, ended = 0;
    if (l->line.cap > 2 * l->cap + ((size_t)4 << 20))
      pd_buf_free(&l->line); /* do not keep a long line's room for the next */
    l->line.len = 0;
    a = NULL;
    while ((r = refill(l)) > 0) {
      const char *p;
      size_t k;
      got = 1;
      ended = take(l, &p, &k);
      if (!l->line.len && (ended || k > l->cap)) {
        /* the common case: the whole line is in the piece; or a long line's
           first part is */
        a = p, n = k;
        break;
      }
      /* a line across pieces is put together, up to the cap */
      if (pd_buf_append(&l->line, p, k)) {
        cli_error(l->cmd, "out of memory");
        return -1;
      }
      if (ended || l->line.len > l->cap)
        break;
    }
    if (r < 0)
      return -1;
    if (!got)
      return 0;
    if (!a)
      a = l->line.len ? l->line.p : "", n = l->line.len;
    l->lineno++;
    l->ended = 1;
    l->long_line = n > l->cap;
    if (l->long_line) {
      /* its first part: what was put together, or a long line within one piece */
      l->ended = ended || r == 0;
      *s = trim(l, a, &n, 1, l->ended), *len = n, *lineno = l->lineno;
      return 1;
    }
    a = trim(l, a, &n, 1, 1);
    if ((l->flags & CLI_LINES_SKIP_BLANK) && cli_blank(a, n))
      continue;
    *s = a, *len = n, *lineno = l->lineno;
    return 1;
  }
}

size_t cli_long_line(void) {
  const char *e = getenv("PADAN_LONG_LINE");
  char *end;
  unsigned long long v = e && *e ? strtoull(e, &end, 10) : 0;
  return v && !*end ? (size_t)v : CLI_LONG_LINE;
}

int cli_align_add_text(padan_tokenizer *tk, padan_tokens *t, padan_align_stream *st, int k,
                       const char *s, size_t len, size_t *added) {
  size_t pos = 0;
  while (pos < len) {
    /* a newline always ends a sentence: a chunk ends after one; a long line
       is cut after a space, and the chunk's last sentence starts the next */
    size_t end = pos + 65536 < len ? pos + 65536 : len;
    int cut = 0;
    if (end < len) {
      const char *nl = memchr(s + end, '\n', len - end);
      if (nl && (size_t)(nl - s) < end + 65536) {
        end = (size_t)(nl - s) + 1;
      } else {
        while (end < len && s[end - 1] != ' ')
          end++;
        cut = end < len;
      }
    }
    padan_tokens_clear(t);
    int rc = padan_tokenize(tk, s + pos, end - pos, 0, 0, t);
    if (rc)
      return rc;
    const char *c = s + pos;
    size_t ns = t->nsent, next = end;
    if (cut && ns > 1)
      ns--, next = pos + t->sent[ns].start;
    for (size_t x = 0; x < ns; x++) {
      const padan_sentence *se = &t->sent[x];
      if (!se->ntok)
        continue;
      size_t a = se->start, b = se->end;
      while (b > a && (c[b - 1] == ' ' || c[b - 1] == '\n' || c[b - 1] == '\t'))
        b--;
      if ((rc = padan_align_stream_add(st, k, c + a, b - a)))
        return rc;
      if (added)
        (*added)++;
    }
    pos = next;
  }
  return PADAN_OK;
}

/* ------------------------------------------------------------ lexicon */

int cli_lexicon_pairs(padan_lexicon *lex, int flags, size_t max_terms,
                      int (*fn)(void *ctx, const char *id, size_t idlen, const char *en,
                                size_t enlen),
                      void *ctx, size_t *npairs) {
  size_t nc = padan_lexicon_concept_count(lex);
  int one = flags & CLI_PAIRS_ONE_WORD;
  for (size_t c = 0; c < nc; c++) {
    padan_lexicon_concept con;
    if (padan_lexicon_concept_get(lex, c, &con) || (max_terms && con.nterms > max_terms))
      continue;
    for (size_t a = 0; a < con.nterms; a++) {
      padan_lexicon_term ti;
      if (padan_lexicon_concept_term(lex, c, a, &ti) || strcmp(ti.lang, "id") != 0 ||
          (one && memchr(ti.text, ' ', ti.len)) || ti.status == PADAN_TERM_DEPRECATED)
        continue;
      for (size_t b = 0; b < con.nterms; b++) {
        padan_lexicon_term te;
        if (padan_lexicon_concept_term(lex, c, b, &te) || strcmp(te.lang, "en") != 0 ||
            (one && memchr(te.text, ' ', te.len)) ||
            ((flags & CLI_PAIRS_EN_CURRENT) && te.status == PADAN_TERM_DEPRECATED))
          continue;
        if (fn(ctx, ti.text, ti.len, te.text, te.len))
          return PADAN_ENOMEM;
        (*npairs)++;
      }
    }
  }
  return PADAN_OK;
}
