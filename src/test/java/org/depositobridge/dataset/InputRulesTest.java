package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depositobridge.dataset.ApiCalls.get;
import static org.depositobridge.dataset.ApiCalls.json;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's input rules over real HTTP: 400 for what is not a value, clamping for what is out of range. */
class InputRulesTest {

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = SnapshotFixture.startBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Every kind of bad value answers 400 invalid_parameter naming the parameter, never 500. */
    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
        "/api/providers?limit=abc|limit",
        "/api/providers?limit=1.5|limit",
        "/api/providers?limit=1e3|limit",
        "/api/providers?limit=0x10|limit",
        "/api/providers?limit=--1|limit",
        "/api/providers?sort=precio|sort",
        "/api/providers?order=sideways|order",
        "/api/stock-timeline?days=siete|days",
        "/api/stock-timeline?tipo=venta|tipo",
        "/api/stock-timeline?start_date=2026-02-30|start_date",
        "/api/stock-timeline?start_date=2026-13-01|start_date",
        "/api/stock-timeline?end_date=26-01-01|end_date",
        "/api/stock-timeline?end_date=2026/01/01|end_date",
        "/api/stock-timeline?end_date=2026-1-1|end_date",
        "/api/stock-timeline?start_date=2026-03-10&end_date=2026-03-01|start_date",
        "/api/top-products?limit=diez|limit",
        "/api/top-products?sort=precio|sort",
        "/api/top-products?tipo=venta|tipo",
        "/api/top-products?start_date=2025-02-29|start_date",
        "/api/top-products?start_date=2026-03-02&end_date=2026-03-01|start_date",
        "/api/trends?months=seis|months",
        "/api/trends?end_date=2026-04-31|end_date",
        "/api/trends?start_date=2026-03-02&end_date=2026-03-01|start_date",
        "/api/stock-by-provider?limit=%F0%9F%92%A9|limit",
        "/api/weekly-sales?weeks=ocho|weeks",
        "/api/critical-stock?limit=%27%20OR%201=1|limit",
    })
    void should_refuse_bad_values_with_400(String path, String parameter) throws Exception {
        HttpResponse<String> r = get(bridge, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("invalid_parameter");
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    /** Numbers out of range are clamped, as the older service did; huge and negative values included. */
    @ParameterizedTest(name = "{0} -> {1} rows")
    @CsvSource(delimiter = '|', value = {
        "/api/providers?limit=0|1",
        "/api/providers?limit=-7|1",
        "/api/providers?limit=99999999999999999999999|3",
        "/api/providers?limit=+2|2",
        "/api/top-products?limit=-1|1",
        "/api/stock-by-provider?limit=0|1",
        "/api/weekly-sales?weeks=0|1",
        "/api/weekly-sales?weeks=1000|52",
        "/api/weekly-sales?weeks=-99999999999|1",
        "/api/critical-stock?limit=0|1",
        "/api/critical-stock?limit=5000|2",
        "/api/stock-timeline?days=0|2",
        "/api/stock-timeline?days=99999|9",
        "/api/providers?limit=|3",
    })
    void should_clamp_numbers_into_their_range(String path, int rows) throws Exception {
        HttpResponse<String> r = get(bridge, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r)).hasSize(rows);
    }

    /** months clamps to 1..24: the value series has one entry per month. */
    @Test
    void should_clamp_months() throws Exception {
        assertThat(json(get(bridge, "/api/trends?months=0")).get("valor_mensual")).hasSize(1);
        assertThat(json(get(bridge, "/api/trends?months=500")).get("valor_mensual")).hasSize(24);
    }

    /** Free text keeps letters (accents too), digits, space and -._/ only, trimmed and cut to 60 characters. */
    @Test
    void should_sanitise_free_text_filters() throws Exception {
        assertThat(QueryParams.sanitize("  '; DROP TABLE productos;--  ")).isEqualTo("DROP TABLE productos--");
        assertThat(QueryParams.sanitize("=HYPERLINK(\"http://x\")")).isEqualTo("HYPERLINKhttp//x");
        assertThat(QueryParams.sanitize("La Serenísima S.A./Lácteos_1")).isEqualTo("La Serenísima S.A./Lácteos_1");
        assertThat(QueryParams.sanitize("<>\"'`;")).isNull();
        assertThat(QueryParams.sanitize("a".repeat(200))).hasSize(60);
        assertThat(QueryParams.sanitize("../../etc/passwd")).isEqualTo("../../etc/passwd");
        // an injection string is only text: it matches no provider and breaks nothing
        HttpResponse<String> r = get(bridge, "/api/top-products?proveedor=%27%3B%20DROP%20TABLE%20x%3B--");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEmpty();
        // a filter made only of stripped characters is no filter
        assertThat(json(get(bridge, "/api/critical-stock?proveedor=%3C%3E"))).hasSize(2);
    }

    /** A repeated parameter: the first occurrence counts. */
    @Test
    void should_take_the_first_of_repeated_parameters() throws Exception {
        assertThat(json(get(bridge, "/api/providers?limit=1&limit=abc"))).hasSize(1);
    }

    /** An undecodable query string is a 400, not a fault. */
    @Test
    void should_refuse_malformed_url_encoding() throws Exception {
        RawHttp.Response r = RawHttp.send(bridge.apiPort(), "GET", "/api/providers?q=%zz%", Map.of("X-API-Key", ApiCalls.KEY));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"invalid_parameter\"");
    }
}
