/* Unit tests of common/: buffers, interning, UTF-8 helpers, atomic files. */
#include "config.h"
#include "tests.h"
#include "common/util.h"

#include <errno.h>
#include <stdlib.h>
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
      !CU_add_test(s, "utf8", test_utf8) || !CU_add_test(s, "atomic", test_atomic) ||
      !CU_add_test(s, "strerror", test_strerror))
    return -1;
  return 0;
}
