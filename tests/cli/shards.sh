#!/bin/sh
# Shards: `padan terms --counts` on parts of a corpus run by GNU parallel, the
# outputs merged from one stream (`... | padan terms --merge -`), give byte for
# byte the output of one `padan terms` run over the whole corpus: per-file
# batches (-n) and --pipe splitting of one standard-input stream with
# --docs=line and --docs=blank. Skipped (77) without /usr/bin/parallel.
. "$(dirname "$0")/lib.sh"
PARALLEL=/usr/bin/parallel
if [ ! -x "$PARALLEL" ]; then echo "GNU parallel not found: skipped"; exit 77; fi
# parallel keeps its state (citation notice, temporary files) here, not in $HOME
export PARALLEL_HOME="$TMP/parallel"
mkdir -p "$PARALLEL_HOME"
par() { "$PARALLEL" --will-cite -k "$@"; }

# the corpus: the project's sample articles and Indonesian fixtures, one document each
S="$top_srcdir/samples"
set -- "$S"/01-asean-pertahanan.txt "$S"/02-perjanjian-perdagangan.txt "$S"/03-dewan-keamanan.txt \
  "$FIX"/terms/small.txt "$FIX"/glossary/article.txt "$FIX"/check/id.txt "$FIX"/check/var-a.txt \
  "$FIX"/check/var-b.txt "$FIX"/check/var-noise.txt "$FIX"/check/var-order.txt \
  "$FIX"/align/id.txt "$FIX"/regress/terms_seven_words.txt
for f in "$@"; do [ -r "$f" ] || { echo "missing corpus file $f"; exit 99; }; done
nfiles=$#

# ---- one run over everything: the reference
run terms "$@"
expect_rc 0 "one run"
expect_out_re "^perjanjian pertahanan bersama	[0-9.]+	[0-9]+	[0-9]+	" "one run ranks a known term"
cp "$TMP/out" "$TMP/whole.tsv"

# ---- per-file batches of 3 through parallel, merged from standard input
par -n 3 "$PADAN" terms --counts ::: "$@" > "$TMP/batches.counts" 2> "$TMP/err"
n=$(grep -c '^#padan-terms-counts' "$TMP/batches.counts")
if [ "$n" -eq $(((nfiles + 2) / 3)) ]; then ok; else fail "parallel -n 3: $n counts outputs"; fi
run_in "$TMP/batches.counts" terms --merge -
expect_rc 0 "merge batches from stdin"
expect_empty_err "merge batches from stdin"
if cmp -s "$TMP/out" "$TMP/whole.tsv"; then ok; else
  fail "parallel -n 3 + --merge - differs from one run"; diff "$TMP/whole.tsv" "$TMP/out" | head; fi
# the same shards as files, and one file per batch with -o
par -n 3 "$PADAN" terms --counts -o "$TMP/batch{#}.counts" ::: "$@"
run terms --merge $(ls "$TMP"/batch*.counts | sort -V)
if cmp -s "$TMP/out" "$TMP/whole.tsv"; then ok; else fail "merging batch files differs from one run"; fi
# two files per batch: a different split, the same result
par -n 2 "$PADAN" terms --counts ::: "$@" > "$TMP/b2.counts"
run_in "$TMP/b2.counts" terms --merge -
if cmp -s "$TMP/out" "$TMP/whole.tsv"; then ok; else fail "parallel -n 2 + merge differs from one run"; fi
# a counts file followed by a concatenation: documents keep adding up
head -n "$(grep -n '^#padan-terms-counts' "$TMP/b2.counts" | sed -n 2p | cut -d: -f1)" "$TMP/b2.counts" \
  | sed '$d' > "$TMP/first.counts"
tail -n "+$(grep -n '^#padan-terms-counts' "$TMP/b2.counts" | sed -n 2p | cut -d: -f1)" "$TMP/b2.counts" \
  > "$TMP/rest.counts"
run_in "$TMP/rest.counts" terms --merge "$TMP/first.counts" -
if cmp -s "$TMP/out" "$TMP/whole.tsv"; then ok; else fail "FILE then - merge differs from one run"; fi

# ---- one stream, one article a line, split by parallel --pipe (--docs=line)
for f in "$@"; do tr '\n' ' ' < "$f"; echo; done > "$TMP/lines.txt"
run terms --docs=line "$TMP/lines.txt"
expect_rc 0 "--docs=line"
cp "$TMP/out" "$TMP/whole_lines.tsv"
run terms --docs=line --counts "$TMP/lines.txt"
expect_out_re "^D	$nfiles	" "--docs=line: one document per article"
par --pipe --block 2k "$PADAN" terms --counts --docs=line < "$TMP/lines.txt" > "$TMP/pipe.counts"
n=$(grep -c '^#padan-terms-counts' "$TMP/pipe.counts")
if [ "$n" -ge 4 ]; then ok; else fail "--pipe --block 2k: only $n shards"; fi
run_in "$TMP/pipe.counts" terms --merge -
expect_rc 0 "merge --pipe shards"
if cmp -s "$TMP/out" "$TMP/whole_lines.tsv"; then ok; else
  fail "parallel --pipe --docs=line + --merge - differs from one run"; diff "$TMP/whole_lines.tsv" "$TMP/out" | head; fi
# the stream from standard input in one run is the same too
run_in "$TMP/lines.txt" terms --docs=line -
if cmp -s "$TMP/out" "$TMP/whole_lines.tsv"; then ok; else fail "--docs=line from stdin differs"; fi

# ---- one stream of paragraphs separated by blank lines (--docs=blank, --recend)
for f in "$@"; do cat "$f"; printf '\n\n'; done > "$TMP/paras.txt"
run terms --docs=blank "$TMP/paras.txt"
expect_rc 0 "--docs=blank"
cp "$TMP/out" "$TMP/whole_paras.tsv"
ndocs=$(awk 'BEGIN { RS = ""; n = 0 } { n++ } END { print n }' "$TMP/paras.txt")
run terms --docs=blank --counts "$TMP/paras.txt"
expect_out_re "^D	$ndocs	" "--docs=blank: one document per paragraph ($ndocs)"
par --pipe --block 2k --recend '\n\n' "$PADAN" terms --counts --docs=blank < "$TMP/paras.txt" \
  > "$TMP/paras.counts"
n=$(grep -c '^#padan-terms-counts' "$TMP/paras.counts")
if [ "$n" -ge 4 ]; then ok; else fail "--pipe --recend: only $n shards"; fi
run_in "$TMP/paras.counts" terms --merge -
if cmp -s "$TMP/out" "$TMP/whole_paras.tsv"; then ok; else
  fail "parallel --pipe --docs=blank + --merge - differs from one run"; diff "$TMP/whole_paras.tsv" "$TMP/out" | head; fi

# ---- errors in a merged stream name the stream and the line within it
total=$(wc -l < "$TMP/pipe.counts")
second=$(grep -n '^#padan-terms-counts' "$TMP/pipe.counts" | sed -n 2p | cut -d: -f1)
sed "$((second + 2))s/^W	[0-9]*/W	x/" "$TMP/pipe.counts" > "$TMP/bad.counts"
run_in "$TMP/bad.counts" terms --merge -
expect_rc 2 "bad record in a concatenation"
expect_err "(standard input):$((second + 2)): malformed W record" "stdin and the line named"
run terms --merge "$TMP/bad.counts"
expect_err "bad.counts:$((second + 2)):" "file and line named"
printf 'kerja sama\n' | "$PADAN" terms --merge - > "$TMP/out" 2> "$TMP/err" && rc=0 || rc=$?
expect_rc 2 "text on stdin is not counts"
expect_err "(standard input):1: not a padan terms counts file" "not counts"
sed "${second}s/	2$/	9/" "$TMP/pipe.counts" > "$TMP/v9.counts"
run terms --merge "$TMP/v9.counts"
expect_rc 2 "unknown counts version"
expect_err "v9.counts:$second: unsupported counts file version" "unknown version named"
[ "$total" -gt "$second" ] && ok || fail "counts stream too short"
run terms --docs=page "$TMP/lines.txt"
expect_rc 2 "bad --docs"
expect_err "--docs must be file, line or blank" "bad --docs named"

done_tests
