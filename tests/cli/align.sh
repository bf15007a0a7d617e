#!/usr/bin/env bash
# padan align: formats, options, errors, and the awkward inputs (blank and huge lines).
. "$(dirname "$0")/lib.sh"
ID="$FIX/align/id.txt"
EN="$FIX/align/en.txt"

run align --help
expect_rc 0 "--help"
if head -n 1 "$TMP/out" | grep -q '^Usage: padan align'; then ok; else fail "--help starts with Usage"; fi

run align
expect_rc 2 "no files"
expect_err "ID_FILE and EN_FILE" "no files"
run align "$ID"
expect_rc 2 "one file"
run align "$ID" "$TMP/missing.txt"
expect_rc 2 "missing file"
expect_err "missing.txt" "missing file named"
run align --format=tbx "$ID" "$EN"
expect_rc 2 "tbx is not an align format"
run align --band=zero "$ID" "$EN"
expect_rc 2 "bad --band"
run align --frobnicate "$ID" "$EN"
expect_rc 2 "unknown option"
run align - - < "$ID"
expect_rc 2 "both on stdin"

# --lines: the blank line 3 is skipped, line numbers kept; line 4 has no translation;
# line 8 holds two sentences translated by English lines 6 and 7.
run align --lines "$ID" "$EN"
expect_rc 0 "--lines"
expect_empty_err "--lines"
if head -n 1 "$TMP/out" | grep -qx "$(printf '#id_lines\ten_lines\tscore\tid_text\ten_text')"; then ok
else fail "TSV header"; fi
cut -f1,2 "$TMP/out" > "$TMP/links"
for want in "1	1" "2	2" "4	" "5	3" "6	4" "7	5" "8	6,7"; do
  if grep -qx "$want" "$TMP/links"; then ok; else fail "--lines: link '$want' missing"; fi
done
if [ "$(wc -l < "$TMP/out")" -eq 8 ]; then ok; else fail "--lines: 7 links + header expected"; fi
expect_out "	Apakah perjanjian akan ditandatangani? Belum ada kepastian.	Will the agreement be signed? There is no certainty yet." "merged text joined"
if awk -F'\t' 'NR > 1 && !($3 >= 0 && $3 <= 1) { bad = 1 } END { exit bad }' "$TMP/out"; then ok
else fail "scores in [0,1]"; fi

# the baseline and one-pass modes run and cover both texts
for opt in --length-only --no-realign; do
  run align --lines $opt "$ID" "$EN"
  expect_rc 0 "$opt"
  n_id=$(cut -f1 "$TMP/out" | tail -n +2 | tr ',' '\n' | grep -c .)
  n_en=$(cut -f2 "$TMP/out" | tail -n +2 | tr ',' '\n' | grep -c .)
  if [ "$n_id" -eq 7 ] && [ "$n_en" -eq 7 ]; then ok; else fail "$opt covers 7+7 sentences ($n_id, $n_en)"; fi
done

# sentence splitting (no --lines): numbers are sentence numbers
run align "$ID" "$EN"
expect_rc 0 "split"
expect_out_re '	Will the agreement be signed\?$' "split: the question is its own sentence"
if [ "$(tail -n +2 "$TMP/out" | cut -f2 | tr ',' '\n' | grep -c .)" -eq 7 ]; then ok
else fail "split: 7 English sentences"; fi

run align --lines --format=json "$ID" "$EN"
expect_rc 0 "json"
expect_json "json"
if python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 7, len(a)
assert a[-1]["id_lines"] == [8] and a[-1]["en_lines"] == [6, 7], a[-1]
assert any(x["id_lines"] == [4] and x["en_lines"] == [] for x in a)
' "$TMP/out"; then ok; else fail "json content"; fi

# CSV: the TSV's columns and rows, RFC 4180 (fields with a comma or a quote
# quoted, CRLF line ends), read back with Python's csv module
run align --lines --format=csv "$ID" "$EN"
expect_rc 0 "csv"
expect_empty_err "csv"
if python3 -c '
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF line ends"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["id_lines", "en_lines", "score", "id_text", "en_text"], rows[0]
assert len(rows) == 8 and all(len(r) == 5 for r in rows), rows
r = [r for r in rows if r[0] == "8"][0]
assert r[1] == "6,7" and 0 <= float(r[2]) <= 1, r
assert r[3:] == ["Apakah perjanjian akan ditandatangani? Belum ada kepastian.",
                 "Will the agreement be signed? There is no certainty yet."], r
r = [r for r in rows if r[0] == "7"][0]
assert r[3] == "Delegasi Indonesia terdiri atas 40 orang, termasuk empat menteri.", r
assert [r for r in rows if r[0] == "4"][0][1] == "", "line 4 has no translation"
' "$TMP/out"; then ok; else fail "csv content"; fi
run align --lines --format=csv "$FIX/check/id.txt" "$FIX/check/en.txt"
expect_rc 0 "csv quotes"
expect_out '3,3,1.000,"Korut menyebut perjanjian pertahanan bersama sebagai ""tameng"" <rakyat> & negara.",' "csv: a quoted field, its quotes doubled"
if python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
r = [r for r in rows if r[0] == "3"][0]
assert r[3] == "Korut menyebut perjanjian pertahanan bersama sebagai \"tameng\" <rakyat> & negara.", r
assert r[4] == "Pyongyang called the mutual defense pact a \"shield\" <people> & state.", r
' "$TMP/out"; then ok; else fail "csv: quoted fields read back"; fi

run align --lines --format=text "$ID" "$EN"
expect_rc 0 "text"
expect_out "id 4 = en -" "text: deletion shown"
expect_out "  en: President Joko Widodo" "text: sentence shown"

# -o writes atomically and nothing on stdout
run align --lines -o "$TMP/o.tsv" "$ID" "$EN"
expect_rc 0 "-o"
if [ -s "$TMP/o.tsv" ] && [ ! -s "$TMP/out" ]; then ok; else fail "-o wrote the file only"; fi
if [ "$(ls "$TMP" | grep -c '^o\.tsv.')" -eq 0 ]; then ok; else fail "-o left a temp file"; fi
run align --lines -o "$TMP/nodir/o.tsv" "$ID" "$EN"
expect_rc 2 "-o into a missing folder"

# standard input for one side
run_in "$EN" align --lines "$ID" -
expect_rc 0 "stdin"
expect_out "8	6,7" "stdin"

# encodings: Windows-1252 input, and invalid UTF-8 named
printf 'Caf\xe9 di Bandung buka pukul 7.\nHarga kopi Rp 20.000.\n' > "$TMP/cp.txt"
printf 'The cafe in Bandung opens at 7.\nCoffee costs Rp 20,000.\n' > "$TMP/cp_en.txt"
run align --lines --encoding=windows-1252 "$TMP/cp.txt" "$TMP/cp_en.txt"
expect_rc 0 "windows-1252"
expect_out "Café di Bandung" "decoded"
run align --lines --encoding=utf-8 "$TMP/cp.txt" "$TMP/cp_en.txt"
expect_rc 2 "invalid UTF-8"
expect_err "cp.txt" "invalid UTF-8 names the file"
if [ -s "$TMP/out" ]; then fail "invalid UTF-8: nothing written before the error"; else ok; fi
run align --lines --encoding=klingon "$ID" "$EN"
expect_rc 2 "unknown encoding"

# empty files and blank-only files: nothing to align is not an error
: > "$TMP/empty.txt"
printf '\n  \n\t\n' > "$TMP/blank.txt"
run align --lines "$TMP/empty.txt" "$TMP/blank.txt"
expect_rc 0 "empty"
if [ "$(wc -l < "$TMP/out")" -eq 1 ]; then ok; else fail "empty: header only"; fi
run align --lines "$TMP/empty.txt" "$EN"
expect_rc 0 "one side empty"
if [ "$(tail -n +2 "$TMP/out" | cut -f1 | grep -c .)" -eq 0 ] && [ "$(wc -l < "$TMP/out")" -eq 8 ]; then ok
else fail "one side empty: 7 0-1 links"; fi

# CRLF input and a huge line (300,000 bytes) are handled
sed 's/$/\r/' "$ID" > "$TMP/crlf.txt"
run align --lines "$TMP/crlf.txt" "$EN"
expect_rc 0 "CRLF"
expect_out "8	6,7" "CRLF"
{ head -n 2 "$ID"; python3 -c 'print("kata " * 60000)'; tail -n 5 "$ID"; } > "$TMP/huge.txt"
run align --lines "$TMP/huge.txt" "$EN"
expect_rc 0 "huge line"
expect_out "1	1	" "huge line: first link kept"

# a 3 MB line (over the 1 MiB long-line cap) is never put together: it is
# split into sentences (here cuts about 64 KiB apart, as it has no sentence
# end) part by part, each numbered 3; every word of it is in a link
{ head -n 2 "$ID"; python3 -c 'print("kata " * 600000)'; tail -n 5 "$ID"; } > "$TMP/big.txt"
run align --lines "$TMP/big.txt" "$EN"
expect_rc 0 "3 MB line"
n=$(awk -F'\t' '$1 ~ /(^|,)3(,|$)/ { n += gsub(/kata/, "", $4) } END { print n }' "$TMP/out")
cut -c1-300 "$TMP/out" > "$TMP/out.short" && mv "$TMP/out.short" "$TMP/out"
if [ "$n" = 600000 ]; then ok; else fail "3 MB line: all of line 3 linked ($n words)"; fi
expect_out "1	1	" "3 MB line: first link kept"
expect_no_out "3,3" "3 MB line: its number once a link"
# a line over the long-line cap (PADAN_LONG_LINE, a testing knob; 1 MiB by
# default) is aligned sentence by sentence: the links of sentence mode on the
# same text, each numbered with the line
tr '\n' ' ' < "$ID" > "$TMP/id1.txt"; tr '\n' ' ' < "$EN" > "$TMP/en1.txt"
run align "$ID" "$EN"
cut -f3- "$TMP/out" > "$TMP/sent.tsv"
PADAN_LONG_LINE=100 run align --lines "$TMP/id1.txt" "$TMP/en1.txt"
expect_rc 0 "long line pair"
if cut -f3- "$TMP/out" | cmp -s - "$TMP/sent.tsv"; then ok; else fail "long line pair: the links of sentence mode"; fi
if [ "$(tail -n +2 "$TMP/out" | cut -f1,2 | sort -u | tr '\n' ' ')" = "1	 1	1 " ]; then ok
else fail "long line pair: every link numbered 1"; fi

# windows: --window bounds, and on an easy text (deletions every 40 lines) the
# windowed alignment gives the links of whole-text alignment
run align --window=5 "$ID" "$EN"
expect_rc 2 "--window below 16"
expect_err "--window must be a number from 16 to 1000000, not '5'" "--window message"
awk 'BEGIN { split("Bandung Medan Ambon Kupang Manado", c, " ")
  for (k = 1; k <= 400; k++) {
    if (k % 40 != 17) printf "Kota %s%d memiliki %d penduduk dan %d sekolah.\n", c[k % 5 + 1], k, k * 37 + 11, k + 5 > "'"$TMP"'/w.id"
    if (k % 40 != 33) printf "The city of %s%d has %d inhabitants and %d schools.\n", c[k % 5 + 1], k, k * 37 + 11, k + 5 > "'"$TMP"'/w.en"
  } }'
run align --lines "$TMP/w.id" "$TMP/w.en"
cut -f1,2 "$TMP/out" > "$TMP/whole.links"
if [ "$(grep -c '	$' "$TMP/whole.links")" -eq 10 ]; then ok; else fail "easy text: 10 deletions found whole"; fi
for w in 16 50; do
  run align --lines --window=$w --stats "$TMP/w.id" "$TMP/w.en"
  expect_rc 0 "--window=$w"
  if cut -f1,2 "$TMP/out" | cmp -s - "$TMP/whole.links"; then ok; else fail "--window=$w: links differ from whole-text alignment"; fi
  if grep -qE ' [0-9]{2,} windows' "$TMP/err"; then ok; else fail "--window=$w: several windows"; fi
done
run align --window=16 "$TMP/w.id" "$TMP/w.en"
expect_rc 0 "--window, sentence split"
if cut -f1,2 "$TMP/out" | cmp -s - "$TMP/whole.links"; then ok; else fail "--window, split: links differ"; fi

# lexicons: a missing one is an error naming it; a given one is used
run align --lines --lexicon="$TMP/nolex.tsv" "$ID" "$EN"
expect_rc 2 "missing lexicon"
expect_err "nolex.tsv" "missing lexicon named"
run align --lines --stats --no-default-lexicon --lexicon="$FIX/align/lex.tsv" "$ID" "$EN"
expect_rc 0 "--lexicon"
expect_err "1 lexicon word pairs" "--lexicon pairs counted"
expect_out "8	6,7" "--lexicon"

# ---------------------------------------------------------------- padan learn
LI="$TMP/l.id"; LE="$TMP/l.en"
printf 'kucing hitam tidur\nanjing itu makan\nkucing hitam makan\n\nanjing itu tidur\nanjing melihat kucing hitam\nkucing hitam melihat anjing\n' > "$LI"
printf 'the black cat sleeps\nthe dog eats\nthe black cat eats\nThis line has no source.\nthe dog sleeps\nthe dog sees the black cat\nthe black cat sees the dog\n' > "$LE"
run learn --help
expect_rc 0 "learn --help"
if head -n 1 "$TMP/out" | grep -q '^Usage: padan learn'; then ok; else fail "learn --help starts with Usage"; fi
run learn "$LI"
expect_rc 2 "learn: one file"
run learn "$LI" "$TMP/none.en"
expect_rc 2 "learn: missing file"
expect_err "none.en" "learn: missing file named"
head -n 3 "$LE" > "$TMP/short.en"
run learn "$LI" "$TMP/short.en"
expect_rc 2 "learn: unequal line counts"
expect_err "short.en has 3" "learn: line counts named"
run learn --min-count=0 "$LI" "$LE"
expect_rc 2 "learn: bad --min-count"
expect_err "--min-count must be a number from 1 to 1000000, not '0'" "learn: --min-count range named"
# numbers are plain digits: sscanf/strtol took '5,5,5', ' 5' and '+5'
for a in "--iterations=5,5,5:--iterations M2 must be a number from 0 to 100, not '5,5'" \
         "--iterations= 5,5:--iterations M1 must be a number from 0 to 100, not ' 5'" \
         "--iterations=5:--iterations needs M1,M2 (0 to 100 each), not '5'" \
         "--top=+5:--top must be a number from 0 to 1000, not '+5'" \
         "--min-count= 3:--min-count must be a number from 1 to 1000000, not ' 3'"; do
  run learn "${a%%:*}" "$LI" "$LE"
  expect_rc 2 "learn ${a%%:*}"; expect_err "learn: ${a#*:}" "learn ${a%%:*}"
done
run learn --format=tbx "$LI" "$LE"
expect_rc 2 "learn: bad format"

run learn --min-count=2 "$LI" "$LE"
expect_rc 0 "learn"
if head -n 1 "$TMP/out" | grep -q "^#id_term	en_term	score	count"; then ok; else fail "learn: TSV header"; fi
expect_out_re '^kucing hitam	black cat	[0-9.]+	4	4$' "learn: kucing hitam = black cat"
expect_out_re '^anjing	dog	' "learn: anjing = dog"
expect_no_out "	the black cat" "learn: leading 'the' trimmed"
expect_no_out "source" "learn: the blank-sided pair is skipped"

run learn --min-count=2 --format=json "$LI" "$LE"
expect_rc 0 "learn json"
expect_json "learn json"
run learn --min-count=2 --format=lexicon "$LI" "$LE"
expect_rc 0 "learn lexicon"
expect_out "#concept	lang	term	status	pos	note	domain" "lexicon header"
expect_out_re '^learned[0-9]+	en	black cat	admitted		learned	$' "lexicon row"

# CSV: the TSV's rows and columns, read back with Python's csv module (a
# learned term is words: no field of it needs quoting, as align's and check's
# sentences do; the quoting is cli_row's, tested there)
run learn --min-count=2 "$LI" "$LE"
mv "$TMP/out" "$TMP/learn.tsv"
run learn --min-count=2 --format=csv "$LI" "$LE"
expect_rc 0 "learn csv"
expect_empty_err "learn csv"
if python3 -c '
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF line ends"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["id_term", "en_term", "score", "count", "id_count"], rows[0]
r = [r for r in rows if r[0] == "kucing hitam"][0]
assert r[1] == "black cat" and 0 < float(r[2]) <= 1 and r[3:] == ["4", "4"], r
tsv = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
tsv[0][0] = tsv[0][0].lstrip("#")
assert rows == tsv, (rows, tsv)
' "$TMP/out" "$TMP/learn.tsv"; then ok; else fail "learn csv: the TSV's rows"; fi
# text: one pair a line, for reading
run learn --min-count=2 --format=text "$LI" "$LE"
expect_rc 0 "learn text"
expect_empty_err "learn text"
if grep -qx "kucing hitam -> black cat (score 1.00; 4 of 4 times)" "$TMP/out"; then ok
else fail "learn text: the kucing hitam pair line"; fi
if [ "$(wc -l < "$TMP/out")" -eq "$(($(wc -l < "$TMP/learn.tsv") - 1))" ]; then ok
else fail "learn text: a line a pair"; fi
expect_no_out "	" "learn text: no TSV"

printf 'kucing hitam\n# a comment\n  Anjing  \n' > "$TMP/terms.txt"
run learn --min-count=1 --terms="$TMP/terms.txt" "$LI" "$LE"
expect_rc 0 "learn --terms"
if [ "$(tail -n +2 "$TMP/out" | cut -f1 | sort -u | tr '\n' ,)" = "anjing,kucing hitam," ]; then ok
else fail "learn --terms: only the given terms"; fi

run learn --ngrams --min-count=2 "$LI" "$LE"
expect_rc 0 "learn --ngrams"
expect_out_re '^kucing hitam	black cat	' "learn --ngrams"

run learn --lexicon="$TMP/nolex.tsv" "$LI" "$LE"
expect_rc 2 "learn: missing lexicon"
expect_err "nolex.tsv" "learn: missing lexicon named"
run learn --ngrams --min-count=2 --no-default-lexicon --lexicon="$FIX/align/lex.tsv" "$LI" "$LE"
expect_rc 0 "learn --lexicon"
expect_no_out "cuaca" "learn: lexicon anchors are not counted as text"

# --model saves, then reuses the model on new text without training
run learn --min-count=1 --model="$TMP/m.tsv" "$LI" "$LE"
expect_rc 0 "learn --model (save)"
if head -n 1 "$TMP/m.tsv" | grep -q '^#padan-learn-model'; then ok; else fail "model file written"; fi
head -n 1 "$LI" > "$TMP/one.id"; head -n 1 "$LE" > "$TMP/one.en"
run learn --ngrams --min-count=1 --iterations=0,0 --model="$TMP/m.tsv" "$TMP/one.id" "$TMP/one.en"
expect_rc 0 "learn --model (reuse)"
expect_out_re '^kucing hitam	black cat	' "learn: the reused model aligns one pair"
echo garbage > "$TMP/bad.model"
run learn --model="$TMP/bad.model" "$LI" "$LE"
expect_rc 2 "learn: bad model"
expect_err "bad.model:1" "learn: bad model named with its line"
# a model of another version was read (its rows as version 1's) and then
# overwritten by the save: refused now, the file left as it was
if head -n 1 "$TMP/m.tsv" | grep -q '^#padan-learn-model 1	'; then ok; else fail "model version 1 written"; fi
sed '1s/^#padan-learn-model 1	/#padan-learn-model 9	/' "$TMP/m.tsv" > "$TMP/v9.model"
cp "$TMP/v9.model" "$TMP/v9.before"
run learn --min-count=1 --model="$TMP/v9.model" "$LI" "$LE"
expect_rc 2 "learn: model version 9"
expect_err "padan learn: $TMP/v9.model:1: unsupported model version 9 (this padan reads version 1)" "learn: model version 9"
if [ -s "$TMP/out" ]; then fail "learn: model version 9: output written"; else ok; fi
if cmp -s "$TMP/v9.model" "$TMP/v9.before"; then ok; else fail "learn: model version 9 overwritten"; fi
printf '#padan-learn-model\tid\ten\n' > "$TMP/v.model"
run learn --min-count=1 --model="$TMP/v.model" "$LI" "$LE"
expect_rc 2 "learn: model without a version"
expect_err "v.model:1: not a padan learn model" "learn: model without a version"

# --align: files with different line counts are sentence-aligned first
run learn --align --min-count=2 "$LI" "$TMP/short.en"
expect_rc 0 "learn --align"

# a 1.3 MB line pair (over the 1 MiB long-line cap) is a document pair: read
# in parts, sentence-aligned, each sentence pair counted and trained
{ cat "$LI"; python3 -c 'print("Kucing hitam tidur. " * 60000)'; } > "$TMP/lb.id"
{ cat "$LE"; python3 -c 'print("The black cat sleeps. " * 60000)'; } > "$TMP/lb.en"
run learn --min-count=2 --terms="$TMP/terms.txt" "$TMP/lb.id" "$TMP/lb.en"
expect_rc 0 "learn: 1.3 MB line pair"
expect_out_re '^kucing hitam	black cat	1.000	60004	60004$' "learn: the long pair trained"
# a line pair over the cap learns what its sentences learn as line pairs (the
# English sentence without a source is left out, as the blank-sided pair is)
printf 'Kucing hitam tidur.\nAnjing itu makan.\nKucing hitam makan.\n\nAnjing itu tidur.\nAnjing melihat kucing hitam.\nKucing hitam melihat anjing.\n' > "$TMP/lp.id"
printf 'The black cat sleeps.\nThe dog eats.\nThe black cat eats.\nThis line has no source.\nThe dog sleeps.\nThe dog sees the black cat.\nThe black cat sees the dog.\n' > "$TMP/lp.en"
tr '\n' ' ' < "$TMP/lp.id" > "$TMP/lp1.id"; tr '\n' ' ' < "$TMP/lp.en" > "$TMP/lp1.en"
for o in --ngrams --extract; do
  run learn $o --min-count=2 "$TMP/lp.id" "$TMP/lp.en"
  mv "$TMP/out" "$TMP/lines.tsv"
  PADAN_LONG_LINE=50 run learn $o --min-count=2 "$TMP/lp1.id" "$TMP/lp1.en"
  expect_rc 0 "learn $o: long line pair"
  expect_out_re '^kucing hitam	black cat	1.000	4	4$' "learn $o: long line pair trained"
  if cmp -s "$TMP/out" "$TMP/lines.tsv"; then ok; else fail "learn $o: long pair learns as its sentence lines"; fi
done
printf 'x\n' >> "$TMP/lb.id"
run learn "$TMP/lb.id" "$TMP/lb.en"
expect_rc 2 "learn: one more line"
expect_err "lb.id has 9 lines but $TMP/lb.en has 8" "learn: line counts after streaming"

# memory: the corpus is spooled as word ids, so 40 MB of line pairs take no
# more memory than 4 MB (2,000 short pairs trained, the rest long lines)
if [ -z "${PADAN_WRAP:-}" ] && [ -x /usr/bin/time ]; then
  SI='Presiden Joko Widodo meresmikan jalan tol baru di Jawa Barat pada Senin (24/4/2025) pukul 14.30 kemarin.'
  SE='President Joko Widodo inaugurated a new toll road in West Java on Monday (24/4/2025) at 14.30 yesterday.'
  pairs() { { yes "$2" | head -n 2000; yes "$2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2 $2" | head -n $(($1 * 1000000 / (16 * ${#SI}))); }; }
  pairs 40 "$SI" > "$TMP/q40.id"; pairs 40 "$SE" > "$TMP/q40.en"
  pairs 4 "$SI" > "$TMP/q4.id"; pairs 4 "$SE" > "$TMP/q4.en"
  printf 'jalan tol\npresiden\n' > "$TMP/qterms"
  big=$(rss learn --no-default-lexicon --terms="$TMP/qterms" "$TMP/q40.id" "$TMP/q40.en")
  n=$(($(wc -l < "$TMP/q40.id") - 2000))
  expect_out_re "^presiden	president	[0-9.]+	2000	$((2000 + 16 * n))\$" "learn 40 MB: every occurrence counted"
  small=$(rss learn --no-default-lexicon --terms="$TMP/qterms" "$TMP/q4.id" "$TMP/q4.en")
  echo "peak RSS: learn 40 MB pairs ${big} KB, 4 MB pairs ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "learn 40 MB: peak RSS ${big} KB vs ${small} KB"; fi
  # a line pair over the 1 MiB long-line cap is read in parts and trained
  # sentence pair by sentence pair: 6 MB costs what 1.5 MB does
  qline() { yes "$2" | head -n $(($1 * 100000 / ${#SI})) | tr '\n' ' '; echo; }
  qline 60 "$SI" > "$TMP/l6.id"; qline 60 "$SE" > "$TMP/l6.en"
  qline 15 "$SI" > "$TMP/l1.id"; qline 15 "$SE" > "$TMP/l1.en"
  big=$(rss learn --iterations=1,0 --no-default-lexicon --terms="$TMP/qterms" "$TMP/l6.id" "$TMP/l6.en")
  n=$((60 * 100000 / ${#SI}))
  expect_out_re "^presiden	president	[0-9.]+	$n	$n\$" "learn 6 MB line pair: every sentence pair trained"
  small=$(rss learn --iterations=1,0 --no-default-lexicon --terms="$TMP/qterms" "$TMP/l1.id" "$TMP/l1.en")
  echo "peak RSS: learn 6 MB line pair ${big} KB, 1.5 MB line pair ${small} KB"
  # the 1.5 MB files are read whole, the 6 MB ones in 4 MiB first blocks (raw
  # and decoded, both sides: 16 MB); held whole, the 6 MB line cost 60 MB more
  if [ "$big" -lt $((small + 24576)) ]; then ok; else fail "learn 6 MB line: peak RSS ${big} KB vs ${small} KB"; fi
fi

# standard output full (>/dev/full, only redirected to): align and learn, every
# format, exited 2 with nothing on stderr once the output was larger than the
# stdio buffer (ferror set mid-way: the output discarded without a word); now
# the message other commands give
awk 'BEGIN { for (i = 1; i <= 600; i++) printf "rumah kota%d besar\n", i }' > "$TMP/full.id"
awk 'BEGIN { for (i = 1; i <= 600; i++) printf "big town%d house\n", i }' > "$TMP/full.en"
for args in "align --lines" "align --lines --format=tsv" "align --lines --format=csv" \
  "align --lines --format=json" \
  "learn --no-default-lexicon --ngrams --min-count=1 --top=0" \
  "learn --no-default-lexicon --ngrams --min-count=1 --top=0 --format=json" \
  "learn --no-default-lexicon --ngrams --min-count=1 --top=0 --format=csv" \
  "learn --no-default-lexicon --ngrams --min-count=1 --top=0 --format=text" \
  "learn --no-default-lexicon --ngrams --min-count=1 --top=0 --format=lexicon"; do
  run $args "$TMP/full.id" "$TMP/full.en"
  if [ "$(wc -c < "$TMP/out")" -gt 16384 ]; then ok; else fail "$args: output too small for the test"; fi
  set +e
  ${PADAN_WRAP:-} "$PADAN" $args "$TMP/full.id" "$TMP/full.en" > /dev/full 2> "$TMP/err"
  rc=$?
  set -e
  expect_rc 2 "$args >/dev/full"
  cmd=${args%% *}
  expect_err "padan $cmd: (standard output): write failed: No space left on device" "$args >/dev/full"
done

done_tests
