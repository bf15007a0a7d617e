#!/usr/bin/env bash
# Limits: `padan tokenize` on a 100 MB single line and on LIMITS_MB (default
# 1000) MB of news streamed through standard input, with peak memory; `wc -w`
# on the same input is the plain reference. Bounded memory means the peak stays
# near the one for a 10 MB input, whatever the size.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=${BENCH_TMP:-/tmp/padan-bench}
mkdir -p "$work"
mb=${LIMITS_MB:-1000}
news_corpus 100 "$work/news100.txt"
tr '\n' ' ' < "$work/news100.txt" > "$work/line100.txt"
head -c 10000000 "$work/line100.txt" > "$work/line10.txt"

echo "tokenize, one line (no LF):"
timed "wc -w, 100 MB line" wc -w "$work/line100.txt"
timed "padan tokenize, 10 MB line" "$PADAN" tokenize "$work/line10.txt"; r10=$rss
timed "padan tokenize, 100 MB line" "$PADAN" tokenize "$work/line100.txt"; r100=$rss
timed "padan tokenize --lines, 100 MB" "$PADAN" tokenize --lines "$work/line100.txt"
echo "tokenize, ${mb} MB of news lines through a pipe:"
feed() { local i=0; while [ $i -lt $((mb / 100)) ]; do cat "$work/news100.txt"; i=$((i + 1)); done; }
timed "cat | wc -w, ${mb} MB" bash -c "$(declare -f feed); mb=$mb work=$work; feed | wc -w"
timed "cat | padan tokenize, ${mb} MB" bash -c "$(declare -f feed); mb=$mb work=$work; feed | '$PADAN' tokenize -"
rbig=$rss
timed "cat | padan tokenize --format=json" bash -c "$(declare -f feed); mb=$mb work=$work; feed | '$PADAN' tokenize --format=json -"
echo "  peak memory: 10 MB line ${r10} KiB, 100 MB line ${r100} KiB, ${mb} MB stream ${rbig} KiB"
if [ "$r100" -gt $((r10 + 65536)) ] || [ "$rbig" -gt $((r10 + 65536)) ]; then
  echo "  FAIL: memory grows with the input"; exit 1
fi
