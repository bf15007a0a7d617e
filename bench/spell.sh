#!/bin/sh
# padan spell vs the hunspell CLI on the same 10 MB of real Indonesian news.
# Usage: bench/spell.sh [PADAN]  (SHARED defaults to ../shared beside the source tree)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PADAN=${1:-${PADAN:-$here/../_build-spell/padan}}
SHARED=${SHARED:-$here/../../shared}
D="$SHARED/data"
[ -d "$D/panl_bppt_en_id" ] || { echo "bench/spell.sh: no $D: skip"; exit 0; }
command -v hunspell >/dev/null || { echo "bench/spell.sh: no hunspell: skip"; exit 0; }
export PADAN_DATADIR="${PADAN_DATADIR:-$here/../dicts}" PADAN_NO_PROGRESS=1
N=/tmp/padan-bench-spell-10m.txt
if [ "$(stat -c %s "$N" 2>/dev/null || echo 0)" -ne 10485760 ]; then
  : > "$N.tmp"
  while [ "$(stat -c %s "$N.tmp")" -lt 10485760 ]; do
    cat "$D"/panl_bppt_en_id/PANL-BPPT-*-ID-*.txt "$D"/ud_csui_id_news/csui-*.id.txt >> "$N.tmp"
  done
  head -c 10485760 "$N.tmp" > "$N"; rm -f "$N.tmp"
fi
t() { # LABEL CMD... -> "LABEL wall user+sys maxrss" on stderr-free stdout
  /usr/bin/time -f "%e %U %S %M" -o /tmp/padan-bench-time "$@" > /tmp/padan-bench-out 2>/dev/null || true
  read -r wall user sys rss <<EOT
$(tail -n 1 /tmp/padan-bench-time)
EOT
  cpu=$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')
  echo "$wall $cpu $rss"
}
# best of two runs each (the machine may be shared)
best() { # CMD... -> "wall cpu rss" of the run with the least CPU time
  a=$(t "$@"); b=$(t "$@")
  echo "$a
$b" | sort -k2,2n | head -n 1
}
set -- $(best hunspell -d id_ID -l "$N"); hw=$1 hc=$2 hm=$3
hl=$(wc -l < /tmp/padan-bench-out)
set -- $(best "$PADAN" spell --format=tsv --max-suggestions=0 "$N"); cw=$1 cc=$2
set -- $(best "$PADAN" spell --format=tsv "$N"); pw=$1 pc=$2 pm=$3
pl=$(($(wc -l < /tmp/padan-bench-out) - 1))
echo "spell: 10 MB news ($N), best of 2 runs"
echo "  hunspell -d id_ID -l          : wall ${hw}s cpu ${hc}s peak ${hm} KB, $hl words flagged"
echo "  padan spell --format=tsv      : wall ${pw}s cpu ${pc}s peak ${pm} KB, $pl findings with suggestions"
echo "  (checking only, no suggestions: wall ${cw}s cpu ${cc}s)"
awk -v a="$hc" -v b="$pc" -v c="$hw" -v d="$pw" -v e="$cc" 'BEGIN { printf "  throughput ratio: %.1fx (cpu time), %.1fx (wall); checking only %.1fx (cpu)\n", a / b, c / d, a / e }'
