#!/bin/sh
# The HTML glossary in headless Chromium: the page renders (a non-blank
# screenshot) and its inline script sorts the table (#sort=freq puts the least
# frequent terms first; #sort=id_term puts them in alphabetical order).
# Skipped without chromium.
set -u
: "${PADAN:?}"
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROME" ] || { echo "no chromium: skip"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "no python3: skip"; exit 77; }
FIX="$top_srcdir/tests/fixtures/glossary"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-ghtml.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
$PADAN glossary --no-default-lexicon --lexicon="$FIX/lexicon.tsv" --format=html -o "$TMP/g.html" \
  "$FIX/article.txt" || { echo "FAIL: glossary html"; exit 1; }
chrome() {
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$TMP/profile" "$@" \
    2>>"$TMP/chrome.err"
}
# the DOM after the script ran: the order of the first column
order() {
  python3 -c '
import sys, re, html
d = sys.stdin.read()
body = d[d.find("<tbody>"):]
print("\n".join(html.unescape(m) for m in re.findall(r"<td class=\"id\">(.*?)</td>", body)))'
}
# unsorted, the page lists by score; ascending frequency proves the script ran
grep -q 'aria-sort="' "$TMP/g.html" && { echo "FAIL: sorted before the script ran"; fail=1; }
chrome --dump-dom "file://$TMP/g.html#sort=freq" > "$TMP/freq.html"
first=$(order < "$TMP/freq.html" | sed -n 1p)
grep -q 'aria-sort="ascending"' "$TMP/freq.html" || { echo "FAIL: no column sorted"; fail=1; }
# the most frequent term of the fixture is the treaty (or another with its count)
python3 - "$TMP/freq.html" <<'PY' || fail=1
import re, sys
d = open(sys.argv[1]).read()
body = d[d.find("<tbody>"):]
freqs = [int(x) for x in re.findall(r'<td class="n">(\d+)</td>', body)]
if len(freqs) < 5 or freqs != sorted(freqs) or freqs[0] == freqs[-1]:
    print("FAIL: frequencies not ascending after #sort=freq:", freqs); sys.exit(1)
print("sorted by frequency:", freqs)
PY
chrome --dump-dom "file://$TMP/g.html#sort=id_term" > "$TMP/alpha.html"
order < "$TMP/alpha.html" > "$TMP/alpha.txt"
python3 - "$TMP/alpha.txt" <<'PY' || fail=1
import sys
names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
if len(names) < 5 or names != sorted(names, key=str.lower):
    print("FAIL: not in alphabetical order after #sort=id_term:", names); sys.exit(1)
print("sorted by term:", names[:3], "...")
PY
# the rendered page is not blank: many distinct colours in the screenshot
chrome --screenshot="$TMP/g.png" --window-size=1280,900 "file://$TMP/g.html" >/dev/null
python3 - "$TMP/g.png" <<'PY' || fail=1
import sys, zlib, struct
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, t = struct.unpack(">I4s", data[pos:pos + 8])
    c = data[pos + 8:pos + 8 + n]
    if t == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", c[:10])
    elif t == b"IDAT":
        idat += c
    pos += 12 + n
raw = zlib.decompress(idat)
colours = set(raw[i:i + 3] for i in range(0, min(len(raw), 4_000_000), 97))
print("screenshot %dx%d, %d sampled colours" % (w, h, len(colours)))
if w < 1000 or len(colours) < 20:
    print("FAIL: the screenshot looks blank"); sys.exit(1)
PY
[ "$first" != "" ] || { echo "FAIL: empty table"; fail=1; }
exit $fail
