#include "config.h"
#include "tests.h"
#include "common/util.h"
#include <padan/common.h>

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>

const char *test_fixture(const char *name) {
  static char path[4096];
  const char *top = getenv("top_srcdir");
  snprintf(path, sizeof path, "%s/tests/fixtures/%s", top ? top : ".", name);
  return path;
}

char *test_read_fixture(const char *path, size_t *len) {
  char *data = NULL;
  CU_ASSERT_EQUAL_FATAL(pd_read_file(path, &data, len), PADAN_OK);
  return data;
}

char *test_written(void (*write)(FILE *, const char *, size_t), const char *s, size_t len) {
  char *buf = NULL;
  size_t cap = 0;
  FILE *ms = open_memstream(&buf, &cap);
  CU_ASSERT_PTR_NOT_NULL_FATAL(ms);
  write(ms, s, len);
  fclose(ms);
  return buf;
}

int main(void) {
  if (CU_initialize_registry() != CUE_SUCCESS)
    return 99;
  int (*suites[])(void) = {suite_common, suite_text, suite_spell, suite_align, suite_terms, suite_lexicon, suite_glossary, suite_check};
  for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
    if (suites[i]()) {
      fprintf(stderr, "cannot register suite %zu\n", i);
      CU_cleanup_registry();
      return 99;
    }
  CU_basic_set_mode(CU_BRM_VERBOSE);
  CU_basic_run_tests();
  unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
  CU_cleanup_registry();
  return failed ? 1 : 0;
}
