#!/bin/sh
# Regression tests for inputs found by fuzzing (fuzz/, `make fuzz`) and other
# hardening: each case names what broke. Inputs live in tests/fixtures/regress/.
. "$(dirname "$0")/lib.sh"
R="$FIX/regress"

# terms --merge rejected its own --counts output when a candidate had 7 words
# (max_words 6 plus the connector 'yang'): "malformed N record" (fuzz_terms)
run terms --counts "$R/terms_seven_words.txt" -o "$TMP/seven.counts"
expect_rc 0 "terms --counts, 7-word candidate"
if awk -F'\t' '$1 == "N" && split($6, a, " ") == 7 { f = 1 } END { exit !f }' "$TMP/seven.counts"; then ok
else fail "terms --counts: no 7-word candidate in the fixture any more"; fi
run terms --merge "$TMP/seven.counts"
expect_rc 0 "terms --merge reads a 7-word candidate"
expect_empty_err "terms --merge reads a 7-word candidate"
cp "$TMP/out" "$TMP/merged"
run terms "$R/terms_seven_words.txt"
if cmp -s "$TMP/out" "$TMP/merged"; then ok; else fail "terms --merge ranks as one run does"; fi

# a TBX whose entry has a bad value (line 7) and whose end is not well-formed
# (line 11) gave the entry's message when read from memory (a small file with
# no extension, sniffed) and the XML error when read from the file: the reader
# parses ahead by what it asks for. Both go through one reader now
# (fuzz_lexicon_tbx: the same status and message either way)
run lexicon stats --no-default-lexicon "$R/tbx_error_after_entry.tbx"
expect_rc 2 "TBX with a late XML error, as a file"
expect_err "tbx_error_after_entry.tbx:11: bad XML: expected '>'" "TBX late XML error, as a file"
cp "$R/tbx_error_after_entry.tbx" "$TMP/tbxnoext"
run lexicon stats --no-default-lexicon "$TMP/tbxnoext"
expect_rc 2 "TBX with a late XML error, sniffed"
expect_err "tbxnoext:11: bad XML: expected '>'" "TBX late XML error, sniffed (read from memory)"

# killed while writing -o FILE: the temporary file beside FILE is removed and
# FILE is left as it was (before: FILE.tmp.XXXXXX stayed); the status is the
# signal's. SIGTERM and SIGHUP (a background job ignores SIGINT)
mkdir "$TMP/kill"
for sig in TERM HUP; do
  printf 'old\n' > "$TMP/kill/out"
  { cat "$FIX/text/news.txt"; sleep 5; } | "$PADAN" tokenize -o "$TMP/kill/out" - 2> "$TMP/err" &
  pid=$!
  n=0
  while [ -z "$(ls "$TMP/kill" | grep '^out\.tmp\.')" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
  if [ -n "$(ls "$TMP/kill" | grep '^out\.tmp\.')" ]; then ok; else fail "SIG$sig: no temporary output seen"; fi
  kill -s "$sig" "$pid"
  set +e
  wait "$pid"
  rc=$?
  set -e
  case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
  if [ "$rc" -eq "$want" ]; then ok; else fail "SIG$sig: exit $rc, expected $want"; fi
  if [ "$(ls "$TMP/kill")" = out ]; then ok; else fail "SIG$sig: left $(ls "$TMP/kill" | tr '\n' ' ')"; fi
  if [ "$(cat "$TMP/kill/out")" = old ]; then ok; else fail "SIG$sig: the old output was replaced"; fi
  rm -f "$TMP/kill/"*
done

done_tests
