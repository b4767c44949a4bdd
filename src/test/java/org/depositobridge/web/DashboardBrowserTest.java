package org.depositobridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page in a real browser (Debian's /usr/bin/chromium driven by playwright-core, both installed by
 * bin/setup.d/chromium.sh), against a bridge polling a seeded simulator over HTTP: wrong key, sign-in, every chart and
 * table against the API, ETag reuse, a filter, search, CSV downloads, English, 360 px, keyboard, a deposito fault and
 * the stale banner, sign-out. Screenshots, texts, downloads and results.json land in target/dashboard-browser/.
 * Prints the first full render time and the page's transferred size (docs/benchmarks.md). Fails (never skips) when
 * the browser is missing.
 */
class DashboardBrowserTest {

    static final Path SCRIPT = Path.of("src", "test", "browser", "dashboard-check.mjs");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path OUT = Path.of("target", "dashboard-browser");
    static final String KEY = "test-key-1";
    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode results;
    static String nodeOutput;
    static int nodeExit;

    /** One run of the script: its exit code, what it printed, and its results.json. */
    record Run(int exit, String output, JsonNode results) {
    }

    @BeforeAll
    static void driveTheBrowser() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium; bin/setup.d/chromium.sh installs it").isExecutable();
        assertThat(SCRIPT.resolveSibling("node_modules/playwright-core/package.json"))
                .as("playwright-core; bin/setup.d/chromium.sh installs it").exists();
        try (SimulatedDeposito deposito = SimulatedDeposito.start(300, 70, 60)) {
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            // pollers every 4 s: a fault shows within seconds, and back-to-back page refreshes mostly see one snapshot
            settings.put("deposito.productos.period-ms", "4000");
            settings.put("deposito.critical.period-ms", "4000");
            settings.put("deposito.movements.period-ms", "4000");
            settings.put("dashboard.rate-limit", "2000");
            settings.put("dashboard.page-refresh-seconds", "5");
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                bridge.awaitReady();
                Map<String, String> env = new HashMap<>();
                env.put("BASE_URL", bridge.apiUrl(""));
                env.put("SIM_ROOT_URL", deposito.simulator().rootUrl());
                env.put("SIM_ADMIN_TOKEN", deposito.simulator().adminToken());
                Run run = drive(OUT, env);
                nodeExit = run.exit();
                nodeOutput = run.output();
                results = run.results();
            }
        }
    }

    static Run drive(Path out, Map<String, String> extra) throws Exception {
        Files.createDirectories(out);
        try (var old = Files.list(out)) {
            for (Path p : old.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().putAll(extra);
        pb.environment().put("API_KEY", KEY);
        pb.environment().put("OUT_DIR", out.toAbsolutePath().toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = pb.start();
        if (!node.waitFor(4, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("browser script did not finish in 4 minutes");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("node.log"), output);
        return new Run(node.exitValue(), output, MAPPER.readTree(out.resolve("results.json").toFile()));
    }

    @AfterAll
    static void printFigures() {
        if (results != null && results.has("firstRenderMs")) {
            System.out.printf("event=dashboard_browser first_render_ms=%s dom_content_loaded_ms=%s transfer_bytes=%s "
                    + "encoded_body_bytes=%s%n", results.get("firstRenderMs"), results.at("/navigation/domContentLoaded"),
                    results.at("/navigation/transfer"), results.at("/navigation/encoded"));
        }
    }

    /** The script went through every step without a page error, a CSP violation or a request to another origin. */
    @Test
    void should_go_through_every_step_without_errors() {
        assertThat(nodeExit).as(nodeOutput).isZero();
        assertThat(results.get("problems")).as(nodeOutput).isEmpty();
        assertThat(results.get("otherOrigins")).isEmpty();
        for (String step : List.of("01-wrong-key", "02-signed-in-1440", "03-filtered-top-products", "04-english-360",
                "05-spanish-360", "06-stale-banner", "07-signed-out")) {
            assertThat(OUT.resolve(step + ".png")).as(step).isNotEmptyFile();
        }
    }

    /** A wrong key: an error on the form, the field emptied. */
    @Test
    void should_show_an_error_for_a_wrong_key() {
        assertThat(results.get("wrongKeyError").asText()).contains("Clave incorrecta").contains("invalid API key");
        assertThat(results.get("keyFieldEmptyAfterSubmit").asBoolean()).isTrue();
    }

    /** The key is nowhere the page keeps things: not in storage, cookies readable by script, the URL or the DOM. */
    @Test
    void should_keep_the_key_out_of_the_page() {
        assertThat(results.get("storage").asText()).doesNotContain(KEY).doesNotContain("dashboard_session");
    }

    /** Every chart and table shows as many rows as the API answers for the same question, and they are not empty. */
    @Test
    void should_show_the_simulator_data_in_every_chart_and_table() {
        JsonNode panels = results.get("panels");
        for (String id : List.of("daily", "top", "trends", "byProvider", "weekly", "critical", "providers")) {
            JsonNode p = panels.get(id);
            assertThat(p.get("status").asInt()).as(id).isEqualTo(200);
            assertThat(p.get("apiRows").asInt()).as(id).isPositive();
            assertThat(p.get("rows").asInt()).as(id + " rows shown").isEqualTo(p.get("apiRows").asInt());
            assertThat(p.get("tableRows").asInt()).as(id + " table rows").isEqualTo(p.get("apiRows").asInt());
        }
        // charts: one point per row, except the daily chart (one per day of the range) and the trends (one per month)
        assertThat(panels.at("/daily/points").asInt()).isEqualTo(14);
        assertThat(panels.at("/top/points").asInt()).isEqualTo(panels.at("/top/apiRows").asInt());
        assertThat(panels.at("/trends/points").asInt()).isEqualTo(6);
        assertThat(panels.at("/byProvider/points").asInt()).isEqualTo(panels.at("/byProvider/apiRows").asInt());
        assertThat(panels.at("/weekly/points").asInt()).isEqualTo(8);
        // KPI cards in the es-AR format: "$ 1.234.567,89" (a no-break space after the sign)
        String valor = panels.at("/kpis/valor").asText().replace('\u00a0', ' ');
        assertThat(valor).matches("\\$ \\d{1,3}(\\.\\d{3})*,\\d{2}");
        double expected = panels.at("/kpis/api/valor_inventario").asDouble();
        assertThat(Double.parseDouble(valor.substring(2).replace(".", "").replace(',', '.'))).isEqualTo(expected);
        assertThat(panels.at("/kpis/critico").asText().replace(".", ""))
                .isEqualTo(panels.at("/kpis/api/productos_stock_critico").asText());
    }

    /** An immediate second refresh sends If-None-Match for every dataset and downloads none of them again. */
    @Test
    void should_not_download_unchanged_datasets_again() {
        JsonNode last = results.get("etag").get(results.get("etag").size() - 1);
        assertThat(last.get("requests").asInt()).as(results.get("etag").toString()).isEqualTo(8);
        assertThat(last.get("notModified").asInt()).isEqualTo(8);
        assertThat(last.get("downloaded").asInt()).isZero();
    }

    /** Top products by value, 5 of them: the chart redraws with 5 bars in pesos, the table and CSV link follow. */
    @Test
    void should_change_the_chart_when_a_filter_changes() {
        JsonNode f = results.get("filter");
        assertThat(f.get("pointsBefore").asInt()).isEqualTo(10);
        assertThat(f.get("pointsAfter").asInt()).isEqualTo(5);
        assertThat(f.get("legend").asText()).contains("Valor");
        List<String> shown = MAPPER.convertValue(f.get("tableCodes"), MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        List<String> api = MAPPER.convertValue(f.get("apiCodes"), MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(shown).isEqualTo(api);
        assertThat(f.get("csvHref").asText()).startsWith("/api/export/top-products.csv?").contains("sort=valor").contains("limit=5");
        assertThat(results.at("/search/rows").asInt()).isPositive();
    }

    /** The providers export (the bridge's, excel-ar) and the weekly sales made on the page both download as CSV. */
    @Test
    void should_download_csv() throws Exception {
        String providers = Files.readString(Path.of(results.at("/providersCsv/file").asText()), StandardCharsets.UTF_8);
        assertThat(providers).startsWith("\ufeffcuit;nombre;");
        assertThat(providers.split("\r\n").length).isEqualTo(results.at("/panels/providers/apiRows").asInt() + 1);
        assertThat(results.at("/providersCsv/suggested").asText()).startsWith("providers").endsWith(".csv");
        String weekly = Files.readString(Path.of(results.at("/weeklyCsv/file").asText()), StandardCharsets.UTF_8);
        assertThat(weekly).startsWith("\ufeffsemana;movimientos;unidades;productos\r\n");
        assertThat(weekly.split("\r\n")).hasSize(9);
    }

    /** A deposito fault: the bridge keeps serving, and the page says the data are stale and how old. */
    @Test
    void should_show_the_stale_banner_on_a_deposito_fault() {
        assertThat(results.at("/bannerAfterSignIn/stale").asText()).isEqualTo("false");
        assertThat(results.at("/bannerAfterSignIn/source").asText()).isEqualTo("deposito");
        assertThat(results.get("faultInjected").asInt()).isEqualTo(201);
        assertThat(results.at("/staleBanner/stale").asText()).isEqualTo("true");
        assertThat(results.at("/staleBanner/hidden").asBoolean()).isFalse();
        assertThat(results.at("/staleBanner/text").asText()).contains("Datos desactualizados").contains("hace");
    }

    /** English on demand; readable at 360 px (no horizontal scroll); keyboard reaches the controls; sign-out ends it. */
    @Test
    void should_switch_language_fit_360_px_and_sign_out() {
        assertThat(results.get("english").asText()).isEqualTo("Warehouse dashboard");
        assertThat(results.get("overflow360").asInt()).isLessThanOrEqualTo(360);
        assertThat(results.get("tabOrder").toString()).contains("lang").contains("refresh").contains("signout");
        assertThat(results.get("afterSignOut").asInt()).isEqualTo(401);
    }

    /**
     * The first full render of a signed-in visit is measured (printed after the run; the budget of 1 s is checked in
     * docs/benchmarks.md, not here: a timed assertion would fail on a loaded machine, not on a slow page).
     */
    @Test
    void should_measure_the_first_full_render() {
        assertThat(results.get("firstRenderMs").asInt()).isPositive();
    }
}
