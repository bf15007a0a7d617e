#!/bin/sh
# FreeDict eng-ind dictd import: every index entry read (10,296 entries, one
# concept per distinct headword), first-sense translations agree with the
# derived first_sense.tsv, truncated gzip and bad base64 are clean errors.
set -u
: "${PADAN:?}"
D="${SHARED:-}/data/freedict_eng_ind"
F="$D/freedict-eng-ind"
[ -n "${SHARED:-}" ] && [ -f "$F.index" ] || { echo "no $D: skip"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-fd.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
entries=$(grep -vc '^00database' "$F.index")
[ "$entries" -eq 10296 ] || { echo "FAIL: index has $entries entries, expected 10296"; fail=1; }
heads=$(grep -v '^00database' "$F.index" | cut -f1 | LC_ALL=C sort -u | wc -l)
$PADAN lexicon import "$F.index" -o "$TMP/fd.tsv" || { echo "FAIL: import"; exit 1; }
$PADAN lexicon stats --format=tsv "$TMP/fd.tsv" > "$TMP/st"
c=$(awk -F'\t' '$1=="concepts"{print $2}' "$TMP/st")
en=$(awk -F'\t' '$1=="en_terms"{print $2}' "$TMP/st")
echo "index entries $entries, distinct headwords $heads, concepts $c, English terms $en"
[ "$c" -eq "$heads" ] && [ "$en" -ge "$heads" ] || { echo "FAIL: concepts $c / en $en != $heads"; fail=1; }
# first-sense translations (derived file) are Indonesian terms of the concept
python3 - "$D/freedict-eng-ind.first_sense.tsv" "$TMP/fd.tsv" <<'PY' || fail=1
import sys, collections
byc = collections.defaultdict(set)
en = []
for line in open(sys.argv[2], encoding='utf-8'):
    if line.startswith('#'): continue
    f = line.rstrip('\n').split('\t')
    if f[1] == 'id': byc[f[0]].add(f[2])
    elif f[1] == 'en': en.append((f[2], f[0]))
terms = collections.defaultdict(set)
for e, c in en: terms[e] |= byc[c]
tot = ok = 0
for i, line in enumerate(open(sys.argv[1], encoding='utf-8')):
    if i == 0: continue
    f = line.rstrip('\n').split('\t')
    for t in (x.strip() for x in f[2].split(',')):
        if not t: continue
        tot += 1
        ok += t in terms.get(f[0], ())
rate = ok / max(tot, 1)
print("first-sense translations found: %d/%d (%.1f%%)" % (ok, tot, 100 * rate))
sys.exit(0 if rate >= 0.97 else 1)
PY
# errors: a truncated .dict.dz, a bad base64 number
cp "$F.index" "$TMP/t.index"
head -c 200000 "$F.dict.dz" > "$TMP/t.dict.dz"
$PADAN lexicon import "$TMP/t.index" -o "$TMP/t.tsv" 2> "$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q 't.dict.dz: truncated or corrupt' "$TMP/err" || { echo "FAIL: truncated gzip rc=$rc"; cat "$TMP/err"; fail=1; }
[ ! -e "$TMP/t.tsv" ] || { echo "FAIL: output written on error"; fail=1; }
cp "$F.dict.dz" "$TMP/b.dict.dz"
sed '20s/\t[^\t]*\t/\t@@\t/' "$F.index" > "$TMP/b.index"
$PADAN lexicon import "$TMP/b.index" -o "$TMP/b.tsv" 2> "$TMP/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'b.index:20: bad base64' "$TMP/err" || { echo "FAIL: bad base64 rc=$rc"; cat "$TMP/err"; fail=1; }
exit $fail
