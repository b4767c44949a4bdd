package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.depositobridge.dataset.ApiCalls.expected;
import static org.depositobridge.dataset.ApiCalls.get;
import static org.depositobridge.dataset.ApiCalls.json;
import static org.depositobridge.dataset.Expectations.TODAY;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dataset of the hand-made snapshot over real HTTP, compared with values computed independently
 * ({@link Expectations}: plain loops over the fixture) or by hand (the summary).
 */
class DatasetGoldenTest {

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = SnapshotFixture.startBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    private static JsonNode body(String path) throws Exception {
        HttpResponse<String> r = get(bridge, path);
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return json(r);
    }

    /** The summary's figures, worked out by hand from the fixture. */
    @Test
    void should_summarise_the_snapshot() throws Exception {
        JsonNode s = body("/api/summary");
        assertThat(s.get("total_productos").asInt()).isEqualTo(5);
        assertThat(s.get("productos_activos").asInt()).isEqualTo(4);
        assertThat(s.get("productos_stock_critico").asInt()).isEqualTo(2);
        assertThat(s.get("productos_sin_stock").asInt()).isEqualTo(1);
        // 50 x 100 + 0 x 200 + 5 x 50 + 10 x 10 (the inactive yogurt does not count)
        assertThat(s.get("valor_inventario").asDouble()).isEqualTo(5350.0);
        assertThat(s.get("total_proveedores").asInt()).isEqualTo(3);
        assertThat(s.get("total_movimientos").asInt()).isEqualTo(11);
        // 2026-03-12..18 local: movements 1, 2 (23:30 local, already the 18th in UTC), 3, 4, 7, 8, 11
        assertThat(s.get("movimientos_semana").asInt()).isEqualTo(7);
        assertThat(s.get("unidades_entrada_semana").asLong()).isEqualTo(20);
        assertThat(s.get("unidades_salida_semana").asLong()).isEqualTo(3 + 2 + 5 + 4 + 4);
        assertThat(s.get("proveedor_top")).isEqualTo(expected(Map.of("cuit", SnapshotFixture.SERENISIMA,
                "nombre", "La Serenísima", "productos", 2, "valor_stock", 5000.0)));
        assertThat(s.get("data_as_of").asText()).isEqualTo("2026-03-18T15:00:00Z");
        assertThat(s.get("stale").asBoolean()).isFalse();
        assertThat(s.get("generated_at").asText()).isNotBlank();
    }

    /** Providers: stock and value of active products, critical count, movements of the last 7 and 30 days. */
    @Test
    void should_list_providers_with_their_figures() throws Exception {
        assertThat(body("/api/providers")).isEqualTo(expected(Expectations.providers()));
        assertThat(body("/api/providers?sort=nombre").findValuesAsText("nombre"))
                .containsExactly("Arcor", "Coca-Cola FEMSA", "La Serenísima");
        assertThat(body("/api/providers?sort=stock_total&order=asc&limit=1").get(0).get("nombre").asText())
                .isEqualTo("Coca-Cola FEMSA");
        assertThat(body("/api/providers?q=seren").findValuesAsText("cuit")).containsExactly(SnapshotFixture.SERENISIMA);
        assertThat(body("/api/providers?q=30222222").findValuesAsText("nombre")).containsExactly("Coca-Cola FEMSA");
        assertThat(body("/api/providers?q=%20%27arc%3B%27%20").findValuesAsText("nombre")).containsExactly("Arcor");
    }

    /** Stock timeline: per local day and type, newest first, over days or a date range, optionally one type. */
    @Test
    void should_build_the_stock_timeline() throws Exception {
        assertThat(body("/api/stock-timeline")).isEqualTo(expected(Expectations.timeline(TODAY.minusDays(6), TODAY, null)));
        assertThat(body("/api/stock-timeline?days=30")).isEqualTo(expected(Expectations.timeline(TODAY.minusDays(29), TODAY, null)));
        assertThat(body("/api/stock-timeline?start_date=2026-02-01&end_date=2026-03-16&tipo=salida"))
                .isEqualTo(expected(Expectations.timeline(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 16), TipoMovimiento.SALIDA)));
        assertThat(body("/api/stock-timeline?days=1").get(0).get("fecha").asText()).isEqualTo("2026-03-18");
    }

    /** Top products by units, movements or value, over a range, per type, filtered by provider. */
    @Test
    void should_rank_top_products() throws Exception {
        assertThat(body("/api/top-products"))
                .isEqualTo(expected(Expectations.topProducts(TipoMovimiento.SALIDA, null, null, p -> true, "cantidad", 10)));
        assertThat(body("/api/top-products?sort=valor&limit=2"))
                .isEqualTo(expected(Expectations.topProducts(TipoMovimiento.SALIDA, null, null, p -> true, "valor", 2)));
        assertThat(body("/api/top-products?sort=movimientos&start_date=2026-03-01&end_date=2026-03-17"))
                .isEqualTo(expected(Expectations.topProducts(TipoMovimiento.SALIDA, LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 17), p -> true, "movimientos", 10)));
        assertThat(body("/api/top-products?tipo=entrada&proveedor=FEMSA"))
                .isEqualTo(expected(Expectations.topProducts(TipoMovimiento.ENTRADA, null, null,
                        p -> "Coca-Cola FEMSA".equals(p.proveedorNombre()), "cantidad", 10)));
        assertThat(body("/api/top-products?proveedor=nadie")).isEmpty();
    }

    /** Trends: calendar months of the last N months (or a date range), optionally one provider's products. */
    @Test
    void should_build_monthly_trends() throws Exception {
        assertThat(body("/api/trends")).isEqualTo(expected(Expectations.trends(LocalDate.of(2025, 10, 1), TODAY, p -> true)));
        assertThat(body("/api/trends?months=12")).isEqualTo(expected(Expectations.trends(LocalDate.of(2025, 4, 1), TODAY, p -> true)));
        assertThat(body("/api/trends?start_date=2026-02-15&end_date=2026-03-16&proveedor=la%20seren%C3%ADsima"))
                .isEqualTo(expected(Expectations.trends(LocalDate.of(2026, 2, 15), LocalDate.of(2026, 3, 16),
                        p -> p != null && "La Serenísima".equals(p.proveedorNombre()))));
    }

    /** Stock by provider: largest stock first. */
    @Test
    void should_give_stock_by_provider() throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cuit", SnapshotFixture.SERENISIMA);
        a.put("nombre", "La Serenísima");
        a.put("stock_total", 50);
        a.put("valor_stock", 5000.0);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("cuit", SnapshotFixture.ARCOR);
        b.put("nombre", "Arcor");
        b.put("stock_total", 5);
        b.put("valor_stock", 250.0);
        assertThat(body("/api/stock-by-provider?limit=2")).isEqualTo(expected(List.of(a, b)));
        assertThat(body("/api/stock-by-provider")).hasSize(3);
    }

    /** Weekly sales: ISO weeks, oldest first, the current (partial) week last. */
    @Test
    void should_count_weekly_sales_by_iso_week() throws Exception {
        assertThat(body("/api/weekly-sales")).isEqualTo(expected(Expectations.weeklySales(8)));
        assertThat(body("/api/weekly-sales?weeks=3")).isEqualTo(expected(Expectations.weeklySales(3)));
        assertThat(body("/api/weekly-sales?weeks=1").get(0).get("semana").asText()).isEqualTo("2026-W12");
    }

    /** Critical stock: the deposito's list joined with providers, largest deficit first, filtered. */
    @Test
    void should_list_critical_stock_with_providers() throws Exception {
        Map<String, Object> gaseosa = new LinkedHashMap<>();
        gaseosa.put("producto_id", 2);
        gaseosa.put("codigo", "GASEOSA-2L");
        gaseosa.put("nombre", "Coca-Cola 2,25L");
        gaseosa.put("categoria", "Bebidas");
        gaseosa.put("stock_actual", 0);
        gaseosa.put("stock_minimo", 10);
        gaseosa.put("stock_minimo_ajustado", 13);
        gaseosa.put("deficit", 13);
        gaseosa.put("proveedor", "Coca-Cola FEMSA");
        Map<String, Object> alfajor = new LinkedHashMap<>();
        alfajor.put("producto_id", 3);
        alfajor.put("codigo", "ALFAJOR");
        alfajor.put("nombre", "=Alfajor \"Triple\"");
        alfajor.put("categoria", "Almacén");
        alfajor.put("stock_actual", 5);
        alfajor.put("stock_minimo", 10);
        alfajor.put("stock_minimo_ajustado", 13);
        alfajor.put("deficit", 8);
        alfajor.put("proveedor", "Arcor");
        assertThat(body("/api/critical-stock")).isEqualTo(expected(List.of(gaseosa, alfajor)));
        assertThat(body("/api/critical-stock?categoria=ALMAC%C3%89N")).isEqualTo(expected(List.of(alfajor)));
        assertThat(body("/api/critical-stock?proveedor=arcor")).isEqualTo(expected(List.of(alfajor)));
        assertThat(body("/api/critical-stock?limit=1")).isEqualTo(expected(List.of(gaseosa)));
    }

    /** Lists are JSON arrays at the top level (older clients index body[0]). */
    @Test
    void should_answer_lists_as_top_level_arrays() throws Exception {
        for (String p : List.of("/api/providers", "/api/stock-timeline", "/api/top-products", "/api/stock-by-provider",
                "/api/weekly-sales", "/api/critical-stock")) {
            assertThat(body(p).isArray()).as(p).isTrue();
        }
    }
}
