#!/bin/sh
# Limits of padan align: both files are streamed and aligned window by window,
# so peak memory does not grow with the texts: 40 MB of line pairs (--lines) and
# a 24 MB single line split into sentences piece by piece (with and without
# --lines), each next to 4 MB.
# --length-only keeps the runs short (the windows are the same with anchors).
# Skipped under valgrind.
. "$(dirname "$0")/lib.sh"
RSS_OUT=/dev/null # rss: big outputs are not kept
if [ -n "${PADAN_WRAP:-}" ]; then echo "too slow under $PADAN_WRAP: skipped"; exit 77; fi
SI='Presiden Joko Widodo meresmikan jalan tol baru di Jawa Barat pada Senin (24/4/2025) pukul 14.30 kemarin'
SE='President Joko Widodo inaugurated a new toll road in West Java on Monday (24/4/2025) at 14.30 yesterday'

# lines MB S: lines of 16 sentences S, as many as make MB megabytes of Indonesian
lines() { yes "$2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2. $2." | head -n $(($1 * 1000000 / (16 * ${#SI} + 32))); }
# line MB S: one line of long sentences (S four times, then a period)
line() { yes "$2, $2, $2, $2." | head -n $(($1 * 1000000 / (4 * ${#SI} + 8))) | tr '\n' ' '; }

lines 40 "$SI" > "$TMP/id40"; lines 40 "$SE" > "$TMP/en40"
lines 4 "$SI" > "$TMP/id4"; lines 4 "$SE" > "$TMP/en4"
n40=$(wc -l < "$TMP/id40")
run align --lines --length-only --window=1000 --stats "$TMP/id40" "$TMP/en40"
expect_rc 0 "40 MB of line pairs"
expect_err "$n40 id and $n40 en sentences, $n40 links" "40 MB: every line linked once"
if tail -n 1 "$TMP/out" | grep -q "^$n40	$n40	"; then ok; else fail "40 MB: last link is $n40-$n40"; fi
if [ "$(tail -n +2 "$TMP/out" | awk -F'\t' '$1 != $2' | wc -l)" -eq 0 ]; then ok; else fail "40 MB: links off the diagonal"; fi

line 24 "$SI" > "$TMP/lid"; line 24 "$SE" > "$TMP/len"
line 4 "$SI" > "$TMP/lid4"; line 4 "$SE" > "$TMP/len4"
ns=$((24 * 1000000 / (4 * ${#SI} + 8)))
run align --length-only --window=1000 --stats "$TMP/lid" "$TMP/len"
expect_rc 0 "24 MB line"
expect_err "$ns id and $ns en sentences, $ns links" "24 MB line: every sentence linked once"
if tail -n 1 "$TMP/out" | grep -q "^$ns	$ns	"; then ok; else fail "24 MB line: last link is $ns-$ns"; fi

# with --lines the 24 MB line (over the 1 MiB long-line cap) is split into its
# sentences part by part, never held whole: every link is numbered 1
run align --lines --length-only --window=1000 --stats "$TMP/lid" "$TMP/len"
expect_rc 0 "24 MB line, --lines"
expect_err "$ns id and $ns en sentences, $ns links" "24 MB line, --lines: every sentence linked once"
if [ "$(tail -n +2 "$TMP/out" | cut -f1,2 | sort -u)" = "1	1" ]; then ok; else fail "24 MB line, --lines: links numbered 1"; fi

if [ -x /usr/bin/time ]; then
  big=$(rss align --lines --length-only --window=1000 "$TMP/lid" "$TMP/len")
  small=$(rss align --lines --length-only --window=1000 "$TMP/lid4" "$TMP/len4")
  echo "peak RSS: align --lines 24 MB line ${big} KB, 4 MB line ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "align --lines 24 MB line: peak RSS ${big} KB vs ${small} KB"; fi
  big=$(rss align --lines --length-only --window=1000 "$TMP/id40" "$TMP/en40")
  small=$(rss align --lines --length-only --window=1000 "$TMP/id4" "$TMP/en4")
  echo "peak RSS: align --lines 40 MB pairs ${big} KB, 4 MB pairs ${small} KB"
  # holding the texts would take 80 MB more
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "align 40 MB: peak RSS ${big} KB vs ${small} KB"; fi
  big=$(rss align --length-only --window=1000 "$TMP/lid" "$TMP/len")
  small=$(rss align --length-only --window=1000 "$TMP/lid4" "$TMP/len4")
  echo "peak RSS: align 24 MB line ${big} KB, 4 MB line ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "align 24 MB line: peak RSS ${big} KB vs ${small} KB"; fi
else
  echo "/usr/bin/time not found: memory bounds not checked"
fi
done_tests
