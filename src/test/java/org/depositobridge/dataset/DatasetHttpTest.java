package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depositobridge.dataset.ApiCalls.get;
import static org.depositobridge.dataset.ApiCalls.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.health.DepositoHealth;
import org.depositobridge.stats.StatsView;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP behaviour of dataset answers: headers, conditional requests, gzip, freshness, errors. */
class DatasetHttpTest {

    static RunningBridge bridge;
    static SnapshotStore store;

    @BeforeAll
    static void start() throws Exception {
        // /health recomputed on every request here (0ms): these tests change its inputs between two calls;
        // the shared answer of the default interval has its own test (security.HealthCacheTest)
        bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled", "false",
                "dashboard.health-max-age", "0ms"));
        store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @BeforeEach
    void publishFixture() {
        store.publish(s -> SnapshotFixture.snapshot(s.version() + 1));
    }

    /** Every dataset answer carries the security, caching and data-freshness headers. */
    @Test
    void should_send_the_contract_headers_on_dataset_answers() throws Exception {
        HttpResponse<String> r = get(bridge, "/api/summary", "X-Request-ID", "dash-42.a:b");
        assertThat(r.statusCode()).isEqualTo(200);
        var h = r.headers();
        assertThat(h.firstValue("X-Request-ID")).hasValue("dash-42.a:b");
        assertThat(h.firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(h.firstValue("Cache-Control")).hasValue("private, max-age=10");
        assertThat(h.firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]{16}-[0-9a-f]+\""));
        assertThat(h.firstValue("Last-Modified")).hasValue("Wed, 18 Mar 2026 15:00:00 GMT");
        assertThat(h.firstValue("X-Data-As-Of")).hasValue("2026-03-18T15:00:00Z");
        assertThat(h.firstValue("X-Data-Stale")).hasValue("false");
        // the test bridge talks to its embedded simulator, and says so
        assertThat(h.firstValue("X-Data-Source")).hasValue("simulator");
        // the request's own headers never come back
        assertThat(h.firstValue("X-API-Key")).isEmpty();
    }

    /** A request id that is too long or carries odd characters is replaced by a generated one. */
    @Test
    void should_replace_an_insane_request_id() throws Exception {
        for (String bad : List.of("x".repeat(65), "a b", "<script>", "id;drop")) {
            HttpResponse<String> r = get(bridge, "/api/summary", "X-Request-ID", bad);
            assertThat(r.headers().firstValue("X-Request-ID")).hasValueSatisfying(
                    id -> assertThat(id).isNotEqualTo(bad).matches("[0-9a-f-]{36}"));
        }
        HttpResponse<String> none = get(bridge, "/api/summary");
        assertThat(none.headers().firstValue("X-Request-ID")).isPresent();
    }

    /** A matching If-None-Match answers 304 without a body; a stale tag gets the full answer. */
    @Test
    void should_answer_304_when_the_etag_matches() throws Exception {
        for (String path : List.of("/api/summary", "/api/providers", "/api/top-products?limit=2&sort=valor",
                "/api/trends?months=3", "/api/critical-stock")) {
            HttpResponse<String> first = get(bridge, path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = get(bridge, path, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(again.headers().firstValue("X-Data-Source")).hasValue("simulator");
            assertThat(get(bridge, path, "If-None-Match", "\"0-0-0\"").statusCode()).isEqualTo(200);
        }
    }

    /** gzip when the client accepts it, decompressing to exactly the plain answer. */
    @Test
    void should_gzip_when_the_client_accepts_it() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(bridge.apiUrl("/api/trends?months=12")))
                .header("X-API-Key", ApiCalls.KEY).header("Accept-Encoding", "br;q=1.0, gzip;q=0.8").build();
        HttpResponse<byte[]> zipped = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        String unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<String> plain = get(bridge, "/api/trends?months=12");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(zipped.body().length).isLessThan(plain.body().length());
        assertThat(get(bridge, "/api/trends?months=12", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();
    }

    /** When a sync fails the data is still served, flagged stale; the next good sync clears the flag. */
    @Test
    void should_flip_staleness_headers_when_the_deposito_fails() throws Exception {
        HttpResponse<String> fresh = get(bridge, "/api/summary");
        assertThat(fresh.headers().firstValue("X-Data-Stale")).hasValue("false");
        assertThat(json(fresh).get("stale").asBoolean()).isFalse();

        store.recordFailure("productos", "deposito unreachable");
        HttpResponse<String> stale = get(bridge, "/api/summary");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Data-Stale")).hasValue("true");
        assertThat(json(stale).get("stale").asBoolean()).isTrue();
        assertThat(stale.headers().firstValue("ETag")).isNotEqualTo(fresh.headers().firstValue("ETag"));
        assertThat(get(bridge, "/api/providers").headers().firstValue("X-Data-Stale")).hasValue("true");
        assertThat(json(bridge.get("/health")).get("datasets").get("stale").asBoolean()).isTrue();

        store.recordSuccess("productos");
        store.publish(s -> SnapshotFixture.snapshot(s.version() + 1));
        assertThat(get(bridge, "/api/summary").headers().firstValue("X-Data-Stale")).hasValue("false");
    }

    /**
     * A new snapshot whose data leave a dataset's bytes as they were keeps that dataset's ETag: the page's
     * conditional refresh gets a 304, not the same body again. The summary (its generated_at moved) is new.
     */
    @Test
    void should_keep_the_etag_of_a_dataset_a_new_snapshot_leaves_unchanged() throws Exception {
        HttpResponse<String> critical = get(bridge, "/api/critical-stock");
        HttpResponse<String> summary = get(bridge, "/api/summary");
        String criticalTag = critical.headers().firstValue("ETag").orElseThrow();
        String summaryTag = summary.headers().firstValue("ETag").orElseThrow();

        store.publish(s -> SnapshotFixture.snapshot(s.version() + 1));

        HttpResponse<String> again = get(bridge, "/api/critical-stock", "If-None-Match", criticalTag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue(criticalTag);
        HttpResponse<String> newSummary = get(bridge, "/api/summary", "If-None-Match", summaryTag);
        assertThat(newSummary.statusCode()).isEqualTo(200);
        assertThat(newSummary.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(summaryTag));
    }

    /** A new snapshot changes the answers and their ETags at once. */
    @Test
    void should_serve_new_data_after_a_new_snapshot() throws Exception {
        HttpResponse<String> before = get(bridge, "/api/summary");
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertThat(json(before).get("valor_inventario").asDouble()).isEqualTo(5350.0);

        List<Producto> productos = new ArrayList<>(SnapshotFixture.productos());
        productos.add(SnapshotFixture.producto(6, "ACEITE", "Aceite de girasol", "Almacén", 4, 2, 1000.0,
                "30-44444444-4", "Molinos", true));
        DepositoSnapshot next = store.publish(s -> SnapshotFixture.snapshot(s.version() + 1, productos,
                SnapshotFixture.movements(), SnapshotFixture.critical(), SnapshotFixture.AS_OF + 60_000));

        HttpResponse<String> after = get(bridge, "/api/summary", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        JsonNode s = json(after);
        assertThat(s.get("valor_inventario").asDouble()).isEqualTo(9350.0);
        assertThat(s.get("total_proveedores").asInt()).isEqualTo(4);
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
        assertThat(after.headers().firstValue("X-Data-As-Of")).hasValue("2026-03-18T15:01:00Z");
    }

    /** Unknown paths and wrong methods answer JSON 404 and 405, with the same headers. */
    @Test
    void should_answer_json_404_and_405() throws Exception {
        HttpResponse<String> missing = get(bridge, "/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("not_found");
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(bridge.apiUrl("/api/summary")))
                .header("X-API-Key", ApiCalls.KEY).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(json(post).get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    /** /health: status, deposito connection from bean depositoHealth, datasets freshness; no auth needed. */
    @Test
    void should_report_health_with_deposito_and_datasets() throws Exception {
        Object realHealth = bridge.context().getRegistry().lookupByName("depositoHealth");
        bridge.context().getRegistry().unbind("depositoHealth");
        bridge.context().getRegistry().bind("depositoHealth", new DepositoHealth() {
            public boolean reachable() {
                return false;
            }

            public Long lastSuccessMillis() {
                return SnapshotFixture.AS_OF;
            }

            public String circuitState() {
                return "OPEN";
            }
        });
        HttpResponse<String> r = bridge.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.get("status").asText()).isEqualTo("UP");
        assertThat(h.get("timestamp").asText()).isNotBlank();
        assertThat(h.get("deposito").get("reachable").asBoolean()).isFalse();
        assertThat(h.get("deposito").get("last_success").asText()).isEqualTo("2026-03-18T15:00:00Z");
        assertThat(h.get("deposito").get("circuit").asText()).isEqualTo("OPEN");
        assertThat(h.get("datasets").get("as_of").asText()).isEqualTo("2026-03-18T15:00:00Z");
        assertThat(h.get("datasets").get("stale").asBoolean()).isFalse();
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        bridge.context().getRegistry().unbind("depositoHealth");
        bridge.context().getRegistry().bind("depositoHealth", realHealth);
    }

    /** A readiness check that is DOWN makes /health DOWN with 503, still JSON with the same shape. */
    @Test
    void should_answer_503_when_a_readiness_check_is_down() throws Exception {
        HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(bridge.context());
        HealthCheck down = new AbstractHealthCheck("test", "always-down") {
            @Override
            protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.down();
            }
        };
        registry.register(down);
        try {
            HttpResponse<String> r = bridge.get("/health");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("status").asText()).isEqualTo("DOWN");
            assertThat(json(r).has("datasets")).isTrue();
        } finally {
            registry.unregister(down);
        }
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    /** /api/stats serialises the stats view; a fault inside it is a JSON 500 carrying the request id only. */
    @Test
    void should_serve_stats_and_hide_faults_behind_a_request_id() throws Exception {
        DatasetService datasets = bridge.context().getRegistry().lookupByNameAndType("dashboardDatasets",
                DatasetService.class);
        StatsView real = bridge.context().getRegistry().lookupByNameAndType("depositoStats", StatsView.class);
        try {
            datasets.setStats(new StatsStub(Map.of("window", Map.of("attempts", 3))));
            HttpResponse<String> ok = get(bridge, "/api/stats");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(json(ok).get("window").get("attempts").asInt()).isEqualTo(3);

            datasets.setStats(new StatsStub(null));
            HttpResponse<String> fault = get(bridge, "/api/stats", "X-Request-ID", "fault-1");
            assertThat(fault.statusCode()).isEqualTo(500);
            assertThat(json(fault).get("error").asText()).isEqualTo("internal_error");
            assertThat(json(fault).get("request_id").asText()).isEqualTo("fault-1");
            assertThat(fault.body()).doesNotContain("Exception").doesNotContain("at org.");
        } finally {
            datasets.setStats(real);
        }
    }

    /** A stats bean as the stats capability will bind it: snapshot() answers, or fails when given nothing. */
    public static final class StatsStub implements StatsView {
        private final Map<String, Object> value;

        StatsStub(Map<String, Object> value) {
            this.value = value;
        }

        @Override
        public Map<String, Object> snapshot() {
            if (value == null) {
                throw new IllegalStateException("stats window unavailable");
            }
            return value;
        }
    }

    /** /api/stats answers from the stats processor, behind the same key. */
    @Test
    void should_answer_stats_from_the_stats_processor() throws Exception {
        HttpResponse<String> r = get(bridge, "/api/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("threshold").asLong()).isPositive();
        assertThat(bridge.get("/api/stats").statusCode()).as("without key").isEqualTo(401);
    }
}
