package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.apache.camel.spi.ReloadStrategy;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real route files under the dev profile's reload: a copy of routes/ in a temporary folder is what the bridge
 * loads and watches. Every file in turn gets a harmless edit (a route's description), then a broken save, then a
 * mended one; after each, every dataset, every CSV export, the OpenAPI document, /health and /observe/health answer
 * 200, and a broken save is one WARN line naming the file.
 */
class DashboardReloadTest {

    static final List<String> ENDPOINTS = List.of("/api/summary", "/api/providers", "/api/stock-timeline",
            "/api/top-products", "/api/trends", "/api/stock-by-provider", "/api/weekly-sales", "/api/critical-stock",
            "/api/export/summary.csv", "/api/export/providers.csv", "/api/export/top-products.csv",
            "/api/export/stock-timeline.csv", "/api/export/critical-stock.csv", "/api/openapi.json");

    @TempDir
    Path work;

    /** Every file edited then broken in turn: the API keeps answering; a broken save is one WARN line with the file. */
    @Test
    void should_keep_every_endpoint_serving_while_each_route_file_is_edited_or_broken() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, routes.resolve(f.getFileName().toString()));
                names.add(f.getFileName().toString());
            }
        }
        Map<String, String> overrides = devProfile();
        overrides.put("camel.main.routesIncludePattern", "file:" + routes + "/*.camel.yaml");
        overrides.put("camel.main.routesReloadDirectory", routes.toString());

        try (RunningBridge bridge = RunningBridge.start(overrides); LogCapture log = LogCapture.open()) {
            bridge.awaitReady();
            ReloadStrategy reload = bridge.context().hasService(ReloadStrategy.class);
            assertAllServing(bridge);
            double servedBefore = servedSummaries(bridge.scrapeMetrics());
            for (String name : names) {
                Path file = routes.resolve(name);
                String original = Files.readString(file);

                long reloaded = reload.getReloadCounter();
                save(file, harmlessEdit(original));
                await(name + " reloaded").atMost(Duration.ofSeconds(30)).until(() -> reload.getReloadCounter() > reloaded);
                assertAllServing(bridge);
                if (name.equals("dashboard-datasets.camel.yaml")) {
                    // the bridge's own API counter survives the reload of the file that holds api-summary: it has
                    // the requests from before (servedBefore) plus one per check since (Camel's per-route
                    // camel_exchanges_* meters, which the pollers' routes have, restart at 0 instead; the API's routes
                    // have none: docs/routes.md, "Reload")
                    assertThat(servedSummaries(bridge.scrapeMetrics())).as("api_requests_total after reloads")
                            .isGreaterThanOrEqualTo(servedBefore + 2);
                }

                long failed = reload.getFailedCounter();
                int from = log.size();
                save(file, original + "\n- route:\n    id: broken\n    from: [this is not a route\n");
                await(name + " refused").atMost(Duration.ofSeconds(30)).until(() -> reload.getFailedCounter() > failed);
                assertAllServing(bridge);
                List<ILoggingEvent> warns = log.since(from, Level.WARN);
                assertThat(warns).as("one WARN line for the broken %s", name).hasSize(1);
                // one line: file, line and column of the break, no stack trace (that is at DEBUG)
                // the line of "from: [this is not a route": after the file's lines, the blank, "- route:" and "id:"
                int brokenLine = (int) original.lines().count() + 4;
                assertThat(warns.get(0).getFormattedMessage())
                        .startsWith("event=routes_reload_refused file=")
                        .contains(name)
                        .contains(" line=" + brokenLine + " ")
                        .contains("previous_routes=kept")
                        .doesNotContain("\n");
                assertThat(warns.get(0).getThrowableProxy()).isNull();
                // a broken file in the folder blocks the reload of the others (Camel parses the folder's files together),
                // so the operator's next save mends it
                long back = reload.getReloadCounter();
                save(file, original + "\n# mended after a broken save\n");
                await(name + " mended").atMost(Duration.ofSeconds(30)).until(() -> reload.getReloadCounter() > back);
                assertAllServing(bridge);
            }
        }
    }

    /**
     * Saves as editors do, by renaming a finished file over the old one: a plain overwrite lets the watcher read the
     * file empty halfway and report a second, spurious failure.
     */
    private static void save(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".saving");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** api_requests_total of /api/summary answered 2xx, from a Prometheus scrape. */
    private static double servedSummaries(String scrape) {
        String series = "api_requests_total{route=\"api-summary\",status_class=\"2xx\"} ";
        return scrape.lines().filter(l -> l.startsWith(series)).mapToDouble(l -> Double.parseDouble(l.substring(series.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + series + "in the scrape"));
    }

    private static void assertAllServing(RunningBridge bridge) {
        await("every endpoint answers 200").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> failing = new ArrayList<>();
            for (String path : ENDPOINTS) {
                HttpResponse<String> r = bridge.get(path, "X-API-Key", "test-key-1");
                if (r.statusCode() != 200) {
                    failing.add(path + "=" + r.statusCode());
                }
            }
            if (bridge.get("/health").statusCode() != 200) {
                failing.add("/health");
            }
            if (bridge.getManagement("/observe/health").statusCode() != 200) {
                failing.add("/observe/health");
            }
            // what Hawtio shows of a REST-inlined route survives the reload (InlinedRestRouteLabels runs again)
            var summary = bridge.context().getRoute("api-summary");
            if (summary == null || summary.getDescription() == null || !summary.getDescription().startsWith("GET /api/summary: ")) {
                failing.add("api-summary description=" + (summary == null ? "no route" : summary.getDescription()));
            }
            assertThat(failing).isEmpty();
        });
    }

    /** A changed description of the file's first route: what an editor saves most. */
    static String harmlessEdit(String yaml) {
        int at = yaml.indexOf("\n    description: ");
        assertThat(at).as("a route description to edit").isPositive();
        int end = yaml.indexOf('\n', at + 1);
        String line = yaml.substring(at + 1, end);
        String edited = line.endsWith("\"") ? line.substring(0, line.length() - 1) + " (edited)\"" : line + " (edited)";
        return yaml.substring(0, at + 1) + edited + yaml.substring(end);
    }

    private static Map<String, String> devProfile() throws IOException {
        Properties dev = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application-dev.properties"), StandardCharsets.UTF_8)) {
            dev.load(r);
        }
        Map<String, String> overrides = new HashMap<>();
        dev.forEach((k, v) -> overrides.put((String) k, (String) v));
        // dev turns the rate limit on as usual; this test makes ~500 requests with one key
        overrides.put("dashboard.rate-limit", "100000");
        return overrides;
    }

}
