/* Interim tokenizer: whitespace split, so the library links. Replaced shortly. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <padan/text.h>

static const char *const kind_names[] = {"?", "word", "number", "date", "time", "currency", "url",
                                         "domain", "email", "hashtag", "mention", "acronym",
                                         "abbrev", "punct", "symbol"};

const char *padan_tok_kind_name(int kind) {
  return kind > 0 && kind < PADAN_TOK_NKINDS ? kind_names[kind] : "?";
}

void padan_tokens_init(padan_tokens *t) { memset(t, 0, sizeof *t); }
void padan_tokens_clear(padan_tokens *t) { t->ntok = 0, t->nsent = 0; }
void padan_tokens_free(padan_tokens *t) {
  free(t->tok);
  free(t->sent);
  memset(t, 0, sizeof *t);
}

struct padan_tokenizer {
  int dummy;
};

int padan_tokenizer_new(padan_tokenizer **out) {
  *out = calloc(1, sizeof **out);
  return *out ? PADAN_OK : PADAN_ENOMEM;
}
void padan_tokenizer_free(padan_tokenizer *tk) { free(tk); }

int padan_tokenize(padan_tokenizer *tk, const char *text, size_t len, size_t base, int options,
                   padan_tokens *out) {
  (void)tk, (void)options;
  if (out->nsent == out->sentcap) {
    size_t nc = out->sentcap ? out->sentcap * 2 : 16;
    padan_sentence *p = realloc(out->sent, nc * sizeof *p);
    if (!p) return PADAN_ENOMEM;
    out->sent = p, out->sentcap = nc;
  }
  padan_sentence *s = &out->sent[out->nsent];
  s->start = base, s->end = base + len, s->first = out->ntok, s->ntok = 0;
  size_t i = 0;
  while (i < len) {
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) i++;
    size_t b = i;
    while (i < len && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) i++;
    if (i == b) break;
    if (out->ntok == out->tokcap) {
      size_t nc = out->tokcap ? out->tokcap * 2 : 64;
      padan_token *p = realloc(out->tok, nc * sizeof *p);
      if (!p) return PADAN_ENOMEM;
      out->tok = p, out->tokcap = nc;
    }
    padan_token *t = &out->tok[out->ntok++];
    memset(t, 0, sizeof *t);
    t->start = base + b, t->len = (uint32_t)(i - b), t->kind = PADAN_TOK_WORD;
    t->sent = (uint32_t)out->nsent;
    s->ntok++;
  }
  out->nsent++;
  return PADAN_OK;
}
