package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.depositobridge.dataset.DatasetRows.Provider;
import org.depositobridge.dataset.DatasetRows.ProveedorTop;
import org.depositobridge.dataset.DatasetRows.Summary;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XLSX writer read back: typed cells, no formula and no apostrophe, dates as dates, bold frozen header, filter. */
class XlsxWriterTest {

    @TempDir
    Path dir;

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");

    static byte[] write(CsvTable<?> table, List<?> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XlsxWriter(ZONE).writeRows(table, rows.iterator(), out);
        return out.toByteArray();
    }

    static List<Row> read(byte[] xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            Sheet sheet = wb.getFirstSheet();
            return sheet.read();
        }
    }

    /** Hostile names are text cells holding exactly the deposito's text: no formula, no guard apostrophe. */
    @Test
    void should_write_text_as_text_and_numbers_as_numbers() throws Exception {
        List<Provider> hostile = CsvWriterTest.hostileProviders();
        List<Row> rows = read(write(ReportTables.PROVIDERS, hostile));

        assertThat(rows).hasSize(hostile.size() + 1);
        assertThat(rows.get(0).stream().map(Cell::asString).toList()).isEqualTo(ReportTables.PROVIDERS.header());
        for (int i = 0; i < hostile.size(); i++) {
            Provider p = hostile.get(i);
            Row r = rows.get(i + 1);
            Cell nombre = r.getCell(1);
            assertThat(nombre.getType()).isEqualTo(CellType.STRING);
            assertThat(nombre.getFormula()).isNull();
            assertThat(nombre.asString()).isEqualTo(p.nombre());
            if (p.cuit() == null) {
                assertThat(r.getCellAsString(0)).isEmpty();
            } else {
                assertThat(r.getCell(0).asString()).isEqualTo(p.cuit());
            }
            assertThat(r.getCell(4).getType()).isEqualTo(CellType.NUMBER);
            assertThat(r.getCell(4).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(p.stockTotal()));
            assertThat(r.getCell(5).getType()).isEqualTo(CellType.NUMBER);
            assertThat(r.getCell(5).asNumber().doubleValue()).isEqualTo(Math.round(p.valorStock() * 100) / 100.0);
            assertThat(r.getCell(5).getDataFormatString()).isEqualTo("#,##0.00");
        }
        assertThat(rows.get(2).getCell(1).asString()).startsWith("+1 Proveedor");
    }

    /** Dates are date cells (timestamps in the report zone), flags booleans. */
    @Test
    void should_write_dates_as_dates_in_the_report_zone() throws Exception {
        Summary s = new Summary(5, 4, 2, 1, 9810160.4, 3, 11, 7, 20, 18,
                new ProveedorTop("30-11111111-1", "La Serenísima", 2, 5000.0), "2026-03-18T15:00:00Z",
                "2026-03-18T14:59:00Z", true);
        Row r = read(write(ReportTables.SUMMARY, List.of(s))).get(1);
        int generated = ReportTables.SUMMARY.header().indexOf("generated_at");
        assertThat(r.getCell(generated).asDate()).isEqualTo(LocalDateTime.parse("2026-03-18T12:00:00"));
        assertThat(r.getCell(generated).getDataFormatString()).isEqualTo("dd/mm/yyyy hh:mm:ss");
        int stale = ReportTables.SUMMARY.header().indexOf("stale");
        assertThat(r.getCell(stale).getType()).isEqualTo(CellType.BOOLEAN);
        assertThat(r.getCell(stale).asBoolean()).isTrue();
        assertThat(r.getCell(ReportTables.SUMMARY.header().indexOf("valor_inventario")).asNumber())
                .isEqualByComparingTo("9810160.4");
    }

    /** The header row is bold, frozen below row 1 and carries an autofilter over every column. */
    @Test
    void should_freeze_and_filter_the_header() throws Exception {
        String sheet = entry(write(ReportTables.PROVIDERS, CsvWriterTest.hostileProviders()), "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("state=\"frozen\"").contains("<autoFilter ref=\"A1:I");
        // the name column is as wide as its longest name (not cut where the next cell has content)
        int longest = CsvWriterTest.hostileProviders().stream().mapToInt(p -> p.nombre().length()).max().orElseThrow();
        Matcher col = Pattern.compile("<col min=\"2\" max=\"2\" width=\"([0-9.]+)\"").matcher(sheet);
        assertThat(col.find()).as(sheet).isTrue();
        assertThat(Double.parseDouble(col.group(1))).isGreaterThanOrEqualTo(longest);
        String styles = entry(write(ReportTables.PROVIDERS, List.of()), "xl/styles.xml");
        assertThat(styles).contains("<b/>");
    }

    /** A failure in the rows propagates: the caller never publishes a half-written workbook. */
    @Test
    void should_propagate_a_failure_in_the_rows() {
        assertThatThrownBy(() -> new XlsxWriter(ZONE).write(ReportTables.PROVIDERS, CsvWriterTest.failingAfter(3),
                new ByteArrayOutputStream())).hasMessage("row 4 is broken");
    }

    /** One part of the workbook (a file: the zip's stored entries carry their sizes after the data). */
    String entry(byte[] zip, String name) throws IOException {
        Path file = dir.resolve("book.xlsx");
        Files.write(file, zip);
        try (ZipFile z = new ZipFile(file.toFile())) {
            ZipEntry e = z.getEntry(name);
            assertThat(e).as(name + " in the workbook").isNotNull();
            return new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
