/* Indonesian morphology hints for term extraction (internal).
 * Affix shapes say whether a word is a verbal form (meN-, di-, ber-, ter-) or a
 * derived noun (per-/pe-/ke-...-an, -an, -asi, -isme, -itas); an optional
 * Hunspell dictionary confirms that the stem left after the prefix is a word. */
#ifndef PD_TERMS_MORPH_H
#define PD_TERMS_MORPH_H

#include <stddef.h>

enum {
  PD_MORPH_VERB = 1 << 0,  /* meN- or di- verbal form: never a term word */
  PD_MORPH_VHEAD = 1 << 1, /* ber- or ter- form: not a term head, fine as a modifier */
  PD_MORPH_NOUN = 1 << 2   /* derived noun shape: a likely term head */
};

typedef struct pd_morph pd_morph;

/* Opens Hunspell on aff/dic. err receives a message on failure.
 * Returns PADAN_OK, PADAN_EIO (a file cannot be read) or PADAN_EDICT. */
int pd_morph_open(pd_morph **out, const char *aff, const char *dic, char *err, size_t errlen);
void pd_morph_free(pd_morph *m);

/* 1 when the dictionary knows the lower-case UTF-8 word, else 0 (also for
 * words that cannot be written in the dictionary's encoding). */
int pd_morph_known(pd_morph *m, const char *w, size_t len);

/* Classifies a lower-case (case-folded) UTF-8 word; m may be NULL (shape
 * rules only, stricter). Returns PD_MORPH_* bits. */
int pd_morph_classify(pd_morph *m, const char *w, size_t len);

#endif
