#!/bin/sh
# padan check: exit codes, formats (text, TSV, JSON, HTML), -o, errors.
. "$(dirname "$0")/lib.sh"
RSS_OUT=/dev/null # rss: big outputs are not kept
F="$FIX/check"
L="--no-default-lexicon --lexicon=$F/lex.tsv"

run check --help
expect_rc 0 "help"
expect_out "Usage: padan check" "help"

# bilingual, line-aligned
run check --lines $L --format=tsv "$F/id.txt" "$F/en.txt"
expect_rc 1 "findings exit 1"
expect_empty_err "no warnings"
if head -n 1 "$TMP/out" | grep -q "^#kind	id_term	expected	found	id_line	en_line"; then ok; else fail "TSV header"; fi
expect_out "missing	Korut	North Korea	Pyongyang	3	3	k2" "missing with line numbers"
expect_out "deprecated	perjanjian pertahanan bersama	mutual defense treaty	mutual defense pact	3	3	k1" "deprecated form"
expect_out_re "^missing	bantuan timbal balik	mutual assistance	[^	]*reciprocal help[^	]*	2	2	k5" "what was used instead"
expect_out_re "^inconsistent	perjanjian pertahanan bersama	mutual defense treaty	mutual defense treaty \(1\); mutual defence treaty \(1\); mutual defense pact \(1\)	" "inconsistent with counts"
# plural and case tolerated: lines 1 and 2 have no finding for k1
expect_no_out "missing	Perjanjian pertahanan bersama" "case and plural tolerated"
n=$(grep -vc '^#' "$TMP/out")
if [ "$n" -eq 4 ]; then ok; else fail "4 findings, got $n"; fi

# what was used instead of a missed name is a capitalized word or nothing:
# "arrived" (translating 'tiba') was guessed for a missed "Joko Widodo"
printf 'p1\tid\tpresiden\tpreferred\t\t\t\np1\ten\tpresident\tpreferred\t\t\t\nj1\tid\tJoko Widodo\tpreferred\t\t\t\nj1\ten\tJoko Widodo\tpreferred\t\t\t\n' > "$TMP/jw.tsv"
printf 'Presiden Joko Widodo tiba di Jakarta.\n' > "$TMP/jw.id"
printf 'The President arrived in Jakarta.\n' > "$TMP/jw.en"
run check --lines --no-default-lexicon --lexicon="$TMP/jw.tsv" --format=tsv "$TMP/jw.id" "$TMP/jw.en"
expect_rc 1 "a missed name"
expect_out "missing	Joko Widodo	Joko Widodo		1	1	j1" "a missed name: no common word guessed"

# aligned first (no --lines): the same findings on this text
run check $L --format=tsv "$F/id.txt" "$F/en.txt"
expect_rc 1 "aligned"
expect_out "missing	Korut	North Korea	Pyongyang	3	3	k2" "aligned: missing"

# nothing to report
run check --lines $L "$F/ok-id.txt" "$F/ok-en.txt"
expect_rc 0 "clean exit 0"

# JSON
run check --lines $L --format=json "$F/id.txt" "$F/en.txt"
expect_rc 1 "json"
expect_json "bilingual JSON"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["count"]==4 and d["findings"][0]["id_line"]; assert any(f["kind"]=="inconsistent" and len(f["forms"])==3 for f in d["findings"])' "$TMP/out"; then ok; else fail "JSON content"; fi

# HTML: one page, escaped, marks
run check --lines $L --format=html -o "$TMP/r.html" "$F/id.txt" "$F/en.txt"
expect_rc 1 "html"
if grep -q "<mark>Korut</mark>" "$TMP/r.html" && grep -q "<mark>mutual defense pact</mark>" "$TMP/r.html"; then ok; else fail "html marks"; fi
if grep -q "&lt;rakyat&gt; &amp; negara" "$TMP/r.html" && ! grep -q "<rakyat>" "$TMP/r.html"; then ok; else fail "html escaping"; fi
if grep -q "^<!DOCTYPE html>" "$TMP/r.html" && grep -q "</html>" "$TMP/r.html" && ! grep -qi "<script\|<link\|src=" "$TMP/r.html"; then ok; else fail "html self-contained"; fi
if [ ! -s "$TMP/out" ]; then ok; else fail "-o leaves stdout empty"; fi

# variants
run check --variants $L --format=tsv "$F/var-a.txt" "$F/var-b.txt"
expect_rc 1 "variants"
if head -n 1 "$TMP/out" | grep -q "^#kind	forms	counts	example	preferred"; then ok; else fail "variants header"; fi
expect_out "variants	Korea Utara|Korut|DPRK	2|1|1	$F/var-b.txt:1	Korea Utara	k2" "lexicon variants"
expect_out_re "^near-miss	Rodong Sinmun\|Rodong Simun	1\|1	[^	]*var-a.txt:1	Rodong Sinmun	k3" "near miss of a lexicon term"
expect_out "spelling	Kim Il-sung|Kim Il Sung	1|1" "hyphenation"
expect_out_re "^spelling	(kerjasama\|Kerja sama|Kerja sama\|kerjasama)	1\|1	" "spacing"
expect_out_re "^near-miss	Wijayakusuma\|Wijayakusma	3\|1	[^	]*var-b.txt:3" "near miss of a frequent term"
n=$(grep -vc '^#' "$TMP/out")
if [ "$n" -eq 5 ]; then ok; else fail "5 variant findings, got $n"; fi
run check --variants $L --format=json "$F/var-a.txt" "$F/var-b.txt"
expect_json "variants JSON"
run check --variants $L --format=html "$F/var-a.txt" "$F/var-b.txt"
expect_out "<mark>Rodong Simun</mark>" "variants html mark"
expect_out "<mark>Kerja sama</mark> &lt;ekonomi&gt; &amp; &quot;politik&quot;" "variants html escaping"
run check --variants $L "$F/var-a.txt" "$F/var-b.txt"
expect_out "preferred \"Korea Utara\"" "text report"
# the same words in another order, outside the lexicon
run check --variants --format=tsv "$F/var-order.txt"
expect_rc 1 "order outside the lexicon"
expect_out "order	Yayasan Sentosa Jaya|Yayasan Jaya Sentosa	2|1	$F/var-order.txt:1" "generic order"

# CSV: the TSV's columns and rows (header without '#'), RFC 4180 with CRLF,
# read back with Python's csv module
cat > "$TMP/csvcheck.py" <<'PY'
import csv, sys
out, tsv, header, want = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
raw = open(out, "rb").read()
assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF line ends"
rows = list(csv.reader(open(out, newline="", encoding="utf-8")))
assert rows[0] == header, rows[0]
assert all(len(r) == len(header) for r in rows), rows
assert want in rows, (want, rows)
t = [l.split("\t") for l in open(tsv, encoding="utf-8").read().splitlines()]
t[0][0] = t[0][0].lstrip("#")
assert rows == t, (rows, t)
PY
run check --lines $L --format=tsv "$F/id.txt" "$F/en.txt"
mv "$TMP/out" "$TMP/c.tsv"
run check --lines $L --format=csv "$F/id.txt" "$F/en.txt"
expect_rc 1 "csv: findings exit 1"
expect_empty_err "csv"
if python3 "$TMP/csvcheck.py" "$TMP/out" "$TMP/c.tsv" "kind id_term expected found id_line en_line concept id_form" \
  missing Korut "North Korea" Pyongyang 3 3 k2 Korut; then ok; else fail "csv: the TSV's rows"; fi
# two Indonesian sentences translated by one English one: id_line "2,3" is quoted
printf 'North Korea and Russia signed a mutual defense treaty.\nThe Mutual Defence Treaty provides for reciprocal help, which Pyongyang called a "shield" <people> & state.\nThere is no term in this line.\n' > "$TMP/m.en"
run check $L --format=tsv "$F/id.txt" "$TMP/m.en"
mv "$TMP/out" "$TMP/m.tsv"
run check $L --format=csv "$F/id.txt" "$TMP/m.en"
expect_rc 1 "csv, merged sentences"
expect_out 'missing,Korut,North Korea,Pyongyang,"2,3",2,k2,Korut' "csv: a field with a comma quoted"
if python3 "$TMP/csvcheck.py" "$TMP/out" "$TMP/m.tsv" "kind id_term expected found id_line en_line concept id_form" \
  missing Korut "North Korea" Pyongyang "2,3" 2 k2 Korut; then ok; else fail "csv, merged sentences: the TSV's rows"; fi
# --variants: the example FILE:LINE of a file named with a comma and quotes
cp "$F/var-b.txt" "$TMP/var \"b\", 2.txt"
run check --variants $L --format=tsv "$F/var-a.txt" "$TMP/var \"b\", 2.txt"
mv "$TMP/out" "$TMP/v.tsv"
run check --variants $L --format=csv "$F/var-a.txt" "$TMP/var \"b\", 2.txt"
expect_rc 1 "variants csv"
expect_empty_err "variants csv"
expect_out "variants,Korea Utara|Korut|DPRK,2|1|1,\"$TMP/var \"\"b\"\", 2.txt:1\",Korea Utara,k2" "variants csv: quoted example"
if python3 "$TMP/csvcheck.py" "$TMP/out" "$TMP/v.tsv" "kind forms counts example preferred concept" \
  variants "Korea Utara|Korut|DPRK" "2|1|1" "$TMP/var \"b\", 2.txt:1" "Korea Utara" k2; then ok
else fail "variants csv: the TSV's rows"; fi

# ordinary morphology, other names, common words and name shortening are not findings
run check --variants --format=tsv "$F/var-noise.txt"
expect_rc 0 "no noise (default lexicon)"
run check --variants $L "$F/var-none.txt"
expect_rc 0 "no variants"
run_in "$F/var-a.txt" check --variants $L --format=tsv -
expect_rc 1 "stdin"
expect_out "-:1" "stdin location"

# line counts that differ are worth a warning with --lines
head -n 2 "$F/en.txt" > "$TMP/en2.txt"
run check --lines $L --format=tsv "$F/id.txt" "$TMP/en2.txt"
expect_rc 1 "short English"
expect_err "has 4 lines and" "line count warning"

# errors
run check --lines $L "$F/id.txt" "$TMP/nonexistent.txt"
expect_rc 2 "missing file"
expect_err "nonexistent.txt" "error names the file"
run check $L "$F/id.txt"
expect_rc 2 "one file"
run check --bogus "$F/id.txt" "$F/en.txt"
expect_rc 2 "unknown option"
run check --format=tbx $L "$F/id.txt" "$F/en.txt"
expect_rc 2 "bad format"
printf 'k1\tid\tx\n' > "$TMP/bad.tsv"
printf 'k1\tid\n' >> "$TMP/bad.tsv"
run check --no-default-lexicon --lexicon="$TMP/bad.tsv" "$F/id.txt" "$F/en.txt"
expect_rc 2 "bad lexicon"
expect_err "bad.tsv" "lexicon error names the file"
run check --lines $L -o "$TMP/nodir/x.tsv" "$F/id.txt" "$F/en.txt"
expect_rc 2 "unwritable output"
# Windows-1252 input is decoded
printf 'Korut menolak.\n' | iconv -f utf-8 -t windows-1252 > "$TMP/w.txt"
printf 'Pyongyang refused.\n' > "$TMP/we.txt"
run check --lines --encoding=windows-1252 $L --format=tsv "$TMP/w.txt" "$TMP/we.txt"
expect_rc 1 "encoding option"
expect_out "missing	Korut" "encoding option finding"
# auto: the fallback is reported once per file, though check reads its inputs twice
printf 'Korut menolak caf\351.\n' > "$TMP/w1252.txt"
for m in --lines --no-lines; do
  [ $m = --lines ] && a=--lines || a=
  run check $a $L --format=tsv "$TMP/w1252.txt" "$TMP/we.txt"
  expect_rc 1 "Windows-1252 fallback $m"
  expect_out "missing	Korut" "Windows-1252 fallback $m: finding"
  n=$(grep -c "w1252.txt: not valid UTF-8, read as Windows-1252" "$TMP/err" || true)
  if [ "$n" -eq 1 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]; then ok; else fail "Windows-1252 fallback $m: $n warnings, expected 1"; fi
done
# standard input is copied to a temporary file (read twice), but messages name it as the user gave it
for m in --lines --no-lines; do
  [ $m = --lines ] && a=--lines || a=
  run_in "$TMP/w1252.txt" check $a $L --format=tsv - "$TMP/we.txt"
  expect_rc 1 "Windows-1252 on stdin $m"
  n=$(grep -c "^padan check: warning: (standard input): not valid UTF-8, read as Windows-1252" "$TMP/err" || true)
  if [ "$n" -eq 1 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]; then ok; else fail "Windows-1252 on stdin $m: $n warnings naming (standard input), expected 1"; fi
  run_in "$TMP/w1252.txt" check $a --encoding=utf-8 $L "$TMP/we.txt" -
  expect_rc 2 "invalid UTF-8 on stdin $m"
  expect_err "padan check: (standard input): invalid UTF-8 at byte" "invalid UTF-8 on stdin $m: names (standard input)"
done

# An acronym introduced in brackets right after its full form is not a variant
# (regression: samples/ reported "Dewan Perwakilan Rakyat" x1 / "DPR" x1).
printf 'Undang-undang itu disahkan Dewan Perwakilan Rakyat (DPR) pada hari Senin.\nRapat berikutnya di gedung Dewan Perwakilan Rakyat.\n' > "$TMP/paren.txt"
run check --variants --format=tsv "$TMP/paren.txt"
expect_rc 0 "acronym in brackets"
expect_no_out "DPR" "acronym in brackets is no finding"
printf 'Dewan Perwakilan Rakyat (DPR) bersidang.\nDPR menolak usul itu.\n' > "$TMP/paren2.txt"
run check --variants --format=tsv "$TMP/paren2.txt"
expect_rc 1 "acronym used on its own"
expect_out "DPR" "acronym used on its own is a variant"

# ---- --lines streams: a pair of files given in pieces, stdin read twice
run_in "$F/en.txt" check --lines $L --format=tsv "$F/id.txt" -
expect_rc 1 "--lines with English on stdin"
expect_out "missing	Korut	North Korea	Pyongyang	3	3	k2" "stdin: same findings"
n=$(grep -vc '^#' "$TMP/out")
if [ "$n" -eq 4 ]; then ok; else fail "stdin: 4 findings, got $n"; fi
# a pipe (read twice: copied first)
if [ -z "${PADAN_WRAP:-}" ] && command -v mkfifo > /dev/null; then
  mkfifo "$TMP/fifo"
  cat "$F/en.txt" > "$TMP/fifo" &
  run check --lines $L --format=tsv "$F/id.txt" "$TMP/fifo"
  wait
  expect_rc 1 "--lines with the English from a FIFO"
  n=$(grep -vc '^#' "$TMP/out")
  if [ "$n" -eq 4 ]; then ok; else fail "FIFO: 4 findings, got $n"; fi
fi
# sentence mode streams too: the same findings with the English on stdin
run check $L --format=tsv "$F/id.txt" "$F/en.txt"
cp "$TMP/out" "$TMP/sent.tsv"
run_in "$F/en.txt" check $L --format=tsv "$F/id.txt" -
expect_rc 1 "sentence mode with English on stdin"
if cmp -s "$TMP/out" "$TMP/sent.tsv"; then ok; else fail "sentence mode: stdin changes the findings"; fi
# text: a heading whenever the concept changes, findings in input order
run check --lines $L "$F/id.txt" "$F/en.txt"
n=$(grep -c '^[^ ]' "$TMP/out")
if [ "$n" -eq 3 ]; then ok; else fail "text: 3 headings, got $n"; fi

if [ -z "${PADAN_WRAP:-}" ]; then
  # lines with findings everywhere (a long number keeps tokenizing cheap)
  D=1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890
  D="$D$D$D$D"
  pair() { # N: N line pairs, each with a missing and a deprecated term; every 3rd has an approved one
    yes "Korut menolak perjanjian pertahanan bersama, nomor $D." | head -n "$1" > "$TMP/big-id.txt"
    yes "Pyongyang rejected the mutual defense pact, number $D.
North Korea rejected the mutual defence treaty, number $D.
Pyongyang rejected the mutual defense pact, number $D." | head -n "$1" > "$TMP/big-en.txt"
  }
  pair 8000
  cp "$TMP/big-id.txt" "$TMP/small-id.txt"
  cp "$TMP/big-en.txt" "$TMP/small-en.txt"
  pair 80000
  big=$(rss check --lines $L --format=json -o "$TMP/big.json" "$TMP/big-id.txt" "$TMP/big-en.txt")
  small=$(rss check --lines $L --format=tsv "$TMP/small-id.txt" "$TMP/small-en.txt")
  echo "peak RSS: --lines 36 MB pair ${big} KB, 3.6 MB pair ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "--lines: peak RSS ${big} KB vs ${small} KB"; fi
  if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert d["count"] == len(f) == 2 * 53333 + 1, (d["count"], len(f))
assert f[0]["kind"] == "missing" and f[0]["found"] == "Pyongyang" and f[1]["kind"] == "deprecated"
assert f[-1]["kind"] == "inconsistent" and [x["count"] for x in f[-1]["forms"]] == [53333, 26667]
assert f[-2]["id_line"] == "79999"
' "$TMP/big.json"; then ok; else fail "36 MB pair: JSON findings"; fi
fi

# ---- --lines: a line pair over the long-line cap (PADAN_LONG_LINE, a testing
# knob; 1 MiB by default) is a document pair: read in parts, sentence-aligned,
# each bead checked as a pair with the line's number. Its findings are those
# of the same sentences as line pairs; the lines after it keep their numbers.
for i in 1 2 3; do cat "$F/id.txt"; done > "$TMP/s-id.txt"
for i in 1 2 3; do cat "$F/en.txt"; done > "$TMP/s-en.txt"
{ echo "Tidak ada istilah di sini."; tr '\n' ' ' < "$TMP/s-id.txt"; echo; cat "$F/id.txt"; } > "$TMP/l-id.txt"
{ echo "There is no term here."; tr '\n' ' ' < "$TMP/s-en.txt"; echo; cat "$F/en.txt"; } > "$TMP/l-en.txt"
run check --lines $L --format=tsv "$TMP/s-id.txt" "$TMP/s-en.txt"
grep -v '^[#i]' "$TMP/out" | cut -f1-4,7- > "$TMP/split.tsv"
PADAN_LONG_LINE=100 run check --lines $L --format=tsv "$TMP/l-id.txt" "$TMP/l-en.txt"
expect_rc 1 "long pair"
awk -F'\t' '$5 == 2 && $6 == 2 && $1 != "inconsistent"' "$TMP/out" | cut -f1-4,7- > "$TMP/long.tsv"
if [ -s "$TMP/split.tsv" ] && cmp -s "$TMP/split.tsv" "$TMP/long.tsv"; then ok
else fail "long pair: the findings of its sentences as line pairs"; fi
expect_out "missing	Korut	North Korea	Pyongyang	5	5	k2" "long pair: the lines after it keep their numbers"
expect_out "(4); mutual defence treaty (4); mutual defense pact (4)	2	2	k1" "long pair: renderings counted"
if [ "$(grep -c '	2	2	' "$TMP/out")" -eq 10 ]; then ok; else fail "long pair: 9 findings + 1 example at line 2"; fi
# the same without the knob: one pair (its English holds every approved form)
run check --lines $L --format=tsv "$TMP/l-id.txt" "$TMP/l-en.txt"
if [ "$(grep -c '	2	2	' "$TMP/out")" -eq 1 ]; then ok; else fail "short pair: one finding"; fi
# an English side without the line: the pair's sentences have no en_line
head -n 1 "$TMP/l-en.txt" > "$TMP/l1-en.txt"
PADAN_LONG_LINE=100 run check --lines $L --format=tsv "$TMP/l-id.txt" "$TMP/l1-en.txt"
expect_rc 1 "long pair, English ended"
expect_out "missing	Korut	North Korea		2		k2" "long pair, English ended: en_line empty"
expect_err "has 6 lines and" "long pair, English ended: lines counted"

# an input that cannot be read twice (stdin, a pipe, a device) is copied to a
# temporary file: unlinked at once, so nothing is left when the command is
# killed (it was named, and kept); a NUL byte stops the copy as a binary file
# (/dev/zero was copied until the disk was full: here a file-size limit stands
# in for the disk, under which the copy was killed by SIGXFSZ)
mkdir "$TMP/td"
set +e
(ulimit -f 20000; TMPDIR="$TMP/td" exec "$PADAN" check /dev/zero "$F/en.txt") > "$TMP/out" 2> "$TMP/err"
rc=$?
set -e
expect_rc 2 "check /dev/zero"
expect_err "padan check: /dev/zero: binary file" "check /dev/zero"
if [ -z "$(ls "$TMP/td")" ]; then ok; else fail "check /dev/zero left $(ls "$TMP/td")"; fi
{ cat "$F/id.txt"; sleep 3; } | TMPDIR="$TMP/td" "$PADAN" check - "$F/en.txt" > /dev/null 2>&1 &
pid=$!
sleep 1
if [ -z "$(ls "$TMP/td")" ]; then ok; else fail "the copy of standard input is named in TMPDIR: $(ls "$TMP/td")"; fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -z "$(ls "$TMP/td")" ]; then ok; else fail "check killed: $(ls "$TMP/td") left behind"; fi
# UTF-16 through a pipe keeps its NUL bytes: not binary
iconv -f UTF-8 -t UTF-16 "$F/id.txt" > "$TMP/id16"
run check "$F/id.txt" "$F/en.txt"
cp "$TMP/out" "$TMP/want"
set +e
cat "$TMP/id16" | "$PADAN" check - "$F/en.txt" > "$TMP/out" 2> "$TMP/err"
rc=$?
set -e
expect_empty_err "UTF-16 on standard input"
if cmp -s "$TMP/out" "$TMP/want"; then ok; else fail "UTF-16 on standard input: not the UTF-8 file's findings"; fi

# both files standard input ("- -") was accepted and the Indonesian checked
# against itself; align and learn refuse it, check now too
for m in --lines --no-lines; do
  [ $m = --lines ] && a=--lines || a=
  run_in "$F/id.txt" check $a $L - -
  expect_rc 2 "check $m - -"
  expect_err "padan check: only one of the two files can be standard input" "check $m - -"
  if [ -s "$TMP/out" ]; then fail "check $m - -: output written"; else ok; fi
done

# --lines, EN_FILE shorter: a finding on a line the English lacks showed
# '(id line 3, en line )' in text; now 'en: no line' (text), an empty en_line
# (TSV), null (JSON), '(no line)' (HTML)
head -n 2 "$F/en.txt" > "$TMP/en2.txt"
run check --lines $L "$F/id.txt" "$TMP/en2.txt"
expect_rc 1 "EN shorter, text"
expect_out '  missing: "North Korea" expected (id line 3, en: no line)' "EN shorter, text: no line"
expect_out '(id line 2, en line 2)' "EN shorter, text: lines both sides have"
expect_no_out 'en line )' "EN shorter, text: no blank line number"
expect_err "has 4 lines and" "EN shorter, text: warned"
run check --lines $L --format=tsv "$F/id.txt" "$TMP/en2.txt"
expect_out "missing	Korut	North Korea		3		k2	Korut" "EN shorter, TSV: en_line empty"
run check --lines $L --format=json "$F/id.txt" "$TMP/en2.txt"
expect_json "EN shorter, JSON"
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
k = [f for f in d["findings"] if f["id_term"] == "Korut"]
assert len(k) == 1 and k[0]["id_line"] == "3", k
assert k[0]["en_line"] is None and k[0]["en_text"] is None, k
assert all(f["en_line"] == "2" for f in d["findings"] if f["id_line"] == "2"), d
PY
then ok; else fail "EN shorter, JSON: en_line null where EN has no line"; fi
run check --lines $L --format=html "$F/id.txt" "$TMP/en2.txt"
expect_out '<tr><th>en</th><td lang="en">(no line)</td></tr>' "EN shorter, HTML"

# standard output full with findings past the stdio buffer: the finding writer
# stopped the check and the message was the library's 'ID_FILE: stopped by the
# caller'; now the output's write error
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$F/id.txt"; done > "$TMP/full.id"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$F/en.txt"; done > "$TMP/full.en"
for m in --lines --no-lines; do
  [ $m = --lines ] && a=--lines || a=
  for f in text json tsv csv; do
    set +e
    ${PADAN_WRAP:-} "$PADAN" check $a --format=$f $L "$TMP/full.id" "$TMP/full.en" > /dev/full 2> "$TMP/err"
    rc=$?
    set -e
    expect_rc 2 "check $m --format=$f >/dev/full"
    expect_err "padan check: (standard output): write failed: No space left on device" "check $m --format=$f >/dev/full"
  done
done

done_tests
