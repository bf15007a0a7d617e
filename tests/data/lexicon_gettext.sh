#!/bin/sh
# A real large case: the 32k Debian gettext en-id pairs (English TAB Indonesian)
# import as OmegaT-style pairs, round-trip through TBX and CSV, and look up.
set -u
: "${PADAN:?}"
G="${SHARED:-}/data/debian_gettext_en_id/debian_gettext.en-id.tsv"
[ -n "${SHARED:-}" ] && [ -f "$G" ] || { echo "no $G: skip"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-gt.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
rows=$(wc -l < "$G")
start=$(date +%s.%N)
$PADAN lexicon import --from-format=omegat --swap "$G" -o "$TMP/gt.tsv" || { echo "FAIL: import"; exit 1; }
end=$(date +%s.%N)
echo "imported $rows pairs in $(echo "$end - $start" | bc) s"
# every distinct Indonesian side is one concept (lines starting with # are
# comments in OmegaT glossaries, as in padan's reader)
ids=$(python3 -c 'import sys; print(len({l.rstrip("\n").split("\t")[1].strip(" \t") for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")} - {""}))' "$G")
$PADAN lexicon stats --format=tsv "$TMP/gt.tsv" > "$TMP/st"
c=$(awk -F'\t' '$1=="concepts"{print $2}' "$TMP/st")
echo "concepts $c, distinct Indonesian strings $ids"
[ "$c" -eq "$ids" ] || { echo "FAIL: concepts"; fail=1; }
$PADAN lexicon export --format=tbx -o "$TMP/gt.tbx" "$TMP/gt.tsv" || fail=1
$PADAN lexicon export --format=csv -o "$TMP/gt.csv" "$TMP/gt.tsv" || fail=1
for f in gt.tbx gt.csv; do
  $PADAN lexicon export -o "$TMP/back.tsv" "$TMP/$f" || { fail=1; continue; }
  if ! cmp -s "$TMP/gt.tsv" "$TMP/back.tsv"; then
    # concept ids and order are kept; compare sorted rows
    # XML 1.0 cannot carry control characters such as BEL or VT: TBX drops them
    grep -v '^#' "$TMP/gt.tsv" | tr -d '\001-\010\013\014\016-\037' | LC_ALL=C sort > "$TMP/a"
    grep -v '^#' "$TMP/back.tsv" | LC_ALL=C sort > "$TMP/b"
    cmp -s "$TMP/a" "$TMP/b" || { echo "FAIL: $f round trip differs"; diff "$TMP/a" "$TMP/b" | head -5; fail=1; }
  fi
done
line=$(sed -n '1000p' "$G")
en=$(printf '%s' "$line" | cut -f1); id=$(printf '%s' "$line" | cut -f2)
$PADAN lexicon lookup --no-default-lexicon --lexicon="$TMP/gt.tsv" --from=en -- "$en" > "$TMP/out" || fail=1
grep -qF "$id" "$TMP/out" || { echo "FAIL: lookup of '$en' lacks '$id'"; cat "$TMP/out"; fail=1; }
exit $fail
