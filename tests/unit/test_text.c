/* PLACEHOLDER: replaced by the text/ work. */
#include "config.h"
#include "tests.h"
int suite_text(void) { return CU_add_suite("text", NULL, NULL) ? 0 : -1; }
