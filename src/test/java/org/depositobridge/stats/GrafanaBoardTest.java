package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.depositobridge.stock.StockInbox;
import org.depositobridge.support.BridgeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' Grafana board (deploy/grafana) proven without Grafana: a real Prometheus scrapes a real bridge (a
 * child JVM) that has served API requests (2xx, 401, 429), run the report drop and taken a stock file, and every
 * query of every panel, evaluated through Prometheus' HTTP API, returns series.
 */
class GrafanaBoardTest {

    private static final Path BOARD = Path.of("deploy/grafana/dashboards/deposito-bridge.json");
    private static final Path PROVISIONING = Path.of("deploy/grafana/provisioning");
    private static final Path ALERTS = Path.of("config/prometheus/alerts.yml");
    /** What the test puts for Grafana's $__rate_interval / $__interval: about 60 samples at the 1 s scrape. */
    private static final String WINDOW = "1m";
    /** What the test puts for $__range (the stat panels' "in range" figures), and the window of the value checks. */
    private static final String RANGE = "10m";
    private static final int RATE_LIMIT = 5;
    private static final String STOCK_FILE = "grafana-board.csv";
    private static final String SIM_ADMIN_TOKEN = "grafana-board-test-admin-token";
    /** The breaker check's window: short, so the successes before the fault leave it within seconds. */
    private static final String BREAKER_WINDOW = "15s";
    /** The rows an operator looks for, one per area of the board. */
    private static final List<String> ROWS = List.of("Overview", "Deposito calls (per endpoint)", "Circuit breaker",
            "Data freshness (pollers)", "Dashboard API", "Reports", "Stock updates", "Stats processor (resets, memory)",
            "JVM (heap, GC)");
    /** The metric name prefixes of deploy/grafana/README.md ("Metric names"); the bridge's own ones first. */
    private static final List<String> PREFIXES = List.of("deposito_", "bridge_", "api_", "report_", "stock_update_",
            "camel_", "app_info", "jvm_", "process_", "system_");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path temp;

    static BridgeProcess bridge;
    static PrometheusServer prometheus;
    static int apiPort;
    static int managementPort;
    static Path credentials;
    static int simulatorPort;
    static StockInbox stockInbox;
    static JsonNode board;
    static List<PanelQuery> queries;

    /** One target of one panel: where it is on the board, and its PromQL with Grafana's variables. */
    record PanelQuery(String panel, String refId, String expr) {
        @Override
        public String toString() {
            return "panel '" + panel + "' target " + refId + ": " + expr;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        board = JSON.readTree(BOARD.toFile());
        queries = panelQueries(board);
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Path reports = Files.createDirectories(temp.resolve("reports"));
        apiPort = freePort();
        managementPort = freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        // ports of our own (the last -D of a key wins over BridgeProcess's): Prometheus's target is the management port
        settings.put("camel.server.port", String.valueOf(apiPort));
        settings.put("camel.management.port", String.valueOf(managementPort));
        settings.put("reports.dir", reports.toString());
        settings.put("reports.run-now-poll-interval", "200");
        settings.put("stock-updates.inbox", inbox.toString());
        settings.put("dashboard.rate-limit", String.valueOf(RATE_LIMIT));
        // a stats window closes every 3 deposito attempts: the first pollers' calls close one, so the last-window
        // latency gauges carry numbers rather than NaN
        settings.put("stats.reset-threshold", "3");
        // the breaker panel: movements polled often and failing at once (no retries) once the test injects a fault
        // through the embedded simulator's admin port
        simulatorPort = freePort();
        Path adminToken = Files.writeString(temp.resolve("simulator-admin-token"), SIM_ADMIN_TOKEN);
        settings.put("simulator.port", String.valueOf(simulatorPort));
        settings.put("simulator.admin-token-file", adminToken.toString());
        settings.put("deposito.movements.period-ms", "300");
        settings.put("deposito.retry.max-redeliveries", "0");
        bridge = BridgeProcess.start("grafana-board", settings, temp);
        credentials = temp.resolve("grafana-board-data").resolve("management-users.properties");
        awaitReady();
        prometheus = PrometheusServer.start(temp.resolve("prometheus"), "127.0.0.1:" + managementPort,
                ManagementCredentials.password(credentials, ManagementCredentials.USER), List.of(ALERTS));
        // drive only once Prometheus holds a first sample of every counter (at 0), or rate() and increase() would start
        // from the driven value and show nothing
        await("first scrape").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> prometheus.query("up{job=\"" + PrometheusServer.JOB + "\"} == 1").path("result").size() == 1);
        drive(reports, inbox);
        // The API counters are registered at their first request, so Prometheus' first sample of a new route and status
        // class already holds it and rate() starts from there: refuse again once Prometheus has the series.
        await("4xx series scraped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus.query("api_requests_total{status_class=\"4xx\"}").path("result").size() >= 2);
        assertThat(api("/api/summary", null)).isEqualTo(401);
        assertThat(api("/api/providers", "test-key-2")).isEqualTo(429);
        // the stock line goes through the breaker too: let it be applied before the circuit opens
        stockInbox.awaitResult(STOCK_FILE, Duration.ofSeconds(60));
        injectFault("status:500@movements");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (bridge != null) {
                bridge.close();
            }
        }
    }

    /** Every target of every panel returns at least one series from the scraped bridge. */
    @Test
    void should_return_series_for_every_panel_query() throws Exception {
        assertThat(queries).hasSizeGreaterThan(30);
        await("every panel query returns series").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (PanelQuery q : queries) {
                        if (series(q, WINDOW).isEmpty()) {
                            empty.add(q.toString());
                        }
                    }
                    String log = prometheus.logTail();
                    assertThat(empty).as("panel queries that return no series%s",
                            log.isBlank() ? "" : " (prometheus log:\n" + log + ")").isEmpty();
                });
        // what each panel showed, for a reader of the build (target/ is the build's own folder)
        StringBuilder shown = new StringBuilder();
        for (PanelQuery q : queries) {
            shown.append(series(q, WINDOW).size()).append(" series\t").append(q).append('\n');
        }
        Files.writeString(Path.of("target/grafana-board-queries.txt"), shown);
    }

    /** The panels fed by what the test did show it: the scrape, 4xx answers, a report set, a stock line, a stats reset. */
    @Test
    void should_show_the_driven_traffic_in_its_panels() {
        await("driven traffic on the board").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(values("Scrape", RANGE)).as("Scrape").containsValue(1.0);
                    String refusedPanel = "Refused requests (4xx) and rate-limited (429) per route";
                    Map<String, Double> refused = values(refusedPanel, RANGE);
                    assertThat(refused.get("api-summary")).as("401 on api-summary").isPositive();
                    assertThat(refused.get("api-providers")).as("429 on api-providers").isPositive();
                    Map<String, Double> limited = values(refusedPanel, 1, RANGE);
                    assertThat(limited.get("api-providers 429")).as("429s apart on api-providers").isPositive();
                    assertThat(limited.get("api-summary 429")).as("no 429 on api-summary (its 4xx were 401s)").isZero();
                    // one file per report of the set at least (more with several reports.formats)
                    assertThat(values("Report files written in range", RANGE).get("written")).as("report files")
                            .isGreaterThanOrEqualTo(5.0);
                    assertThat(values("Failed runs in range", RANGE).get("failed runs")).as("failed runs").isZero();
                    assertThat(values("Stock file lines by outcome", RANGE).get("applied")).as("stock lines applied")
                            .isPositive();
                    assertThat(values("Stats windows closed", RANGE).get("resets")).as("stats resets")
                            .isGreaterThanOrEqualTo(1.0);
                    assertThat(values("Data age per dataset", RANGE)).as("datasets")
                            .containsKeys("productos", "critical", "movements");
                });
    }

    /** Movements answered 500 from the test's fault on: errors show, and the breaker panel says open. */
    @Test
    void should_show_the_open_circuit_and_the_failed_attempts() {
        await("breaker open on the board").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(values("Failed attempts by outcome", RANGE).get("movements http_5xx")).as("5xx")
                            .isPositive();
                    assertThat(values("Error ratio", RANGE).get("movements")).as("error ratio").isPositive();
                    assertThat(values("Short-circuited and rejected calls", RANGE).get("movements circuit_open"))
                            .as("short-circuited").isPositive();
                    assertThat(values("Breaker state per endpoint", BREAKER_WINDOW).get("movements")).as("state")
                            .isEqualTo(2.0);
                    assertThat(values("Open circuits", BREAKER_WINDOW).get("open")).as("open circuits")
                            .isGreaterThanOrEqualTo(1.0);
                });
    }

    /** The job and instance variables list the scraped bridge (what Grafana's label_values() asks Prometheus). */
    @Test
    void should_list_the_scraped_bridge_in_the_template_variables() throws Exception {
        Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
        Map<String, String> expected = Map.of("job", PrometheusServer.JOB, "instance", instance());
        for (JsonNode v : board.path("templating").path("list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            Matcher m = labelValues.matcher(v.path("query").asText());
            assertThat(m.matches()).as("variable %s is a label_values() query", v.path("name").asText()).isTrue();
            String name = v.path("name").asText();
            String match = substitute(m.group(1), WINDOW);
            await("values of $" + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(prometheus.labelValues(m.group(2), match)).as("$%s", name)
                            .contains(expected.get(name)));
        }
    }

    /** Grafana's schema as the board uses it: datasource variable, units, unique ids, a row per area, a 24-column grid. */
    @Test
    void should_be_a_grafana_board_with_units_and_a_datasource_variable() {
        assertThat(board.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(board.path("uid").asText()).isEqualTo("deposito-bridge");
        assertThat(board.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("datasource");
            assertThat(v.path("type").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
        });
        List<String> rows = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : allPanels(board)) {
            String title = p.path("title").asText();
            assertThat(ids.add(p.path("id").asInt())).as("unique id of %s", title).isTrue();
            JsonNode pos = p.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("%s fits the 24-column grid", title)
                    .isBetween(1, 24);
            if ("row".equals(p.path("type").asText())) {
                rows.add(title);
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as("datasource of %s", title).isEqualTo("${datasource}");
            assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as("unit of %s", title).isNotEmpty();
            assertThat(p.path("description").asText()).as("description of %s", title).isNotEmpty();
            assertThat(p.path("targets")).as("targets of %s", title).isNotEmpty();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("expr").asText()).as("query of %s", title)
                        .contains("job=~\"$job\"", "instance=~\"$instance\"");
            }
        }
        assertThat(rows).containsExactlyElementsOf(ROWS);
    }

    /** The provisioning files: a file provider for the board's folder, a Prometheus data source with a URL placeholder. */
    @Test
    void should_provision_the_board_and_a_prometheus_datasource() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode dashboards = yaml.readTree(PROVISIONING.resolve("dashboards/deposito-bridge.yaml").toFile());
        assertThat(dashboards.path("apiVersion").asInt()).isEqualTo(1);
        JsonNode provider = dashboards.path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isNotEmpty();
        JsonNode datasources = yaml.readTree(PROVISIONING.resolve("datasources/prometheus.yaml").toFile());
        JsonNode ds = datasources.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("$PROMETHEUS_URL");
    }

    /** The alert rules load and evaluate against the real bridge's series without an error. */
    @Test
    void should_evaluate_every_alert_rule_without_error() throws Exception {
        assertThat(prometheus.rules().findValues("rules").stream().mapToInt(JsonNode::size).sum()).as("rules loaded")
                .isGreaterThanOrEqualTo(10);
        await("every rule evaluated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(rulesNotOk()).as("rules not evaluated cleanly").isEmpty());
    }

    private static List<String> rulesNotOk() throws Exception {
        List<String> notOk = new ArrayList<>();
        for (JsonNode group : prometheus.rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!"ok".equals(rule.path("health").asText())) {
                    notOk.add(rule.path("name").asText() + " " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }
        return notOk;
    }

    /**
     * Every metric the bridge serves follows the naming convention of deploy/grafana/README.md: a known prefix, and
     * counters end in _total.
     */
    @Test
    void should_name_every_metric_by_the_documented_convention() throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(scrape());
        while (m.find()) {
            types.put(m.group(1), m.group(2));
        }
        assertThat(types).hasSizeGreaterThan(30);
        Set<String> badPrefix = new TreeSet<>();
        Set<String> badCounter = new TreeSet<>();
        types.forEach((name, type) -> {
            if (PREFIXES.stream().noneMatch(name::startsWith)) {
                badPrefix.add(name);
            }
            if ("counter".equals(type) && !name.endsWith("_total")) {
                badCounter.add(name);
            }
        });
        assertThat(badPrefix).as("metrics outside the documented prefixes").isEmpty();
        assertThat(badCounter).as("counters not ending in _total").isEmpty();
    }

    // ------------------------------------------------------------------ the board

    private static List<JsonNode> allPanels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            // a collapsed row keeps its panels inside it
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    private static List<PanelQuery> panelQueries(JsonNode dashboard) {
        List<PanelQuery> out = new ArrayList<>();
        String row = "";
        for (JsonNode p : allPanels(dashboard)) {
            if ("row".equals(p.path("type").asText())) {
                row = p.path("title").asText();
                continue;
            }
            for (JsonNode t : p.path("targets")) {
                out.add(new PanelQuery(row + " / " + p.path("title").asText(), t.path("refId").asText(),
                        t.path("expr").asText()));
            }
        }
        return out;
    }

    private static JsonNode panel(String title) {
        return allPanels(board).stream().filter(p -> title.equals(p.path("title").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled " + title));
    }

    /** Grafana's variables as Grafana would fill them for this bridge, with {@code window} for the interval ones. */
    private static String substitute(String expr, String window) throws IOException {
        String s = expr.replace("$__rate_interval", window).replace("$__interval", window).replace("$__range", RANGE)
                .replace("$job", PrometheusServer.JOB).replace("$instance", instance());
        if (s.contains("$")) {
            throw new IllegalStateException("a Grafana variable the test does not fill: " + expr);
        }
        return s;
    }

    private static String instance() {
        return "127.0.0.1:" + managementPort;
    }

    /** The series of one query; a query Prometheus refuses fails at once, naming its panel. */
    private static JsonNode series(PanelQuery q, String window) throws Exception {
        try {
            return prometheus.query(substitute(q.expr(), window)).path("result");
        } catch (AssertionError e) {
            throw new IllegalStateException(q + " is refused by Prometheus: " + e.getMessage(), e);
        }
    }

    /** The value of each series of a panel's first target, keyed by its legend (the legend format filled in). */
    private static Map<String, Double> values(String title, String window) throws Exception {
        return values(title, 0, window);
    }

    /** The values of the panel's target number {@code target}, by filled-in legend. */
    private static Map<String, Double> values(String title, int target, String window) throws Exception {
        JsonNode p = panel(title);
        JsonNode t = p.path("targets").get(target);
        PanelQuery q = new PanelQuery(title, t.path("refId").asText(), t.path("expr").asText());
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode s : series(q, window)) {
            String legend = t.path("legendFormat").asText();
            Matcher m = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(legend);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(filled, Matcher.quoteReplacement(s.path("metric").path(m.group(1)).asText()));
            }
            m.appendTail(filled);
            out.put(filled.toString(), s.path("value").get(1).asDouble());
        }
        return out;
    }

    // ------------------------------------------------------------------ the bridge

    /** Readiness on our management port (BridgeProcess.awaitReady polls the port it chose, which we replaced). */
    private static void awaitReady() {
        await("bridge ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!bridge.isAlive()) {
                throw new IllegalStateException("bridge exited:\n" + bridge.tail(40));
            }
            return status(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")));
        });
    }

    private static boolean status(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the board's API, report and stock panels show: 2xx, a 401, 429s; a report run; a stock file. */
    private static void drive(Path reports, Path inbox) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(api("/api/summary", "test-key-1"));
        }
        statuses.add(api("/api/summary", null));
        for (int i = 0; i < RATE_LIMIT + 2; i++) {
            statuses.add(api("/api/providers", "test-key-2"));
        }
        assertThat(statuses).contains(200, 401, 429);
        // the operator's "run now" trigger (docs/reports.md)
        Files.createFile(reports.resolve(".run-now"));
        // one line the deposito applies, one for a product it does not know
        stockInbox = new StockInbox(inbox);
        stockInbox.drop(STOCK_FILE, "producto_id,tipo_movimiento,cantidad\n3,entrada,4\n999999,entrada,2\n");
    }

    /** A fault of the embedded simulator (docs/deposito-api.md, "Faults"), through its admin endpoint. */
    private static void injectFault(String spec) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort + "/__sim/faults"))
                .header("X-Sim-Admin-Token", SIM_ADMIN_TOKEN).header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(spec)).build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as("fault %s: %s", spec, resp.body()).isEqualTo(201);
    }

    private static int api(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(15)).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String scrape() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                .header("Authorization", ManagementCredentials.basicAuthHeader(credentials, ManagementCredentials.USER))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as("scrape").isEqualTo(200);
        return resp.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
