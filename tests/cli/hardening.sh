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

done_tests
