#!/bin/sh
# Regenerate the build system. AM_ICONV makes automake demand config.rpath, which
# autopoint would copy; copy it from the gettext installation instead.
set -e
cd "$(dirname "$0")"
mkdir -p build-aux m4
if [ ! -f build-aux/config.rpath ]; then
  for d in /usr/share/gettext /usr/local/share/gettext; do
    if [ -f "$d/config.rpath" ]; then cp "$d/config.rpath" build-aux/; break; fi
  done
fi
[ -f build-aux/config.rpath ] || { echo "autogen.sh: config.rpath not found (install gettext)" >&2; exit 1; }
autoreconf -fi
