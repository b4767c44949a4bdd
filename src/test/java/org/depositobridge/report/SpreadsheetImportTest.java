package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.report.CsvTable.Column;
import org.depositobridge.support.RunningBridge;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled drops opened by a real spreadsheet program: headless LibreOffice Calc (Debian package
 * libreoffice-calc-nogui, installed by bin/setup.d/libreoffice.sh; a missing {@code soffice} fails this test rather
 * than skipping it) converts the {@code excel-ar} CSVs, imported as a user in Argentina imports them, and the XLSX files
 * of a drop of a real bridge into its own workbooks, which are read back cell by cell and compared with the JSON API.
 *
 * <p>The snapshot's deposito texts are hostile: accents, {@code =Promo 2x1 gaseosa}, {@code +1 ...}, {@code -Arcor},
 * {@code @...}, commas, semicolons and quotes; money such as 9810160.40 and 1234.50.
 *
 * <p>LibreOffice runs with its profile (set to the es-AR locale, as an Argentine user's would be) and its TMPDIR
 * inside this class's temporary folder, at most {@value #TIMEOUT_SECONDS} s per call, killed with its children past that.
 */
class SpreadsheetImportTest {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    /** Recent data, so that the week/month windows of top-products and stock-timeline hold the movements. */
    static final long AS_OF = System.currentTimeMillis() / 60_000 * 60_000 - 60_000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final long TIMEOUT_SECONDS = 120;

    /**
     * LibreOffice's CSV import filter options (help page "CSV Filter Options", csv_params), as the es-AR user picks
     * them in the Text Import dialog, which preselects UTF-8 itself when the file starts with a UTF-8 BOM:
     * 59 = field separator {@code ;}; 34 = text delimiter {@code "}; 76 = character set UTF-8; 1 = start at line 1;
     * (empty) = no per-column format, every column "Standard"; 11274 = language Spanish (Argentina) (0x2C0A), which
     * decides the decimal comma and dd/mm/yyyy; false = "Quoted field as text" off; true = "Detect special numbers"
     * on (dates and times become date cells). Token 13 ("Evaluate formulas") is left out as a user leaves it alone:
     * LibreOffice 7.4 then evaluates a cell starting with {@code =} (only an explicit false keeps it text), which is
     * the worst case the guard has to hold against.
     */
    static final String EXCEL_AR_IMPORT = "CSV:59,34,76,1,,11274,false,true";
    /** The same dialog for a file without a BOM on a Spanish Windows: comma, Western Europe (Windows-1252), es-AR. */
    static final String RFC4180_AS_PROPOSED = "CSV:44,34,1,1,,11274,false,true";
    /**
     * CSV export of a workbook "as shown" (what the user sees in each cell): 44 = {@code ,}; 34 = {@code "};
     * 76 = UTF-8; 1 = (unused on export); (empty) = no column formats; 11274 = es-AR; false = do not quote every text
     * cell; true = numbers as numbers; true = "Save cell contents as shown".
     */
    static final String AS_SHOWN_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,11274,false,true,true";

    @TempDir
    static Path tmp;
    static Path reports;
    static RunningBridge bridge;
    /** "providers/csv" -> the drop's file. */
    static final Map<String, Path> drop = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        reports = Files.createDirectories(tmp.resolve("reports"));
        bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled", "false",
                "reports.dir", reports.toString(), "reports.run-now-poll-interval", "100"));
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                .publish(s -> snapshot(s.version() + 1));
        // the defaults: excel-ar CSVs and an XLSX per report
        Files.writeString(reports.resolve(".run-now"), "");
        Awaitility.await("a drop").atMost(Duration.ofSeconds(30)).until(() -> manifest() != null);
        JsonNode m = JSON.readTree(manifest().toFile());
        assertThat(m.get("dialect").asText()).isEqualTo("excel-ar");
        for (JsonNode f : m.get("files")) {
            drop.put(f.get("report").asText() + "/" + f.get("format").asText(), reports.resolve(f.get("name").asText()));
        }
        assertThat(drop).hasSize(10);
        writeProfile();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    static DepositoSnapshot snapshot(long version) {
        String norteno = "Distribuidora \"El Norteño\"; Ñandú S.R.L.";
        List<Producto> p = List.of(
                // 4 x 2452540.10 = 9810160.40
                producto(1, "NAN-001", "Ñandú alfajor de maní, 24u", "Almacén", 4, 2452540.10, "30-11111111-1", norteno),
                producto(2, "=PROMO", "=Promo 2x1 gaseosa", "Bebidas", 1, 1234.5, "30-22222222-2", "-Arcor S.A.I.C."),
                producto(3, "+1", "+1 Leche entera \"La Vaquita\"", "Lácteos", 3, 0.10, "30-33333333-3",
                        "+1 Cremería; Lácteos, Tambo"),
                producto(4, "@YERBA", "@Yerba mate Ñanduty 1kg", "Almacén", 7, 2150.75, "30-11111111-1", norteno),
                // a bar code: text of digits with a leading zero
                producto(5, "0077912345678", "Queso cremoso 1/2 kg", "Lácteos", 0, 4500.0, "30-22222222-2",
                        "-Arcor S.A.I.C."));
        MovementLog.Appender a = MovementLog.empty().appender();
        a.add(1, 2, TipoMovimiento.SALIDA, -2, AS_OF - 3_600_000L, 1234.5, Double.NaN);
        a.add(2, 1, TipoMovimiento.SALIDA, -1, AS_OF - 7_200_000L, 2452540.10, Double.NaN);
        a.add(3, 4, TipoMovimiento.ENTRADA, 10, AS_OF - 86_400_000L, 2150.75, Double.NaN);
        a.add(4, 3, TipoMovimiento.SALIDA, -5, AS_OF - 2 * 86_400_000L, 0.10, Double.NaN);
        a.add(5, 5, TipoMovimiento.SALIDA, -1, AS_OF - 3 * 86_400_000L, 4500.0, Double.NaN);
        List<StockCritico> critical = List.of(
                new StockCritico(2, "=PROMO", "=Promo 2x1 gaseosa", "Bebidas", 1, 10, 13, 1.3, "verano", 12, "$ 1.234,50"),
                new StockCritico(3, "+1", "+1 Leche entera \"La Vaquita\"", "Lácteos", 3, 10, 13, 1.3, "verano", 10,
                        "$ 0,10"));
        return new DepositoSnapshot(version, p, critical, a.build(), AS_OF, AS_OF, AS_OF, "deposito");
    }

    static Producto producto(long id, String codigo, String nombre, String categoria, int stock, double precio,
            String cuit, String proveedor) {
        return new Producto(id, codigo, nombre, null, categoria, stock, 10, null, precio, precio * 1.4, cuit, proveedor,
                true, AS_OF - 86_400_000L * 100, null);
    }

    /**
     * The excel-ar CSVs imported as the es-AR user does: every cell equals the API's (numbers and money numeric, dates
     * date cells, accents intact), the money adds up to the API's total, and no text became a formula. The formula
     * guard's {@code '} stays a visible character of the cell (LibreOffice keeps it on a CSV import), so a guarded cell
     * reads {@code '=Promo 2x1 gaseosa}: text, never evaluated.
     */
    @Test
    void should_import_the_excel_ar_csvs_as_numbers_dates_and_unevaluated_text() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("from-csv"));
        Map<String, Path> csv = copies("csv", out.resolve("in"));
        soffice(out, EXCEL_AR_IMPORT, "xlsx", csv.values());

        for (String report : ReportTables.NAMES) {
            List<Row> rows = sheet(out.resolve(base(csv.get(report)) + ".xlsx"));
            assertMatchesApi(report, rows, true);
        }
        // the hostile texts are there (the loop above compared them with the API)
        assertThat(texts(out.resolve(base(csv.get("critical-stock")) + ".xlsx"), "nombre"))
                .containsExactly("'=Promo 2x1 gaseosa", "'+1 Leche entera \"La Vaquita\"");
        assertMoneyAddsUp(out, csv);

        // what the user sees: the guard's apostrophe, and money in the es-AR shape (General format: no trailing zero)
        Path shown = Files.createDirectories(tmp.resolve("from-csv-shown"));
        soffice(shown, null, AS_SHOWN_EXPORT, List.of(out.resolve(base(csv.get("providers")) + ".xlsx")));
        List<List<String>> cells = CsvWriterTest.parse(shown.resolve(base(csv.get("providers")) + ".csv"));
        assertThat(column(cells, "nombre")).contains("'-Arcor S.A.I.C.", "'+1 Cremería; Lácteos, Tambo",
                "Distribuidora \"El Norteño\"; Ñandú S.R.L.");
        assertThat(column(cells, "valor_stock")).contains("9825215,65", "1234,5", "0,3");
    }

    /**
     * The XLSX files opened and saved by LibreOffice: the same cells as the API, text exactly the deposito's (no
     * apostrophe, no formula, also as shown), money numeric in {@code #,##0.00} (shown {@code 9.825.215,65} in es-AR).
     */
    @Test
    void should_open_the_xlsx_files_with_typed_cells_and_the_exact_text() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("from-xlsx"));
        Map<String, Path> xlsx = copies("xlsx", out.resolve("in"));
        soffice(out, null, "xlsx", xlsx.values());

        for (String report : ReportTables.NAMES) {
            List<Row> rows = sheet(out.resolve(xlsx.get(report).getFileName()));
            assertMatchesApi(report, rows, false);
        }
        assertThat(texts(out.resolve(xlsx.get("critical-stock").getFileName()), "nombre"))
                .containsExactly("=Promo 2x1 gaseosa", "+1 Leche entera \"La Vaquita\"");
        assertThat(texts(out.resolve(xlsx.get("top-products").getFileName()), "codigo")).contains("0077912345678");
        assertMoneyAddsUp(out, xlsx);

        Path shown = Files.createDirectories(tmp.resolve("from-xlsx-shown"));
        soffice(shown, null, AS_SHOWN_EXPORT, List.of(xlsx.get("providers"), xlsx.get("top-products")));
        List<List<String>> providers = CsvWriterTest.parse(shown.resolve(base(xlsx.get("providers")) + ".csv"));
        assertThat(column(providers, "nombre")).contains("-Arcor S.A.I.C.", "+1 Cremería; Lácteos, Tambo",
                "Distribuidora \"El Norteño\"; Ñandú S.R.L.");
        assertThat(column(providers, "valor_stock")).contains("9.825.215,65", "1.234,50", "0,30");
        List<List<String>> top = CsvWriterTest.parse(shown.resolve(base(xlsx.get("top-products")) + ".csv"));
        assertThat(column(top, "producto")).contains("=Promo 2x1 gaseosa", "Ñandú alfajor de maní, 24u")
                .noneMatch(s -> s.startsWith("'"));
    }

    /**
     * The control: the same import evaluates an unguarded {@code =1+1} into a formula, so it is the guard that keeps
     * the drops' {@code =Promo 2x1 gaseosa} text.
     */
    @Test
    void should_show_that_the_same_import_evaluates_an_unguarded_formula() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("control"));
        Path in = Files.createDirectories(out.resolve("in")).resolve("control.csv");
        Files.write(in, ("\uFEFFnombre;guarded\r\n=1+1;" + CsvWriter.guard("=1+1") + "\r\n").getBytes(StandardCharsets.UTF_8));
        soffice(out, EXCEL_AR_IMPORT, "xlsx", List.of(in));
        Row row = sheet(out.resolve("control.xlsx")).get(1);
        assertThat(row.getCell(0).getType()).isEqualTo(CellType.FORMULA);
        assertThat(row.getCell(0).getFormula()).isEqualTo("1+1");
        assertThat(row.getCell(1).getType()).isEqualTo(CellType.STRING);
        assertThat(row.getCell(1).asString()).isEqualTo("'=1+1");
    }

    /**
     * Why the drops are excel-ar: the rfc4180 file (no BOM, comma, decimal point) imported as the same dialog proposes
     * it without a BOM on an Argentine PC: the accents are read as Windows-1252 and the money stays text.
     */
    @Test
    void should_show_why_an_argentine_user_needs_excel_ar() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("rfc4180"));
        Path in = Files.createDirectories(out.resolve("in")).resolve("providers.csv");
        HttpResponse<String> export = bridge.get("/api/export/providers.csv", "X-API-Key", CsvExportHttpTest.KEY);
        assertThat(export.statusCode()).isEqualTo(200);
        Files.writeString(in, export.body(), StandardCharsets.UTF_8);
        soffice(out, RFC4180_AS_PROPOSED, "xlsx", List.of(in));
        List<Row> rows = sheet(out.resolve("providers.xlsx"));
        int nombre = ReportTables.PROVIDERS.header().indexOf("nombre");
        int valor = ReportTables.PROVIDERS.header().indexOf("valor_stock");
        assertThat(rows.stream().skip(1).map(r -> r.getCell(nombre).asString()))
                .contains("Distribuidora \"El NorteÃ±o\"; Ã‘andÃº S.R.L.");
        assertThat(rows.stream().skip(1).map(r -> r.getCell(valor).getType())).containsOnly(CellType.STRING);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Every cell of the sheet against the JSON API's rows (generated_at aside: the drop's and the API's differ). */
    static void assertMatchesApi(String report, List<Row> rows, boolean fromCsv) throws Exception {
        List<JsonNode> api = api(report);
        CsvTable<?> table = ReportTables.table(report);
        CsvExportHttpTest.CsvTableShape shape = new CsvExportHttpTest.CsvTableShape(report);
        assertThat(rows).as(report + " rows").hasSize(api.size() + 1);
        assertThat(rows.get(0).stream().map(Cell::asString).toList()).as(report + " header").isEqualTo(table.header());
        for (int i = 0; i < api.size(); i++) {
            Row row = rows.get(i + 1);
            for (int c = 0; c < table.columns().size(); c++) {
                Column<?> column = table.columns().get(c);
                if (column.name().equals("generated_at")) {
                    continue;
                }
                String expected = shape.expectedCell(api.get(i), column.name());
                String where = report + " row " + (i + 1) + " " + column.name() + " (" + (fromCsv ? "csv" : "xlsx") + ")";
                Cell cell = row.getOptionalCell(c).orElse(null);
                if (expected.isEmpty()) {
                    assertThat(cell == null || cell.getType() == CellType.EMPTY).as(where + " empty: " + cell).isTrue();
                    continue;
                }
                assertThat(cell).as(where).isNotNull();
                if (column.kind() != CsvTable.Kind.BOOLEAN) {
                    assertThat(cell.getFormula()).as(where + " formula").isNull();
                }
                switch (column.kind()) {
                    case TEXT -> {
                        if (fromCsv && expected.matches("[0-9]+")) {
                            // CSV carries no types: a text of digits (a bar code) is read as a number and loses its
                            // leading zeros, as in Excel; the XLSX keeps it (docs/reports.md, "In a spreadsheet")
                            assertThat(cell.getType()).as(where).isEqualTo(CellType.NUMBER);
                            assertThat(cell.asNumber()).as(where).isEqualByComparingTo(expected);
                            continue;
                        }
                        assertThat(cell.getType()).as(where).isEqualTo(CellType.STRING);
                        // a CSV import keeps the guard's apostrophe as a character; an XLSX text cell needs none
                        assertThat(cell.asString()).as(where).isEqualTo(fromCsv ? CsvWriter.guard(expected) : expected);
                    }
                    case INTEGER, MONEY -> {
                        assertThat(cell.getType()).as(where).isEqualTo(CellType.NUMBER);
                        assertThat(cell.asNumber()).as(where).isEqualByComparingTo(expected);
                        if (column.kind() == CsvTable.Kind.MONEY && !fromCsv) {
                            assertThat(cell.getDataFormatString()).as(where).isEqualTo("#,##0.00");
                        }
                    }
                    case ISO_DATE -> {
                        assertThat(cell.getType()).as(where).isEqualTo(CellType.NUMBER);
                        assertThat(cell.asDate()).as(where).isEqualTo(local(expected));
                    }
                    case BOOLEAN -> {
                        if (fromCsv) {
                            // es-AR's booleans are VERDADERO/FALSO: the CSV's true/false stays text
                            assertThat(cell.getType()).as(where).isEqualTo(CellType.STRING);
                            assertThat(cell.asString()).as(where).isEqualTo(expected);
                        } else {
                            // Calc has no boolean cell: it saves a boolean as the formula TRUE() or FALSE()
                            assertThat(cell.getFormula()).as(where).isEqualTo(expected.toUpperCase(Locale.ROOT) + "()");
                        }
                    }
                    default -> throw new IllegalStateException("kind " + column.kind());
                }
            }
        }
    }

    /** Providers' valor_stock in the sheet adds up to the API's summary valor_inventario, and to the providers API. */
    static void assertMoneyAddsUp(Path out, Map<String, Path> files) throws Exception {
        Path providers = out.resolve(base(files.get("providers")) + ".xlsx");
        int valor = ReportTables.PROVIDERS.header().indexOf("valor_stock");
        BigDecimal sheet = sheet(providers).stream().skip(1).map(r -> r.getCell(valor).asNumber())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal apiProviders = api("providers").stream().map(n -> n.get("valor_stock").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal inventario = api("summary").get(0).get("valor_inventario").decimalValue();
        assertThat(sheet).isEqualByComparingTo(apiProviders).isEqualByComparingTo(inventario)
                .isEqualByComparingTo("9826450.45");
        int valorInventario = ReportTables.SUMMARY.header().indexOf("valor_inventario");
        assertThat(sheet(out.resolve(base(files.get("summary")) + ".xlsx")).get(1).getCell(valorInventario).asNumber())
                .isEqualByComparingTo(inventario);
    }

    static List<JsonNode> api(String report) throws Exception {
        HttpResponse<String> r = bridge.get("/api/" + report, "X-API-Key", CsvExportHttpTest.KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        List<JsonNode> rows = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(rows::add);
        } else {
            rows.add(body);
        }
        assertThat(rows).as(report + " has rows").isNotEmpty();
        return rows;
    }

    /** An API date or instant as the local date-time a spreadsheet cell holds (instants in the report zone). */
    static LocalDateTime local(String iso) {
        if (iso.length() == 10) {
            return LocalDate.parse(iso).atStartOfDay();
        }
        return OffsetDateTime.parse(iso).atZoneSameInstant(ZONE).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS);
    }

    static List<Row> sheet(Path xlsx) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(xlsx.toFile(), new ReadingOptions(true, false))) {
            return wb.getFirstSheet().read();
        }
    }

    /** The text cells of one column of a workbook LibreOffice wrote (each a STRING, no formula). */
    static List<String> texts(Path xlsx, String name) throws IOException {
        List<Row> rows = sheet(xlsx);
        int c = rows.get(0).stream().map(Cell::asString).toList().indexOf(name);
        return rows.stream().skip(1).map(r -> r.getCell(c)).peek(cell -> {
            assertThat(cell.getType()).as(cell.toString()).isEqualTo(CellType.STRING);
            assertThat(cell.getFormula()).as(cell.toString()).isNull();
        }).map(Cell::asString).toList();
    }

    static List<String> column(List<List<String>> cells, String name) {
        int c = cells.get(0).indexOf(name);
        assertThat(c).as(name + " in " + cells.get(0)).isNotNegative();
        return cells.stream().skip(1).map(r -> r.get(c)).toList();
    }

    /** The drop's files of one format, copied (LibreOffice never touches the drop folder), by report. */
    static Map<String, Path> copies(String format, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> copies = new HashMap<>();
        for (String report : ReportTables.NAMES) {
            Path source = drop.get(report + "/" + format);
            copies.put(report, Files.copy(source, dir.resolve(source.getFileName())));
        }
        return copies;
    }

    static String base(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    static Path manifest() throws IOException {
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().matches("manifest-.*\\.json")).findFirst().orElse(null);
        }
    }

    /** A LibreOffice user profile whose locale is es-AR (the default number and date formats an Argentine user has). */
    static void writeProfile() throws IOException {
        Path user = Files.createDirectories(tmp.resolve("lo-profile/user"));
        Files.writeString(user.resolve("registrymodifications.xcu"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
                <value>es-AR</value></prop></item>
                </oor:items>
                """, StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code soffice --headless --convert-to <to>} on the inputs into {@code outDir}, with the import filter
     * options {@code infilter} (null: LibreOffice's own choice), and requires an output for each input. At most
     * {@value #TIMEOUT_SECONDS} s: then it and its children (oosplash, soffice.bin) are killed and the test fails.
     */
    static void soffice(Path outDir, String infilter, String to, Iterable<Path> inputs) throws Exception {
        List<String> command = new ArrayList<>(List.of("soffice", "--headless", "--norestore", "--nolockcheck",
                "-env:UserInstallation=" + tmp.resolve("lo-profile").toUri()));
        if (infilter != null) {
            command.add("--infilter=" + infilter);
        }
        command.addAll(List.of("--convert-to", to, "--outdir", outDir.toString()));
        List<Path> outputs = new ArrayList<>();
        String extension = to.contains(":") ? to.substring(0, to.indexOf(':')) : to;
        for (Path in : inputs) {
            command.add(in.toString());
            outputs.add(outDir.resolve(base(in) + "." + extension));
        }
        // LibreOffice's own temporary files go to a folder of this test, checked empty after each run
        Path loTmp = Files.createDirectories(tmp.resolve("lo-tmp"));
        Path log = tmp.resolve("soffice.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TMPDIR", loTmp.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("soffice not found: run bin/setup.d/libreoffice.sh (Debian package libreoffice-calc-nogui)", e);
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // the soffice script waits for oosplash and soffice.bin: kill those too, before they lose their parent
            List<ProcessHandle> children = p.descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("soffice did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        for (Path o : outputs) {
            assertThat(o).as(output).isRegularFile();
        }
        try (Stream<Path> left = Files.list(loTmp)) {
            assertThat(left.toList()).as("LibreOffice's temporary files").isEmpty();
        }
    }
}
