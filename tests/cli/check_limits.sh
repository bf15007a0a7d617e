#!/bin/sh
# padan check: sentence mode and long lines (also with --lines) stream with
# bounded memory (the 36 MB --lines bound is in check.sh). Skipped under valgrind.
. "$(dirname "$0")/lib.sh"
RSS_OUT=/dev/null # rss: big outputs are not kept
if [ -n "${PADAN_WRAP:-}" ]; then echo "too slow under $PADAN_WRAP: skipped"; exit 77; fi
F="$FIX/check"
L="--no-default-lexicon --lexicon=$F/lex.tsv"
D=1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
D="$D$D$D$D"
# N line pairs, each with a missing and a deprecated term; every 3rd has an approved one
pair() {
  yes "Korut menolak perjanjian pertahanan bersama, nomor $D." | head -n "$1" > "$TMP/$2-id.txt"
  yes "Pyongyang rejected the mutual defense pact, number $D.
North Korea rejected the mutual defence treaty, number $D.
Pyongyang rejected the mutual defense pact, number $D." | head -n "$1" > "$TMP/$2-en.txt"
}
pair 8000 small
pair 24000 mid
pair 20000 long
# sentence mode: aligned window by window (the small pair fits in one window)
big=$(rss check $L --format=tsv -o "$TMP/mid.tsv" "$TMP/mid-id.txt" "$TMP/mid-en.txt")
small=$(rss check $L --format=tsv "$TMP/small-id.txt" "$TMP/small-en.txt")
echo "peak RSS: sentences 11 MB pair ${big} KB, 3.6 MB pair ${small} KB"
if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "sentences: peak RSS ${big} KB vs ${small} KB"; fi
n=$(grep -c '^missing	Korut	North Korea	Pyongyang	' "$TMP/mid.tsv")
if [ "$n" -eq 16000 ]; then ok; else fail "sentences: 16000 missing, got $n"; fi
if tail -n 2 "$TMP/mid.tsv" | head -n 1 | grep -q "^deprecated	.*	24000	24000	k1	"; then ok; else fail "sentences: last line pair"; fi
# one long line (9 MB): with --lines the pair is a document pair (over the
# 1 MiB long-line cap), read in parts and checked sentence pair by sentence
# pair, each finding at line 1; sentence mode cuts it too
tr '\n' ' ' < "$TMP/long-id.txt" > "$TMP/long1-id.txt"
yes "Pyongyang rejected the mutual defense pact, number $D." | head -n 20000 | tr '\n' ' ' > "$TMP/long1-en.txt"
longl=$(RSS_OUT="$TMP/long1.tsv" rss check --lines $L --format=tsv "$TMP/long1-id.txt" "$TMP/long1-en.txt")
echo "peak RSS: --lines, one 9 MB line pair ${longl} KB"
if [ "$longl" -lt $((small + 32768)) ]; then ok; else fail "long line, --lines: peak RSS ${longl} KB"; fi
n=$(grep -c '^missing	Korut	North Korea	Pyongyang	1	1	k2	' "$TMP/long1.tsv")
if [ "$n" -eq 20000 ]; then ok; else fail "long line, --lines: 20000 missing at line 1, got $n"; fi
n=$(grep -vc '^#' "$TMP/long1.tsv")
if [ "$n" -eq 40000 ]; then ok; else fail "long line, --lines: 40000 findings, got $n"; fi
long=$(rss check $L --format=tsv -o "$TMP/long.tsv" "$TMP/long1-id.txt" "$TMP/long1-en.txt")
echo "peak RSS: sentences, one 9 MB line ${long} KB"
if [ "$long" -lt $((small + 32768)) ]; then ok; else fail "long line, sentences: peak RSS ${long} KB"; fi
n=$(grep -c '^missing	Korut	' "$TMP/long.tsv")
if [ "$n" -eq 20000 ]; then ok; else fail "long line, sentences: 20000 missing, got $n"; fi

# ---- a pair of over 2000 English words (an article on one line) gets its
# findings without the guess of what was used instead: that guess is quadratic
# in the pair's length (a 2 MB PANL line pair took 22 s, a 100 MB one would not end)
yes "Korut menolak usulan itu." | head -n 3 > "$TMP/g-id.txt"
yes "Pyongyang rejected the proposal." | head -n 3 > "$TMP/g-en.txt"
run check --lines $L --format=tsv "$TMP/g-id.txt" "$TMP/g-en.txt"
expect_out "missing	Korut	North Korea	Pyongyang	3	3	k2" "short pairs: the rendering used instead is guessed"
yes "Korut menolak usulan itu." | head -n 2100 | tr '\n' ' ' > "$TMP/g-id.txt"
yes "Pyongyang rejected the proposal." | head -n 2100 | tr '\n' ' ' > "$TMP/g-en.txt"
run check --lines $L --format=tsv "$TMP/g-id.txt" "$TMP/g-en.txt"
expect_rc 1 "long pair"
expect_out "missing	Korut	North Korea		1	1	k2" "long pair: the finding, found left empty"

# ---- check --variants streams: 8 MB of the variants fixtures (and the same
# as one line) peak near the 1 MB corpus (read whole, the 8 MB took 360 MB);
# the counts are those of 8192 copies
cat "$F/var-a.txt" "$F/var-b.txt" "$F/var-order.txt" "$F/var-noise.txt" > "$TMP/unit.txt"
grow_corpus "$TMP/unit.txt"
vsmall=$(rss check --variants $L --format=tsv "$TMP/small.txt")
vbig=$(rss check --variants $L --format=tsv -o "$TMP/vbig.tsv" "$TMP/big.txt")
vline=$(rss check --variants $L --format=tsv -o "$TMP/vline.tsv" "$TMP/line.txt")
echo "peak RSS: check --variants 1 MB ${vsmall} KB, 8 MB ${vbig} KB, 8 MB on one line ${vline} KB"
if [ "$vbig" -lt $((vsmall + 24576)) ]; then ok; else fail "variants: peak RSS ${vbig} KB vs ${vsmall} KB"; fi
if [ "$vline" -lt $((vsmall + 24576)) ]; then ok; else fail "variants, one line: peak RSS ${vline} KB vs ${vsmall} KB"; fi
if grep -q "^variants	Korea Utara|Korut|DPRK	16384|8192|8192	$TMP/big.txt:4	" "$TMP/vbig.tsv"; then ok; else fail "variants: counts of the 8 MB corpus"; fi
if grep -q "^spelling	kerjasama|Kerja sama	8192|8192	$TMP/line.txt:1	" "$TMP/vline.tsv"; then ok; else fail "variants, one line: counts"; fi

done_tests
