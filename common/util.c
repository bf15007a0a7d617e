#include "config.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <padan/common.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- pd_buf */

void pd_buf_init(pd_buf *b) { b->p = NULL, b->len = 0, b->cap = 0; }

void pd_buf_free(pd_buf *b) {
  free(b->p);
  pd_buf_init(b);
}

int pd_buf_reserve(pd_buf *b, size_t extra) {
  if (extra > SIZE_MAX - b->len - 1)
    return PADAN_ENOMEM;
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return PADAN_OK;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  if (pd_inject(PD_INJECT_ALLOC))
    return PADAN_ENOMEM;
  char *p = realloc(b->p, cap);
  if (!p)
    return PADAN_ENOMEM;
  b->p = p, b->cap = cap;
  return PADAN_OK;
}

int pd_buf_append(pd_buf *b, const char *s, size_t n) {
  if (pd_buf_reserve(b, n))
    return PADAN_ENOMEM;
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
  return PADAN_OK;
}

int pd_buf_puts(pd_buf *b, const char *s) { return pd_buf_append(b, s, strlen(s)); }

int pd_buf_putc(pd_buf *b, char c) { return pd_buf_append(b, &c, 1); }

int pd_buf_printf(pd_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return PADAN_EARG;
  if ((size_t)n < sizeof small)
    return pd_buf_append(b, small, (size_t)n);
  if (pd_buf_reserve(b, (size_t)n))
    return PADAN_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return PADAN_OK;
}

void pd_buf_clear(pd_buf *b) {
  b->len = 0;
  if (b->p)
    b->p[0] = '\0';
}

char *pd_buf_steal(pd_buf *b, size_t *len) {
  char *p = b->p;
  if (len)
    *len = b->len;
  if (!p)
    p = calloc(1, 1);
  pd_buf_init(b);
  return p;
}

/* ---------------------------------------------------------------- pd_vec */

void pd_vec_init(pd_vec *v, size_t elem_size) {
  v->p = NULL, v->n = 0, v->cap = 0, v->size = elem_size;
}

void pd_vec_free(pd_vec *v) {
  free(v->p);
  v->p = NULL, v->n = 0, v->cap = 0;
}

void *pd_vec_push(pd_vec *v) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    if (cap > SIZE_MAX / v->size || pd_inject(PD_INJECT_ALLOC))
      return NULL;
    void *p = realloc(v->p, cap * v->size);
    if (!p)
      return NULL;
    v->p = p, v->cap = cap;
  }
  void *e = (char *)v->p + v->n++ * v->size;
  memset(e, 0, v->size);
  return e;
}

/* -------------------------------------------------------------- pd_arena */

struct pd_arena_block {
  pd_arena_block *next;
  size_t used, size;
  _Alignas(8) char data[];
};

void pd_arena_init(pd_arena *a) { a->head = NULL; }

void pd_arena_free(pd_arena *a) {
  pd_arena_block *b = a->head;
  while (b) {
    pd_arena_block *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
}

void *pd_arena_alloc(pd_arena *a, size_t n) {
  n = (n + 7) & ~(size_t)7;
  pd_arena_block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t size = n > 65536 ? n : 65536;
    if (pd_inject(PD_INJECT_ALLOC))
      return NULL;
    pd_arena_block *nb = malloc(sizeof *nb + size);
    if (!nb)
      return NULL;
    nb->used = 0, nb->size = size;
    if (b && n > 65536 && b->size - b->used > 4096) {
      /* keep the partly used block in front for small allocations */
      nb->next = b->next;
      b->next = nb;
      nb->used = n;
      return nb->data;
    }
    nb->next = b;
    a->head = b = nb;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

char *pd_arena_strndup(pd_arena *a, const char *s, size_t n) {
  char *p = pd_arena_alloc(a, n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* ------------------------------------------------------------- pd_strmap */

uint32_t pd_hash(const void *s, size_t len) {
  /* FNV-1a, then a final avalanche so low bits spread well */
  const unsigned char *p = s;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ p[i]) * 16777619u;
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return h;
}

void pd_strmap_init(pd_strmap *m) {
  memset(m, 0, sizeof *m);
  pd_arena_init(&m->arena);
}

void pd_strmap_free(pd_strmap *m) {
  free(m->slots);
  free(m->strs);
  free(m->lens);
  free(m->hashes);
  pd_arena_free(&m->arena);
  pd_strmap_init(m);
}

static uint32_t strmap_lookup(const pd_strmap *m, const char *s, size_t len, uint32_t h,
                              size_t *slot) {
  size_t mask = m->nslots - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t id = m->slots[i];
    if (!id) {
      *slot = i;
      return 0;
    }
    if (m->hashes[id] == h && m->lens[id] == len && memcmp(m->strs[id], s, len) == 0) {
      *slot = i;
      return id;
    }
  }
}

static int strmap_grow(pd_strmap *m) {
  size_t ns = m->nslots ? m->nslots * 2 : 256;
  if (pd_inject(PD_INJECT_ALLOC))
    return PADAN_ENOMEM;
  uint32_t *slots = calloc(ns, sizeof *slots);
  if (!slots)
    return PADAN_ENOMEM;
  for (uint32_t id = 1; id <= m->n; id++) {
    size_t i = m->hashes[id] & (ns - 1);
    while (slots[i])
      i = (i + 1) & (ns - 1);
    slots[i] = id;
  }
  free(m->slots);
  m->slots = slots, m->nslots = ns;
  return PADAN_OK;
}

int pd_strmap_intern(pd_strmap *m, const char *s, size_t len, uint32_t *id) {
  if (len > UINT32_MAX)
    return PADAN_ELIMIT;
  if ((m->n + 1) * 4 >= m->nslots * 3 && strmap_grow(m))
    return PADAN_ENOMEM;
  uint32_t h = pd_hash(s, len);
  size_t slot;
  uint32_t found = strmap_lookup(m, s, len, h, &slot);
  if (found) {
    *id = found;
    return PADAN_OK;
  }
  if (m->n + 1 >= m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 256;
    if (pd_inject(PD_INJECT_ALLOC))
      return PADAN_ENOMEM;
    const char **strs = realloc(m->strs, cap * sizeof *strs);
    if (!strs)
      return PADAN_ENOMEM;
    m->strs = strs;
    uint32_t *lens = realloc(m->lens, cap * sizeof *lens);
    if (!lens)
      return PADAN_ENOMEM;
    m->lens = lens;
    uint32_t *hashes = realloc(m->hashes, cap * sizeof *hashes);
    if (!hashes)
      return PADAN_ENOMEM;
    m->hashes = hashes;
    m->cap = cap;
  }
  char *copy = pd_arena_strndup(&m->arena, s, len);
  if (!copy)
    return PADAN_ENOMEM;
  uint32_t nid = (uint32_t)++m->n;
  m->strs[nid] = copy, m->lens[nid] = (uint32_t)len, m->hashes[nid] = h;
  m->slots[slot] = nid;
  *id = nid;
  return PADAN_OK;
}

uint32_t pd_strmap_find(const pd_strmap *m, const char *s, size_t len) {
  if (!m->nslots || len > UINT32_MAX)
    return 0;
  size_t slot;
  return strmap_lookup(m, s, len, pd_hash(s, len), &slot);
}

const char *pd_strmap_str(const pd_strmap *m, uint32_t id, size_t *len) {
  if (!id || id > m->n) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = m->lens[id];
  return m->strs[id];
}

/* ----------------------------------------------------------------- UTF-8 */

int pd_utf8_next(const char *s, size_t len, int32_t *cp) {
  utf8proc_int32_t c;
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                        len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
  if (n <= 0) {
    *cp = -1;
    return 1;
  }
  *cp = c;
  return (int)n;
}

void pd_text_put(FILE *fp, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n; i++) {
    if (u[i] < 0x20 || u[i] == 0x7F) {
      putc(' ', fp);
    } else if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0x85) {
      putc(' ', fp), i++;
    } else if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
      putc(' ', fp), i += 2;
    } else {
      putc(u[i], fp);
    }
  }
}

void pd_lf_in_place(char *d, size_t *len) {
  size_t n = *len;
  char *cr = memchr(d, '\r', n);
  if (!cr)
    return;
  size_t o = (size_t)(cr - d);
  for (size_t i = o; i < n; i++) {
    if (d[i] == '\r') {
      d[o++] = '\n';
      if (i + 1 < n && d[i + 1] == '\n')
        i++;
    } else {
      d[o++] = d[i];
    }
  }
  d[o] = '\0';
  *len = o;
}

size_t pd_utf8_valid_prefix(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    /* fast path over ASCII, 8 bytes at a time */
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    int n = pd_utf8_next(s + i, len - i, &cp);
    if (cp < 0)
      return i;
    i += (size_t)n;
  }
  return len;
}

/* The length of the UTF-8 unit at p[0..n), n >= 1, p[0] >= 0x80: > 0 for a
 * well-formed sequence, < 0 (minus its length) for the maximal subpart of an
 * ill-formed one, the longest prefix of a well-formed sequence (at least one
 * byte), which becomes one U+FFFD ("U+FFFD substitution of maximal subparts",
 * Unicode ch. 3; WHATWG Encoding). Well-formed: Unicode table 3-7. */
static int utf8_unit(const unsigned char *p, size_t n) {
  unsigned char c = p[0], lo = 0x80, hi = 0xBF;
  int need;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  } else
    return -1;
  for (int k = 1; k <= need; k++) {
    if ((size_t)k >= n || p[k] < lo || p[k] > hi)
      return -k;
    lo = 0x80;
    hi = 0xBF;
  }
  return need + 1;
}

size_t pd_json_escape(char *out, size_t cap, const char *s, size_t len, size_t *used) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, w = 0;
  /* every unit writes at most 6 bytes */
  while (i < len && cap - w >= 6) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      out[w++] = (char)c;
      i++;
      continue;
    }
    if (c >= 0x80) {
      int u = utf8_unit(p + i, len - i);
      if (u > 0) {
        memcpy(out + w, p + i, (size_t)u);
        w += (size_t)u;
        i += (size_t)u;
      } else {
        memcpy(out + w, "\\ufffd", 6);
        w += 6;
        i += (size_t)-u;
      }
      continue;
    }
    out[w++] = '\\';
    switch (c) {
    case '"': out[w++] = '"'; break;
    case '\\': out[w++] = '\\'; break;
    case '\n': out[w++] = 'n'; break;
    case '\r': out[w++] = 'r'; break;
    case '\t': out[w++] = 't'; break;
    case '\b': out[w++] = 'b'; break;
    case '\f': out[w++] = 'f'; break;
    default:
      memcpy(out + w, "u00", 3);
      out[w + 3] = hex[c >> 4];
      out[w + 4] = hex[c & 15];
      w += 5;
    }
    i++;
  }
  *used = i;
  return w;
}

void pd_json_str(FILE *fp, const char *s, size_t len) {
  char tmp[1024];
  putc('"', fp);
  for (size_t i = 0; i < len;) {
    size_t used, n = pd_json_escape(tmp, sizeof tmp, s + i, len - i, &used);
    fwrite(tmp, 1, n, fp);
    i += used;
  }
  putc('"', fp);
}

void pd_tsv_field(FILE *fp, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    switch (s[i]) {
    case '\t': fputs("\\t", fp); break;
    case '\n': fputs("\\n", fp); break;
    case '\r': fputs("\\r", fp); break;
    case '\\': fputs("\\\\", fp); break;
    default: putc(s[i], fp);
    }
  }
}

void pd_csv_field(FILE *fp, const char *s, size_t len) {
  int quote = len && (s[0] == ' ' || s[len - 1] == ' ');
  for (size_t i = 0; i < len && !quote; i++)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!quote) {
    fwrite(s, 1, len, fp);
    return;
  }
  putc('"', fp);
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '"')
      putc('"', fp);
    putc(s[i], fp);
  }
  putc('"', fp);
}

int pd_utf8_put(int32_t cp, char *out) {
  return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

static int utf8_map(const char *s, size_t len, pd_buf *out, int options) {
  /* ASCII needs no composition; folding ASCII is a byte map */
  size_t i;
  for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
    ;
  if (i == len) {
    if (pd_buf_reserve(out, len))
      return PADAN_ENOMEM;
    char *d = out->p + out->len;
    for (i = 0; i < len; i++)
      d[i] = (options & UTF8PROC_CASEFOLD) ? (char)pd_ascii_lower((unsigned char)s[i]) : s[i];
    out->len += len;
    out->p[out->len] = '\0';
    return PADAN_OK;
  }
  utf8proc_uint8_t *r = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &r,
                                    (utf8proc_option_t)options);
  if (n < 0)
    return n == UTF8PROC_ERROR_NOMEM ? PADAN_ENOMEM : PADAN_EUTF8;
  int rc = pd_buf_append(out, (const char *)r, (size_t)n);
  free(r);
  return rc;
}

int pd_utf8_fold(const char *s, size_t len, pd_buf *out) {
  return utf8_map(s, len, out, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

int pd_utf8_nfc(const char *s, size_t len, pd_buf *out) {
  return utf8_map(s, len, out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* ----------------------------------------------------------------- files */

int pd_read_file(const char *path, char **data, size_t *len) {
  *data = NULL, *len = 0;
  int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
  if (fd < 0)
    return PADAN_EIO;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (fd != STDIN_FILENO)
      close(fd);
    errno = EISDIR;
    return PADAN_EIO;
  }
  pd_buf b;
  pd_buf_init(&b);
  size_t hint = (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) ? (size_t)st.st_size : 65536;
  if (pd_buf_reserve(&b, hint ? hint : 1)) {
    if (fd != STDIN_FILENO)
      close(fd);
    return PADAN_ENOMEM;
  }
  for (;;) {
    if (b.cap - b.len - 1 < 65536 && pd_buf_reserve(&b, 65536)) {
      pd_buf_free(&b);
      if (fd != STDIN_FILENO)
        close(fd);
      return PADAN_ENOMEM;
    }
    ssize_t r = read(fd, b.p + b.len, b.cap - b.len - 1);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      int e = errno;
      pd_buf_free(&b);
      if (fd != STDIN_FILENO)
        close(fd);
      errno = e;
      return PADAN_EIO;
    }
    if (r == 0)
      break;
    b.len += (size_t)r;
  }
  b.p[b.len] = '\0';
  if (fd != STDIN_FILENO)
    close(fd);
  *data = pd_buf_steal(&b, len);
  return PADAN_OK;
}

#ifdef PADAN_ERROR_INJECTION
/* Failure injection (see util.h). The counters run over the whole process. */
static long inject_target[2] = {-1, -1}; /* -1: not read yet, 0: off */
static long inject_count[2];

int pd_inject(int point) {
  static const char *const vars[2] = {"PADAN_FAIL_WRITE", "PADAN_FAIL_ALLOC"};
  if (inject_target[point] < 0) {
    const char *v = getenv(vars[point]);
    inject_target[point] = v ? strtol(v, NULL, 10) : 0;
    if (inject_target[point] < 0)
      inject_target[point] = 0;
  }
  if (!inject_target[point])
    return 0;
  if (++inject_count[point] != inject_target[point])
    return 0;
  errno = point == PD_INJECT_WRITE ? EIO : ENOMEM;
  return 1;
}

/* An atomic output's stream under injection: writes go through here, with a
 * small buffer, so the N-th buffer write can fail as a full disk would. */
typedef struct {
  int fd;
  char buf[512];
} inject_cookie;

static ssize_t inject_write(void *cookie, const char *buf, size_t n) {
  int fd = ((inject_cookie *)cookie)->fd;
  /* 0, not -1: glibc's stdio counts a -1 from a cookie as bytes written */
  if (pd_inject(PD_INJECT_WRITE))
    return 0;
  size_t done = 0;
  while (done < n) {
    ssize_t k = write(fd, buf + done, n - done);
    if (k < 0) {
      if (errno == EINTR)
        continue;
      return (ssize_t)done;
    }
    done += (size_t)k;
  }
  return (ssize_t)done;
}

static int inject_close(void *cookie) {
  int fd = ((inject_cookie *)cookie)->fd;
  free(cookie);
  int bad = fsync(fd) != 0 && errno != EINVAL;
  return (close(fd) != 0 || bad) ? -1 : 0;
}

static FILE *inject_fdopen(int fd) {
  inject_cookie *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  c->fd = fd;
  cookie_io_functions_t io = {NULL, inject_write, NULL, inject_close};
  FILE *fp = fopencookie(c, "w", io);
  if (!fp) {
    free(c);
    return NULL;
  }
  setvbuf(fp, c->buf, _IOFBF, sizeof c->buf);
  return fp;
}
#endif

/* The temporary files being written, for padan_remove_pending_outputs: a
 * few slots, claimed and released atomically (a process writes one or two
 * outputs at a time; beyond the slots a file is simply not registered). */
#define PENDING_SLOTS 16
static _Atomic(char *) pending[PENDING_SLOTS];

static void pending_add(char *tmp) {
  for (size_t k = 0; k < PENDING_SLOTS; k++) {
    char *none = NULL;
    if (atomic_compare_exchange_strong(&pending[k], &none, tmp))
      return;
  }
}

static void pending_drop(char *tmp) {
  for (size_t k = 0; k < PENDING_SLOTS; k++) {
    char *was = tmp;
    if (atomic_compare_exchange_strong(&pending[k], &was, NULL))
      return;
  }
}

void padan_remove_pending_outputs(void) {
  for (size_t k = 0; k < PENDING_SLOTS; k++) {
    char *p = atomic_exchange(&pending[k], NULL);
    if (p)
      unlink(p);
  }
}

/* path with its symbolic links followed to the name they lead to, which need
 * not exist (a dangling link: the file it would create). malloc'd; NULL with
 * errno set (ENOMEM, ELOOP). */
static char *resolve_links(const char *path) {
  char *cur = strdup(path);
  char *link = NULL;
  size_t cap = 256;
  for (int hops = 0; cur; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
      free(link);
      return cur; /* not there, or not a link; an error shows when it is opened */
    }
    if (hops == 40) {
      free(link), free(cur);
      errno = ELOOP;
      return NULL;
    }
    ssize_t n;
    for (;;) {
      char *b = realloc(link, cap);
      if (!b) {
        free(link), free(cur);
        errno = ENOMEM;
        return NULL;
      }
      link = b;
      n = readlink(cur, link, cap);
      if (n < 0) {
        int e = errno;
        free(link), free(cur);
        errno = e;
        return NULL;
      }
      if ((size_t)n < cap)
        break;
      cap *= 2;
    }
    /* a relative link is read from the directory that holds it */
    const char *slash = link[0] == '/' ? NULL : strrchr(cur, '/');
    size_t dir = slash ? (size_t)(slash - cur) + 1 : 0;
    char *next = malloc(dir + (size_t)n + 1);
    if (next) {
      memcpy(next, cur, dir);
      memcpy(next + dir, link, (size_t)n);
      next[dir + (size_t)n] = '\0';
    }
    free(cur);
    cur = next;
  }
  free(link);
  errno = ENOMEM;
  return NULL;
}

static void atomic_clear(pd_atomic *a) {
  free(a->path), free(a->tmp), free(a->target);
  a->fp = NULL, a->path = a->tmp = a->target = NULL;
  a->direct = 0;
}

static FILE *atomic_fdopen(int fd) {
#ifdef PADAN_ERROR_INJECTION
  return inject_fdopen(fd);
#else
  return fdopen(fd, "w");
#endif
}

int pd_atomic_open(pd_atomic *a, const char *path) {
  a->fp = NULL, a->path = NULL, a->tmp = NULL, a->target = NULL, a->direct = 0;
  if (!path || strcmp(path, "-") == 0) {
    a->fp = stdout;
    return PADAN_OK;
  }
  a->path = strdup(path);
  if (!a->path) {
    atomic_clear(a);
    errno = ENOMEM;
    return PADAN_ENOMEM;
  }
  a->target = resolve_links(path);
  if (!a->target) {
    int e = errno;
    atomic_clear(a);
    errno = e;
    return e == ENOMEM ? PADAN_ENOMEM : PADAN_EIO;
  }
  struct stat st;
  int exists = stat(a->target, &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    /* a device or a FIFO: renaming a file over it would replace it */
    int fd = open(a->target, O_WRONLY);
    if (fd < 0 || !(a->fp = atomic_fdopen(fd))) {
      int e = errno;
      if (fd >= 0)
        close(fd);
      atomic_clear(a);
      errno = e;
      return PADAN_EIO;
    }
    a->direct = 1;
    return PADAN_OK;
  }
  size_t n = strlen(a->target);
  a->tmp = malloc(n + 16);
  if (!a->tmp) {
    atomic_clear(a);
    errno = ENOMEM;
    return PADAN_ENOMEM;
  }
  snprintf(a->tmp, n + 16, "%s.tmp.XXXXXX", a->target);
  int fd = mkstemp(a->tmp);
  if (fd < 0) {
    int e = errno;
    atomic_clear(a);
    errno = e;
    return PADAN_EIO;
  }
  pending_add(a->tmp);
  /* keep the target's permissions when it exists, else the umask default */
  if (exists) {
    fchmod(fd, st.st_mode & 07777);
  } else {
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
  }
  a->fp = atomic_fdopen(fd);
  if (!a->fp) {
    int e = errno;
    close(fd);
    pending_drop(a->tmp);
    unlink(a->tmp);
    atomic_clear(a);
    errno = e;
    return PADAN_EIO;
  }
  return PADAN_OK;
}

int pd_atomic_commit(pd_atomic *a) {
  if (!a->fp)
    return PADAN_EIO;
  /* an error flag set by an earlier write leaves errno unknown here: EIO */
  errno = 0;
  int bad = fflush(a->fp) != 0 || ferror(a->fp);
  int e = bad ? (errno ? errno : EIO) : 0;
  if (!a->tmp && !a->direct) { /* stdout */
    a->fp = NULL;
    errno = e;
    return bad ? PADAN_EIO : PADAN_OK;
  }
  /* (a stream under failure injection has no descriptor: its close syncs) */
  if (!bad && !a->direct && fileno(a->fp) >= 0 && fsync(fileno(a->fp)) != 0 &&
      errno != EINVAL)
    bad = 1, e = errno;
  if (fclose(a->fp) != 0 && !bad)
    bad = 1, e = errno ? errno : EIO;
  a->fp = NULL;
  if (a->tmp) {
    if (!bad && (pd_inject(PD_INJECT_WRITE) || rename(a->tmp, a->target) != 0))
      bad = 1, e = errno;
    if (bad)
      unlink(a->tmp);
    pending_drop(a->tmp);
  }
  atomic_clear(a);
  errno = e;
  return bad ? PADAN_EIO : PADAN_OK;
}

void pd_atomic_abort(pd_atomic *a) {
  if (a->tmp) {
    if (a->fp)
      fclose(a->fp);
    pending_drop(a->tmp);
    unlink(a->tmp);
  } else if (a->direct) {
    if (a->fp)
      fclose(a->fp);
  } else if (a->fp) {
    fflush(a->fp);
  }
  atomic_clear(a);
}

/* ------------------------------------------------------------ spool */

#define SPOOL_BUF ((size_t)1 << 18)

FILE *pd_temp_file(const char *name, char *path, size_t cap) {
  char local[4096];
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir)
    dir = "/tmp";
  char *p = path ? path : local;
  size_t n = path ? cap : sizeof local;
  int w = snprintf(p, n, "%s/padan-%s.XXXXXX", dir, name);
  if (w < 0 || (size_t)w >= n) {
    if (n)
      *p = '\0';
    errno = ENAMETOOLONG;
    return NULL;
  }
  int fd = mkstemp(p);
  if (fd < 0)
    return NULL;
  if (!path)
    unlink(p);
  FILE *fp = fdopen(fd, "w+b");
  if (!fp) {
    int e = errno;
    close(fd);
    if (path)
      unlink(p);
    errno = e;
  }
  return fp;
}

int pd_spool_open(pd_spool *s) {
  memset(s, 0, sizeof *s);
  s->fp = pd_temp_file("spool", NULL, 0);
  if (!s->fp)
    return PADAN_EIO;
  s->vbuf = malloc(SPOOL_BUF);
  if (s->vbuf)
    setvbuf(s->fp, s->vbuf, _IOFBF, SPOOL_BUF);
  return PADAN_OK;
}

void pd_spool_close(pd_spool *s) {
  if (s->fp)
    fclose(s->fp);
  free(s->vbuf);
  memset(s, 0, sizeof *s);
}

int pd_spool_write(pd_spool *s, const void *p, size_t n) {
  if (!s->fp)
    return PADAN_EIO;
  if (s->reading) {
    if (fseek(s->fp, 0, SEEK_END))
      return PADAN_EIO;
    s->reading = 0;
  }
  return n == 0 || fwrite(p, 1, n, s->fp) == n ? PADAN_OK : PADAN_EIO;
}

int pd_spool_rewind(pd_spool *s) {
  if (!s->fp)
    return PADAN_EIO;
  if (fflush(s->fp) || fseek(s->fp, 0, SEEK_SET))
    return PADAN_EIO;
  s->reading = 1;
  return PADAN_OK;
}

int pd_spool_read(pd_spool *s, void *p, size_t n) {
  if (!s->fp || !s->reading)
    return PADAN_EIO;
  if (n && fread(p, 1, n, s->fp) != n) {
    if (!ferror(s->fp))
      errno = EIO;
    return PADAN_EIO;
  }
  return PADAN_OK;
}
