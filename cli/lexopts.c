/* The lexicon options every lexicon-using command shares. */
#include "config.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void cli_lexopts_init(cli_lexopts *o) { memset(o, 0, sizeof *o); }

void cli_lexopts_free(cli_lexopts *o) {
  free(o->files);
  memset(o, 0, sizeof *o);
}

static int add_file(const char *cmd, cli_lexopts *o, const char *f) {
  if (!*f) {
    cli_error(cmd, "--lexicon needs a file name");
    return -1;
  }
  const char **v = realloc(o->files, (o->nfiles + 1) * sizeof *v);
  if (!v) {
    cli_error(cmd, "out of memory");
    return -1;
  }
  o->files = v;
  o->files[o->nfiles++] = f;
  return 1;
}

int cli_lexopts_arg(const char *cmd, cli_lexopts *o, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  if (strncmp(a, "--lexicon=", 10) == 0)
    return add_file(cmd, o, a + 10);
  if (strcmp(a, "--lexicon") == 0) {
    if (*i + 1 >= argc) {
      cli_error(cmd, "--lexicon needs a file name");
      return -1;
    }
    return add_file(cmd, o, argv[++*i]);
  }
  if (strcmp(a, "--no-default-lexicon") == 0) {
    o->no_default = 1;
    return 1;
  }
  return 0;
}

const char *cli_freedict_path(void) {
  static char path[4096];
  const char *env = getenv("PADAN_FREEDICT");
  const char *stem = env ? env : "/usr/share/dictd/freedict-eng-ind";
  if (!*stem)
    return NULL;
  snprintf(path, sizeof path, "%s.index", stem);
  struct stat st;
  if (stat(path, &st) != 0)
    return NULL;
  snprintf(path, sizeof path, "%s.dict.dz", stem);
  if (stat(path, &st) != 0)
    return NULL;
  snprintf(path, sizeof path, "%s", stem);
  return path;
}

static int load(const char *cmd, padan_lexicon *lex, const char *path, unsigned flags) {
  int rc = padan_lexicon_load_flags(lex, path, PADAN_LEXFMT_AUTO, flags);
  if (rc) {
    cli_error(cmd, "%s", padan_lexicon_errmsg(lex));
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

int cli_lexicon_open(const char *cmd, const cli_lexopts *o, padan_lexicon **out) {
  *out = NULL;
  padan_lexicon *lex = padan_lexicon_new();
  if (!lex) {
    cli_error(cmd, "out of memory");
    return EXIT_ERROR;
  }
  if (!o->no_default) {
    const char *cur = cli_data_file("lexicon.tsv");
    if (!cur)
      cli_warn(cmd, "the curated lexicon dicts/lexicon.tsv was not found (set PADAN_DATADIR)");
    else if (load(cmd, lex, cur, 0)) {
      padan_lexicon_free(lex);
      return EXIT_ERROR;
    }
    const char *fd = o->no_base ? NULL : cli_freedict_path();
    if (fd && padan_lexicon_load_flags(lex, fd, PADAN_LEXFMT_DICTD, PADAN_LEXICON_BASE)) {
      /* a broken system dictionary should not stop the curated lexicon */
      cli_warn(cmd, "%s (FreeDict left out)", padan_lexicon_errmsg(lex));
    }
  }
  for (size_t i = 0; i < o->nfiles; i++)
    if (load(cmd, lex, o->files[i], 0)) {
      padan_lexicon_free(lex);
      return EXIT_ERROR;
    }
  *out = lex;
  return EXIT_DONE;
}
