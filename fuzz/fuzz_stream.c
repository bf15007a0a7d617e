/* libFuzzer target: the CLI's streaming decoder (cli/stream.c) with blocks of
 * 64 and 16 bytes instead of 4 MiB and 1 MiB, so that short inputs take the
 * piecewise paths (UTF-16 cut after a LF code unit or between code units,
 * never inside a surrogate pair; single-byte families; strict UTF-8; auto with
 * its fallback; through iconv: UTF-32, multibyte and stateful ones). Byte 1
 * picks the encoding, byte 2 whether long lines are cut after a space; the
 * rest is the file. The pieces put together must be what padan_decode gives
 * for the whole file (unless auto fell back to Windows-1252), and the stream
 * must fail exactly when that does. */
#include "config.h"
#define FIRST_BLOCK ((size_t)64)
#define RAW_BLOCK ((size_t)16)
#include "cli/stream.c"

#include <stdint.h>
#include <unistd.h>

/* What the CLI's util.c would do, reduced to what the stream calls. */
const char *cli_progname = "padan";
static int failed;
void cli_error(const char *cmd, const char *fmt, ...) {
  (void)cmd, (void)fmt;
  failed = 1;
}
void cli_warn_fallback(const char *cmd, const char *shown, size_t line) {
  (void)cmd, (void)shown, (void)line;
}
void cli_progress_input(const char *cmd, FILE *fp) { (void)cmd, (void)fp; }
void cli_progress_read(const char *cmd, size_t n, int eof) { (void)cmd, (void)n, (void)eof; }
int cli_input_opened(FILE *fp) {
  (void)fp;
  return PADAN_OK;
}

static const char *const encodings[] = {
    "utf-16le", "utf-16be", "utf-16",    "utf-8",     "windows-1252", "iso-8859-2", "koi8-r",
    "cp1251",   "auto",     "utf-32",    "utf-32be",  "gb18030",      "shift_jis",  "iso-2022-jp"};
static char path[64];
static void cleanup(void) { unlink(path); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2)
    return 0;
  if (!path[0]) {
    snprintf(path, sizeof path, "/tmp/padan-fuzz-stream.XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
      abort();
    close(fd);
    atexit(cleanup);
  }
  const char *enc = encodings[data[0] % (sizeof encodings / sizeof encodings[0])];
  const char *text = (const char *)data + 2;
  size_t len = size - 2;
  FILE *fp = fopen(path, "wb");
  if (!fp || fwrite(text, 1, len, fp) != len || fclose(fp))
    return 0; /* no room for the file: not the code's fault */
  /* the whole file at once */
  char *whole = NULL;
  size_t wlen = 0;
  padan_decode_info info;
  int wrc = padan_decode(text, len, enc, &whole, &wlen, &info);
  /* the stream, piece by piece */
  failed = 0;
  cli_stream *s;
  if (cli_stream_open("fuzz", path, enc, &s) != EXIT_DONE)
    abort();
  cli_stream_set_words(s, data[1] & 1);
  pd_buf all, piece;
  pd_buf_init(&all), pd_buf_init(&piece);
  int eof = 0, src = EXIT_DONE;
  while (!eof && src == EXIT_DONE) {
    pd_buf_clear(&piece);
    src = cli_stream_read(s, &piece, &eof);
    if (src == EXIT_DONE && piece.len && pd_buf_append(&all, piece.p, piece.len))
      abort();
  }
  cli_stream_close(s);
  if ((wrc != PADAN_OK) != (src != EXIT_DONE))
    abort(); /* one failed, the other did not */
  /* (auto falling back to Windows-1252 does so from the line of the first
     invalid byte in a stream, for the whole file when read whole) */
  if (wrc == PADAN_OK && !info.fallback &&
      (all.len != wlen || (wlen && memcmp(all.p, whole, wlen) != 0)))
    abort(); /* the pieces are not the whole */
  free(whole);
  pd_buf_free(&all), pd_buf_free(&piece);
  return 0;
}
