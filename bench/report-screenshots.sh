#!/usr/bin/env bash
# Regenerates the pictures of docs/reports.md ("In a spreadsheet"): a real bridge writes one drop of the hostile
# test snapshot (ReportScreenshots), then headless LibreOffice Calc renders, as a user with the es-AR locale sees them:
#   report-excel-ar-csv.png   the excel-ar CSV, imported as the Text Import dialog proposes it (BOM: UTF-8; ; ; es-AR)
#   report-rfc4180-csv.png    the rfc4180 CSV, as the same dialog proposes it without a BOM on a Spanish Windows
#                             (comma, Western Europe Windows-1252, es-AR)
#   report-xlsx.png           the XLSX, opened as it is
# Each is the top-products report: codes, product and provider names, money.
#
# Needs: soffice (bin/setup.d/libreoffice.sh) and pdftoppm (Debian package poppler-utils). Calc renders each sheet
# as one PDF page of its used area (PDF export option SinglePageSheets), which pdftoppm turns into a PNG:
# Calc's own PNG export needs the Draw package and prints a whole A4 page.
# Usage: bench/report-screenshots.sh   (writes docs/images/report-*.png; work files in target/report-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$tool missing: bin/setup.d/libreoffice.sh; apt-get install poppler-utils" >&2; exit 1; }
done

out=target/report-screenshots
rm -rf "$out"
mkdir -p "$out/tmp" "$out/lo-profile/user" docs/images

mvn -q -B -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
    -Dexec.classpathScope=test \
    -Dexec.args="-Dcamel.main.profile=test -Djava.io.tmpdir=$out/tmp -cp %classpath org.depositobridge.report.ReportScreenshots $out" \
    >"$out/bridge.log" 2>&1 || { tail -40 "$out/bridge.log" >&2; exit 1; }

# A LibreOffice profile of its own, in the es-AR locale (decimal comma, dd/mm/yyyy), as an Argentine user's.
cat > "$out/lo-profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>es-AR</value></prop></item>
</oor:items>
EOF

# render <input file> <picture name> [CSV import filter options]
render() {
    local input=$1 name=$2 infilter=${3:-}
    local pdfdir="$out/pdf/$name"
    mkdir -p "$pdfdir"
    TMPDIR="$PWD/$out/tmp" timeout 120 soffice --headless --norestore --nolockcheck \
        "-env:UserInstallation=file://$PWD/$out/lo-profile" ${infilter:+"--infilter=$infilter"} \
        --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
        --outdir "$pdfdir" "$input" >/dev/null 2>&1
    pdftoppm -png -r 110 -singlefile "$pdfdir"/*.pdf "docs/images/$name"
    echo "docs/images/$name.png $(stat -c %s "docs/images/$name.png") bytes"
}

# CSV filter tokens: separator, text delimiter, character set (76 UTF-8, 1 Windows-1252), first line,
# column formats (none), language (11274 = Spanish (Argentina)), quoted field as text, detect special numbers.
render "$(ls "$out"/reports/top-products-*.csv)" report-excel-ar-csv "CSV:59,34,76,1,,11274,false,true"
render "$out/rfc4180/top-products.csv" report-rfc4180-csv "CSV:44,34,1,1,,11274,false,true"
render "$(ls "$out"/reports/top-products-*.xlsx)" report-xlsx
