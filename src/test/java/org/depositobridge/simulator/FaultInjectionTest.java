package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault kind produces exactly the advertised behaviour, on the targeted endpoint only. */
class FaultInjectionTest {

    static DepositoSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(100).withDays(10)
                .withMovementsPerDay(300).withSeed(3L).withSilenceLimit(Duration.ofSeconds(2)));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
    }

    private static HttpResponse<InputStream> stream(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + client.token()).build();
        return SimClient.HTTP.send(r, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Latency delays the answer by at least the fixed part; other endpoints stay fast. */
    @Test
    void should_delay_answers_by_the_fixed_latency() throws Exception {
        Faults.Active f = sim.faults().inject(Fault.latency(Duration.ofMillis(400), Duration.ofMillis(50))
                .on(Endpoint.PRODUCTO));
        long t0 = System.nanoTime();
        assertThat(client.get("/productos/1").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        assertThat(f.fired()).as("only the targeted endpoint is delayed").isEqualTo(1);
    }

    /** 503 with Retry-After for the next two requests to /productos only, then normal answers. */
    @Test
    void should_answer_a_status_for_a_limited_number_of_requests() throws Exception {
        sim.faults().inject(Fault.status(503).on(Endpoint.PRODUCTOS).retryAfterSeconds(2).times(2));
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.get("/productos");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("2");
            assertThat(r.body()).isEqualTo("{\"detail\":\"Service Unavailable\"}");
            assertThat(r.headers().firstValue("X-Deposito-Simulator")).contains("true");
        }
        assertThat(client.get("/productos").statusCode()).isEqualTo(200);
        assertThat(sim.faults().active()).isEmpty();
    }

    /** 500 is FastAPI's plain text, 502 a proxy's HTML page, 429 JSON with Retry-After, 503 on /health unhealthy. */
    @Test
    void should_answer_each_status_the_way_the_real_stack_does() throws Exception {
        sim.faults().inject(Fault.status(500).on(Endpoint.PRODUCTO).times(1));
        HttpResponse<String> r500 = client.get("/productos/1");
        assertThat(r500.statusCode()).isEqualTo(500);
        assertThat(r500.body()).isEqualTo("Internal Server Error");
        sim.faults().inject(Fault.status(502).on(Endpoint.PRODUCTO).times(1));
        HttpResponse<String> r502 = client.get("/productos/1");
        assertThat(r502.statusCode()).isEqualTo(502);
        assertThat(r502.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(r502.body()).contains("502 Bad Gateway");
        sim.faults().inject(Fault.status(429).on(Endpoint.MOVEMENTS).retryAfterSeconds(5).times(1));
        HttpResponse<String> r429 = client.get("/stock/movements");
        assertThat(r429.statusCode()).isEqualTo(429);
        assertThat(r429.headers().firstValue("Retry-After")).contains("5");
        assertThat(r429.body()).isEqualTo("{\"detail\":\"Too Many Requests\"}");
        sim.faults().inject(Fault.status(503).on(Endpoint.HEALTH).times(1));
        HttpResponse<String> h = client.get("/health");
        assertThat(h.statusCode()).isEqualTo(503);
        assertThat(SimClient.json(h).get("status").asText()).isEqualTo("unhealthy");
        assertThat(SimClient.json(h).get("error").asText()).isNotBlank();
    }

    /** A ratio hits about that share of requests. */
    @Test
    void should_hit_about_the_configured_ratio_of_requests() throws Exception {
        sim.faults().inject(Fault.status(500).on(Endpoint.HEALTH).ratio(0.5));
        int failed = 0;
        for (int i = 0; i < 400; i++) {
            if (client.get("/health").statusCode() == 500) {
                failed++;
            }
        }
        assertThat(failed).isBetween(140, 260);
    }

    /** ALL targets every contract endpoint but never /metrics. */
    @Test
    void should_target_every_endpoint_with_all() throws Exception {
        sim.faults().inject(Fault.status(502).on(Endpoint.ALL));
        assertThat(client.get("/health").statusCode()).isEqualTo(502);
        assertThat(client.get("/stock/critical").statusCode()).isEqualTo(502);
        assertThat(client.post("/stock/update", "{}").statusCode()).isEqualTo(502);
        assertThat(client.get("/metrics", null).statusCode()).isEqualTo(200);
    }

    /** Reset closes the connection with RST: the client gets an IOException, no response. */
    @Test
    void should_reset_the_connection() {
        sim.faults().inject(Fault.reset().on(Endpoint.HEALTH));
        assertThatThrownBy(() -> client.get("/health")).isInstanceOf(IOException.class);
    }

    /** Silence accepts and never answers: a client with a short timeout times out. */
    @Test
    void should_never_answer_when_silent() {
        sim.faults().inject(Fault.silence().on(Endpoint.CRITICAL));
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/stock/critical"))
                .header("Authorization", "Bearer " + client.token()).timeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> SimClient.HTTP.send(r, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    /** A silenced connection is closed after the silence limit, so held sockets stay bounded. */
    @Test
    void should_close_a_silenced_connection_after_the_limit() throws Exception {
        sim.faults().inject(Fault.silence().on(Endpoint.HEALTH));
        try (Socket s = new Socket("127.0.0.1", sim.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + client.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(1500);
        }
    }

    /** Dribble sends the headers at once and the (intact) body at the given rate. */
    @Test
    void should_dribble_the_body_slowly() throws Exception {
        sim.faults().inject(Fault.dribble(2000).on(Endpoint.PRODUCTOS));
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = stream("/productos?limit=8");
        long headersMs = (System.nanoTime() - t0) / 1_000_000;
        byte[] body = r.body().readAllBytes();
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body.length).isGreaterThan(2400);
        // the first 200-byte chunk goes at once, the rest at 200 bytes per 100 ms
        long expectedMs = (body.length - 200) * 1000L / 2000;
        assertThat(totalMs).isGreaterThanOrEqualTo(expectedMs);
        assertThat(headersMs).isLessThan(totalMs / 2);
        assertThat(SimClient.JSON.readTree(body).get("productos").size()).isEqualTo(8);
    }

    /** Truncated: Content-Length promises more than is sent, then the connection closes: the body read fails. */
    @Test
    void should_truncate_the_body() {
        sim.faults().inject(Fault.truncatedBody().on(Endpoint.PRODUCTOS));
        assertThatThrownBy(() -> client.get("/productos")).isInstanceOf(IOException.class);
    }

    /** Malformed: 200 with a body no JSON parser accepts. */
    @Test
    void should_send_malformed_json() throws Exception {
        sim.faults().inject(Fault.malformedJson().on(Endpoint.MOVEMENTS));
        HttpResponse<String> r = client.get("/stock/movements?size=5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThatThrownBy(() -> SimClient.JSON.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
    }

    /** Wrong schema: fields missing and ids as strings. */
    @Test
    void should_send_a_wrong_schema() throws Exception {
        sim.faults().inject(Fault.wrongSchema().on(Endpoint.PRODUCTO));
        JsonNode p = client.getJson("/productos/3");
        assertThat(p.has("stock_actual")).isFalse();
        assertThat(p.get("id").isTextual()).isTrue();
        assertThat(p.get("id").asText()).isEqualTo("3");
        assertThat(p.get("nombre").asText()).isEqualTo(sim.store().product(3).nombre());
    }

    /** Broken invariant: every listed movement has stock_posterior != stock_anterior + cantidad; the store is intact. */
    @Test
    void should_break_the_movement_invariant() throws Exception {
        sim.faults().inject(Fault.brokenInvariant().on(Endpoint.MOVEMENTS));
        JsonNode items = client.getJson("/stock/movements?size=50").get("items");
        assertThat(items.size()).isEqualTo(50);
        for (JsonNode i : items) {
            assertThat(i.get("stock_posterior").asInt())
                    .isEqualTo(i.get("stock_anterior").asInt() + i.get("cantidad").asInt() + DataFaults.INVARIANT_OFFSET);
            Movement real = sim.store().movement(i.get("id").asInt());
            assertThat(real.stockPosterior()).isEqualTo(real.stockAnterior() + real.cantidad());
        }
    }

    /** Expired-token and rejected-token faults answer 401/403 whatever the (valid) token. */
    @Test
    void should_refuse_valid_tokens_when_told() throws Exception {
        sim.faults().inject(Fault.expiredToken().on(Endpoint.HEALTH).times(1));
        HttpResponse<String> r = client.get("/health");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Token expirado\"}");
        sim.faults().inject(Fault.rejectedToken().on(Endpoint.HEALTH).times(1));
        HttpResponse<String> f = client.get("/health");
        assertThat(f.statusCode()).isEqualTo(403);
        assertThat(f.body()).isEqualTo("{\"detail\":\"Se requiere rol: deposito\"}");
        assertThat(client.get("/health").statusCode()).isEqualTo(200);
    }

    /** Total drift: page 2 reports a larger total than page 1 (movements and productos). */
    @Test
    void should_change_total_between_pages() throws Exception {
        sim.faults().inject(Fault.totalDrift(5));
        JsonNode p1 = client.getJson("/stock/movements?size=100&page=1");
        JsonNode p2 = client.getJson("/stock/movements?size=100&page=2");
        assertThat(p1.get("total").asInt()).isEqualTo(sim.store().movementCount());
        assertThat(p2.get("total").asInt()).isEqualTo(p1.get("total").asInt() + 5);
        JsonNode q1 = client.getJson("/productos?limit=10&offset=0");
        JsonNode q2 = client.getJson("/productos?limit=10&offset=10");
        assertThat(q2.get("total").asInt()).isEqualTo(q1.get("total").asInt() + 5);
    }

    /** Faults configured as a string at start are active from the first request. */
    @Test
    void should_start_with_faults_from_the_string_form() throws Exception {
        try (DepositoSimulator s = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(5).withDays(1)
                .withMovementsPerDay(5).withFaults("status:503@health,times=1,retry-after=3; latency:10+5@productos"))) {
            SimClient c = new SimClient(s);
            HttpResponse<String> r = c.get("/health");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("3");
            assertThat(c.get("/health").statusCode()).isEqualTo(200);
            assertThat(s.faults().active()).hasSize(1);
            assertThat(s.faults().active().get(0).fault().kind()).isEqualTo(FaultKind.LATENCY);
        }
    }

    /** Without any fault a client with a short timeout still gets its answer (the faults, not the server, are slow). */
    @Test
    void should_answer_quickly_without_faults() throws Exception {
        HttpClient quick = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest r = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/stock/movements?size=1000"))
                .header("Authorization", "Bearer " + client.token()).timeout(Duration.ofSeconds(2)).build();
        assertThat(quick.send(r, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
}
