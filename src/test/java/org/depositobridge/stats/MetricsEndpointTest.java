package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /observe/metrics on the real bridge: basic auth from a generated users file, and the bridge's meters in the scrape. */
class MetricsEndpointTest {

    @TempDir
    static Path dataDir;

    static Path credentials;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        credentials = dataDir.resolve("management-users.properties");
        // A port of its own: with both ports 0 Camel folds the management server into the business server
        // (same configured port), and the management server's authentication is then never installed.
        // pollers off: the test records its own attempts and counts them exactly
        bridge = RunningBridge.start(Map.of("bridge.data-dir", dataDir.toString(), "deposito.sync.enabled", "false",
                "management.credentials-file", credentials.toString(),
                "camel.management.port", String.valueOf(freePort())));
        // a complete snapshot of our own, so readiness (and /health) are UP without the pollers
        long now = System.currentTimeMillis();
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", org.depositobridge.deposito.SnapshotStore.class)
                .publish(x -> new org.depositobridge.deposito.DepositoSnapshot(x.version() + 1, java.util.List.of(),
                        java.util.List.of(), org.depositobridge.deposito.MovementLog.empty(), now, now, now, "simulator"));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Without credentials the scrape is refused. */
    @Test
    void should_refuse_a_scrape_without_credentials() throws Exception {
        HttpResponse<String> r = bridge.getManagement("/observe/metrics");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("jvm_memory");
    }

    /** Wrong credentials are refused too. */
    @Test
    void should_refuse_a_scrape_with_a_wrong_password() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("metrics:nope".getBytes());
        assertThat(bridge.getManagement("/observe/metrics", "Authorization", wrong).statusCode()).isEqualTo(401);
    }

    /** The users file was generated at first start, readable by its owner only. */
    @Test
    void should_generate_the_users_file_with_owner_only_permissions() throws Exception {
        assertThat(credentials).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(ManagementCredentials.password(credentials, ManagementCredentials.USER)).hasSizeGreaterThanOrEqualTo(32);
    }

    /** The management server really is its own server, not folded into the business port. */
    @Test
    void should_serve_metrics_on_its_own_port() {
        assertThat(bridge.managementPort()).isNotEqualTo(bridge.apiPort());
    }

    /** Probes keep working: health needs no credentials. */
    @Test
    void should_serve_health_without_credentials() throws Exception {
        HttpResponse<String> r = bridge.getManagement("/observe/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("UP");
    }

    /** With the generated credentials the scrape shows the deposito, bridge, Camel route and JVM meters. */
    @Test
    void should_expose_the_bridge_meters_to_an_authenticated_scrape() throws Exception {
        StatsRecorder stats = bridge.context().getRegistry().lookupByNameAndType(DepositoStats.BEAN_NAME, StatsRecorder.class);
        BridgeMetrics metrics = bridge.context().getRegistry().lookupByNameAndType(BridgeMetrics.BEAN_NAME, BridgeMetrics.class);
        stats.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, 12_000_000L);
        stats.record(DepositoEndpoint.CRITICAL, Outcome.HTTP_5XX, 40_000_000L);
        metrics.trackDataset("productos", java.time.Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        }
        metrics.deadLetter(DepositoEndpoint.MOVEMENTS);

        HttpResponse<String> r = bridge.getManagement("/observe/metrics", "Authorization",
                ManagementCredentials.basicAuthHeader(credentials, ManagementCredentials.USER));
        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        Files.writeString(Path.of("target/metrics-scrape.txt"), body);
        assertThat(body)
                .contains("deposito_requests_total{endpoint=\"productos\",outcome=\"success\"} 1.0")
                .contains("deposito_requests_total{endpoint=\"critical\",outcome=\"http_5xx\"} 1.0")
                .contains("deposito_requests_total{endpoint=\"stock_update\",outcome=\"circuit_open\"} 0.0")
                .contains("deposito_request_seconds_count{endpoint=\"critical\"} 1")
                .contains("deposito_request_seconds_sum{endpoint=\"productos\"} 0.012")
                .contains("deposito_stats_resets_total 0.0")
                .contains("deposito_stats_last_window_latency_seconds{percentile=\"95\"} NaN")
                .contains("bridge_dataset_age_seconds{dataset=\"productos\"}")
                .contains("bridge_dataset_stale{dataset=\"productos\"} 0.0")
                .contains("report_files_total{report=\"providers\",result=\"written\"} 0.0")
                // counted by ApiRequestNotifier from the three real requests above, with no step in the route
                .contains("api_requests_total{route=\"api-health\",status_class=\"2xx\"} 3.0")
                .contains("api_request_seconds_count{route=\"api-health\"} 3")
                .contains("deposito_dead_letters_total{endpoint=\"movements\"} 1.0")
                .contains("deposito_dead_letters_total{endpoint=\"unknown\"} 0.0")
                .contains("jvm_memory_used_bytes")
                .contains("camel_context=\"deposito-bridge\"");
        // every metric the alert rules use is one the bridge really serves
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(?:deposito|api|bridge|jvm)_[a-z_]+(?=[\\[{ ])")
                .matcher(Files.readString(Path.of("config/prometheus/alerts.yml")));
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (m.find()) {
            used.add(m.group());
        }
        assertThat(used).contains("deposito_requests_total", "api_request_seconds_bucket", "bridge_dataset_age_seconds",
                "jvm_gc_live_data_size_bytes");
        for (String name : used) {
            assertThat(body).as("metric %s used by alerts.yml", name).contains(name);
        }
    }
}
