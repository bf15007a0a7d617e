#!/bin/sh
# Failure injection (configure --enable-error-injection): a write or an
# allocation that fails part-way through an output leaves the old file intact,
# leaves no temporary file behind, and exits 2 with a message naming the file.
# Skipped (77) when the build has no failure injection.
. "$(dirname "$0")/lib.sh"
if [ "${PADAN_ERROR_INJECTION:-no}" != yes ]; then
  echo "failure injection not built (configure --enable-error-injection): skipped"
  exit 77
fi
L="$FIX/check/lex20.tsv"
D="$TMP/d"
mkdir -p "$D"

# no stray temporary files in $D
expect_no_tmp() {
  if ls "$D" | grep -q '\.tmp\.'; then fail "$1: temporary file left: $(ls "$D")"; else ok; fi
}
expect_same() { # FILE REFERENCE WHAT
  if cmp -s "$1" "$2"; then ok; else fail "$3: $1 was changed"; fi
}

# inject_writes WHAT FILE -- ARGS: runs padan ARGS with PADAN_FAIL_WRITE=1,2,...
# until it succeeds; every failing run must exit 2 naming FILE and leave FILE as it was.
inject_writes() {
  what=$1 target=$2
  shift 3
  printf 'old contents\n' > "$target"
  cp "$target" "$TMP/before"
  n=1
  while [ $n -le 400 ]; do
    set +e
    PADAN_FAIL_WRITE=$n ${PADAN_WRAP:-} "$PADAN" "$@" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    set -e
    [ $rc -eq 0 ] && break
    expect_rc 2 "$what, write $n fails"
    expect_err "$(basename "$target")" "$what, write $n fails: message names the file"
    if grep -qE 'write (failed|error)' "$TMP/err"; then ok; else fail "$what, write $n fails: no write error message"; fi
    expect_same "$target" "$TMP/before" "$what, write $n fails"
    expect_no_tmp "$what, write $n fails"
    n=$((n + 1))
  done
  if [ $rc -eq 0 ] && [ $n -gt 2 ]; then ok; else fail "$what: expected several write points, succeeded at $n (rc $rc)"; fi
  # the run that succeeded replaced the file
  if cmp -s "$target" "$TMP/before"; then fail "$what: file not replaced"; else ok; fi
  echo "$what: $((n - 1)) injected write failures"
}

inject_writes "lexicon import tsv" "$D/lex.tsv" -- lexicon import "$L" -o "$D/lex.tsv"
run lexicon import "$L" -o "$TMP/ref.tsv"
expect_same "$D/lex.tsv" "$TMP/ref.tsv" "import after injection equals a plain import"
inject_writes "lexicon import tbx" "$D/lex.tbx" -- lexicon import "$L" -o "$D/lex.tbx"
inject_writes "lexicon export csv" "$D/lex.csv" -- lexicon export --no-default-lexicon --format=csv "$L" -o "$D/lex.csv"
inject_writes "lexicon export json" "$D/lex.json" -- lexicon export --no-default-lexicon --format=json "$L" -o "$D/lex.json"
inject_writes "tokenize" "$D/tok.tsv" -- tokenize "$FIX/text/news.txt" -o "$D/tok.tsv"
inject_writes "terms" "$D/terms.tsv" -- terms "$FIX/terms/small.txt" -o "$D/terms.tsv"

# allocation failures: exit 2 with "out of memory" (never a crash), old file intact
inject_allocs() {
  what=$1 target=$2
  shift 3
  printf 'old contents\n' > "$target"
  cp "$target" "$TMP/before"
  n=1 fails=0
  while [ $n -le ${MAXALLOC:-300} ]; do
    set +e
    PADAN_FAIL_ALLOC=$n ${PADAN_WRAP:-} "$PADAN" "$@" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    set -e
    [ $rc -eq 0 ] && break
    fails=$((fails + 1))
    expect_rc 2 "$what, allocation $n fails"
    expect_err "out of memory" "$what, allocation $n fails: message"
    expect_same "$target" "$TMP/before" "$what, allocation $n fails"
    expect_no_tmp "$what, allocation $n fails"
    n=$((n + 1))
  done
  if [ $rc -eq 0 ] && [ $fails -gt 0 ]; then ok; else fail "$what: allocation points $fails, last rc $rc"; fi
  echo "$what: $fails injected allocation failures"
}
inject_allocs "lexicon import (alloc)" "$D/a.tsv" -- lexicon import "$FIX/lexicon/small.tsv" -o "$D/a.tsv"
inject_allocs "lexicon import tbx (alloc)" "$D/a.tsv" -- lexicon import "$FIX/lexicon/v2.tbx" -o "$D/a.tsv"
# regression: terms printed an empty message when an allocation inside Hunspell
# or stop-word loading failed without setting the handle's message
inject_allocs "terms (alloc)" "$D/terms.tsv" -- terms "$FIX/terms/small.txt" -o "$D/terms.tsv"
inject_allocs "tokenize (alloc)" "$D/t.tsv" -- tokenize "$FIX/text/news.txt" -o "$D/t.tsv"

done_tests
