/* Streaming input: a file decoded piece by piece, each piece cut at a line end,
 * so that a command working line by line holds a bounded amount of it.
 *
 * Decoding keeps the whole-file rules of cli_read_text wherever it can:
 * - a file that fits in the first block (4 MiB) is decoded whole, exactly as
 *   cli_read_text does;
 * - UTF-16 (by BOM or --encoding) is read in pieces that end after a LF code
 *   unit (a long line is cut at an even byte, never inside a surrogate pair
 *   or between CR and LF);
 * - so are the single-byte families ISO-8859-*, Windows-125x / CP125x and
 *   KOI8-* (each byte a character, LF the byte 0x0A); every other encoding
 *   iconv knows (UTF-32, multibyte ones such as GB18030 or Shift_JIS, stateful
 *   ones such as ISO-2022-JP) goes through one iconv descriptor kept open for
 *   the file, block by block (a character cut by a block's end waits for the
 *   next), and the decoded text is cut after its last LF;
 * - otherwise pieces end after a LF (a line longer than 1 MiB is cut at a
 *   character boundary, never between CR and LF); strict UTF-8 reports the
 *   first invalid byte by its offset in the file; "auto" reads UTF-8 until the
 *   first invalid byte and from the line holding it on Windows-1252 (whole-file
 *   decoding would read the whole file as Windows-1252), with a warning naming
 *   the line; a NUL byte stops the command with "binary file" after the lines
 *   before it were processed. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* (fuzz/fuzz_stream.c defines them small, so that short inputs take every path) */
#ifndef FIRST_BLOCK
#define FIRST_BLOCK ((size_t)4 << 20)
#endif
#ifndef RAW_BLOCK
#define RAW_BLOCK ((size_t)1 << 20)
#endif

enum { M_UTF8 = 1, M_AUTO, M_BYTE, M_UTF16LE, M_UTF16BE, M_ICONV };

struct cli_stream {
  const char *cmd, *encoding;
  char shown[1024];
  FILE *fp;
  int eof;        /* nothing more to read from fp */
  int done;       /* everything handed out */
  int mode;       /* 0 until the first block was read */
  int fallback;   /* auto mode switched to Windows-1252 */
  int first;      /* the next piece starts the file */
  int words;      /* cut long lines after a space, best after a sentence end */
  char enc_name[64]; /* M_BYTE, M_ICONV: the encoding's name */
  iconv_t cd;     /* M_ICONV: open for the whole file */
  pd_buf dec;     /* M_ICONV: decoded text, not yet handed out */
  pd_buf raw;     /* bytes read, not yet decoded */
  size_t raw_off; /* file offset of raw.p[0] */
  size_t line;    /* 1-based line at raw.p[0] */
};

int cli_stream_open(const char *cmd, const char *path, const char *encoding, cli_stream **out) {
  *out = NULL;
  cli_stream *s = calloc(1, sizeof *s);
  if (!s) {
    cli_error(cmd, "out of memory");
    return EXIT_ERROR;
  }
  s->cmd = cmd, s->encoding = encoding;
  snprintf(s->shown, sizeof s->shown, "%s", strcmp(path, "-") == 0 ? "(standard input)" : path);
  s->fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!s->fp) {
    cli_error(cmd, "%s: %s", s->shown, strerror(errno));
    free(s);
    return EXIT_ERROR;
  }
  if (cli_input_opened(s->fp) != PADAN_OK) {
    cli_error(cmd, "out of memory");
    if (s->fp != stdin)
      fclose(s->fp);
    free(s);
    return EXIT_ERROR;
  }
  pd_buf_init(&s->raw);
  pd_buf_init(&s->dec);
  s->cd = (iconv_t)-1;
  s->first = 1, s->line = 1;
  cli_progress_input(cmd, s->fp);
  *out = s;
  return EXIT_DONE;
}

void cli_stream_set_name(cli_stream *s, const char *path) {
  snprintf(s->shown, sizeof s->shown, "%s", strcmp(path, "-") == 0 ? "(standard input)" : path);
}

void cli_stream_close(cli_stream *s) {
  if (!s)
    return;
  if (s->fp && s->fp != stdin)
    fclose(s->fp);
  if (s->cd != (iconv_t)-1)
    iconv_close(s->cd);
  pd_buf_free(&s->raw);
  pd_buf_free(&s->dec);
  free(s);
}

/* Reads until raw holds `want` bytes or the file ends, a block at a time
 * (want may be SIZE_MAX - 1: the whole file). */
static int fill(cli_stream *s, size_t want) {
  while (!s->eof && s->raw.len < want) {
    size_t room = want - s->raw.len;
    if (room > RAW_BLOCK)
      room = RAW_BLOCK;
    if (pd_buf_reserve(&s->raw, room)) {
      cli_error(s->cmd, "%s: out of memory", s->shown);
      return EXIT_ERROR;
    }
    size_t k = fread(s->raw.p + s->raw.len, 1, room, s->fp);
    cli_progress_read(s->cmd, k, k < room);
    s->raw.len += k;
    s->raw.p[s->raw.len] = '\0';
    if (k < room) {
      if (ferror(s->fp)) {
        cli_error(s->cmd, "%s: %s", s->shown, strerror(errno ? errno : EIO));
        return EXIT_ERROR;
      }
      s->eof = 1;
    }
  }
  return EXIT_DONE;
}

static int eqi(const char *a, const char *b) { return strcasecmp(a, b) == 0; }

/* "LE" or "BE" when p[0..n) looks like UTF-16 without a BOM (ASCII text with
 * a NUL byte beside most of its bytes), else NULL. */
static const char *utf16_guess(const char *p, size_t n) {
  size_t nul[2] = {0, 0}, k = n < 4096 ? n & ~(size_t)1 : 4096;
  for (size_t i = 0; i < k; i++)
    nul[i & 1] += p[i] == '\0';
  if (k < 4)
    return NULL;
  if (nul[1] * 4 >= k * 3 / 2 && nul[0] * 8 < k / 2)
    return "LE";
  if (nul[0] * 4 >= k * 3 / 2 && nul[1] * 8 < k / 2)
    return "BE";
  return NULL;
}

/* The message of a failed padan_decode, as cli_read_text words it. With auto,
 * an error names the encoding a BOM chose (UTF-16, UTF-32), and a "binary
 * file" that looks like UTF-16 without a BOM says which --encoding to try. */
static int decode_error(cli_stream *s, int rc, const char *enc, const padan_decode_info *info,
                        size_t off) {
  int auto_ = !enc || !*enc || eqi(enc, "auto");
  if (auto_ && info->encoding)
    enc = info->encoding, auto_ = 0;
  const char *u16 = rc == PADAN_EBINARY && auto_ && s->raw_off == 0 ? utf16_guess(s->raw.p, s->raw.len) : NULL;
  switch (rc) {
  case PADAN_EUTF8:
    if (auto_ || eqi(enc, "utf-8") || eqi(enc, "utf8"))
      cli_error(s->cmd, "%s: invalid UTF-8 at byte %zu", s->shown, off + info->bad_offset);
    else
      cli_error(s->cmd, "%s: invalid %s at byte %zu", s->shown, enc, off + info->bad_offset);
    break;
  case PADAN_EBINARY:
    if (u16)
      cli_error(s->cmd, "%s: binary file (or UTF-16%s without a byte-order mark: try --encoding=utf-16%s)",
                s->shown, u16, u16[0] == 'L' ? "le" : "be");
    else
      cli_error(s->cmd, "%s: binary file", s->shown);
    break;
  case PADAN_EARG: cli_error(s->cmd, "unknown encoding '%s'", enc ? enc : ""); break;
  default: cli_error(s->cmd, "%s: %s", s->shown, padan_strerror(rc));
  }
  return EXIT_ERROR;
}

/* Decodes in[0..n) with enc and appends it to out. */
static int decode_to(cli_stream *s, const char *in, size_t n, const char *enc, pd_buf *out,
                     size_t off) {
  char *d;
  size_t dl;
  padan_decode_info info;
  memset(&info, 0, sizeof info);
  int rc = padan_decode(in, n, enc, &d, &dl, &info);
  if (rc)
    return decode_error(s, rc, enc, &info, off);
  /* a BOM is removed only at the start of the file: elsewhere it is U+FEFF */
  int keep_bom = info.had_bom && !(s->first && off == s->raw_off);
  if ((keep_bom && pd_buf_append(out, "\xEF\xBB\xBF", 3)) || pd_buf_append(out, d, dl)) {
    free(d);
    cli_error(s->cmd, "%s: out of memory", s->shown);
    return EXIT_ERROR;
  }
  free(d);
  return EXIT_DONE;
}

static int is16(const cli_stream *s) { return s->mode == M_UTF16LE || s->mode == M_UTF16BE; }

/* The UTF-16 code unit at p[i] (i even: pieces start at even file offsets). */
static unsigned u16at(const cli_stream *s, const char *p, size_t i) {
  const unsigned char *u = (const unsigned char *)p + i;
  return s->mode == M_UTF16LE ? (unsigned)(u[0] | u[1] << 8) : (unsigned)(u[0] << 8 | u[1]);
}

/* Decodes raw[0..n) (whole lines, or a cut long line) in the stream's mode. */
static int decode_piece(cli_stream *s, size_t n, pd_buf *out) {
  const char *p = s->raw.p;
  int rc = EXIT_DONE;
  switch (s->mode) {
  case M_BYTE: rc = decode_to(s, p, n, s->enc_name, out, s->raw_off); break;
  case M_UTF16LE: rc = decode_to(s, p, n, "utf-16le", out, s->raw_off); break;
  case M_UTF16BE: rc = decode_to(s, p, n, "utf-16be", out, s->raw_off); break;
  case M_UTF8: rc = decode_to(s, p, n, "utf-8", out, s->raw_off); break;
  case M_AUTO: {
    if (s->fallback) {
      rc = decode_to(s, p, n, "windows-1252", out, s->raw_off);
      break;
    }
    const char *nul = memchr(p, '\0', n);
    size_t lim = nul ? (size_t)(nul - p) : n;
    size_t ok = pd_utf8_valid_prefix(p, lim);
    if (ok == n) {
      rc = decode_to(s, p, n, "utf-8", out, s->raw_off);
      break;
    }
    if (nul && ok == lim)
      return decode_error(s, PADAN_EBINARY, NULL, &(padan_decode_info){0}, s->raw_off);
    /* UTF-8 up to the line of the first invalid byte, Windows-1252 from there */
    size_t ls = ok;
    while (ls > 0 && p[ls - 1] != '\n')
      ls--;
    size_t bad_line = s->line;
    for (size_t i = 0; i < ls; i++)
      bad_line += p[i] == '\n';
    if (ls && (rc = decode_to(s, p, ls, "utf-8", out, s->raw_off)))
      break;
    s->fallback = 1;
    cli_warn_fallback(s->cmd, s->shown, bad_line);
    size_t skip = s->first && ls == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    rc = decode_to(s, p + ls + skip, n - ls - skip, "windows-1252", out, s->raw_off + ls + skip);
    break;
  }
  }
  if (rc)
    return rc;
  if (is16(s)) {
    for (size_t i = 0; i + 1 < n; i += 2)
      s->line += u16at(s, p, i) == '\n';
  } else {
    for (size_t i = 0; i < n; i++)
      s->line += p[i] == '\n';
  }
  memmove(s->raw.p, s->raw.p + n, s->raw.len - n);
  s->raw.len -= n;
  s->raw_off += n;
  s->first = 0;
  return EXIT_DONE;
}

void cli_stream_set_words(cli_stream *s, int on) { s->words = on; }

/* M_ICONV: decodes what raw holds onto dec; a character cut by the end of
 * what was read stays in raw until more is read (at the end of the file it
 * is an error, as in padan_decode). */
static int iconv_more(cli_stream *s) {
  char *ip = s->raw.p;
  size_t il = s->raw.len, extra = 64;
  while (il) {
    if (pd_buf_reserve(&s->dec, il + il / 2 + extra)) {
      cli_error(s->cmd, "%s: out of memory", s->shown);
      return EXIT_ERROR;
    }
    char *op = s->dec.p + s->dec.len;
    size_t ol = s->dec.cap - s->dec.len - 1;
    size_t r = iconv(s->cd, &ip, &il, &op, &ol);
    int err = errno;
    extra = op == s->dec.p + s->dec.len ? extra * 2 : 64;
    s->dec.len = (size_t)(op - s->dec.p);
    s->dec.p[s->dec.len] = '\0';
    if (r != (size_t)-1 || err == E2BIG)
      continue;
    if (err == EINVAL && !s->eof)
      break;
    padan_decode_info info;
    memset(&info, 0, sizeof info);
    info.bad_offset = (size_t)(ip - s->raw.p);
    return decode_error(s, PADAN_EUTF8, s->enc_name, &info, s->raw_off);
  }
  size_t used = (size_t)(ip - s->raw.p);
  memmove(s->raw.p, ip, s->raw.len - used);
  s->raw.len -= used;
  s->raw_off += used;
  return EXIT_DONE;
}

/* M_ICONV: hands out dec[0..n) with its line ends made LF. */
static int iconv_piece(cli_stream *s, size_t n, pd_buf *out) {
  const char *p = s->dec.p;
  if (memchr(p, '\0', n))
    return decode_error(s, PADAN_EBINARY, s->enc_name, &(padan_decode_info){0}, 0);
  size_t at = out->len, len = n;
  if (pd_buf_append(out, p, n)) {
    cli_error(s->cmd, "%s: out of memory", s->shown);
    return EXIT_ERROR;
  }
  pd_lf_in_place(out->p + at, &len);
  out->len = at + len;
  for (size_t i = 0; i < n; i++)
    s->line += p[i] == '\n';
  memmove(s->dec.p, s->dec.p + n, s->dec.len - n);
  s->dec.len -= n;
  s->first = 0;
  return EXIT_DONE;
}

static int piece(cli_stream *s, size_t n, pd_buf *out) {
  return s->mode == M_ICONV ? iconv_piece(s, n, out) : decode_piece(s, n, out);
}

/* Where to cut a long line of n bytes for a command that must not split words:
 * after the last ". ", "! " or "? " (a sentence end) in the second half of the
 * piece, else after its last space or tab, else at n. Only ASCII bytes are
 * looked at, so the cut is a character boundary in every byte encoding. */
static size_t word_cut(const char *p, size_t n) {
  size_t space = 0;
  for (size_t i = n; i > n / 2; i--) {
    char c = p[i - 1];
    if (c != ' ' && c != '\t')
      continue;
    if (!space)
      space = i;
    if (i >= 2 && (p[i - 2] == '.' || p[i - 2] == '!' || p[i - 2] == '?'))
      return i;
  }
  if (space)
    return space;
  for (size_t i = n / 2; i > 0; i--)
    if (p[i - 1] == ' ' || p[i - 1] == '\t')
      return i;
  return n;
}

/* word_cut for UTF-16: n even, the cut is after a code unit. */
static size_t word_cut16(const cli_stream *s, const char *p, size_t n) {
  size_t space = 0;
  for (size_t i = n; i >= 2 && i > n / 2; i -= 2) {
    unsigned c = u16at(s, p, i - 2);
    if (c != ' ' && c != '\t')
      continue;
    if (!space)
      space = i;
    if (i >= 4) {
      unsigned b = u16at(s, p, i - 4);
      if (b == '.' || b == '!' || b == '?')
        return i;
    }
  }
  if (space)
    return space;
  for (size_t i = (n / 2) & ~(size_t)1; i >= 2; i -= 2)
    if (u16at(s, p, i - 2) == ' ' || u16at(s, p, i - 2) == '\t')
      return i;
  return n;
}

/* The single-byte families streamed like Windows-1252: each byte one
 * character, ASCII as itself, no state. */
static int byte_family(const char *e) {
  if (!e)
    return 0;
  static const char *const pre[] = {"iso-8859-", "iso8859-", "iso_8859-", "windows-125",
                                    "cp125",     "koi8-",    "latin"};
  for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
    if (strncasecmp(e, pre[k], strlen(pre[k])) == 0)
      return 1;
  return 0;
}

int cli_encoding_ascii(const char *e) {
  return !e || !*e || eqi(e, "auto") || eqi(e, "utf-8") || eqi(e, "utf8") || byte_family(e);
}

int cli_stream_read(cli_stream *s, pd_buf *out, int *eof) {
  *eof = 0;
  if (s->done) {
    *eof = 1;
    return EXIT_DONE;
  }
  if (!s->mode) {
    if (fill(s, FIRST_BLOCK))
      return EXIT_ERROR;
    const char *e = s->encoding;
    const unsigned char *u = (const unsigned char *)s->raw.p;
    int auto_ = !e || !*e || eqi(e, "auto");
    int bom32 = s->raw.len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                                    (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF));
    int bom16 = !bom32 && s->raw.len >= 2 &&
                ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
    int u16 = !auto_ && (eqi(e, "utf-16") || eqi(e, "utf16"));
    if (auto_ && bom32)
      s->mode = M_ICONV, e = "UTF-32"; /* as padan_decode reads it */
    else if (auto_ && !bom16)
      s->mode = M_AUTO;
    else if (!auto_ && (eqi(e, "utf-8") || eqi(e, "utf8")))
      s->mode = M_UTF8;
    else if ((auto_ || u16) && bom16)
      s->mode = u[0] == 0xFF ? M_UTF16LE : M_UTF16BE;
    else if (u16 || eqi(e, "utf-16le") || eqi(e, "utf16le"))
      s->mode = M_UTF16LE; /* UTF-16 without a BOM: little-endian, as padan_decode reads it */
    else if (eqi(e, "utf-16be") || eqi(e, "utf16be"))
      s->mode = M_UTF16BE;
    else if (byte_family(e) && strlen(e) < sizeof s->enc_name)
      s->mode = M_BYTE;
    else if (strlen(e) < sizeof s->enc_name)
      s->mode = M_ICONV; /* if iconv knows it: below */
    if (s->mode == M_BYTE || s->mode == M_ICONV)
      snprintf(s->enc_name, sizeof s->enc_name, "%s", e);
    if (s->mode == M_ICONV && !s->eof && (s->cd = iconv_open("UTF-8", e)) == (iconv_t)-1)
      s->mode = 0; /* padan_decode names the unknown encoding */
    if (s->eof || !s->mode) {
      /* small, or not cut at byte line ends: decode the whole file as cli_read_text does */
      if (fill(s, SIZE_MAX - 1))
        return EXIT_ERROR;
      char *d;
      size_t dl;
      padan_decode_info info;
      memset(&info, 0, sizeof info);
      int rc = padan_decode(s->raw.p ? s->raw.p : "", s->raw.len, e, &d, &dl, &info);
      if (rc)
        return decode_error(s, rc, e, &info, 0);
      pd_buf_free(&s->raw);
      if (info.fallback)
        cli_warn_fallback(s->cmd, s->shown, 0);
      rc = pd_buf_append(out, d, dl);
      free(d);
      if (rc) {
        cli_error(s->cmd, "%s: out of memory", s->shown);
        return EXIT_ERROR;
      }
      s->done = 1, *eof = 1;
      return EXIT_DONE;
    }
  }
  /* whole lines: up to the last LF in what was read (M_ICONV: decoded) */
  pd_buf *b = s->mode == M_ICONV ? &s->dec : &s->raw;
  for (;;) {
    if (s->mode == M_ICONV && iconv_more(s))
      return EXIT_ERROR;
    if (is16(s)) {
      for (size_t i = s->raw.len & ~(size_t)1; i >= 2; i -= 2)
        if (u16at(s, s->raw.p, i - 2) == '\n')
          return decode_piece(s, i, out);
    } else {
      const char *nl = b->len ? memrchr(b->p, '\n', b->len) : NULL;
      if (nl)
        return piece(s, (size_t)(nl - b->p) + 1, out);
    }
    if (s->eof) {
      int rc = b->len ? piece(s, b->len, out) : EXIT_DONE;
      s->done = 1, *eof = 1;
      return rc;
    }
    if (s->raw.len >= RAW_BLOCK && is16(s)) {
      /* a long line: cut after a code unit that is not a high surrogate nor a CR */
      size_t cut = s->raw.len & ~(size_t)1;
      unsigned c = u16at(s, s->raw.p, cut - 2);
      if ((c >= 0xD800 && c <= 0xDBFF) || c == '\r')
        cut -= 2;
      if (s->words)
        cut = word_cut16(s, s->raw.p, cut);
      return decode_piece(s, cut, out);
    }
    if (b->len >= RAW_BLOCK) {
      /* a long line: cut at a character start (M_ICONV's decoded text holds
         whole characters), not between CR and LF */
      size_t cut = b->len;
      if (s->mode == M_UTF8 || (s->mode == M_AUTO && !s->fallback)) {
        size_t c = cut;
        while (c > cut - 4 && ((unsigned char)s->raw.p[c - 1] & 0xC0) == 0x80)
          c--;
        if (c > cut - 4 && (unsigned char)s->raw.p[c - 1] >= 0xC0)
          cut = c - 1; /* the last character may be incomplete: keep it for the next piece */
      }
      if (b->p[cut - 1] == '\r')
        cut--;
      if (s->words)
        cut = word_cut(b->p, cut);
      return piece(s, cut, out);
    }
    if (fill(s, s->raw.len + RAW_BLOCK))
      return EXIT_ERROR;
  }
}
