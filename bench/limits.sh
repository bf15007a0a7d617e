#!/usr/bin/env bash
# Limits: every command on a 10 MB input (the reference peak), on a 100 MB
# single line, and on LIMITS_MB (default 1000) MB of news lines streamed
# through pipes, with wall time and peak memory; `wc -w` on the same input is
# the plain reference for speed. Bounded memory means the peak stays near the
# one for 10 MB whatever the size (the check fails when it grows by more than
# LIMITS_SLACK_MB, default 64). LIMITS_CMDS picks commands (default: all).
# Two-file commands (check, align, learn) read PANL's line-aligned Indonesian
# and English news, repeated; the pipes are /dev/fd paths from process
# substitution, so nothing is read from a seekable file. A line pair over
# 1 MiB is read in parts and sentence-aligned (check --lines, align --lines,
# learn), never held whole; learn then trains on the line's sentence pairs,
# whose table of co-occurring words is larger than that of the 10 MB file's
# line pairs (the same sentence pairs given as lines cost as much): its 100 MB
# line may add 128 MB to the slack (measured: 313 MB for the 12 MB line and for
# ten copies of it, the 100 MB line, against 231 MB for the 10 MB file).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=${BENCH_TMP:-/tmp/padan-bench}
mkdir -p "$work"
mb=${LIMITS_MB:-1000}
slack=$(( ${LIMITS_SLACK_MB:-64} * 1024 ))
cmds=${LIMITS_CMDS:-"tokenize spell spell-a terms glossary variants lookup check-lines check align align-lines learn"}

news_corpus 100 "$work/news100.txt"
tr '\n' ' ' < "$work/news100.txt" > "$work/line100.txt"
head -c 10000000 "$work/news100.txt" > "$work/news10.txt"

# line-aligned pairs: PANL's ID and EN files in the same order, to about MB megabytes (ID side)
pair_corpus() {
  local want=$1 id=$2 en=$3
  [ -s "$id" ] && [ "$(stat -c %s "$id")" -ge $((want * 1000000)) ] && return 0
  : > "$id"; : > "$en"
  while [ "$(stat -c %s "$id")" -lt $((want * 1000000)) ]; do
    for f in "$SHARED"/data/panl_bppt_en_id/*-ID-*.txt; do
      g=${f/-ID-/-EN-}
      [ "$(wc -l < "$f")" -eq "$(wc -l < "$g")" ] || continue
      tr -d '\r' < "$f" >> "$id"; tr -d '\r' < "$g" >> "$en"
    done
  done
}
pair_corpus 10 "$work/id10.txt" "$work/en10.txt"
tr '\n' ' ' < "$work/id10.txt" > "$work/idline.tmp"; tr '\n' ' ' < "$work/en10.txt" > "$work/enline.tmp"
: > "$work/idline100.txt"; : > "$work/enline100.txt"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  cat "$work/idline.tmp" >> "$work/idline100.txt"; cat "$work/enline.tmp" >> "$work/enline100.txt"
done
rm -f "$work/idline.tmp" "$work/enline.tmp"

feed() { local i=0; while [ $i -lt $((mb / 10)) ]; do cat "$1"; i=$((i + 1)); done; }
export -f feed
export mb work PADAN

# args NAME: the padan arguments of each command; $1/$2 stand for the input(s)
args() {
  case $1 in
    tokenize) echo 'tokenize "$1"' ;;
    spell) echo 'spell "$1"' ;;
    spell-a) echo 'spell -a < "$1"' ;;
    terms) echo 'terms "$1"' ;;
    glossary) echo 'glossary "$1"' ;;
    variants) echo 'check --variants "$1"' ;;
    lookup) echo 'lexicon lookup - < "$1"' ;;
    check-lines) echo 'check --lines "$1" "$2"' ;;
    check) echo 'check "$1" "$2"' ;;
    align) echo 'align "$1" "$2"' ;;
    align-lines) echo 'align --lines "$1" "$2"' ;;
    learn) echo 'learn "$1" "$2"' ;;
  esac
}
two() { case $1 in check-lines|check|align|align-lines|learn) return 0 ;; *) return 1 ;; esac; }

printf '%-12s %10s %10s %10s %9s %9s\n' command "10MB KiB" "line KiB" "${mb}MB KiB" "10MB s" "${mb}MB s"
status=0
for c in $cmds; do
  a=$(args "$c")
  [ -n "$a" ] || { echo "limits: unknown command $c" >&2; status=2; continue; }
  if two "$c"; then
    timed "$c 10 MB" bash -c "\"\$PADAN\" $a" _ "$work/id10.txt" "$work/en10.txt" >/dev/null
    r10=$rss s10=$secs
    timed "$c line" bash -c "\"\$PADAN\" $a" _ "$work/idline100.txt" "$work/enline100.txt" >/dev/null
    rl=$rss
    timed "$c stream" bash -c "\"\$PADAN\" $a" _ <(feed "$work/id10.txt") <(feed "$work/en10.txt") >/dev/null
    rs=$rss ss=$secs
  else
    timed "$c 10 MB" bash -c "\"\$PADAN\" $a" _ "$work/news10.txt" >/dev/null
    r10=$rss s10=$secs
    timed "$c line" bash -c "\"\$PADAN\" $a" _ "$work/line100.txt" >/dev/null
    rl=$rss
    timed "$c stream" bash -c "\"\$PADAN\" $a" _ <(feed "$work/news10.txt") >/dev/null
    rs=$rss ss=$secs
  fi
  printf '%-12s %10d %10d %10d %9.2f %9.2f' "$c" "$r10" "$rl" "$rs" "$s10" "$ss"
  # learn trains on other pairs (sentence pairs) from the 100 MB line
  lslack=$slack
  case $c in learn) lslack=$((slack + 128000)) ;; esac
  if [ "$rl" -gt $((r10 + lslack)) ] || [ "$rs" -gt $((r10 + slack)) ]; then
    printf '  FAIL: memory grows with the input'; status=1
  fi
  printf '\n'
done
timed "reference: wc -w, ${mb} MB" bash -c 'feed "$1" | wc -w' _ "$work/news10.txt" >/dev/null
echo "reference: wc -w on ${mb} MB: ${secs} s"
exit $status
