/* Unit tests of common/: buffers, interning, UTF-8 helpers, atomic files. */
#include "config.h"
#include "tests.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <padan/common.h>

static void test_buf(void) {
  pd_buf b;
  pd_buf_init(&b);
  CU_ASSERT_EQUAL(pd_buf_puts(&b, "abc"), PADAN_OK);
  CU_ASSERT_EQUAL(pd_buf_printf(&b, "-%d-", 42), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(b.p, "abc-42-");
  /* a formatted string longer than the stack buffer */
  char big[600];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  CU_ASSERT_EQUAL(pd_buf_printf(&b, "%s", big), PADAN_OK);
  CU_ASSERT_EQUAL(b.len, 7 + 599);
  CU_ASSERT_EQUAL(b.p[b.len], '\0');
  size_t n;
  char *s = pd_buf_steal(&b, &n);
  CU_ASSERT_EQUAL(n, 606);
  CU_ASSERT_PTR_NULL(b.p);
  free(s);
  pd_buf_free(&b);
}

static void test_strmap(void) {
  pd_strmap m;
  pd_strmap_init(&m);
  uint32_t a, b, c;
  CU_ASSERT_EQUAL(pd_strmap_intern(&m, "negara", 6, &a), PADAN_OK);
  CU_ASSERT_EQUAL(pd_strmap_intern(&m, "negara-negara", 13, &b), PADAN_OK);
  CU_ASSERT_EQUAL(pd_strmap_intern(&m, "negara", 6, &c), PADAN_OK);
  CU_ASSERT_EQUAL(a, c);
  CU_ASSERT_NOT_EQUAL(a, b);
  CU_ASSERT_EQUAL(pd_strmap_find(&m, "negara-negara", 13), b);
  CU_ASSERT_EQUAL(pd_strmap_find(&m, "negar", 5), 0);
  /* growth keeps every id */
  char w[32];
  for (int i = 0; i < 5000; i++) {
    int k = snprintf(w, sizeof w, "w%d", i);
    uint32_t id;
    CU_ASSERT_EQUAL_FATAL(pd_strmap_intern(&m, w, (size_t)k, &id), PADAN_OK);
  }
  CU_ASSERT_EQUAL(pd_strmap_count(&m), 5002);
  size_t len;
  const char *s = pd_strmap_str(&m, pd_strmap_find(&m, "w4321", 5), &len);
  CU_ASSERT_PTR_NOT_NULL_FATAL(s);
  ASSERT_STR_N(s, len, "w4321");
  CU_ASSERT_PTR_NULL(pd_strmap_str(&m, 0, &len));
  pd_strmap_free(&m);
}

static void test_utf8(void) {
  CU_ASSERT_EQUAL(pd_utf8_valid_prefix("abc\xc3\xa9xyz", 8), 8);
  CU_ASSERT_EQUAL(pd_utf8_valid_prefix("0123456789\xffzz", 13), 10);
  CU_ASSERT_EQUAL(pd_utf8_valid_prefix("ab\xc3", 3), 2); /* truncated sequence */
  CU_ASSERT_EQUAL(pd_utf8_valid_prefix("\xed\xa0\x80", 3), 0); /* surrogate */
  pd_buf b;
  pd_buf_init(&b);
  /* "E" + combining acute composes to "é" and folds to lower case */
  CU_ASSERT_EQUAL(pd_utf8_fold("KOR\x45\xcc\x81" "A", 7, &b), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(b.p, "kor\xc3\xa9" "a");
  pd_buf_clear(&b);
  CU_ASSERT_EQUAL(pd_utf8_nfc("E\xcc\x81", 3, &b), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(b.p, "\xc3\x89");
  pd_buf_free(&b);
}

static char *json_of(const char *s, size_t len) { return test_written(pd_json_str, s, len); }

/* one U+FFFD per maximal subpart of an ill-formed sequence (Unicode ch. 3,
 * table 3-8 and WHATWG), whole units across pd_json_escape's chunks */
static void test_json_subparts(void) {
  static const struct {
    const char *in;
    size_t len;
    const char *out;
  } cases[] = {
      {"\xe2\x82" "A", 3, "\"\\ufffdA\""},             /* E2 82 is one subpart */
      {"\xc0\xaf", 2, "\"\\ufffd\\ufffd\""},           /* C0 never starts one */
      {"\xf0\x9f\x98", 3, "\"\\ufffd\""},              /* truncated 4-byte */
      {"\xf0\x80\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* F0 80: overlong */
      {"\xe0\x9f\x80", 3, "\"\\ufffd\\ufffd\\ufffd\""}, /* E0 9F: overlong */
      {"\xed\x9f\xbf", 3, "\"\xed\x9f\xbf\""},         /* U+D7FF kept */
      {"\xf4\x8f\xbf\xbf", 4, "\"\xf4\x8f\xbf\xbf\""}, /* U+10FFFF kept */
      {"\xf5\x80", 2, "\"\\ufffd\\ufffd\""},
      /* Unicode 3.9, table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
      {"a\xf1\x80\x80\xe1\x80\xc2" "b\x80" "c\x80\xbf" "d", 13,
       "\"a\\ufffd\\ufffd\\ufffdb\\ufffdc\\ufffd\\ufffdd\""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *js = json_of(cases[i].in, cases[i].len);
    CU_ASSERT_STRING_EQUAL(js, cases[i].out);
    free(js);
  }
  /* a small output room takes whole units only, and always one */
  char out[16];
  size_t used;
  CU_ASSERT_EQUAL(pd_json_escape(out, 7, "\xe2\x82\xac\xff", 4, &used), 3);
  CU_ASSERT_EQUAL(used, 3);
  CU_ASSERT_EQUAL(pd_json_escape(out, 6, "\xff\xff", 2, &used), 6);
  CU_ASSERT_EQUAL(used, 1);
  /* pd_json_str's chunks never split a sequence: euro signs after 1 to 3
   * ASCII bytes cross every chunk boundary */
  for (size_t pad = 1; pad <= 3; pad++) {
    pd_buf in, want;
    pd_buf_init(&in);
    pd_buf_init(&want);
    pd_buf_putc(&want, '"');
    for (size_t k = 0; k < pad; k++) {
      pd_buf_putc(&in, 'x');
      pd_buf_putc(&want, 'x');
    }
    for (int k = 0; k < 1000; k++) {
      pd_buf_append(&in, "\xe2\x82\xac\xe2\x82", 5);
      pd_buf_append(&want, "\xe2\x82\xac\\ufffd", 9);
    }
    pd_buf_putc(&want, '"');
    char *js = json_of(in.p, in.len);
    CU_ASSERT_STRING_EQUAL(js, want.p);
    free(js);
    pd_buf_free(&in);
    pd_buf_free(&want);
  }
}

/* the delimited fields of every TSV/CSV writer */
static void test_fields(void) {
  static const struct {
    int csv;
    const char *in, *out;
  } cases[] = {
      {0, "a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"},
      {0, "a,\"b\" ", "a,\"b\" "},
      {1, "plain text", "plain text"},
      {1, "a,b", "\"a,b\""},
      {1, "say \"x\"", "\"say \"\"x\"\"\""},
      {1, "two\nlines", "\"two\nlines\""},
      {1, " edge", "\" edge\""},
      {1, "edge ", "\"edge \""},
      {1, "tab\there\\", "tab\there\\"},
      {1, "", ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *f = test_written(cases[i].csv ? pd_csv_field : pd_tsv_field, cases[i].in,
                           strlen(cases[i].in));
    CU_ASSERT_STRING_EQUAL(f, cases[i].out);
    free(f);
  }
}

/* temporary files in $TMPDIR: named (the caller removes it) or unlinked;
 * a failure leaves the name tried for the message */
static void test_temp_file(void) {
  char dir[] = "/tmp/padan-unit.XXXXXX", path[4096];
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
  setenv("TMPDIR", dir, 1);
  FILE *fp = pd_temp_file("unit", path, sizeof path);
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  CU_ASSERT_EQUAL(strncmp(path, dir, strlen(dir)), 0);
  CU_ASSERT_PTR_NOT_NULL(strstr(path, "/padan-unit."));
  CU_ASSERT_EQUAL(fputs("x", fp) >= 0 && fflush(fp) == 0, 1);
  CU_ASSERT_EQUAL(access(path, F_OK), 0);
  fclose(fp);
  CU_ASSERT_EQUAL(remove(path), 0);
  fp = pd_temp_file("unit", NULL, 0); /* unlinked: the folder stays empty */
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  fclose(fp);
  CU_ASSERT_EQUAL(rmdir(dir), 0);
  /* the folder is gone now */
  CU_ASSERT_PTR_NULL(pd_temp_file("unit", path, sizeof path));
  CU_ASSERT_EQUAL(errno, ENOENT);
  CU_ASSERT_EQUAL(strncmp(path, dir, strlen(dir)), 0);
  CU_ASSERT_PTR_NULL(pd_temp_file("unit", path, 8)); /* the name does not fit */
  CU_ASSERT_STRING_EQUAL(path, "");
  if (old)
    setenv("TMPDIR", old, 1);
  else
    unsetenv("TMPDIR");
  free(old);
}

static void test_atomic(void) {
  char dir[] = "/tmp/padan-test-XXXXXX";
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  char path[128];
  snprintf(path, sizeof path, "%s/out.tsv", dir);
  FILE *fp = fopen(path, "w");
  fputs("old\n", fp);
  fclose(fp);
  pd_atomic a;
  CU_ASSERT_EQUAL_FATAL(pd_atomic_open(&a, path), PADAN_OK);
  fputs("half", a.fp);
  pd_atomic_abort(&a); /* an aborted write leaves the old file */
  char *data;
  size_t len;
  CU_ASSERT_EQUAL(pd_read_file(path, &data, &len), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(data, "old\n");
  free(data);
  CU_ASSERT_EQUAL_FATAL(pd_atomic_open(&a, path), PADAN_OK);
  fputs("new\n", a.fp);
  CU_ASSERT_EQUAL(pd_atomic_commit(&a), PADAN_OK);
  CU_ASSERT_EQUAL(pd_read_file(path, &data, &len), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(data, "new\n");
  free(data);
  /* no temp file left behind */
  CU_ASSERT_EQUAL(unlink(path), 0);
  CU_ASSERT_EQUAL(rmdir(dir), 0);
  CU_ASSERT_EQUAL(pd_read_file("/nonexistent/padan", &data, &len), PADAN_EIO);
  CU_ASSERT_EQUAL(errno, ENOENT);
}

/* -o through a symlink replaced the link with a file, and -o on a FIFO or a
 * device replaced it with a regular file: a link is written through now, a
 * FIFO (as a device) written directly */
static void test_atomic_links(void) {
  char dir[] = "/tmp/padan-test-XXXXXX";
  CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
  char real[128], link[128], dang[128], fresh[128], fifo[128], buf[64];
  snprintf(real, sizeof real, "%s/real.tsv", dir);
  snprintf(link, sizeof link, "%s/link.tsv", dir);
  snprintf(dang, sizeof dang, "%s/dangling.tsv", dir);
  snprintf(fresh, sizeof fresh, "%s/fresh.tsv", dir);
  snprintf(fifo, sizeof fifo, "%s/fifo", dir);
  FILE *fp = fopen(real, "w");
  CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
  fputs("old\n", fp);
  fclose(fp);
  CU_ASSERT_EQUAL_FATAL(symlink("real.tsv", link), 0);
  CU_ASSERT_EQUAL_FATAL(symlink("fresh.tsv", dang), 0);
  pd_atomic a;
  CU_ASSERT_EQUAL_FATAL(pd_atomic_open(&a, link), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(a.path, link); /* messages name the path given */
  fputs("new\n", a.fp);
  CU_ASSERT_EQUAL(pd_atomic_commit(&a), PADAN_OK);
  struct stat st;
  CU_ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
  char *data;
  size_t len;
  CU_ASSERT_EQUAL_FATAL(pd_read_file(real, &data, &len), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(data, "new\n");
  free(data);
  CU_ASSERT_EQUAL_FATAL(pd_atomic_open(&a, dang), PADAN_OK);
  fputs("fresh\n", a.fp);
  CU_ASSERT_EQUAL(pd_atomic_commit(&a), PADAN_OK);
  CU_ASSERT(lstat(dang, &st) == 0 && S_ISLNK(st.st_mode));
  CU_ASSERT_EQUAL_FATAL(pd_read_file(fresh, &data, &len), PADAN_OK);
  CU_ASSERT_STRING_EQUAL(data, "fresh\n");
  free(data);
  /* a FIFO: opened for reading first (non-blocking), so that the write side opens */
  CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
  int rd = open(fifo, O_RDONLY | O_NONBLOCK);
  CU_ASSERT_FATAL(rd >= 0);
  CU_ASSERT_EQUAL_FATAL(pd_atomic_open(&a, fifo), PADAN_OK);
  CU_ASSERT_PTR_NULL(a.tmp);
  fputs("piped\n", a.fp);
  CU_ASSERT_EQUAL(pd_atomic_commit(&a), PADAN_OK);
  ssize_t n = read(rd, buf, sizeof buf - 1);
  CU_ASSERT_EQUAL(n, 6);
  if (n >= 0) {
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, "piped\n");
  }
  close(rd);
  CU_ASSERT(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
  /* a directory cannot be written, and nothing is left beside it */
  CU_ASSERT_EQUAL(pd_atomic_open(&a, dir), PADAN_EIO);
  CU_ASSERT_EQUAL(errno, EISDIR);
  CU_ASSERT_EQUAL(unlink(fifo), 0);
  CU_ASSERT_EQUAL(unlink(fresh), 0);
  CU_ASSERT_EQUAL(unlink(dang), 0);
  CU_ASSERT_EQUAL(unlink(link), 0);
  CU_ASSERT_EQUAL(unlink(real), 0);
  CU_ASSERT_EQUAL(rmdir(dir), 0); /* no temporary file left */
}

static void test_strerror(void) {
  CU_ASSERT_STRING_EQUAL(padan_strerror(PADAN_OK), "success");
  CU_ASSERT_STRING_EQUAL(padan_strerror(PADAN_EBINARY), "binary file");
  CU_ASSERT_STRING_EQUAL(padan_strerror(12345), "unknown error");
}

int suite_common(void) {
  CU_pSuite s = CU_add_suite("common", NULL, NULL);
  if (!s)
    return -1;
  if (!CU_add_test(s, "buf", test_buf) || !CU_add_test(s, "strmap", test_strmap) ||
      !CU_add_test(s, "utf8", test_utf8) ||
      !CU_add_test(s, "json_subparts", test_json_subparts) ||
      !CU_add_test(s, "fields", test_fields) ||
      !CU_add_test(s, "temp_file", test_temp_file) || !CU_add_test(s, "atomic", test_atomic) ||
      !CU_add_test(s, "atomic_links", test_atomic_links) ||
      !CU_add_test(s, "strerror", test_strerror))
    return -1;
  return 0;
}
