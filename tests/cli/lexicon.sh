#!/bin/sh
# padan lexicon: lookup, import, export, lint, stats; errors and atomic output.
. "$(dirname "$0")/lib.sh"
L="$FIX/lexicon"
NODEF="--no-default-lexicon --lexicon=$L/small.tsv"

run lexicon --help
expect_rc 0 "help"; expect_out "Usage: padan lexicon" "help"; expect_out "id_term,en_term,comment" "help documents CSV"

run lexicon
expect_rc 2 "no subcommand"; expect_err "which subcommand" "no subcommand"
run lexicon frobnicate
expect_rc 2 "bad subcommand"
run lexicon lookup --bogus x
expect_rc 2 "bad option"; expect_err "unknown option '--bogus'" "bad option"

run lexicon lookup --max=+5 x
expect_rc 2 "lookup --max=+5"; expect_err "--max must be a number from 1 to 100000, not '+5'" "lookup --max range named"
# lookup: exact, case, lemma, fuzzy, reverse, not found
run lexicon lookup $NODEF PBB
expect_rc 0 "lookup exact"
expect_out "#id_term	en_term	match	status	concept	source	query" "lookup header"
expect_out "PBB	United Nations	exact	preferred	c2	small.tsv	PBB" "lookup exact row"
expect_out "PBB	UN	exact	admitted	c2" "lookup admitted row"
run lexicon lookup $NODEF "perjanjian-perjanjian pertahanan" "KORUT" "perjanjan pertahanan"
expect_rc 0 "lookup kinds"
expect_out "perjanjian pertahanan	defense treaty	lemma	preferred	c1" "lemma"
expect_out "Korut	North Korea	case	preferred	c5" "case"
expect_out "perjanjian pertahanan	defence treaty	fuzzy:1	admitted	c1" "fuzzy"
run lexicon lookup $NODEF perintah
expect_out "perintah	order	exact" "perintah"
expect_no_out "government" "no root matching (perintah is not pemerintah)"
run lexicon lookup $NODEF --no-fuzzy "perjanjan pertahanan"
expect_rc 1 "no-fuzzy: not found"; expect_out "	none	" "none row"
run lexicon lookup $NODEF --from=en "north corea"
expect_rc 0 "reverse"
expect_out "Korea Utara	North Corea	case	preferred	c5" "reverse row"
run lexicon lookup $NODEF kapal
expect_rc 1 "not found exit 1"
run lexicon lookup $NODEF --format=json PBB kapal
expect_rc 1 "json"; expect_json "lookup json"; expect_out '"en_term":"United Nations"' "json row"
# JSON is valid UTF-8 whatever the query holds: invalid bytes (Windows-1252, an overlong form) are \ufffd
run lexicon lookup $NODEF --format=json "$(printf 'caf\351 \300\257')" PBB
expect_rc 1 "json, invalid UTF-8 query"
if python3 -c 'import json, sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' "$TMP/out" \
   && python3 -m json.tool < "$TMP/out" > /dev/null; then ok; else fail "json, invalid UTF-8 query: not valid UTF-8 JSON"; fi
expect_out '{"query":"caf\ufffd \ufffd\ufffd","matches":[]}' "json, invalid UTF-8 query: U+FFFD"
run lexicon lookup $NODEF --format=text PBB
expect_out "United Nations (preferred)" "text"
# lookup and lint --format=csv: the TSV's columns, RFC 4180 (terms with a comma and quotes quoted)
printf '#concept\tlang\tterm\tstatus\nc1\tid\tkata "kutip", koma\tpreferred\nc1\ten\tword "quoted", comma\tpreferred\nc2\tid\tkata "kutip", koma\tpreferred\nc2\ten\tsaying\tpreferred\n' > "$TMP/q,lex.tsv"
run lexicon lookup --no-default-lexicon --lexicon="$TMP/q,lex.tsv" --format=csv 'kata "kutip", koma' 'tidak, ada'
expect_rc 1 "lookup csv (one not found)"; expect_empty_err "lookup csv"
python3 - "$TMP/out" <<'PY' && ok || fail "lookup csv content"
import csv, sys
raw = open(sys.argv[1], newline="").read()
assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", ""), "CRLF line ends"
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["id_term", "en_term", "match", "status", "concept", "source", "query"], rows[0]
q = 'kata "kutip", koma'
assert rows[1] == [q, 'word "quoted", comma', "exact", "preferred", "c1", "q,lex.tsv", q], rows[1]
assert rows[2] == [q, "saying", "exact", "preferred", "c2", "q,lex.tsv", q], rows[2]
assert rows[3] == ["tidak, ada", "", "none", "", "", "", "tidak, ada"], rows[3]
assert len(rows) == 4, rows
PY
run lexicon lookup --no-default-lexicon --lexicon="$TMP/q,lex.tsv" --from=en --format=csv 'no, such'
expect_rc 1 "lookup --from=en csv"; expect_out ',"no, such",none,,,,"no, such"' "reverse csv: not found in en_term"
run lexicon lint --no-default-lexicon --format=csv "$TMP/q,lex.tsv"
expect_rc 1 "lint csv"; expect_empty_err "lint csv"
python3 - "$TMP/out" "$TMP/q,lex.tsv" <<'PY' && ok || fail "lint csv content"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["file", "line", "kind", "concept", "lang", "term", "message"], rows[0]
assert rows[1][:6] == [sys.argv[2], "4", "multi-concept", "c2", "id", 'kata "kutip", koma'], rows[1]
assert rows[1][6].startswith("'kata \"kutip\", koma' (id) is also a term of concept c1"), rows[1]
assert len(rows) == 2, rows
PY
run lexicon lint --no-default-lexicon --format=tsv "$TMP/q,lex.tsv"
expect_out "q,lex.tsv	4	multi-concept	c2	id	kata \"kutip\", koma	'kata" "lint tsv row"
printf 'PBB\nKorut\n\n' > "$TMP/terms"
run_in "$TMP/terms" lexicon lookup $NODEF -
expect_rc 0 "stdin"; expect_out "Korut	North Korea" "stdin row"
# the default set: curated lexicon + FreeDict ranked after it and marked
if [ -f "$top_srcdir/dicts/lexicon.tsv" ]; then
  run lexicon lookup pemerintah
  expect_rc 0 "default lexicon"
  expect_out_re "^pemerintah	government	exact	preferred	c[0-9]+	lexicon.tsv" "curated row"
  if [ -f /usr/share/dictd/freedict-eng-ind.index ]; then
    head -3 "$TMP/out" | tail -1 > "$TMP/last"
    grep -q freedict "$TMP/out" && ok || fail "FreeDict marked"
    awk 'NR>1{print $6}' "$TMP/out" | tr '\n' ' ' | grep -qE '^lexicon.tsv( lexicon.tsv)* freedict' && ok || fail "FreeDict after curated"
  fi
fi
run lexicon lookup --lexicon="$L/no-such.tsv" x
expect_rc 2 "missing lexicon"; expect_err "no-such.tsv" "missing lexicon names file"

# import / export
run lexicon import "$L/small.tsv" -o "$TMP/a.tbx"
expect_rc 0 "import to tbx"
grep -q '<tbx type="TBX-Basic" style="dca"' "$TMP/a.tbx" && ok || fail "tbx v3 root"
run lexicon export --format=tsv "$TMP/a.tbx"
expect_rc 0 "tbx back"
expect_out "c5	en	North Corea	deprecated	noun	misspelling	geography" "tbx back row"
run lexicon export --format=tbx2 "$L/small.tsv"
expect_out '<martif type="TBX" xml:lang="id">' "tbx2"; expect_out "<tig>" "tbx2 tig"
run lexicon export --format=csv "$L/small.tsv"
expect_out "id_term,en_term,comment,concept,id_status,en_status" "csv header"
expect_out 'perintah,order,"""quoted"", with comma; general",c4,preferred,preferred' "csv quoting"
run lexicon export --format=csv --no-header "$L/small.tsv"
expect_no_out "id_term" "no header"; expect_out "Korut,North Korea," "csv no header"
# ... and import --no-header reads it back (it sniffed the first row as a header)
cp "$TMP/out" "$TMP/nh.csv"
run lexicon import --no-header "$TMP/nh.csv"
expect_rc 0 "import --no-header"
expect_out "id:Korea Utara	en	North Korea	preferred		geography" "import --no-header: a pair read by position, the first English preferred as with a header"
run lexicon import --no-header --from-format=tsv "$TMP/nh.csv"
expect_rc 2 "--no-header with a TSV"; expect_err "--no-header is for CSV, not --from-format=tsv" "--no-header with a TSV"
run lexicon export --format=omegat "$L/small.tsv"
expect_out "PBB	United Nations	" "omegat"
expect_out "Korea Utara	North Corea	deprecated English; misspelling; geography" "omegat comment"
run lexicon export --format=json "$L/small.tsv"
expect_json "export json"
run lexicon export --format=html "$L/small.tsv"
expect_rc 2 "bad export format"
# the output format follows -o's extension for every output format, .json too (before: TSV in out.json)
run lexicon import "$L/small.tsv" -o "$TMP/out.json"
expect_rc 0 "import to .json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["concept"] == "c1"' "$TMP/out.json" \
  && ok || fail "import -o out.json: not the JSON concepts: $(head -c 80 "$TMP/out.json")"
run lexicon export -o "$TMP/OUT.JSON" "$L/small.tsv"
expect_rc 0 "export to .JSON"
head -c 1 "$TMP/OUT.JSON" | grep -q '\[' && ok || fail "export -o OUT.JSON: not JSON"
run lexicon import "$L/small.tsv" -o "$TMP/out.txt"
expect_rc 0 "import to .txt (omegat)"
grep -q '^PBB	United Nations	' "$TMP/out.txt" && ok || fail "import -o out.txt: not OmegaT"
run lexicon import "$L/small.tsv" --format=tsv -o "$TMP/forced.json"
expect_rc 0 "--format wins over the extension"
head -1 "$TMP/forced.json" | grep -q '^#concept' && ok || fail "--format=tsv -o x.json: not TSV"
# a CSV read by header names
printf 'en_term,id_term,en_status\nwar,perang,preferred\n"peace, lasting",perdamaian abadi,\n' > "$TMP/in.csv"
run lexicon import "$TMP/in.csv"
expect_rc 0 "csv by header"; expect_out "	en	peace, lasting	admitted" "csv quoted field (empty status = admitted)"

# errors name FILE:LINE and exit 2
run lexicon import "$L/bad_status.tsv" -o "$TMP/x.tsv"
expect_rc 2 "bad status"; expect_err "bad_status.tsv:3: unknown status 'preferd'" "bad status message"
run lexicon import "$L/broken.tbx"
expect_rc 2 "bad xml"; expect_err "broken.tbx:5: bad XML" "bad xml message"
run lexicon import "$L/missing_cols.tsv"
expect_rc 2 "missing cols"; expect_err "missing_cols.tsv:3: missing columns" "missing cols message"

# line ends: CR alone (old Mac) and CRLF read like LF in TSV, OmegaT and CSV, each counted once
# in FILE:LINE (before: a CR-only TSV gave "unknown status 'preferred<CR>c1'", a CR-only OmegaT
# file with a comment first loaded nothing)
printf '#concept\tlang\tterm\tstatus\rc1\tid\tperang\tpreferred\rc1\ten\twar\tpreferred\r' > "$TMP/cr.tsv"
printf '#concept\tlang\tterm\tstatus\r\nc1\tid\tperang\tpreferred\r\nc1\ten\twar\tpreferred\r\n' > "$TMP/crlf.tsv"
for f in cr.tsv crlf.tsv; do
  run lexicon import "$TMP/$f"
  expect_rc 0 "$f"; expect_empty_err "$f"
  expect_out "c1	en	war	preferred" "$f row"
  run_in "$TMP/$f" lexicon import -
  expect_rc 0 "$f through a pipe (sniffed)"; expect_out "c1	id	perang	preferred" "$f through a pipe"
done
printf '#c\tlang\tterm\tstatus\rc1\tid\tperang\tpreferred\r\r\nc2\tid\tdamai\tpreferd\r' > "$TMP/crbad.tsv"
run lexicon import "$TMP/crbad.tsv"
expect_rc 2 "CR-only TSV, bad row"; expect_err "crbad.tsv:4: unknown status 'preferd'" "CR-only TSV line number"
if tr -d '\r' < "$TMP/err" | cmp -s - "$TMP/err"; then ok; else fail "raw CR inside the message"; fi
run_in "$TMP/crbad.tsv" lexicon import --from-format=tsv -
expect_err "(standard input):4: unknown status 'preferd'" "CR-only TSV line number, pipe"
# a CRLF split by the 64 KiB reading chunk of a TSV file counts as one line end
python3 -c 'import sys; h = b"#" + b"x" * (65535 - 1) + b"\r\n"; sys.stdout.buffer.write(h + b"c1\tid\tperang\tpreferred\r\nc1\tid\tx\tbad\r\n")' > "$TMP/split.tsv"
run lexicon import "$TMP/split.tsv"
expect_rc 2 "CRLF across chunks"; expect_err "split.tsv:3: unknown status 'bad'" "CRLF across chunks: line number"
printf '# glossary\rperang\twar\tcomment\r\rdamai\tpeace\r' > "$TMP/cr.txt"
run lexicon import "$TMP/cr.txt"
expect_rc 0 "CR-only OmegaT"; expect_out "id:damai	en	peace" "CR-only OmegaT: the comment ends at CR"
expect_out "id:perang	en	war	preferred		comment" "CR-only OmegaT row"
# a line break inside a quoted CSV field is one space whatever the line ends
# (CRLF gave two)
for e in lf crlf cr; do
  case $e in lf) n='\n' ;; crlf) n='\r\n' ;; cr) n='\r' ;; esac
  printf "id_term,en_term${n}\"kerja${n}sama\",cooperation${n}" > "$TMP/q$e.csv"
  run lexicon import "$TMP/q$e.csv"
  expect_rc 0 "quoted line break ($e)"; expect_out "	id	kerja sama	preferred" "quoted line break ($e): one space"
done
printf 'id_term,en_term,id_status\r\rperang,war,preferred\r"a\rb",c,x\r' > "$TMP/cr.csv"
run lexicon import "$TMP/cr.csv"
expect_rc 2 "CR-only CSV"; expect_err "cr.csv:4: unknown status 'x'" "CR-only CSV line number"
# a control character quoted from the file is escaped in the message
printf 'id_term,en_term,id_status\nperang,war,"pre\tx\033"\n' > "$TMP/ctl.csv"
run lexicon import "$TMP/ctl.csv"
expect_rc 2 "control characters in a status"; expect_err "ctl.csv:2: unknown status 'pre\\tx\\x1B'" "escaped"
if tr -d '\r\033' < "$TMP/err" | cmp -s - "$TMP/err"; then ok; else fail "raw control character in the message"; fi

# malformed lexicons are refused with FILE:LINE, exit 2 (before: loaded with exit 0, lint silent)
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="id" xmlns="urn:wrong">\n<text><body><conceptEntry id="c1"><langSec xml:lang="id"><termSec><term>perang</term></termSec></langSec></conceptEntry></body></text>\n</tbx>\n' > "$TMP/wrongns.tbx"
run lexicon import "$TMP/wrongns.tbx"
expect_rc 2 "TBX in a wrong namespace"
expect_err "wrongns.tbx:2: not TBX: <tbx> is in the namespace 'urn:wrong'" "wrong namespace message"
run lexicon lint "$TMP/wrongns.tbx"
expect_rc 2 "lint: TBX in a wrong namespace"
# the TBX v3 namespace and none (TBX v2, early v3) still load
sed 's/ xmlns="urn:wrong"//' "$TMP/wrongns.tbx" > "$TMP/nons.tbx"
sed 's/urn:wrong/urn:iso:std:iso:30042:ed-2/' "$TMP/wrongns.tbx" > "$TMP/v3ns.tbx"
for f in nons.tbx v3ns.tbx; do
  run lexicon import "$TMP/$f"
  expect_rc 0 "$f"; expect_out "c1	id	perang	admitted" "$f row"
done
run lexicon stats "$L/v2.tbx"
expect_rc 0 "TBX v2 without a namespace"
printf 'c1\tid\tperang\tpreferred\tnoun\t\tdefense\nc1\ten\twar\tpreferred\tnoun\t\tdefense\textra\n' > "$TMP/wide.tsv"
run lexicon import "$TMP/wide.tsv" -o "$TMP/keep3.tsv"
expect_rc 2 "TSV row with 8 fields"
expect_err "wide.tsv:2: too many columns: 8 fields, at most 7" "too many columns message"
printf 'c1\tid\tperang\tpreferred\nc1\tf r\tguerre\tpreferred\n' > "$TMP/lang.tsv"
run lexicon lint "$TMP/lang.tsv"
expect_rc 2 "TSV lang 'f r'"; expect_err "lang.tsv:2: bad language 'f r'" "lang message"
# lint over two files: the other term's place names its file when it differs
# (it said "concept k1 (line 1)", the line of the other file, unnamed)
printf 'k1\tid\tdamai\tpreferred\nk1\ten\tpeace\tpreferred\n' > "$TMP/d1.tsv"
cp "$TMP/d1.tsv" "$TMP/d2.tsv"
run lexicon lint "$TMP/d1.tsv" "$TMP/d2.tsv"
expect_rc 1 "lint over two files"
expect_out "d2.tsv:1: multi-concept: 'damai' (id) is also a term of concept k1 ($TMP/d1.tsv:1)" "lint: the other file named"
# language tags are case-insensitive: ID and EN are id and en ('ID' made every
# term foreign: lookup found nothing, a CSV export dropped them all)
printf 'k1\tID\tdamai\tpreferred\nk1\tEN\tpeace\tpreferred\nk1\tPt-BR\tpaz\tpreferred\n' > "$TMP/upper.tsv"
run lexicon lookup --no-default-lexicon --lexicon="$TMP/upper.tsv" damai
expect_rc 0 "lookup in a lexicon with ID/EN"; expect_out "damai	peace	exact	preferred	k1" "ID/EN read as id/en"
run lexicon import "$TMP/upper.tsv"
expect_out "k1	pt-BR	paz	preferred" "the language subtag in lower case, the region kept"
# a TBX may carry other languages: kept, and lint reports them; its TSV export
# reads back (another language in TSV is kept and reported the same way)
sed 's|</langSec>|</langSec><langSec xml:lang="fr"><termSec><term>guerre</term></termSec></langSec>|' "$TMP/nons.tbx" > "$TMP/fr.tbx"
run lexicon lint "$TMP/fr.tbx"
expect_rc 1 "lint: TBX with French"; expect_out "fr.tbx:3: language: concept c1 has terms in 'fr'" "language finding"
run lexicon import "$TMP/fr.tbx" -o "$TMP/fr.tsv"
expect_rc 0 "TBX with French to TSV"
# a pair format (CSV, OmegaT) cannot hold the French term: said, not lost quietly
run lexicon import "$TMP/fr.tbx" -o "$TMP/fr.csv"
expect_rc 0 "TBX with French to CSV"
expect_err "fr.csv: 1 term in languages other than id and en left out" "CSV export: the French term named"
run lexicon lint "$TMP/fr.tsv"
expect_rc 1 "the TSV export reads back"; expect_out "language: concept c1 has terms in 'fr'" "TSV language finding"
expect_empty_err "the TSV export reads back"
# a lexicon is UTF-8: UTF-16/32 (by BOM) and Windows-1252 are named, with the
# conversion to run, never guessed (a guess could corrupt terms)
printf 'c1\tid\tperang\tpreferred\nc1\ten\twar\tpreferred\n' | iconv -f UTF-8 -t UTF-16 > "$TMP/u16.tsv"
printf 'id_term,en_term\nperang,war\n' | iconv -f UTF-8 -t UTF-32 > "$TMP/u32.csv"
cp "$TMP/u16.tsv" "$TMP/u16.dat"
for f in u16.tsv:16 u32.csv:32 u16.dat:16; do
  run lexicon stats "$TMP/${f%%:*}"
  expect_rc 2 "a UTF-${f#*:} lexicon (${f%%:*})"
  expect_err "${f%%:*}: a UTF-${f#*:} lexicon: padan reads lexicons in UTF-8 (convert it: iconv -f UTF-${f#*:} -t UTF-8)" "UTF-${f#*:} named (${f%%:*})"
done
# ... UTF-16 without a BOM too (it was "NUL byte (binary file?)" or a CSV header error)
printf 'c1\tid\tperang\tpreferred\n' | iconv -f UTF-8 -t UTF-16LE > "$TMP/nb16.tsv"
printf 'id_term,en_term\nperang,war\n' | iconv -f UTF-8 -t UTF-16LE > "$TMP/nb16.csv"
for f in nb16.tsv nb16.csv; do
  run lexicon lint "$TMP/$f"
  expect_rc 2 "UTF-16 without a BOM ($f)"
  expect_err "$f: NUL bytes: a UTF-16 lexicon without a byte-order mark?" "UTF-16 without a BOM named ($f)"
done
printf 'c1\tid\tperang\tpreferred\nc2\tid\tkaf\351\tpreferred\n' > "$TMP/w1252.tsv"
printf 'id_term,en_term\nperang,war\nkaf\351,cafe\n' > "$TMP/w1252.csv"
for f in tsv:2 csv:3; do
  run lexicon import "$TMP/w1252.${f%%:*}" -o "$TMP/keep3.tsv"
  expect_rc 2 "a Windows-1252 $f lexicon"
  expect_err "w1252.$f: invalid UTF-8 (byte 0xE9): padan reads lexicons in UTF-8 (from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)" "Windows-1252 $f named"
done
printf 'id_term,en_term\nperang,war\n"x"y,z\n' > "$TMP/afterq.csv"
run lexicon import "$TMP/afterq.csv" -o "$TMP/keep3.tsv"
expect_rc 2 "CSV text after a closing quote"; expect_err "afterq.csv:3: text after the closing quote" "after quote message"
printf 'id_term,en_term\nperang,war\nx"y,z\n' > "$TMP/strayq.csv"
run lexicon import "$TMP/strayq.csv"
expect_rc 2 "CSV quote in an unquoted field"; expect_err "strayq.csv:3: a quote inside an unquoted field" "stray quote message"
printf 'id_term,en_term\n"perang" ,"war, total"\n' > "$TMP/qspace.csv"
run lexicon import "$TMP/qspace.csv"
expect_rc 0 "CSV spaces after a closing quote"; expect_out "	en	war, total	" "spaces after a closing quote dropped"
printf 'id_term,en_term,en_term\nperang,war,battle\n' > "$TMP/dup.csv"
run lexicon import "$TMP/dup.csv" -o "$TMP/keep3.tsv"
expect_rc 2 "CSV duplicate header column"
expect_err "dup.csv:1: duplicate column 'en_term' in the CSV header (columns 2 and 3" "duplicate column message"
printf 'source,id_term,en_term\nperang,war,x\n' > "$TMP/dup2.csv"
run lexicon import "$TMP/dup2.csv"
expect_rc 2 "CSV source and id_term"; expect_err "dup2.csv:1: duplicate column 'id_term'" "source and id_term"
# the failed imports above wrote no output
[ ! -e "$TMP/keep3.tsv" ] && ok || fail "a failed import wrote its output"

# a failed import never damages an existing file
echo "precious" > "$TMP/keep.tsv"
run lexicon import "$L/bad_status.tsv" -o "$TMP/keep.tsv"
expect_rc 2 "failed import"
[ "$(cat "$TMP/keep.tsv")" = precious ] && ok || fail "old file damaged by a failed import"
mkdir "$TMP/ro"; echo "precious" > "$TMP/ro/keep.tbx"; chmod 555 "$TMP/ro"
run lexicon export --format=tbx -o "$TMP/ro/keep.tbx" "$L/small.tsv"
if [ "$(id -u)" != 0 ]; then expect_rc 2 "unwritable dir"; expect_err "keep.tbx" "unwritable names file"; fi
[ "$(cat "$TMP/ro/keep.tbx")" = precious ] || [ "$(id -u)" = 0 ] && ok || fail "old file damaged (unwritable dir)"
chmod 755 "$TMP/ro"
ls "$TMP/ro" | grep -q tmp && fail "temp file left behind" || ok
# the final rename fails (the target is a directory), also when running as root
mkdir "$TMP/dir.tsv"; echo precious > "$TMP/dir.tsv/inside"
run lexicon export -o "$TMP/dir.tsv" "$L/small.tsv"
expect_rc 2 "rename fails"; expect_err "dir.tsv" "rename failure names file"
[ "$(cat "$TMP/dir.tsv/inside")" = precious ] && ok || fail "directory damaged"
ls "$TMP" | grep -q 'dir.tsv.tmp' && fail "temp file left behind after rename failure" || ok

# lint
run lexicon lint "$L/small.tsv"
expect_rc 0 "lint clean"
run lexicon lint "$L/lint.tsv"
expect_rc 1 "lint findings"
expect_out "lint.tsv:2: domain-conflict: concept c1 has domain 'defense' and, at line 3, 'security'" "domain"
expect_out "lint.tsv:7: status-conflict: 'bomb' is deprecated here but preferred in concept c4 (line 8)" "status conflict"
expect_out "lint.tsv:4: multi-concept: 'perang' (id) is also a term of concept c1" "multi-concept"
expect_out "lint.tsv:11: case-duplicate:" "case dup"
expect_out "lint.tsv:6: whitespace:" "whitespace"
expect_out "lint.tsv:3: no-preferred: concept c1 has no preferred term in 'en'" "no preferred"
run lexicon lint --format=tsv "$L/lint.tsv"
expect_out "#file	line	kind	concept	lang	term	message" "lint tsv header"
run lexicon lint --format=json "$L/lint.tsv"
expect_json "lint json"
if [ -f "$top_srcdir/dicts/lexicon.tsv" ]; then
  run lexicon lint
  expect_rc 0 "the curated lexicon lints clean"
fi

# stats
run lexicon stats "$L/small.tsv"
expect_rc 0 "stats"; expect_out_re "^concepts +5$" "stats concepts"; expect_out_re "^deprecated +1$" "stats deprecated"
run lexicon stats --format=json "$L/small.tsv"
expect_json "stats json"

# lookup '-' streams standard input: a term a line (CR and trailing spaces cut,
# blank lines skipped), memory does not grow with the number of terms
printf 'pemerintah\r\nzzqx  \n\n   \nKorut' > "$TMP/terms.txt"
run_in "$TMP/terms.txt" lexicon lookup --no-default-lexicon --lexicon="$L/small.tsv" -
expect_rc 1 "lookup -: a term not found"
expect_out "pemerintah	government	exact	preferred	c3	small.tsv	pemerintah" "lookup -: CRLF line"
expect_out "zzqx		none				zzqx" "lookup -: trailing spaces cut"
expect_out "Korut	North Korea	exact	preferred	c5	small.tsv	Korut" "lookup -: last line without LF"
if [ "$(wc -l < "$TMP/out")" -eq 6 ]; then ok; else fail "lookup -: $(wc -l < "$TMP/out") lines, expected 6"; fi
# a query is a term: a line over 64 KiB (trailing CR and spaces not counted) is
# reported with its line number and skipped (counted as not found), the next lines answered
{ printf 'PBB\n%065536d  \r\n' 0; printf '%065537d\n' 0; printf '%065536d%070000s\nKorut\n' 0 x; } > "$TMP/long.txt"
run_in "$TMP/long.txt" lexicon lookup --no-default-lexicon --lexicon="$L/small.tsv" --no-fuzzy -
expect_rc 1 "lookup -: a line over the cap"
expect_out "PBB	United Nations	exact" "lookup -: the line before a long one"
expect_out "Korut	North Korea	exact" "lookup -: the line after a long one"
awk -F'\t' '$3 == "none" && length($1) == 65536 && $1 == $7 && $1 ~ /^0+$/' "$TMP/out" > "$TMP/row"
if [ "$(wc -l < "$TMP/row")" -eq 1 ]; then ok; else fail "lookup -: a query of exactly 65536 bytes (CR and spaces cut) is looked up"; fi
expect_err "padan lexicon: warning: (standard input):3: query longer than 65536 bytes, skipped" "lookup -: line 3 skipped"
expect_err "(standard input):4: query longer than 65536 bytes, skipped" "lookup -: line 4 skipped"
if [ "$(wc -l < "$TMP/err")" -eq 2 ]; then ok; else fail "lookup -: $(wc -l < "$TMP/err") warnings, expected 2"; fi
if [ "$(wc -l < "$TMP/out")" -eq 7 ]; then ok; else fail "lookup -: $(wc -l < "$TMP/out") lines, expected 7"; fi
if [ -z "${PADAN_WRAP:-}" ]; then
  yes 'pemerintah
Korea Utara
zzqx' | head -c 40000000 > "$TMP/t40"
  head -c 4000000 "$TMP/t40" > "$TMP/t4"
  # lkrss IN: lookup of IN's lines; output in $TMP/out, peak RSS (KB) in $rss
  lkrss() {
    set +e
    if [ -x /usr/bin/time ]; then
      ASAN_OPTIONS=quarantine_size_mb=1:detect_leaks=1 /usr/bin/time -f %M -o "$TMP/rss" \
        "$PADAN" lexicon lookup --no-default-lexicon --lexicon="$L/small.tsv" --no-fuzzy - \
        < "$1" > "$TMP/out" 2> "$TMP/err"
    else
      "$PADAN" lexicon lookup --no-default-lexicon --lexicon="$L/small.tsv" --no-fuzzy - \
        < "$1" > "$TMP/out" 2> "$TMP/err"
    fi
    rc=$?
    set -e
    rss=$(tail -n 1 "$TMP/rss" 2>/dev/null || echo 0)
  }
  lkrss "$TMP/t4"; small=$rss
  lkrss "$TMP/t40"; big=$rss
  expect_rc 1 "lookup - of 40 MB"
  # every query answered, in order: as many rows for pemerintah and none for zzqx as lines
  a=$(grep -c '^pemerintah$' "$TMP/t40"); b=$(grep -c '	government	exact	preferred	c3	small.tsv	pemerintah$' "$TMP/out")
  if [ "$a" -eq "$b" ]; then ok; else fail "lookup - of 40 MB: $b answers for $a pemerintah lines"; fi
  a=$(grep -c '^zzqx$' "$TMP/t40"); b=$(grep -c '^zzqx		none' "$TMP/out")
  if [ "$a" -eq "$b" ] && [ "$a" -gt 1000000 ]; then ok; else fail "lookup - of 40 MB: $b answers for $a zzqx lines"; fi
  echo "peak RSS lexicon lookup -: 40 MB of terms ${big} KB, 4 MB ${small} KB"
  if [ "$big" -lt $((small + 32768)) ]; then ok; else fail "lookup - of 40 MB: peak RSS ${big} KB vs ${small} KB"; fi
  # a 30 MB line between two terms streams past: never held, both terms answered
  { echo PBB; head -c 30000000 "$TMP/t40" | tr '\n' ' '; printf '\nKorut\n'; } > "$TMP/l30"
  lkrss "$TMP/l30"; line=$rss
  expect_rc 1 "lookup - of a 30 MB line"
  expect_out "PBB	United Nations	exact" "lookup - of a 30 MB line: the term before"
  expect_out "Korut	North Korea	exact" "lookup - of a 30 MB line: the term after"
  expect_err "(standard input):2: query longer than 65536 bytes, skipped" "lookup - of a 30 MB line: warning"
  # (before: the line was held whole, 607 MB for a 100 MB line)
  echo "peak RSS lexicon lookup -: a 30 MB line ${line} KB, 40 MB of terms ${big} KB"
  if [ "$line" -lt $((big + 8192)) ]; then ok; else fail "lookup - of a 30 MB line: peak RSS ${line} KB vs ${big} KB"; fi
fi

# a 20 MB row (one line) is read whole (TSV, CSV, OmegaT) or refused with FILE:LINE (TBX: a
# text node over libxml2's 10 MB limit); never a crash
if [ -z "${PADAN_WRAP:-}" ]; then
  big=$(yes kata | head -n 4000000 | tr '\n' ' ')
  { printf 'c1\tid\t%s\n' "$big"; printf 'c1\ten\tword\n'; } > "$TMP/row.tsv"
  run lexicon stats --no-default-lexicon "$TMP/row.tsv"
  expect_rc 0 "20 MB TSV row"; expect_out_re "^terms +2$" "20 MB TSV row: both terms"
  { printf 'id_term,en_term\n"%s",word\n' "$big"; } > "$TMP/row.csv"
  run lexicon stats --no-default-lexicon "$TMP/row.csv"
  expect_rc 0 "20 MB CSV row"; expect_out_re "^terms +2$" "20 MB CSV row: both terms"
  printf '<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="id"><termSec><term>%s</term></termSec></langSec></conceptEntry></body></text></tbx>\n' "$big" > "$TMP/row.tbx"
  run lexicon stats --no-default-lexicon "$TMP/row.tbx"
  expect_rc 2 "20 MB TBX text node"; expect_err "row.tbx:1: bad XML: " "20 MB TBX text node: FILE:LINE"
  unset big
fi

# CSV and OmegaT lexicons are read record by record: 50,000 concepts as a 41 MB CSV or a 21 MB
# OmegaT glossary cost the lexicon, not a copy of the file more (before, on this machine: CSV 76.0 MB,
# OmegaT 71.5 MB, the same lexicon as TSV 24.9 MB; now 34.1 and 49.7 MB); the CSV gives the same
# lexicon as when it is read whole (standard input, format sniffed)
if [ -z "${PADAN_WRAP:-}" ]; then
  awk 'BEGIN { OFS = "\t"; n = "a note long enough to make the file much bigger than the lexicon it holds"
    for (i = 1; i <= 50000; i++) {
      print "c" i, "id", "istilah nomor " i, "preferred", "noun", n, "umum"
      print "c" i, "id", "istilah lain " i, "admitted"
      print "c" i, "en", "term number " i, "preferred", "noun", n
      print "c" i, "en", "other term " i, "deprecated" } }' > "$TMP/big.tsv"
  run lexicon import "$TMP/big.tsv" -o "$TMP/big.csv"
  expect_rc 0 "big CSV written"
  run lexicon import "$TMP/big.tsv" --format=omegat -o "$TMP/big.txt"
  expect_rc 0 "big OmegaT written"
  tsv=$(rss lexicon stats --no-default-lexicon "$TMP/big.tsv")
  cp "$TMP/out" "$TMP/stats.tsv"
  csv=$(rss lexicon stats --no-default-lexicon "$TMP/big.csv")
  expect_rc 0 "big CSV stats"; expect_out_re "^concepts +50000$" "big CSV: concepts"
  expect_out_re "^terms +200000$" "big CSV: terms"
  cmp -s "$TMP/out" "$TMP/stats.tsv" && ok || fail "big CSV: stats differ from the TSV's"
  kb=$(( $(wc -c < "$TMP/big.csv") / 1024 ))
  echo "peak RSS lexicon stats: 50,000 concepts as CSV ($kb KB) ${csv} KB, as TSV ${tsv} KB"
  if [ "$csv" -lt $((tsv + kb / 2)) ]; then ok; else fail "big CSV: peak RSS ${csv} KB vs ${tsv} KB as TSV"; fi
  txt=$(rss lexicon stats --no-default-lexicon "$TMP/big.txt")
  # pairs grouped by the Indonesian term: 100,000 concepts
  expect_rc 0 "big OmegaT stats"; expect_out_re "^concepts +100000$" "big OmegaT: concepts"
  expect_out_re "^terms +250000$" "big OmegaT: terms"
  kb=$(( $(wc -c < "$TMP/big.txt") / 1024 ))
  echo "peak RSS lexicon stats: as OmegaT ($kb KB) ${txt} KB"
  if [ "$txt" -lt $((tsv + kb * 3 / 2)) ]; then ok; else fail "big OmegaT: peak RSS ${txt} KB vs ${tsv} KB as TSV"; fi
  "$PADAN" lexicon import "$TMP/big.csv" > "$TMP/streamed.tsv" 2>&1
  "$PADAN" lexicon import - < "$TMP/big.csv" > "$TMP/whole.tsv" 2>&1
  cmp -s "$TMP/streamed.tsv" "$TMP/whole.tsv" && ok || fail "big CSV: streamed and whole reads differ"
  [ "$(wc -l < "$TMP/whole.tsv")" -eq 200001 ] && ok || fail "big CSV: $(wc -l < "$TMP/whole.tsv") rows"
  # TBX is read from the file entry by entry, and a lexicon with no known extension is sniffed
  # from its first 64 KiB and then read like the others: neither holds the file (before: the
  # whole file besides the lexicon); through a pipe too, the sniffed bytes given again before
  # the rest of the pipe (before: read whole)
  run lexicon import "$TMP/big.tsv" -o "$TMP/big.tbx"
  expect_rc 0 "big TBX written"
  cp "$TMP/big.tbx" "$TMP/bigtbx"; cp "$TMP/big.tsv" "$TMP/bigtsv"
  for f in big.tbx bigtbx bigtsv; do
    r=$(rss lexicon stats --no-default-lexicon "$TMP/$f")
    expect_rc 0 "big $f stats"
    cmp -s "$TMP/out" "$TMP/stats.tsv" && ok || fail "big $f: stats differ from the TSV's"
    kb=$(( $(wc -c < "$TMP/$f") / 1024 ))
    echo "peak RSS lexicon stats: as $f ($kb KB) ${r} KB"
    if [ "$r" -lt $((tsv + kb / 2)) ]; then ok; else fail "big $f: peak RSS ${r} KB vs ${tsv} KB as TSV"; fi
  done
  for f in bigtbx bigtsv; do
    r=$(cat "$TMP/$f" | rss lexicon stats --no-default-lexicon -)
    cmp -s "$TMP/out" "$TMP/stats.tsv" && ok || fail "big $f through a pipe: stats differ from the TSV's"
    kb=$(( $(wc -c < "$TMP/$f") / 1024 ))
    echo "peak RSS lexicon stats: $f through a pipe ($kb KB) ${r} KB"
    if [ "$r" -lt $((tsv + kb / 2)) ]; then ok; else fail "big $f through a pipe: peak RSS ${r} KB vs ${tsv} KB as TSV"; fi
  done
  # a lexicon through a pipe converts as the file does
  "$PADAN" lexicon import "$TMP/big.tbx" > "$TMP/fromfile.tsv" 2>&1
  cat "$TMP/bigtbx" | "$PADAN" lexicon import - > "$TMP/frompipe.tsv" 2>&1
  cmp -s "$TMP/fromfile.tsv" "$TMP/frompipe.tsv" && ok || fail "big TBX: import through a pipe differs"
fi
done_tests
