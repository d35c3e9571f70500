#!/usr/bin/env bash
# Installs the system libraries Qt needs on a bare Debian/Ubuntu machine (see SETUP.md), only those missing.
# As root it installs them; otherwise it prints the one apt-get line the user needs and exits 0,
# so that `make run` and `make test` still go on where the libraries are already there by other means.
set -u
libs="libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3"
# The xcb platform (a real window under X or Xvfb) needs these as well.
xcb="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-image0"
# Tools the tests use to look at output (pdftotext; LibreOffice opens exported XLSX) and a virtual screen.
tools="poppler-utils xvfb xauth libreoffice-calc-nogui"
wanted="$libs $xcb ${EXTRA_PACKAGES:-}"
[ "${WITH_TOOLS:-0}" = 1 ] && wanted="$wanted $tools"
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing we can check
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing Qt system libraries:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "apt-get could not install:$missing" >&2; exit 1; }
else
  echo "Qt needs system libraries that are missing. Install them with:"
  echo "  sudo apt-get install -y --no-install-recommends$missing"
fi
