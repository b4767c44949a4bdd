package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Camel hooks against a real HTTP server on a free port: every attempt, redeliveries included, is classified. */
class DepositoStatsNotifierTest {

    private HttpServer server;
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private CamelContext camel;
    private ProducerTemplate template;
    private StatsRecorder stats;
    private int deadPort;
    private final java.util.List<long[]> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/ok", ex -> answer(ex, 200));
        server.createContext("/fail", ex -> answer(ex, 503));
        server.createContext("/missing", ex -> answer(ex, 404));
        server.createContext("/slow", ex -> {
            try {
                // held until the test ends; the client gives up long before
                releaseSlow.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200);
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed right away: connections to it are refused
        }

        stats = new StatsRecorder(1000);
        stats.setAttemptListener((endpoint, outcome, nanos) -> latencies.add(new long[] {outcome.ordinal(), nanos}));
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(DepositoStats.BEAN_NAME, stats);
        camel.getManagementStrategy().addEventNotifier(new DepositoStatsNotifier(stats));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // timeouts are component options in camel-http (an unknown endpoint option would become a query parameter)
        org.apache.camel.component.http.HttpComponent http = camel.getComponent("http", org.apache.camel.component.http.HttpComponent.class);
        http.setConnectTimeout(1000);
        http.setConnectionRequestTimeout(1000);
        http.setSoTimeout(1500);
        http.setResponseTimeout(1500);
        String opts = "?automaticRetriesDisabled=true";
        // a lambda, not a RouteBuilder subclass: Camel Main's package scan (other tests start the whole bridge)
        // would otherwise find the class and add these routes to the bridge
        RouteBuilder.addRoutes(camel, rb -> {
            rb.errorHandler(rb.defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
            rb.from("direct:call").routeId("call")
                    .setProperty(DepositoStats.ENDPOINT_PROPERTY, rb.header("endpointGroup"))
                    .toD(base + "${header.path}" + opts)
                    .to("log:after?level=OFF");
            rb.from("direct:unlabelled").routeId("unlabelled")
                    .to(base + "/ok" + opts);
            rb.from("direct:deadPort").routeId("dead-port")
                    .setProperty(DepositoStats.ENDPOINT_PROPERTY, rb.constant("movements"))
                    .to("http://127.0.0.1:" + deadPort + "/x" + opts);
            rb.from("direct:fallback").routeId("fallback")
                    .setProperty(DepositoStats.ENDPOINT_PROPERTY, rb.constant("stock_update"))
                    .bean(DepositoStats.BEAN_NAME, "recordCircuitOpen")
                    .bean(DepositoStats.BEAN_NAME, "recordRejected");
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    private static void answer(HttpExchange ex, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        camel.stop();
        server.stop(0);
    }

    private Exchange call(String group, String path) {
        return template.send("direct:call", e -> {
            e.getIn().setHeader("endpointGroup", group);
            e.getIn().setHeader("path", path);
        });
    }

    @SuppressWarnings("unchecked")
    private long count(String key, String label) {
        return ((Map<String, Long>) stats.currentWindow().get(key)).get(label);
    }

    /** A 200 is one success of its endpoint group; the later log step is not an HTTP attempt. */
    @Test
    void should_count_a_successful_call_once() {
        assertThat(call("productos", "/ok").getException()).isNull();
        assertThat(count("byOutcome", "success")).isEqualTo(1);
        assertThat(count("byEndpoint", "productos")).isEqualTo(1);
        assertThat(stats.currentWindow()).containsEntry("attempts", 1L);
        // measured in nanoseconds around the real call: more than nothing, far less than a second locally
        assertThat(latencies).singleElement().satisfies(l -> assertThat(l[1]).isBetween(1_000L, 1_000_000_000L));
    }

    /** A 503 retried twice is three attempts, each an http_5xx. */
    @Test
    void should_count_every_redelivery_as_an_attempt() {
        assertThat(call("critical", "/fail").getException()).isNotNull();
        assertThat(count("byOutcome", "http_5xx")).isEqualTo(3);
        assertThat(count("byEndpoint", "critical")).isEqualTo(3);
    }

    /** A 404 is http_4xx. */
    @Test
    void should_classify_a_client_error() {
        call("movements", "/missing");
        assertThat(count("byOutcome", "http_4xx")).isEqualTo(3);
    }

    /** A server slower than the response timeout is a timeout, on every attempt. */
    @Test
    void should_classify_a_read_timeout() {
        call("stock_update", "/slow");
        assertThat(count("byOutcome", "timeout")).isEqualTo(3);
        // each attempt waited for the 1.5 s response timeout, not for the server's 10 s
        assertThat(latencies).hasSize(3).allSatisfy(l -> assertThat(l[1]).isBetween(1_400_000_000L, 9_000_000_000L));
    }

    /** A refused connection is io_error. */
    @Test
    void should_classify_a_refused_connection_as_io_error() {
        template.send("direct:deadPort", e -> { });
        assertThat(count("byOutcome", "io_error")).isEqualTo(3);
        assertThat(count("byEndpoint", "movements")).isEqualTo(3);
    }

    /** Calls without the endpoint property, or with a value outside the fixed set, are not counted. */
    @Test
    void should_ignore_calls_without_a_known_endpoint_group() {
        template.send("direct:unlabelled", e -> { });
        call("products/42", "/ok");
        assertThat(stats.currentWindow()).containsEntry("attempts", 0L);
    }

    /** The YAML hooks for the circuit breaker's fallback and for rejected calls count under their group. */
    @Test
    void should_record_circuit_open_and_rejected_from_bean_calls() {
        template.send("direct:fallback", e -> { });
        assertThat(count("byOutcome", "circuit_open")).isEqualTo(1);
        assertThat(count("byOutcome", "rejected")).isEqualTo(1);
        assertThat(count("byEndpoint", "stock_update")).isEqualTo(2);
    }
}
