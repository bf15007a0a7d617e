/* Tests of text/: decoding, the tokenizer (data-driven tables), lemma keys. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <padan/text.h>
#include "common/util.h"
#include "tests.h"
#include "text/lemma.h"

/* ------------------------------------------------------------ decoding */

static char *dec(const char *in, size_t len, const char *enc, int *rc, size_t *outlen,
                 padan_decode_info *info) {
  char *out = NULL;
  *rc = padan_decode(in, len, enc, &out, outlen, info);
  return out;
}

static void test_decode_utf8(void) {
  padan_decode_info info;
  size_t n;
  int rc;
  char *o = dec("Jum'at \xE2\x80\x9C" "a\xE2\x80\x9D", 14, NULL, &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "Jum'at \xE2\x80\x9C" "a\xE2\x80\x9D");
  CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-8");
  CU_ASSERT_EQUAL(info.fallback, 0);
  free(o);
  /* BOM removed */
  o = dec("\xEF\xBB\xBFhalo", 7, "auto", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "halo");
  CU_ASSERT_EQUAL(info.had_bom, 1);
  free(o);
  /* CRLF and lone CR */
  o = dec("a\r\nb\rc\n\r\n", 9, "utf-8", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "a\nb\nc\n\n");
  free(o);
  /* empty input */
  o = dec("", 0, NULL, &rc, &n, NULL);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  CU_ASSERT_EQUAL(n, 0);
  CU_ASSERT_PTR_NOT_NULL_FATAL(o);
  CU_ASSERT_EQUAL(o[0], '\0');
  free(o);
}

static void test_decode_errors(void) {
  padan_decode_info info;
  size_t n;
  int rc;
  /* strict UTF-8: the offset of the first bad byte */
  char *o = dec("abc\xE9" "def", 7, "utf-8", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EUTF8);
  CU_ASSERT_EQUAL(info.bad_offset, 3);
  CU_ASSERT_PTR_NULL(o);
  /* ... counted in the input, BOM included */
  o = dec("\xEF\xBB\xBF" "ab\xC3", 6, "UTF-8", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EUTF8);
  CU_ASSERT_EQUAL(info.bad_offset, 5);
  /* NUL bytes: binary */
  o = dec("ab\0cd", 5, NULL, &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EBINARY);
  CU_ASSERT_EQUAL(info.bad_offset, 2);
  o = dec("ab\0cd", 5, "iso-8859-1", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EBINARY);
  /* unknown encoding */
  o = dec("ab", 2, "no-such-encoding-x", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EARG);
  CU_ASSERT_PTR_NULL(o);
  /* truncated UTF-16 */
  o = dec("a\0b", 3, "utf-16le", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EUTF8);
  CU_ASSERT_EQUAL(info.bad_offset, 2);
}

static void test_decode_legacy(void) {
  padan_decode_info info;
  size_t n;
  int rc;
  /* auto: invalid UTF-8 falls back to Windows-1252 */
  char *o = dec("caf\xE9 \x93ya\x94 \x80 5", 13, NULL, &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "caf\xC3\xA9 \xE2\x80\x9Cya\xE2\x80\x9D \xE2\x82\xAC 5");
  CU_ASSERT_EQUAL(info.fallback, 1);
  CU_ASSERT_STRING_EQUAL(info.encoding, "WINDOWS-1252");
  free(o);
  /* named windows-1252 is not a fallback; CRLF still normalized */
  o = dec("a\x92" "b\r\n", 5, "windows-1252", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "a\xE2\x80\x99" "b\n");
  CU_ASSERT_EQUAL(info.fallback, 0);
  free(o);
  /* ISO-8859-1 through iconv */
  o = dec("caf\xE9", 4, "iso-8859-1", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "caf\xC3\xA9");
  free(o);
  /* UTF-16LE with BOM, auto */
  o = dec("\xFF\xFE" "a\0\xE9\0\r\0\n\0b\0", 12, NULL, &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "a\xC3\xA9\nb");
  CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-16LE");
  CU_ASSERT_EQUAL(info.had_bom, 1);
  free(o);
  /* UTF-16BE with BOM, named utf-16 */
  o = dec("\xFE\xFF\0h\0i", 6, "utf-16", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "hi");
  CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-16BE");
  free(o);
  /* utf-16 without BOM: little-endian */
  o = dec("o\0k\0", 4, "utf-16", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "ok");
  free(o);
}

/* UTF-32 and UCS-2 hold NUL bytes: only a NUL character makes them binary */
static void test_decode_wide(void) {
  padan_decode_info info;
  size_t n;
  int rc;
  /* auto: a UTF-32LE BOM (FF FE 00 00) is not read as UTF-16LE */
  char *o = dec("\xFF\xFE\0\0" "a\0\0\0\xE9\0\0\0\r\0\0\0\n\0\0\0", 20, NULL, &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "a\xC3\xA9\n");
  CU_ASSERT_STRING_EQUAL(info.encoding, "UTF-32");
  CU_ASSERT_EQUAL(info.had_bom, 1);
  free(o);
  /* ... nor a UTF-32BE one */
  o = dec("\0\0\xFE\xFF\0\0\0h\0\x01\xF6\x00", 12, "auto", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "h\xF0\x9F\x98\x80");
  free(o);
  /* named, no BOM (before: "binary file" for any UTF-32 or UCS-2 text) */
  o = dec("o\0\0\0k\0\0\0", 8, "utf-32le", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "ok");
  free(o);
  o = dec("\0o\0k", 4, "ucs-2be", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "ok");
  free(o);
  /* a NUL character is binary; a cut character is invalid, at its offset */
  o = dec("o\0\0\0\0\0\0\0", 8, "utf-32le", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EBINARY);
  CU_ASSERT_PTR_NULL(o);
  o = dec("o\0\0\0k\0", 6, "utf-32le", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_EUTF8);
  CU_ASSERT_EQUAL(info.bad_offset, 4);
  CU_ASSERT_PTR_NULL(o);
  /* a multibyte encoding: GB18030 */
  o = dec("a\xB5\xDA\r\n", 5, "gb18030", &rc, &n, &info);
  CU_ASSERT_EQUAL(rc, PADAN_OK);
  ASSERT_STR_N(o, n, "a\xE7\xAC\xAC\n");
  free(o);
}

/* ------------------------------------------------------------ tokenizer */

/* Renders tokens as "kind:token kind:token ..." and sentences separated by " | ". */
static char *render(const char *text, int options, int with_kinds) {
  padan_tokenizer *tk;
  padan_tokens t;
  padan_tokens_init(&t);
  CU_ASSERT_EQUAL_FATAL(padan_tokenizer_new(&tk), PADAN_OK);
  CU_ASSERT_EQUAL(padan_tokenize(tk, text, strlen(text), 0, options, &t), PADAN_OK);
  pd_buf b;
  pd_buf_init(&b);
  for (size_t si = 0; si < t.nsent; si++) {
    if (si)
      pd_buf_puts(&b, " |");
    for (size_t k = 0; k < t.sent[si].ntok; k++) {
      const padan_token *x = &t.tok[t.sent[si].first + k];
      CU_ASSERT_EQUAL(x->sent, si);
      if (b.len)
        pd_buf_putc(&b, ' ');
      if (with_kinds)
        pd_buf_printf(&b, "%s:", padan_tok_kind_name(x->kind));
      pd_buf_append(&b, text + x->start, x->len);
    }
  }
  padan_tokens_free(&t);
  padan_tokenizer_free(tk);
  return pd_buf_steal(&b, NULL);
}

static const struct {
  const char *in, *out;
} tok_cases[] = {
    {"Harga naik 50.000 ton, atau 3,5% dari 1.000,25.",
     "word:Harga word:naik number:50.000 word:ton punct:, word:atau number:3,5 symbol:% word:dari "
     "number:1.000,25 punct:."},
    {"Rp38 miliar, Rp 1.000 dan US$ 5", "currency:Rp number:38 word:miliar punct:, currency:Rp "
                                        "number:1.000 word:dan currency:US$ number:5"},
    {"pada 24/4/2025 pukul 14.30 atau 14:30:05, 2025-04-24",
     "word:pada date:24/4/2025 word:pukul time:14.30 word:atau time:14:30:05 punct:, "
     "date:2025-04-24"},
    {"KONTAN.CO.ID - iNews.id dan www.detik.com/berita?a=1.",
     "domain:KONTAN.CO.ID punct:- domain:iNews.id word:dan url:www.detik.com/berita?a=1 punct:."},
    {"lihat https://example.org/a_(b) atau redaksi@kontan.co.id #Pemilu2024 @jokowi",
     "word:lihat url:https://example.org/a_(b) word:atau email:redaksi@kontan.co.id "
     "hashtag:#Pemilu2024 mention:@jokowi"},
    {"KCNA dan PBB mengatakan", "acronym:KCNA word:dan acronym:PBB word:mengatakan"},
    {"negara-negara benar-benar sayur-mayur Kim-Putin DPRK-Rusia ke-5 1970-an",
     "word:negara-negara word:benar-benar word:sayur-mayur word:Kim-Putin word:DPRK-Rusia "
     "word:ke-5 word:1970-an"},
    {"Ma'ruf Amin, Jum\xE2\x80\x99" "at lalu", "word:Ma'ruf word:Amin punct:, word:Jum\xE2\x80\x99" "at word:lalu"},
    {"\xE2\x80\x9CKami siap,\xE2\x80\x9D katanya. \"Ya\" (benar)",
     "punct:\xE2\x80\x9C word:Kami word:siap punct:, punct:\xE2\x80\x9D word:katanya punct:. "
     "punct:\" word:Ya punct:\" punct:( word:benar punct:)"},
    /* UD conventions: ranges split, clitic after a hyphen split, / splits words not codes */
    {"tahun 2013-2014 naik 30-35 persen Januari-Oktober PPh-nya",
     "word:tahun number:2013 punct:- number:2014 word:naik number:30 punct:- number:35 word:persen "
     "word:Januari punct:- word:Oktober word:PPh punct:- word:nya"},
    {"MPR/DPR kuartal II/2007 kelas C/D s/d 9.175/9.180",
     "acronym:MPR punct:/ acronym:DPR word:kuartal word:II/2007 word:kelas acronym:C/D word:s/d "
     "number:9.175 punct:/ number:9.180"},
    {"suhu -4,9 derajat", "word:suhu number:-4,9 word:derajat"},
    {"Obama's plan don't", "word:Obama word:'s word:plan word:do word:n't"},
    {"peringkat idA- dan BB+ stabil", "word:peringkat word:idA- word:dan acronym:BB+ word:stabil"},
    {"tunggu... lalu", "word:tunggu punct:... word:lalu"},
    {"A.S. dan E&P serta Ph.D.", "abbrev:A.S. word:dan acronym:E&P word:serta abbrev:Ph.D punct:."},
    /* invalid UTF-8 and control bytes are symbols */
    {"a\xFF" "b \x01", "word:a symbol:\xFF word:b symbol:\x01"},
    {"", ""},
    {"   \n\t ", ""},
};

static void test_tokens_table(void) {
  for (size_t i = 0; i < sizeof tok_cases / sizeof *tok_cases; i++) {
    char *got = render(tok_cases[i].in, PADAN_TOKENIZE_LINES, 1);
    if (strcmp(got, tok_cases[i].out) != 0)
      fprintf(stderr, "\ncase %zu: %s\n  got:  %s\n  want: %s\n", i, tok_cases[i].in, got,
              tok_cases[i].out);
    CU_ASSERT_STRING_EQUAL(got, tok_cases[i].out);
    free(got);
  }
}

static const struct {
  const char *in, *out;
} sent_cases[] = {
    {"Presiden B. J. Habibie tiba di Jl. Sudirman No. 5. Dia disambut Dr. Ani dan Prof. Budi.",
     "Presiden B. J. Habibie tiba di Jl. Sudirman No. 5 . | Dia disambut Dr. Ani dan Prof. Budi ."},
    {"Nilainya 3,5 persen. Sebelumnya 2.5 juta.", "Nilainya 3,5 persen . | Sebelumnya 2.5 juta ."},
    {"Buah, sayur, dll. dijual. Harga naik dll. Besok turun.",
     "Buah , sayur , dll. dijual . | Harga naik dll . | Besok turun ."},
    {"\"Saya pergi.\" Dia lalu pulang.", "\" Saya pergi . \" | Dia lalu pulang ."},
    {"(Ini catatan.) Lalu apa? Tidak! \xE2\x80\x9CYa.\xE2\x80\x9D",
     "( Ini catatan . ) | Lalu apa ? | Tidak ! | \xE2\x80\x9C Ya . \xE2\x80\x9D"},
    {"Tunggu... Dia datang. Lalu... pergi.", "Tunggu ... | Dia datang . | Lalu ... pergi ."},
    {"Judul Berita Tanpa Titik\nIsi berita pertama. Kedua.\n\nParagraf baru",
     "Judul Berita Tanpa Titik | Isi berita pertama . | Kedua . | Paragraf baru"},
    {"a.n. Direktur s.d. akhir tahun.", "a.n. Direktur s.d. akhir tahun ."},
    {"Tahun 2025. 50 orang hadir.", "Tahun 2025 . | 50 orang hadir ."},
    {"Kata \"tidak.\" katanya.", "Kata \" tidak . \" katanya ."},
    {"Dibeli Encore Energy Pte. Ltd. dan PT Astra Tbk. Harga naik.",
     "Dibeli Encore Energy Pte. Ltd. dan PT Astra Tbk . | Harga naik ."},
};

static void test_sentences(void) {
  for (size_t i = 0; i < sizeof sent_cases / sizeof *sent_cases; i++) {
    char *got = render(sent_cases[i].in, 0, 0);
    if (strcmp(got, sent_cases[i].out) != 0)
      fprintf(stderr, "\nsentence case %zu: %s\n  got:  %s\n  want: %s\n", i, sent_cases[i].in,
              got, sent_cases[i].out);
    CU_ASSERT_STRING_EQUAL(got, sent_cases[i].out);
    free(got);
  }
  /* --lines: one sentence whatever the punctuation */
  char *got = render("Satu. Dua. Tiga", PADAN_TOKENIZE_LINES, 0);
  CU_ASSERT_STRING_EQUAL(got, "Satu . Dua . Tiga");
  free(got);
}

/* Flags and clitics of the single token in `in`. */
static const padan_token *one(padan_tokenizer *tk, padan_tokens *t, const char *in) {
  padan_tokens_clear(t);
  CU_ASSERT_EQUAL(padan_tokenize(tk, in, strlen(in), 100, 0, t), PADAN_OK);
  CU_ASSERT_EQUAL_FATAL(t->ntok, 1);
  CU_ASSERT_EQUAL(t->tok[0].start, 100);
  return &t->tok[0];
}

static void test_flags_clitics(void) {
  padan_tokenizer *tk;
  padan_tokens t;
  padan_tokens_init(&t);
  CU_ASSERT_EQUAL_FATAL(padan_tokenizer_new(&tk), PADAN_OK);
  static const struct {
    const char *w;
    unsigned flags; /* flags that must be set */
    unsigned noflags;
    int pre, suf;
  } cases[] = {
      {"Jakarta", PADAN_TF_CAP | PADAN_TF_SENT_START, PADAN_TF_ALLCAPS, 0, 0},
      {"KCNA", PADAN_TF_CAP | PADAN_TF_ALLCAPS, 0, 0, 0},
      {"negara-negara", PADAN_TF_REDUP | PADAN_TF_HYPHEN, PADAN_TF_CAP, 0, 0},
      {"sayur-mayur", PADAN_TF_REDUP | PADAN_TF_HYPHEN, 0, 0, 0},
      {"berlari-lari", PADAN_TF_REDUP, 0, 0, 0},
      {"bolak-balik", PADAN_TF_REDUP, 0, 0, 0},
      {"Kim-Putin", PADAN_TF_HYPHEN | PADAN_TF_CAP, PADAN_TF_REDUP, 0, 0},
      {"DPRK-Rusia", PADAN_TF_HYPHEN, PADAN_TF_REDUP | PADAN_TF_ALLCAPS, 0, 0},
      {"Ma'ruf", PADAN_TF_APOS | PADAN_TF_CAP, 0, 0, 0},
      {"B-29", PADAN_TF_DIGIT, 0, 0, 0},
      {"Bogor\xC3\xA9", PADAN_TF_NONASCII, 0, 0, 0},
      {"bukunya", 0, 0, 0, 3},
      {"rumahnyalah", 0, 0, 0, 6},
      {"dirimu", 0, 0, 0, 2},
      {"apakah", 0, 0, 0, 3},
      {"bacalah", 0, 0, 0, 3},
      {"teman-temannya", PADAN_TF_REDUP, 0, 0, 3},
      {"kubaca", 0, 0, 0, 0}, /* too short a base for ku- */
      {"kuberikan", 0, 0, 2, 0},
      {"kaudengar", 0, 0, 3, 0},
      /* look-alikes: no clitic */
      {"hanya", 0, 0, 0, 0},
      {"punya", 0, 0, 0, 0},
      {"bertanya", 0, 0, 0, 0},
      {"sekolah", 0, 0, 0, 0},
      {"masalah", 0, 0, 0, 0},
      {"adalah", 0, 0, 0, 0},
      {"telah", 0, 0, 0, 0},
      {"langkah", 0, 0, 0, 0},
      {"meskipun", 0, 0, 0, 0},
      {"berlaku", 0, 0, 0, 0},
      {"ilmu", 0, 0, 0, 0},
      {"bertemu", 0, 0, 0, 0},
      {"kuartal", 0, 0, 0, 0},
      {"kualitas", 0, 0, 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const padan_token *x = one(tk, &t, cases[i].w);
    if ((x->flags & cases[i].flags) != cases[i].flags || (x->flags & cases[i].noflags) ||
        x->pre_len != cases[i].pre || x->suf_len != cases[i].suf)
      fprintf(stderr, "\nflags case %s: flags %x pre %d suf %d\n", cases[i].w, x->flags,
              x->pre_len, x->suf_len);
    CU_ASSERT_EQUAL(x->flags & cases[i].flags, cases[i].flags);
    CU_ASSERT_EQUAL(x->flags & cases[i].noflags, 0);
    CU_ASSERT_EQUAL(x->pre_len, cases[i].pre);
    CU_ASSERT_EQUAL(x->suf_len, cases[i].suf);
  }
  const padan_token *x = one(tk, &t, "bukunya");
  size_t bs, bl;
  padan_token_base(x, &bs, &bl);
  CU_ASSERT_EQUAL(bs, 100);
  CU_ASSERT_EQUAL(bl, 4);
  /* SENT_START skips leading punctuation */
  padan_tokens_clear(&t);
  padan_tokenize(tk, "\"Ya,\" kata dia. (Lalu)", 22, 0, 0, &t);
  CU_ASSERT_EQUAL_FATAL(t.ntok, 10);
  CU_ASSERT_FALSE(t.tok[0].flags & PADAN_TF_SENT_START);
  CU_ASSERT_TRUE(t.tok[1].flags & PADAN_TF_SENT_START);
  CU_ASSERT_FALSE(t.tok[4].flags & PADAN_TF_SENT_START);
  CU_ASSERT_TRUE(t.tok[8].flags & PADAN_TF_SENT_START);
  CU_ASSERT_EQUAL(t.nsent, 2);
  CU_ASSERT_EQUAL(t.sent[1].start, 16);
  CU_ASSERT_EQUAL(t.sent[1].end, 22);
  /* appending keeps earlier tokens; clear forgets them */
  size_t before = t.ntok;
  padan_tokenize(tk, "lagi", 4, 50, 0, &t);
  CU_ASSERT_EQUAL(t.ntok, before + 1);
  CU_ASSERT_EQUAL(t.tok[before].start, 50);
  CU_ASSERT_EQUAL(t.tok[before].sent, t.nsent - 1);
  padan_tokens_free(&t);
  padan_tokenizer_free(tk);
  padan_tokenizer_free(NULL);
  padan_tokens_free(NULL);
}

static void test_huge_and_garbage(void) {
  /* a 3 MB line of words, and random bytes: no crash, spans cover valid ranges */
  size_t n = 3u << 20;
  char *s = malloc(n);
  CU_ASSERT_PTR_NOT_NULL_FATAL(s);
  for (size_t i = 0; i < n; i++)
    s[i] = (i % 7 == 6) ? ' ' : (char)('a' + i % 5);
  padan_tokenizer *tk;
  padan_tokens t;
  padan_tokens_init(&t);
  CU_ASSERT_EQUAL_FATAL(padan_tokenizer_new(&tk), PADAN_OK);
  CU_ASSERT_EQUAL(padan_tokenize(tk, s, n, 0, 0, &t), PADAN_OK);
  CU_ASSERT_EQUAL(t.ntok, (n + 6) / 7);
  unsigned seed = 12345;
  for (int round = 0; round < 200; round++) {
    size_t m = 1 + round * 7;
    for (size_t i = 0; i < m; i++) {
      seed = seed * 1103515245u + 12345u;
      s[i] = (char)(seed >> 16);
    }
    padan_tokens_clear(&t);
    CU_ASSERT_EQUAL(padan_tokenize(tk, s, m, 0, round & 1, &t), PADAN_OK);
    size_t prev_end = 0;
    for (size_t k = 0; k < t.ntok; k++) {
      CU_ASSERT(t.tok[k].len > 0);
      CU_ASSERT(t.tok[k].start >= prev_end);
      CU_ASSERT(t.tok[k].start + t.tok[k].len <= m);
      prev_end = t.tok[k].start + t.tok[k].len;
    }
  }
  padan_tokens_free(&t);
  padan_tokenizer_free(tk);
  free(s);
  CU_ASSERT_STRING_EQUAL(padan_tok_kind_name(PADAN_TOK_CURRENCY), "currency");
  CU_ASSERT_STRING_EQUAL(padan_tok_kind_name(0), "?");
  CU_ASSERT_STRING_EQUAL(padan_tok_kind_name(99), "?");
}

/* ------------------------------------------------------------ lemma keys */

static void test_lemma(void) {
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"negara-negara", "negara"},
      {"Negara-Negara", "negara"},
      {"perjanjian-perjanjian pertahanan", "perjanjian pertahanan"},
      {"Perjanjian  Pertahanan\tBersama", "perjanjian pertahanan bersama"},
      {"Il-sung", "il sung"},
      {"Il Sung", "il sung"},
      {"Kim-Putin", "kim putin"},
      {"kebijakannya", "kebijakan"},
      {"teman-temannya", "teman"},
      {"bukunyalah", "buku"},
      {"Jamilah Ramlah", "jamilah ramlah"},
      {"Indonesianya", "indonesia"},
      {"Bacalah", "bacalah"},
      {"undang-undang", "undang-undang"},
      {"rata-rata", "rata-rata"},
      {"sayur-mayur", "sayur-mayur"},
      {"hanya", "hanya"},
      {"sekolah", "sekolah"},
      {"pemerintah", "pemerintah"},
      {"keuangan", "keuangan"},
      {"Caf\x65\xCC\x81", "caf\xC3\xA9"}, /* NFC */
      {"", ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    pd_buf b;
    pd_buf_init(&b);
    CU_ASSERT_EQUAL(pd_lemma_key(cases[i].in, strlen(cases[i].in), &b), PADAN_OK);
    const char *got = b.p ? b.p : "";
    if (strcmp(got, cases[i].out) != 0)
      fprintf(stderr, "\nlemma %s: got '%s', want '%s'\n", cases[i].in, got, cases[i].out);
    CU_ASSERT_STRING_EQUAL(got, cases[i].out);
    pd_buf_free(&b);
  }
  char *o;
  size_t n;
  CU_ASSERT_EQUAL(padan_lemma_key("Kota-Kota", 9, &o, &n), PADAN_OK);
  ASSERT_STR_N(o, n, "kota");
  free(o);
  size_t off[4], len[4];
  CU_ASSERT_EQUAL(padan_word_parts("Villeneuve-les-Beziers", 22, off, len, 4), 3);
  CU_ASSERT_EQUAL(off[1], 11);
  CU_ASSERT_EQUAL(len[1], 3);
  CU_ASSERT_EQUAL(padan_word_parts("kata", 4, off, len, 4), 1);
  CU_ASSERT_EQUAL(len[0], 4);
}

int suite_text(void) {
  CU_pSuite s = CU_add_suite("text", NULL, NULL);
  if (!s || !CU_add_test(s, "decode utf-8", test_decode_utf8) ||
      !CU_add_test(s, "decode errors", test_decode_errors) ||
      !CU_add_test(s, "decode legacy", test_decode_legacy) ||
      !CU_add_test(s, "decode wide", test_decode_wide) ||
      !CU_add_test(s, "token table", test_tokens_table) ||
      !CU_add_test(s, "sentences", test_sentences) ||
      !CU_add_test(s, "flags and clitics", test_flags_clitics) ||
      !CU_add_test(s, "huge and garbage", test_huge_and_garbage) ||
      !CU_add_test(s, "lemma keys", test_lemma))
    return -1;
  return 0;
}
