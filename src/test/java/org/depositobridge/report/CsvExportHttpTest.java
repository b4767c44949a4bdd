package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.dataset.DatasetService;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /api/export/*.csv} paths of the real bridge over HTTP, on a hand-built snapshot whose deposito names
 * are hostile (formulas, quotes, commas, CR/LF, tab, emoji, accents): status, headers, golden bodies, the same rows
 * and parameter rules as the JSON twins, and JSON errors.
 */
class CsvExportHttpTest {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    static final long AS_OF = LocalDateTime.parse("2026-03-18T12:00").atZone(ZONE).toInstant().toEpochMilli();
    static final String KEY = "test-key-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path reports;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled", "false", "reports.dir", reports.toString(),
                "reports.run-now-poll-interval", "100"));
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                .publish(s -> snapshot(s.version() + 1));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    static DepositoSnapshot snapshot(long version) {
        List<Producto> p = List.of(
                producto(1, "LECHE-1L", "Leche Entera 1L", "Lácteos", 50, 100.0, "30-11111111-1", "La Serenísima"),
                producto(2, "=HYPERLINK(\"http://x\")", "+Gaseosa, \"2L\"", "Bebidas", 0, 200.0, "30-22222222-2",
                        "@Coca-Cola FEMSA"),
                producto(3, "-ALFAJOR", "Alfajor\r\nTriple 🍫", "Almacén", 5, 50.0, "30-33333333-3", "-Arcor S.A."));
        MovementLog.Appender a = MovementLog.empty().appender();
        a.add(1, 1, TipoMovimiento.SALIDA, -3, AS_OF - 3_600_000L, 150.0, Double.NaN);
        a.add(2, 2, TipoMovimiento.ENTRADA, 20, AS_OF - 86_400_000L, 180.0, Double.NaN);
        List<StockCritico> critical = List.of(
                new StockCritico(2, "=HYPERLINK(\"http://x\")", "+Gaseosa, \"2L\"", "Bebidas", 0, 10, 13, 1.3, "verano",
                        13, "$ 200,00"),
                new StockCritico(3, "-ALFAJOR", "\tAlfajor\r\nTriple 🍫", "Almacén", 5, 10, 13, 1.3, "verano", 8, "$ 50,00"));
        return new DepositoSnapshot(version, p, critical, a.build(), AS_OF, AS_OF, AS_OF, "deposito");
    }

    static Producto producto(long id, String codigo, String nombre, String categoria, int stock, double precio,
            String cuit, String proveedor) {
        return new Producto(id, codigo, nombre, null, categoria, stock, 10, null, precio, precio * 1.4, cuit, proveedor,
                true, AS_OF - 86_400_000L * 100, null);
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return bridge.get(path, all);
    }

    /** Providers: 200, CSV content type, dated attachment name, data headers, the golden body. */
    @Test
    void should_export_providers_as_the_golden_csv() throws Exception {
        HttpResponse<String> r = get("/api/export/providers.csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        String today = LocalDate.now(Clock.system(ZONE)).toString();
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"providers-" + today + ".csv\"");
        assertThat(r.headers().firstValue("X-Data-As-Of")).hasValue("2026-03-18T15:00:00Z");
        assertThat(r.headers().firstValue("X-Data-Stale")).hasValue("false");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body()).isEqualTo(""
                + "cuit,nombre,total_productos,productos_activos,stock_total,valor_stock,productos_criticos,"
                + "movimientos_semana,movimientos_mes\r\n"
                + "30-11111111-1,La Serenísima,1,1,50,5000.00,0,1,1\r\n"
                + "30-33333333-3,'-Arcor S.A.,1,1,5,250.00,1,0,0\r\n"
                + "30-22222222-2,'@Coca-Cola FEMSA,1,1,0,0.00,1,1,1\r\n");
    }

    /** Critical stock: quoting of commas, quotes and CR/LF inside names, and the guard on every hostile cell. */
    @Test
    void should_export_critical_stock_as_the_golden_csv() throws Exception {
        HttpResponse<String> r = get("/api/export/critical-stock.csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(""
                + "producto_id,codigo,nombre,categoria,stock_actual,stock_minimo,stock_minimo_ajustado,deficit,proveedor\r\n"
                + "2,\"'=HYPERLINK(\"\"http://x\"\")\",\"'+Gaseosa, \"\"2L\"\"\",Bebidas,0,10,13,13,'@Coca-Cola FEMSA\r\n"
                + "3,'-ALFAJOR,\"'\tAlfajor\r\nTriple 🍫\",Almacén,5,10,13,8,'-Arcor S.A.\r\n");
    }

    /** Every export has the rows and columns of its JSON twin, for the same parameters (unguarded, money to 2 dp). */
    @Test
    void should_match_the_json_twin_row_for_row() throws Exception {
        for (String q : List.of("/summary", "/providers", "/providers?sort=nombre&order=asc&limit=2", "/providers?q=seren",
                "/top-products", "/top-products?tipo=entrada", "/stock-timeline", "/stock-timeline?days=90&tipo=salida",
                "/critical-stock", "/critical-stock?limit=1")) {
            String path = q.contains("?") ? q.substring(0, q.indexOf('?')) : q;
            String query = q.contains("?") ? q.substring(q.indexOf('?')) : "";
            HttpResponse<String> json = get("/api" + q);
            HttpResponse<String> csv = get("/api/export" + path + ".csv" + query);
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(csv.statusCode()).as(q).isEqualTo(200);
            JsonNode expected = JSON.readTree(json.body());
            List<JsonNode> rows = new ArrayList<>();
            if (expected.isArray()) {
                expected.forEach(rows::add);
            } else {
                rows.add(expected);
            }
            List<List<String>> parsed = parse(csv.body());
            CsvTableShape shape = new CsvTableShape(path.substring(1));
            assertThat(parsed.get(0)).as(q + " header").isEqualTo(shape.header(rows.isEmpty() ? null : rows.get(0)));
            assertThat(parsed).as(q + " rows").hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                List<String> cells = parsed.get(i + 1);
                List<String> header = parsed.get(0);
                for (int c = 0; c < header.size(); c++) {
                    if (header.get(c).equals("generated_at")) {
                        continue;
                    }
                    assertThat(CsvWriter.unguard(cells.get(c))).as(q + " row " + i + " " + header.get(c))
                            .isEqualTo(shape.expectedCell(rows.get(i), header.get(c)));
                }
            }
        }
    }

    /**
     * /api/export/&lt;dataset&gt;.xlsx: the same rows as the JSON twin (same parameters) in a typed workbook, with its own
     * content type and a dated .xlsx attachment name; text exactly the deposito's, without the CSV's guard.
     */
    @Test
    void should_export_the_xlsx_twin() throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(bridge.apiUrl("/api/export/providers.xlsx?sort=nombre&order=asc")))
                .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(CsvExports.XLSX);
        String today = LocalDate.now(Clock.system(ZONE)).toString();
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"providers-" + today + ".xlsx\"");
        JsonNode json = JSON.readTree(get("/api/providers?sort=nombre&order=asc").body());
        List<org.dhatim.fastexcel.reader.Row> rows = XlsxWriterTest.read(r.body());
        assertThat(rows).hasSize(json.size() + 1);
        for (int i = 0; i < json.size(); i++) {
            assertThat(rows.get(i + 1).getCell(1).asString()).isEqualTo(json.get(i).get("nombre").asText());
            assertThat(rows.get(i + 1).getCell(5).asNumber().doubleValue())
                    .isEqualTo(json.get(i).get("valor_stock").asDouble());
        }
        assertThat(get("/api/export/providers.xlsx?sort=precio").statusCode()).isEqualTo(400);
        assertThat(bridge.get("/api/export/providers.xlsx").statusCode()).isEqualTo(401);
    }

    /** The same parameter rules as the JSON twin: a bad value is 400 JSON, never CSV. */
    @Test
    void should_refuse_bad_parameters_with_json() throws Exception {
        for (String q : List.of("/providers.csv?sort=precio", "/top-products.csv?limit=abc",
                "/stock-timeline.csv?start_date=2026-02-30", "/critical-stock.csv?limit=1x", "/summary.csv?dialect=excel")) {
            HttpResponse<String> r = get("/api/export" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid_parameter");
        }
    }

    /** No key: 401 JSON, as the JSON twin. */
    @Test
    void should_require_authentication() throws Exception {
        HttpResponse<String> r = bridge.get("/api/export/summary.csv");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
    }

    /** A dataset failing inside the export: 500 with a JSON body and the request id, no CSV, no attachment. */
    @Test
    void should_answer_a_failure_with_a_json_error() throws Exception {
        var registry = bridge.context().getRegistry();
        DatasetService original = registry.lookupByNameAndType("dashboardDatasets", DatasetService.class);
        SnapshotStore store = registry.lookupByNameAndType("snapshotStore", SnapshotStore.class);
        DatasetService broken = new DatasetService(store, ZONE, 800, 16, 10, Clock.systemUTC()) {
            @Override
            public Extract extract(String dataset, String rawQuery) {
                Extract x = super.extract(dataset, rawQuery);
                return new Extract(dataset, new FailingList(x.rows()), x.version(), x.asOfMillis(), x.stale(), x.source());
            }
        };
        registry.unbind("dashboardDatasets");
        registry.bind("dashboardDatasets", broken);
        assertThat(registry.lookupByNameAndType("dashboardDatasets", DatasetService.class)).isSameAs(broken);
        try {
            HttpResponse<String> r = get("/api/export/providers.csv", "X-Request-ID", "req-broken-1");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("error").asText()).isEqualTo("internal_error");
            assertThat(body.get("request_id").asText()).isEqualTo("req-broken-1");
            assertThat(r.body()).doesNotContain("cuit");
        } finally {
            registry.unbind("dashboardDatasets");
            registry.bind("dashboardDatasets", original);
        }
        assertThat(get("/api/export/providers.csv").statusCode()).isEqualTo(200);
    }

    /** The operator's trigger file in reports.dir starts a drop in the running bridge; health and metric follow. */
    @Test
    void should_drop_the_reports_when_the_trigger_file_appears() throws Exception {
        Files.writeString(reports.resolve(".run-now"), "");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !Files.exists(reports.resolve(".run-now")) && manifests().size() == 1);
        Path manifest = manifests().get(0);
        JsonNode m = JSON.readTree(manifest.toFile());
        assertThat(m.get("files")).as("a CSV and an XLSX per report (reports.formats default)").hasSize(10);
        assertThat(m.get("data_as_of").asText()).isEqualTo("2026-03-18T15:00:00Z");
        String providers = m.get("files").get(2).get("name").asText();
        assertThat(providers).endsWith(".csv").startsWith("providers-");
        // the drops' default dialect is excel-ar: byte for byte what the export answers with ?dialect=excel-ar
        assertThat(m.get("dialect").asText()).isEqualTo("excel-ar");
        assertThat(Files.readString(reports.resolve(providers), StandardCharsets.UTF_8))
                .isEqualTo(get("/api/export/providers.csv?dialect=excel-ar").body())
                .startsWith("\uFEFFcuit;nombre;");
        HttpResponse<String> health = bridge.getManagement("/observe/health?exposureLevel=full");
        assertThat(health.body()).contains("\"reports\"");
        String metrics = bridge.scrapeMetrics();
        assertThat(metrics.lines().filter(l -> l.startsWith("report_files_total{")
                && l.contains("report=\"providers\"") && l.contains("result=\"written\"")))
                .singleElement().satisfies(l -> assertThat(l).as("its CSV and its XLSX").endsWith(" 2.0"));
        assertThat(metrics.lines().filter(l -> l.startsWith("report_files_total{"))).hasSize(15);
    }

    private static List<Path> manifests() throws Exception {
        try (var s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().matches("manifest-.*\\.json")).toList();
        }
    }

    static List<List<String>> parse(String csv) throws Exception {
        Path f = Files.createTempFile(reports, "parse", ".tmpcsv");
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        try {
            return CsvWriterTest.parse(f);
        } finally {
            Files.delete(f);
        }
    }

    /** A list whose second element cannot be read: a dataset failing half-way. */
    static final class FailingList extends java.util.AbstractList<Object> {
        private final List<?> rows;

        FailingList(List<?> rows) {
            this.rows = rows;
        }

        @Override
        public Object get(int i) {
            if (i >= 1) {
                throw new IllegalStateException("row " + i + " unreadable");
            }
            return rows.get(i);
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    /** How a JSON field appears in the CSV: the summary's proveedor_top flattened, money to two decimals. */
    record CsvTableShape(String dataset) {
        /** The JSON field names in order (proveedor_top as its four flattened columns). */
        List<String> header(JsonNode firstRow) {
            if (firstRow == null) {
                return ReportTables.table(dataset).header();
            }
            List<String> names = new ArrayList<>();
            firstRow.fieldNames().forEachRemaining(f -> {
                if (f.equals("proveedor_top")) {
                    List.of("cuit", "nombre", "productos", "valor_stock").forEach(t -> names.add("proveedor_top_" + t));
                } else {
                    names.add(f);
                }
            });
            return names;
        }

        String expectedCell(JsonNode row, String column) {
            JsonNode v;
            if (column.startsWith("proveedor_top_")) {
                JsonNode top = row.get("proveedor_top");
                v = top == null || top.isNull() ? null : top.get(column.substring("proveedor_top_".length()));
            } else {
                v = row.get(column);
            }
            assertThat(row.has(column) || column.startsWith("proveedor_top_")).as("JSON has field " + column).isTrue();
            if (v == null || v.isNull()) {
                return "";
            }
            boolean money = ReportTables.table(dataset).columns().stream()
                    .anyMatch(c -> c.name().equals(column) && c.kind() == CsvTable.Kind.MONEY);
            if (money) {
                return new java.math.BigDecimal(v.asText()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            }
            return v.asText();
        }
    }
}
