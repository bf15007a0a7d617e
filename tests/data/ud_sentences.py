#!/usr/bin/env python3
"""Sentence-boundary check: joins the '# text' sentences of a CoNLL-U file into paragraphs of
N sentences (one a line, separated by a space) and scores the sentence starts that
`padan tokenize --format=json` finds against the gold ones.
  ud_sentences.py para GOLD.conllu N > paras.txt
  ud_sentences.py score GOLD.conllu N PRED.json [MIN_F1]"""
import json, sys

def texts(path):
    for ln in open(path, encoding="utf-8"):
        if ln.startswith("# text = "):
            yield ln[len("# text = "):].rstrip("\n").strip()

def paragraphs(path, n):
    t = list(texts(path))
    return [t[i:i + n] for i in range(0, len(t), n)]

mode, gold, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
paras = paragraphs(gold, n)
if mode == "para":
    for p in paras:
        print(" ".join(p))
    sys.exit(0)
g = set()
off = 0
for p in paras:
    pos = off
    for s in p:
        g.add(pos)
        pos += len(s.encode("utf-8")) + 1
    off = pos
pred = set()
for doc in json.load(open(sys.argv[4], encoding="utf-8")):
    for s in doc["sentences"]:
        pred.add(s["start"])
tp = len(g & pred); P = tp / len(pred) if pred else 0; R = tp / len(g) if g else 0
F = 2 * P * R / (P + R) if P + R else 0
print(f"sentences P={P:.4f} R={R:.4f} F1={F:.4f} (gold {len(g)}, predicted {len(pred)})")
sys.exit(0 if F >= (float(sys.argv[5]) if len(sys.argv) > 5 else 0) else 1)
