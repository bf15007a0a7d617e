/* The ispell/Hunspell pipe protocol (`padan spell -a`) on top of a speller.
 *
 * Input is taken as a stream of bytes cut into lines. A line is processed in
 * pieces of at most PADAN_SPELL_PIPE_MAX_LINE bytes (cut after a space or tab,
 * else after punctuation, else at a character start), so a line of any length
 * needs bounded memory; offsets in the answers count from the start of the
 * whole line. A piece cut inside a word (a run with no blank nor punctuation
 * in half a piece: a blob, not text) has that word answered once, for its
 * part in the piece: the rest of it is skipped, so an editor counting one
 * answer a word keeps step. */
#include "config.h"
#include "spell_int.h"

#include <stdlib.h>
#include <string.h>

enum {
  L_NONE = 0, /* no line started */
  L_TEXT,     /* a line to check */
  L_BAD,      /* a line to check that is not valid UTF-8 (NFC): answered by an empty line */
  L_WORD,     /* '*', '@' or '&': a word to accept, read whole */
  L_IGNORE    /* a command without an answer, or a word too long to accept */
};

typedef struct {
  size_t start; /* byte offset in the line */
  int kind;
  const char *const *sugg;
  size_t nsugg;
  char *word;
} pipe_hit;

struct padan_spell_pipe {
  padan_speller *sp;
  padan_tokenizer *tk;
  size_t max;       /* piece size */
  int in_run;       /* the last piece was cut inside a word: the rest of it is skipped */
  int terse;
  int state;        /* L_* of the current line */
  size_t boff;      /* bytes of the current line before the piece */
  size_t coff;      /* characters of the current line before the piece */
  pd_buf part;      /* bytes of the current line not processed yet */
  pd_buf out;       /* answers of the last call */
  padan_tokens toks;
  pd_vec hits; /* pipe_hit */
  pd_arena arena;
  const char *err; /* a failure of the pipe itself; NULL: the speller's message */
};

const char *padan_spell_pipe_banner(void) {
  static char b[128];
  if (!b[0])
    snprintf(b, sizeof b, "@(#) International Ispell Version 3.2.06 (but really padan %s)\n",
             padan_version());
  return b;
}

int padan_spell_pipe_new(padan_spell_pipe **out, padan_speller *sp) {
  *out = NULL;
  if (!sp)
    return PADAN_EARG;
  padan_spell_pipe *p = calloc(1, sizeof *p);
  if (!p)
    return PADAN_ENOMEM;
  if (padan_tokenizer_new(&p->tk) != PADAN_OK) {
    free(p);
    return PADAN_ENOMEM;
  }
  p->sp = sp;
  p->max = PADAN_SPELL_PIPE_MAX_LINE;
  pd_buf_init(&p->part);
  pd_buf_init(&p->out);
  padan_tokens_init(&p->toks);
  pd_vec_init(&p->hits, sizeof(pipe_hit));
  pd_arena_init(&p->arena);
  *out = p;
  return PADAN_OK;
}

void padan_spell_pipe_free(padan_spell_pipe *p) {
  if (!p)
    return;
  padan_tokenizer_free(p->tk);
  pd_buf_free(&p->part);
  pd_buf_free(&p->out);
  padan_tokens_free(&p->toks);
  pd_vec_free(&p->hits);
  pd_arena_free(&p->arena);
  free(p);
}

void pd_spell_pipe_set_max(padan_spell_pipe *p, size_t max) { p->max = max < 8 ? 8 : max; }

const char *padan_spell_pipe_errmsg(const padan_spell_pipe *p) {
  if (!p)
    return "";
  return p->err ? p->err : padan_speller_errmsg(p->sp);
}

static int fail(padan_spell_pipe *p, int rc) {
  p->err = rc == PADAN_ENOMEM ? "out of memory" : NULL;
  return rc;
}

static int collect(void *user, const padan_spell_finding *f) {
  padan_spell_pipe *p = user;
  pipe_hit *h = pd_vec_push(&p->hits);
  if (!h)
    return PADAN_ENOMEM;
  h->start = f->start;
  h->kind = f->kind;
  h->nsugg = f->nsugg;
  h->word = pd_arena_strndup(&p->arena, f->word, f->len);
  const char **s = f->nsugg ? pd_arena_alloc(&p->arena, f->nsugg * sizeof *s) : NULL;
  if (!h->word || (f->nsugg && !s))
    return PADAN_ENOMEM;
  for (size_t i = 0; i < f->nsugg; i++)
    if (!(s[i] = pd_arena_strndup(&p->arena, f->sugg[i], strlen(f->sugg[i]))))
      return PADAN_ENOMEM;
  h->sugg = s;
  return 0;
}

static size_t chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

/* A token the protocol answers for: a word with a letter and no digit. */
static int pipe_word(const padan_token *t, const char *s) {
  if (t->kind != PADAN_TOK_WORD && t->kind != PADAN_TOK_ACRONYM && t->kind != PADAN_TOK_ABBREV)
    return 0;
  int letter = 0;
  for (size_t i = 0; i < t->len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (pd_is_ascii_digit(c) || c == '@' || c == '/' || c == ':')
      return 0;
    if (pd_is_ascii_alpha(c) || c >= 0x80)
      letter = 1;
  }
  return letter;
}

/* Checks s[0..n), the part of a text line after p->boff bytes, and appends
 * the answers for its words. */
static int check_piece(padan_spell_pipe *p, const char *s, size_t n) {
  char *text = NULL;
  size_t tlen = 0;
  int r = padan_decode(s, n, "utf-8", &text, &tlen, NULL);
  free(text);
  if (r == PADAN_ENOMEM)
    return fail(p, r);
  if (r != PADAN_OK || tlen != n) {
    /* invalid UTF-8, a NUL, or not NFC: no answer for the (rest of the) line */
    p->state = L_BAD;
    return PADAN_OK;
  }
  padan_tokens_clear(&p->toks);
  p->hits.n = 0;
  pd_arena_free(&p->arena);
  pd_arena_init(&p->arena);
  size_t base = p->boff;
  r = padan_tokenize(p->tk, s, n, base, PADAN_TOKENIZE_LINES, &p->toks);
  if (r != PADAN_OK)
    return fail(p, r);
  p->err = NULL;
  r = padan_speller_check_text(p->sp, s, n, base, &p->toks, collect, p);
  if (r != PADAN_OK)
    return fail(p, r);
  size_t h = 0, cpos = 0, cbase = 0; /* characters of s[0..cpos) = cbase */
  for (size_t i = 0; i < p->toks.ntok; i++) {
    const padan_token *t = &p->toks.tok[i];
    if (t->start < base || t->start - base + t->len > n || !pipe_word(t, s + (t->start - base)))
      continue;
    pipe_hit *hit = NULL;
    while (h < p->hits.n && PD_VEC_AT(&p->hits, pipe_hit, h).start < t->start + t->len) {
      pipe_hit *c = &PD_VEC_AT(&p->hits, pipe_hit, h);
      h++;
      if (c->start >= t->start) {
        hit = c;
        break;
      }
    }
    if (!hit) {
      if (!p->terse && pd_buf_append(&p->out, "*\n", 2))
        return fail(p, PADAN_ENOMEM);
      continue;
    }
    size_t at = hit->start - base;
    if (at > n)
      at = n;
    if (at >= cpos)
      cbase += chars(s + cpos, at - cpos);
    else
      cbase = chars(s, at);
    cpos = at;
    size_t off = p->coff + cbase;
    int e;
    if (hit->nsugg) {
      e = pd_buf_printf(&p->out, "& %s %zu %zu:", hit->word, hit->nsugg, off);
      for (size_t k = 0; k < hit->nsugg && !e; k++)
        e = pd_buf_printf(&p->out, "%s %s", k ? "," : "", hit->sugg[k]);
      if (!e)
        e = pd_buf_putc(&p->out, '\n');
    } else {
      e = pd_buf_printf(&p->out, "# %s %zu\n", hit->word, off);
    }
    if (e)
      return fail(p, PADAN_ENOMEM);
  }
  return PADAN_OK;
}

/* Processes s[0..n), the next piece of the current line; last: it ends the
 * line (its line end, if any, is still there). */
static int piece(padan_spell_pipe *p, const char *s, size_t n, int last) {
  if (last)
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
      n--;
  if (p->state == L_NONE) {
    p->boff = p->coff = 0;
    p->state = L_TEXT;
    char c = n ? s[0] : '\0';
    if (c == '!' || c == '%') {
      p->terse = c == '!';
      p->state = L_IGNORE;
    } else if (c == '*' || c == '@' || c == '&') {
      p->state = last ? L_WORD : L_IGNORE; /* a word over the piece size is not added */
    } else if (c == '#' || c == '~' || c == '+' || c == '-') {
      p->state = L_IGNORE;
    } else if (c == '^') {
      p->boff = p->coff = 1;
      s++, n--;
    }
  }
  if (p->in_run && p->state == L_TEXT) {
    /* the rest of a word cut by the last piece: counted, not checked again */
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
      k++;
    if (memchr(s, '\0', k) || pd_utf8_valid_prefix(s, k) != k)
      p->state = L_BAD; /* as check_piece would find it */
    p->in_run = k == n;
    p->boff += k;
    p->coff += chars(s, k);
    s += k, n -= k;
  }
  if (last)
    p->in_run = 0;
  int rc = PADAN_OK;
  if (p->state == L_WORD) {
    if (n > 1 && pd_utf8_valid_prefix(s + 1, n - 1) == n - 1)
      rc = padan_speller_add_word(p->sp, s + 1, n - 1);
    if (rc != PADAN_OK)
      rc = fail(p, rc);
  } else if (p->state == L_TEXT) {
    rc = check_piece(p, s, n);
    p->boff += n;
    p->coff += chars(s, n);
  }
  if (last) {
    if ((p->state == L_TEXT || p->state == L_BAD) && pd_buf_putc(&p->out, '\n'))
      rc = fail(p, PADAN_ENOMEM);
    p->state = L_NONE;
  }
  return rc;
}

/* Where to cut a piece of a line: after the last space or tab in the second
 * half of s[0..n), else after the last punctuation there (words joined by
 * commas), else at the last character start, inside a word (*inword). */
static size_t cut_at(const char *s, size_t n, int *inword) {
  *inword = 0;
  for (size_t i = n; i > n / 2; i--)
    if (s[i - 1] == ' ' || s[i - 1] == '\t')
      return i;
  for (size_t i = n; i > n / 2; i--)
    if (s[i - 1] && strchr(",;:!?.()[]{}\"<>|/=", s[i - 1]))
      return i;
  *inword = 1;
  size_t c = n;
  while (c > n - 4 && c > 1 && ((unsigned char)s[c - 1] & 0xC0) == 0x80)
    c--;
  if (c > 1 && (unsigned char)s[c - 1] >= 0xC0)
    return c - 1;
  return n;
}

int padan_spell_pipe_feed(padan_spell_pipe *p, const char *data, size_t len, int eof,
                          const char **out, size_t *outlen) {
  pd_buf_clear(&p->out);
  p->err = NULL;
  int rc = PADAN_OK;
  while (len && rc == PADAN_OK) {
    const char *nl = memchr(data, '\n', len);
    size_t take = nl ? (size_t)(nl - data) + 1 : len;
    if (p->state == L_IGNORE || p->state == L_BAD) {
      /* the rest of the line is not needed: skip it without holding it */
      if (nl)
        rc = piece(p, "", 0, 1);
    } else if (!p->part.len && nl && take <= p->max) {
      rc = piece(p, data, take, 1); /* a whole line in the input: no copy */
    } else {
      if (pd_buf_append(&p->part, data, take)) {
        rc = fail(p, PADAN_ENOMEM);
        break;
      }
      while (rc == PADAN_OK && p->part.len > p->max) {
        int inword;
        size_t cut = cut_at(p->part.p, p->max, &inword);
        rc = piece(p, p->part.p, cut, 0);
        if (inword)
          p->in_run = 1;
        memmove(p->part.p, p->part.p + cut, p->part.len - cut);
        p->part.len -= cut;
        p->part.p[p->part.len] = '\0';
        if (p->state == L_IGNORE || p->state == L_BAD)
          p->part.len = 0;
      }
      if (nl && rc == PADAN_OK) {
        rc = piece(p, p->part.p ? p->part.p : "", p->part.len, 1);
        pd_buf_clear(&p->part);
      }
    }
    data += take, len -= take;
  }
  if (eof && rc == PADAN_OK && (p->part.len || p->state != L_NONE)) {
    rc = piece(p, p->part.p ? p->part.p : "", p->part.len, 1);
    pd_buf_clear(&p->part);
  }
  if (p->part.cap > 2 * p->max + 65536 && !p->part.len)
    pd_buf_free(&p->part);
  *out = p->out.p ? p->out.p : "";
  *outlen = p->out.len;
  return rc;
}

int padan_spell_pipe_line(padan_spell_pipe *p, const char *line, size_t len, const char **out,
                          size_t *outlen) {
  const char *o;
  size_t ol;
  pd_buf keep; /* feed clears out: keep the answers of the line itself */
  pd_buf_init(&keep);
  int rc = padan_spell_pipe_feed(p, line, len, 0, &o, &ol);
  if (rc == PADAN_OK && ol && pd_buf_append(&keep, o, ol))
    rc = fail(p, PADAN_ENOMEM);
  if (rc == PADAN_OK && (!len || line[len - 1] != '\n')) {
    rc = padan_spell_pipe_feed(p, "\n", 1, 0, &o, &ol);
    if (rc == PADAN_OK && ol && pd_buf_append(&keep, o, ol))
      rc = fail(p, PADAN_ENOMEM);
  }
  pd_buf_free(&p->out);
  p->out = keep;
  *out = p->out.p ? p->out.p : "";
  *outlen = p->out.len;
  return rc;
}
