#!/usr/bin/env bash
# padan terms on news: 20 MB in at most 30 s under 1.5 GB peak; linear growth
# (21 MB takes at most 2.3 times as long as 10.7 MB). Baseline: padan terms --count
# (tokenizing and counting words only) on the same 20 MB.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=${BENCH_TMP:-/tmp/padan-bench}
mkdir -p "$work"
news_corpus 21 "$work/news21.txt"
head -c 20000000 "$work/news21.txt" > "$work/news20.txt"
head -c 10700000 "$work/news21.txt" > "$work/news10.7.txt"
status=0
timed "terms --count 20 MB (baseline)" "$PADAN" terms --count "$work/news20.txt"
timed "terms 10.7 MB" "$PADAN" terms "$work/news10.7.txt"; s10=$secs
timed "terms 20 MB" "$PADAN" terms "$work/news20.txt"; s20=$secs; r20=$rss
timed "terms 21 MB" "$PADAN" terms "$work/news21.txt"; s21=$secs
ratio=$(awk -v a="$s21" -v b="$s10" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "  21 MB / 10.7 MB time ratio: $ratio (target <= 2.3)"
awk -v s="$s20" 'BEGIN { exit !(s <= 30) }' || { echo "  FAIL: 20 MB took $s20 s (> 30 s)"; status=1; }
[ "$r20" -lt 1572864 ] || { echo "  FAIL: 20 MB peak $r20 KiB (>= 1.5 GB)"; status=1; }
awk -v r="$ratio" 'BEGIN { exit !(r <= 2.3) }' || { echo "  FAIL: growth ratio $ratio > 2.3"; status=1; }
exit $status
