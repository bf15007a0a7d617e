#!/bin/sh
# Builds the libFuzzer targets with clang (library sources compiled once into
# fuzz/obj with -fsanitize=fuzzer-no-link,address,undefined) and runs each for
# FUZZ_SECONDS on a fresh corpus seeded from tests/fixtures and fuzz/seeds.
# Called by `make fuzz` from the build folder; arguments are the library's .c
# files (relative to srcdir, or to the build folder when generated there).
#   make fuzz FUZZ_SECONDS=300 FUZZ_TARGETS='tokenize lexicon_tbx'
#   FUZZ_BUILD_ONLY=1: build, do not run.
# Findings go to fuzz/crashes/TARGET-*; logs to fuzz/logs/TARGET.log.
# Exit status 1 when a target crashed (or failed to build).
set -u
CC=${FUZZ_CC:-clang}
SECONDS_EACH=${FUZZ_SECONDS:-60}
srcdir=${srcdir:-.}
ALL="tokenize stream lemma json lexicon_tsv lexicon_csv lexicon_tbx dictd terms terms_merge ispell"
TARGETS=${FUZZ_TARGETS:-$ALL}
[ -n "$TARGETS" ] || TARGETS=$ALL
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 $SAN ${FUZZ_CFLAGS:-}"

command -v "$CC" >/dev/null 2>&1 || { echo "fuzz: $CC not found (set FUZZ_CC)" >&2; exit 77; }
mkdir -p fuzz/obj fuzz/bin fuzz/logs fuzz/crashes || exit 1

# the newest header: objects older than it are rebuilt
newest_h=$(ls -t $(find "$srcdir" -name '*.h' -path '*/*' ! -path '*/_build*' ! -path './fuzz/*' 2>/dev/null) config.h 2>/dev/null | head -n 1)

objs=""
pids=""
for src in "$@"; do
  case $src in *.c) ;; *) continue ;; esac
  if [ -f "$src" ]; then path=$src; else path=$srcdir/$src; fi
  obj=fuzz/obj/$(echo "$src" | tr '/' '_' | sed 's/\.c$/.o/')
  objs="$objs $obj"
  if [ ! -f "$obj" ] || [ "$path" -nt "$obj" ] || { [ -n "$newest_h" ] && [ "$newest_h" -nt "$obj" ]; }; then
    echo "  CC(fuzz) $src"
    $CC $CFLAGS -fsanitize=fuzzer-no-link ${FUZZ_CPPFLAGS:-} -c "$path" -o "$obj" &
    pids="$pids $!"
  fi
done
bad=0
for p in $pids; do wait "$p" || bad=1; done
[ $bad -eq 0 ] || { echo "fuzz: library build failed" >&2; exit 1; }

build() { # NAME SOURCE EXTRA-CFLAGS [FILE...]: also rebuilt when a FILE (a source it includes) is newer
  bin=fuzz/bin/fuzz_$1
  src=$srcdir/fuzz/$2
  flags=$3
  shift 3
  need=0
  [ -f "$bin" ] || need=1
  [ "$need" = 1 ] || [ "$src" -nt "$bin" ] && need=1
  for o in $objs "$@"; do [ "$o" -nt "$bin" ] && need=1 && break; done
  [ $need = 1 ] || return 0
  echo "  CCLD(fuzz) $bin"
  # shellcheck disable=SC2086
  $CC $CFLAGS -fsanitize=fuzzer $flags ${FUZZ_CPPFLAGS:-} "$src" $objs ${FUZZ_LIBS:-} -lm -o "$bin"
}

for t in $TARGETS; do
  case $t in
  tokenize) build tokenize fuzz_tokenize.c "" ;;
  lemma) build lemma fuzz_lemma.c "" ;;
  json) build json fuzz_json.c "" ;;
  stream) build stream fuzz_stream.c "" "$srcdir/cli/stream.c" "$srcdir/cli/cli.h" ;;
  lexicon_tsv) build lexicon_tsv fuzz_lexicon.c -DFUZZ_LEXFMT=PADAN_LEXFMT_TSV ;;
  lexicon_csv) build lexicon_csv fuzz_lexicon.c -DFUZZ_LEXFMT=PADAN_LEXFMT_CSV ;;
  lexicon_tbx) build lexicon_tbx fuzz_lexicon.c -DFUZZ_LEXFMT=PADAN_LEXFMT_TBX ;;
  dictd) build dictd fuzz_dictd.c "" ;;
  terms) build terms fuzz_terms.c "" ;;
  terms_merge) build terms_merge fuzz_terms_merge.c "" ;;
  ispell) build ispell fuzz_ispell.c "" ;;
  *) echo "fuzz: unknown target '$t' (known: $ALL)" >&2; exit 1 ;;
  esac || { echo "fuzz: building $t failed" >&2; exit 1; }
done
[ -z "${FUZZ_BUILD_ONLY:-}" ] || exit 0

fx=$srcdir/tests/fixtures
seeds() { # TARGET CORPUS: copies seed files (small ones only) into CORPUS
  case $1 in
  tokenize) # the first byte picks the encoding: \000 = auto
    for f in "$fx"/text/* "$fx"/spell/*.txt "$fx"/terms/*.txt "$fx"/check/*.txt "$fx"/align/*.txt; do
      [ -f "$f" ] || continue
      { printf '\000'; head -c 16384 "$f"; } > "$2/$(basename "$f").seed"
    done ;;
  stream) # byte 1 picks the encoding, byte 2 the long-line cut
    for f in "$fx"/text/* "$fx"/spell/*.txt; do
      [ -f "$f" ] || continue
      for e in 0 1 3 4; do
        { printf "\\00$e\\000"; head -c 2048 "$f"; } > "$2/$(basename "$f").$e.seed"
      done
    done
    for f in "$fx"/text/utf16le.txt; do
      [ -f "$f" ] && { printf '\000\001'; head -c 2048 "$f"; } > "$2/u16.seed"
    done ;;
  json) # the first byte picks the output buffer size
    for f in "$fx"/text/* "$fx"/spell/*.txt; do
      [ -f "$f" ] || continue
      { printf '\000'; head -c 4096 "$f"; } > "$2/$(basename "$f").seed"
    done ;;
  lemma) head -n 400 "$fx"/terms/seeds_gold.txt 2>/dev/null | awk -v d="$2" 'NF { print > (d "/l" NR) }' ;;
  lexicon_tsv) cp "$fx"/lexicon/*.tsv "$fx"/check/lex*.tsv "$fx"/glossary/lexicon.tsv "$2"/ 2>/dev/null ;;
  lexicon_tbx) cp "$fx"/lexicon/*.tbx "$2"/ 2>/dev/null ;;
  terms) cp "$fx"/terms/small.txt "$fx"/check/id.txt "$2"/ 2>/dev/null ;;
  ispell) # two header bytes: feed cut (0 = at once), piece size (0 = default)
    for f in "$fx"/spell/pipe.txt "$fx"/spell/sample.txt; do
      { printf '\000\000'; head -c 8192 "$f"; } > "$2/$(basename "$f").seed"
    done ;;
  esac
  [ -d "$srcdir/fuzz/seeds/$1" ] && cp "$srcdir/fuzz/seeds/$1"/* "$2"/ 2>/dev/null
  # exported forms of the lexicon fixtures when the command is built
  if [ -x "${PADAN:-}" ]; then
    case $1 in
    lexicon_csv) for f in "$fx"/lexicon/small.tsv "$fx"/check/lex.tsv; do
        "$PADAN" lexicon export --no-default-lexicon --format=csv "$f" > "$2/$(basename "$f").csv" 2>/dev/null
      done ;;
    lexicon_tbx) "$PADAN" lexicon export --no-default-lexicon --format=tbx2 "$fx"/lexicon/small.tsv > "$2/small2.tbx" 2>/dev/null ;;
    terms_merge) "$PADAN" terms --counts "$fx"/terms/small.txt > "$2/small.counts" 2>/dev/null ;;
    esac
  fi
  find "$2" -type f -size 0 -delete
  return 0
}

status=0
summary=""
for t in $TARGETS; do
  corpus=$(mktemp -d "${TMPDIR:-/tmp}/padan-fuzz-$t.XXXXXX") || exit 1
  seeds "$t" "$corpus"
  log=fuzz/logs/$t.log
  echo "fuzz: $t for ${SECONDS_EACH}s ($(ls "$corpus" | wc -l) seeds)"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  ./fuzz/bin/fuzz_$t -max_total_time="$SECONDS_EACH" -timeout=25 -rss_limit_mb=2560 \
    -print_final_stats=1 -artifact_prefix="fuzz/crashes/$t-" ${FUZZ_ARGS:-} "$corpus" > "$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  if [ $rc -ne 0 ]; then
    status=1
    summary="$summary
  $t: CRASH after ${runs:-?} runs ($cov); see $log and fuzz/crashes/$t-*"
  else
    summary="$summary
  $t: ${runs:-?} runs, $cov, no crash"
  fi
  rm -rf "$corpus"
done
echo "fuzz summary:$summary"
exit $status
