#!/bin/sh
# padan glossary --format=tbx of the seed articles validates with jing against the
# TBX core RNG and the TBX-Basic DCA Schematron; the v2 output reads back.
set -u
: "${PADAN:?}"
S="${SHARED:-}/data/tbx_schemas"
SEEDS="${SHARED:-}/corpus/seeds"
[ -n "${SHARED:-}" ] && [ -f "$S/core/TBXcoreStructV03.rng" ] && [ -d "$SEEDS" ] || { echo "no \$SHARED data: skip"; exit 77; }
command -v jing >/dev/null 2>&1 || { echo "no jing: skip"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-gtbx.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
$PADAN glossary --format=tbx -o "$TMP/g.tbx" "$SEEDS"/*.txt || { echo "FAIL: glossary tbx"; exit 1; }
jing "$S/core/TBXcoreStructV03.rng" "$TMP/g.tbx" > "$TMP/jing" 2>&1 || { echo "FAIL: core RNG"; head -20 "$TMP/jing"; fail=1; }
jing "$S/basic_dialect/DCA/TBX-Basic_DCA.sch" "$TMP/g.tbx" > "$TMP/jing" 2>&1 || { echo "FAIL: TBX-Basic DCA"; head -20 "$TMP/jing"; fail=1; }
n=$(grep -c '<conceptEntry ' "$TMP/g.tbx")
[ "$n" -ge 50 ] || { echo "FAIL: only $n concepts"; fail=1; }
grep -q '<term>mutual defense treaty</term>' "$TMP/g.tbx" || { echo "FAIL: treaty missing"; fail=1; }
echo "tbx: $n concepts valid"
# the validator really checks
sed 's/type="TBX-Basic"/type="TBX-Foo"/' "$TMP/g.tbx" > "$TMP/bad.tbx"
if jing "$S/basic_dialect/DCA/TBX-Basic_DCA.sch" "$TMP/bad.tbx" >/dev/null 2>&1; then echo "FAIL: jing accepted TBX-Foo"; fail=1; fi
# TBX v2: martif that padan lexicon reads back with the same number of concepts
$PADAN glossary --format=tbx2 -o "$TMP/g2.tbx" "$SEEDS"/*.txt || fail=1
grep -q '<martif type="TBX"' "$TMP/g2.tbx" || { echo "FAIL: no martif root"; fail=1; }
$PADAN lexicon stats --format=tsv "$TMP/g2.tbx" > "$TMP/st" || fail=1
grep -q "^concepts	$n\$" "$TMP/st" || { echo "FAIL: v2 read back"; cat "$TMP/st"; fail=1; }
exit $fail
