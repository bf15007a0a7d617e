#!/usr/bin/env bash
# Sentence alignment and word-alignment learning on PANL-BPPT (needs $SHARED and a built $PADAN).
# Baselines in the same run: Gale-Church length only (align), IBM Model 1 alone (learn).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
src="$SHARED/data/panl_bppt_en_id"
W=$(mktemp -d "${TMPDIR:-/tmp}/padan-bench-align.XXXXXX")
trap 'rm -rf "$W"' EXIT
score() { python3 "$SHARED/eval/align_set.py" score "$1" "$2" | sed 's/^sentence_align //'; }

echo "sentence alignment, PANL INT news with deleted and merged lines (~3,200 lines)"
mkdir -p "$W/int"
python3 "$SHARED/eval/align_set.py" make "$src/PANL-BPPT-INT-ID-part-a.txt" "$src/PANL-BPPT-INT-EN-part-a.txt" "$W/int"
for mode in length-only no-default-lexicon default; do
  opt=--$mode; [ "$mode" = default ] && opt=
  timed "align $mode" "$PADAN" align --lines $opt -o "$W/int/$mode.tsv" "$W/int/id.txt" "$W/int/en.txt"
  echo "    $(score "$W/int/gold.tsv" "$W/int/$mode.tsv")"
done

echo "sentence alignment, all PANL domains concatenated (~20,000 lines)"
cat "$src"/*-ID-*.txt > "$W/all.id"; cat "$src"/*-EN-*.txt > "$W/all.en"
mkdir -p "$W/all"
python3 "$SHARED/eval/align_set.py" make "$W/all.id" "$W/all.en" "$W/all"
for mode in length-only default; do
  opt=--$mode; [ "$mode" = default ] && opt=
  timed "align $mode" "$PADAN" align --lines $opt -o "$W/all/$mode.tsv" "$W/all/id.txt" "$W/all/en.txt"
  echo "    $(score "$W/all/gold.tsv" "$W/all/$mode.tsv")"
done

echo "learn, PANL INT (3,300 line pairs): best pair right for the 41 gold news terms"
gold="$here/../tests/fixtures/align/learn_gold_int.tsv"
for mode in model1 ngrams default; do
  opt=; [ "$mode" = model1 ] && opt=--iterations=5,0
  [ "$mode" = ngrams ] && opt=--ngrams
  timed "learn $mode" "$PADAN" learn $opt -o "$W/learn-$mode.tsv" "$src/PANL-BPPT-INT-ID-part-a.txt" "$src/PANL-BPPT-INT-EN-part-a.txt"
  python3 - "$gold" "$W/learn-$mode.tsv" <<'PY'
import sys
gold = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
best = {}
for l in open(sys.argv[2]):
    if l.startswith("#"): continue
    f = l.rstrip("\n").split("\t")
    if f[0] not in best or float(f[2]) > best[f[0]][1]: best[f[0]] = (f[1], float(f[2]))
right = sum(best.get(t, ("-",))[0] in a.split("|") for t, a in gold)
print(f"    right {right}/{len(gold)}")
PY
done

echo "learn, all PANL line pairs (~20,700): EM time"
timed "learn model1 (5 it.)" "$PADAN" learn --iterations=5,0 -o "$W/l1.tsv" "$W/all.id" "$W/all.en"
timed "learn default (5+5 it.)" "$PADAN" learn -o "$W/l2.tsv" "$W/all.id" "$W/all.en"
