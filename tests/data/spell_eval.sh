#!/bin/sh
# padan spell on clean news with injected typos (../shared/eval/spell_eval.py).
# Tuned on PANL-BPPT international part a (first 3000 lines); held out: UD CSUI
# news text. Asserts the false-flag rate, typo recall, top-1 and top-5 accuracy.
# SPELL_EVAL_HUNSPELL=1 also scores `hunspell -a -d id_ID` on the same texts.
set -eu
: "${PADAN:?}" "${SHARED:?}"
EVAL="$SHARED/eval/spell_eval.py"
INT="$SHARED/data/panl_bppt_en_id/PANL-BPPT-INT-ID-part-a.txt"
CSUI="$SHARED/data/ud_csui_id_news"
[ -f "$EVAL" ] && [ -f "$INT" ] && [ -d "$CSUI" ] || { echo "no shared data: skip"; exit 77; }
command -v hunspell >/dev/null && command -v python3 >/dev/null || { echo "no hunspell/python3: skip"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/padan-spell-eval.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0

nwords() { python3 -c 'import re,sys; print(len(re.findall(r"[A-Za-zÀ-ɏ]+(?:-[A-Za-zÀ-ɏ]+)*", open(sys.argv[1], encoding="utf-8").read())))' "$1"; }

# hunspell -a output -> word<TAB>sugg|sugg
hun_flags() {
  hunspell -a -d id_ID < "$1" | awk -F'\t' '
    /^& / { split($0, a, ": "); split(a[1], h, " "); s = a[2]; gsub(/, /, "|", s); print h[2] "\t" s; next }
    /^# / { split($0, h, " "); print h[2] "\t"; next }'
}

# ge A B: A >= B (decimals)
ge() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$1" "$2"; }

run_eval() { # NAME CLEAN MAXFF MINRECALL MINTOP1 MINTOP5
  name=$1 clean=$2
  d="$T/$name"; mkdir -p "$d"
  python3 "$EVAL" make "$clean" "$d"
  n=$(nwords "$clean")
  set +e
  "$PADAN" spell --format=tsv "$clean" > "$d/clean.tsv"; rc1=$?
  "$PADAN" spell --format=tsv "$d/typos.txt" > "$d/typo.tsv"; rc2=$?
  set -e
  [ $rc1 -le 1 ] && [ $rc2 -eq 1 ] || { echo "FAIL: $name: padan spell exit $rc1/$rc2"; fails=$((fails + 1)); return; }
  grep -v '^#' "$d/clean.tsv" | cut -f4-5 > "$d/clean.flags" || true
  grep -v '^#' "$d/typo.tsv" | cut -f4-5 > "$d/typo.flags" || true
  res=$(python3 "$EVAL" score "$d/clean.flags" "$d/typo.flags" "$d/typos.tsv" "$n")
  echo "padan    $name: $res"
  ff=$(echo "$res" | sed 's/.*false_flag_rate=\([0-9.]*\).*/\1/')
  rec=$(echo "$res" | sed 's/.*typo_recall=\([0-9.]*\).*/\1/')
  t1=$(echo "$res" | sed 's/.*top1=\([0-9.]*\).*/\1/')
  t5=$(echo "$res" | sed 's/.*top5=\([0-9.]*\).*/\1/')
  ge "$3" "$ff" || { echo "FAIL: $name: false-flag rate $ff > $3"; fails=$((fails + 1)); }
  ge "$rec" "$4" || { echo "FAIL: $name: typo recall $rec < $4"; fails=$((fails + 1)); }
  ge "$t1" "$5" || { echo "FAIL: $name: top-1 $t1 < $5"; fails=$((fails + 1)); }
  ge "$t5" "$6" || { echo "FAIL: $name: top-5 $t5 < $6"; fails=$((fails + 1)); }
  if [ "${SPELL_EVAL_HUNSPELL:-0}" = 1 ]; then
    hun_flags "$clean" > "$d/hclean.flags"
    hun_flags "$d/typos.txt" > "$d/htypo.flags"
    echo "hunspell $name: $(python3 "$EVAL" score "$d/hclean.flags" "$d/htypo.flags" "$d/typos.tsv" "$n")"
  fi
}

head -n 3000 "$INT" | tr -d '\r' > "$T/int.txt"
cat "$CSUI/csui-train.id.txt" "$CSUI/csui-test.id.txt" | tr -d '\r' > "$T/csui.txt"
# Thresholds: the issue's targets (<= 2% false flags, >= 98% recall, >= 92% top-1, >= 99% top-5).
# Measured (2026-11-22): tuned 1.59% / 99.9% / 96.3% / 99.6%; held-out 0.54% / 99.4% / 97.8% /
# 99.2%. Hunspell alone: tuned 10.25% / 100% / 84.9% / 99.2%, held-out 14.3% / 100% / 84.9% /
# 99.6%. About half of the "false flags" on the tuned text are non-standard spellings the text
# really has (ibukota, jurubicara, dimana, resiko). The supplement dicts/padan-id.dic was built
# from Hunspell's misses on all of ../shared news (CSUI included), so the held-out false-flag rate
# is optimistic: without padan-id.dic it is 2.1% (tuned) and 2.3% (CSUI).
run_eval tuned "$T/int.txt" 0.02 0.98 0.92 0.99
run_eval heldout "$T/csui.txt" 0.02 0.98 0.92 0.99
[ $fails -eq 0 ]
