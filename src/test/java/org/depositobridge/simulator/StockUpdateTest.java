package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /stock/update: signed quantities, never below zero, idempotency, validation, no lost update. */
class StockUpdateTest {

    DepositoSimulator sim;
    SimClient client;

    @BeforeEach
    void start() {
        sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(50).withDays(10)
                .withMovementsPerDay(100).withSeed(7L));
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String body(int producto, String tipo, int cantidad, String key) {
        return "{\"producto_id\":" + producto + ",\"tipo_movimiento\":\"" + tipo + "\",\"cantidad\":" + cantidad
                + (key == null ? "" : ",\"idempotency_key\":\"" + key + "\"") + "}";
    }

    /** An entrada adds stock, records a movement and answers StockUpdateResponse. */
    @Test
    void should_apply_an_entrada_and_record_the_movement() throws Exception {
        int before = sim.store().stockOf(3);
        int movements = sim.store().movementCount();
        HttpResponse<String> r = client.post("/stock/update", "{\"producto_id\":3,\"tipo_movimiento\":\"entrada\","
                + "\"cantidad\":12,\"motivo\":\"Compra\",\"referencia\":\"FAC-A-0002-00000001\",\"precio_unitario\":150.5,"
                + "\"usuario\":\"ana\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = SimClient.json(r);
        assertThat(n.get("success").asBoolean()).isTrue();
        assertThat(n.get("producto_id").asInt()).isEqualTo(3);
        assertThat(n.get("stock_anterior").asInt()).isEqualTo(before);
        assertThat(n.get("stock_nuevo").asInt()).isEqualTo(before + 12);
        assertThat(n.get("mensaje").asText()).isEqualTo("Stock actualizado correctamente");
        assertThat(n.get("movimiento_id").asInt()).isEqualTo(movements + 1);
        assertThat(sim.store().stockOf(3)).isEqualTo(before + 12);
        Movement m = sim.store().movement(movements + 1);
        assertThat(m.tipo()).isEqualTo(MovementType.ENTRADA);
        assertThat(m.referencia()).isEqualTo("FAC-A-0002-00000001");
        assertThat(m.precioUnitarioCents()).isEqualTo(15050);
        assertThat(m.usuario()).isEqualTo("ana");
        assertThat(m.agenteOrigen()).isEqualTo("bridge-test");
        JsonNode listed = client.getJson("/stock/movements?producto_id=3&size=1000");
        JsonNode last = listed.get("items").get(listed.get("items").size() - 1);
        assertThat(last.get("id").asInt()).isEqualTo(movements + 1);
        assertThat(last.get("valor_total").asDouble()).isEqualTo(1806.0);
    }

    /** A salida below zero is 400 stock_insuficiente with the current stock, and changes nothing. */
    @Test
    void should_refuse_a_salida_below_zero() throws Exception {
        int before = sim.store().stockOf(4);
        int movements = sim.store().movementCount();
        HttpResponse<String> r = client.post("/stock/update", body(4, "salida", -(before + 1), null));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode n = SimClient.json(r);
        assertThat(n.get("error").asText()).isEqualTo("stock_insuficiente");
        assertThat(n.get("message").asText()).isNotBlank();
        assertThat(n.get("stock_actual").asInt()).isEqualTo(before);
        assertThat(sim.store().stockOf(4)).isEqualTo(before);
        assertThat(sim.store().movementCount()).isEqualTo(movements);
    }

    /** A salida that takes the stock to exactly zero is allowed. */
    @Test
    void should_allow_a_salida_to_exactly_zero() throws Exception {
        int before = sim.store().stockOf(5);
        if (before == 0) {
            client.post("/stock/update", body(5, "entrada", 3, null));
            before = 3;
        }
        HttpResponse<String> r = client.post("/stock/update", body(5, "salida", -before, null));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sim.store().stockOf(5)).isZero();
    }

    /** An unknown product is 404 producto_no_encontrado and changes nothing. */
    @Test
    void should_answer_404_for_an_unknown_product() throws Exception {
        int movements = sim.store().movementCount();
        HttpResponse<String> r = client.post("/stock/update", body(9999, "entrada", 1, null));
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode n = SimClient.json(r);
        assertThat(n.get("error").asText()).isEqualTo("producto_no_encontrado");
        assertThat(n.get("message").asText()).contains("9999");
        assertThat(sim.store().movementCount()).isEqualTo(movements);
    }

    /** Every malformed body is 422 with the offending field located, and changes nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing producto_id|{\"tipo_movimiento\":\"entrada\",\"cantidad\":1}|missing|producto_id",
        "missing tipo|{\"producto_id\":1,\"cantidad\":1}|missing|tipo_movimiento",
        "missing cantidad|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\"}|missing|cantidad",
        "string producto_id|{\"producto_id\":\"1\",\"tipo_movimiento\":\"entrada\",\"cantidad\":1}|int_type|producto_id",
        "float cantidad|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1.5}|int_type|cantidad",
        "boolean cantidad|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":true}|int_type|cantidad",
        "unknown tipo|{\"producto_id\":1,\"tipo_movimiento\":\"regalo\",\"cantidad\":1}|enum|tipo_movimiento",
        "transferencia|{\"producto_id\":1,\"tipo_movimiento\":\"transferencia\",\"cantidad\":1}|enum|tipo_movimiento",
        "zero cantidad|{\"producto_id\":1,\"tipo_movimiento\":\"ajuste\",\"cantidad\":0}|value_error|cantidad",
        "negative entrada|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":-3}|value_error|cantidad",
        "positive salida|{\"producto_id\":1,\"tipo_movimiento\":\"salida\",\"cantidad\":3}|value_error|cantidad",
        "numeric motivo|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1,\"motivo\":5}|string_type|motivo",
        "zero price|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1,\"precio_unitario\":0}|greater_than|precio_unitario",
        "string price|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1,\"precio_unitario\":\"x\"}|float_type|precio_unitario",
        "null usuario|{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1,\"usuario\":null}|string_type|usuario",
        "huge producto_id|{\"producto_id\":99999999999,\"tipo_movimiento\":\"entrada\",\"cantidad\":1}|int_type|producto_id"
    })
    void should_answer_422_and_change_nothing_for_an_invalid_body(String name, String json, String type, String field)
            throws Exception {
        int movements = sim.store().movementCount();
        int stock = sim.store().stockOf(1);
        HttpResponse<String> r = client.post("/stock/update", json);
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode detail = SimClient.json(r).get("detail");
        assertThat(detail.isArray()).isTrue();
        assertThat(detail.get(0).get("type").asText()).isEqualTo(type);
        assertThat(detail.get(0).get("loc").toString()).isEqualTo("[\"body\",\"" + field + "\"]");
        assertThat(detail.get(0).get("msg").asText()).isNotBlank();
        assertThat(sim.store().movementCount()).isEqualTo(movements);
        assertThat(sim.store().stockOf(1)).isEqualTo(stock);
    }

    /** Non-JSON and non-object bodies are 422 on the body as a whole. */
    @Test
    void should_answer_422_for_a_body_that_is_not_a_json_object() throws Exception {
        int movements = sim.store().movementCount();
        HttpResponse<String> notJson = client.post("/stock/update", "producto_id=1");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(SimClient.json(notJson).get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        HttpResponse<String> array = client.post("/stock/update", "[1,2]");
        assertThat(array.statusCode()).isEqualTo(422);
        assertThat(SimClient.json(array).get("detail").get(0).get("type").asText()).isEqualTo("model_attributes_type");
        assertThat(client.post("/stock/update", "").statusCode()).isEqualTo(422);
        assertThat(sim.store().movementCount()).isEqualTo(movements);
    }

    /** Replaying an idempotency_key returns the stored movement with the idempotent message and changes nothing. */
    @Test
    void should_replay_an_idempotency_key_without_changing_anything() throws Exception {
        HttpResponse<String> first = client.post("/stock/update", body(6, "entrada", 5, "key-6-a"));
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode a = SimClient.json(first);
        int stock = sim.store().stockOf(6);
        int movements = sim.store().movementCount();
        HttpResponse<String> again = client.post("/stock/update", body(6, "entrada", 50, "key-6-a"));
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode b = SimClient.json(again);
        assertThat(b.get("mensaje").asText()).isEqualTo("Operación ya procesada (idempotente)");
        assertThat(b.get("movimiento_id").asInt()).isEqualTo(a.get("movimiento_id").asInt());
        assertThat(b.get("stock_anterior").asInt()).isEqualTo(a.get("stock_anterior").asInt());
        assertThat(b.get("stock_nuevo").asInt()).isEqualTo(a.get("stock_nuevo").asInt());
        assertThat(sim.store().stockOf(6)).isEqualTo(stock);
        assertThat(sim.store().movementCount()).isEqualTo(movements);
        assertThat(sim.store().movement(a.get("movimiento_id").asInt()).idempotencyKey()).isEqualTo("key-6-a");
        assertThat(sim.idempotencyKeyCount()).isEqualTo(1);
    }

    /** A refused update does not burn its key: the same key works once the stock allows it. */
    @Test
    void should_not_remember_the_key_of_a_refused_update() throws Exception {
        int stock = sim.store().stockOf(8);
        assertThat(client.post("/stock/update", body(8, "salida", -(stock + 5), "k8")).statusCode()).isEqualTo(400);
        assertThat(client.post("/stock/update", body(8, "entrada", 10, null)).statusCode()).isEqualTo(200);
        HttpResponse<String> retry = client.post("/stock/update", body(8, "salida", -(stock + 5), "k8"));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(retry).get("mensaje").asText()).isEqualTo("Stock actualizado correctamente");
    }

    /** Many threads updating one product: no lost update, and the movement chain is consistent. */
    @Test
    void should_serialise_concurrent_updates_to_one_product() throws Exception {
        int product = 2;
        client.post("/stock/update", body(product, "entrada", 500, null));
        int initial = sim.store().stockOf(product);
        int firstNew = sim.store().movementCount() + 1;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<int[]>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                final int thread = t;
                Callable<int[]> task = () -> {
                    int applied = 0;
                    int sum = 0;
                    for (int i = 0; i < 25; i++) {
                        int q = (thread + i) % 3 == 0 ? 7 : -3;
                        String json = body(product, q > 0 ? "entrada" : "salida", q, "t" + thread + "-" + i);
                        HttpResponse<String> r = client.post("/stock/update", json);
                        if (r.statusCode() == 200) {
                            applied++;
                            sum += q;
                        } else if (r.statusCode() != 400) {
                            throw new AssertionError(r.statusCode() + " " + r.body());
                        }
                        // replay one in five: must never apply twice
                        if (i % 5 == 0) {
                            client.post("/stock/update", json);
                        }
                    }
                    return new int[] {applied, sum};
                };
                results.add(pool.submit(task));
            }
            int applied = 0;
            int sum = 0;
            for (Future<int[]> f : results) {
                int[] r = f.get();
                applied += r[0];
                sum += r[1];
            }
            assertThat(sim.store().stockOf(product)).isEqualTo(initial + sum);
            List<Movement> mine = sim.store().movementsOf(product).stream().filter(m -> m.id() >= firstNew).toList();
            assertThat(mine).hasSize(applied);
            int expectedBefore = initial;
            for (Movement m : mine) {
                assertThat(m.stockAnterior()).isEqualTo(expectedBefore);
                assertThat(m.stockPosterior()).isEqualTo(m.stockAnterior() + m.cantidad()).isNotNegative();
                expectedBefore = m.stockPosterior();
            }
            assertThat(expectedBefore).isEqualTo(sim.store().stockOf(product));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The movement store is bounded: at capacity, updates answer 503 and change nothing. */
    @Test
    void should_refuse_updates_when_the_store_is_full() throws Exception {
        try (DepositoSimulator small = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(5).withDays(2)
                .withMovementsPerDay(10).withMaxMovements(21))) {
            SimClient c = new SimClient(small);
            assertThat(c.post("/stock/update", body(1, "entrada", 1, null)).statusCode()).isEqualTo(200);
            int stock = small.store().stockOf(1);
            HttpResponse<String> full = c.post("/stock/update", body(1, "entrada", 1, null));
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(SimClient.json(full).get("detail").asText()).contains("full");
            assertThat(small.store().movementCount()).isEqualTo(21);
            assertThat(small.store().stockOf(1)).isEqualTo(stock);
        }
    }

    /** Text fields are bounded so API input cannot grow memory without limit per row. */
    @Test
    void should_refuse_an_oversized_motivo() throws Exception {
        String json = "{\"producto_id\":1,\"tipo_movimiento\":\"entrada\",\"cantidad\":1,\"motivo\":\""
                + "x".repeat(StockUpdateHandler.MAX_TEXT + 1) + "\"}";
        HttpResponse<String> r = client.post("/stock/update", json);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(SimClient.json(r).get("detail").get(0).get("type").asText()).isEqualTo("string_too_long");
        String huge = "{\"motivo\":\"" + "x".repeat(SimulatorHttpServer.MAX_BODY) + "\"}";
        assertThat(client.post("/stock/update", huge).statusCode()).isEqualTo(413);
    }
}
