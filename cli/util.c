#include "config.h"
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <time.h>
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

cli_row cli_row_start(FILE *fp, int csv) {
  cli_row r = {fp, csv, 0};
  return r;
}

void cli_row_header(cli_row *r, const char *names) {
  if (!r->csv)
    putc('#', r->fp);
  for (const char *p = names; *p; p++)
    putc(*p == '\t' && r->csv ? ',' : *p, r->fp);
  fputs(r->csv ? "\r\n" : "\n", r->fp);
  r->col = 0;
}

void cli_row_str(cli_row *r, const char *s, size_t n) {
  if (r->col++)
    putc(r->csv ? ',' : '\t', r->fp);
  if (r->csv)
    pd_csv_field(r->fp, s, n);
  else
    pd_tsv_field(r->fp, s, n);
}

void cli_row_fmt(cli_row *r, const char *fmt, ...) {
  char b[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b, sizeof b, fmt, ap);
  va_end(ap);
  cli_row_str(r, b, n < 0 ? 0 : (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

void cli_row_end(cli_row *r) {
  fputs(r->csv ? "\r\n" : "\n", r->fp);
  r->col = 0;
}

static char *joined[64]; /* the joined arguments (reachable until exit) */
static size_t njoined;

void cli_join_values(int *argc, char **argv) {
  static const char *const names[] = {
      "--band",    "--dict",      "--docs",  "--encoding", "--format",    "--from-format",
      "--from",    "--iterations", "--lexicon", "--max-words", "--max",   "--min-count",
      "--min-freq", "--model",    "--reference", "--stopwords", "--terms", "--top",
      "--window"};
  for (int k = 1; k + 1 < *argc; k++) {
    if (strcmp(argv[k], "--") == 0)
      break;
    size_t j = 0;
    while (j < sizeof names / sizeof names[0] && strcmp(argv[k], names[j]) != 0)
      j++;
    if (j == sizeof names / sizeof names[0] || njoined == sizeof joined / sizeof joined[0])
      continue;
    size_t a = strlen(argv[k]), b = strlen(argv[k + 1]);
    char *s = malloc(a + b + 2);
    if (!s)
      return; /* left as it is: the command names the option */
    memcpy(s, argv[k], a);
    s[a] = '=';
    memcpy(s + a + 1, argv[k + 1], b + 1);
    joined[njoined++] = s;
    argv[k] = s;
    memmove(argv + k + 1, argv + k + 2, (size_t)(*argc - k - 2) * sizeof *argv);
    argv[--*argc] = NULL;
  }
}

int cli_number(const char *cmd, const char *opt, const char *v, unsigned long min,
               unsigned long max, unsigned long *out) {
  unsigned long x = 0;
  int ok = *v != '\0';
  for (const char *p = v; ok && *p; p++) {
    unsigned long d = (unsigned long)(unsigned char)*p - '0';
    if (d > 9 || x > (ULONG_MAX - d) / 10)
      ok = 0;
    else
      x = x * 10 + d;
  }
  if (!ok || x < min || x > max) {
    cli_error(cmd, "%s must be a number from %lu to %lu, not '%s'", opt, min, max, v);
    return -1;
  }
  *out = x;
  return 0;
}

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

typedef struct {
  dev_t dev;
  ino_t ino;
} input_id;
static pd_vec inputs; /* input_id of every regular file opened (reachable until exit) */

int cli_input_opened(FILE *fp) {
  struct stat st;
  if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
    return PADAN_OK; /* a pipe or a device cannot be replaced by -o */
  if (!inputs.size)
    pd_vec_init(&inputs, sizeof(input_id));
  input_id *e = pd_vec_push(&inputs);
  if (!e)
    return PADAN_ENOMEM;
  e->dev = st.st_dev, e->ino = st.st_ino;
  return PADAN_OK;
}

/* Is the regular file path (links followed) one of the inputs? */
static int is_input(const char *path) {
  struct stat st;
  if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return 0;
  const input_id *in = inputs.p;
  for (size_t i = 0; i < inputs.n; i++)
    if (in[i].dev == st.st_dev && in[i].ino == st.st_ino)
      return 1;
  return 0;
}

int cli_out_close(const char *cmd, cli_out *o, int ok) {
  if (!o->fp)
    return EXIT_ERROR;
  const char *path = o->at.path ? o->at.path : "(standard output)";
  char shown[4096];
  snprintf(shown, sizeof shown, "%s", path);
  o->fp = NULL;
  if (ok && o->at.tmp && is_input(o->at.target)) {
    cli_error(cmd, "%s: is also an input: not replaced by the output (write it elsewhere)", shown);
    ok = 0;
  }
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

/* Progress: one line on stderr, redrawn at most 4 times a second, of the
 * command's own stage (cli_progress) and of the bytes its inputs gave so far
 * (cli_progress_read, from cli/stream.c). */
static struct {
  volatile sig_atomic_t shown;
  const char *cmd;
  char what[96];
  size_t done, total;
  int stage;                /* a stage after the reading: the bytes are not shown */
  unsigned long long bytes, size;
  int size_known;           /* every input so far was a regular file */
  int presized;             /* the sizes of all inputs were added up front */
  double last;
} prog = {0, NULL, "", 0, 0, 0, 0, 0, 1, 0, -1.0};

int cli_progress_quiet_output;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int progress_on(void) {
  static int mode = -1; /* 0 off, 1 forced, 2 stderr a terminal, 3 and stdout too */
  if (mode < 0) {
    const char *force = getenv("PADAN_PROGRESS");
    const char *off = getenv("PADAN_NO_PROGRESS");
    if (off && *off)
      mode = 0;
    else if (force && *force && strcmp(force, "0") != 0)
      mode = 1;
    else if (!isatty(STDERR_FILENO))
      mode = 0;
    else
      mode = isatty(STDOUT_FILENO) ? 3 : 2;
  }
  /* the output going to the same terminal would break into the line */
  return mode == 1 || mode == 2 || (mode == 3 && cli_progress_quiet_output);
}

/* A size, short: "85 kB", "312 MB", "1.2 GB", "12 GB" (decimal units). */
static void put_size(char *out, size_t cap, unsigned long long b) {
  if (b < 1000000ULL)
    snprintf(out, cap, "%llu kB", (b + 999) / 1000);
  else if (b >= 10000000000ULL)
    snprintf(out, cap, "%.0f GB", b / 1e9);
  else if (b >= 1000000000ULL)
    snprintf(out, cap, "%.1f GB", b / 1e9);
  else
    snprintf(out, cap, "%.0f MB", b / 1e6);
}

static void progress_draw(int force) {
  double t = now_s();
  if (!force && prog.last >= 0 && t - prog.last < 0.25)
    return;
  prog.last = t;
  char line[256], a[32], b[32];
  int n = snprintf(line, sizeof line, "%s %s:", cli_progname, prog.cmd ? prog.cmd : "");
  if (prog.what[0] && n < (int)sizeof line) {
    if (prog.total)
      n += snprintf(line + n, sizeof line - (size_t)n, " %s %zu/%zu", prog.what, prog.done,
                    prog.total);
    else if (prog.done)
      n += snprintf(line + n, sizeof line - (size_t)n, " %s %zu", prog.what, prog.done);
    else
      n += snprintf(line + n, sizeof line - (size_t)n, " %s", prog.what);
  }
  if (!prog.stage && prog.bytes && n < (int)sizeof line) {
    put_size(a, sizeof a, prog.bytes);
    if (prog.size_known && prog.size >= prog.bytes && prog.size) {
      put_size(b, sizeof b, prog.size);
      n += snprintf(line + n, sizeof line - (size_t)n, "%s %s of %s read (%.0f%%)",
                    prog.what[0] ? "," : "", a, b, 100.0 * (double)prog.bytes / (double)prog.size);
    } else {
      n += snprintf(line + n, sizeof line - (size_t)n, "%s %s read", prog.what[0] ? "," : "", a);
    }
  }
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
  prog.shown = 1;
}

void cli_progress(const char *cmd, const char *what, size_t done, size_t total) {
  if (!progress_on())
    return;
  prog.cmd = cmd;
  snprintf(prog.what, sizeof prog.what, "%s", what ? what : "");
  prog.done = done, prog.total = total;
  progress_draw(total && done == total);
}

void cli_progress_stage(const char *cmd, const char *what, size_t done, size_t total) {
  if (!progress_on())
    return;
  prog.stage = 1;
  prog.cmd = cmd;
  if (total)
    snprintf(prog.what, sizeof prog.what, "%s, %.0f%%", what ? what : "",
             100.0 * (double)done / (double)total);
  else
    snprintf(prog.what, sizeof prog.what, "%s", what ? what : "");
  prog.done = prog.total = 0;
  progress_draw(total && done == total);
}

void cli_progress_pass(const char *cmd, const char *what) {
  if (!progress_on())
    return;
  prog.cmd = cmd;
  snprintf(prog.what, sizeof prog.what, "%s", what);
  prog.done = prog.total = 0, prog.stage = 0;
  prog.bytes = prog.size = 0, prog.size_known = 1, prog.presized = 0;
}

void cli_progress_input(const char *cmd, FILE *fp) {
  if (!progress_on())
    return;
  struct stat st;
  prog.cmd = cmd;
  if (fp && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
    if (!prog.presized)
      prog.size += (unsigned long long)st.st_size;
  } else {
    prog.size_known = 0;
  }
}

void cli_progress_files(const char *cmd, const char *const *files, size_t n) {
  if (!progress_on())
    return;
  struct stat st;
  prog.cmd = cmd;
  prog.presized = 1;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(files[i], "-") != 0 && stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
      prog.size += (unsigned long long)st.st_size;
    else
      prog.size_known = 0;
  }
}

void cli_progress_read(const char *cmd, size_t n, int eof) {
  if (!progress_on())
    return;
  prog.cmd = cmd;
  prog.bytes += n;
  prog.stage = 0;
  progress_draw(eof);
}

/* SIGINT, SIGTERM, SIGHUP: the outputs being written are removed (their
 * targets stay as they were), the progress line is cleared, and the signal
 * kills the process as it would have (the shell sees 128 + its number). */
static void on_signal(int sig) {
  padan_remove_pending_outputs();
  if (prog.shown)
    (void)!write(STDERR_FILENO, "\r\033[K", 4);
  signal(sig, SIG_DFL);
  raise(sig);
}

void cli_signals_install(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* a signal ignored when we started (nohup, a background job) stays so */
    if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
      sigaction(sigs[k], &sa, NULL);
  }
}

void cli_progress_end(void) {
  if (prog.shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    prog.shown = 0;
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
