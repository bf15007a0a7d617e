#!/usr/bin/env bash
# Lexicon scale: a generated 100,000-concept lexicon (4 terms each) loads in
# under 0.5 s and answers a million lookups in under a second (library alone,
# bench/lexicon_lib.c); the same load through `padan lexicon stats`; and the
# 32k Debian gettext pairs imported as a real large case.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
N=${BENCH_CONCEPTS:-100000}
lex=${TMPDIR:-/tmp}/padan-bench-lexicon-$N.tsv
if [ ! -s "$lex" ]; then
  awk -v n="$N" 'BEGIN {
    srand(42); split("ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu", s, " ");
    split("al an ar en er in on or un ic", e, " ");
    print "#concept\tlang\tterm\tstatus\tpos\tnote\tdomain"
    for (c = 1; c <= n; c++) {
      w1 = ""; w2 = ""; x = c
      for (k = 0; k < 3; k++) { w1 = w1 s[x % 45 + 1]; x = int(x / 45) }
      w1 = w1 s[int(rand() * 45) + 1]
      for (k = 0; k < 2; k++) w2 = w2 s[int(rand() * 45) + 1]
      id = sprintf("g%06d", c)
      print id "\tid\tpe" w1 "an " w2 "\tpreferred\tnoun\t\tgeneral"
      print id "\tid\t" toupper(w1) "\tadmitted\tabbr\t\tgeneral"
      print id "\ten\t" w1 e[c % 10 + 1] " " w2 "tion\tpreferred\tnoun\t\tgeneral"
      print id "\ten\t" w1 e[(c + 3) % 10 + 1] " " w2 "sion\tadmitted\tnoun\tvariant\tgeneral"
    }
  }' > "$lex"
fi
echo "  lexicon: $lex ($(stat -c %s "$lex") bytes, $N concepts)"
bdir=$(dirname "$PADAN")
lib="$bdir/.libs/libpadan.a"
status=0
if [ -f "$lib" ] && command -v cc > /dev/null; then
  exe=${TMPDIR:-/tmp}/padan-bench-lexicon_lib
  if cc -O2 -std=c11 -I"$here/../include" -o "$exe" "$here/lexicon_lib.c" "$lib" \
       $(pkg-config --libs libutf8proc hunspell libxml-2.0 zlib 2>/dev/null) -lm; then
    echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    "$exe" "$lex" 1000000 | tee /tmp/bench.lex | sed 's/^/  /'
    # judged on CPU seconds: a loaded machine stretches the wall clock
    awk '/^load/ { c = $11; sub(/\(/, "", c); if (c + 0 > 0.5) { print "  load + index over 0.5 s cpu"; bad = 1 } }
         /lookups \(exact/ { for (i = 1; i <= NF; i++) if ($i == "cpu):") t = $(i - 2); sub(/\(/, "", t); if (t + 0 > 1.0) { print "  1M lookups over 1 s cpu"; bad = 1 } }
         END { exit bad }' /tmp/bench.lex || status=1
  else
    echo "  (lexicon_lib: could not build against $lib)"
  fi
fi
timed "padan lexicon stats ($N)" "$PADAN" lexicon stats "$lex"
g="$SHARED/data/debian_gettext_en_id/debian_gettext.en-id.tsv"
if [ -f "$g" ]; then
  timed "import gettext 32k pairs" "$PADAN" lexicon import --from-format=omegat --swap "$g" -o /tmp/padan-bench-gettext.tsv
  timed "export gettext as TBX" "$PADAN" lexicon export --format=tbx -o /tmp/padan-bench-gettext.tbx /tmp/padan-bench-gettext.tsv
  rm -f /tmp/padan-bench-gettext.tsv /tmp/padan-bench-gettext.tbx
fi
fd=/usr/share/dictd/freedict-eng-ind
[ -f "$fd.index" ] && timed "FreeDict eng-ind load" "$PADAN" lexicon stats --no-default-lexicon "$fd.index"
timed "lookup, default set (curated + FreeDict)" "$PADAN" lexicon lookup pemerintah
exit $status
