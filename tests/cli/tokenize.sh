#!/bin/sh
# CLI tests of `padan tokenize`: formats, offsets, encodings, errors, -o.
. "$(dirname "$0")/lib.sh"
T="$FIX/text"

run tokenize --help
expect_rc 0 "--help"
expect_out "Usage: padan tokenize" "--help"

# TSV: header, contract columns, kinds, absolute offsets and 1-based lines
run tokenize "$T/news.txt"
expect_rc 0 "tsv"
expect_empty_err "tsv"
if head -1 "$TMP/out" | grep -q "^#line	start	end	kind	token	sent	flags	base$"; then ok; else fail "tsv header"; fi
expect_out "1	0	8	word	Presiden	1	cap,sent_start	" "first token"
expect_out "	abbrev	B.	1	" "initial"
expect_out "	abbrev	Jl.	" "abbreviation"
expect_out "	number	50.000	" "number"
expect_out "	symbol	%	" "percent"
expect_out "	currency	Rp	" "currency"
expect_out "	number	38	" "amount"
expect_out "2	111	112	punct	\"	3	" "line 2 offsets are file offsets"
expect_out "	word	Ma'ruf	3	cap,apos	" "apostrophe"
expect_out "4	143	155	domain	KONTAN.CO.ID	4	" "domain after an empty line"
expect_out "	word	negara-negara	4	redup,hyphen	" "reduplication"
# the offsets slice the file: check every row with python
python3 - "$T/news.txt" "$TMP/out" <<'PY' && ok || fail "offsets do not slice the text"
import sys
data = open(sys.argv[1], 'rb').read()
for ln in open(sys.argv[2], encoding='utf-8'):
    if ln.startswith('#'): continue
    f = ln.rstrip('\n').split('\t')
    assert data[int(f[1]):int(f[2])].decode() == f[4], f
    assert data[:int(f[1])].count(b'\n') + 1 == int(f[0]), f
PY
# sentences: "Jakarta." ends one, the quote line is another
if awk -F'\t' '!/^#/ && $5=="Dia" {print $6}' "$TMP/out" | grep -qx 2; then ok; else fail "sentence 2 starts at Dia"; fi

# --lines: offsets within the line, one sentence per line
run tokenize --lines "$T/news.txt"
expect_rc 0 "--lines"
expect_out "2	0	1	punct	\"	2	" "--lines offsets restart"
expect_out "4	0	12	domain	KONTAN.CO.ID	4	" "--lines: empty line 3 is sentence 3"
if awk -F'\t' '!/^#/ && $5=="Dia" {print $6}' "$TMP/out" | grep -qx 1; then ok; else fail "--lines keeps line 1 one sentence"; fi

# text format
run tokenize --format=text "$T/news.txt"
expect_rc 0 "text"
expect_out "Presiden B. J. Habibie tiba di Jl. Sudirman No. 5 , Jakarta ." "text sentence 1"
expect_out "Dia membeli 50.000 ton ( 3,5 % ) seharga Rp 38 miliar ." "text sentence 2"
if [ "$(wc -l < "$TMP/out")" -eq 4 ]; then ok; else fail "text: 4 sentences"; fi

# CSV: the TSV's columns, RFC 4180 (a ',' or '"' token, "3,5", the flags quoted), CRLF
run tokenize --format=csv "$T/news.txt"
expect_rc 0 "csv"; expect_empty_err "csv"
cp "$TMP/out" "$TMP/news.csv"
run tokenize --format=tsv "$T/news.txt"
python3 - "$TMP/news.csv" "$TMP/out" <<'PY' && ok || fail "csv content"
import csv, sys
raw = open(sys.argv[1], newline="").read()
assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", ""), "CRLF line ends"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["line", "start", "end", "kind", "token", "sent", "flags", "base"], rows[0]
assert rows[1] == ["1", "0", "8", "word", "Presiden", "1", "cap,sent_start", ""], rows[1]
assert ["2", "111", "112", "punct", '"', "3", "-", ""] in rows, "a quote token"
assert any(r[3:5] == ["punct", ","] for r in rows), "a comma token"
assert any(r[3:5] == ["number", "3,5"] for r in rows), "3,5"
# the same rows as the TSV (news.txt has nothing TSV escapes)
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
assert tsv[0][0] == "#line" and tsv[1:] == rows[1:], "csv rows differ from tsv rows"
PY
run tokenize --lines --format=csv "$T/news.txt" "$T/crlf.txt"
expect_rc 0 "csv, 2 files"
python3 - "$TMP/out" "$T/crlf.txt" <<'PY' && ok || fail "csv file column"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][-1] == "file" and len(rows[0]) == 9, rows[0]
assert all(len(r) == 9 for r in rows) and rows[-1][8] == sys.argv[2], rows[-1]
PY

# JSON parses and holds the sentences and tokens
run tokenize --format=json "$T/news.txt" "$T/crlf.txt"
expect_rc 0 "json"
expect_json "json"
python3 - "$TMP/out" <<'PY' && ok || fail "json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 2 and d[0]["file"].endswith("news.txt")
s = d[0]["sentences"]
assert len(s) == 4, len(s)
t = s[0]["tokens"][0]
assert t == {"start": 0, "end": 8, "kind": "word", "token": "Presiden", "flags": ["cap", "sent_start"]}, t
assert s[1]["text"].startswith("Dia membeli"), s[1]["text"]
assert [x["token"] for x in d[1]["sentences"][1]["tokens"]] == ["tiga", "."]
PY

# raw bytes reach JSON through a file name: one \ufffd per maximal subpart of
# an invalid sequence (E2 82 | A | C0 | AF | ED | A0 | 80), valid UTF-8 kept
bad="$TMP/x$(printf '\342\202A\300\257\360\237\230\200\355\240\200').txt"
cp "$T/news.txt" "$bad"
run tokenize --format=json "$bad"
expect_rc 0 "json: invalid UTF-8 file name"
if python3 -m json.tool "$TMP/out" > /dev/null; then ok; else fail "json.tool rejects the output"; fi
expect_out '/x\ufffdA\ufffd\ufffd'"$(printf '\360\237\230\200')"'\ufffd\ufffd\ufffd.txt"' "U+FFFD per maximal subpart"
if [ "$(grep -o '\\ufffd' "$TMP/out" | wc -l)" -eq 6 ]; then ok; else fail "exactly 6 \\ufffd"; fi
rm -f "$bad"

# several files: a trailing file column
run tokenize "$T/news.txt" "$T/crlf.txt"
expect_rc 0 "two files"
if head -1 "$TMP/out" | grep -q "	base	file$"; then ok; else fail "file column header"; fi
expect_out "	-		$T/crlf.txt" "file column"

# CRLF: offsets in the decoded (LF) text
run tokenize "$T/crlf.txt"
expect_out "2	9	13	word	tiga	" "CRLF"
expect_out "2	15	20	word	Empat	3	" "sentence after tiga."

# encodings
run tokenize --format=text "$T/cp1252.txt"
expect_rc 0 "cp1252"
expect_err "cp1252.txt: not valid UTF-8, read as Windows-1252" "fallback warning"
expect_out "Harga café naik “ tajam ” ." "cp1252 decoded"
run tokenize --format=text --encoding=windows-1252 "$T/cp1252.txt"
expect_rc 0 "named cp1252"
expect_empty_err "named cp1252: no warning"
run tokenize --format=text "$T/utf16le.txt"
expect_rc 0 "utf-16le BOM"
expect_out "Rp 5" "utf-16le decoded"
run tokenize --format=text --encoding=iso-8859-1 "$T/latin1.txt"
expect_out "abc é def" "latin1"
run tokenize --encoding=utf-8 "$T/latin1.txt"
expect_rc 2 "strict utf-8"
expect_err "latin1.txt: invalid UTF-8 at byte 4" "invalid UTF-8 message"
run tokenize "$T/binary.bin"
expect_rc 2 "binary"
expect_err "binary.bin: binary file" "binary message"
if [ -s "$TMP/out" ]; then fail "binary: the TSV header was printed before the error"; else ok; fi
run tokenize --encoding=no-such-encoding "$T/news.txt"
expect_rc 2 "unknown encoding, before any output"
if [ -s "$TMP/out" ]; then fail "unknown encoding: the TSV header was printed before the error"; else ok; fi
# UTF-16 without a BOM looks binary: the message says which --encoding to try;
# an error in a file a BOM made UTF-16 or UTF-32 names that encoding
printf 'Kata ini.\nDan itu.\n' | iconv -f UTF-8 -t UTF-16BE > "$TMP/nobom16"
run tokenize "$TMP/nobom16"
expect_rc 2 "UTF-16BE without a BOM"
expect_err "nobom16: binary file (or UTF-16BE without a byte-order mark: try --encoding=utf-16be)" "UTF-16 hint"
run tokenize --format=text --encoding=utf-16be "$TMP/nobom16"
expect_rc 0 "the hint's encoding"
expect_out "Kata ini ." "the hint's encoding reads it"
run tokenize "$T/binary.bin"
if grep -q 'UTF-16' "$TMP/err"; then fail "a binary file given a UTF-16 hint"; else ok; fi
printf '\377\376h\000\000\330i\000' > "$TMP/sur16"
run tokenize "$TMP/sur16"
expect_rc 2 "a lone surrogate"
expect_err "sur16: invalid UTF-16LE at byte 4" "UTF-16 error named"
printf '\377\376\000\000h\000\000\000i\000' > "$TMP/cut32"
run tokenize "$TMP/cut32"
expect_rc 2 "a cut UTF-32 character"
expect_err "cut32: invalid UTF-32 at byte 8" "UTF-32 error named"
run tokenize --encoding=no-such-enc "$T/news.txt"
expect_rc 2 "unknown encoding"
run tokenize "$T/does-not-exist.txt"
expect_rc 2 "missing file"
expect_err "does-not-exist.txt" "missing file named"
run tokenize --format=xml "$T/news.txt"
expect_rc 2 "bad format"
run tokenize --bogus
expect_rc 2 "bad option"

# empty input and standard input
: > "$TMP/empty.txt"
run tokenize "$TMP/empty.txt"
expect_rc 0 "empty file"
if [ "$(wc -l < "$TMP/out")" -eq 1 ]; then ok; else fail "empty: header only"; fi
run_in "$T/news.txt" tokenize --format=text -
expect_rc 0 "stdin"
expect_out "Presiden B. J. Habibie" "stdin text"
run_in "$TMP/empty.txt" tokenize --format=json
expect_json "empty json"

# -o: atomic; an error leaves no (half-written) file and keeps an old one
run tokenize -o "$TMP/o.tsv" "$T/news.txt"
expect_rc 0 "-o"
if grep -q "Presiden" "$TMP/o.tsv"; then ok; else fail "-o content"; fi
echo old > "$TMP/keep.tsv"
run tokenize -o "$TMP/keep.tsv" "$T/news.txt" "$T/binary.bin"
expect_rc 2 "-o with a bad input"
if [ "$(cat "$TMP/keep.tsv")" = old ]; then ok; else fail "-o replaced the file on error"; fi
run tokenize -o "$TMP/new.tsv" "$T/does-not-exist.txt"
if [ -e "$TMP/new.tsv" ]; then fail "-o created a file on error"; else ok; fi
if ls "$TMP" | grep -q "new.tsv."; then fail "-o left a temp file"; else ok; fi

# a paragraph longer than the 4 MiB piece size: the same tokens as with --lines, offsets intact
python3 -c "
import random
random.seed(1)
w = ['Harga', 'naik', '3,5', 'persen', 'Januari-Oktober', 'dll.', 'Dia', 'pergi.', 'Rp38', ',']
print(' '.join(random.choice(w) for _ in range(800000)))" > "$TMP/huge.txt"
run tokenize "$TMP/huge.txt"
expect_rc 0 "huge line"
cut -f1-5 "$TMP/out" > "$TMP/huge1"
run tokenize --lines "$TMP/huge.txt"
cut -f1-5 "$TMP/out" > "$TMP/huge2"
if cmp -s "$TMP/huge1" "$TMP/huge2" && [ "$(wc -l < "$TMP/huge1")" -gt 800000 ]; then ok; else fail "huge line in pieces differs"; fi

done_tests
