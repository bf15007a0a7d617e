#!/bin/sh
# Limits: tokenize streams its input (cli/stream.c), so a long single line or a
# big file is processed with bounded memory; decoding rules across the pieces
# (long lines cut inside multibyte text, CRLF, auto fallback, strict UTF-8
# offsets, NUL bytes). The 1 GB run is bench/limits.sh. Skipped under valgrind.
. "$(dirname "$0")/lib.sh"
RSS_OUT=/dev/null # rss: big outputs are not kept
if [ -n "${PADAN_WRAP:-}" ]; then echo "too slow under $PADAN_WRAP: skipped"; exit 77; fi
S='Presiden Joko Widodo meresmikan jalan tol baru di Jawa Barat pada Senin (24/4/2025) pukul 14.30 kemarin.'

# repeat BYTES: whole lines of $S, about BYTES bytes
repeat() { yes "$S" | head -n $(($1 / ${#S})); }

# ---- a single line of 40 MB, and its memory next to a 4 MB one
repeat 40000000 | tr '\n' ' ' > "$TMP/line40"
repeat 4000000 | tr '\n' ' ' > "$TMP/line4"
size=$(wc -c < "$TMP/line40")
set +e
"$PADAN" tokenize "$TMP/line40" | tail -n 1 > "$TMP/out"
set -e
# the last token is the final period, ending one byte before the trailing space
expect_out_re "^1	$((size - 2))	$((size - 1))	punct	\.	" "40 MB line: last token at the end"
set +e
"$PADAN" tokenize --lines "$TMP/line40" | tail -n 1 > "$TMP/out"
set -e
expect_out_re "^1	$((size - 2))	$((size - 1))	punct	\.	" "40 MB line, --lines: offsets within the line across pieces"
"$PADAN" tokenize --format=text "$TMP/line40" | wc -l > "$TMP/out"
n=$(cat "$TMP/out")
want=$(( $(grep -o 'kemarin\.' "$TMP/line40" | wc -l) ))
if [ "$n" -eq "$want" ]; then ok; else fail "40 MB line: $n sentences, expected $want"; fi

if [ -x /usr/bin/time ]; then
  big=$(rss tokenize "$TMP/line40")
  small=$(rss tokenize "$TMP/line4")
  echo "peak RSS: 40 MB line ${big} KB, 4 MB line ${small} KB"
  # whole-file reading would hold 80+ MB more for the 40 MB line
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "40 MB line: peak RSS ${big} KB vs ${small} KB for 4 MB"; fi
  bigl=$(rss tokenize --lines "$TMP/line40")
  echo "peak RSS: 40 MB line --lines ${bigl} KB"
  if [ "$bigl" -lt $((small + 32768)) ]; then ok; else fail "40 MB line --lines: peak RSS ${bigl} KB"; fi
  repeat 40000000 > "$TMP/lines40"
  bigm=$(rss tokenize --format=json "$TMP/lines40")
  echo "peak RSS: 40 MB of lines (json) ${bigm} KB"
  if [ "$bigm" -lt $((small + 32768)) ]; then ok; else fail "40 MB of lines: peak RSS ${bigm} KB"; fi
else
  echo "/usr/bin/time not found: memory bounds not checked"
fi

# ---- a long line of multibyte words crosses the 1 MiB read pieces: no broken characters
yes 'kafé naïve “kutip” ' | head -n 400000 | tr -d '\n' > "$TMP/mb"
printf '\n' >> "$TMP/mb"
run tokenize "$TMP/mb"
expect_rc 0 "multibyte long line"
expect_no_out "	symbol	" "multibyte long line: no broken character"
n=$(grep -c '	word	kafé	' "$TMP/out")
if [ "$n" -eq 400000 ]; then ok; else fail "multibyte long line: $n kafé words, expected 400000"; fi

# ---- CRLF in a streamed file: no CR left, line numbers right
repeat 6000000 | sed 's/$/\r/' > "$TMP/crlf"
lines=$(wc -l < "$TMP/crlf")
run tokenize --format=text --lines "$TMP/crlf"
expect_rc 0 "CRLF file"
n=$(wc -l < "$TMP/out")
if [ "$n" -eq "$lines" ]; then ok; else fail "CRLF file: $n lines out, $lines in"; fi
if tr -d '\n' < "$TMP/out" | grep -q "$(printf '\r')"; then fail "CRLF file: CR in output"; else ok; fi
run tokenize "$TMP/crlf"
expect_out_re "^$lines	[0-9]+	[0-9]+	punct	\.	" "CRLF file: last line number"

# ---- auto: UTF-8 up to the line of the first invalid byte, Windows-1252 after it
{ repeat 6000000; printf 'caf\351 na\357ve\n'; printf 'kafé\n'; } > "$TMP/mixed"
bad=$(( $(repeat 6000000 | wc -l) + 1 ))
run tokenize "$TMP/mixed"
expect_rc 0 "auto fallback"
expect_err "not valid UTF-8 from line $bad on, read as Windows-1252" "auto fallback warning names the line"
expect_out "	word	café	" "fallback line read as Windows-1252"
expect_out "	word	kafÃ	" "lines after it read as Windows-1252 too"
expect_out "	word	Presiden	" "lines before it read as UTF-8"
# strict UTF-8: the offset of the bad byte in the file
off=$(( $(repeat 6000000 | wc -c) + 3 ))
run tokenize --encoding=utf-8 "$TMP/mixed"
expect_rc 2 "strict UTF-8, big file"
expect_err "invalid UTF-8 at byte $off" "strict UTF-8 offset in a streamed file"
# a NUL byte late in a big file
{ repeat 6000000; printf 'a\000b\n'; } > "$TMP/nul"
run tokenize "$TMP/nul"
expect_rc 2 "NUL in a big file"
expect_err "binary file" "NUL in a big file"
# -o keeps the old file when the input fails part-way
printf 'old\n' > "$TMP/keep"
run tokenize "$TMP/nul" -o "$TMP/keep"
expect_rc 2 "NUL with -o"
if [ "$(cat "$TMP/keep")" = old ]; then ok; else fail "NUL with -o: output replaced"; fi
# a BOM inside the text (not at the start) is kept as U+FEFF
{ printf '\357\273\277'; repeat 5000000; printf '\357\273\277kata\n'; } > "$TMP/bom"
size=$(wc -c < "$TMP/bom")
run tokenize "$TMP/bom"
expect_rc 0 "BOM file"
# the leading BOM is removed, the inner one stays in the text (3 bytes before kata)
expect_out_re "	$((size - 8))	$((size - 4))	word	kata	" "inner U+FEFF kept, leading BOM removed"

# ---- UTF-16 and single-byte encodings are read in pieces too: a 10 MB UTF-16
# file (LE with a BOM, BE with a BOM, BE named without one) gives the output of
# its UTF-8 (before: read whole, and over 4 MiB "out of memory"), CRLF, a line
# of 2.4 MB (cut between code units, never inside a surrogate pair: U+1D518
# and an emoji are pairs) included; ISO-8859-2 (a single-byte family) too;
# so do UTF-32 (auto, by its BOM) and GB18030 (named), read through iconv in
# pieces (before: UTF-32 was "binary file", GB18030 read whole)
repeat 4000000 > "$TMP/u8"
yes 'Kata 𝔘𝔫𝔦 😀 dan Ġ itu. ' | head -n 100000 | tr -d '\n' >> "$TMP/u8"
printf '\n' >> "$TMP/u8"
repeat 1000000 >> "$TMP/u8"
sed 's/$/\r/' "$TMP/u8" | iconv -f UTF-8 -t UTF-16LE > "$TMP/le"
{ printf '\377\376'; cat "$TMP/le"; } > "$TMP/u16"
{ printf '\376\377'; sed 's/$/\r/' "$TMP/u8" | iconv -f UTF-8 -t UTF-16BE; } > "$TMP/u16be"
sed 's/$/\r/' "$TMP/u8" | iconv -f UTF-8 -t UTF-16BE > "$TMP/be"
{ printf '\377\376\0\0'; sed 's/$/\r/' "$TMP/u8" | iconv -f UTF-8 -t UTF-32LE; } > "$TMP/u32"
iconv -f UTF-8 -t GB18030 "$TMP/u8" > "$TMP/gb"
for c in tokenize spell terms; do
  run $c "$TMP/u8"
  cp "$TMP/out" "$TMP/want"
  want_rc=$rc
  for f in u16 u16be u32; do
    run $c "$TMP/$f"
    expect_rc "$want_rc" "$c on a 10 MB UTF-16/32 file ($f)"
    expect_empty_err "$c on a 10 MB UTF-16/32 file ($f)"
    if cmp -s "$TMP/out" "$TMP/want"; then ok; else fail "$c: a 10 MB UTF-16/32 file ($f) as its UTF-8"; fi
  done
  for e in utf-16be:be gb18030:gb; do
    run $c --encoding=${e%%:*} "$TMP/${e#*:}"
    expect_rc "$want_rc" "$c --encoding=${e%%:*}"
    expect_empty_err "$c --encoding=${e%%:*}"
    if cmp -s "$TMP/out" "$TMP/want"; then ok; else fail "$c --encoding=${e%%:*}: not as its UTF-8"; fi
  done
done
grep -v '[^ -~]' "$TMP/u8" | iconv -f UTF-8 -t ISO-8859-2 > "$TMP/l2"
grep -v '[^ -~]' "$TMP/u8" > "$TMP/a8"
run terms "$TMP/a8"
cp "$TMP/out" "$TMP/want"
run terms --encoding=iso-8859-2 "$TMP/l2"
expect_rc 0 "terms on a 5 MB ISO-8859-2 file"
if cmp -s "$TMP/out" "$TMP/want"; then ok; else fail "terms: a 5 MB ISO-8859-2 file as its UTF-8"; fi
if [ -x /usr/bin/time ]; then
  # 40 MB of UTF-16 next to 4 MB: read whole, it held 60+ MB more
  repeat 20000000 | iconv -f UTF-8 -t UTF-16 > "$TMP/u16big"
  repeat 2000000 | iconv -f UTF-8 -t UTF-16 > "$TMP/u16small"
  big=$(RSS_OUT=/dev/null rss tokenize "$TMP/u16big")
  small=$(RSS_OUT=/dev/null rss tokenize "$TMP/u16small")
  echo "peak RSS: 40 MB UTF-16 ${big} KB, 4 MB ${small} KB"
  if [ "$big" -lt $((small + 24576)) ]; then ok; else fail "40 MB UTF-16: peak RSS ${big} KB vs ${small} KB"; fi
  # ... and of GB18030 through iconv
  repeat 20000000 | iconv -f UTF-8 -t GB18030 > "$TMP/gbbig"
  repeat 2000000 | iconv -f UTF-8 -t GB18030 > "$TMP/gbsmall"
  big=$(RSS_OUT=/dev/null rss tokenize --encoding=gb18030 "$TMP/gbbig")
  small=$(RSS_OUT=/dev/null rss tokenize --encoding=gb18030 "$TMP/gbsmall")
  echo "peak RSS: 20 MB GB18030 ${big} KB, 2 MB ${small} KB"
  if [ "$big" -lt $((small + 12288)) ]; then ok; else fail "20 MB GB18030: peak RSS ${big} KB vs ${small} KB"; fi
fi

done_tests
