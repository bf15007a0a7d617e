#!/bin/sh
# Regression tests for inputs found by fuzzing (fuzz/, `make fuzz`) and other
# hardening: each case names what broke. Inputs live in tests/fixtures/regress/.
. "$(dirname "$0")/lib.sh"
R="$FIX/regress"

done_tests
