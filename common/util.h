/* Internal helpers shared by every module of libpadan. Not installed.
 * Internal symbols use the pd_ prefix; only padan_* is exported. */
#ifndef PD_UTIL_H
#define PD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- growable byte buffer (changed in place; p is NUL-terminated when len>0) */
typedef struct {
  char *p;
  size_t len, cap;
} pd_buf;

void pd_buf_init(pd_buf *b);
void pd_buf_free(pd_buf *b);
int pd_buf_reserve(pd_buf *b, size_t extra);      /* room for extra bytes + NUL */
int pd_buf_append(pd_buf *b, const char *s, size_t n);
int pd_buf_puts(pd_buf *b, const char *s);
int pd_buf_putc(pd_buf *b, char c);
int pd_buf_printf(pd_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void pd_buf_clear(pd_buf *b);
/* Hands the bytes to the caller (free() them); the buffer becomes empty. */
char *pd_buf_steal(pd_buf *b, size_t *len);

/* ---- growable array of fixed-size elements */
typedef struct {
  void *p;
  size_t n, cap, size;
} pd_vec;

void pd_vec_init(pd_vec *v, size_t elem_size);
void pd_vec_free(pd_vec *v);
/* Returns a pointer to a new zeroed element at the end, or NULL on ENOMEM. */
void *pd_vec_push(pd_vec *v);
#define PD_VEC_AT(v, T, i) (((T *)(v)->p)[i])

/* ---- arena: many small allocations freed at once */
typedef struct pd_arena_block pd_arena_block;
typedef struct {
  pd_arena_block *head;
} pd_arena;

void pd_arena_init(pd_arena *a);
void pd_arena_free(pd_arena *a);
void *pd_arena_alloc(pd_arena *a, size_t n); /* 8-byte aligned; NULL on ENOMEM */
char *pd_arena_strndup(pd_arena *a, const char *s, size_t n);

/* ---- string interning: bytes -> uint32 id (1..n; 0 = none) */
typedef struct {
  uint32_t *slots;   /* id per slot, 0 = empty */
  size_t nslots;     /* power of two */
  const char **strs; /* strs[id] (NUL-terminated, in arena) */
  uint32_t *lens;
  uint32_t *hashes;
  size_t n, cap;     /* n ids used (ids 1..n) */
  pd_arena arena;
} pd_strmap;

void pd_strmap_init(pd_strmap *m);
void pd_strmap_free(pd_strmap *m);
/* Interns s; *id receives its id. Returns PADAN_OK or PADAN_ENOMEM. */
int pd_strmap_intern(pd_strmap *m, const char *s, size_t len, uint32_t *id);
/* Id of s, or 0 when absent. */
uint32_t pd_strmap_find(const pd_strmap *m, const char *s, size_t len);
/* The string of id (valid while the map lives); *len may be NULL. */
const char *pd_strmap_str(const pd_strmap *m, uint32_t id, size_t *len);
#define pd_strmap_count(m) ((m)->n)

uint32_t pd_hash(const void *s, size_t len);

/* ---- UTF-8 */
/* Length of the longest valid UTF-8 prefix of s (== len when all valid). */
size_t pd_utf8_valid_prefix(const char *s, size_t len);
/* Turns CRLF and a lone CR into LF in d[0..*len), in place, and NUL-terminates
 * it when it shrinks (d must have room for that NUL). */
void pd_lf_in_place(char *d, size_t *len);
/* Writes s[0..n) on one line for reading: a control character (C0, DEL) and
 * a line or paragraph separator (U+0085, U+2028, U+2029) become a space, so
 * no entry of a text listing breaks a line or reaches a terminal as ESC. */
void pd_text_put(FILE *fp, const char *s, size_t n);
/* Decodes one code point at s (len > 0). Returns its byte length (1..4) and
 * sets *cp; on an invalid sequence returns 1 and sets *cp = -1. */
int pd_utf8_next(const char *s, size_t len, int32_t *cp);
/* Encodes cp into out (room for 4); returns the byte count. */
int pd_utf8_put(int32_t cp, char *out);
/* Appends the NFC, case-folded form of s to out (utf8proc). */
int pd_utf8_fold(const char *s, size_t len, pd_buf *out);
/* Appends the NFC form of s to out. */
int pd_utf8_nfc(const char *s, size_t len, pd_buf *out);
/* JSON string escaping, the one rule of every JSON output: control
 * characters escaped (\n \r \t \b \f short, others \u00XX), '"' and '\\',
 * well-formed UTF-8 kept, each maximal subpart of an ill-formed sequence
 * (Unicode ch. 3, as WHATWG decoders do) written as one \ufffd: E2 82 41 ->
 * \ufffd A, C0 AF -> \ufffd\ufffd. The output is valid UTF-8 and JSON
 * whatever s holds.
 * pd_json_escape writes the escaped form of a prefix of s[0..len), whole
 * units only, into out[0..cap) without quotes; returns the bytes written and
 * sets *used to the bytes of s consumed (> 0 when len > 0 and cap >= 6). */
size_t pd_json_escape(char *out, size_t cap, const char *s, size_t len, size_t *used);
/* Writes s[0..len) as a JSON string, quotes included (pd_json_escape). */
void pd_json_str(FILE *fp, const char *s, size_t len);
/* Delimited fields of every TSV and CSV writer (library and CLI).
 * TSV: TAB, LF, CR and backslash written as \t \n \r \\.
 * CSV (RFC 4180): quoted, '"' doubled, when s holds ',', '"', CR or LF or
 * starts or ends with a space (kept by readers that trim). */
void pd_tsv_field(FILE *fp, const char *s, size_t len);
void pd_csv_field(FILE *fp, const char *s, size_t len);

/* ---- files */
/* Reads a whole file ("-" = stdin) into a malloc'd, NUL-terminated buffer.
 * Returns PADAN_OK, PADAN_EIO (errno kept) or PADAN_ENOMEM. */
int pd_read_file(const char *path, char **data, size_t *len);

/* Atomic output: write to a temporary file beside path, then rename over it.
 * path "-" or NULL writes to stdout directly. A symbolic link (to a file or
 * dangling) is written through: the temporary file goes beside the file it
 * resolves to and is renamed over that, so the link stays a link. A target
 * that exists and is not a regular file (a device such as /dev/null, a FIFO)
 * is opened and written directly: no temporary file, no rename; commit
 * reports its write errors. path is the name as given (for messages). */
typedef struct {
  FILE *fp;
  char *path;
  char *tmp;    /* the temporary file; NULL for stdout and direct writes */
  char *target; /* the file renamed over (path with its links resolved) */
  int direct;   /* fp is the target itself, opened directly */
} pd_atomic;

int pd_atomic_open(pd_atomic *a, const char *path);
/* Flushes, fsyncs and renames (a direct write: flushes and closes); on
 * failure removes the temp file. PADAN_OK or PADAN_EIO with errno set. */
int pd_atomic_commit(pd_atomic *a);
/* Discards the temp file (the target is left untouched; a direct write is
 * closed with what was written). */
void pd_atomic_abort(pd_atomic *a);

/* ---- failure injection (configure --enable-error-injection; for tests only)
 * PADAN_FAIL_WRITE=N: the N-th write step of an atomic output fails with EIO
 * (each write of the stdio buffer to the file, whose buffer is then 512 bytes,
 * and the final rename, counted over the process). PADAN_FAIL_ALLOC=N: the N-th
 * allocation by pd_buf, pd_vec, pd_arena or pd_strmap fails. Each fails once.
 * Without the switch pd_inject() is 0 and costs nothing. */
enum { PD_INJECT_WRITE = 0, PD_INJECT_ALLOC = 1 };
#ifdef PADAN_ERROR_INJECTION
int pd_inject(int point); /* 1 when this call is the one to fail */
#else
#define pd_inject(point) 0
#endif

/* ---- ASCII helpers that never see a negative char */
static inline int pd_is_ascii_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int pd_is_ascii_digit(int c) { return c >= '0' && c <= '9'; }
static inline int pd_ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* A new temporary file $TMPDIR/padan-NAME.XXXXXX ($TMPDIR unset or empty:
 * /tmp), open for update ("w+b"). With path NULL it is unlinked at once (it
 * goes when closed); else its name is written to path[0..cap), also when
 * creating it fails (for the message; empty if it does not fit), and the
 * caller removes it. NULL with errno set on failure. */
FILE *pd_temp_file(const char *name, char *path, size_t cap);

/* A spool: records written once to an unlinked temporary file (in $TMPDIR,
 * else /tmp) and read back in order as often as needed, so that a corpus
 * costs disk, not memory. Writing after reading appends at the end. */
typedef struct {
  FILE *fp;
  int reading;
  char *vbuf;
} pd_spool;

int pd_spool_open(pd_spool *s);   /* PADAN_OK or PADAN_EIO (errno set) */
void pd_spool_close(pd_spool *s); /* also on a spool never opened (zeroed) */
int pd_spool_write(pd_spool *s, const void *p, size_t n);
int pd_spool_rewind(pd_spool *s); /* the next read is the first record */
/* Reads exactly n bytes: PADAN_OK, or PADAN_EIO (also at the end). */
int pd_spool_read(pd_spool *s, void *p, size_t n);

#endif
