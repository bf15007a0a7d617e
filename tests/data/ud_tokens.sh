#!/bin/sh
# Surface-token F1 of `padan tokenize --lines` against the UD Indonesian gold (PUD, CSUI test and
# train), and sentence-boundary F1 on the gold sentences joined into paragraphs. Needs $SHARED
# (../shared); skipped (77) without it. Fails below token F1 0.99 (sentence F1 0.96).
set -u
: "${PADAN:?PADAN not set (run through make check)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
[ -n "${SHARED:-}" ] && [ -f "$SHARED/eval/ud_tokens.py" ] || { echo "no \$SHARED data: skipped"; exit 77; }
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
MIN=${UD_MIN_F1:-0.99}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-ud.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
status=0
for gold in "$SHARED/data/ud_pud_ind_eng/id_pud-ud-test.conllu" \
            "$SHARED/data/ud_csui_id_news/id_csui-ud-test.conllu" \
            "$SHARED/data/ud_csui_id_news/id_csui-ud-train.conllu"; do
  [ -f "$gold" ] || { echo "missing $gold: skipped"; exit 77; }
  python3 "$SHARED/eval/ud_tokens.py" text "$gold" > "$TMP/s.txt" || exit 99
  ${PADAN_WRAP:-} "$PADAN" tokenize --lines --format=tsv "$TMP/s.txt" > "$TMP/p.tsv" || { echo "FAIL: padan exited $?"; status=1; continue; }
  printf '%s: ' "$(basename "$gold")"
  python3 "$SHARED/eval/ud_tokens.py" score "$gold" "$TMP/p.tsv" "$MIN" || { echo "FAIL: F1 below $MIN"; status=1; }
  # sentence splitting: the gold sentences joined 5 to a paragraph line. Gold sentences without
  # final punctuation (headlines) cannot be found this way, hence the lower bar.
  python3 "$top_srcdir/tests/data/ud_sentences.py" para "$gold" 5 > "$TMP/para.txt" || exit 99
  ${PADAN_WRAP:-} "$PADAN" tokenize --format=json "$TMP/para.txt" > "$TMP/p.json" || { echo "FAIL: padan exited $?"; status=1; continue; }
  printf '%s: ' "$(basename "$gold")"
  python3 "$top_srcdir/tests/data/ud_sentences.py" score "$gold" 5 "$TMP/p.json" "${UD_MIN_SENT_F1:-0.96}" || { echo "FAIL: sentence F1 below ${UD_MIN_SENT_F1:-0.96}"; status=1; }
done
exit $status
