#!/bin/sh
# Progress on long runs: one line on stderr, only when stderr is a terminal and
# the output does not go to that terminal (commands that write at the end show
# it anyway); PADAN_PROGRESS=1 forces it, PADAN_NO_PROGRESS=1 turns it off.
# It never changes the output.
. "$(dirname "$0")/lib.sh"
unset PADAN_NO_PROGRESS # make check turns progress off for the other tests
A="$FIX/align"
CR=$(printf '\r')
ESC=$(printf '\033')

# prun ARGS...: run with PADAN_PROGRESS=1
prun() {
  set +e
  env PADAN_PROGRESS=1 ${PADAN_WRAP:-} "$PADAN" "$@" > "$TMP/out" 2> "$TMP/err"
  rc=$?
  set -e
}
# last_line: the progress line drawn last before the clearing one
last_line() { tr '\r' '\n' < "$TMP/err" | sed "s/$ESC\\[K\$//" | grep . | tail -n 1; }

# ---- forced: the bytes read, of the total for regular files
run align "$A/id.txt" "$A/en.txt"
cp "$TMP/out" "$TMP/plain"
prun align "$A/id.txt" "$A/en.txt"
expect_rc 0 "align with progress"
if cmp -s "$TMP/out" "$TMP/plain"; then ok; else fail "progress changed align's output"; fi
size=$(cat "$A/id.txt" "$A/en.txt" | wc -c)
kb=$(( (size + 999) / 1000 ))
expect_err "${CR}padan align: $kb kB of $kb kB read (100%)" "align: the bytes read of both files"
# the line is cleared at the end: the last bytes are CR, ESC [ K
if [ "$(tail -c 4 "$TMP/err" | od -An -c | tr -s ' ')" = " \r 033 [ K" ]; then ok
else fail "progress line not cleared at the end: $(tail -c 8 "$TMP/err" | od -An -c)"; fi
if [ "$(grep -c . "$TMP/err")" -le 1 ]; then ok; else fail "progress printed more than one line (no CR?)"; fi

# a pipe has no size: the bytes alone
set +e
cat "$A/id.txt" | env PADAN_PROGRESS=1 ${PADAN_WRAP:-} "$PADAN" align - "$A/en.txt" > "$TMP/out" 2> "$TMP/err"
rc=$?
set -e
expect_rc 0 "align from a pipe with progress"
if cmp -s "$TMP/out" "$TMP/plain"; then ok; else fail "progress changed align's output (pipe)"; fi
if last_line | grep -qE "^padan align: $kb kB read$"; then ok
else fail "align from a pipe: last progress '$(last_line)', expected '$kb kB read'"; fi

# ---- learn: its passes over the pairs after the reading
run learn --align --top=1 "$A/id.txt" "$A/en.txt"
cp "$TMP/out" "$TMP/plain"
prun learn --align --top=1 "$A/id.txt" "$A/en.txt"
expect_rc 0 "learn with progress"
if cmp -s "$TMP/out" "$TMP/plain"; then ok; else fail "progress changed learn's output"; fi
expect_err "padan learn: word-pair table, 100%" "learn: the word-pair table pass"
expect_err "padan learn: EM iteration 10 of 10, 100%" "learn: the last EM iteration"
expect_err "padan learn: word alignment, 100%" "learn: the word alignment pass"
expect_err "padan learn: phrase pairs, pass 2 of 3, 100%" "learn: the phrase-pair passes"

# ---- glossary: the pass over the stored input after the ranking
run glossary "$FIX/glossary/article.txt"
cp "$TMP/out" "$TMP/plain"
prun glossary "$FIX/glossary/article.txt"
expect_rc 0 "glossary with progress"
if cmp -s "$TMP/out" "$TMP/plain"; then ok; else fail "progress changed glossary's output"; fi
expect_err "padan glossary: examples and lexicon matches, 100%" "glossary: the examples pass"

# ---- check reads its pair twice: each pass counts its own bytes
prun check "$FIX/check/id.txt" "$FIX/check/en.txt"
size=$(cat "$FIX/check/id.txt" "$FIX/check/en.txt" | wc -c)
kb=$(( (size + 999) / 1000 ))
expect_err "padan check: pass 1 of 2, $kb kB of $kb kB read (100%)" "check: pass 1 and its bytes"
expect_err "padan check: pass 2 of 2, $kb kB of $kb kB read (100%)" "check: pass 2 counts again"

# ---- check --variants: its three passes over the batch after the reading
run check --variants "$FIX/check/var-a.txt" "$FIX/check/var-b.txt"
cp "$TMP/out" "$TMP/plain"
prun check --variants "$FIX/check/var-a.txt" "$FIX/check/var-b.txt"
if cmp -s "$TMP/out" "$TMP/plain"; then ok; else fail "progress changed check --variants' output"; fi
expect_err "padan check: variants pass 1 of 3, 100%" "check --variants: pass 1"
expect_err "padan check: variants pass 3 of 3, 100%" "check --variants: pass 3"

# ---- several files: their sizes are added up front; files done / all
prun terms "$A/id.txt" "$FIX/terms/small.txt"
expect_rc 0 "terms on two files with progress"
size=$(cat "$A/id.txt" "$FIX/terms/small.txt" | wc -c)
kb=$(( (size + 999) / 1000 ))
expect_err "padan terms: files 2/2, $kb kB of $kb kB read (100%)" "terms: files and bytes of both"
# ... in tokenize, spell and check --variants too (they showed the bytes only)
for c in tokenize spell "check --variants"; do
  prun $c "$A/id.txt" "$FIX/terms/small.txt"
  expect_err "padan ${c%% *}: files 2/2, $kb kB of $kb kB read (100%)" "$c: files done of all"
done

# ---- off: PADAN_NO_PROGRESS wins; not a terminal (these tests): nothing
set +e
env PADAN_PROGRESS=1 PADAN_NO_PROGRESS=1 "$PADAN" align "$A/id.txt" "$A/en.txt" > "$TMP/out" 2> "$TMP/err"
set -e
expect_empty_err "PADAN_NO_PROGRESS=1 wins"
run align "$A/id.txt" "$A/en.txt"
expect_empty_err "no progress when stderr is not a terminal"

# ---- on a terminal (script(1) gives one): shown when the output goes to a
# file, not when it goes to the terminal itself
if command -v script >/dev/null 2>&1 && [ -z "${PADAN_WRAP:-}" ] &&
   script -qec true /dev/null > /dev/null 2>&1; then
  script -qec "'$PADAN' align '$A/id.txt' '$A/en.txt' > '$TMP/tty.out'" /dev/null > "$TMP/tty" 2>&1
  if grep -q "padan align: .* read" "$TMP/tty"; then ok
  else fail "no progress on a terminal with the output in a file: $(od -c "$TMP/tty" | head -n 3)"; fi
  script -qec "'$PADAN' align '$A/id.txt' '$A/en.txt'" /dev/null > "$TMP/tty" 2>&1
  if grep -q "padan align: " "$TMP/tty"; then fail "progress drawn into the output on a terminal"; else ok; fi
  script -qec "'$PADAN' learn --align --top=1 '$A/id.txt' '$A/en.txt'" /dev/null > "$TMP/tty" 2>&1
  if grep -q "padan learn: EM iteration" "$TMP/tty"; then ok
  else fail "learn writes at the end: progress expected on a terminal"; fi
else
  echo "script(1) cannot give a terminal here: terminal cases skipped"
fi

done_tests
