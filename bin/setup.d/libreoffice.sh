#!/usr/bin/env bash
# Headless LibreOffice Calc (Debian package "libreoffice-calc-nogui") for SpreadsheetImportTest, which opens the
# report drops as a spreadsheet user would, and for bench/report-screenshots.sh. Idempotent: does nothing when
# soffice or libreoffice is already on the PATH.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# -nogui: Calc without the X11/GTK front end, enough for --headless --convert-to.
# --no-install-recommends keeps out Java, the help and the other office programs; fonts-liberation and
# fonts-dejavu-core give the PNG renders (and the accents in them) real glyphs instead of empty boxes.
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui fonts-liberation fonts-dejavu-core >/dev/null
command -v soffice >/dev/null
