/* padan — shared status codes and version.
 *
 * Every fallible call in libpadan returns an int status: PADAN_OK (0) or one of
 * the negative codes below. Results come back through out-parameters. Handles
 * keep a detailed message (e.g. "lexicon.tsv:42: missing TAB") that stays valid
 * until the next call on the same handle.
 */
#ifndef PADAN_COMMON_H
#define PADAN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum padan_status {
  PADAN_OK = 0,
  PADAN_ENOMEM = -1,  /* out of memory */
  PADAN_EIO = -2,     /* a file could not be opened, read or written */
  PADAN_EUTF8 = -3,   /* invalid UTF-8 (or undecodable bytes in the given encoding) */
  PADAN_EFORMAT = -4, /* malformed input in a structured format */
  PADAN_EDICT = -5,   /* a dictionary is missing or unusable */
  PADAN_EARG = -6,    /* an invalid argument */
  PADAN_EBINARY = -7, /* the input looks binary (NUL bytes) */
  PADAN_ELIMIT = -8   /* an input exceeds a documented limit */
};

/* Static English text for a status code; never NULL, never freed. */
const char *padan_strerror(int status);

/* The library version, e.g. "0.1.0"; static. */
const char *padan_version(void);

/* Removes the temporary files of the outputs being written (the library
 * writes a file beside its target and renames it over the target when done,
 * so a failed write never leaves half a file). Only for a signal handler of
 * a program about to die (SIGINT, SIGTERM...): it is async-signal-safe and
 * calls only unlink(); the targets are left as they were. */
void padan_remove_pending_outputs(void);

#ifdef __cplusplus
}
#endif
#endif
