#!/usr/bin/env bash
# Tokenizer speed on ~50 MB of Indonesian news, against plain baselines in the same run:
#   wc -w                         (counting words, no output)
#   grep -oE '\w+|[^\w\s]'        (the regex tokenizer of the issue, one token a line)
#   padan tokenize --format=tsv   (the command, all columns)
#   padan tokenize --format=text
#   tokenize_lib                  (the library alone: padan_tokenize, no formatting)
# and peak memory for 1 file vs 10 files (it must not grow with the number of documents).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
MB=${BENCH_MB:-50}
corpus=${TMPDIR:-/tmp}/padan-bench-news-$MB.txt
news_corpus "$MB" "$corpus"
bytes=$(stat -c %s "$corpus")
# cpu LABEL CMD...: like timed, but also the CPU seconds (user + sys), which a loaded machine
# disturbs less than the wall clock; MB/s are given for both.
cpu() {
  local label=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S %M' -o /tmp/bench.cpu "$@" > /dev/null
    read -r secs u s rss < <(tail -1 /tmp/bench.cpu)
    csecs=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.3f", u + s}')
  else
    timed "$label" "$@" > /dev/null; csecs=$secs
  fi
  printf '  %-30s wall %7.3f s %8s   cpu %7.3f s %8s   peak %7d KiB\n' "$label" "$secs" \
    "$(rate "$secs")" "$csecs" "$(rate "$csecs")" "$rss"
}
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN{ if (s > 0) printf "%.1f MB/s", b / 1e6 / s; else print "-" }'; }
echo "  corpus: $corpus ($bytes bytes)"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
cpu "wc -w" wc -w "$corpus"
# (grep -o stops at the first match when its output is /dev/null, hence the pipe)
cpu "grep -oE regex split | wc -l" sh -c "LC_ALL=C.UTF-8 grep -oE '\\w+|[^[:space:][:alnum:]_]' '$corpus' | wc -l"
cpu "padan tokenize --format=tsv" "$PADAN" tokenize --format=tsv "$corpus"
cpu "padan tokenize --format=text" "$PADAN" tokenize --format=text "$corpus"
cpu "padan tokenize --lines" "$PADAN" tokenize --lines "$corpus"

# the library alone, built against the padan build's static library when there is one
bdir=$(dirname "$PADAN")
lib="$bdir/.libs/libpadan.a"
if [ -f "$lib" ] && command -v cc > /dev/null; then
  exe=${TMPDIR:-/tmp}/padan-bench-tokenize_lib
  if cc -O2 -std=c11 -I"$here/../include" -I"$bdir" -o "$exe" "$here/tokenize_lib.c" "$lib" \
       $(pkg-config --libs libutf8proc hunspell libxml-2.0 zlib 2>/dev/null) -lm 2> /dev/null; then
    "$exe" "$corpus" 2>&1 | sed 's/^/  /'
  else
    echo "  (tokenize_lib: could not build against $lib)"
  fi
fi

# memory: one 5 MB document vs ten of them
small=${TMPDIR:-/tmp}/padan-bench-news-5.txt
head -c 5000000 "$corpus" > "$small"
bytes=5000000
cpu "tsv, 1 file of 5 MB" "$PADAN" tokenize "$small"; one=$rss
bytes=50000000
cpu "tsv, 10 files of 5 MB" "$PADAN" tokenize $(for i in $(seq 10); do echo "$small"; done); ten=$rss
if [ "$one" -gt 0 ] && [ "$ten" -gt $((one * 3 / 2 + 2048)) ]; then
  echo "  memory grows with the number of documents ($one -> $ten KiB)"; exit 1
fi
rm -f "$small"
