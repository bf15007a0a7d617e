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

int cli_lines_next(cli_lines *l, const char **s, size_t *len, size_t *lineno) {
  for (;;) {
    const char *a = NULL;
    size_t n = 0;
    int got = 0, r;
    if (l->line.cap > ((size_t)4 << 20))
      pd_buf_free(&l->line); /* do not keep a huge line's room for the next */
    l->line.len = 0;
    while ((r = refill(l)) > 0) {
      const char *p = l->piece.p + l->pos;
      const char *nl = memchr(p, '\n', l->piece.len - l->pos);
      size_t k = nl ? (size_t)(nl - p) : l->piece.len - l->pos;
      got = 1;
      l->pos += k + (nl ? 1 : 0);
      if (nl && !l->line.len) {
        a = p, n = k; /* the common case: the whole line is in the piece */
        break;
      }
      /* a line longer than a piece is put together (held whole once) */
      if (pd_buf_append(&l->line, p, k)) {
        cli_error(l->cmd, "out of memory");
        return -1;
      }
      if (nl)
        break;
    }
    if (r < 0)
      return -1;
    if (!got)
      return 0;
    if (!a)
      a = l->line.len ? l->line.p : "", n = l->line.len;
    l->lineno++;
    size_t b = 0, e = n;
    if (l->flags & CLI_LINES_SKIP_BLANK)
      while (b < e && (a[b] == ' ' || a[b] == '\t'))
        b++;
    while (e > b && (a[e - 1] == ' ' || a[e - 1] == '\t' || a[e - 1] == '\r'))
      e--;
    if ((l->flags & CLI_LINES_SKIP_BLANK) && cli_blank(a + b, e - b))
      continue;
    *s = a + b, *len = e - b, *lineno = l->lineno;
    return 1;
  }
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
