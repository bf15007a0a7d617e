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

done_tests
