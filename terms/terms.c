/* Term extraction: candidate n-grams, counts, grouping and scores. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <padan/terms.h>
#include <padan/text.h>
#include "text/textint.h"
#include "common/util.h"
#include "terms/morph.h"
#include "text/lemma.h"

/* word classes, cached per surface type */
enum {
  W_STOP = 1 << 0,
  W_AND = 1 << 1,     /* dan, serta, atau: allowed inside "X dan Y" */
  W_YANG = 1 << 2,    /* yang: allowed inside "A B yang C" */
  W_GENERAL = 1 << 3, /* general word (time, reporting): never a term on its own */
  W_VERB = 1 << 4,
  W_VHEAD = 1 << 5,
  W_NOUN = 1 << 6,
  W_COMMON = 1 << 7   /* common noun: never a term alone */
};

/* Content words that news uses everywhere: calendar and time words, reporting
 * verbs, web boilerplate. A candidate made only of these is not a term. */
static const char *const general_words[] = {
    "hari", "minggu", "pekan", "bulan", "tahun", "abad", "jam", "menit", "detik", "waktu",
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "januari", "februari",
    "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november",
    "desember", "pagi", "siang", "sore", "malam", "kemarin", "besok", "lusa", "tanggal",
    "awal", "akhir", "kali", "hal", "cara", "orang", "kata", "tulis", "ucap", "sebut",
    "baca", "klik", "iklan", "lihat", "simak", "tonton", "halaman", "foto", "video", "editor",
    "penulis", "reporter", "sumber", "baru", "besar", "kecil", "tinggi", "rendah", "lama",
    "banyak", "sebuah", "seorang", "sejumlah", "salah", "level", "tingkat", "ini", "itu",
    "bagian", "jumlah", "nama", "pihak", "kalangan", "sekitar", "tetap", "bukti", "laku",
    "resmi", "penuh", "kuat", "lanjut", "berat", "positif", "negatif", "signifikan", "tak",
    "begitu", "penting", "tersebut", "tujuan", "masalah", "kemungkinan", "rencana", "semakin",
    "saling", "masa", "kalinya", "kembali", "sedang", "guna", "tempat", "selatan", "utara",
    "barat", "timur", "tengah", "tewas", "kelompok", "sementara", "tahunan", "mendatang",
    "persen", "sebesar", "naik", "turun", "dekat", "jauh", "keduanya", "lebih", "selamat", "terkini", "sini", "contoh"};

/* Nouns too common in news to be a term alone, fine as the head of one
 * (hubungan -> hubungan bilateral, negara -> negara anggota). */
static const char *const common_nouns[] = {
    "negara", "hubungan", "pesan", "dukungan", "pertemuan", "kunjungan", "pernyataan",
    "pemimpin", "presiden", "bantuan", "berita", "kantor", "rakyat", "warga", "wilayah",
    "bidang", "langkah", "upaya", "kegiatan", "program", "proses", "kondisi", "situasi", "hasil",
    "data", "informasi", "laporan", "kesempatan", "pemerintah", "masyarakat", "kota", "daerah",
    "dunia", "arah", "bentuk", "dasar", "pihak", "kerja", "pernyataannya", "janji", "ucapan",
    "perhatian", "sejarah", "tanggapan", "keputusan", "pembicaraan", "artikel", "media", "surat",
    "kabar", "pejabat", "anggota", "ketua", "kepala", "peristiwa", "perkembangan", "terobosan",
    "tuntutan", "ujian", "landasan", "titik", "balik", "ikatan", "pendiri", "kakek", "cucu",
    "bulan", "nama", "nomor", "umum", "pusat", "utama", "khusus", "lalu", "ulang", "sama"};

typedef struct {
  uint32_t lemma; /* id in lemmas */
  uint32_t fold;  /* id in folds */
  uint32_t count;
  uint32_t capnext; /* capitalized and followed by a capitalized word */
  uint16_t cls;
} pd_wi;

typedef struct {
  uint32_t off, hash, gid;
  uint32_t freq, docs, lastdoc, mid, capmid, ctx;
  uint8_t n;
} pd_ng;

typedef struct {
  uint32_t best, head; /* entry indexes (+0) */
  uint32_t freq, docs, mid, capmid, maxc;
  double nested;
  uint32_t ncont;
} pd_group;

struct padan_terms {
  padan_terms_options opt;
  padan_tokenizer *tk;
  padan_tokens toks;
  pd_strmap words, lemmas, folds, stops, general, common, ref;
  /* variant groups (joined lemma keys): exact document frequency per group */
  pd_strmap gmap;
  uint32_t *gdocs, *glast;
  size_t gcap;
  pd_buf gkey;
  pd_wi *wi;
  size_t wicap;
  uint64_t *refc;
  size_t refcap;
  unsigned long long reftotal;
  int have_ref;
  pd_morph *morph;
  /* n-grams: ids in pool, entries, open-addressing slots (entry index + 1) */
  uint32_t *pool;
  size_t npool, poolcap;
  pd_ng *ng;
  size_t nng, ngcap;
  uint32_t *slots;
  size_t nslots;
  /* adjacent word pairs */
  uint64_t *bkeys;
  uint32_t *bcount;
  size_t nb, nbslots;
  unsigned long long nbigrams;
  pd_arena ctxarena;
  const char **ctxs;
  size_t nctx, ctxcap, ctxbytes;
  size_t ndocs;
  unsigned long long ntokens;
  pd_buf doc; /* the open document's text not yet counted (its last sentence) */
  int indoc;  /* a document given in pieces is open */
  pd_buf scratch, scratch2;
  /* results */
  pd_arena resarena;
  padan_term *res;
  size_t nres;
  char err[512];
};

void padan_terms_options_init(padan_terms_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->max_words = 6;
  opt->min_freq = 2;
  opt->top = 0;
  opt->context_bytes = 100;
}

const char *padan_terms_errmsg(const padan_terms *t) { return t ? t->err : ""; }

static void set_err(padan_terms *t, const char *fmt, const char *a, long line, const char *b) {
  if (line > 0)
    snprintf(t->err, sizeof t->err, fmt, a, line, b);
  else
    snprintf(t->err, sizeof t->err, fmt, a, b);
}

int padan_terms_new(padan_terms **out, const padan_terms_options *opt) {
  *out = NULL;
  padan_terms *t = calloc(1, sizeof *t);
  if (!t)
    return PADAN_ENOMEM;
  if (opt)
    t->opt = *opt;
  else
    padan_terms_options_init(&t->opt);
  if (t->opt.max_words < 1 || t->opt.max_words > 6)
    t->opt.max_words = 6;
  if (t->opt.context_bytes < 20)
    t->opt.context_bytes = 20;
  pd_strmap_init(&t->words);
  pd_strmap_init(&t->lemmas);
  pd_strmap_init(&t->folds);
  pd_strmap_init(&t->stops);
  pd_strmap_init(&t->general);
  pd_strmap_init(&t->common);
  pd_strmap_init(&t->gmap);
  pd_buf_init(&t->gkey);
  pd_strmap_init(&t->ref);
  pd_arena_init(&t->ctxarena);
  pd_arena_init(&t->resarena);
  pd_buf_init(&t->scratch);
  pd_buf_init(&t->scratch2);
  pd_buf_init(&t->doc);
  padan_tokens_init(&t->toks);
  int rc = padan_tokenizer_new(&t->tk);
  for (size_t i = 0; rc == PADAN_OK && i < sizeof general_words / sizeof *general_words; i++) {
    uint32_t id;
    rc = pd_strmap_intern(&t->general, general_words[i], strlen(general_words[i]), &id);
  }
  for (size_t i = 0; rc == PADAN_OK && i < sizeof common_nouns / sizeof *common_nouns; i++) {
    uint32_t id;
    rc = pd_strmap_intern(&t->common, common_nouns[i], strlen(common_nouns[i]), &id);
  }
  if (rc) {
    padan_terms_free(t);
    return rc;
  }
  *out = t;
  return PADAN_OK;
}

void padan_terms_free(padan_terms *t) {
  if (!t)
    return;
  padan_tokenizer_free(t->tk);
  padan_tokens_free(&t->toks);
  pd_strmap_free(&t->words);
  pd_strmap_free(&t->lemmas);
  pd_strmap_free(&t->folds);
  pd_strmap_free(&t->stops);
  pd_strmap_free(&t->general);
  pd_strmap_free(&t->common);
  pd_strmap_free(&t->gmap);
  pd_buf_free(&t->gkey);
  free(t->gdocs);
  free(t->glast);
  pd_strmap_free(&t->ref);
  free(t->wi);
  free(t->refc);
  pd_morph_free(t->morph);
  free(t->pool);
  free(t->ng);
  free(t->slots);
  free(t->bkeys);
  free(t->bcount);
  pd_arena_free(&t->ctxarena);
  free(t->ctxs);
  pd_buf_free(&t->scratch);
  pd_buf_free(&t->scratch2);
  pd_buf_free(&t->doc);
  pd_arena_free(&t->resarena);
  free(t->res);
  free(t);
}

size_t padan_terms_docs(const padan_terms *t) { return t->ndocs; }
unsigned long long padan_terms_tokens(const padan_terms *t) { return t->ntokens; }

/* ------------------------------------------------------------ word lists */

int padan_terms_add_stopword(padan_terms *t, const char *word, size_t len) {
  pd_buf_clear(&t->scratch);
  int rc = pd_utf8_fold(word, len, &t->scratch);
  uint32_t id;
  if (!rc && t->scratch.len)
    rc = pd_strmap_intern(&t->stops, t->scratch.p, t->scratch.len, &id);
  return rc;
}

static void trim(const char **s, size_t *n) {
  while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
    (*n)--;
}

/* Reads a whole input file; on failure the handle's message names the file. */
static int read_input(padan_terms *t, const char *path, char **data, size_t *len) {
  int rc = pd_read_file(path, data, len);
  if (rc)
    set_err(t, "%s: %s", path, 0, rc == PADAN_EIO ? strerror(errno) : padan_strerror(rc));
  return rc;
}

int padan_terms_load_stopwords(padan_terms *t, const char *path) {
  char *data;
  size_t len;
  int rc = read_input(t, path, &data, &len);
  if (rc)
    return rc;
  if (pd_utf8_valid_prefix(data, len) != len) {
    set_err(t, "%s: %s", path, 0, "invalid UTF-8");
    free(data);
    return PADAN_EUTF8;
  }
  for (size_t i = 0; i < len && rc == PADAN_OK;) {
    const char *s = data + i;
    const char *nl = memchr(s, '\n', len - i);
    size_t n = nl ? (size_t)(nl - s) : len - i;
    i += n + 1;
    trim(&s, &n);
    if (n && s[0] != '#')
      rc = padan_terms_add_stopword(t, s, n);
  }
  free(data);
  return rc;
}

int padan_terms_load_reference(padan_terms *t, const char *path) {
  char *data;
  size_t len;
  int rc = read_input(t, path, &data, &len);
  if (rc)
    return rc;
  long line = 0;
  for (size_t i = 0; i < len && rc == PADAN_OK;) {
    const char *s = data + i;
    const char *nl = memchr(s, '\n', len - i);
    size_t n = nl ? (size_t)(nl - s) : len - i;
    i += n + 1;
    line++;
    if (n && s[n - 1] == '\r')
      n--;
    if (n == 0 || s[0] == '#')
      continue;
    const char *tab = memchr(s, '\t', n);
    if (!tab || tab == s) {
      set_err(t, "%s:%ld: %s", path, line, "expected word<TAB>count");
      rc = PADAN_EFORMAT;
      break;
    }
    size_t wl = (size_t)(tab - s);
    unsigned long long c = 0;
    const char *p = tab + 1, *e = s + n;
    if (p == e) {
      set_err(t, "%s:%ld: %s", path, line, "missing count");
      rc = PADAN_EFORMAT;
      break;
    }
    for (; p < e && *p != '\t'; p++) {
      if (!pd_is_ascii_digit((unsigned char)*p)) {
        set_err(t, "%s:%ld: %s", path, line, "count is not a number");
        rc = PADAN_EFORMAT;
        break;
      }
      c = c * 10 + (unsigned long long)(*p - '0');
    }
    if (rc)
      break;
    if (pd_utf8_valid_prefix(s, wl) != wl) {
      set_err(t, "%s:%ld: %s", path, line, "invalid UTF-8");
      rc = PADAN_EUTF8;
      break;
    }
    pd_buf_clear(&t->scratch);
    uint32_t id = 0;
    rc = pd_utf8_fold(s, wl, &t->scratch);
    if (!rc && t->scratch.len)
      rc = pd_strmap_intern(&t->ref, t->scratch.p, t->scratch.len, &id);
    if (rc || !id)
      continue;
    if (id >= t->refcap) {
      size_t nc = t->refcap ? t->refcap * 2 : 1024;
      while (nc <= id)
        nc *= 2;
      uint64_t *p2 = realloc(t->refc, nc * sizeof *p2);
      if (!p2) {
        rc = PADAN_ENOMEM;
        break;
      }
      memset(p2 + t->refcap, 0, (nc - t->refcap) * sizeof *p2);
      t->refc = p2, t->refcap = nc;
    }
    t->refc[id] += c;
    t->reftotal += c;
  }
  free(data);
  if (!rc)
    t->have_ref = 1;
  return rc;
}

int padan_terms_use_hunspell(padan_terms *t, const char *aff, const char *dic) {
  pd_morph *m;
  int rc = pd_morph_open(&m, aff, dic, t->err, sizeof t->err);
  if (rc)
    return rc;
  pd_morph_free(t->morph);
  t->morph = m;
  return PADAN_OK;
}

/* ------------------------------------------------------------ word types */

/* The lemma key of one word (text/lemma.h: case, clitics, reduplication),
 * with spaces and hyphens removed, so that the keys of a phrase joined
 * without separators meet across spacing variants (Il-sung / Il Sung). */
static int word_lemma(const char *s, size_t len, pd_buf *out) {
  pd_buf tmp;
  pd_buf_init(&tmp);
  int rc = pd_lemma_key(s, len, &tmp);
  for (size_t i = 0; !rc && i < tmp.len; i++)
    if (tmp.p[i] != '-' && tmp.p[i] != ' ' && tmp.p[i] != '\'')
      rc = pd_buf_putc(out, tmp.p[i]);
  pd_buf_free(&tmp);
  return rc;
}

/* Interns one word token; fills its type information on first sight. */
/* Interns s; on first sight fills its fold and lemma ids and sets *isnew. */
static int word_raw(padan_terms *t, const char *s, size_t len, uint32_t *out, int *isnew) {
  uint32_t id;
  size_t before = pd_strmap_count(&t->words);
  int rc = pd_strmap_intern(&t->words, s, len, &id);
  if (rc)
    return rc;
  *out = id;
  *isnew = pd_strmap_count(&t->words) != before;
  if (!*isnew)
    return PADAN_OK;
  if (id >= t->wicap) {
    size_t nc = t->wicap ? t->wicap * 2 : 4096;
    while (nc <= id)
      nc *= 2;
    pd_wi *p = realloc(t->wi, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    memset(p + t->wicap, 0, (nc - t->wicap) * sizeof *p);
    t->wi = p, t->wicap = nc;
  }
  pd_wi *w = &t->wi[id];
  pd_buf_clear(&t->scratch);
  rc = pd_utf8_fold(s, len, &t->scratch);
  const char *f = t->scratch.p ? t->scratch.p : "";
  size_t fl = t->scratch.len;
  if (!rc)
    rc = pd_strmap_intern(&t->folds, f, fl, &w->fold);
  pd_buf_clear(&t->scratch2);
  if (!rc)
    rc = word_lemma(s, len, &t->scratch2);
  const char *l = t->scratch2.p ? t->scratch2.p : "";
  size_t ll = t->scratch2.len;
  if (!rc)
    rc = pd_strmap_intern(&t->lemmas, l, ll, &w->lemma);
  return rc;
}

static int word_id(padan_terms *t, const char *text, const padan_token *tok, uint32_t *out) {
  const char *s = text + tok->start;
  size_t len = tok->len;
  int isnew;
  int rc = word_raw(t, s, len, out, &isnew);
  if (rc || !isnew)
    return rc;
  pd_wi *w = &t->wi[*out];
  size_t fl, ll;
  const char *f = pd_strmap_str(&t->folds, w->fold, &fl);
  const char *l = pd_strmap_str(&t->lemmas, w->lemma, &ll);
  int cls = 0;
  if (pd_strmap_find(&t->stops, f, fl) || (ll && pd_strmap_find(&t->stops, l, ll)))
    cls |= W_STOP;
  if (fl == 3 && memcmp(f, "dan", 3) == 0)
    cls |= W_AND;
  if (fl == 4 && memcmp(f, "yang", 4) == 0)
    cls |= W_YANG;
  if ((fl == 5 && memcmp(f, "serta", 5) == 0) || (fl == 4 && memcmp(f, "atau", 4) == 0))
    cls |= W_AND;
  if (pd_strmap_find(&t->general, f, fl) || (ll && pd_strmap_find(&t->general, l, ll)))
    cls |= W_GENERAL;
  /* se-...-nya adverbs (sepenuhnya, sebaliknya) */
  if (fl >= 8 && memcmp(f, "se", 2) == 0 && memcmp(f + fl - 3, "nya", 3) == 0)
    cls |= W_GENERAL;
  if (pd_strmap_find(&t->common, f, fl) || (ll && pd_strmap_find(&t->common, l, ll)))
    cls |= W_COMMON;
  if (!(tok->flags & PADAN_TF_ALLCAPS) && tok->kind == PADAN_TOK_WORD) {
    /* classify the clitic-free base (janjinya -> janji) */
    size_t pre = tok->pre_len, suf = tok->suf_len;
    const char *b = f;
    size_t bl = fl;
    if (pre + suf < len && fl == len)
      b = f + pre, bl = fl - pre - suf;
    int m = pd_morph_classify(t->morph, b, bl);
    if (m & PD_MORPH_VERB)
      cls |= W_VERB;
    if (m & PD_MORPH_VHEAD)
      cls |= W_VHEAD;
    if (m & PD_MORPH_NOUN)
      cls |= W_NOUN;
  }
  w->cls = (uint16_t)cls;
  return PADAN_OK;
}

/* ------------------------------------------------------------ tables */

static uint32_t ids_hash(const uint32_t *ids, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    uint32_t x = ids[i];
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    h = (h ^ x) * 16777619u;
    h ^= h >> 13;
  }
  return h ? h : 1;
}

static int ng_grow(padan_terms *t) {
  size_t ns = t->nslots ? t->nslots * 2 : 1 << 14;
  uint32_t *s = calloc(ns, sizeof *s);
  if (!s)
    return PADAN_ENOMEM;
  for (size_t e = 0; e < t->nng; e++) {
    size_t k = t->ng[e].hash & (ns - 1);
    while (s[k])
      k = (k + 1) & (ns - 1);
    s[k] = (uint32_t)e + 1;
  }
  free(t->slots);
  t->slots = s, t->nslots = ns;
  return PADAN_OK;
}

/* Index of the n-gram ids[0..n) or -1. */
static long ng_find(const padan_terms *t, const uint32_t *ids, size_t n, uint32_t h) {
  if (!t->nslots)
    return -1;
  size_t k = h & (t->nslots - 1);
  for (uint32_t e; (e = t->slots[k]) != 0; k = (k + 1) & (t->nslots - 1)) {
    const pd_ng *g = &t->ng[e - 1];
    if (g->hash == h && g->n == n && memcmp(t->pool + g->off, ids, n * sizeof *ids) == 0)
      return (long)e - 1;
  }
  return -1;
}

static int ng_add(padan_terms *t, const uint32_t *ids, size_t n, pd_ng **out) {
  uint32_t h = ids_hash(ids, n);
  long e = ng_find(t, ids, n, h);
  if (e >= 0) {
    *out = &t->ng[e];
    return PADAN_OK;
  }
  if ((t->nng + 1) * 2 > t->nslots && ng_grow(t))
    return PADAN_ENOMEM;
  if (t->nng == t->ngcap) {
    size_t nc = t->ngcap ? t->ngcap * 2 : 1 << 13;
    pd_ng *p = realloc(t->ng, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    t->ng = p, t->ngcap = nc;
  }
  if (t->npool + n > t->poolcap) {
    size_t nc = t->poolcap ? t->poolcap * 2 : 1 << 15;
    uint32_t *p = realloc(t->pool, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    t->pool = p, t->poolcap = nc;
  }
  if (t->npool + n > UINT32_MAX || t->nng >= UINT32_MAX - 1)
    return PADAN_ELIMIT;
  /* its variant group: the lemma keys of its words joined without separators */
  uint32_t gid;
  int rc = PADAN_OK;
  pd_buf_clear(&t->gkey);
  for (size_t k = 0; k < n && !rc; k++) {
    size_t l;
    const char *s = pd_strmap_str(&t->lemmas, t->wi[ids[k]].lemma, &l);
    rc = pd_buf_append(&t->gkey, s, l);
  }
  if (rc || (rc = pd_strmap_intern(&t->gmap, t->gkey.p ? t->gkey.p : "", t->gkey.len, &gid)))
    return rc;
  if (gid >= t->gcap) {
    size_t nc = t->gcap ? t->gcap * 2 : 1 << 13;
    uint32_t *d = realloc(t->gdocs, nc * sizeof *d);
    if (!d)
      return PADAN_ENOMEM;
    t->gdocs = d;
    uint32_t *l = realloc(t->glast, nc * sizeof *l);
    if (!l)
      return PADAN_ENOMEM;
    t->glast = l;
    memset(t->gdocs + t->gcap, 0, (nc - t->gcap) * sizeof *d);
    memset(t->glast + t->gcap, 0, (nc - t->gcap) * sizeof *l);
    t->gcap = nc;
  }
  pd_ng *g = &t->ng[t->nng];
  memset(g, 0, sizeof *g);
  g->gid = gid;
  g->off = (uint32_t)t->npool;
  g->hash = h;
  g->n = (uint8_t)n;
  memcpy(t->pool + t->npool, ids, n * sizeof *ids);
  t->npool += n;
  size_t k = h & (t->nslots - 1);
  while (t->slots[k])
    k = (k + 1) & (t->nslots - 1);
  t->slots[k] = (uint32_t)++t->nng;
  *out = g;
  return PADAN_OK;
}

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

static int big_add(padan_terms *t, uint32_t a, uint32_t b, uint32_t inc) {
  if ((t->nb + 1) * 2 > t->nbslots) {
    size_t ns = t->nbslots ? t->nbslots * 2 : 1 << 14;
    uint64_t *k2 = calloc(ns, sizeof *k2);
    uint32_t *c2 = calloc(ns, sizeof *c2);
    if (!k2 || !c2) {
      free(k2), free(c2);
      return PADAN_ENOMEM;
    }
    for (size_t i = 0; i < t->nbslots; i++)
      if (t->bkeys[i]) {
        size_t k = mix64(t->bkeys[i]) & (ns - 1);
        while (k2[k])
          k = (k + 1) & (ns - 1);
        k2[k] = t->bkeys[i], c2[k] = t->bcount[i];
      }
    free(t->bkeys), free(t->bcount);
    t->bkeys = k2, t->bcount = c2, t->nbslots = ns;
  }
  uint64_t key = (uint64_t)a << 32 | b;
  size_t k = mix64(key) & (t->nbslots - 1);
  while (t->bkeys[k] && t->bkeys[k] != key)
    k = (k + 1) & (t->nbslots - 1);
  if (!t->bkeys[k])
    t->bkeys[k] = key, t->nb++;
  t->bcount[k] += inc;
  t->nbigrams += inc;
  return PADAN_OK;
}

static uint32_t big_count(const padan_terms *t, uint32_t a, uint32_t b) {
  if (!t->nbslots)
    return 0;
  uint64_t key = (uint64_t)a << 32 | b;
  size_t k = mix64(key) & (t->nbslots - 1);
  while (t->bkeys[k] && t->bkeys[k] != key)
    k = (k + 1) & (t->nbslots - 1);
  return t->bkeys[k] ? t->bcount[k] : 0;
}

/* ------------------------------------------------------------ counting */

/* A short snippet of the sentence around [s, e), whitespace made single spaces. */
static int keep_context(padan_terms *t, const char *text, const padan_sentence *sn, size_t s,
                        size_t e, uint32_t *out) {
  size_t half = (size_t)t->opt.context_bytes / 2;
  size_t from = s > sn->start + half ? s - half : sn->start;
  size_t to = e + half < sn->end ? e + half : sn->end;
  if (from > sn->start) { /* start after a space */
    size_t f = from;
    while (f < s && text[f] != ' ' && text[f] != '\n')
      f++;
    from = f < s ? f + 1 : from;
  }
  if (to < sn->end) {
    size_t k = to;
    while (k > e && text[k] != ' ' && text[k] != '\n')
      k--;
    to = k > e ? k : to;
  }
  while (from < s && ((unsigned char)text[from] & 0xC0) == 0x80)
    from++;
  while (to > e && to < sn->end && ((unsigned char)text[to] & 0xC0) == 0x80)
    to--;
  char *c = pd_arena_alloc(&t->ctxarena, to - from + 1);
  t->ctxbytes += to - from + 1 + sizeof(char *);
  if (!c)
    return PADAN_ENOMEM;
  size_t o = 0;
  for (size_t i = from; i < to; i++) {
    char ch = text[i];
    if (ch == '\n' || ch == '\t' || ch == '\r')
      ch = ' ';
    if (ch == ' ' && (o == 0 || c[o - 1] == ' '))
      continue;
    c[o++] = ch;
  }
  while (o && c[o - 1] == ' ')
    o--;
  c[o] = 0;
  if (t->nctx == t->ctxcap) {
    size_t nc = t->ctxcap ? t->ctxcap * 2 : 1024;
    const char **p = realloc(t->ctxs, nc * sizeof *p);
    if (!p)
      return PADAN_ENOMEM;
    t->ctxs = p, t->ctxcap = nc;
  }
  t->ctxs[t->nctx++] = c;
  *out = (uint32_t)t->nctx;
  return PADAN_OK;
}

#define MAXRUN 512
/* a held-back sentence longer than this is counted without its continuation */
#define PD_TERMS_CARRY_MAX ((size_t)4 << 20)
#define CTX_BUDGET ((size_t)32 << 20)

typedef struct {
  uint32_t id[MAXRUN];
  uint8_t cap[MAXRUN], ss[MAXRUN], stop[MAXRUN];
  size_t st[MAXRUN], en[MAXRUN];
  size_t n;
} pd_run;

static int emit(padan_terms *t, const char *text, const padan_sentence *sn, const pd_run *r,
                size_t i, size_t j, int allcap, int title) {
  pd_ng *g;
  int rc = ng_add(t, r->id + i, j - i + 1, &g);
  if (rc)
    return rc;
  g->freq++;
  if (g->lastdoc != t->ndocs)
    g->lastdoc = (uint32_t)t->ndocs, g->docs++;
  if (t->glast[g->gid] != t->ndocs)
    t->glast[g->gid] = (uint32_t)t->ndocs, t->gdocs[g->gid]++;
  if (!r->ss[i] && !title) {
    g->mid++;
    if (allcap)
      g->capmid++;
  }
  /* one context per candidate: from its first occurrence while the budget
   * lasts, then only for candidates that reach the frequency threshold */
  unsigned at = t->opt.min_freq > 1 ? t->opt.min_freq : 1;
  if (t->ctxbytes < CTX_BUDGET)
    at = 1;
  if (g->freq >= at && !g->ctx)
    rc = keep_context(t, text, sn, r->st[i], r->en[j], &g->ctx);
  return rc;
}

static int process_run(padan_terms *t, const char *text, const padan_sentence *sn, pd_run *r,
                       int title) {
  size_t m = r->n;
  int rc = PADAN_OK;
  for (size_t k = 0; k < m; k++) {
    t->wi[r->id[k]].count++;
    t->ntokens++;
    if (k + 1 < m && (rc = big_add(t, r->id[k], r->id[k + 1], 1)))
      return rc;
    if (k + 1 < m && r->cap[k] && r->cap[k + 1] && !title) {
      t->wi[r->id[k]].capnext++;
    }
    int stop = (t->wi[r->id[k]].cls & W_STOP) != 0;
    /* a capitalized stop word inside a name (Perang Dunia Kedua) is part of it */
    if (stop && r->cap[k] && !r->ss[k] && !title && k > 0 && r->cap[k - 1])
      stop = 0;
    r->stop[k] = (uint8_t)stop;
  }
  size_t maxw = (size_t)t->opt.max_words;
  for (size_t i = 0; i < m; i++) {
    if (r->stop[i])
      continue;
    int hcls = t->wi[r->id[i]].cls;
    int namecap_i = r->cap[i] && !r->ss[i] && !title;
    if ((hcls & (W_VERB | W_VHEAD | W_GENERAL)) && !namecap_i)
      continue;
    int conn = 0;
    size_t connpos = 0;
    int allgen = 1, allcap = 1;
    for (size_t j = i; j < m && j - i < maxw + (conn ? 1 : 0); j++) {
      int cls = t->wi[r->id[j]].cls;
      if (j > i && r->stop[j]) {
        if (!conn && (cls & (W_AND | W_YANG)) && !r->cap[j]) {
          conn = cls & W_AND ? W_AND : W_YANG;
          connpos = j;
          allcap = 0;
          continue;
        }
        break;
      }
      if ((cls & W_VERB) && !(r->cap[j] && !title))
        break;
      if (!r->cap[j])
        allcap = 0;
      if (!(cls & W_GENERAL))
        allgen = 0;
      if (conn) {
        if (j != connpos + 1 || r->cap[j] || (cls & W_VHEAD))
          break;
        if (conn == W_AND && (connpos != i + 1 || r->cap[i]))
          break;
        if (conn == W_YANG && connpos - i < 2)
          break;
      }
      int genend = ((cls & W_GENERAL) && !(r->cap[j] && !title)) ||
                   (j == i && (cls & W_COMMON) && !(r->cap[j] && !r->ss[j] && !title));
      if (!allgen && !genend && (rc = emit(t, text, sn, r, i, j, allcap, title)))
        return rc;
      if (conn)
        break;
    }
  }
  return PADAN_OK;
}

static int word_like(const padan_token *tk) {
  return (tk->kind == PADAN_TOK_WORD || tk->kind == PADAN_TOK_ACRONYM) &&
         !(tk->flags & PADAN_TF_DIGIT);
}

/* Counts the sentences of text[0..len): all of them when final, else the
 * final ones (pd_final_sentences), as the rest may change with the next piece
 * (held-back text over PD_TERMS_CARRY_MAX is counted anyway). *used receives
 * how many bytes were counted: the rest is held back. */
static int count_text(padan_terms *t, const char *text, size_t len, int final, size_t *used) {
  padan_tokens_clear(&t->toks);
  *used = 0;
  int rc = padan_tokenize(t->tk, text, len, 0, 0, &t->toks);
  if (rc)
    return rc;
  size_t nsent = final ? t->toks.nsent : pd_final_sentences(&t->toks, text);
  *used = nsent < t->toks.nsent ? t->toks.sent[nsent].start : len;
  if (!final && nsent == 0 && len <= PD_TERMS_CARRY_MAX) {
    *used = 0;
    return PADAN_OK;
  }
  if (!final && nsent == 0) /* a sentence over the limit: counted as it is */
    nsent = t->toks.nsent, *used = len;
  pd_run *r = malloc(sizeof *r);
  if (!r)
    return PADAN_ENOMEM;
  for (size_t s = 0; s < nsent && !rc; s++) {
    const padan_sentence *sn = &t->toks.sent[s];
    /* a title-case line (headline) says nothing about names */
    size_t nw = 0, ncap = 0;
    for (size_t k = sn->first; k < sn->first + sn->ntok; k++) {
      const padan_token *tk = &t->toks.tok[k];
      if (tk->kind == PADAN_TOK_WORD) {
        nw++;
        ncap += (tk->flags & PADAN_TF_CAP) != 0;
      }
    }
    int title = nw >= 4 && ncap * 10 >= nw * 7;
    r->n = 0;
    for (size_t k = sn->first; k <= sn->first + sn->ntok && !rc; k++) {
      const padan_token *tk = k < sn->first + sn->ntok ? &t->toks.tok[k] : NULL;
      if (tk && word_like(tk) && r->n < MAXRUN) {
        size_t q = r->n++;
        if ((rc = word_id(t, text, tk, &r->id[q])))
          break;
        r->cap[q] = (tk->flags & (PADAN_TF_CAP | PADAN_TF_ALLCAPS)) != 0;
        r->ss[q] = (tk->flags & PADAN_TF_SENT_START) != 0 || k == sn->first;
        r->st[q] = tk->start;
        r->en[q] = tk->start + tk->len;
        continue;
      }
      if (r->n)
        rc = process_run(t, text, sn, r, title);
      r->n = 0;
    }
  }
  free(r);
  return rc;
}

int padan_terms_add_piece(padan_terms *t, const char *text, size_t len) {
  if (!t || (!text && len))
    return PADAN_EARG;
  if (!t->indoc) {
    t->indoc = 1;
    t->ndocs++;
    pd_buf_clear(&t->doc);
  }
  if (len && pd_buf_append(&t->doc, text, len))
    return PADAN_ENOMEM;
  size_t used = 0;
  int rc = count_text(t, t->doc.p ? t->doc.p : "", t->doc.len, 0, &used);
  if (used) {
    memmove(t->doc.p, t->doc.p + used, t->doc.len - used);
    t->doc.len -= used;
    t->doc.p[t->doc.len] = '\0';
  }
  return rc;
}

int padan_terms_end_doc(padan_terms *t) {
  if (!t)
    return PADAN_EARG;
  if (!t->indoc) {
    t->ndocs++; /* an empty document */
    return PADAN_OK;
  }
  size_t used;
  int rc = count_text(t, t->doc.p ? t->doc.p : "", t->doc.len, 1, &used);
  t->indoc = 0;
  pd_buf_clear(&t->doc);
  return rc;
}

int padan_terms_add(padan_terms *t, const char *text, size_t len) {
  if (!t || (!text && len))
    return PADAN_EARG;
  int rc = t->indoc ? padan_terms_end_doc(t) : PADAN_OK;
  if (rc)
    return rc;
  t->ndocs++;
  size_t used;
  return count_text(t, text ? text : "", len, 1, &used);
}

/* ------------------------------------------------------------ scoring */

static double xlogx(double k) { return k > 0 ? k * log(k) : 0; }

/* Dunning's log-likelihood ratio G2 for a 2x2 table. */
static double g2(double k11, double ca, double cb, double n) {
  double k12 = ca - k11, k21 = cb - k11, k22 = n - ca - cb + k11;
  if (k12 < 0)
    k12 = 0;
  if (k21 < 0)
    k21 = 0;
  if (k22 < 0)
    k22 = 0;
  double r = xlogx(k11) + xlogx(k12) + xlogx(k21) + xlogx(k22) - xlogx(k11 + k12) -
             xlogx(k21 + k22) - xlogx(k11 + k21) - xlogx(k12 + k22) + xlogx(k11 + k12 + k21 + k22);
  return r > 0 ? 2 * r : 0;
}

typedef struct {
  uint32_t g;
  double score, cv, assoc, spec;
  const char *text;
} pd_cand;

static int cand_cmp(const void *a, const void *b) {
  const pd_cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp(x->text, y->text);
}

/* Surface text of entry e: its words joined by spaces, into b. */
static int ng_text(const padan_terms *t, const pd_ng *g, pd_buf *b) {
  int rc = 0;
  for (size_t k = 0; k < g->n; k++) {
    size_t l;
    const char *s = pd_strmap_str(&t->words, t->pool[g->off + k], &l);
    if (k)
      rc |= pd_buf_putc(b, ' ');
    rc |= pd_buf_append(b, s, l);
  }
  return rc ? PADAN_ENOMEM : PADAN_OK;
}

static int rank_impl(padan_terms *t, uint32_t *nextv, double *nested, uint32_t *ncont,
                     uint32_t *maxc, uint64_t *foldc);

int padan_terms_rank(padan_terms *t, const padan_term **terms, size_t *n) {
  *terms = NULL, *n = 0;
  if (t->indoc) {
    int rc0 = padan_terms_end_doc(t);
    if (rc0)
      return rc0;
  }
  pd_arena_free(&t->resarena);
  pd_arena_init(&t->resarena);
  free(t->res);
  t->res = NULL, t->nres = 0;
  size_t ne = t->nng ? t->nng : 1;
  uint32_t *nextv = calloc(ne, sizeof *nextv);
  double *nested = calloc(ne, sizeof *nested);
  uint32_t *ncont = calloc(ne, sizeof *ncont);
  uint32_t *maxc = calloc(ne, sizeof *maxc);
  uint64_t *foldc = calloc(pd_strmap_count(&t->folds) + 1, sizeof *foldc);
  int rc = PADAN_ENOMEM;
  if (nextv && nested && ncont && maxc && foldc)
    rc = rank_impl(t, nextv, nested, ncont, maxc, foldc);
  free(nextv), free(nested), free(ncont), free(maxc), free(foldc);
  if (!rc)
    *terms = t->res, *n = t->nres;
  return rc;
}

static int rank_impl(padan_terms *t, uint32_t *nextv, double *nested, uint32_t *ncont,
                     uint32_t *maxc, uint64_t *foldc) {
  size_t nwords = pd_strmap_count(&t->words);
  for (uint32_t w = 1; w <= nwords; w++)
    foldc[t->wi[w].fold] += t->wi[w].count;
  unsigned long long ntok = t->ntokens ? t->ntokens : 1;

  /* nesting: every contiguous sub-n-gram of a longer candidate */
  uint32_t minb = t->nng > 2000000 ? 2 : 1;
  for (size_t e = 0; e < t->nng; e++) {
    const pd_ng *b = &t->ng[e];
    if (b->n < 2 || b->freq < minb)
      continue;
    const uint32_t *ids = t->pool + b->off;
    for (size_t len = 1; len < b->n; len++)
      for (size_t s = 0; s + len <= b->n; s++) {
        long a = ng_find(t, ids + s, len, ids_hash(ids + s, len));
        if (a < 0)
          continue;
        nested[a] += b->freq;
        ncont[a]++;
        if (b->freq > maxc[a])
          maxc[a] = b->freq;
      }
  }

  /* groups by the joined lemma keys (ids given as the n-grams were added) */
  pd_vec groups;
  pd_vec_init(&groups, sizeof(pd_group));
  int rc = PADAN_OK;
  for (size_t k = 0; k < pd_strmap_count(&t->gmap) && !rc; k++) {
    pd_group *ng = pd_vec_push(&groups);
    if (!ng)
      rc = PADAN_ENOMEM;
    else
      ng->best = UINT32_MAX, ng->docs = t->gdocs[k + 1];
  }
  for (size_t e = 0; e < t->nng && !rc; e++) {
    const pd_ng *g = &t->ng[e];
    uint32_t gid = g->gid;
    if (PD_VEC_AT(&groups, pd_group, gid - 1).best == UINT32_MAX)
      PD_VEC_AT(&groups, pd_group, gid - 1).best = (uint32_t)e;
    pd_group *gr = &PD_VEC_AT(&groups, pd_group, gid - 1);
    nextv[e] = gr->head;
    gr->head = (uint32_t)e + 1;
    gr->freq += g->freq;
    gr->mid += g->mid;
    gr->capmid += g->capmid;
    gr->nested += nested[e];
    gr->ncont += ncont[e];
    gr->maxc += maxc[e]; /* Il Sung inside Kim Il Sung and Il-sung inside Kim Il-sung */
    const pd_ng *bg = &t->ng[gr->best];
    if (g->freq > bg->freq) {
      gr->best = (uint32_t)e;
    } else if (g->freq == bg->freq && g->mid > bg->mid) {
      gr->best = (uint32_t)e; /* prefer forms seen inside sentences over capitalized starts */
    } else if (g->freq == bg->freq && g->mid == bg->mid && (size_t)e != gr->best) {
      pd_buf a, b;
      pd_buf_init(&a), pd_buf_init(&b);
      rc = ng_text(t, g, &a) | ng_text(t, bg, &b);
      if (!rc && strcmp(a.p, b.p) < 0)
        gr->best = (uint32_t)e;
      pd_buf_free(&a), pd_buf_free(&b);
    }
  }

  /* scores */
  pd_vec cands;
  pd_vec_init(&cands, sizeof(pd_cand));
  pd_buf txt;
  pd_buf_init(&txt);
  double nbig = t->nbigrams ? (double)t->nbigrams : 1;
  /* specificity is relative: centre it on the token-weighted mean over the
   * corpus's content words seen twice or more (a small corpus makes every
   * word look rarer in the reference) */
  double spec0 = 2;
  if (t->have_ref) {
    double sum = 0, wsum = 0;
    size_t nf = pd_strmap_count(&t->folds);
    uint8_t *stopf = calloc(nf + 1, 1);
    if (!stopf)
      rc = PADAN_ENOMEM;
    for (uint32_t w = 1; stopf && w <= nwords; w++)
      if (t->wi[w].cls & (W_STOP | W_GENERAL))
        stopf[t->wi[w].fold] = 1;
    for (uint32_t f = 1; stopf && f <= nf; f++) {
      if (stopf[f] || foldc[f] < 2)
        continue;
      size_t fl;
      const char *fs = pd_strmap_str(&t->folds, f, &fl);
      uint32_t rid = pd_strmap_find(&t->ref, fs, fl);
      double rc2 = rid && rid < t->refcap ? (double)t->refc[rid] : 0;
      double pc = ((double)foldc[f] + 0.5) / (double)ntok;
      double pr = (rc2 + 0.5) / ((double)t->reftotal + 1);
      sum += (double)foldc[f] * log2(pc / pr);
      wsum += (double)foldc[f];
    }
    free(stopf);
    if (wsum > 0)
      spec0 = sum / wsum;
  }
  for (size_t gi = 0; gi < groups.n && !rc; gi++) {
    pd_group *gr = &PD_VEC_AT(&groups, pd_group, gi);
    if (gr->freq < t->opt.min_freq || gr->freq == 0)
      continue;
    const pd_ng *b = &t->ng[gr->best];
    const uint32_t *ids = t->pool + b->off;
    size_t nw = b->n;
    /* C-value, the nested part taken from the most frequent container (of each variant) */
    double f = gr->freq;
    double cv = log2((double)nw + 1) * (f - (gr->ncont ? (double)gr->maxc : 0));
    if (cv <= 0)
      continue;
    /* association: the weakest adjacent link between content words */
    double assoc = 0;
    int have = 0;
    for (size_t k = 0; k + 1 < nw; k++) {
      const pd_wi *x = &t->wi[ids[k]], *y = &t->wi[ids[k + 1]];
      if ((x->cls & W_STOP) || (y->cls & W_STOP))
        continue;
      double v = g2(big_count(t, ids[k], ids[k + 1]), x->count, y->count, nbig);
      if (!have || v < assoc)
        assoc = v, have = 1;
    }
    if (!have && nw > 1)
      assoc = g2(f, t->wi[ids[0]].count, t->wi[ids[nw - 1]].count, nbig);
    /* specificity against the reference: mean log2 ratio of the content words */
    double spec = 0;
    if (t->have_ref) {
      int nc = 0;
      for (size_t k = 0; k < nw; k++) {
        const pd_wi *x = &t->wi[ids[k]];
        if (x->cls & W_STOP)
          continue;
        size_t fl;
        const char *fs = pd_strmap_str(&t->folds, x->fold, &fl);
        uint32_t rid = pd_strmap_find(&t->ref, fs, fl);
        double rc2 = rid && rid < t->refcap ? (double)t->refc[rid] : 0;
        double pc = ((double)foldc[x->fold] + 0.5) / (double)ntok;
        double pr = (rc2 + 0.5) / ((double)t->reftotal + 1);
        spec += log2(pc / pr);
        nc++;
      }
      spec = nc ? spec / nc : 0;
    }
    int name = gr->mid ? gr->capmid * 2 > gr->mid : 0;
    /* a chain of two names (Presiden Rusia + Vladimir Putin, Korea Utara + Kim)
     * is two terms, not one */
    double chain = 1;
    for (size_t k = 1; name && k < nw && chain == 1; k++) {
      long a = ng_find(t, ids, k, ids_hash(ids, k));
      long z = ng_find(t, ids + k, nw - k, ids_hash(ids + k, nw - k));
      if (a < 0 || z < 0)
        continue;
      const pd_ng *ga = &t->ng[a], *gz = &t->ng[z];
      int title = k == 1 && (t->wi[ids[0]].cls & W_COMMON); /* Presiden Rusia */
      /* each part must live mostly on its own (Uni of Uni Eropa does not) */
      const pd_wi *wa = &t->wi[ids[k - 1]];
      int alone = wa->capnext * 10 < wa->count * 7; /* not a name prefix like Uni, Gedung */
      if (!title && alone && ga->freq > b->freq && gz->freq > b->freq &&
          ga->capmid * 2 > ga->mid &&
          gz->capmid * 2 > gz->mid)
        chain = 0.3;
    }
    double af;
    if (nw > 1) {
      af = 1 - 0.5 * exp(-assoc / 30);
    } else {
      const pd_wi *x = &t->wi[ids[0]];
      af = (name || (x->cls & W_NOUN)) ? 0.5 : 0.35;
    }
    double docs = gr->docs;
    double df = 1 + 0.5 * log2(docs > 1 ? docs : 1);
    double sf = t->have_ref ? 2 / (1 + exp(-(spec - spec0) / 1.5)) : 1;
    if (nw > 1) {
      /* "kunjungan Putin": a common noun owned by a name is rarely a term */
      const char *w0 = pd_strmap_str(&t->words, ids[0], NULL);
      const char *wl = pd_strmap_str(&t->words, ids[nw - 1], NULL);
      int namegroup = gr->mid ? gr->capmid * 2 > gr->mid : 0;
      (void)w0;
      if (!namegroup && wl[0] >= 'A' && wl[0] <= 'Z')
        sf *= 0.45;
    }
    pd_cand *c = pd_vec_push(&cands);
    if (!c) {
      rc = PADAN_ENOMEM;
      break;
    }
    pd_buf_clear(&txt);
    if ((rc = ng_text(t, b, &txt)))
      break;
    c->g = (uint32_t)gi;
    c->cv = cv, c->assoc = assoc, c->spec = spec;
    c->score = cv * af * df * sf * chain;
    c->score = round(c->score * 1e6) / 1e6; /* stable ties across platforms */
    c->text = pd_arena_strndup(&t->resarena, txt.p, txt.len);
    if (!c->text) {
      rc = PADAN_ENOMEM;
      break;
    }
  }
  if (!rc && cands.n)
    qsort(cands.p, cands.n, sizeof(pd_cand), cand_cmp);
  size_t keep = cands.n;
  if (t->opt.top && keep > t->opt.top)
    keep = t->opt.top;
  if (!rc && keep) {
    t->res = calloc(keep, sizeof *t->res);
    if (!t->res)
      rc = PADAN_ENOMEM;
  }
  for (size_t i = 0; i < keep && !rc; i++) {
    const pd_cand *c = &PD_VEC_AT(&cands, pd_cand, i);
    const pd_group *gr = &PD_VEC_AT(&groups, pd_group, c->g);
    padan_term *r = &t->res[i];
    const pd_ng *b = &t->ng[gr->best];
    r->term = c->text;
    r->score = c->score;
    r->cvalue = c->cv;
    r->assoc = c->assoc;
    r->spec = c->spec;
    r->freq = gr->freq;
    r->docs = gr->docs;
    r->nwords = b->n;
    if (gr->mid)
      r->kind = gr->capmid * 2 > gr->mid ? PADAN_TERM_NAME : PADAN_TERM_TERM;
    else {
      /* only seen at sentence starts: a name when every word is capitalized after the first */
      int allcap = b->n > 1;
      for (size_t k = 1; k < b->n; k++) {
        const char *s = pd_strmap_str(&t->words, t->pool[b->off + k], NULL);
        unsigned char ch = (unsigned char)s[0];
        if (!(ch >= 'A' && ch <= 'Z'))
          allcap = 0;
      }
      r->kind = allcap ? PADAN_TERM_NAME : PADAN_TERM_TERM;
    }
    /* variants, most frequent first, ties by text */
    size_t nv = 0;
    for (uint32_t e = gr->head; e; e = nextv[e - 1])
      nv++;
    const char **vs = pd_arena_alloc(&t->resarena, nv * sizeof *vs);
    unsigned long *vf = pd_arena_alloc(&t->resarena, nv * sizeof *vf);
    if (!vs || !vf) {
      rc = PADAN_ENOMEM;
      break;
    }
    size_t q = 0;
    const char *ctx = NULL;
    unsigned long ctxf = 0;
    for (uint32_t e = gr->head; e && !rc; e = nextv[e - 1]) {
      const pd_ng *g = &t->ng[e - 1];
      pd_buf_clear(&txt);
      rc = ng_text(t, g, &txt);
      /* insertion keeps the order: freq desc, text asc */
      const char *s = rc ? NULL : pd_arena_strndup(&t->resarena, txt.p, txt.len);
      if (!s) {
        rc = PADAN_ENOMEM;
        break;
      }
      size_t p = q;
      while (p > 0 && (vf[p - 1] < g->freq || (vf[p - 1] == g->freq && strcmp(vs[p - 1], s) > 0))) {
        vs[p] = vs[p - 1], vf[p] = vf[p - 1];
        p--;
      }
      vs[p] = s, vf[p] = g->freq;
      q++;
      if (g->ctx && (g->freq > ctxf || (g->freq == ctxf && e - 1 == gr->best))) {
        ctx = t->ctxs[g->ctx - 1];
        ctxf = g->freq;
      }
    }
    /* the naming form first */
    for (size_t p = 0; p < q; p++)
      if (strcmp(vs[p], r->term) == 0) {
        const char *s0 = vs[p];
        unsigned long f0 = vf[p];
        for (; p > 0; p--)
          vs[p] = vs[p - 1], vf[p] = vf[p - 1];
        vs[0] = s0, vf[0] = f0;
        break;
      }
    if (t->ng[gr->best].ctx)
      ctx = t->ctxs[t->ng[gr->best].ctx - 1];
    r->variants = vs;
    r->variant_freq = vf;
    r->nvariants = q;
    r->context = ctx ? ctx : "";
  }
  if (!rc)
    t->nres = keep;
  else {
    free(t->res);
    t->res = NULL;
  }
  pd_buf_free(&txt);
  pd_vec_free(&cands);
  pd_vec_free(&groups);
  return rc;
}

/* ------------------------------------------------------------ counts */

typedef struct {
  const char *w;
  size_t len;
  uint64_t c;
} pd_wc;

static int wc_cmp(const void *a, const void *b) {
  const pd_wc *x = a, *y = b;
  if (x->c != y->c)
    return x->c > y->c ? -1 : 1;
  return strcmp(x->w, y->w);
}

int padan_terms_write_counts(padan_terms *t, FILE *fp) {
  if (t->indoc) {
    int rc0 = padan_terms_end_doc(t);
    if (rc0)
      return rc0;
  }
  size_t nf = pd_strmap_count(&t->folds);
  uint64_t *c = calloc(nf + 1, sizeof *c);
  pd_wc *v = calloc(nf + 1, sizeof *v);
  if (!c || !v) {
    free(c), free(v);
    return PADAN_ENOMEM;
  }
  size_t nwords = pd_strmap_count(&t->words);
  for (uint32_t w = 1; w <= nwords; w++)
    c[t->wi[w].fold] += t->wi[w].count;
  size_t n = 0;
  for (uint32_t f = 1; f <= nf; f++)
    if (c[f]) {
      v[n].w = pd_strmap_str(&t->folds, f, &v[n].len);
      v[n].c = c[f];
      n++;
    }
  qsort(v, n, sizeof *v, wc_cmp);
  fputs("#word\tcount\n", fp);
  for (size_t i = 0; i < n; i++) {
    fwrite(v[i].w, 1, v[i].len, fp);
    fprintf(fp, "\t%llu\n", (unsigned long long)v[i].c);
  }
  free(c), free(v);
  return ferror(fp) ? PADAN_EIO : PADAN_OK;
}

/* ------------------------------------------------------------ mergeable state */

/* Format (UTF-8 text, one record a line, TAB-separated; no field holds a TAB):
 *   #padan-terms-counts 2
 *   D  docs  tokens  pairs
 *   W  id  count  class  capnext  surface (word types; ids local to the file;
 *                                          version 1 had no capnext)
 *   N  freq  docs  mid  capmid  ids  [context]   (ids space-separated)
 *   B  id  id  count                      (adjacent word pairs)
 *   G  n  docs                            (document frequency of the variant group
 *                                          of the n-th N record) */
int padan_terms_write_state(padan_terms *t, FILE *fp) {
  if (t->indoc) {
    int rc0 = padan_terms_end_doc(t);
    if (rc0)
      return rc0;
  }
  fprintf(fp, "#padan-terms-counts\t2\nD\t%zu\t%llu\t%llu\n", t->ndocs, t->ntokens, t->nbigrams);
  size_t nw = pd_strmap_count(&t->words);
  for (uint32_t w = 1; w <= nw; w++) {
    size_t l;
    const char *s = pd_strmap_str(&t->words, w, &l);
    fprintf(fp, "W\t%u\t%u\t%u\t%u\t", w, t->wi[w].count, (unsigned)t->wi[w].cls,
            t->wi[w].capnext);
    fwrite(s, 1, l, fp);
    putc('\n', fp);
  }
  for (size_t e = 0; e < t->nng; e++) {
    const pd_ng *g = &t->ng[e];
    fprintf(fp, "N\t%u\t%u\t%u\t%u\t", g->freq, g->docs, g->mid, g->capmid);
    for (size_t k = 0; k < g->n; k++)
      fprintf(fp, k ? " %u" : "%u", t->pool[g->off + k]);
    if (g->ctx)
      fprintf(fp, "\t%s", t->ctxs[g->ctx - 1]);
    putc('\n', fp);
  }
  for (size_t i = 0; i < t->nbslots; i++)
    if (t->bkeys[i])
      fprintf(fp, "B\t%u\t%u\t%u\n", (uint32_t)(t->bkeys[i] >> 32), (uint32_t)t->bkeys[i],
              t->bcount[i]);
  size_t ng = pd_strmap_count(&t->gmap);
  uint8_t *seen = calloc(ng + 1, 1);
  if (!seen)
    return PADAN_ENOMEM;
  for (size_t e = 0; e < t->nng; e++)
    if (!seen[t->ng[e].gid]) {
      seen[t->ng[e].gid] = 1;
      fprintf(fp, "G\t%zu\t%u\n", e + 1, t->gdocs[t->ng[e].gid]);
    }
  free(seen);
  return ferror(fp) ? PADAN_EIO : PADAN_OK;
}

/* Next TAB-separated field of [*p, e) as an unsigned number. */
static int field_num(const char **p, const char *e, unsigned long long *v) {
  const char *q = *p;
  unsigned long long x = 0;
  if (q >= e || !pd_is_ascii_digit((unsigned char)*q))
    return 0;
  while (q < e && pd_is_ascii_digit((unsigned char)*q))
    x = x * 10 + (unsigned long long)(*q++ - '0');
  if (q < e && *q != '\t' && *q != ' ')
    return 0;
  *p = q < e ? q + 1 : q;
  *v = x;
  return 1;
}

/* Merging one stream: word and N-record numbers are local to a section (one
 * --counts output); a header line starts the next section. */
typedef struct {
  pd_vec map;  /* file word id -> our id */
  pd_vec nmap; /* N record number -> our entry */
  size_t ndocs0;
  int version; /* of the section's header */
} pd_merge;

static int keep_ctx(padan_terms *t, const char *p, size_t n, uint32_t *out) {
  char *ctx = pd_arena_strndup(&t->ctxarena, p, n);
  if (!ctx)
    return PADAN_ENOMEM;
  if (t->nctx == t->ctxcap) {
    size_t nc = t->ctxcap ? t->ctxcap * 2 : 1024;
    const char **q2 = realloc(t->ctxs, nc * sizeof *q2);
    if (!q2)
      return PADAN_ENOMEM;
    t->ctxs = q2, t->ctxcap = nc;
  }
  t->ctxs[t->nctx++] = ctx;
  *out = (uint32_t)t->nctx;
  return PADAN_OK;
}

/* 1 when s[0..n) can be a last text field: valid UTF-8 without TAB (another
 * field) or other control characters (no writer puts them there). */
static int plain_field(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
      return 0;
  return pd_utf8_valid_prefix(s, n) == n;
}

/* One record line s[0..n) (no LF). Returns a status; *why names a format error. */
static int merge_line(padan_terms *t, pd_merge *m, const char *s, size_t n, const char **why) {
  const char *e = s + n, *p = s + 2;
  unsigned long long a, b, c, d, cn = 0;
  uint32_t ids[8];
  if (n < 2 || s[1] != '\t') {
    *why = "malformed record";
  } else if (s[0] == 'D') {
    if (!field_num(&p, e, &a) || !field_num(&p, e, &b) || !field_num(&p, e, &c) || p < e)
      *why = "malformed D record";
    else
      t->ndocs += a, t->ntokens += b, t->nbigrams += c;
  } else if (s[0] == 'W') {
    if (!field_num(&p, e, &a) || !field_num(&p, e, &b) || !field_num(&p, e, &c) ||
        (m->version >= 2 && !field_num(&p, e, &cn)) || p >= e || a != m->map.n + 1 ||
        memchr(p, '\t', (size_t)(e - p)) ||
        pd_utf8_valid_prefix(p, (size_t)(e - p)) != (size_t)(e - p)) {
      *why = "malformed W record";
      return PADAN_OK;
    }
    uint32_t id;
    int isnew;
    int rc = word_raw(t, p, (size_t)(e - p), &id, &isnew);
    if (rc)
      return rc;
    if (isnew)
      t->wi[id].cls = (uint16_t)c;
    t->wi[id].count += (uint32_t)b;
    t->wi[id].capnext += (uint32_t)cn;
    uint32_t *slot = pd_vec_push(&m->map);
    if (!slot)
      return PADAN_ENOMEM;
    *slot = id;
  } else if (s[0] == 'N') {
    if (!field_num(&p, e, &a) || !field_num(&p, e, &b) || !field_num(&p, e, &c) ||
        !field_num(&p, e, &d)) {
      *why = "malformed N record";
      return PADAN_OK;
    }
    size_t k = 0;
    while (p < e && *p != '\t') {
      unsigned long long x;
      const char *q = p;
      while (q < e && pd_is_ascii_digit((unsigned char)*q))
        q++;
      int last = q >= e || *q == '\t';
      /* max_words (at most 6) plus a connector (dan, yang) */
      if (k >= 7 || !field_num(&p, e, &x) || x == 0 || x > m->map.n) {
        *why = "malformed N record";
        return PADAN_OK;
      }
      ids[k++] = PD_VEC_AT(&m->map, uint32_t, x - 1);
      if (last)
        break;
    }
    if (k == 0) {
      *why = "malformed N record";
      return PADAN_OK;
    }
    /* the context is the last field: a TAB in it is an extra field (the
     * ids of a second list, junk), a control character or bad UTF-8 junk */
    if (p < e && !plain_field(p, (size_t)(e - p))) {
      *why = "malformed N record: more fields than freq docs mid capmid ids context, or a "
             "control character or invalid UTF-8 in the context";
      return PADAN_OK;
    }
    pd_ng *g;
    uint32_t *slot = pd_vec_push(&m->nmap);
    if (!slot)
      return PADAN_ENOMEM;
    int rc = ng_add(t, ids, k, &g);
    if (rc)
      return rc;
    *slot = (uint32_t)(g - t->ng);
    g->freq += (uint32_t)a, g->docs += (uint32_t)b, g->mid += (uint32_t)c,
        g->capmid += (uint32_t)d;
    g->lastdoc = (uint32_t)m->ndocs0; /* documents of different shards are different */
    if (p < e && !g->ctx)
      return keep_ctx(t, p, (size_t)(e - p), &g->ctx);
  } else if (s[0] == 'B') {
    if (!field_num(&p, e, &a) || !field_num(&p, e, &b) || !field_num(&p, e, &c) || p < e ||
        a == 0 || b == 0 || a > m->map.n || b > m->map.n) {
      *why = "malformed B record";
      return PADAN_OK;
    }
    uint32_t x = PD_VEC_AT(&m->map, uint32_t, a - 1), y = PD_VEC_AT(&m->map, uint32_t, b - 1);
    unsigned long long before = t->nbigrams;
    int rc = big_add(t, x, y, (uint32_t)c);
    t->nbigrams = before; /* the D record carries the total */
    return rc;
  } else if (s[0] == 'G') {
    if (!field_num(&p, e, &a) || !field_num(&p, e, &b) || p < e || a == 0 || a > m->nmap.n) {
      *why = "malformed G record";
      return PADAN_OK;
    }
    t->gdocs[t->ng[PD_VEC_AT(&m->nmap, uint32_t, a - 1)].gid] += (uint32_t)b;
  } else {
    *why = "unknown record";
  }
  return PADAN_OK;
}

int padan_terms_merge_stream(padan_terms *t, FILE *fp, const char *name) {
  if (!t || !fp)
    return PADAN_EARG;
  if (!name)
    name = "(counts)";
  if (t->indoc) {
    int rc0 = padan_terms_end_doc(t);
    if (rc0)
      return rc0;
  }
  pd_merge m;
  pd_vec_init(&m.map, sizeof(uint32_t));
  pd_vec_init(&m.nmap, sizeof(uint32_t));
  m.ndocs0 = t->ndocs;
  m.version = 2;
  long line = 0;
  const char *why = NULL;
  int rc = PADAN_OK;
  char *buf = NULL;
  size_t cap = 0;
  ssize_t got = 0;
  while (!rc && !why && (errno = 0, got = getline(&buf, &cap, fp)) >= 0) {
    size_t n = (size_t)got;
    line++;
    if (n && buf[n - 1] == '\n')
      n--;
    if (n && buf[n - 1] == '\r')
      n--; /* a copy with CRLF line ends */
    if (n >= 20 && memcmp(buf, "#padan-terms-counts\t", 20) == 0) {
      /* a section: the next --counts output of a concatenation */
      m.map.n = m.nmap.n = 0;
      m.ndocs0 = t->ndocs;
      m.version = n >= 21 && (n == 21 || buf[21] == '\t') ? buf[20] - '0' : 0;
      if (m.version != 1 && m.version != 2)
        why = "unsupported counts file version (this padan reads 1 and 2)";
      continue;
    }
    if (line == 1) {
      why = "not a padan terms counts file";
      break;
    }
    if (n == 0 || buf[0] == '#')
      continue;
    rc = merge_line(t, &m, buf, n, &why);
  }
  if (!rc && !why && ferror(fp)) {
    set_err(t, "%s: %s", name, 0, strerror(errno ? errno : EIO));
    rc = PADAN_EIO;
  }
  if (!rc && !why && got < 0 && errno == ENOMEM)
    rc = PADAN_ENOMEM;
  if (why && !rc) {
    set_err(t, "%s:%ld: %s", name, line, why);
    rc = PADAN_EFORMAT;
  }
  free(buf);
  pd_vec_free(&m.map);
  pd_vec_free(&m.nmap);
  return rc;
}

int padan_terms_merge_state(padan_terms *t, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    set_err(t, "%s: %s", path, 0, strerror(errno));
    return PADAN_EIO;
  }
  int rc = padan_terms_merge_stream(t, fp, path);
  fclose(fp);
  return rc;
}
