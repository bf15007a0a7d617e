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

# -o FILE that is not a regular file: a device or a FIFO was replaced by a
# regular file renamed over it, and a symlink by a file (exit 0). Now a device
# or FIFO is written directly, its write errors reported (exit 2, naming the
# file); a symlink is written through, the file it names renamed over. (Tests
# run as root: never /dev/null or /dev/full by path, only a link to /dev/full.)
O="$TMP/o"
mkdir "$O"
ln -s /dev/full "$O/full"
C="$FIX/check"
for cmd in tokenize terms align learn check lexicon; do
  case $cmd in
  tokenize | terms) set -- "$cmd" "$FIX/text/news.txt" ;;
  align) set -- align --lines "$C/id.txt" "$C/en.txt" ;;
  learn) set -- learn --min-count=1 --top=0 "$C/id.txt" "$C/en.txt" ;;
  check) set -- check --lines --no-default-lexicon "--lexicon=$C/lex.tsv" "$C/id.txt" "$C/en.txt" ;;
  lexicon) set -- lexicon export --no-default-lexicon "--lexicon=$C/lex.tsv" ;;
  esac
  run "$@" -o "$O/full"
  expect_rc 2 "$cmd -o link to /dev/full"
  # (tokenize says 'write error' when it sees the error while writing: a build
  # with error injection has a 512-byte buffer)
  expect_err "$O/full: write" "$cmd -o link to /dev/full: names the file"
  if [ -L "$O/full" ] && [ -c /dev/full ]; then ok; else fail "$cmd -o link to /dev/full: replaced"; fi
  # a FIFO gets the output, and stays a FIFO
  rm -f "$O/fifo" "$O/got"
  mkfifo "$O/fifo"
  timeout 20 cat "$O/fifo" > "$O/got" &
  reader=$!
  run "$@" -o "$O/fifo"
  if [ -p "$O/fifo" ]; then ok; else fail "$cmd -o FIFO: the FIFO was replaced"; fi
  set +e
  wait "$reader"
  set -e
  run "$@"
  cp "$TMP/out" "$O/want"
  if [ -s "$O/want" ] && cmp -s "$O/got" "$O/want"; then ok; else fail "$cmd -o FIFO: not the output"; fi
  if [ "$(ls "$O" | grep -c '\.tmp\.')" -eq 0 ]; then ok; else fail "$cmd: a temporary file left"; fi
done
# a symlink to a file (relative, from another folder), a dangling symlink and a
# chain: the links stay, the files they name get the output
mkdir "$O/sub"
printf 'old\n' > "$O/real.txt"
ln -s ../real.txt "$O/sub/link.txt"
ln -s sub/link.txt "$O/chain.txt"
ln -s new.txt "$O/dangling.txt"
chmod 640 "$O/real.txt"
run tokenize -o "$O/sub/link.txt" "$FIX/text/news.txt"
expect_rc 0 "-o symlink"
cp "$TMP/out" "$O/empty"
run tokenize "$FIX/text/news.txt"
cp "$TMP/out" "$O/want"
if [ -L "$O/sub/link.txt" ] && [ "$(readlink "$O/sub/link.txt")" = ../real.txt ]; then ok
else fail "-o symlink: the link was replaced"; fi
if cmp -s "$O/real.txt" "$O/want"; then ok; else fail "-o symlink: its file lacks the output"; fi
if [ "$(stat -c %a "$O/real.txt")" = 640 ]; then ok; else fail "-o symlink: the file's mode changed"; fi
printf 'old\n' > "$O/real.txt"
run tokenize -o "$O/chain.txt" "$FIX/text/news.txt"
expect_rc 0 "-o chain of symlinks"
if [ -L "$O/chain.txt" ] && cmp -s "$O/real.txt" "$O/want"; then ok; else fail "-o chain of symlinks"; fi
run tokenize -o "$O/dangling.txt" "$FIX/text/news.txt"
expect_rc 0 "-o dangling symlink"
if [ -L "$O/dangling.txt" ] && cmp -s "$O/new.txt" "$O/want"; then ok
else fail "-o dangling symlink: the link was replaced or new.txt not written"; fi
if [ "$(ls "$O" "$O/sub" | grep -c '\.tmp\.')" -eq 0 ]; then ok; else fail "symlinks: a temporary file left"; fi
# a learn model saved through a symlink (the library's own atomic write)
ln -s model.tsv "$O/model-link"
run learn --min-count=1 "--model=$O/model-link" "$C/id.txt" "$C/en.txt"
expect_rc 0 "learn --model=symlink"
if [ -L "$O/model-link" ] && head -n 1 "$O/model.tsv" | grep -q '^#padan-learn-model '; then ok
else fail "learn --model=symlink: the link was replaced"; fi

# -o naming an input (also through a link) is refused, exit 2, the input kept:
# 'spell -o a.txt a.txt' replaced the article by its report
cp "$FIX/align/id.txt" "$TMP/own.txt"
ln -sf own.txt "$TMP/own-link"
for c in "tokenize" "spell" "terms" "glossary" "align" "learn --align" "check"; do
  for o in own.txt own-link; do
    case $c in align*|learn*|check*) set -- "$TMP/own.txt" "$FIX/align/en.txt" ;; *) set -- "$TMP/own.txt" ;; esac
    run $c -o "$TMP/$o" "$@"
    expect_rc 2 "$c -o $o (an input)"
    expect_err "$o: is also an input: not replaced by the output" "$c -o $o named"
    if cmp -s "$TMP/own.txt" "$FIX/align/id.txt"; then ok; else fail "$c -o $o: the input was replaced"; fi
  done
done
# a lexicon converted in place stays possible (it is not a text input)
cp "$FIX/lexicon/small.tsv" "$TMP/inplace.tsv"
run lexicon import "$TMP/inplace.tsv" -o "$TMP/inplace.tsv"
expect_rc 0 "lexicon import in place"

done_tests
