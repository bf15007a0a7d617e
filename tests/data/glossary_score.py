#!/usr/bin/env python3
"""Scores a padan glossary TSV against a gold list (id_term TAB english|english...).

Usage: glossary_score.py GOLD GLOSSARY.tsv [--min=PERCENT] [--verbose]
A gold term counts as right when a glossary row with the same Indonesian term
(case-insensitive; -nya and reduplication ignored) has one of the acceptable
English renderings as its en_term (case-insensitive). Prints the score and the
rows per match kind; exits 1 below --min."""
import sys, re

def key(s):
    s = s.strip().lower()
    words = []
    for w in s.split():
        m = re.fullmatch(r"(\w+)-\1", w)
        if m:
            w = m.group(1)
        if w.endswith("nya") and len(w) > 6:
            w = w[:-3]
        words.append(w)
    return " ".join(words)

args = [a for a in sys.argv[1:] if not a.startswith("--")]
opts = dict(a[2:].split("=", 1) if "=" in a else (a[2:], "1") for a in sys.argv[1:] if a.startswith("--"))
gold_path, tsv_path = args
gold = []
for line in open(gold_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    idt, en = line.rstrip("\n").split("\t")[:2]
    gold.append((idt, [e.strip().lower() for e in en.split("|")]))
rows = {}
counts = {}
header = None
for line in open(tsv_path, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if line.startswith("#"):
        header = f
        continue
    counts[f[2]] = counts.get(f[2], 0) + 1
    rows.setdefault(key(f[0]), []).append(f)
right = 0
for idt, ens in gold:
    rs = rows.get(key(idt), [])
    ok = any(r[1].strip().lower() in ens for r in rs)
    right += ok
    if "verbose" in opts:
        got = "; ".join("%s (%s)" % (r[1], r[2]) for r in rs) or "-- no row --"
        print("%s %s => %s" % ("ok  " if ok else "MISS", idt, got))
pct = 100.0 * right / len(gold)
total = sum(counts.values())
print("gold: %d/%d right (%.1f%%); rows: %d; per match: %s" % (
    right, len(gold), pct, total,
    ", ".join("%s %d" % (k, counts.get(k, 0)) for k in
              ("lexicon", "lemma", "fuzzy", "compositional", "learned", "none"))))
sys.exit(0 if pct >= float(opts.get("min", 0)) else 1)
