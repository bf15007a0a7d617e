/* spell/ internals shared by its files and the unit tests. Not installed. */
#ifndef PD_SPELL_INT_H
#define PD_SPELL_INT_H
#include <padan/spell.h>
#include "common/util.h"

/* Case class of a UTF-8 word: 0 lower (or no letters), 1 Title, 2 ALL CAPS, 3 mixed. */
int pd_spell_case(const char *w, size_t n);

/* Weighted Damerau-Levenshtein distance (optimal string alignment) between the
 * folded typed word a and a candidate b: transpositions, keyboard-adjacent and
 * vowel substitutions, doubled letters are cheaper than other edits. */
double pd_spell_distance(const char *a, size_t an, const char *b, size_t bn);

/* Sets the piece size of a pipe session (default PADAN_SPELL_PIPE_MAX_LINE;
 * at least 8), so that tests and fuzzing reach the long-line paths with short
 * input. */
void pd_spell_pipe_set_max(padan_spell_pipe *p, size_t max);
#endif
