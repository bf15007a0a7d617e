# Helpers for benchmarks (sourced).
# news_corpus MB OUT: concatenates the Indonesian news in $SHARED/data (LF line endings) to MB megabytes.
news_corpus() {
  local mb=$1 out=$2
  [ -s "$out" ] && [ "$(stat -c %s "$out")" -ge $((mb * 1000000)) ] && return 0
  local srcs=("$SHARED"/data/panl_bppt_en_id/*-ID-*.txt "$SHARED"/data/ud_csui_id_news/*.id.txt
              "$SHARED"/data/idner_news_2k/sentences.tok.txt)
  : > "$out"
  while [ "$(stat -c %s "$out")" -lt $((mb * 1000000)) ]; do
    cat "${srcs[@]}" | tr -d '\r' >> "$out"
  done
  head -c $((mb * 1000000)) "$out" > "$out.tmp" && mv "$out.tmp" "$out"
}
# timed LABEL CMD...: runs CMD, prints wall seconds and peak RSS (KiB); sets $secs and $rss
timed() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o /tmp/bench.rss "$@" > /dev/null
  else
    "$@" > /dev/null; echo 0 > /tmp/bench.rss
  fi
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  rss=$(tail -1 /tmp/bench.rss)
  printf '  %-28s %8.3f s  peak %7d KiB\n' "$label" "$secs" "$rss"
}
