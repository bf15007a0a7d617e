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

run spell --dict="$TMP/nope/xx_XX" "$S/sample.txt"
expect_rc 2 "missing dictionary"; expect_err "$TMP/nope/xx_XX.aff" "paths tried"; expect_err "xx_XX.dic" "paths tried"
DICPATH="$TMP/a:$TMP/b" run spell --dict=zz_ZZ "$S/sample.txt"
expect_rc 2 "missing named dictionary"; expect_err "$TMP/a/zz_ZZ.aff" DICPATH; expect_err "/usr/share/hunspell/zz_ZZ.aff" "system dirs"

run spell "$TMP/nonexistent.txt"
expect_rc 2 "missing input"; expect_err "nonexistent.txt" "missing input named"
printf 'rumah \377\376 bagus\n' > "$TMP/bad.txt"
run spell --encoding=utf-8 "$TMP/bad.txt"
expect_rc 2 "invalid UTF-8"; expect_err "bad.txt" "invalid input named"
run spell --format=csv "$S/sample.txt"
expect_rc 2 "bad format"
run spell --bogus
expect_rc 2 "bad option"

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

done_tests
