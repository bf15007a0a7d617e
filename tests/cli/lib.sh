# Shared helpers for CLI tests (sourced). $PADAN is the built binary.
set -u
: "${PADAN:?PADAN not set (run through make check)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
FIX="$top_srcdir/tests/fixtures"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0
checks=0

# run ARGS...: runs padan (under $PADAN_WRAP), stdout -> $TMP/out, stderr -> $TMP/err, status -> $rc
run() {
  set +e
  ${PADAN_WRAP:-} "$PADAN" "$@" > "$TMP/out" 2> "$TMP/err"
  rc=$?
  set -e
}
# run_in FILE ARGS...: the same with FILE on standard input
run_in() {
  local in=$1; shift
  set +e
  ${PADAN_WRAP:-} "$PADAN" "$@" < "$in" > "$TMP/out" 2> "$TMP/err"
  rc=$?
  set -e
}
fail() { echo "FAIL: $*"; echo "  stdout:"; head -n 20 "$TMP/out" | sed 's/^/    /'; echo "  stderr:"; head -n 20 "$TMP/err" | sed 's/^/    /'; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
expect_rc() { if [ "$rc" -eq "$1" ]; then ok; else fail "${2:-}: exit $rc, expected $1"; fi; }
expect_out() { if grep -qF -- "$1" "$TMP/out"; then ok; else fail "${2:-}: stdout lacks '$1'"; fi; }
expect_out_re() { if grep -qE -- "$1" "$TMP/out"; then ok; else fail "${2:-}: stdout lacks /$1/"; fi; }
expect_no_out() { if grep -qF -- "$1" "$TMP/out"; then fail "${2:-}: stdout has '$1'"; else ok; fi; }
expect_err() { if grep -qF -- "$1" "$TMP/err"; then ok; else fail "${2:-}: stderr lacks '$1'"; fi; }
expect_empty_err() { if [ -s "$TMP/err" ]; then fail "${1:-}: stderr not empty: $(head -c 200 "$TMP/err")"; else ok; fi; }
expect_json() {
  if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" 2>"$TMP/jsonerr"; then ok
  else fail "${1:-}: not valid JSON: $(cat "$TMP/jsonerr" | tail -1)"; fi
}
# rss ARGS...: runs padan ARGS (stdout in $TMP/out, or $RSS_OUT when set, e.g.
# /dev/null for big outputs; stderr in $TMP/err) and
# prints its peak RSS in KB, 0 without /usr/bin/time. An ASan build holds freed
# memory in quarantine: kept small here so the figure follows what is live.
rss() {
  if [ -x /usr/bin/time ]; then
    ASAN_OPTIONS=quarantine_size_mb=1:detect_leaks=1 /usr/bin/time -f %M -o "$TMP/rss" \
      "$PADAN" "$@" > "${RSS_OUT:-$TMP/out}" 2> "$TMP/err"
    tail -n 1 "$TMP/rss"
  else
    "$PADAN" "$@" > "${RSS_OUT:-$TMP/out}" 2> "$TMP/err"
    echo 0
  fi
}
# grow_corpus UNIT: $TMP/small.txt (1024 copies of the file UNIT), $TMP/big.txt
# (8192 copies) and $TMP/line.txt (big.txt as one line), for memory bounds.
grow_corpus() {
  cp "$1" "$TMP/big.txt"
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
    cat "$TMP/big.txt" "$TMP/big.txt" > "$TMP/x" && mv "$TMP/x" "$TMP/big.txt"
    [ $i -eq 10 ] && cp "$TMP/big.txt" "$TMP/small.txt"
  done
  tr '\n' ' ' < "$TMP/big.txt" > "$TMP/line.txt"
}
done_tests() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
