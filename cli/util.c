#include "config.h"
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_progname = "padan";

static void vmsg(const char *cmd, const char *kind, const char *fmt, va_list ap) {
  cli_progress_end();
  if (cmd)
    fprintf(stderr, "%s %s: %s", cli_progname, cmd, kind);
  else
    fprintf(stderr, "%s: %s", cli_progname, kind);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void cli_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg(cmd, "", fmt, ap);
  va_end(ap);
}

void cli_warn(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg(cmd, "warning: ", fmt, ap);
  va_end(ap);
}

static const struct {
  const char *name;
  int fmt;
} formats[] = {{"text", FMT_TEXT}, {"tsv", FMT_TSV},       {"csv", FMT_CSV},
               {"json", FMT_JSON}, {"tbx", FMT_TBX},       {"tbx2", FMT_TBX2},
               {"omegat", FMT_OMEGAT}, {"md", FMT_MD},     {"html", FMT_HTML},
               {"lexicon", FMT_LEXICON}};

int cli_parse_format(const char *cmd, const char *value, int allowed) {
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(value, formats[i].name) == 0) {
      if (allowed & formats[i].fmt)
        return formats[i].fmt;
      break;
    }
  pd_buf b;
  pd_buf_init(&b);
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (allowed & formats[i].fmt)
      pd_buf_printf(&b, "%s%s", b.len ? ", " : "", formats[i].name);
  cli_error(cmd, "unknown format '%s' (choose from: %s)", value, b.p ? b.p : "");
  pd_buf_free(&b);
  return 0;
}

void cli_warn_fallback(const char *cmd, const char *shown, size_t line) {
  static char **warned; /* the files warned about, kept to the end */
  static size_t nwarned;
  for (size_t i = 0; i < nwarned; i++)
    if (strcmp(warned[i], shown) == 0)
      return;
  char **w = realloc(warned, (nwarned + 1) * sizeof *w);
  if (w) {
    warned = w;
    if ((w[nwarned] = strdup(shown)) != NULL)
      nwarned++;
  }
  if (line)
    cli_warn(cmd, "%s: not valid UTF-8 from line %zu on, read as Windows-1252", shown, line);
  else
    cli_warn(cmd, "%s: not valid UTF-8, read as Windows-1252", shown);
}

int cli_read_text(const char *cmd, const char *path, const char *encoding, char **text,
                  size_t *len) {
  char *raw;
  size_t rawlen;
  const char *shown = strcmp(path, "-") == 0 ? "(standard input)" : path;
  *text = NULL, *len = 0;
  int rc = pd_read_file(path, &raw, &rawlen);
  if (rc == PADAN_EIO) {
    cli_error(cmd, "%s: %s", shown, strerror(errno));
    return EXIT_ERROR;
  }
  if (rc) {
    cli_error(cmd, "%s: %s", shown, padan_strerror(rc));
    return EXIT_ERROR;
  }
  padan_decode_info info;
  memset(&info, 0, sizeof info);
  rc = padan_decode(raw, rawlen, encoding, text, len, &info);
  free(raw);
  switch (rc) {
  case PADAN_OK:
    if (info.fallback)
      cli_warn_fallback(cmd, shown, 0);
    return EXIT_DONE;
  case PADAN_EUTF8:
    if (!encoding || strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0)
      cli_error(cmd, "%s: invalid UTF-8 at byte %zu", shown, info.bad_offset);
    else
      cli_error(cmd, "%s: invalid %s at byte %zu", shown, encoding, info.bad_offset);
    return EXIT_ERROR;
  case PADAN_EBINARY:
    cli_error(cmd, "%s: binary file", shown);
    return EXIT_ERROR;
  case PADAN_EARG:
    cli_error(cmd, "unknown encoding '%s'", encoding ? encoding : "");
    return EXIT_ERROR;
  default:
    cli_error(cmd, "%s: %s", shown, padan_strerror(rc));
    return EXIT_ERROR;
  }
}

int cli_out_open(const char *cmd, cli_out *o, const char *path) {
  if (pd_atomic_open(&o->at, path)) {
    cli_error(cmd, "%s: cannot write: %s", path, strerror(errno));
    o->fp = NULL;
    return EXIT_ERROR;
  }
  o->fp = o->at.fp;
  return EXIT_DONE;
}

int cli_out_close(const char *cmd, cli_out *o, int ok) {
  if (!o->fp)
    return EXIT_ERROR;
  const char *path = o->at.path ? o->at.path : "(standard output)";
  char shown[4096];
  snprintf(shown, sizeof shown, "%s", path);
  o->fp = NULL;
  if (!ok) {
    pd_atomic_abort(&o->at);
    return EXIT_ERROR;
  }
  if (pd_atomic_commit(&o->at)) {
    cli_error(cmd, "%s: write failed: %s", shown, strerror(errno));
    return EXIT_ERROR;
  }
  return EXIT_DONE;
}

static int progress_shown;

void cli_progress(const char *cmd, const char *what, size_t done, size_t total) {
  static int tty = -1;
  if (tty < 0)
    tty = isatty(STDERR_FILENO) && !getenv("PADAN_NO_PROGRESS");
  if (!tty)
    return;
  if (total)
    fprintf(stderr, "\r%s %s: %s %zu/%zu", cli_progname, cmd, what, done, total);
  else
    fprintf(stderr, "\r%s %s: %s %zu", cli_progname, cmd, what, done);
  progress_shown = 1;
}

void cli_progress_end(void) {
  if (progress_shown) {
    fputs("\r\033[K", stderr);
    progress_shown = 0;
  }
}

void cli_json_str(FILE *fp, const char *s, size_t len) { pd_json_str(fp, s, len); }

const char *cli_data_file(const char *name) {
  static char path[4096];
  const char *dirs[3] = {getenv("PADAN_DATADIR"), PADAN_PKGDATADIR, PADAN_SRCDATADIR};
  for (int i = 0; i < 3; i++) {
    if (!dirs[i] || !*dirs[i])
      continue;
    snprintf(path, sizeof path, "%s/%s", dirs[i], name);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
      return path;
    if (i == 0)
      return NULL; /* an explicit PADAN_DATADIR is not second-guessed */
  }
  return NULL;
}
