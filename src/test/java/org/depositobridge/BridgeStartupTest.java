package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.camel.support.DefaultEndpoint;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge as the README starts it: routes from routes/, both servers up, on loopback only. */
class BridgeStartupTest {

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
        // readiness is DOWN until the first full snapshot arrived from the embedded simulator
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> bridge.getManagement("/observe/health").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Routes come from the routes/ folder, not from Java. */
    @Test
    void should_load_routes_from_the_routes_folder() {
        assertThat(bridge.context().getRoute("api-health")).isNotNull();
        assertThat(bridge.context().getRoute("api-health").getSourceLocation()).contains("routes/dashboard-api.camel.yaml");
    }

    /** With no deposito.url the bridge talks to its embedded simulator, and says so. */
    @Test
    void should_target_the_embedded_simulator_by_default() {
        var target = bridge.context().getRegistry().lookupByNameAndType("depositoTarget",
                org.depositobridge.deposito.DepositoTarget.class);
        assertThat(target.simulated()).isTrue();
        assertThat(target.baseUrl()).startsWith("http://127.0.0.1:");
        var store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore",
                org.depositobridge.deposito.SnapshotStore.class);
        assertThat(store.current().productos()).hasSize(300);
        assertThat(store.current().movements().size()).isGreaterThan(1000);
    }

    /**
     * Camel's MDC is kept on the routes whose lines operators read by route (the pollers: route= and exchange= on
     * every line they log) and left off the dashboard API's (bridge.logging.mdc-exclude-routes=api-*). Seen from an
     * event notifier as each route sends to its first direct: endpoint (api-summary to its guard, a poller to
     * deposito-call), on the thread running the route: what a line logged there would carry.
     */
    @Test
    void should_scope_camels_mdc_by_route() throws Exception {
        Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        var notifier = new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                        && sending.getEndpoint().getEndpointUri().startsWith("direct:")
                        && sending.getExchange().getFromRouteId() != null) {
                    String exchangeId = org.slf4j.MDC.get("camel.exchangeId");
                    seen.putIfAbsent(sending.getExchange().getFromRouteId(), exchangeId == null ? "none" : "set");
                }
            }
        };
        bridge.context().getManagementStrategy().addEventNotifier(notifier);
        try {
            assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                    .until(() -> seen.containsKey("api-summary") && seen.containsKey("deposito-sync-movements"));
        } finally {
            bridge.context().getManagementStrategy().removeEventNotifier(notifier);
        }
        assertThat(seen).containsEntry("api-summary", "none").containsEntry("deposito-sync-movements", "set");
    }

    /**
     * Readiness does not wait for the OpenAPI description: the rest-api producer renders it at the first
     * GET /api/openapi.json (OpenApiTest checks the document), not while the routes start.
     */
    @Test
    void should_render_the_openapi_description_at_its_first_request() {
        assertThat(bridge.context().getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("rest-api:"))
                .isNotEmpty().allSatisfy(e -> assertThat(((DefaultEndpoint) e).isLazyStartProducer())
                        .as(e.getEndpointUri()).isTrue());
    }

    /** The business server answers /health with JSON. */
    @Test
    void should_answer_health_on_the_business_server() throws Exception {
        HttpResponse<String> r = bridge.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    /** The management server serves Camel's health and Prometheus metrics labelled with the context name. */
    @Test
    void should_serve_health_and_metrics_on_the_management_server() throws Exception {
        assertThat(bridge.getManagement("/observe/health").body()).contains("UP");
        assertThat(bridge.getManagement("/observe/metrics").statusCode()).as("metrics without credentials").isEqualTo(401);
        String credentials = bridge.context().resolvePropertyPlaceholders("{{management.credentials-file}}");
        HttpResponse<String> metrics = bridge.getManagement("/observe/metrics", "Authorization",
                org.depositobridge.stats.ManagementCredentials.basicAuthHeader(java.nio.file.Path.of(credentials), "metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("camel_context=\"deposito-bridge\"").contains("jvm_memory_used_bytes");
    }

    /** Secure by default: neither server accepts connections on a non-loopback address. */
    @Test
    void should_listen_on_loopback_only() throws Exception {
        String external = NetworkAddresses.firstNonLoopbackIpv4();
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "machine has no non-loopback IPv4 address");
        for (int port : new int[] {bridge.apiPort(), bridge.managementPort()}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external, port), 1000);
                throw new AssertionError("port " + port + " accepted a connection on " + external);
            } catch (java.io.IOException expected) {
                assertThat(expected).isNotNull();
            }
        }
    }
}
