/* PLACEHOLDER: replaced by the text/ work. */
#include "config.h"
#include "cli.h"
int cmd_tokenize(int argc, char **argv) { (void)argc; (void)argv; return EXIT_ERROR; }
