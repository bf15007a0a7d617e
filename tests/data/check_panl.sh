#!/bin/sh
# padan check on line-aligned news (PANL-BPPT international, part a) against a
# 20-concept lexicon: approved renderings are replaced by wrong ones in some
# English lines (deterministically), and the findings per (line, concept) are
# scored against an independent gold: every line where a lexicon term appears
# in the Indonesian and no approved English form in the English (the original
# translation's own mismatches included). Target: F1 >= 0.90, every injected
# error found.
set -u
: "${PADAN:?PADAN not set (run through make check)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
D="${SHARED:-}/data/panl_bppt_en_id"
[ -n "${SHARED:-}" ] && [ -f "$D/PANL-BPPT-INT-ID-part-a.txt" ] || { echo "no \$SHARED data: skip"; exit 77; }
command -v python3 >/dev/null || exit 77
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 - "$PADAN" "$D" "$top_srcdir/tests/fixtures/check/lex20.tsv" "$TMP" "${PADAN_WRAP:-}" <<'PY'
import re, subprocess, sys
padan, D, lexf, tmp, wrap = sys.argv[1:6]
idp, enp = D + '/PANL-BPPT-INT-ID-part-a.txt', D + '/PANL-BPPT-INT-EN-part-a.txt'
ids, ens = {}, {}
for l in open(lexf, encoding='utf-8'):
    if l.startswith('#') or not l.strip():
        continue
    c, lang, term, status = l.rstrip('\n').split('\t')[:4]
    if lang == 'id':
        ids.setdefault(c, []).append(term)
    elif status != 'deprecated':
        ens.setdefault(c, []).append(term)

def read_lines(p):
    with open(p, 'rb') as f:
        return f.read().decode('utf-8', 'replace').replace('\r\n', '\n').split('\n')[:-1]
idl, enl = read_lines(idp), read_lines(enp)

# Indonesian: whole words, case-insensitive, optional enclitic
def id_re(t):
    parts = [re.escape(w) for w in re.split(r'[ -]', t)]
    body = r'[ -]?'.join(parts) if len(parts) > 1 else parts[0]
    red = ''
    return re.compile(r'(?<![\w-])' + body + r'(?:nya|lah|kah|pun)?(?![\w-])', re.I)
idres = {c: [id_re(t) for t in ts] for c, ts in ids.items()}

# English: words of letters/digits, case-folded, -s/-es/-ies removed
def norm(w):
    cap = w[:1].isupper()
    w = w.lower()
    if len(w) > 4 and w.endswith('men'): return w[:-3] + 'man'
    if len(w) > 4 and w.endswith('ies'): return w[:-3] + 'y'
    if len(w) > 4 and w.endswith('sses'): return w[:-2]
    if len(w) > 4 and w.endswith(('xes', 'ches', 'shes', 'zes')): return w[:-2]
    if len(w) > 3 and w.endswith('s') and not w.endswith(('ss', 'us')) and (cap or not w.endswith('is')):
        return w[:-1]
    return w
def words(s):
    s = re.sub(r"(\w)'s\b", r'\1', s)
    return [norm(w) for w in re.findall(r"[^\W_]+(?:'[^\W_]+)*", s)]
enseq = {c: [words(t) for t in ts] for c, ts in ens.items()}
def has_seq(ws, seq):
    n = len(seq)
    return any(ws[i:i + n] == seq for i in range(len(ws) - n + 1))
def gold_of(idlines, enlines):
    g = set()
    for i, (a, b) in enumerate(zip(idlines, enlines)):
        ws = None
        for c, rs in idres.items():
            if any(r.search(a) for r in rs):
                ws = ws if ws is not None else words(b)
                if not any(has_seq(ws, s) for s in enseq[c]):
                    g.add((i + 1, c))
    return g

# Inject: every 6th (line, concept) pair that is translated correctly gets its
# approved renderings replaced by a wrong word.
wrong = {'c01': 'cabinet', 'c02': 'leader', 'c03': 'Washington', 'c04': 'world body',
         'c05': 'chief minister', 'c06': 'top diplomat', 'c07': 'units', 'c08': 'bombing',
         'c09': 'officers', 'c10': 'generals', 'c11': 'Baghdad', 'c12': 'Gaza',
         'c13': 'Pyongyang', 'c14': 'aide', 'c15': 'meeting', 'c16': 'pause',
         'c17': 'fighters', 'c18': 'Tel Aviv', 'c19': 'Tehran', 'c20': 'city'}
base_gold = gold_of(idl, enl)
pairs = []
for i, a in enumerate(idl):
    for c in sorted(idres):
        if any(r.search(a) for r in idres[c]) and (i + 1, c) not in base_gold:
            pairs.append((i + 1, c))
inject, used = [], set()
for k, (ln, c) in enumerate(pairs):
    if k % 6 == 0 and ln not in used:
        inject.append((ln, c)); used.add(ln)
mod = list(enl)
for ln, c in inject:
    s = mod[ln - 1]
    for t in sorted(ens[c], key=len, reverse=True):
        pat = r'(?<![\w-])' + re.escape(t).replace(r'\ ', r'\s+') + r"(?:e?s)?(?![\w-])"
        s = re.sub(pat, wrong[c], s, flags=re.I)
    mod[ln - 1] = s
with open(tmp + '/en.txt', 'w', encoding='utf-8', newline='\r\n') as f:
    f.write('\n'.join(mod) + '\n')
gold = gold_of(idl, mod)
injected = {p for p in inject if p in gold}

cmd = (wrap.split() if wrap else []) + [padan, 'check', '--lines', '--no-default-lexicon',
       '--lexicon=' + lexf, '--format=tsv', idp, tmp + '/en.txt']
r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
if r.returncode != 1:
    print('FAIL: exit', r.returncode, r.stderr.decode()[:500]); sys.exit(1)
found = set()
lines = r.stdout.decode('utf-8').split('\n')
if not lines[0].startswith('#kind\tid_term\texpected\tfound\tid_line\ten_line'):
    print('FAIL: header', lines[0]); sys.exit(1)
for l in lines[1:]:
    f = l.split('\t')
    if len(f) >= 7 and f[0] in ('missing', 'deprecated'):
        for ln in f[4].split(','):
            found.add((int(ln), f[6]))
tp = len(found & gold)
p = tp / len(found) if found else 0.0
rec = tp / len(gold) if gold else 0.0
f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
print('gold %d (injected %d of %d), found %d, tp %d: P %.3f R %.3f F1 %.3f'
      % (len(gold), len(injected), len(inject), len(found), tp, p, rec, f1))
missed_inj = sorted(injected - found)
for x in sorted(gold - found)[:8]: print('  missed', x, idl[x[0]-1][:90])
for x in sorted(found - gold)[:8]: print('  extra ', x, idl[x[0]-1][:90])
ok = f1 >= 0.90 and not missed_inj and len(injected) >= 100
if missed_inj: print('FAIL: injected errors not found:', missed_inj[:10])
if f1 < 0.90: print('FAIL: F1 below 0.90')
sys.exit(0 if ok else 1)
PY
