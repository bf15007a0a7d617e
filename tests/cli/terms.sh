#!/bin/sh
# padan terms: contract (help, formats, -o, errors) and exact output on a small text.
. "$(dirname "$0")/lib.sh"
IN="$FIX/terms/small.txt"

run terms --help
expect_rc 0 "help"
if head -n 1 "$TMP/out" | grep -q '^Usage: padan terms'; then ok; else fail "help starts with Usage"; fi

run terms --bogus "$IN"
expect_rc 2 "unknown option"
expect_err "--bogus" "unknown option named"

run terms --top=x "$IN"
expect_rc 2 "bad number"

# --max-words out of range names the range, as glossary does (regression:
# 'invalid number in --max-words=7')
run terms --max-words=7 "$IN"
expect_rc 2 "--max-words=7"; expect_err "terms: --max-words must be a number from 1 to 6, not '7'" "--max-words=7 names the range"
run terms --max-words=0 "$IN"
expect_rc 2 "--max-words=0"; expect_err "--max-words must be a number from 1 to 6, not '0'" "--max-words=0 names the range"
run terms --max-words=2 --top=1 "$IN"
expect_rc 0 "--max-words=2"
# empty values and numbers that are not plain digits are errors (regression:
# ' -5' was taken as a huge --top, '--dict=' as a dictionary named '')
for a in "--top= -5" "--top=+5" "--top=" "--min-freq=" "--top=99999999999999999999999"; do
  run terms "$a" "$IN"
  expect_rc 2 "$a"; expect_err "${a%%=*} must be a number from 0 to 1000000000, not '${a#*=}'" "$a"
done
for a in --dict= --encoding= --stopwords= --reference= --output=; do
  run terms "$a" "$IN"
  expect_rc 2 "$a"; expect_err "option '${a%=}' needs a value" "$a"
  if [ ! -s "$TMP/out" ]; then ok; else fail "$a: output written"; fi
done
run terms "$IN" -o ""
expect_rc 2 "-o ''"; expect_err "option '-o' needs a value" "-o ''"

run terms "$TMP/missing.txt"
expect_rc 2 "missing file"
expect_err "missing.txt" "missing file named"

run terms --format=tbx "$IN"
expect_rc 2 "format not allowed"

# TSV: header, terms with variants grouped, no verbs or stop words at the edges
run terms "$IN"
expect_rc 0 "tsv"
expect_empty_err "tsv"
if head -n 1 "$TMP/out" | grep -q "^#term	score	freq	docs	variants	context	kind"; then ok; else fail "tsv header"; fi
expect_out_re "^perjanjian pertahanan bersama	[0-9.]+	3	1	perjanjian pertahanan bersama\|Perjanjian pertahanan bersama	" "term with its case variant"
expect_out_re "^bantuan timbal balik	[0-9.]+	2	1	" "bantuan timbal balik"
expect_out_re "^kerja sama keamanan	[0-9.]+	3	1	" "kerja sama keamanan"
expect_out_re "^Sekretaris Jenderal ASEAN	[0-9.]+	2	1	.*	name	" "a name"
expect_out_re "^Negara anggota ASEAN	[0-9.]+	2	1	Negara anggota ASEAN\|Negara-negara anggota ASEAN	" "reduplication grouped"
expect_out_re "^perjanjian	[0-9.]+	4	1	perjanjian\|Perjanjian	" "named by the most frequent form"
if cut -f1 "$TMP/out" | grep -qx "negara"; then fail "a common noun alone is not a term"; else ok; fi
if cut -f1 "$TMP/out" | grep -qE "mengatur|menyambut|membahas|menilai"; then fail "meN- verb in a term"; else ok; fi
if cut -f1 "$TMP/out" | grep -qE "^(dan|di|itu|tersebut|kedua) | (dan|di|itu|tersebut|kedua)$"; then fail "stop word at an edge"; else ok; fi
cp "$TMP/out" "$TMP/first"

# deterministic
run terms "$IN"
if cmp -s "$TMP/out" "$TMP/first"; then ok; else fail "same input, different output"; fi

# stdin = the same
run_in "$IN" terms
if cmp -s "$TMP/out" "$TMP/first"; then ok; else fail "stdin differs from file"; fi

# --top and --min-freq
run terms --top=2 "$IN"
expect_rc 0 "top"
if [ "$(grep -vc '^#' "$TMP/out")" -eq 2 ]; then ok; else fail "--top=2 gives 2 rows"; fi
run terms --min-freq=3 "$IN"
if awk -F'\t' 'NR > 1 && $3 < 3 { bad = 1 } END { exit bad }' "$TMP/out"; then ok; else fail "--min-freq=3"; fi

# JSON and CSV
run terms --format=json "$IN"
expect_rc 0 "json"
expect_json "json"
expect_out '"term": "perjanjian pertahanan bersama"' "json term"
run terms --format=csv "$IN"
expect_rc 0 "csv"
expect_out "term,score,freq,docs,variants,context,kind" "csv header"

# text: for reading (it printed the TSV): rank, term, kind and counts, other
# spellings, an example; the same terms in the same order as the TSV
run terms --format=text "$IN"
expect_rc 0 "text"
expect_out_re "^[0-9]+\. perjanjian pertahanan bersama \(term; 3 times in 1 document; score [0-9.]+\)$" "text: a term line"
expect_out "   also: Perjanjian pertahanan bersama" "text: the other spelling"
if grep -q '	' "$TMP/out"; then fail "text: a TAB in the text format"; else ok; fi
sed -n 's/^[0-9][0-9]*\. \(.*\) ([a-z]*; [0-9]* times\{0,1\} in .*$/\1/p' "$TMP/out" > "$TMP/text.terms"
grep -v '^#' "$TMP/first" | cut -f1 > "$TMP/tsv.terms"
if cmp -s "$TMP/text.terms" "$TMP/tsv.terms"; then ok; else fail "text: not the TSV's terms in order"; fi
# ... one line an entry: control characters and line separators (ESC, VT,
# U+2028) of the context are spaces (they reached the terminal raw)
printf 'Dewan Keamanan\033[2J bersidang\013 hari ini\342\200\250 ya.\nDewan Keamanan bersidang lagi.\n' > "$TMP/esc.txt"
run terms --format=text "$TMP/esc.txt"
expect_out "   e.g.: Dewan Keamanan [2J bersidang  hari ini  ya." "text: controls as spaces"
if LC_ALL=C grep -q "$(printf '[\033\013]')" "$TMP/out" || grep -q "$(printf '\342\200\250')" "$TMP/out"; then
  fail "text: a raw control character or line separator"; else ok; fi
# --count and --counts write their own formats
run terms --count --format=json "$IN"
expect_rc 2 "--count --format=json"; expect_err "--count writes TSV (word TAB count): --format does not apply" "--count --format"
run terms --counts --format=tsv "$IN"
expect_rc 2 "--counts --format=tsv"; expect_err "--counts writes its own format" "--counts --format"

# -o writes the file, nothing on stdout
run terms -o "$TMP/terms.tsv" "$IN"
expect_rc 0 "-o"
if [ -s "$TMP/terms.tsv" ] && [ ! -s "$TMP/out" ] && cmp -s "$TMP/terms.tsv" "$TMP/first"; then ok; else fail "-o output"; fi

# --count builds a reference; --reference uses it; a bad reference names file and line
run terms --count "$IN"
expect_rc 0 "count"
expect_out_re "^kerja	3$" "word count"
cp "$TMP/out" "$TMP/ref.tsv"
run terms --reference="$TMP/ref.tsv" "$IN"
expect_rc 0 "reference"
if awk -F'\t' 'NR > 1 && $10 != "0.0000" { found = 1 } END { exit !found }' "$TMP/out"; then ok; else fail "spec column filled with a reference"; fi
printf 'kerja\t3\nsama three\n' > "$TMP/bad.tsv"
run terms --reference="$TMP/bad.tsv" "$IN"
expect_rc 2 "bad reference"
expect_err "bad.tsv:2:" "bad reference line"

# --counts per shard, --merge gives the same ranking as one run over all files
head -n 3 "$IN" > "$TMP/part1.txt"
tail -n +4 "$IN" > "$TMP/part2.txt"
run terms "$TMP/part1.txt" "$TMP/part2.txt"
cp "$TMP/out" "$TMP/whole.tsv"
run terms --counts -o "$TMP/p1.counts" "$TMP/part1.txt"
expect_rc 0 "counts shard 1"
run terms --counts -o "$TMP/p2.counts" "$TMP/part2.txt"
expect_rc 0 "counts shard 2"
run terms --merge "$TMP/p1.counts" "$TMP/p2.counts"
expect_rc 0 "merge"
if cmp -s "$TMP/out" "$TMP/whole.tsv"; then ok; else fail "merged shards differ from one run"; fi
expect_out_re "^kerja sama keamanan	[0-9.]+	3	2	" "merged docs"
sed '3s/^W	[0-9]*/W	x/' "$TMP/p1.counts" > "$TMP/bad.counts"
run terms --merge "$TMP/bad.counts"
expect_rc 2 "bad counts file"
expect_err "bad.counts:3:" "bad counts file line"
run terms --merge "$IN"
expect_rc 2 "text is not a counts file"
expect_err "small.txt:1:" "not a counts file"
run terms --count --merge "$IN"
expect_rc 2 "exclusive options"

# invalid UTF-8 is an input error naming the file
printf 'kerja \377 sama\n' > "$TMP/bad.txt"
run terms --encoding=utf-8 "$TMP/bad.txt"
expect_rc 2 "invalid utf-8"
expect_err "bad.txt" "invalid utf-8 file named"

# --docs: what a document is in one stream (the docs column counts them)
printf 'kerja sama keamanan dibahas.\n\nkerja sama keamanan lagi.\nkerja sama keamanan.\n' > "$TMP/docs.txt"
run terms --min-freq=1 --docs=line "$TMP/docs.txt"
expect_out_re "^kerja sama keamanan	[0-9.]+	3	3	" "--docs=line: three documents"
run terms --min-freq=1 --docs=blank "$TMP/docs.txt"
expect_out_re "^kerja sama keamanan	[0-9.]+	3	2	" "--docs=blank: two documents"
run terms --min-freq=1 "$TMP/docs.txt"
expect_out_re "^kerja sama keamanan	[0-9.]+	3	1	" "--docs=file (default): one document"
run terms --docs=lines "$TMP/docs.txt"
expect_rc 2 "bad --docs"

# ---- bounded memory: 40 MB of text as lines and as one line next to 5 MB, read
# in pieces with exact counts (8192 copies of the sample articles); skipped under valgrind
if [ -n "${PADAN_WRAP:-}" ]; then
  echo "memory checks skipped under $PADAN_WRAP"
elif [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time not found: memory bounds not checked"
else
  cat "$top_srcdir"/samples/*.txt "$IN" > "$TMP/unit.txt"
  grow_corpus "$TMP/unit.txt"
  small=$(rss terms "$TMP/small.txt")
  big=$(rss terms "$TMP/big.txt")
  expect_out_re "^perjanjian pertahanan bersama	[0-9.]+	24576	1	" "40 MB: exact count (3 x 8192)"
  expect_out_re "^Dewan Keamanan	[0-9.]+	32768	1	" "40 MB: exact count (4 x 8192)"
  line=$(rss terms "$TMP/line.txt")
  expect_out_re "^perjanjian pertahanan bersama	[0-9.]+	24576	1	" "40 MB line: exact count"
  echo "terms peak RSS: 5 MB ${small} KB, 40 MB ${big} KB, 40 MB one line ${line} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "40 MB: peak RSS ${big} KB vs ${small} KB for 5 MB"; fi
  if [ "$line" -lt $((small + 32768)) ]; then ok; else fail "40 MB line: peak RSS ${line} KB vs ${small} KB"; fi
  # standard input, and counts of a big stream merged back
  set +e
  ASAN_OPTIONS=quarantine_size_mb=1:detect_leaks=1 /usr/bin/time -f %M -o "$TMP/rss" \
    "$PADAN" terms --counts - < "$TMP/big.txt" > "$TMP/big.counts" 2> "$TMP/err"
  set -e
  stdin=$(tail -n 1 "$TMP/rss")
  echo "terms --counts peak RSS: 40 MB on standard input ${stdin} KB"
  if [ "$stdin" -lt $((small + 32768)) ]; then ok; else fail "40 MB stdin: peak RSS ${stdin} KB"; fi
  run_in "$TMP/big.counts" terms --merge -
  expect_out_re "^Dewan Keamanan	[0-9.]+	32768	1	" "40 MB counts merged from stdin"
fi

# --merge: an N record with an extra field
# (ids that do not exist) was accepted, the junk ending up in the context column
"$PADAN" terms --counts -o "$TMP/ok.counts" "$FIX/terms/small.txt"
awk -F'\t' 'BEGIN{OFS="\t"} $1=="N" && !done {print $0 "\t9998 9999"; done=1; next} {print}' "$TMP/ok.counts" > "$TMP/extra.counts"
n=$(grep -n '^N' "$TMP/extra.counts" | head -1 | cut -d: -f1)
run terms --merge "$TMP/extra.counts"
expect_rc 2 "merge: N record with an extra field"; expect_err "extra.counts:$n: malformed N record" "merge: extra field line"
sed '0,/^G	\(.*\)$/s//G	\1	7/' "$TMP/ok.counts" > "$TMP/extrag.counts"
run terms --merge "$TMP/extrag.counts"
expect_rc 2 "merge: G record with an extra field"; expect_err "malformed G record" "merge: G extra field"
sed 's/$/\r/' "$TMP/ok.counts" > "$TMP/crlf.counts"
run terms --merge "$TMP/ok.counts"; cp "$TMP/out" "$TMP/ok.tsv"
run terms --merge "$TMP/crlf.counts"
expect_rc 0 "merge: CRLF counts"; cmp -s "$TMP/out" "$TMP/ok.tsv" && ok || fail "merge: CRLF counts differ"
done_tests
