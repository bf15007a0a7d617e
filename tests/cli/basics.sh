#!/bin/sh
# The padan command shell: help, version, unknown commands, exit codes.
. "$(dirname "$0")/lib.sh"
set -e

run --version
expect_rc 0 "--version"
expect_out_re '^padan [0-9]+\.[0-9]+\.[0-9]+$' "--version"

run --help
expect_rc 0 "--help"
expect_out "Usage: padan COMMAND" "--help"
expect_out "tokenize" "--help lists tokenize"

run
expect_rc 2 "no command"

run frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command"

# every command listed in --help has its own --help, exit 0, and usage text
"$PADAN" --help | awk '/^Commands:/{f=1;next} f&&/^  [a-z]/{print $1}' > "$TMP/cmds"
[ -s "$TMP/cmds" ] && ok || fail "no commands listed"
while read -r c; do
  run "$c" --help
  expect_rc 0 "$c --help"
  expect_out "Usage: padan $c" "$c --help"
done < "$TMP/cmds"

# Empty option values and numbers that are not plain digits are errors (exit
# 2), not defaults (regression: glossary took --min-freq=4294967298 as 2 and
# ' -5' as a huge --top; an empty --encoding= was auto, --output= a file '')
IN="$FIX/terms/small.txt"
for a in "--min-freq=4294967298:--min-freq must be a number from 0 to 1000000000, not '4294967298'" \
         "--top= -5:--top must be a number from 0 to 1000000000, not ' -5'" \
         "--top=+5:--top must be a number from 0 to 1000000000, not '+5'" \
         "--top=:--top must be a number from 0 to 1000000000, not ''" \
         "--max-words=7:--max-words must be a number from 1 to 6, not '7'" \
         "--encoding=:--encoding needs a value" \
         "--stopwords=:--stopwords needs a file name" \
         "--output=:--output needs a file name"; do
  run glossary "${a%%:*}" "$IN"
  expect_rc 2 "glossary ${a%%:*}"; expect_err "glossary: ${a#*:}" "glossary ${a%%:*}"
done
run glossary -o "" "$IN"
expect_rc 2 "glossary -o ''"; expect_err "glossary: -o needs a file name" "glossary -o ''"
run glossary --min-freq=1 --top=2 "$IN"
expect_rc 0 "glossary plain numbers"
for a in --encoding= --output=; do
  run tokenize "$a" "$IN"
  expect_rc 2 "tokenize $a"; expect_err "tokenize: ${a%=} needs a value" "tokenize $a"
  if [ ! -s "$TMP/out" ]; then ok; else fail "tokenize $a: output written"; fi
done
run tokenize -o "" "$IN"
expect_rc 2 "tokenize -o ''"; expect_err "tokenize: -o needs a value" "tokenize -o ''"

# GNU style '--opt VALUE' as '--opt=VALUE' in every command ('terms --top 5'
# was "unknown option '--top'"); '--' still ends the options
A="$FIX/align"
for c in "terms --top=2 --format=text $IN" "glossary --top=2 --format=csv $IN" \
         "align --format=json --band=10 $A/id.txt $A/en.txt" \
         "check --format=tsv $FIX/check/id.txt $FIX/check/en.txt" \
         "lexicon lookup --max=1 --format=json perang"; do
  run $c
  cp "$TMP/out" "$TMP/eq"; eqrc=$rc
  run $(printf '%s\n' $c | sed 's/^\(--[a-z-]*\)=\(.*\)$/\1\n\2/')
  expect_rc $eqrc "'${c%% *}' with '--opt VALUE'"
  if cmp -s "$TMP/out" "$TMP/eq"; then ok; else fail "'$c' with '--opt VALUE' differs from '--opt=VALUE'"; fi
done
run terms -- --top 2
expect_rc 2 "'--' ends the options"; expect_err "--top: No such file" "'--': --top is a file name"

done_tests
