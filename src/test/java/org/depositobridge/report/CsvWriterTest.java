package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.depositobridge.dataset.DatasetRows.Provider;
import org.depositobridge.dataset.DatasetRows.ProveedorTop;
import org.depositobridge.dataset.DatasetRows.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV writer on real files: golden output, formula guard, RFC 4180 quoting, round trip, BOM, money. */
class CsvWriterTest {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");

    @TempDir
    Path dir;

    /** Endless provider rows whose row {@code good + 1} throws, as a dataset breaking half-way. */
    static Iterator<Provider> failingAfter(int good) {
        return new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Provider next() {
                if (n++ == good) {
                    throw new IllegalStateException("row " + (good + 1) + " is broken");
                }
                return hostileProviders().get(0);
            }
        };
    }

    /** Rows with every hostile shape a deposito name can take. */
    static List<Provider> hostileProviders() {
        return List.of(
                new Provider("30-11111111-1", "La Serenísima", 2, 2, 80, 5000.0, 0, 3, 5),
                new Provider("=SUM(A1)", "+1 Proveedor, \"Grande\"", 1, 1, -3, -12.5, 1, 0, 0),
                new Provider("-2", "@x\r\nsegunda línea", 0, 0, 0, 0.0, 0, 0, 0),
                new Provider(null, "\tTabulado 🚀", 3, 1, 7, 1234567.891, 2, 1, 1),
                new Provider("'ya citado", "Ñandú \"el\" Grande\nS.A.", 1, 1, 1, 0.005, 0, 0, 0));
    }

    private Path write(CsvWriter writer, List<Provider> rows) throws IOException {
        Path file = dir.resolve("providers.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(ReportTables.PROVIDERS, rows.iterator(), out);
        }
        return file;
    }

    /** The file is byte for byte the golden CSV: header, CRLF, quoting, guard, fixed-scale money, UTF-8. */
    @Test
    void should_write_the_golden_csv() throws Exception {
        Path file = write(new CsvWriter(), hostileProviders());
        String golden = new String(getClass().getResourceAsStream("/report/providers-golden.csv").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(golden);
    }

    /** Every text cell that a spreadsheet would evaluate starts with the guard quote; numbers are left alone. */
    @Test
    void should_guard_formula_cells_and_leave_numbers_alone() throws Exception {
        List<List<String>> rows = parse(write(new CsvWriter(), hostileProviders()));
        assertThat(rows.get(2).get(0)).isEqualTo("'=SUM(A1)");
        assertThat(rows.get(2).get(1)).isEqualTo("'+1 Proveedor, \"Grande\"");
        assertThat(rows.get(2).get(4)).as("a negative count is a number, not a formula").isEqualTo("-3");
        assertThat(rows.get(2).get(5)).isEqualTo("-12.50");
        assertThat(rows.get(3).get(0)).isEqualTo("'-2");
        assertThat(rows.get(3).get(1)).isEqualTo("'@x\r\nsegunda línea");
        assertThat(rows.get(4).get(0)).as("null is an empty cell").isEmpty();
        assertThat(rows.get(4).get(1)).isEqualTo("'\tTabulado 🚀");
        assertThat(rows.get(5).get(0)).as("the guard itself is guarded, so unguarding is exact").isEqualTo("''ya citado");
        for (String t : List.of("=1", "+1", "-1", "@1", "\t1", "\r1", "\n1", "'1")) {
            assertThat(CsvWriter.guard(t)).startsWith("'").isEqualTo("'" + t);
        }
        for (String t : List.of("", "1", "a=b", " =1", "Ñandú", "🚀")) {
            assertThat(CsvWriter.guard(t)).isEqualTo(t);
        }
    }

    /** Parsed back by a CSV parser, every cell is the original value once the guard quote is stripped. */
    @Test
    void should_round_trip_through_a_csv_parser() throws Exception {
        List<Provider> original = hostileProviders();
        List<List<String>> rows = parse(write(new CsvWriter(), original));
        assertThat(rows.get(0)).isEqualTo(ReportTables.PROVIDERS.header());
        assertThat(rows).hasSize(original.size() + 1);
        for (int i = 0; i < original.size(); i++) {
            Provider p = original.get(i);
            List<String> r = rows.get(i + 1);
            assertThat(r).hasSize(9);
            assertThat(CsvWriter.unguard(r.get(0))).isEqualTo(p.cuit() == null ? "" : p.cuit());
            assertThat(CsvWriter.unguard(r.get(1))).isEqualTo(p.nombre());
            assertThat(Long.parseLong(r.get(4))).isEqualTo(p.stockTotal());
            assertThat(Double.parseDouble(r.get(5))).isEqualTo(Math.round(p.valorStock() * 100) / 100.0);
            assertThat(r.get(5)).matches("-?[0-9]+\\.[0-9]{2}");
        }
    }

    /** rfc4180 has no BOM; excel-ar starts with the UTF-8 BOM, so a spreadsheet does not read the accents as Latin-1. */
    @Test
    void should_prefix_a_bom_only_in_excel_ar() throws Exception {
        byte[] plain = Files.readAllBytes(write(new CsvWriter(), hostileProviders()));
        byte[] excel = Files.readAllBytes(write(new CsvWriter(CsvDialect.EXCEL_AR, ZONE), hostileProviders()));
        assertThat(plain[0]).isEqualTo((byte) 'c');
        assertThat(excel).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    /**
     * excel-ar: semicolons, decimal comma, dd/mm/yyyy dates (timestamps in the report zone), CRLF, and the same quoting
     * and guard rules as rfc4180 (a semicolon inside a cell is quoted, a comma is not).
     */
    @Test
    void should_write_the_excel_ar_dialect() throws Exception {
        Path file = write(new CsvWriter(CsvDialect.EXCEL_AR, ZONE), List.of(
                new Provider("30-11111111-1", "La Serenísima; Láctea, S.A.", 2, 2, 80, 9810160.4, 0, 3, 5),
                new Provider("-2", "=Promo 2x1 gaseosa", 0, 0, -3, -12.5, 0, 0, 0)));
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).substring(1);
        assertThat(text).isEqualTo(""
                + "cuit;nombre;total_productos;productos_activos;stock_total;valor_stock;productos_criticos;"
                + "movimientos_semana;movimientos_mes\r\n"
                + "30-11111111-1;\"La Serenísima; Láctea, S.A.\";2;2;80;9810160,40;0;3;5\r\n"
                + "'-2;'=Promo 2x1 gaseosa;0;0;-3;-12,50;0;0;0\r\n");

        CsvWriter excel = new CsvWriter(CsvDialect.EXCEL_AR, ZONE);
        assertThat(excel.date("2026-03-18")).isEqualTo("18/03/2026");
        assertThat(excel.date("2026-03-18T15:00:00Z")).isEqualTo("18/03/2026 12:00:00");
        assertThat(new CsvWriter().date("2026-03-18T15:00:00Z")).isEqualTo("2026-03-18T15:00:00Z");
    }

    /** The dialect names of reports.csv-dialect and ?dialect=; anything else is refused with the accepted names. */
    @Test
    void should_name_the_dialects() {
        assertThat(CsvDialect.of(" Excel-AR ")).isEqualTo(CsvDialect.EXCEL_AR);
        assertThat(CsvDialect.of("rfc4180")).isEqualTo(CsvDialect.RFC4180);
        assertThatThrownBy(() -> CsvDialect.of("excel")).hasMessageContaining("rfc4180 or excel-ar");
    }

    /** An empty dataset is still a valid file: the header row alone. */
    @Test
    void should_write_the_header_for_an_empty_dataset() throws Exception {
        Path file = write(new CsvWriter(), List.of());
        assertThat(Files.readString(file)).isEqualTo(String.join(",", ReportTables.PROVIDERS.header()) + "\r\n");
    }

    /** Money: decimal point, two decimals, half up, no exponent, also for large and negative amounts. */
    @Test
    void should_format_money_with_two_decimals() {
        assertThat(money(0)).isEqualTo("0.00");
        assertThat(money(5350)).isEqualTo("5350.00");
        assertThat(money(0.1 + 0.2)).isEqualTo("0.30");
        assertThat(money(-0.5)).isEqualTo("-0.50");
        assertThat(money(1234567.891)).isEqualTo("1234567.89");
        assertThat(money(12_345_678.905)).isEqualTo("12345678.91");
        assertThat(money(1e15)).isEqualTo("1000000000000000.00");
        assertThat(money(-2.345e14)).isEqualTo("-234500000000000.00");
    }

    /** The summary flattens proveedor_top; an absent top provider is four empty cells, flags and dates as written. */
    @Test
    void should_flatten_the_summary() throws Exception {
        Summary s = new Summary(5, 4, 2, 1, 5350.0, 3, 11, 7, 20, 18, null, "2026-03-18T15:00:01Z",
                "2026-03-18T15:00:00Z", true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvWriter().write(ReportTables.SUMMARY, List.of(s).iterator(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("total_productos,productos_activos,"
                + "productos_stock_critico,productos_sin_stock,valor_inventario,total_proveedores,total_movimientos,"
                + "movimientos_semana,unidades_entrada_semana,unidades_salida_semana,proveedor_top_cuit,"
                + "proveedor_top_nombre,proveedor_top_productos,proveedor_top_valor_stock,generated_at,data_as_of,stale\r\n"
                + "5,4,2,1,5350.00,3,11,7,20,18,,,,,2026-03-18T15:00:01Z,2026-03-18T15:00:00Z,true\r\n");
        Summary withTop = new Summary(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, new ProveedorTop("=1", "Arcor", 2, 99.999),
                null, null, false);
        out.reset();
        new CsvWriter().write(ReportTables.SUMMARY, List.of(withTop).iterator(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\r\n1,1,0,0,1.00,1,0,0,0,0,'=1,Arcor,2,100.00,,,false\r\n");
    }

    /** A failure in the rows propagates to the caller (who must not publish the file). */
    @Test
    void should_propagate_a_failure_in_the_rows() {
        assertThatThrownBy(() -> new CsvWriter().write(ReportTables.PROVIDERS, failingAfter(2), new ByteArrayOutputStream()))
                .hasMessage("row 3 is broken");
    }

    /**
     * Streaming: while rows are still being produced, what was written so far has already reached the stream (the
     * writer holds at most its small buffer, never the file), so memory does not grow with the row count.
     */
    @Test
    void should_stream_rows_without_holding_the_file() throws Exception {
        long[] received = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                received[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                received[0] += len;
            }
        };
        Provider row = hostileProviders().get(1);
        long[] lagAtMost = new long[1];
        long[] produced = new long[1];
        Iterator<Provider> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced[0] < 200_000;
            }

            @Override
            public Provider next() {
                produced[0]++;
                long bytesOfRowsSoFar = (produced[0] - 1) * 59; // each row is 59 bytes of CSV
                lagAtMost[0] = Math.max(lagAtMost[0], bytesOfRowsSoFar - received[0]);
                return row;
            }
        };
        long count = new CsvWriter().write(ReportTables.PROVIDERS, rows, sink);
        assertThat(count).isEqualTo(200_000);
        assertThat(received[0]).isEqualTo(String.join(",", ReportTables.PROVIDERS.header()).length() + 2 + 200_000L * 59);
        assertThat(lagAtMost[0]).as("bytes written but not yet handed to the stream").isLessThan(64 * 1024);
    }

    private static String money(double v) {
        return CsvWriter.money(v, new StringBuilder());
    }

    /** Parses a file with Jackson's CSV parser as plain rows of strings (RFC 4180, no header handling). */
    static List<List<String>> parse(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
