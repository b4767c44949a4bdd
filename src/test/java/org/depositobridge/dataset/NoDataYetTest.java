package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up window from a fresh data folder, over real HTTP: from the first answer the API port speaks JSON,
 * answers 503 no_data_yet with Retry-After (never 404 HTML, never zeros, never a partial dataset) until products,
 * critical stock and movements are all in, and labels every answer with the real data source.
 */
class NoDataYetTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    record Seen(String path, int status, String contentType, String source, String retryAfter, String body) {
    }

    /**
     * The embedded simulator answers /productos 2 s late, so critical stock and movements are in well before the
     * products: the window with partial data is observable without sleeping. The client polls from before the port
     * listens until the summary answers 200.
     */
    @Test
    void should_answer_503_json_until_every_dataset_is_complete() throws Exception {
        int port = freePort();
        long t0 = System.nanoTime();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<RunningBridge> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return RunningBridge.start(Map.of("camel.server.port", Integer.toString(port),
                        "bridge.data-dir", dataDir.toString(), "simulator.faults", "latency:2000@productos"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RunningBridge bridge = null;
        try {
            Awaitility.await("summary answers 200").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
                    .until(() -> probe(port, "/api/summary", seen) == 200);
            probe(port, "/api/export/summary.csv", seen);
            bridge = starting.get(60, TimeUnit.SECONDS);

            // the figures of the window, for the record (test output file)
            System.out.printf("start-up window: %d answers before the first 200, all 503 no_data_yet; first 200 after %d ms%n",
                    seen.stream().filter(s -> s.status() == 503).count(), (System.nanoTime() - t0) / 1_000_000);
            assertThat(seen).as("answers before the data was complete").anyMatch(s -> s.status() == 503);
            for (Seen s : seen) {
                assertThat(s.contentType()).as(s.toString()).isNotNull()
                        .doesNotContain("html");
                assertThat(s.status()).as(s.toString()).isIn(200, 503);
                assertThat(s.source()).as(s.toString()).isEqualTo("simulator");
                if (s.status() == 503) {
                    assertThat(s.contentType()).as(s.toString()).startsWith("application/json");
                    assertThat(MAPPER.readTree(s.body()).get("error").asText()).as(s.toString()).isEqualTo("no_data_yet");
                    assertThat(Long.parseLong(s.retryAfter())).as(s.toString()).isPositive();
                }
            }
            Seen ok = seen.stream().filter(s -> s.status() == 200 && s.path().equals("/api/summary")).findFirst()
                    .orElseThrow();
            assertThat(MAPPER.readTree(ok.body()).get("total_productos").asInt()).isPositive();
            assertThat(seen.get(seen.size() - 1).status()).as("the CSV export once the data is in").isEqualTo(200);
            assertThat(seen.get(seen.size() - 1).contentType()).startsWith("text/csv");
        } finally {
            (bridge != null ? bridge : starting.get(60, TimeUnit.SECONDS)).close();
        }
    }

    /** While products are missing, every dataset and every export answers 503 no_data_yet. */
    @Test
    void should_refuse_every_dataset_and_export_while_products_are_missing() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("bridge.data-dir", dataDir.toString(),
                "simulator.faults", "status:503@productos"))) {
            // critical stock and movements arrive; products never do
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> bridge.context().getRegistry()
                    .lookupByNameAndType("snapshotStore", org.depositobridge.deposito.SnapshotStore.class)
                    .current().criticalAsOfMillis() > 0);
            for (String path : List.of("/api/summary", "/api/providers", "/api/stock-timeline", "/api/top-products",
                    "/api/trends", "/api/stock-by-provider", "/api/weekly-sales", "/api/critical-stock",
                    "/api/export/summary.csv", "/api/export/providers.csv", "/api/export/top-products.csv",
                    "/api/export/stock-timeline.csv", "/api/export/critical-stock.csv")) {
                HttpResponse<String> r = bridge.get(path, "X-API-Key", "test-key-1");
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(503);
                assertThat(MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("no_data_yet");
                assertThat(r.headers().firstValue("Retry-After")).as(path).isPresent();
                assertThat(r.headers().firstValue("X-Data-Source")).as(path).hasValue("simulator");
                assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("application/json; charset=utf-8");
            }
            // refused callers still need credentials: the guard runs first
            assertThat(bridge.get("/api/summary").statusCode()).isEqualTo(401);
        }
    }

    private static int probe(int port, String path, List<Seen> seen) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("X-API-Key", "test-key-1").timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            seen.add(new Seen(path, r.statusCode(), type == null ? null : type.toLowerCase(Locale.ROOT),
                    r.headers().firstValue("X-Data-Source").orElse(null),
                    r.headers().firstValue("Retry-After").orElse(null), r.body()));
            return r.statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
