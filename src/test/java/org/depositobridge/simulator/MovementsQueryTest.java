package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /stock/movements: every filter combination agrees with a brute-force scan of the store. */
class MovementsQueryTest {

    static final Instant END = Instant.parse("2026-06-01T03:00:00Z");
    static DepositoSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(200).withDays(20)
                .withMovementsPerDay(300).withSeed(5L).withHistoryEnd(END));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static List<Integer> expected(Predicate<Movement> filter) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= sim.store().movementCount(); id++) {
            if (filter.test(sim.store().movement(id))) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void assertPage(String query, List<Integer> all, int page, int size) throws Exception {
        JsonNode r = client.getJson("/stock/movements?" + query + "&page=" + page + "&size=" + size);
        assertThat(r.get("total").asInt()).as(query).isEqualTo(all.size());
        assertThat(r.get("page").asInt()).isEqualTo(page);
        assertThat(r.get("size").asInt()).isEqualTo(size);
        assertThat(r.get("pages").asInt()).isEqualTo((all.size() + size - 1) / size);
        List<Integer> got = new ArrayList<>();
        r.get("items").forEach(i -> got.add(i.get("id").asInt()));
        int from = Math.min(all.size(), (page - 1) * size);
        assertThat(got).as(query + " page " + page).isEqualTo(all.subList(from, Math.min(all.size(), from + size)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Without filters: all movements by id, 1-based pages. */
    @Test
    void should_page_all_movements_by_id() throws Exception {
        List<Integer> all = expected(m -> true);
        assertPage("x=1", all, 1, 1000);
        assertPage("x=1", all, 6, 1000);
        assertPage("x=1", all, 7, 1000);
        assertPage("x=1", all, 2, 7);
        JsonNode d = client.getJson("/stock/movements");
        assertThat(d.get("size").asInt()).isEqualTo(100);
        assertThat(d.get("page").asInt()).isEqualTo(1);
    }

    /** A date range with offsets is inclusive at both ends. */
    @Test
    void should_filter_by_date_range_inclusive() throws Exception {
        Movement a = sim.store().movement(1234);
        Movement b = sim.store().movement(4321);
        String from = JsonOut.dateTime(a.timestampMillis());
        String to = JsonOut.dateTime(b.timestampMillis());
        List<Integer> all = expected(m -> m.timestampMillis() >= a.timestampMillis()
                && m.timestampMillis() <= b.timestampMillis());
        assertThat(all).contains(1234, 4321);
        assertPage("fecha_desde=" + enc(from) + "&fecha_hasta=" + enc(to), all, 1, 1000);
        assertPage("fecha_desde=" + enc(from) + "&fecha_hasta=" + enc(to), all, 3, 1000);
    }

    /** UTC "Z", no offset (Argentina local time) and a bare date (local midnight) are all accepted. */
    @Test
    void should_accept_dates_with_and_without_offset() throws Exception {
        long midnightLocal = Instant.parse("2026-05-20T03:00:00Z").toEpochMilli();
        List<Integer> all = expected(m -> m.timestampMillis() >= midnightLocal);
        assertPage("fecha_desde=2026-05-20", all, 1, 1000);
        assertPage("fecha_desde=2026-05-20T00:00:00", all, 1, 1000);
        assertPage("fecha_desde=2026-05-20T03:00:00Z", all, 1, 1000);
        assertPage("fecha_desde=" + enc("2026-05-20T00:00:00-03:00"), all, 1, 1000);
    }

    /** producto_id and tipo_movimiento filter alone and together, with dates. */
    @Test
    void should_filter_by_product_and_type() throws Exception {
        long cut = Instant.parse("2026-05-25T12:00:00Z").toEpochMilli();
        assertPage("producto_id=3", expected(m -> m.productoId() == 3), 1, 1000);
        assertPage("tipo_movimiento=entrada", expected(m -> m.tipo() == MovementType.ENTRADA), 1, 50);
        assertPage("tipo_movimiento=salida", expected(m -> m.tipo() == MovementType.SALIDA), 2, 1000);
        assertPage("producto_id=3&tipo_movimiento=salida",
                expected(m -> m.productoId() == 3 && m.tipo() == MovementType.SALIDA), 1, 1000);
        assertPage("producto_id=3&fecha_hasta=2026-05-25T12:00:00Z",
                expected(m -> m.productoId() == 3 && m.timestampMillis() <= cut), 1, 1000);
        assertPage("tipo_movimiento=ajuste&fecha_desde=2026-05-25T12:00:00Z",
                expected(m -> m.tipo() == MovementType.AJUSTE && m.timestampMillis() >= cut), 1, 1000);
        assertPage("producto_id=99999", List.of(), 1, 10);
    }

    /** Invalid parameters are 422: size over 1000 (not clamped), page 0, bad dates and types. */
    @Test
    void should_answer_422_for_invalid_parameters() throws Exception {
        for (String q : new String[] {"size=1001", "size=0", "page=0", "page=x", "fecha_desde=ayer",
                "tipo_movimiento=robo", "producto_id=uno"}) {
            HttpResponse<String> r = client.get("/stock/movements?" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(422);
            JsonNode d = SimClient.json(r).get("detail").get(0);
            assertThat(d.get("loc").get(0).asText()).isEqualTo("query");
            assertThat(d.get("loc").get(1).asText()).isEqualTo(q.substring(0, q.indexOf('=')));
        }
    }

    /** Each item carries every Movimiento field with the invariant holding and valor_total = |cantidad| x precio. */
    @Test
    void should_carry_every_movimiento_field() throws Exception {
        JsonNode items = client.getJson("/stock/movements?size=1000&page=2").get("items");
        for (JsonNode i : items) {
            for (String f : new String[] {"id", "producto_id", "tipo_movimiento", "cantidad", "stock_anterior",
                    "stock_posterior", "motivo", "referencia", "precio_unitario", "origen", "destino", "usuario",
                    "agente_origen", "idempotency_key", "timestamp", "valor_total"}) {
                assertThat(i.has(f)).as(f).isTrue();
            }
            assertThat(i.get("stock_posterior").asInt())
                    .isEqualTo(i.get("stock_anterior").asInt() + i.get("cantidad").asInt());
            if (!i.get("precio_unitario").isNull()) {
                assertThat(i.get("valor_total").asDouble()).isCloseTo(
                        Math.abs(i.get("cantidad").asInt()) * i.get("precio_unitario").asDouble(),
                        org.assertj.core.data.Offset.offset(0.001));
            }
            assertThat(i.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}-03:00");
        }
    }
}
