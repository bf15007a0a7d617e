/* padan tokenize: sentences and typed tokens as TSV, CSV, JSON or plain text.
 * Files are processed one at a time and each line is tokenized and printed
 * before the next (a newline always ends a sentence), so memory does not grow
 * with the number of documents nor with the size of a file: input is read and
 * decoded in pieces of whole lines (cli/stream.c), and a paragraph over 4 MiB is
 * tokenized in pieces cut after a sentence end (with --lines such a line is
 * several sentences, each piece one). */
#include "config.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "Usage: padan tokenize [--lines] [--format=tsv|csv|json|text] [--encoding=E] [-o FILE]\n"
    "       [FILE...]\n"
    "Splits Indonesian text into sentences and typed tokens (word, number, date, time,\n"
    "currency, url, domain, email, hashtag, mention, acronym, abbrev, punct, symbol).\n\n"
    "  --lines          each input line is one sentence; offsets are within the line\n"
    "  --format=F       tsv (default): #line start end kind token sent flags base [file]\n"
    "                   csv: the same columns, RFC 4180 (header without '#', CRLF)\n"
    "                   json: documents with their sentences and tokens\n"
    "                   text: one sentence a line, tokens separated by spaces\n"
    "  --encoding=E     auto (default), utf-8, utf-16, utf-16le, utf-16be, windows-1252,\n"
    "                   iso-8859-1 or any name iconv knows. auto: a BOM decides, else\n"
    "                   UTF-8 if valid, else Windows-1252; a file over 4 MiB is read in\n"
    "                   pieces, as UTF-8 up to the line of its first invalid byte and as\n"
    "                   Windows-1252 from there (a warning names the line)\n"
    "  -o, --output=F   write to F (atomically) instead of standard output\n"
    "  -h, --help       this help\n\n"
    "Reads standard input when no FILE (or '-') is given. Offsets are 0-based bytes of the\n"
    "text decoded to UTF-8; lines are 1-based. The `file` column appears with several files.\n"
    "Memory stays bounded whatever the input size: UTF-8, Windows-1252 and ISO-8859-1\n"
    "input is streamed, and a paragraph (with --lines, a line) over 4 MiB is tokenized\n"
    "in pieces cut after a sentence end, each its own sentence with --lines.\n"
    "Exit status: 0 done, 2 usage or input error.\n";

/* A small output buffer: fprintf per field is too slow for tens of MB/s. */
typedef struct {
  FILE *fp;
  char *p;
  size_t len, cap;
  int err;
} obuf;

static void ob_flush(obuf *o) {
  if (o->len && fwrite(o->p, 1, o->len, o->fp) != o->len)
    o->err = 1;
  o->len = 0;
}

static void ob_put(obuf *o, const char *s, size_t n) {
  if (o->len + n > o->cap) {
    ob_flush(o);
    if (n > o->cap) {
      if (fwrite(s, 1, n, o->fp) != n)
        o->err = 1;
      return;
    }
  }
  memcpy(o->p + o->len, s, n);
  o->len += n;
}

static void ob_c(obuf *o, char c) {
  if (o->len == o->cap)
    ob_flush(o);
  o->p[o->len++] = c;
}

static void ob_s(obuf *o, const char *s) { ob_put(o, s, strlen(s)); }

static void ob_u(obuf *o, size_t v) {
  char tmp[24];
  int i = 24;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  ob_put(o, tmp + i, (size_t)(24 - i));
}

/* Writes v in decimal at w; returns the end. */
static char *put_u(char *w, size_t v) {
  size_t n = 1;
  for (size_t x = v; x >= 10; x /= 10)
    n++;
  char *e = w + n;
  do {
    *--e = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return w + n;
}

/* A TSV field: TAB, LF, CR and backslash escaped. */
static void ob_tsv(obuf *o, const char *s, size_t n) {
  size_t i;
  if (n <= 32 && o->cap - o->len >= 32) {
    /* short tokens: copy while checking */
    char *w = o->p + o->len;
    for (i = 0; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      if (c == '\\' || c < 0x20)
        break;
      w[i] = (char)c;
    }
    if (i == n) {
      o->len += n;
      return;
    }
  }
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\\' || c < 0x20)
      break;
  }
  if (i == n) {
    ob_put(o, s, n);
    return;
  }
  for (i = 0; i < n; i++) {
    char c = s[i];
    switch (c) {
    case '\t': ob_put(o, "\\t", 2); break;
    case '\n': ob_put(o, "\\n", 2); break;
    case '\r': ob_put(o, "\\r", 2); break;
    case '\\': ob_put(o, "\\\\", 2); break;
    default: ob_c(o, c);
    }
  }
}

/* A JSON string (pd_json_escape), escaped straight into the buffer. */
static void ob_json(obuf *o, const char *s, size_t n) {
  ob_c(o, '"');
  for (size_t i = 0; i < n;) {
    if (o->cap - o->len < 6)
      ob_flush(o);
    size_t used;
    o->len += pd_json_escape(o->p + o->len, o->cap - o->len, s + i, n - i, &used);
    i += used;
  }
  ob_c(o, '"');
}

static const char *const flag_names[] = {"cap",    "allcaps", "sent_start", "redup",
                                         "hyphen", "apos",    "digit",      "nonascii"};

static void ob_flags(obuf *o, unsigned f, int json) {
  int any = 0;
  if (!f && !json) {
    ob_c(o, '-');
    return;
  }
  for (int b = 0; b < 8; b++) {
    if (!(f & (1u << b)))
      continue;
    if (any)
      ob_c(o, ',');
    if (json)
      ob_c(o, '"');
    ob_s(o, flag_names[b]);
    if (json)
      ob_c(o, '"');
    any = 1;
  }
  if (!any && !json)
    ob_c(o, '-');
}

/* TSV flag column per flag set, built on first use. */
static char flag_str[256][64];
static unsigned char flag_len[256];

static void make_flag_str(unsigned f) {
  size_t l = 0;
  for (int b = 0; b < 8; b++)
    if (f & (1u << b)) {
      size_t n = strlen(flag_names[b]);
      if (l)
        flag_str[f][l++] = ',';
      memcpy(flag_str[f] + l, flag_names[b], n);
      l += n;
    }
  if (!l)
    flag_str[f][l++] = '-';
  flag_len[f] = (unsigned char)l;
}

typedef struct {
  int format, lines, multi;
  const char *file;
  obuf *o;
  size_t sent_no;   /* sentences printed so far in this file */
  int first_sent;   /* JSON: no sentence printed yet in this document */
} outctx;

/* Prints the tokens of one line (line number ln); `text` is the piece that was
 * tokenized, whose first byte has offset `base` (a token at offset o is at
 * text[o - base]). */
static void print_line(outctx *c, const padan_tokens *t, const char *text, size_t base,
                       size_t ln) {
  obuf *o = c->o;
  for (size_t si = 0; si < t->nsent; si++) {
    const padan_sentence *se = &t->sent[si];
    if (se->ntok == 0 && !c->lines)
      continue;
    c->sent_no++;
    if (c->format == FMT_TEXT) {
      for (size_t k = 0; k < se->ntok; k++) {
        const padan_token *tk = &t->tok[se->first + k];
        if (k)
          ob_c(o, ' ');
        ob_tsv(o, text + (tk->start - base), tk->len);
      }
      ob_c(o, '\n');
      continue;
    }
    if (c->format == FMT_JSON) {
      ob_s(o, c->first_sent ? "\n    {\"line\": " : ",\n    {\"line\": ");
      c->first_sent = 0;
      ob_u(o, ln);
      ob_s(o, ", \"start\": ");
      ob_u(o, se->start);
      ob_s(o, ", \"end\": ");
      ob_u(o, se->end);
      ob_s(o, ", \"text\": ");
      ob_json(o, text + (se->start - base), se->end - se->start);
      ob_s(o, ", \"tokens\": [");
      for (size_t k = 0; k < se->ntok; k++) {
        const padan_token *tk = &t->tok[se->first + k];
        ob_s(o, k ? ",\n      {\"start\": " : "\n      {\"start\": ");
        ob_u(o, tk->start);
        ob_s(o, ", \"end\": ");
        ob_u(o, tk->start + tk->len);
        ob_s(o, ", \"kind\": \"");
        ob_s(o, padan_tok_kind_name(tk->kind));
        ob_s(o, "\", \"token\": ");
        ob_json(o, text + (tk->start - base), tk->len);
        if (tk->pre_len || tk->suf_len) {
          size_t bs, bl;
          padan_token_base(tk, &bs, &bl);
          ob_s(o, ", \"base\": ");
          ob_json(o, text + (bs - base), bl);
        }
        ob_s(o, ", \"flags\": [");
        ob_flags(o, tk->flags, 1);
        ob_s(o, "]}");
      }
      ob_s(o, se->ntok ? "\n    ]}" : "]}");
      continue;
    }
    if (c->format == FMT_CSV) {
      /* the TSV's columns through cli_row; the TSV below writes them straight
       * into the buffer, its hot path */
      ob_flush(o);
      cli_row r = cli_row_start(o->fp, 1);
      for (size_t k = 0; k < se->ntok; k++) {
        const padan_token *tk = &t->tok[se->first + k];
        const char *kn = padan_tok_kind_name(tk->kind);
        unsigned fl = tk->flags & 0xFF;
        if (!flag_len[fl])
          make_flag_str(fl);
        size_t bs = 0, bl = 0;
        if (tk->pre_len || tk->suf_len)
          padan_token_base(tk, &bs, &bl);
        cli_row_fmt(&r, "%zu", ln);
        cli_row_fmt(&r, "%zu", tk->start);
        cli_row_fmt(&r, "%zu", tk->start + tk->len);
        cli_row_str(&r, kn, strlen(kn));
        cli_row_str(&r, text + (tk->start - base), tk->len);
        cli_row_fmt(&r, "%zu", c->sent_no);
        cli_row_str(&r, flag_str[fl], flag_len[fl]);
        cli_row_str(&r, bl ? text + (bs - base) : "", bl);
        if (c->multi)
          cli_row_str(&r, c->file, strlen(c->file));
        cli_row_end(&r);
      }
      if (ferror(o->fp))
        o->err = 1;
      continue;
    }
    /* the line and sentence numbers are the same for the whole sentence */
    char lns[24], sns[24];
    size_t lnl = (size_t)(put_u(lns, ln) - lns), snl = (size_t)(put_u(sns, c->sent_no) - sns);
    for (size_t k = 0; k < se->ntok; k++) {
      const padan_token *tk = &t->tok[se->first + k];
      if (o->cap - o->len < 256)
        ob_flush(o);
      /* the fixed columns go straight into the buffer: this loop is the hot path */
      char *w = o->p + o->len;
      memcpy(w, lns, lnl);
      w += lnl;
      *w++ = '\t';
      w = put_u(w, tk->start);
      *w++ = '\t';
      w = put_u(w, tk->start + tk->len);
      *w++ = '\t';
      const char *kn = padan_tok_kind_name(tk->kind);
      while (*kn)
        *w++ = *kn++;
      *w++ = '\t';
      o->len = (size_t)(w - o->p);
      ob_tsv(o, text + (tk->start - base), tk->len);
      if (o->cap - o->len < 128)
        ob_flush(o);
      w = o->p + o->len;
      *w++ = '\t';
      memcpy(w, sns, snl);
      w += snl;
      *w++ = '\t';
      o->len = (size_t)(w - o->p);
      unsigned fl = tk->flags & 0xFF;
      if (!flag_len[fl])
        make_flag_str(fl);
      memcpy(w, flag_str[fl], 64);
      w += flag_len[fl];
      *w++ = '\t';
      o->len = (size_t)(w - o->p);
      if (tk->pre_len || tk->suf_len) {
        size_t bs, bl;
        padan_token_base(tk, &bs, &bl);
        ob_tsv(o, text + (bs - base), bl);
      }
      if (c->multi) {
        ob_c(o, '\t');
        ob_tsv(o, c->file, strlen(c->file));
      }
      ob_c(o, '\n');
    }
  }
}

/* Paragraphs longer than this are tokenized in pieces (not with --lines). */
#define CHUNK ((size_t)4 << 20)

/* Where to cut text[pos..limit): after the last ". " (or ! ?) in the last 64 KiB, else
 * after the last space, else at a UTF-8 character boundary. */
static size_t chunk_cut(const char *text, size_t pos, size_t limit) {
  size_t lo = limit - 65536 > pos ? limit - 65536 : pos + 1;
  for (size_t i = limit - 1; i > lo + 6; i--)
    if (text[i] == ' ' && (text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?')) {
      /* a word of 5+ letters before the period: not an abbreviation such as dll. */
      size_t k = i - 1;
      while (k > lo && k > i - 7 && pd_is_ascii_alpha((unsigned char)text[k - 1]))
        k--;
      if (i - 1 - k >= 5)
        return i + 1;
    }
  for (size_t i = limit - 1; i > pos; i--)
    if (text[i] == ' ' || text[i] == '\t')
      return i + 1;
  size_t i = limit;
  while (i > pos + 1 && ((unsigned char)text[i] & 0xC0) == 0x80)
    i--;
  return i;
}

int cmd_tokenize(int argc, char **argv) {
  const char *cmd = "tokenize";
  const char *encoding = NULL, *outpath = NULL;
  int format = FMT_TSV, lines = 0;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t nfiles = 0;
  if (!files) {
    cli_error(cmd, "out of memory");
    return EXIT_ERROR;
  }
  int opts_done = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (opts_done || a[0] != '-' || strcmp(a, "-") == 0) {
      files[nfiles++] = argv[i];
    } else if (strcmp(a, "--") == 0) {
      opts_done = 1;
    } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(usage_text, stdout);
      free(files);
      return EXIT_DONE;
    } else if (strcmp(a, "--lines") == 0) {
      lines = 1;
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!(format = cli_parse_format(cmd, a + 9, FMT_TSV | FMT_CSV | FMT_JSON | FMT_TEXT))) {
        free(files);
        return EXIT_ERROR;
      }
    } else if ((strncmp(a, "--encoding=", 11) == 0 && !a[11]) ||
               (strncmp(a, "--output=", 9) == 0 && !a[9])) {
      cli_error(cmd, "%.*s needs a value", (int)strcspn(a, "="), a);
      free(files);
      return EXIT_ERROR;
    } else if (strncmp(a, "--encoding=", 11) == 0) {
      encoding = a + 11;
    } else if (strncmp(a, "--output=", 9) == 0) {
      outpath = a + 9;
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--format") == 0 ||
               strcmp(a, "--encoding") == 0) {
      if (i + 1 >= argc || !argv[i + 1][0]) {
        cli_error(cmd, "%s needs a value", a);
        free(files);
        return EXIT_ERROR;
      }
      if (a[1] == 'o' || strcmp(a, "--output") == 0) {
        outpath = argv[++i];
      } else if (strcmp(a, "--encoding") == 0) {
        encoding = argv[++i];
      } else if (!(format = cli_parse_format(cmd, argv[++i], FMT_TSV | FMT_CSV | FMT_JSON | FMT_TEXT))) {
        free(files);
        return EXIT_ERROR;
      }
    } else {
      cli_error(cmd, "unknown option '%s'\n%s", a, "Run 'padan tokenize --help' for usage.");
      free(files);
      return EXIT_ERROR;
    }
  }
  if (nfiles == 0)
    files[nfiles++] = "-";

  padan_tokenizer *tk = NULL;
  if (padan_tokenizer_new(&tk)) {
    cli_error(cmd, "out of memory");
    free(files);
    return EXIT_ERROR;
  }
  cli_out out;
  if (cli_out_open(cmd, &out, outpath)) {
    padan_tokenizer_free(tk);
    free(files);
    return EXIT_ERROR;
  }
  obuf o = {out.fp, malloc(1 << 16), 0, 1 << 16, 0};
  int status = EXIT_DONE;
  if (!o.p) {
    cli_error(cmd, "out of memory");
    status = EXIT_ERROR;
  }
  padan_tokens toks;
  padan_tokens_init(&toks);
  outctx c = {format, lines, nfiles > 1, NULL, &o, 0, 1};
  if (status == EXIT_DONE && format == FMT_JSON)
    ob_c(&o, '[');
  pd_buf text; /* decoded text not yet tokenized; text.p[0] is at offset `base` in the file */
  pd_buf_init(&text);
  if (nfiles > 1)
    cli_progress_files(cmd, (const char *const *)files, nfiles);
  for (size_t f = 0; f < nfiles && status == EXIT_DONE; f++) {
    cli_stream *in;
    if (cli_stream_open(cmd, files[f], encoding, &in)) {
      status = EXIT_ERROR;
      break;
    }
    c.file = strcmp(files[f], "-") == 0 ? "-" : files[f];
    c.sent_no = 0, c.first_sent = 1;
    pd_buf_clear(&text);
    int eof = 0;
    if (cli_stream_read(in, &text, &eof)) { /* the first piece: an unreadable file prints nothing */
      cli_stream_close(in);
      status = EXIT_ERROR;
      break;
    }
    if (f == 0 && (format == FMT_TSV || format == FMT_CSV)) {
      /* (not before the first piece: a binary file or an unknown encoding
         prints nothing) nothing is in the buffer yet: the header goes straight
         to the file */
      cli_row r = cli_row_start(out.fp, format == FMT_CSV);
      cli_row_header(&r, nfiles > 1 ? "line\tstart\tend\tkind\ttoken\tsent\tflags\tbase\tfile"
                                    : "line\tstart\tend\tkind\ttoken\tsent\tflags\tbase");
    }
    if (format == FMT_JSON) {
      ob_s(&o, f ? ",\n {\"file\": " : "\n {\"file\": ");
      ob_json(&o, c.file, strlen(c.file));
      ob_s(&o, ", \"sentences\": [");
    }
    size_t base = 0, pos = 0, ln = 1, line_off = 0;
    for (;;) {
      /* tokenize every complete line (and pieces of a line over CHUNK) */
      while (pos < text.len) {
        const char *nl = memchr(text.p + pos, '\n', text.len - pos);
        if (!nl && !eof && text.len - pos <= CHUNK)
          break; /* the rest of this line is still to be read */
        size_t end = nl ? (size_t)(nl - text.p) : text.len, next = end + 1;
        if (end - pos > CHUNK) {
          /* a huge paragraph (or line, with --lines): tokenize it in pieces cut after a
           * sentence end (else at a space) so that the tokens held stay bounded */
          size_t cut = chunk_cut(text.p, pos, pos + CHUNK);
          end = cut, next = cut;
        }
        padan_tokens_clear(&toks);
        size_t tbase = lines ? line_off : base + pos;
        if (padan_tokenize(tk, text.p + pos, end - pos, tbase, lines ? PADAN_TOKENIZE_LINES : 0,
                           &toks)) {
          cli_error(cmd, "%s: out of memory", c.file);
          status = EXIT_ERROR;
          break;
        }
        print_line(&c, &toks, text.p + pos, tbase, ln);
        if (o.err)
          break;
        if (next > end) { /* a whole line was done */
          ln++;
          line_off = 0;
        } else {
          line_off += end - pos;
        }
        pos = next;
      }
      if (status != EXIT_DONE || o.err || eof)
        break;
      /* keep the unfinished line, read the next piece */
      memmove(text.p, text.p + pos, text.len - pos);
      text.len -= pos;
      base += pos, pos = 0;
      if (text.p)
        text.p[text.len] = '\0';
      if (cli_stream_read(in, &text, &eof)) {
        status = EXIT_ERROR;
        break;
      }
    }
    cli_stream_close(in);
    if (format == FMT_JSON)
      ob_s(&o, c.first_sent ? "]}" : "\n  ]}");
    if (nfiles > 1)
      cli_progress(cmd, "files", f + 1, nfiles);
  }
  pd_buf_free(&text);
  if (format == FMT_JSON && status == EXIT_DONE)
    ob_s(&o, "\n]\n");
  if (o.p)
    ob_flush(&o);
  free(o.p);
  padan_tokens_free(&toks);
  padan_tokenizer_free(tk);
  free(files);
  if (o.err && status == EXIT_DONE) {
    cli_error(cmd, "%s: write error", outpath ? outpath : "(standard output)");
    status = EXIT_ERROR;
  }
  if (cli_out_close(cmd, &out, status == EXIT_DONE))
    status = EXIT_ERROR;
  return status;
}
