#!/usr/bin/env python3
"""Writes a copy of a padan TSV lexicon without the concepts that have a
multiword Indonesian term occurring in the given texts (the seed-specific
phrases), to measure what compositional translation does without them.

Usage: glossary_reduce.py LEXICON.tsv OUT.tsv TEXT..."""
import sys, re

lex, out, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
corpus = " ".join(open(t, encoding="utf-8", errors="replace").read() for t in texts)
corpus = re.sub(r"\s+", " ", corpus).lower()
drop = set()
rows = [l.rstrip("\n").split("\t") for l in open(lex, encoding="utf-8")]
for f in rows:
    if len(f) >= 3 and not f[0].startswith("#") and f[1] == "id" and " " in f[2].strip():
        if re.search(r"(?<!\w)" + re.escape(f[2].lower()) + r"(?!\w)", corpus):
            drop.add(f[0])
kept = 0
with open(out, "w", encoding="utf-8") as fp:
    for f in rows:
        if f and not f[0].startswith("#") and f[0] in drop:
            continue
        kept += 1
        fp.write("\t".join(f) + "\n")
print("dropped %d concepts with seed phrases" % len(drop), file=sys.stderr)
