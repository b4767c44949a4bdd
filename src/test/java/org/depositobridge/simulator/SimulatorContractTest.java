package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read endpoints, auth and error bodies of docs/deposito-api.md, over real HTTP. */
class SimulatorContractTest {

    static final Instant END = Instant.parse("2026-03-10T12:00:00Z");
    static DepositoSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(300).withDays(30)
                .withMovementsPerDay(200).withSeed(42L).withHistoryEnd(END));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** /health says healthy, names the service and says plainly the data is simulated. */
    @Test
    void should_answer_health_as_a_simulated_deposito() throws Exception {
        HttpResponse<String> r = client.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Deposito-Simulator")).contains("true");
        JsonNode n = SimClient.json(r);
        assertThat(n.get("status").asText()).isEqualTo("healthy");
        assertThat(n.get("service").asText()).isEqualTo("agente_deposito");
        assertThat(n.get("simulated").asBoolean()).isTrue();
        assertThat(n.has("version")).isTrue();
        assertThat(n.get("uptime_seconds").isIntegralNumber()).isTrue();
        assertThat(n.get("database").get("movimientos").asInt()).isEqualTo(6000);
        assertThat(n.get("timestamp").asText()).endsWith("-03:00");
    }

    /** A request without Authorization gets 403 Not authenticated, as FastAPI's HTTPBearer answers. */
    @Test
    void should_refuse_a_request_without_token_with_403() throws Exception {
        HttpResponse<String> r = client.get("/productos", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(r.headers().firstValue("X-Deposito-Simulator")).contains("true");
    }

    /** Another scheme than Bearer is 403 Invalid authentication credentials. */
    @Test
    void should_refuse_a_basic_auth_header_with_403() throws Exception {
        HttpResponse<String> r = client.get("/productos", "Basic dXNlcjpwYXNz");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(SimClient.json(r).get("detail").asText()).isEqualTo("Invalid authentication credentials");
    }

    /** An expired token is 401 Token expirado. */
    @Test
    void should_refuse_an_expired_token_with_401() throws Exception {
        String expired = sim.mintToken("bridge", "deposito", Duration.ofSeconds(-10));
        HttpResponse<String> r = client.get("/productos", "Bearer " + expired);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Token expirado\"}");
    }

    /** A token with another role is 403 Se requiere rol: deposito. */
    @Test
    void should_refuse_a_wrong_role_with_403() throws Exception {
        String other = sim.mintToken("bridge", "dashboard", Duration.ofHours(1));
        HttpResponse<String> r = client.get("/stock/critical", "Bearer " + other);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Se requiere rol: deposito\"}");
    }

    /** A token signed with another secret, or garbage, is 401 Token inválido. */
    @Test
    void should_refuse_a_badly_signed_token_with_401() throws Exception {
        try (DepositoSimulator other = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(5).withDays(1)
                .withMovementsPerDay(1))) {
            String foreign = other.mintToken(Duration.ofHours(1));
            HttpResponse<String> r = client.get("/health", "Bearer " + foreign);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(SimClient.json(r).get("detail").asText()).isEqualTo("Token inválido");
        }
        HttpResponse<String> garbage = client.get("/health", "Bearer not-a-jwt");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(SimClient.json(garbage).get("detail").asText()).isEqualTo("Token inválido");
    }

    /** /productos lists active products by default with total, skip and limit. */
    @Test
    void should_list_productos_with_pagination() throws Exception {
        JsonNode all = client.getJson("/productos?limit=1000");
        int active = 0;
        for (int id = 1; id <= sim.store().productCount(); id++) {
            if (sim.store().product(id).activo()) {
                active++;
            }
        }
        assertThat(all.get("total").asInt()).isEqualTo(active);
        assertThat(all.get("productos").size()).isEqualTo(active);
        for (JsonNode p : all.get("productos")) {
            assertThat(p.get("activo").asBoolean()).isTrue();
        }
        JsonNode page = client.getJson("/productos?limit=10&offset=20");
        assertThat(page.get("skip").asInt()).isEqualTo(20);
        assertThat(page.get("limit").asInt()).isEqualTo(10);
        assertThat(page.get("productos").size()).isEqualTo(10);
        assertThat(page.get("productos").get(0).get("id").asInt()).isEqualTo(all.get("productos").get(20).get("id").asInt());
        JsonNode withInactive = client.getJson("/productos?limit=1000&activos_solo=false");
        assertThat(withInactive.get("total").asInt()).isEqualTo(300);
        assertThat(client.getJson("/productos").get("limit").asInt()).isEqualTo(100);
    }

    /** categoria filters by case-insensitive substring. */
    @Test
    void should_filter_productos_by_category_substring() throws Exception {
        JsonNode r = client.getJson("/productos?categoria=BEBI&limit=1000&activos_solo=false");
        assertThat(r.get("total").asInt()).isPositive();
        for (JsonNode p : r.get("productos")) {
            assertThat(p.get("categoria").asText()).isEqualTo("Bebidas");
        }
        assertThat(client.getJson("/productos?categoria=zzz").get("total").asInt()).isZero();
    }

    /** Bad query parameters are 422 with the FastAPI detail list. */
    @Test
    void should_answer_422_for_bad_query_parameters() throws Exception {
        HttpResponse<String> r = client.get("/productos?limit=1001&offset=-1");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode d = SimClient.json(r).get("detail");
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.get(0).get("loc").toString()).isEqualTo("[\"query\",\"limit\"]");
        assertThat(d.get(0).get("type").asText()).isEqualTo("less_than_equal");
        assertThat(d.get(1).get("loc").toString()).isEqualTo("[\"query\",\"offset\"]");
        assertThat(client.get("/productos?limit=abc").statusCode()).isEqualTo(422);
        assertThat(client.get("/productos?activos_solo=maybe").statusCode()).isEqualTo(422);
    }

    /** /productos/{id} returns one Producto with every contract field. */
    @Test
    void should_return_one_producto_with_every_field() throws Exception {
        JsonNode p = client.getJson("/productos/7");
        assertThat(p.get("id").asInt()).isEqualTo(7);
        for (String f : new String[] {"codigo", "nombre", "descripcion", "categoria", "stock_actual", "stock_minimo",
                "stock_maximo", "precio_compra", "precio_venta", "proveedor_cuit", "proveedor_nombre", "activo",
                "created_at", "updated_at"}) {
            assertThat(p.has(f)).as(f).isTrue();
        }
        assertThat(p.get("codigo").asText()).matches("[A-Z0-9_-]{1,50}");
        assertThat(p.get("stock_actual").asInt()).isEqualTo(sim.store().stockOf(7));
        assertThat(p.get("precio_compra").isNumber()).isTrue();
    }

    /** An unknown product is 404 Producto no encontrado; a non-integer id is 422. */
    @Test
    void should_answer_404_and_422_for_bad_product_ids() throws Exception {
        HttpResponse<String> r = client.get("/productos/999999");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Producto no encontrado\"}");
        HttpResponse<String> bad = client.get("/productos/abc");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(SimClient.json(bad).get("detail").get(0).get("loc").toString()).isEqualTo("[\"path\",\"producto_id\"]");
    }

    /** /stock/critical lists exactly the active products at or below minimum times the season factor. */
    @Test
    void should_list_critical_stock_with_the_season_factor() throws Exception {
        JsonNode list = client.getJson("/stock/critical");
        assertThat(list.isArray()).isTrue();
        assertThat(list.size()).isPositive();
        Season season = Season.of(JsonOut.local(Instant.now()).getMonth());
        int expected = 0;
        for (int id = 1; id <= sim.store().productCount(); id++) {
            Product p = sim.store().product(id);
            if (p.activo() && sim.store().stockOf(id) <= p.stockMinimo() * season.factor) {
                expected++;
            }
        }
        assertThat(list.size()).isEqualTo(expected);
        int lastDeficit = Integer.MAX_VALUE;
        for (JsonNode c : list) {
            assertThat(c.get("factor_temporada").asDouble()).isEqualTo(season.factor);
            assertThat(c.get("temporada").asText()).isEqualTo(season.nombre);
            assertThat(c.get("stock_actual").asDouble())
                    .isLessThanOrEqualTo(c.get("stock_minimo_original").asInt() * season.factor);
            assertThat(c.get("precio_compra_formateado").asText()).matches("\\$ [0-9.]+,[0-9]{2}");
            assertThat(c.get("deficit").asInt()).isLessThanOrEqualTo(lastDeficit);
            lastDeficit = c.get("deficit").asInt();
        }
    }

    /** In January (southern summer) the factor is 1.3, verano. */
    @Test
    void should_use_the_summer_factor_in_january() throws Exception {
        Clock january = Clock.fixed(Instant.parse("2027-01-15T15:00:00Z"), ZoneOffset.UTC);
        try (DepositoSimulator summer = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(200)
                .withDays(20).withMovementsPerDay(200).withClock(january))) {
            JsonNode list = new SimClient(summer).getJson("/stock/critical");
            assertThat(list.size()).isPositive();
            assertThat(list.get(0).get("temporada").asText()).isEqualTo("verano");
            assertThat(list.get(0).get("factor_temporada").asDouble()).isEqualTo(1.3);
        }
    }

    /** /metrics needs no token and speaks Prometheus text, counting requests by endpoint and status. */
    @Test
    void should_serve_metrics_without_auth() throws Exception {
        client.get("/productos/999999");
        HttpResponse<String> r = client.get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("deposito_simulator_info{simulated=\"true\"} 1")
                .contains("deposito_simulator_requests_total{endpoint=\"producto\",status=\"404\"}")
                .contains("deposito_simulator_movements ");
    }

    /** Unknown paths are 404 and a wrong method is 405, both marked as simulated. */
    @Test
    void should_answer_404_and_405() throws Exception {
        HttpResponse<String> r = client.get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Deposito-Simulator")).contains("true");
        assertThat(client.get("/stock/update").statusCode()).isEqualTo(405);
    }

    /** With a path prefix, the endpoints live under it and the bare paths are 404. */
    @Test
    void should_serve_under_a_path_prefix() throws Exception {
        try (DepositoSimulator prefixed = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(10)
                .withDays(2).withMovementsPerDay(10).withPathPrefix("/api/v1/"))) {
            assertThat(prefixed.baseUrl()).endsWith("/api/v1");
            SimClient c = new SimClient(prefixed);
            assertThat(c.getJson("/health").get("status").asText()).isEqualTo("healthy");
            HttpResponse<String> bare = SimClient.HTTP.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(prefixed.rootUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bare.statusCode()).isEqualTo(404);
        }
    }
}
