#!/bin/sh
# padan spell: exit codes, formats, -a protocol against hunspell, dictionary errors.
. "$(dirname "$0")/lib.sh"
S="$FIX/spell"
if ! [ -r /usr/share/hunspell/id_ID.dic ] && [ -z "${DICPATH:-}" ]; then echo "no id_ID: skip"; exit 77; fi

run spell --help
expect_rc 0 help; expect_out "Usage: padan spell" help; expect_out "characters" "help says COL unit"

run spell "$S/pipe.txt"
expect_rc 0 "clean text"

run spell "$S/sample.txt"
expect_rc 1 "findings"
expect_out "sample.txt:1:12: mengatakn -> mengatakan" "text format, suggestion first"
expect_out "sample.txt:2:22: resiko -> risiko (nonstandard)" "nonstandard"
expect_out "pemerintha -> pemerintah" "transposition"
expect_no_out "Zhrobkovitz" "names not reported by default"
expect_no_out "2024" "numbers not checked"
expect_no_out "contoh" "URLs not checked"

run spell --names --format=tsv "$S/sample.txt"
expect_rc 1 tsv
expect_out "#file	line	col	word	suggestions	kind" "tsv header"
expect_out_re "sample.txt	2	9	Zhrobkovitz	[^	]*	name" "names reported with --names"
expect_out_re "mengatakn	mengatakan(\|[^	]*)?	misspelled" "tsv suggestions"

# csv: the TSV's columns, RFC 4180; a file name with a comma and a quote is one quoted field
cp "$S/sample.txt" "$TMP/a,b \"c\".txt"
run spell --names --format=csv "$TMP/a,b \"c\".txt"
expect_rc 1 csv; expect_empty_err csv
python3 - "$TMP/out" "$TMP/a,b \"c\".txt" <<'PY' && ok || fail "csv content"
import csv, sys
raw = open(sys.argv[1], newline="").read()
assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", ""), "CRLF line ends"
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["file", "line", "col", "word", "suggestions", "kind", "offset"], rows[0]
name = [r for r in rows[1:] if r[3] == "Zhrobkovitz"]
assert len(name) == 1 and name[0][0] == sys.argv[2], name
assert name[0][1:3] == ["2", "9"] and name[0][5] == "name", name
m = [r for r in rows[1:] if r[3] == "mengatakn"]
assert m and m[0][4].split("|")[0] == "mengatakan" and m[0][5] == "misspelled", m
assert all(len(r) == 7 for r in rows), "7 fields a row"
PY
n_csv=$(grep -c . "$TMP/out"); run spell --names --format=tsv "$TMP/a,b \"c\".txt"
if [ "$n_csv" -eq "$(grep -c . "$TMP/out")" ]; then ok; else fail "csv and tsv: not as many rows"; fi

run spell --format=json "$S/sample.txt"
expect_rc 1 json; expect_json json
python3 - "$TMP/out" <<'PY' && ok || fail "json content"
import json, sys
d = json.load(open(sys.argv[1]))
w = {f["word"]: f for f in d}
assert w["mengatakn"]["suggestions"][0] == "mengatakan" and w["mengatakn"]["line"] == 1
assert w["resiko"]["kind"] == "nonstandard"
PY

run spell --format=json "$S/pipe.txt"
expect_rc 0 "json clean"; expect_json "json clean"

run spell -o "$TMP/o.tsv" --format=tsv "$S/sample.txt"
expect_rc 1 "-o"
if grep -q mengatakn "$TMP/o.tsv"; then ok; else fail "-o file lacks finding"; fi

run spell --personal="$S/personal.txt" "$S/sample.txt"
expect_no_out "mengatakn" "personal word list"
run spell --personal="$TMP/nonexistent.txt" "$S/sample.txt"
expect_rc 2 "missing personal"; expect_err "nonexistent.txt" "missing personal named"
# a word list in another encoding is named, with the conversion to run
printf 'Jokowi\nmengatakn\n' | iconv -f UTF-8 -t UTF-16 > "$TMP/pers16.txt"
run spell --personal="$TMP/pers16.txt" "$S/sample.txt"
expect_rc 2 "UTF-16 personal"
expect_err "pers16.txt: a UTF-16 word list: padan reads word lists in UTF-8 (convert it: iconv -f UTF-16 -t UTF-8)" "UTF-16 personal named"
printf 'Jokowi\nmengatakn\n' | iconv -f UTF-8 -t UTF-16LE > "$TMP/pers16nb.txt"
run spell --personal="$TMP/pers16nb.txt" "$S/sample.txt"
expect_rc 2 "UTF-16 personal without a BOM (it was ignored, silently)"
expect_err "pers16nb.txt:1: NUL byte: a UTF-16 file without a byte-order mark, or not text?" "UTF-16 personal without a BOM named"
printf 'Jokowi\nkaf\351\n' > "$TMP/pers1252.txt"
run spell --personal="$TMP/pers1252.txt" "$S/sample.txt"
expect_rc 2 "Windows-1252 personal"
expect_err "pers1252.txt:2: invalid UTF-8 (byte 0xE9)" "Windows-1252 personal: line and byte"

run spell --dict="$TMP/nope/xx_XX" "$S/sample.txt"
expect_rc 2 "missing dictionary"; expect_err "$TMP/nope/xx_XX.aff" "paths tried"; expect_err "xx_XX.dic" "paths tried"
DICPATH="$TMP/a:$TMP/b" run spell --dict=zz_ZZ "$S/sample.txt"
expect_rc 2 "missing named dictionary"; expect_err "$TMP/a/zz_ZZ.aff" DICPATH; expect_err "/usr/share/hunspell/zz_ZZ.aff" "system dirs"

run spell "$TMP/nonexistent.txt"
expect_rc 2 "missing input"; expect_err "nonexistent.txt" "missing input named"
printf 'rumah \377\376 bagus\n' > "$TMP/bad.txt"
run spell --encoding=utf-8 "$TMP/bad.txt"
expect_rc 2 "invalid UTF-8"; expect_err "bad.txt" "invalid input named"
run spell --format=tbx "$S/sample.txt"
expect_rc 2 "bad format"
run spell --bogus
expect_rc 2 "bad option"

# Options after the FILEs (regression: spell stopped at the first FILE, so
# '-o out.txt' were two more inputs and out.txt, when it existed, was checked)
cd "$TMP"
printf 'mengatakn\n' > "$TMP/out.txt"
run spell "$S/sample.txt" -o out.txt
expect_rc 1 "-o after FILE"; expect_empty_err "-o after FILE"
if [ ! -s "$TMP/out" ]; then ok; else fail "-o after FILE: findings on stdout"; fi
if grep -q 'sample.txt:1:12: mengatakn -> mengatakan' "$TMP/out.txt" && ! grep -q '^out.txt:' "$TMP/out.txt"; then ok
else fail "-o after FILE: out.txt holds $(head -c 200 "$TMP/out.txt")"; fi
run spell "$S/sample.txt" --format=json
expect_rc 1 "--format after FILE"; expect_json "--format after FILE"
expect_out '"word": "mengatakn"' "--format after FILE"
run spell --output="$TMP/o2.txt" "$S/sample.txt"
expect_rc 1 "--output="
if grep -q 'mengatakn -> mengatakan' "$TMP/o2.txt"; then ok; else fail "--output= file lacks finding"; fi
run spell "$S/sample.txt" --output "$TMP/o3.txt"
expect_rc 1 "--output FILE"
if grep -q 'mengatakn -> mengatakan' "$TMP/o3.txt"; then ok; else fail "--output FILE lacks finding"; fi
printf 'rumah\n' > "$TMP/-o"
run spell "$S/pipe.txt" -- -o
expect_rc 0 "'--' ends the options"; expect_empty_err "'--' ends the options"
run spell -o
expect_rc 2 "-o without a value"; expect_err "spell: -o needs a value" "-o without a value"
run spell "$S/sample.txt" --dict
expect_rc 2 "--dict without a value"; expect_err "spell: --dict needs a value" "--dict without a value"
cd - > /dev/null

# Empty and overflowing option values are errors, not defaults
run spell --max-suggestions= "$S/sample.txt"
expect_rc 2 "--max-suggestions="; expect_err "--max-suggestions must be a number from 0 to 100, not ''" "--max-suggestions="
run spell --max-suggestions=99999999999999999999999 "$S/sample.txt"
expect_rc 2 "--max-suggestions overflow"; expect_err "--max-suggestions must be a number from 0 to 100, not '99999999999999999999999'" "--max-suggestions overflow"
run spell --max-suggestions=" 5" "$S/sample.txt"
expect_rc 2 "--max-suggestions with a space"
run spell --max-suggestions=2 "$S/sample.txt"
expect_rc 1 "--max-suggestions=2"; expect_out "mengatakn -> mengatakan, mengatak" "--max-suggestions=2"
run spell --dict= "$S/sample.txt"
expect_rc 2 "--dict="; expect_err "spell: --dict needs a value" "--dict="
run spell --encoding= "$S/sample.txt"
expect_rc 2 "--encoding="; expect_err "spell: --encoding needs a value" "--encoding="
run spell --personal= "$S/sample.txt"
expect_rc 2 "--personal="; expect_err "spell: --personal needs a file name" "--personal="
run spell -o "" "$S/sample.txt"
expect_rc 2 "-o ''"; expect_err "spell: -o needs a value" "-o ''"

# -a is the pipe protocol on standard output: -o, --format and --encoding are
# refused, not silently ignored (regression: the answers went to stdout anyway)
for a in "-o $TMP/a.out" "--format=json" "--encoding=utf-8"; do
  # shellcheck disable=SC2086
  run_in "$S/pipe.txt" spell -a $a
  expect_rc 2 "-a $a"; expect_err "-a is the ispell pipe" "-a $a"
  if [ ! -s "$TMP/out" ]; then ok; else fail "-a $a: answered anyway"; fi
done
if [ ! -e "$TMP/a.out" ]; then ok; else fail "-a -o: file written"; fi

# -a: the ispell pipe protocol, compared with hunspell line by line
if command -v hunspell >/dev/null; then
  printf 'Pemerintah mengatakn bahwa rumah itu bagus\n^kami pergi ke pasra\n*mengatakn\nmengatakn lagi\n!\nrumah bagus pasra\n%%\n@zzqx\nzzqx rumah\n#\n' > "$TMP/a.in"
  run_in "$TMP/a.in" spell -a
  expect_rc 0 "-a"
  # HOME: hunspell's '#' command saves '*' words to ~/.hunspell_id_ID; keep that in $TMP
  HOME="$TMP" hunspell -a -d id_ID < "$TMP/a.in" > "$TMP/h.out"
  if [ "$(wc -l < "$TMP/out")" -eq "$(wc -l < "$TMP/h.out")" ]; then ok; else fail "-a line count $(wc -l < "$TMP/out") vs hunspell $(wc -l < "$TMP/h.out")"; fi
  # same decision (correct / not) per line, and offsets that point at the word
  python3 - "$TMP/out" "$TMP/h.out" "$TMP/a.in" <<'PY' && ok || fail "-a decisions/offsets differ from hunspell"
import sys
p = open(sys.argv[1]).read().split("\n"); h = open(sys.argv[2]).read().split("\n")
lines = [l for l in open(sys.argv[3]).read().split("\n") if l and l[0] not in "*@!%#"]
assert p[0].startswith("@(#) ") and h[0].startswith("@(#) ")
for a, b in zip(p[1:], h[1:]):
    assert (a[:1] or " ") == (b[:1] or " ") or {a[:1], b[:1]} <= {"&", "#"}, (a, b)
# offsets: "& word n off:" / "# word off" point at word in its input line
k = 0
for a in p[1:]:
    if a == "": k += 1; continue
    if a[0] in "&#":
        f = a.split(":")[0].split(" ")
        word, off = f[1], int(f[-1])
        assert lines[k][off:off + len(word)] == word, (a, lines[k])
PY
fi

# Columns are counted on from one finding to the next (regression: a long line
# was rescanned from its start for every finding, quadratic on one-line files).
printf 'caf\xc3\xa9 perjanjain rumah perjanjain\nbaru perjanjain\n' > "$TMP/cols.txt"
run spell --format=tsv "$TMP/cols.txt"
expect_out "	1	6	perjanjain	" "column after a 2-byte character"
expect_out "	1	23	perjanjain	" "second finding on the line"
expect_out "	2	6	perjanjain	" "column on the next line"
python3 -c "print(' '.join(['rumah perjanjain'] * 20000))" > "$TMP/long.txt"
run spell --format=tsv "$TMP/long.txt"
expect_rc 1 "long line"
expect_out "	1	339990	perjanjain	" "last finding of a 340 KB line"

# ---- limits: spell and spell -a stream their input (memory does not grow with it)
if [ -n "${PADAN_WRAP:-}" ]; then
  echo "long inputs too slow under $PADAN_WRAP: skipped"
else
  L='Presiden Joko Widodo meresmikan jalan tol baru di Jawa Barat pada Senin kemarin dan mengatakn bahwa proyek itu penting.'
  repeat() { yes "$L" | head -n $(($1 / (${#L} + 1))); }
  repeat 40000000 > "$TMP/lines40"
  tr '\n' ' ' < "$TMP/lines40" > "$TMP/line40"
  head -n $((4000000 / (${#L} + 1))) "$TMP/lines40" | tr '\n' ' ' > "$TMP/line4"
  n40=$(wc -l < "$TMP/lines40")
  # rssrun FILE-IN ARGS...: runs padan (stdin from FILE-IN), output in $TMP/out, peak RSS (KB) in $rss
  rssrun() {
    local in=$1; shift
    set +e
    if [ -x /usr/bin/time ]; then
      ASAN_OPTIONS=quarantine_size_mb=1:detect_leaks=1 /usr/bin/time -f %M -o "$TMP/rss" \
        "$PADAN" "$@" < "$in" > "$TMP/out" 2> "$TMP/err"
    else
      "$PADAN" "$@" < "$in" > "$TMP/out" 2> "$TMP/err"
    fi
    rc=$?
    set -e
    rss=$(tail -n 1 "$TMP/rss" 2>/dev/null || echo 0)
  }
  rssrun /dev/null spell --format=tsv "$TMP/line4"; small=$rss
  rssrun /dev/null spell --format=tsv "$TMP/line40"; big=$rss
  expect_rc 1 "40 MB line"
  n=$(grep -c '	mengatakn	' "$TMP/out")
  if [ "$n" -eq "$n40" ]; then ok; else fail "40 MB line: $n findings, expected $n40"; fi
  # the last finding: its column (1-based characters) and offset on the one line
  pre=${L%%mengatakn*}
  col=$(( (n40 - 1) * (${#L} + 1) + ${#pre} + 1 ))
  expect_out "	1	$col	mengatakn	mengatakan" "40 MB line: column of the last finding"
  expect_out "	misspelled	$((col - 1))" "40 MB line: offset of the last finding"
  echo "peak RSS spell: 40 MB line ${big} KB, 4 MB line ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "spell 40 MB line: peak RSS ${big} KB vs ${small} KB"; fi
  rssrun /dev/null spell --format=json "$TMP/lines40"; bigm=$rss
  expect_rc 1 "40 MB of lines"
  n=$(grep -c '"word": "mengatakn"' "$TMP/out")
  if [ "$n" -eq "$n40" ]; then ok; else fail "40 MB of lines: $n findings, expected $n40"; fi
  expect_out "\"line\": $n40, " "40 MB of lines: last line number"
  echo "peak RSS spell: 40 MB of lines ${bigm} KB"
  if [ "$bigm" -lt $((small + 32768)) ]; then ok; else fail "spell 40 MB of lines: peak RSS ${bigm} KB"; fi
  # -a: a 40 MB line is answered in 1 MiB pieces, offsets from the start of the line
  printf '\nrumah pasra\n' >> "$TMP/line40"
  rssrun "$TMP/line40" spell -a; big=$rss
  expect_rc 0 "-a 40 MB line"
  n=$(grep -c '^& mengatakn ' "$TMP/out")
  if [ "$n" -eq "$n40" ]; then ok; else fail "-a 40 MB line: $n answers, expected $n40"; fi
  expect_out "& mengatakn 2 $((col - 1)): mengatakan" "-a 40 MB line: offset of the last misspelling"
  tail -n 4 "$TMP/out" | tr '\n' '|' > "$TMP/tail"
  if grep -q '^|\*|& pasra [0-9]* 6: pasar.*||$' "$TMP/tail"; then ok; else fail "-a: the line after the 40 MB line: $(cat "$TMP/tail")"; fi
  echo "peak RSS spell -a: 40 MB line ${big} KB"
  # -a: one answer per word when a line has a run with no space longer than the
  # piece size (regression: a 5 MB "word" was cut into five, answered '*' five
  # times; an editor counting answers lost step)
  python3 -c "import sys; sys.stdout.write('saya ' + 'a' * 5000000 + ' makn\nrumah pasra\n')" > "$TMP/run5"
  rssrun "$TMP/run5" spell -a; brun=$rss
  expect_rc 0 "-a 5 MB run"
  tail -n +2 "$TMP/out" | tr '\n' '|' > "$TMP/ans"
  if grep -q '^\*|\*|& makn [0-9]* 5000006: [^|]*||\*|& pasra [0-9]* 6: pasar[^|]*||$' "$TMP/ans"; then ok
  else fail "-a 5 MB run: answers $(cut -c1-300 "$TMP/ans")"; fi
  if [ "$brun" -lt $((small + 32768)) ]; then ok; else fail "spell -a 5 MB run: peak RSS ${brun} KB"; fi
  # the same with 2-byte characters (offsets in characters) and words joined by
  # commas: every answer a whole word, no word answered for its first letters
  python3 -c "import sys; sys.stdout.write('saya ' + '\u00e9' * 3000000 + ' makn\n^kata,' + 'kata,' * 1000000 + ' makn\n')" > "$TMP/run6"
  run_in "$TMP/run6" spell -a
  expect_rc 0 "-a runs"
  expect_out "& makn 5 3000006: " "-a 2-byte run: offset after it"
  expect_out "& makn 5 5000007: " "-a comma run: offset after it"
  n=$(grep -c '^[&#]' "$TMP/out")
  if [ "$n" -eq 2 ]; then ok; else fail "-a runs: $n answers other than '*', expected 2 (makn twice)"; fi
  # every word of the comma run answered once (the pieces are cut after a
  # comma): 'saya', the 2-byte run and 1,000,001 times 'kata'
  n=$(grep -c '^\*$' "$TMP/out")
  if [ "$n" -eq 1000003 ]; then ok; else fail "-a comma run: $n '*' answers, expected 1000003"; fi
  # (against the 4 MB line through spell, which needs more than -a)
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "spell -a 40 MB line: peak RSS ${big} KB vs ${small} KB"; fi
fi

done_tests
