/* The Indonesian tokenizer: one hand-written pass over UTF-8 text, tokens as
 * slices, sentences split on terminal punctuation (knowing abbreviations,
 * initials, decimals, ellipses, quotes and brackets) and on newlines.
 * Conventions follow the surface tokens of the UD Indonesian treebanks (CSUI,
 * PUD): clitics stay attached, hyphenated words stay whole, `Rp` and `%` are
 * their own tokens, `/` splits words (MPR / DPR) but not codes (II/2007, C/D). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <padan/text.h>
#include "common/util.h"
#include "text/abbrev.h"
#include "text/textint.h"

static const char *const kind_names[] = {"?",       "word",    "number",  "date",   "time",
                                         "currency", "url",     "domain",  "email",  "hashtag",
                                         "mention",  "acronym", "abbrev",  "punct",  "symbol"};

const char *padan_tok_kind_name(int kind) {
  return kind > 0 && kind < PADAN_TOK_NKINDS ? kind_names[kind] : "?";
}

void padan_tokens_init(padan_tokens *t) { memset(t, 0, sizeof *t); }
void padan_tokens_clear(padan_tokens *t) { t->ntok = 0, t->nsent = 0; }
void padan_tokens_free(padan_tokens *t) {
  if (!t)
    return;
  free(t->tok);
  free(t->sent);
  memset(t, 0, sizeof *t);
}

void padan_token_base(const padan_token *t, size_t *start, size_t *len) {
  *start = t->start + t->pre_len;
  *len = t->len - t->pre_len - t->suf_len;
}

/* ------------------------------------------------------------ abbreviations */

struct padan_tokenizer {
  /* open-addressing hash of the abbreviations (without the final period) */
  const pd_abbrev **slot;
  size_t nslot;
};

static uint32_t hash_bytes(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

int padan_tokenizer_new(padan_tokenizer **out) {
  padan_tokenizer *tk = calloc(1, sizeof *tk);
  if (!tk)
    return PADAN_ENOMEM;
  tk->nslot = 16;
  while (tk->nslot < pd_nabbrevs * 4)
    tk->nslot *= 2;
  tk->slot = calloc(tk->nslot, sizeof *tk->slot);
  if (!tk->slot) {
    free(tk);
    return PADAN_ENOMEM;
  }
  for (size_t i = 0; i < pd_nabbrevs; i++) {
    const pd_abbrev *a = &pd_abbrevs[i];
    size_t n = strlen(a->s);
    if (n < 2 || a->s[n - 1] != '.')
      continue;
    size_t h = hash_bytes(a->s, n - 1) & (tk->nslot - 1);
    while (tk->slot[h]) {
      if (strcmp(tk->slot[h]->s, a->s) == 0)
        break;
      h = (h + 1) & (tk->nslot - 1);
    }
    if (!tk->slot[h])
      tk->slot[h] = a;
  }
  *out = tk;
  return PADAN_OK;
}

void padan_tokenizer_free(padan_tokenizer *tk) {
  if (!tk)
    return;
  free(tk->slot);
  free(tk);
}

/* The entry for s[0..n) + ".", or NULL. */
static const pd_abbrev *abbrev_find(const padan_tokenizer *tk, const char *s, size_t n) {
  size_t h = hash_bytes(s, n) & (tk->nslot - 1);
  while (tk->slot[h]) {
    const pd_abbrev *a = tk->slot[h];
    if (strlen(a->s) == n + 1 && memcmp(a->s, s, n) == 0)
      return a;
    h = (h + 1) & (tk->nslot - 1);
  }
  return NULL;
}

/* --------------------------------------------------------- character classes */

enum { C_OTHER, C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_HIGH };

static const unsigned char ascii_class[256] = {
    ['\t'] = C_SPACE, ['\n'] = C_NL, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE,
    [' '] = C_SPACE,
#define R10(c) [c] = C_DIGIT
    R10('0'), R10('1'), R10('2'), R10('3'), R10('4'), R10('5'), R10('6'), R10('7'), R10('8'),
    R10('9'),
#define A(c) [c] = C_ALPHA
    A('a'), A('b'), A('c'), A('d'), A('e'), A('f'), A('g'), A('h'), A('i'), A('j'), A('k'), A('l'),
    A('m'), A('n'), A('o'), A('p'), A('q'), A('r'), A('s'), A('t'), A('u'), A('v'), A('w'), A('x'),
    A('y'), A('z'), A('A'), A('B'), A('C'), A('D'), A('E'), A('F'), A('G'), A('H'), A('I'), A('J'),
    A('K'), A('L'), A('M'), A('N'), A('O'), A('P'), A('Q'), A('R'), A('S'), A('T'), A('U'), A('V'),
    A('W'), A('X'), A('Y'), A('Z'), A('_'),
#undef A
#undef R10
};

/* Classes of a non-ASCII code point. */
enum { U_INVALID, U_LETTER, U_DIGIT, U_SPACE, U_PUNCT, U_CURRENCY, U_SYMBOL, U_JOINER };

static int uclass(int32_t cp) {
  if (cp < 0)
    return U_INVALID;
  if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060)
    return U_SPACE;
  if (cp == 0x00AD || cp == 0x200C || cp == 0x200D)
    return U_JOINER;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    return U_LETTER;
  case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    return U_DIGIT;
  case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    return U_SPACE;
  case UTF8PROC_CATEGORY_SC:
    return U_CURRENCY;
  case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
    return U_SYMBOL;
  case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CS:
  case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF:
    return U_SYMBOL;
  default:
    return U_PUNCT;
  }
}

/* Scanner state over one call. */
typedef struct {
  const padan_tokenizer *tk;
  const char *s;
  size_t n, base;
  int lines;
  padan_tokens *out;
  int open;        /* a sentence is open */
  int pending;     /* the open sentence may end (terminal punctuation seen) */
  int pend_abbrev; /* ... after an abbreviation: only an upper-case word starts a new one */
  int need_start;  /* the next non-punctuation token gets SENT_START */
} scan;

/* Is s[i..] the start of an alphanumeric character? Sets *len to its bytes. */
static int alnum_at(const char *s, size_t n, size_t i, size_t *len, int *upper) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *len = 1;
    if (upper)
      *upper = c >= 'A' && c <= 'Z';
    int k = ascii_class[c];
    return k == C_ALPHA || k == C_DIGIT;
  }
  int32_t cp;
  int l = pd_utf8_next(s + i, n - i, &cp);
  *len = (size_t)l;
  int k = uclass(cp);
  if (upper)
    *upper = k == U_LETTER && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
  return k == U_LETTER || k == U_DIGIT;
}

static int is_alnum_at(const char *s, size_t n, size_t i) {
  size_t l;
  return i < n && alnum_at(s, n, i, &l, NULL);
}

static int is_digit_at(const char *s, size_t n, size_t i) {
  return i < n && ascii_class[(unsigned char)s[i]] == C_DIGIT;
}

static int is_letter_at(const char *s, size_t n, size_t i) {
  if (i >= n)
    return 0;
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80)
    return ascii_class[c] == C_ALPHA;
  int32_t cp;
  pd_utf8_next(s + i, n - i, &cp);
  return uclass(cp) == U_LETTER;
}

/* Start of the UTF-8 character that ends just before i. */
static size_t prev_char(const char *s, size_t i) {
  size_t j = i - 1;
  while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
    j--;
  return j;
}

static int is_letter_before(const char *s, size_t n, size_t i) {
  return i > 0 && is_letter_at(s, n, prev_char(s, i));
}

/* ------------------------------------------------------------ output */

static int grow_tok(padan_tokens *o) {
  size_t nc = o->tokcap ? o->tokcap * 2 : 256;
  padan_token *p = realloc(o->tok, nc * sizeof *p);
  if (!p)
    return PADAN_ENOMEM;
  o->tok = p, o->tokcap = nc;
  return PADAN_OK;
}

static int open_sentence(scan *sc, size_t at) {
  padan_tokens *o = sc->out;
  if (o->nsent == o->sentcap) {
    size_t nc = o->sentcap ? o->sentcap * 2 : 32;
    padan_sentence *p = realloc(o->sent, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    o->sent = p, o->sentcap = nc;
  }
  padan_sentence *se = &o->sent[o->nsent++];
  se->start = se->end = sc->base + at;
  se->first = o->ntok, se->ntok = 0;
  sc->open = 1, sc->pending = 0, sc->pend_abbrev = 0, sc->need_start = 1;
  return PADAN_OK;
}

static void close_sentence(scan *sc) {
  sc->open = 0, sc->pending = 0, sc->pend_abbrev = 0;
}

static int is_closer(const char *s, size_t b, size_t e, const char *text, size_t n) {
  (void)n;
  size_t l = e - b;
  if (l == 1) {
    char c = s[b];
    if (c == ')' || c == ']' || c == '}' || c == '\'')
      return 1;
    if (c == '"') /* straight quote: closing when glued to what precedes */
      return b > 0 && ascii_class[(unsigned char)text[b - 1]] != C_SPACE &&
             ascii_class[(unsigned char)text[b - 1]] != C_NL;
    return 0;
  }
  /* ” ’ » › */
  return (l == 3 && (memcmp(s + b, "\xE2\x80\x9D", 3) == 0 || memcmp(s + b, "\xE2\x80\x99", 3) == 0 ||
                     memcmp(s + b, "\xE2\x80\xBA", 3) == 0)) ||
         (l == 2 && memcmp(s + b, "\xC2\xBB", 2) == 0);
}

/* Does the token at s[b..e) start a new sentence after terminal punctuation? */
static int starts_sentence(const scan *sc, size_t b, int kind) {
  const char *s = sc->s;
  size_t l;
  int up = 0;
  if (alnum_at(s, sc->n, b, &l, &up)) {
    if (up)
      return 1;
    if (sc->pend_abbrev)
      return 0;
    return is_digit_at(s, sc->n, b);
  }
  if (sc->pend_abbrev)
    return 0;
  if (kind == PADAN_TOK_PUNCT) {
    unsigned char c = (unsigned char)s[b];
    /* opening quotes and brackets start one; other punctuation continues */
    return c == '"' || c == '(' || c == '[' || c == '\'' ||
           (c == 0xE2 && b + 2 < sc->n && (unsigned char)s[b + 1] == 0x80 &&
            ((unsigned char)s[b + 2] == 0x9C || (unsigned char)s[b + 2] == 0x98));
  }
  return kind != PADAN_TOK_SYMBOL;
}

static int emit(scan *sc, size_t b, size_t e, int kind, unsigned flags, int pre, int suf) {
  padan_tokens *o = sc->out;
  if (!sc->lines && sc->open && sc->pending) {
    if (kind == PADAN_TOK_PUNCT && is_closer(sc->s, b, e, sc->s, sc->n)) {
      /* a closing quote or bracket belongs to the ending sentence */
    } else if (starts_sentence(sc, b, kind)) {
      close_sentence(sc);
    } else {
      sc->pending = 0, sc->pend_abbrev = 0;
    }
  }
  if (!sc->open && open_sentence(sc, b))
    return PADAN_ENOMEM;
  if (o->ntok == o->tokcap && grow_tok(o))
    return PADAN_ENOMEM;
  padan_token *t = &o->tok[o->ntok++];
  t->start = sc->base + b;
  t->len = (uint32_t)(e - b);
  t->kind = (uint8_t)kind;
  t->pre_len = (uint8_t)pre;
  t->suf_len = (uint8_t)suf;
  t->pad_ = 0;
  if (sc->need_start && kind != PADAN_TOK_PUNCT && kind != PADAN_TOK_SYMBOL) {
    flags |= PADAN_TF_SENT_START;
    sc->need_start = 0;
  }
  t->flags = (uint16_t)flags;
  t->sent = (uint32_t)(o->nsent - 1);
  padan_sentence *se = &o->sent[o->nsent - 1];
  se->end = sc->base + e;
  se->ntok++;
  return PADAN_OK;
}

/* ------------------------------------------------------------ word analysis */

/* Per ASCII byte: 1 lower, 2 upper, 4 digit, 8 hyphen, 16 apostrophe. */
static const unsigned char cf_tab[128] = {
    ['-'] = 8, ['\''] = 16,
#define D(c) [c] = 4
    D('0'), D('1'), D('2'), D('3'), D('4'), D('5'), D('6'), D('7'), D('8'), D('9'),
#undef D
#define L(c) [c] = 1, [c - 32] = 2
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'),
    L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
    L('y'), L('z'),
#undef L
};

/* Flags of s[b..e) from its letters. */
static unsigned case_flags(const char *s, size_t b, size_t e, int *nletters) {
  unsigned f = 0, seen = 0;
  int letters = 0, upper = 0;
  size_t i = b;
  /* the first letter decides CAP */
  while (i < e && (unsigned char)s[i] < 0x80 && !(cf_tab[(unsigned char)s[i]] & 3))
    seen |= cf_tab[(unsigned char)s[i++]];
  if (i < e && (unsigned char)s[i] < 0x80 && (cf_tab[(unsigned char)s[i]] & 2))
    f |= PADAN_TF_CAP;
  int first = i < e && (unsigned char)s[i] >= 0x80;
  for (; i < e;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      unsigned t = cf_tab[c];
      seen |= t;
      letters += (t & 3) != 0;
      upper += (t >> 1) & 1;
      if (t & 3)
        first = 0;
      i++;
      continue;
    }
    f |= PADAN_TF_NONASCII;
    int32_t cp;
    i += (size_t)pd_utf8_next(s + i, e - i, &cp);
    if (cp == 0x2019)
      f |= PADAN_TF_APOS;
    else if (cp >= 0 && uclass(cp) == U_LETTER) {
      letters++;
      int cat = utf8proc_category(cp);
      if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
        upper++;
        if (first)
          f |= PADAN_TF_CAP;
      }
      first = 0;
    }
  }
  if (seen & 4)
    f |= PADAN_TF_DIGIT;
  if (seen & 8)
    f |= PADAN_TF_HYPHEN;
  if (seen & 16)
    f |= PADAN_TF_APOS;
  if (letters >= 2 && upper == letters)
    f |= PADAN_TF_ALLCAPS;
  *nletters = letters;
  return f;
}

static int lower_eq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (pd_ascii_lower((unsigned char)a[i]) != pd_ascii_lower((unsigned char)b[i]))
      return 0;
  return 1;
}

int pd_redup_parts(const char *a, size_t al, const char *b, size_t bl) {
  if (al == 0 || bl == 0)
    return 0;
  if (al == bl && lower_eq(a, b, al))
    return 1;
  size_t m = al < bl ? al : bl;
  /* berlari-lari, bertahun-tahun: b is a suffix of a; teman-temannya: a a prefix of b */
  if (m >= 2 && bl <= al && lower_eq(a + al - bl, b, bl))
    return 1;
  if (m >= 2 && al <= bl && lower_eq(a, b, al))
    return 1;
  /* sayur-mayur, lauk-pauk, terus-menerus: a common tail of 3+ */
  size_t k = 0;
  while (k < m && pd_ascii_lower((unsigned char)a[al - 1 - k]) == pd_ascii_lower((unsigned char)b[bl - 1 - k]))
    k++;
  if (k >= 3 && m >= 4)
    return 1;
  /* gerak-gerik, bolak-balik: same length, same consonant skeleton */
  if (al == bl && al >= 4) {
    size_t i;
    for (i = 0; i < al; i++) {
      int x = pd_ascii_lower((unsigned char)a[i]), y = pd_ascii_lower((unsigned char)b[i]);
      int vx = strchr("aeiou", x) != NULL, vy = strchr("aeiou", y) != NULL;
      if (!pd_is_ascii_alpha(x) || !pd_is_ascii_alpha(y) || vx != vy || (!vx && x != y))
        break;
    }
    if (i == al)
      return 1;
  }
  return 0;
}

static int ends_with(const char *w, size_t n, const char *suf) {
  size_t l = strlen(suf);
  return n >= l && memcmp(w + n - l, suf, l) == 0;
}

/* Words that end like a clitic but are not one (lower case, tails). */
static const char *const not_nya[] = {"hanya", "punya", "tanya", "nyanya", "bunya", NULL};
static const char *const not_lah[] = {"salah", "kalah", "olah", "llah", "telah", "jumlah", "istilah",
                                      "belah", "dalah", "ialah", "ulah", "malah", "lelah", "celah",
                                      "pilah", "kilah", "bilah", "galah", "walah", "tilah", NULL};
static const char *const not_kah[] = {"ngkah", "nikah", "berkah", "nafkah", "sedekah", "mekah",
                                      "makkah", "mekkah", "rekah", "rakah", NULL};
static const char *const not_pun[] = {"meskipun", "walaupun", "adapun", "ataupun", "biarpun",
                                      "kendatipun", "sungguhpun", "mpun", "apapun_", NULL};
static const char *const not_ku[] = {"laku", "suku", "saku", "paku", "kuku", "baku", "beku",
                                     "kaku", "buku", "teuku", "ngku", "tuku", "luku", "ruku", NULL};
static const char *const not_mu[] = {"ilmu", "jamu", "temu", "kamu", "tamu", "ramu", "jemu",
                                     "semu", "lamu", "damu", "hamu", NULL};

static int in_tails(const char *w, size_t n, const char *const *list) {
  for (; *list; list++)
    if (ends_with(w, n, *list))
      return 1;
  return 0;
}

/* Bytes of one enclitic at the end of the lower-case ASCII word w[0..n), or 0. */
static size_t strip_one(const char *w, size_t n) {
  if (n < 5)
    return 0;
  char z = w[n - 1], y = w[n - 2], x = w[n - 3];
  size_t l = 0;
  const char *const *no = NULL;
  switch (z) {
  case 'a':
    if (y == 'y' && x == 'n')
      l = 3, no = not_nya;
    break;
  case 'h':
    if (y == 'a' && x == 'l')
      l = 3, no = not_lah;
    else if (y == 'a' && x == 'k')
      l = 3, no = not_kah;
    break;
  case 'n':
    if (y == 'u' && x == 'p')
      l = 3, no = not_pun;
    break;
  case 'u':
    if (y == 'k')
      l = 2, no = not_ku;
    else if (y == 'm')
      l = 2, no = not_mu;
    break;
  default:
    break;
  }
  if (!l || n < l + 3 || in_tails(w, n, no))
    return 0;
  return l;
}

int pd_clitic_suffix(const char *w, size_t n) {
  /* Clitics are recognized on ASCII letters only (lower-cased copy). */
  char low[64];
  if (n >= sizeof low || n < 5)
    return 0;
  /* most words end in none of the clitics: decide on the last three letters first */
  char z = (char)pd_ascii_lower((unsigned char)w[n - 1]), y = (char)pd_ascii_lower((unsigned char)w[n - 2]);
  if (!((z == 'a' && y == 'y') || (z == 'h' && y == 'a') || (z == 'n' && y == 'u') ||
        (z == 'u' && (y == 'k' || y == 'm'))))
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (!pd_is_ascii_alpha(c))
      return 0;
    low[i] = (char)pd_ascii_lower(c);
  }
  size_t k = strip_one(low, n);
  if (!k)
    return 0;
  /* a particle may follow a possessive: bukunyalah, dirinyapun */
  if (k == 3 && (ends_with(low, n, "lah") || ends_with(low, n, "kah") || ends_with(low, n, "pun"))) {
    size_t r = n - k;
    if (r >= 6 && ends_with(low, r, "nya") && !in_tails(low, r, not_nya))
      k += 3;
  }
  return (int)k;
}

static const char *const ku_words[] = {
    "kuat", "kuasa", "kuartal", "kurang", "kuning", "kulit", "kuda", "kutip", "kumpul", "kunci",
    "kunjung", "kuota", "kubu", "kuno", "kurs", "kuliah", "kuman", "kumuh", "kue", "kuil", "kuli",
    "kuas", "kuping", "kupon", "kurir", "kurva", "kurikulum", "kurun", "kusut", "kutuk", "kuku",
    "kumis", "kubis", "kupas", "kubur", "kuantitas", "kualitas", "kuadrat", "kuesioner",
    "kualifikasi", "kuorum", "kuntum", "kurma", "kuburan", "kutub", "kuda", "kupu", "kuyup", NULL};

int pd_clitic_prefix(const char *w, size_t n) {
  if (n < 7 || w[0] != 'k')
    return 0;
  for (size_t i = 0; i < n; i++)
    if (w[i] < 'a' || w[i] > 'z')
      return 0;
  if (n >= 8 && memcmp(w, "kau", 3) == 0 && w[3] != 'm' && w[3] != 's' && w[3] != 'l')
    return 3;
  if (w[1] != 'u' || strchr("aeiouw", w[2]))
    return 0;
  for (const char *const *p = ku_words; *p; p++)
    if (strncmp(w, *p, strlen(*p)) == 0)
      return 0;
  return 2;
}

static const char *const tlds[] = {"id", "com", "org", "net", "co", "go", "ac", "or", "sch",
                                   "info", "gov", "edu", "io", "biz", "tv", "uk", "au", "sg",
                                   "my", "us", "web", "mil", "int", "news", "asia", "eu", NULL};

static int is_tld(const char *s, size_t n) {
  for (const char *const *p = tlds; *p; p++)
    if (strlen(*p) == n && lower_eq(*p, s, n))
      return 1;
  return 0;
}

/* Months and compass points: a hyphen between two of them is a range (Januari-Oktober). */
static const char *const range_words[] = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "ags",
    "sep", "okt", "nov", "des", "utara", "selatan", "timur", "barat", "senin", "selasa", "rabu",
    "kamis", "jumat", "sabtu", "minggu", NULL};

static int is_range_word(const char *s, size_t n) {
  for (const char *const *p = range_words; *p; p++)
    if (strlen(*p) == n && lower_eq(*p, s, n))
      return 1;
  return 0;
}

/* Length of the alphanumeric run at s[i..). */
static size_t alnum_run(const char *s, size_t n, size_t i) {
  size_t j = i, l;
  while (j < n && alnum_at(s, n, j, &l, NULL))
    j += l;
  return j - i;
}

static int is_space_byte(unsigned char c) {
  return ascii_class[c] == C_SPACE || ascii_class[c] == C_NL;
}

/* ------------------------------------------------------------ scanning */

static size_t scan_url(const char *s, size_t n, size_t i) {
  size_t j = i, paren = 0;
  while (j < n && !is_space_byte((unsigned char)s[j]) && s[j] != '"' && s[j] != '<' &&
         s[j] != '>') {
    if ((unsigned char)s[j] >= 0x80) {
      int32_t cp;
      int l = pd_utf8_next(s + j, n - j, &cp);
      int k = uclass(cp);
      if (k == U_SPACE || k == U_INVALID || (k == U_PUNCT && cp != 0x2010))
        break;
      j += (size_t)l;
      continue;
    }
    if (s[j] == '(')
      paren++;
    if (s[j] == ')') {
      if (!paren)
        break;
      paren--;
    }
    j++;
  }
  while (j > i && strchr(".,;:!?'", s[j - 1]))
    j--;
  return j;
}

static int starts_url(const char *s, size_t n, size_t i) {
  size_t r = n - i;
  return (r > 8 && (lower_eq(s + i, "http://", 7) || (r > 9 && lower_eq(s + i, "https://", 8)))) ||
         (r > 6 && lower_eq(s + i, "www.", 4) && is_alnum_at(s, n, i + 4)) ||
         (r > 7 && lower_eq(s + i, "ftp://", 6));
}

/* Scans a word, number or code at s[i] (alphanumeric); returns its end and kind. */
static size_t scan_word(scan *sc, size_t i, int *kindp) {
  const char *s = sc->s;
  size_t n = sc->n, j = i, seg = i;
  int digits_only = 1, email = 0, dotted = 0, slashed = 0, colon = 0, comma = 0, hyph = 0;
  int lead_digit = is_digit_at(s, n, i);
  for (;;) {
    while (j < n) {
      unsigned char c = (unsigned char)s[j];
      if (c < 0x80) {
        int k = ascii_class[c];
        if (k == C_ALPHA) {
          digits_only = 0;
          j++;
          while (j < n && ascii_class[(unsigned char)s[j]] == C_ALPHA)
            j++;
          continue;
        }
        if (k == C_DIGIT) {
          j++;
          continue;
        }
        break;
      }
      int32_t cp;
      int ll = pd_utf8_next(s + j, n - j, &cp);
      int k = uclass(cp);
      if (k == U_LETTER || k == U_DIGIT || k == U_JOINER) {
        digits_only = 0;
        j += (size_t)ll;
        continue;
      }
      break;
    }
    if (j >= n)
      break;
    unsigned char c = (unsigned char)s[j];
    if (c == ' ' || c == '\n')
      break; /* the common case */
    int prev_digit = is_digit_at(s, n, j - 1);
    if (c == '-' && is_alnum_at(s, n, j + 1)) {
      size_t next = alnum_run(s, n, j + 1);
      if (prev_digit && is_digit_at(s, n, j + 1)) {
        /* 2013-2014 30-35: a range is three tokens; 2025-04-24 is a date */
        int iso1 = !hyph && j - i == 4 && digits_only && next == 2 && j + 3 < n &&
                   s[j + 3] == '-' && is_digit_at(s, n, j + 4) && alnum_run(s, n, j + 4) == 2;
        int iso2 = hyph && j - i == 7 && digits_only && next == 2;
        if (!iso1 && !iso2)
          break;
      }
      /* PPh-nya: the clitic after a hyphen is split off, as UD does */
      if (next == 3 && lower_eq(s + j + 1, "nya", 3))
        break;
      /* Januari-Oktober, utara-selatan: a range of names */
      if (is_range_word(s + seg, j - seg) && is_range_word(s + j + 1, next))
        break;
      hyph = 1, j++, seg = j;
      continue;
    }
    if (c == '.' && is_alnum_at(s, n, j + 1)) {
      if (email) {
        dotted = 1, j++, seg = j;
        continue;
      }
      if (prev_digit && is_digit_at(s, n, j + 1) && (lead_digit || dotted || slashed || hyph)) {
        dotted = 1, j++, seg = j;
        continue;
      }
      size_t next = alnum_run(s, n, j + 1);
      size_t pl = j - seg;
      int next_more = j + 1 + next < n && s[j + 1 + next] == '.' && is_alnum_at(s, n, j + 2 + next);
      if (pl <= 3 || is_tld(s + j + 1, next) || next_more || (dotted && next <= 3)) {
        /* A.S. s.d. Ph.D. KONTAN.CO.ID iNews.id PMK.011 — not akhir.Dia */
        dotted = 1, j++, seg = j;
        continue;
      }
      break;
    }
    if (c == ',' && prev_digit && is_digit_at(s, n, j + 1) && digits_only) {
      comma = 1, j++, seg = j;
      continue;
    }
    if (c == ':' && prev_digit && is_digit_at(s, n, j + 1) && digits_only) {
      colon = 1, j++, seg = j;
      continue;
    }
    if (c == '/' && is_alnum_at(s, n, j + 1)) {
      if (digits_only && (dotted || comma))
        break; /* 9.175/9.180: two amounts */
      size_t next = alnum_run(s, n, j + 1);
      size_t pl = j - seg;
      int dig = prev_digit || is_digit_at(s, n, j + 1);
      for (size_t q = seg; q < j && !dig; q++)
        dig = is_digit_at(s, n, q);
      for (size_t q = j + 1; q < j + 1 + next && !dig; q++)
        dig = is_digit_at(s, n, q);
      if (dig || (pl <= 2 && next <= 2)) { /* II/2007 24/4/2025 C/D s/d — not MPR/DPR */
        slashed = 1, j++, seg = j;
        continue;
      }
      break;
    }
    if ((c == '\'' || (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                       (unsigned char)s[j + 2] == 0x99)) &&
        is_letter_before(s, n, j)) {
      size_t al = c == '\'' ? 1 : 3;
      if (is_letter_at(s, n, j + al)) {
        /* English 's and n't are split as UD does */
        if ((s[j + al] == 's' || s[j + al] == 'S') && !is_alnum_at(s, n, j + al + 1) && j > i + 1)
          break;
        if ((s[j + al] == 't') && !is_alnum_at(s, n, j + al + 1) && j - 1 > i && s[j - 1] == 'n') {
          j--; /* don't -> do n't */
          break;
        }
        j += al;
        continue;
      }
      break;
    }
    /* credit ratings: idA- BB- idBBB+ A+idn */
    if ((c == '+' || c == '-') && s[j - 1] >= 'A' && s[j - 1] <= 'Z' && j - i <= 5 && !hyph &&
        (j + 1 >= n || strchr(" \t\n,;.)", s[j + 1]) || (c == '+' && alnum_run(s, n, j + 1) <= 3))) {
      j++;
      if (c == '+' && is_alnum_at(s, n, j))
        continue;
      break;
    }
    if (c == '&' && is_alnum_at(s, n, j + 1) && pd_is_ascii_alpha((unsigned char)s[j - 1]) &&
        j - seg <= 3 && alnum_run(s, n, j + 1) <= 3) {
      j++, seg = j;
      continue;
    }
    if (c == '@' && !email && is_alnum_at(s, n, j + 1)) {
      email = 1, j++, seg = j;
      continue;
    }
    if ((c == '_' || c == '+') && email) {
      j++;
      continue;
    }
    break;
  }
  int kind = PADAN_TOK_WORD;
  if (email) {
    /* an e-mail address needs a dotted domain */
    kind = dotted ? PADAN_TOK_EMAIL : PADAN_TOK_WORD;
  } else if (digits_only) {
    kind = PADAN_TOK_NUMBER;
    size_t len = j - i;
    if (slashed) {
      int sl = 0;
      for (size_t q = i; q < j; q++)
        sl += s[q] == '/';
      if (sl == 2 && !dotted && !comma && !colon && !hyph)
        kind = PADAN_TOK_DATE;
    } else if (hyph && !dotted && !comma && len == 10 && s[i + 4] == '-' && s[i + 7] == '-') {
      kind = PADAN_TOK_DATE;
    } else if ((colon || dotted) && !comma && !hyph) {
      /* 14.30 14:30 — hours and minutes; 9.300 is a number */
      const char *sep = memchr(s + i, colon ? ':' : '.', len);
      size_t hl = (size_t)(sep - (s + i)), ml = len - hl - 1;
      if (hl >= 1 && hl <= 2 && (ml == 2 || (colon && ml == 5 && s[i + hl + 3] == ':'))) {
        int h = atoi(s + i), m = atoi(sep + 1);
        if (h <= 24 && m <= 59)
          kind = PADAN_TOK_TIME;
      }
    }
  } else if (dotted) {
    /* KONTAN.CO.ID iNews.id: a dotted name ending in a known top-level domain */
    size_t q = j;
    while (q > i && s[q - 1] != '.')
      q--;
    size_t first = 0;
    while (i + first < j && s[i + first] != '.')
      first++;
    if (q > i && is_tld(s + q, j - q) && first >= 2)
      kind = PADAN_TOK_DOMAIN;
  }
  *kindp = kind;
  return j;
}

/* Is s[i..] an apostrophe/closing-quote sequence (' or ’)? Returns its length or 0. */
static size_t apos_len(const char *s, size_t n, size_t i) {
  if (s[i] == '\'')
    return 1;
  if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
      (unsigned char)s[i + 2] == 0x99)
    return 3;
  return 0;
}

static int word_token(scan *sc, size_t b, size_t e, int kind) {
  const char *s = sc->s;
  int letters;
  unsigned f = case_flags(s, b, e, &letters);
  int pre = 0, suf = 0;
  if (kind == PADAN_TOK_WORD) {
    if ((f & PADAN_TF_ALLCAPS) && !(f & PADAN_TF_DIGIT) && letters <= 10 &&
        !(f & PADAN_TF_APOS))
      kind = PADAN_TOK_ACRONYM;
    if (f & PADAN_TF_HYPHEN) {
      /* two parts that reduplicate: negara-negara, sayur-mayur, berlari-lari */
      const char *h = memchr(s + b, '-', e - b);
      const char *h2 = memchr(h + 1, '-', (size_t)(s + e - h - 1));
      if (!h2 && !(f & PADAN_TF_DIGIT) &&
          pd_redup_parts(s + b, (size_t)(h - (s + b)), h + 1, (size_t)(s + e - h - 1)))
        f |= PADAN_TF_REDUP;
    }
    if (!(f & (PADAN_TF_DIGIT | PADAN_TF_ALLCAPS)) && kind == PADAN_TOK_WORD) {
      /* clitics on the last hyphen part */
      size_t ws = b;
      for (size_t q = b; q < e; q++)
        if (s[q] == '-')
          ws = q + 1;
      suf = pd_clitic_suffix(s + ws, e - ws);
      if (ws == b && s[b] == 'k' && !(f & PADAN_TF_CAP) && e - b < 64) {
        char low[64];
        size_t k;
        for (k = 0; k < e - b; k++)
          low[k] = s[b + k];
        pre = pd_clitic_prefix(low, e - b);
        if (pre && (int)(e - b) - pre - suf < 4)
          pre = 0;
      }
    }
  }
  return emit(sc, b, e, kind, f, pre, suf);
}

/* Handles a word at s[b..e) that may take a final period (abbreviation). */
static int word_with_period(scan *sc, size_t b, size_t e, int kind, size_t *endp) {
  const char *s = sc->s;
  size_t n = sc->n;
  *endp = e;
  if (e < n && s[e] == '.' && (kind == PADAN_TOK_WORD || kind == PADAN_TOK_ACRONYM) &&
      !(e + 1 < n && s[e + 1] == '.')) {
    const pd_abbrev *a = abbrev_find(sc->tk, s + b, e - b);
    int title = 0, attach = 0;
    if (a) {
      attach = 1, title = a->title || lower_eq(a->s, "no.", 3) || memchr(s + b, '.', e - b);
    } else {
      size_t l;
      int up = 0;
      alnum_at(s, n, b, &l, &up);
      if (up && b + l == e) {
        attach = 1, title = 1; /* an initial: B. J. Habibie */
      } else {
        /* dotted short segments: A.S. Ph.D. a.n. */
        int ok = memchr(s + b, '.', e - b) != NULL;
        size_t seg = 0;
        for (size_t q = b; q < e && ok; q++) {
          if (s[q] == '.')
            seg = 0;
          else if (++seg > 3 || is_digit_at(s, n, q))
            ok = 0;
        }
        attach = title = ok;
      }
    }
    if (attach) {
      /* At the end of the text, or (for an abbreviation that may end a sentence) before
       * what starts a new one, the period is the sentence's own, as UD has it. */
      size_t q = e + 1;
      while (q < n) {
        size_t cl = apos_len(s, n, q);
        if (s[q] == ' ' || s[q] == '\t' || s[q] == '"' || s[q] == ')')
          q++;
        else if (cl == 3 || ((unsigned char)s[q] == 0xE2 && q + 2 < n &&
                             memcmp(s + q, "\xE2\x80\x9D", 3) == 0))
          q += 3;
        else
          break;
      }
      if (q >= n || s[q] == '\n')
        attach = 0;
      else if (!title) {
        size_t l;
        int up = 0;
        if (alnum_at(s, n, q, &l, &up) ? up
                                        : (q > e + 1 && (s[q] == '"' || (q + 2 < n &&
                                           memcmp(s + q, "\xE2\x80\x9C", 3) == 0))))
          attach = 0;
        /* ... but not before another abbreviation: Pte. Ltd. */
        size_t run = alnum_run(s, n, q);
        if (!attach && run && q + run < n && s[q + run] == '.' && abbrev_find(sc->tk, s + q, run))
          attach = 1, title = 1;
      }
    }
    if (!attach && (a || memchr(s + b, '.', e - b)))
      return emit(sc, b, e, PADAN_TOK_ABBREV, case_flags(s, b, e, &(int){0}), 0, 0);
    if (attach) {
      int letters;
      unsigned f = case_flags(s, b, e + 1, &letters);
      int rc;
      if (e - b == 2 && memcmp(s + b, "Rp", 2) == 0)
        rc = emit(sc, b, e + 1, PADAN_TOK_CURRENCY, f, 0, 0);
      else
        rc = emit(sc, b, e + 1, PADAN_TOK_ABBREV, f, 0, 0);
      if (rc)
        return rc;
      if (!title && !sc->lines)
        sc->pending = 1, sc->pend_abbrev = 1;
      *endp = e + 1;
      return PADAN_OK;
    }
  }
  return word_token(sc, b, e, kind);
}

static int is_terminal(const char *s, size_t b, size_t e) {
  size_t l = e - b;
  if (s[b] == '.' || s[b] == '!' || s[b] == '?')
    return 1;
  return l == 3 && memcmp(s + b, "\xE2\x80\xA6", 3) == 0; /* … */
}

int padan_tokenize(padan_tokenizer *tk, const char *text, size_t len, size_t base, int options,
                   padan_tokens *out) {
  scan sc;
  memset(&sc, 0, sizeof sc);
  sc.tk = tk, sc.s = text, sc.n = len, sc.base = base, sc.out = out;
  sc.lines = (options & PADAN_TOKENIZE_LINES) != 0;
  const char *s = text;
  size_t n = len, i = 0;
  int rc = PADAN_OK;
  if (sc.lines && (rc = open_sentence(&sc, 0)))
    return rc;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    int k = ascii_class[c];
    if (c >= 0x80)
      k = C_HIGH;
    if (k == C_SPACE) {
      i++;
      continue;
    }
    if (k == C_NL) {
      if (!sc.lines && sc.open)
        close_sentence(&sc);
      i++;
      continue;
    }
    int32_t cp = c;
    size_t cl = 1;
    int uk = -1;
    if (k == C_HIGH) {
      cl = (size_t)pd_utf8_next(s + i, n - i, &cp);
      uk = uclass(cp);
      if (uk == U_SPACE) {
        i += cl;
        continue;
      }
      if (uk == U_LETTER || uk == U_DIGIT)
        k = C_ALPHA;
    }
    if (k == C_ALPHA || k == C_DIGIT) {
      if ((c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F') &&
          starts_url(s, n, i)) {
        size_t e = scan_url(s, n, i);
        if ((rc = emit(&sc, i, e, PADAN_TOK_URL, case_flags(s, i, e, &(int){0}), 0, 0)))
          return rc;
        i = e;
        continue;
      }
      /* Rp38, US$ 5: the currency symbol is its own token */
      if (c == 'R' && i + 2 < n && s[i + 1] == 'p' &&
          (is_digit_at(s, n, i + 2) || (s[i + 2] == '.' && is_digit_at(s, n, i + 3)))) {
        if ((rc = emit(&sc, i, i + 2, PADAN_TOK_CURRENCY, PADAN_TF_CAP, 0, 0)))
          return rc;
        i += 2;
        if (s[i] == '.') { /* Rp.5000 */
          if ((rc = emit(&sc, i, i + 1, PADAN_TOK_PUNCT, 0, 0, 0)))
            return rc;
          i++;
        }
        continue;
      }
      size_t e0 = i;
      while (e0 < n && e0 - i < 3 && s[e0] >= 'A' && s[e0] <= 'Z')
        e0++;
      if (e0 > i && e0 < n && s[e0] == '$') {
        if ((rc = emit(&sc, i, e0 + 1, PADAN_TOK_CURRENCY, PADAN_TF_CAP | PADAN_TF_ALLCAPS, 0, 0)))
          return rc;
        i = e0 + 1;
        continue;
      }
      int kind;
      size_t e = scan_word(&sc, i, &kind);
      if (kind == PADAN_TOK_WORD && e - i == 2 && memcmp(s + i, "Rp", 2) == 0 &&
          !(e < n && s[e] == '.')) {
        rc = emit(&sc, i, e, PADAN_TOK_CURRENCY, PADAN_TF_CAP, 0, 0);
      } else if (kind == PADAN_TOK_NUMBER || kind == PADAN_TOK_DATE || kind == PADAN_TOK_TIME) {
        rc = emit(&sc, i, e, kind, PADAN_TF_DIGIT, 0, 0);
      } else if (kind == PADAN_TOK_WORD) {
        rc = word_with_period(&sc, i, e, kind, &e);
      } else {
        int letters;
        rc = emit(&sc, i, e, kind, case_flags(s, i, e, &letters), 0, 0);
      }
      if (rc)
        return rc;
      i = e;
      continue;
    }
    /* punctuation, symbols, invalid bytes */
    size_t e = i + cl;
    int kind = PADAN_TOK_PUNCT;
    unsigned f = 0;
    if (k == C_HIGH) {
      f = PADAN_TF_NONASCII;
      if (uk == U_INVALID || uk == U_SYMBOL || uk == U_JOINER)
        kind = PADAN_TOK_SYMBOL;
      else if (uk == U_CURRENCY)
        kind = PADAN_TOK_CURRENCY;
    } else if (c == '.' || c == '-') {
      while (e < n && s[e] == (char)c)
        e++; /* ... -- */
    } else if (c == '$') {
      kind = PADAN_TOK_CURRENCY;
    } else if ((c == '#' || c == '@') && is_letter_at(s, n, i + 1) &&
               (i == 0 || !is_alnum_at(s, n, prev_char(s, i)))) {
      size_t q = i + 1;
      while (q < n && (is_alnum_at(s, n, q) || s[q] == '_')) {
        size_t l;
        alnum_at(s, n, q, &l, NULL);
        q += l;
      }
      kind = c == '#' ? PADAN_TOK_HASHTAG : PADAN_TOK_MENTION;
      e = q;
    } else if (strchr("%+=<>|~^*&\\/`", c)) {
      kind = c == '/' || c == '&' ? PADAN_TOK_PUNCT : PADAN_TOK_SYMBOL;
    } else if (c < 0x20 || c == 0x7F) {
      kind = PADAN_TOK_SYMBOL;
    }
    /* -4,9: a minus sign before a number that follows a space */
    if (c == '-' && e == i + 1 && is_digit_at(s, n, i + 1) &&
        (i == 0 || is_space_byte((unsigned char)s[i - 1]) || s[i - 1] == '(')) {
      int wk;
      size_t we = scan_word(&sc, i + 1, &wk);
      if (wk == PADAN_TOK_NUMBER) {
        if ((rc = emit(&sc, i, we, PADAN_TOK_NUMBER, PADAN_TF_DIGIT, 0, 0)))
          return rc;
        i = we;
        continue;
      }
    }
    /* Obama's, McDonald’s: 's is its own token */
    size_t al = apos_len(s, n, i);
    if (al && i + al < n && (s[i + al] == 's' || s[i + al] == 'S') &&
        !is_alnum_at(s, n, i + al + 1) && is_letter_before(s, n, i)) {
      e = i + al + 1;
      kind = PADAN_TOK_WORD;
      f = al == 3 ? PADAN_TF_APOS | PADAN_TF_NONASCII : PADAN_TF_APOS;
    }
    if ((rc = emit(&sc, i, e, kind, f, 0, 0)))
      return rc;
    if (!sc.lines && kind == PADAN_TOK_PUNCT && is_terminal(s, i, e))
      sc.pending = 1, sc.pend_abbrev = 0;
    i = e;
  }
  if (sc.lines && sc.out->nsent && sc.out->sent[sc.out->nsent - 1].ntok == 0) {
    /* an empty line is still one (empty) sentence */
    padan_sentence *se = &sc.out->sent[sc.out->nsent - 1];
    se->start = base, se->end = base + len;
  }
  return PADAN_OK;
}

/* 1 when sentence n has a token other than punctuation. */
static int has_word(const padan_tokens *tk, size_t n) {
  const padan_sentence *se = &tk->sent[n];
  for (size_t k = se->first; k < se->first + se->ntok; k++)
    if (tk->tok[k].kind != PADAN_TOK_PUNCT)
      return 1;
  return 0;
}

size_t pd_final_sentences(const padan_tokens *tk, const char *text) {
  size_t n = tk->nsent;
  while (n > 0) {
    n--;
    size_t st = tk->sent[n].start;
    if (n > 0 && st > 0 &&
        (text[st - 1] == ' ' || text[st - 1] == '\n' || text[st - 1] == '\t' ||
         text[st - 1] == '\r') &&
        has_word(tk, n))
      return n;
  }
  return 0;
}
