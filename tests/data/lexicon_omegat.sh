#!/bin/sh
# padan's TBX v2, OmegaT TSV and header-less CSV exports read by OmegaT's own
# glossary readers (Debian package omegat, /usr/share/omegat/OmegaT.jar).
# Skipped (77) without OmegaT or a JDK.
set -u
: "${PADAN:?}"
JAR=/usr/share/omegat/OmegaT.jar
[ -f "$JAR" ] || { echo "no $JAR: skip"; exit 77; }
command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { echo "no JDK: skip"; exit 77; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/padan-omegat.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
SRC="$top_srcdir/tests/fixtures/lexicon/small.tsv"
$PADAN lexicon export --format=tbx2 -o "$TMP/g.tbx" "$SRC" || exit 1
$PADAN lexicon export --format=omegat -o "$TMP/g.txt" "$SRC" || exit 1
$PADAN lexicon export --format=csv --no-header -o "$TMP/g.csv" "$SRC" || exit 1
$PADAN lexicon export --format=csv -o "$TMP/h.csv" "$SRC" || exit 1
javac -nowarn -cp "$JAR" -d "$TMP" "$top_srcdir/tests/java/OmegatGlossaryCheck.java" 2> "$TMP/javac.err" || {
  echo "cannot compile against $JAR:"; cat "$TMP/javac.err"; exit 1; }
java -Djava.awt.headless=true -Duser.home="$TMP" -cp "$JAR:$TMP" OmegatGlossaryCheck \
  "$TMP/g.tbx" "$TMP/g.txt" "$TMP/g.csv" "$TMP/h.csv" 2> "$TMP/java.err"
rc=$?
[ $rc -eq 0 ] || tail -20 "$TMP/java.err"
exit $rc
