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
# scale-out: the same 20 MB, one article a line, as one run and as GNU parallel
# shards (--pipe, one block per core, --counts) merged in order; the rankings must be identical
if command -v parallel > /dev/null; then
  timed "terms --docs=line 20 MB" "$PADAN" terms --docs=line -o "$work/one.tsv" "$work/news20.txt"; s1=$secs
  timed "parallel --pipe shards + merge" bash -c "parallel -k --pipe --block $((20 / $(nproc) + 1))M '$PADAN' terms --counts --docs=line - < '$work/news20.txt' | '$PADAN' terms --merge -o '$work/merged.tsv' -"
  sp=$secs
  awk -v a="$s1" -v b="$sp" -v n="$(nproc)" 'BEGIN { printf "  speed-up of the sharded run: %.2fx on %d cores\n", a / b, n }'
  if cmp -s "$work/one.tsv" "$work/merged.tsv"; then echo "  merged ranking identical to one run"
  else echo "  FAIL: merged ranking differs from one run"; status=1; fi
else
  echo "  GNU parallel not installed: sharded run skipped"
fi
awk -v s="$s20" 'BEGIN { exit !(s <= 30) }' || { echo "  FAIL: 20 MB took $s20 s (> 30 s)"; status=1; }
[ "$r20" -lt 1572864 ] || { echo "  FAIL: 20 MB peak $r20 KiB (>= 1.5 GB)"; status=1; }
awk -v r="$ratio" 'BEGIN { exit !(r <= 2.3) }' || { echo "  FAIL: growth ratio $ratio > 2.3"; status=1; }
exit $status
