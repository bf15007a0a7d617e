#!/bin/sh
# padan terms on the five seed articles: the top 60 holds >= 85% of the core
# terms (tests/fixtures/terms/seeds_gold.txt) and >= 70% of the top 30 are
# glossary terms (seeds_glossary.txt). Skips without ../shared.
. "$(dirname "$0")/../cli/lib.sh"
SEEDS="${SHARED:-}/corpus/seeds"
[ -d "$SEEDS" ] || { echo "no $SEEDS: skipped"; exit 77; }
command -v python3 > /dev/null || { echo "no python3: skipped"; exit 77; }

score() {
python3 - "$1" "$FIX/terms/seeds_gold.txt" "$FIX/terms/seeds_glossary.txt" > "$TMP/score" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")]
def words(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
gold, gloss = words(sys.argv[2]), set(w.lower() for w in words(sys.argv[3]))
forms = lambda r: set([r[0].lower()] + [v.lower() for v in r[4].split("|")])
top60 = set().union(*[forms(r) for r in rows[:60]]) if rows else set()
found = [g for g in gold if g.lower() in top60]
missing = [g for g in gold if g.lower() not in top60]
good = [r[0] for r in rows[:30] if forms(r) & gloss]
bad = [r[0] for r in rows[:30] if not forms(r) & gloss]
print("recall %d/%d %.1f%%" % (len(found), len(gold), 100.0 * len(found) / len(gold)))
print("missing: " + ", ".join(missing))
print("precision %d/%d %.1f%%" % (len(good), min(30, len(rows)), 100.0 * len(good) / 30))
print("not glossary: " + ", ".join(bad))
print("PASS" if len(found) * 100 >= 85 * len(gold) and len(good) * 100 >= 70 * 30 else "FAIL")
PY
}
run terms "$SEEDS"/*.txt
expect_rc 0 "terms on the seeds"
cp "$TMP/out" "$TMP/seeds.tsv"
score "$TMP/seeds.tsv"
cat "$TMP/score"
if tail -n 1 "$TMP/score" | grep -q PASS; then ok; else fail "seeds recall/precision below target"; fi

# the same targets with a general-news reference for specificity
REF="$top_srcdir/dicts/wordfreq-id.tsv"
if [ -f "$REF" ]; then
  run terms --reference="$REF" "$SEEDS"/*.txt
  expect_rc 0 "terms on the seeds with a reference"
  cp "$TMP/out" "$TMP/seeds_ref.tsv"
  score "$TMP/seeds_ref.tsv"
  sed 's/^/with reference: /' "$TMP/score"
  if tail -n 1 "$TMP/score" | grep -q PASS; then ok; else fail "seeds with reference below target"; fi
fi
done_tests
