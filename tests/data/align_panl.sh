#!/usr/bin/env bash
# Sentence alignment on ~3,200 lines of PANL international news with deleted and merged lines
# (made by $SHARED/eval/align_set.py): padan's link F1 must reach 0.97. The length-only
# Gale-Church baseline, the one-pass aligner and the aligner without lexicons are reported beside it.
set -u
: "${PADAN:?PADAN not set (run through make check)}"
SHARED=${SHARED:-}
src="$SHARED/data/panl_bppt_en_id"
[ -n "$SHARED" ] && [ -f "$src/PANL-BPPT-INT-ID-part-a.txt" ] && [ -f "$SHARED/eval/align_set.py" ] || {
  echo "no shared data: skipped"; exit 77; }
command -v python3 > /dev/null || { echo "no python3: skipped"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-align.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 "$SHARED/eval/align_set.py" make "$src/PANL-BPPT-INT-ID-part-a.txt" \
  "$src/PANL-BPPT-INT-EN-part-a.txt" "$TMP" || exit 99
status=0
for mode in length-only no-realign no-default-lexicon default; do
  opt=--$mode
  [ "$mode" = default ] && opt=
  t0=$(date +%s.%N)
  ${PADAN_WRAP:-} "$PADAN" align --lines --format=tsv $opt -o "$TMP/$mode.tsv" "$TMP/id.txt" "$TMP/en.txt" \
    || { echo "FAIL: padan align $opt exited $?"; exit 1; }
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
  printf '%-19s %s  (%s s)\n' "$mode" "$(python3 "$SHARED/eval/align_set.py" score "$TMP/gold.tsv" "$TMP/$mode.tsv")" "$secs"
done
if python3 "$SHARED/eval/align_set.py" score "$TMP/gold.tsv" "$TMP/default.tsv" 0.97 > /dev/null; then
  echo "ok: F1 >= 0.97"
else
  echo "FAIL: F1 below 0.97"; status=1
fi
# the baseline must be clearly worse, or the test is not measuring the anchors
if python3 "$SHARED/eval/align_set.py" score "$TMP/gold.tsv" "$TMP/length-only.tsv" 0.95 > /dev/null; then
  echo "FAIL: the length-only baseline scores as well as the full aligner?"; status=1
fi
# sentence mode over all four PANL domains in windows of 2000 sentences: the
# anchored centre line of a window once jumped where the band could not follow,
# no path reached the corner and the stream never moved on (a hang); now the
# band falls back to the length diagonal. Most beads must match one whole-document run.
cat "$src"/*-ID-*.txt | tr -d '\r' > "$TMP/all.id"
cat "$src"/*-EN-*.txt | tr -d '\r' > "$TMP/all.en"
timeout 600 ${PADAN_WRAP:-} "$PADAN" align --window=2000 -o "$TMP/w2000.tsv" "$TMP/all.id" "$TMP/all.en" \
  || { echo "FAIL: padan align --window=2000 on all of PANL exited $?"; exit 1; }
"$PADAN" align --window=1000000 -o "$TMP/whole.tsv" "$TMP/all.id" "$TMP/all.en" || exit 1
cut -f1,2 "$TMP/w2000.tsv" | sort > "$TMP/a"; cut -f1,2 "$TMP/whole.tsv" | sort > "$TMP/b"
same=$(comm -12 "$TMP/a" "$TMP/b" | wc -l); all=$(wc -l < "$TMP/b")
echo "windows of 2000 vs whole document: $same of $all beads the same"
if [ $((same * 100)) -ge $((all * 97)) ]; then echo "ok: windowed beads >= 97% the same"
else echo "FAIL: windowed alignment departs from the whole-document one"; status=1; fi
exit $status
