/* Built-in abbreviation table (generated from dicts/abbrev-id.txt). Internal. */
#ifndef PD_ABBREV_H
#define PD_ABBREV_H
#include <stddef.h>

typedef struct {
  const char *s; /* with its period(s) */
  int len;
  int title; /* 1: a title or address form, never the end of a sentence */
} pd_abbrev;

extern const pd_abbrev pd_abbrevs[];
extern const size_t pd_nabbrevs;
#endif
