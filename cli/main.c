/* padan: the command-line front end. Dispatches to cmd_*.c. */
#include "config.h"
#include "cli.h"

#include <locale.h>
#include <string.h>

static const struct {
  const char *name;
  cli_cmd_fn fn;
  const char *summary;
} commands[] = {
    {"tokenize", cmd_tokenize, "split text into sentences and typed tokens"},
    {"spell", cmd_spell, "spell-check Indonesian text (misspellings, non-standard forms)"},
    {"terms", cmd_terms, "ranked domain terms with variants and a context"},
    {"lexicon", cmd_lexicon, "look up, import, export, lint, count the bilingual lexicon"},
    {"align", cmd_align, "align the sentences of an Indonesian text and its English version"},
    {"learn", cmd_learn, "learn term pairs from parallel text by word alignment"},
    {"glossary", cmd_glossary, "the terms of Indonesian articles with their English equivalents"},
    {"check", cmd_check, "term consistency of a translation; source-side variants"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: padan COMMAND [OPTIONS] [FILE...]\n"
          "       padan --help | --version\n\n"
          "Indonesian-to-English terminology toolkit.\n\nCommands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(fp, "\nRun 'padan COMMAND --help' for a command's options.\n"
              "Exit status: 0 done, 1 findings reported, 2 usage or input error.\n");
}

int main(int argc, char **argv) {
  setlocale(LC_CTYPE, "C.UTF-8");
  cli_signals_install();
  if (argc < 2) {
    usage(stderr);
    return EXIT_ERROR;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    if (strcmp(cmd, "help") == 0 && argc > 2) {
      for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[2], commands[i].name) == 0) {
          char *av[] = {argv[2], "--help", NULL};
          return commands[i].fn(2, av);
        }
    }
    usage(stdout);
    return EXIT_DONE;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    printf("padan %s\n", padan_version());
    return EXIT_DONE;
  }
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(cmd, commands[i].name) == 0) {
      int rc = commands[i].fn(argc - 1, argv + 1);
      cli_progress_end();
      return rc;
    }
  cli_error(NULL, "unknown command '%s' (see 'padan --help')", cmd);
  return EXIT_ERROR;
}
