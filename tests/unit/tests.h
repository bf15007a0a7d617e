/* CUnit suites, one per module; each adds itself to the registry. */
#ifndef PADAN_TESTS_H
#define PADAN_TESTS_H
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

/* Path of a file under tests/fixtures (static buffer). */
const char *test_fixture(const char *name);
/* The bytes of a file (malloc'd, NUL-terminated, *len without the NUL), read
 * with pd_read_file; a failure fails the running test. */
char *test_read_fixture(const char *path, size_t *len);
/* What write(fp, s, len) writes, as a malloc'd string (open_memstream). */
char *test_written(void (*write)(FILE *, const char *, size_t), const char *s, size_t len);

int suite_common(void);
int suite_text(void);
int suite_lexicon(void);
int suite_spell(void);
int suite_align(void);
int suite_terms(void);
int suite_glossary(void);
int suite_check(void);

#define ASSERT_STR_N(actual, n, expected)                                                      \
  do {                                                                                         \
    size_t _n = (n);                                                                           \
    CU_ASSERT_EQUAL(_n, strlen(expected));                                                     \
    if (_n == strlen(expected))                                                                \
      CU_ASSERT_NSTRING_EQUAL((actual), (expected), _n);                                       \
  } while (0)
#endif
