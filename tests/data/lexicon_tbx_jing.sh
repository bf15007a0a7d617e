#!/bin/sh
# The TBX-Basic v3 export of the curated lexicon validates with jing against the
# TBX core RNG and the TBX-Basic DCA Schematron in $SHARED/data/tbx_schemas.
set -u
: "${PADAN:?}"
S="${SHARED:-}/data/tbx_schemas"
[ -n "${SHARED:-}" ] && [ -f "$S/core/TBXcoreStructV03.rng" ] || { echo "no $S: skip"; exit 77; }
command -v jing >/dev/null 2>&1 || { echo "no jing: skip"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-jing.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
LEX="$top_srcdir/dicts/lexicon.tsv"
FIX="$top_srcdir/tests/fixtures/lexicon/small.tsv"
for src in "$LEX" "$FIX"; do
  [ -f "$src" ] || continue
  $PADAN lexicon export --format=tbx -o "$TMP/out.tbx" "$src" || { echo "FAIL: export $src"; fail=1; continue; }
  if jing "$S/core/TBXcoreStructV03.rng" "$TMP/out.tbx" 2>"$TMP/err" >"$TMP/jing"; then :; else
    echo "FAIL: $src: core RNG"; head -20 "$TMP/jing"; fail=1; fi
  if jing "$S/basic_dialect/DCA/TBX-Basic_DCA.sch" "$TMP/out.tbx" 2>"$TMP/err" >"$TMP/jing"; then :; else
    echo "FAIL: $src: TBX-Basic DCA Schematron"; head -20 "$TMP/jing"; fail=1; fi
  n=$(grep -c '<conceptEntry ' "$TMP/out.tbx")
  echo "$src: $n concepts valid"
done
# the validator really checks: a wrong dialect name and a bad status are rejected
sed 's/type="TBX-Basic"/type="TBX-Foo"/' "$TMP/out.tbx" > "$TMP/bad1.tbx"
if jing "$S/basic_dialect/DCA/TBX-Basic_DCA.sch" "$TMP/bad1.tbx" >/dev/null 2>&1; then
  echo "FAIL: jing accepted TBX-Foo"; fail=1; fi
sed 's/preferredTerm-admn-sts/bestTerm-admn-sts/' "$TMP/out.tbx" > "$TMP/bad2.tbx"
if jing "$S/basic_dialect/DCA/TBX-Basic_DCA.sch" "$TMP/bad2.tbx" >/dev/null 2>&1; then
  echo "FAIL: jing accepted a bad status"; fail=1; fi
# and the TBX v2 export is well-formed martif that padan reads back
$PADAN lexicon export --format=tbx2 -o "$TMP/v2.tbx" "$FIX" || fail=1
grep -q '<martif type="TBX"' "$TMP/v2.tbx" || { echo "FAIL: no martif root"; fail=1; }
$PADAN lexicon stats --format=tsv "$TMP/v2.tbx" > "$TMP/st" || fail=1
grep -q '^terms	16$' "$TMP/st" || { echo "FAIL: v2 read back"; cat "$TMP/st"; fail=1; }
exit $fail
