#!/usr/bin/env bash
# padan learn on the PANL international news (line-aligned, no lexicon): for each of the 41
# common news terms in tests/fixtures/align/learn_gold_int.tsv, the best-scored pair padan
# finds (terms found by padan itself, not given) must be right for >= 90% of them.
# IBM Model 1 alone (--iterations=5,0) is reported beside it as a baseline, and all n-grams
# (--ngrams) instead of the terms that term extraction finds, and training with the default
# lexicons as anchors.
set -u
: "${PADAN:?PADAN not set (run through make check)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
SHARED=${SHARED:-}
src="$SHARED/data/panl_bppt_en_id"
[ -n "$SHARED" ] && [ -f "$src/PANL-BPPT-INT-ID-part-a.txt" ] || { echo "no shared data: skipped"; exit 77; }
command -v python3 > /dev/null || { echo "no python3: skipped"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-learn.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
gold="$top_srcdir/tests/fixtures/align/learn_gold_int.tsv"
status=0
for mode in model1 ngrams default lexicon; do
  opt=--no-default-lexicon
  [ "$mode" = model1 ] && opt="$opt --iterations=5,0"
  [ "$mode" = ngrams ] && opt="$opt --ngrams"
  [ "$mode" = lexicon ] && opt=
  t0=$(date +%s.%N)
  ${PADAN_WRAP:-} "$PADAN" learn $opt -o "$TMP/$mode.tsv" "$src/PANL-BPPT-INT-ID-part-a.txt" \
    "$src/PANL-BPPT-INT-EN-part-a.txt" || { echo "FAIL: padan learn $opt exited $?"; exit 1; }
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
  python3 - "$gold" "$TMP/$mode.tsv" "$mode" "$secs" > "$TMP/$mode.score" <<'PY'
import sys
gold = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
best = {}
for l in open(sys.argv[2]):
    if l.startswith("#"): continue
    f = l.rstrip("\n").split("\t")
    if f[0] not in best or float(f[2]) > best[f[0]][1]:
        best[f[0]] = (f[1], float(f[2]))
right = 0
for term, alts in gold:
    got = best.get(term, ("-", 0))[0]
    ok = got in alts.split("|")
    right += ok
    if not ok: print(f"  miss: {term} -> {got} (want {alts})")
print(f"{sys.argv[3]:8s} right {right}/{len(gold)} = {right/len(gold):.3f}  ({sys.argv[4]} s)")
PY
  cat "$TMP/$mode.score"
done
acc=$(tail -1 "$TMP/default.score" | awk '{split($3, a, "/"); print a[1] / a[2]}')
if awk -v a="$acc" 'BEGIN{exit !(a >= 0.90)}'; then echo "ok: >= 90% right"; else echo "FAIL: below 90%"; status=1; fi
exit $status
