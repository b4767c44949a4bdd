package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe of issue #16 item 10 over real HTTP: deposito names holding a bare LF ("Pan dulce\nc/ frutas", as the
 * simulator's catalogue has) or a bare CR come out of the CSV exports as one quoted cell, so every row parses back
 * (strict RFC 4180) to the same names as the JSON twin.
 */
class CsvLineBreakHttpTest {

    static final long AS_OF = CsvExportHttpTest.AS_OF;
    static final ObjectMapper JSON = new ObjectMapper();
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled",
                "false"));
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                .publish(s -> snapshot(s.version() + 1));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    static DepositoSnapshot snapshot(long version) {
        List<Producto> p = List.of(
                CsvExportHttpTest.producto(1, "PAN-DULCE", "Pan dulce\nc/ frutas", "Panadería", 3, 100.0, "30-44444444-4",
                        "Procter\nGamble"),
                CsvExportHttpTest.producto(2, "TURRON", "Turrón\rde maní", "Almacén", 2, 100.0, "30-55555555-5", "Arcor"));
        MovementLog.Appender a = MovementLog.empty().appender();
        a.add(1, 1, TipoMovimiento.SALIDA, -3, AS_OF - 3_600_000L, 150.0, Double.NaN);
        a.add(2, 2, TipoMovimiento.SALIDA, -5, AS_OF - 7_200_000L, 90.0, Double.NaN);
        List<StockCritico> critical = List.of(
                new StockCritico(1, "PAN-DULCE", "Pan dulce\nc/ frutas", "Panadería", 3, 10, 13, 1.3, "verano", 10,
                        "$ 100,00"),
                new StockCritico(2, "TURRON", "Turrón\rde maní", "Almacén", 2, 10, 13, 1.3, "verano", 11, "$ 50,00"));
        return new DepositoSnapshot(version, p, critical, a.build(), AS_OF, AS_OF, AS_OF, "deposito");
    }


    /** Each export row is one record whose name cells equal the JSON twin's, line breaks included. */
    @Test
    void should_keep_each_row_whole_when_a_name_holds_a_line_break() throws Exception {
        for (String[] twin : new String[][] {
                {"/top-products?limit=100&tipo=salida", "producto"},
                {"/critical-stock", "nombre"},
                {"/providers", "nombre"}}) {
            String q = twin[0];
            String path = q.contains("?") ? q.substring(0, q.indexOf('?')) : q;
            String query = q.contains("?") ? q.substring(q.indexOf('?')) : "";
            HttpResponse<String> json = bridge.get("/api" + q, "X-API-Key", "test-key-1");
            HttpResponse<String> csv = bridge.get("/api/export" + path + ".csv" + query, "X-API-Key", "test-key-1");
            assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            JsonNode rows = JSON.readTree(json.body());
            List<List<String>> parsed = Rfc4180.parse(csv.body(), ',');
            assertThat(parsed).as(q).hasSize(rows.size() + 1);
            int column = parsed.get(0).indexOf(twin[1]);
            assertThat(column).as(q + " has " + twin[1]).isNotNegative();
            for (int i = 0; i < rows.size(); i++) {
                assertThat(parsed.get(i + 1)).as(q + " row " + i).hasSize(parsed.get(0).size());
                assertThat(CsvWriter.unguard(parsed.get(i + 1).get(column))).as(q + " row " + i)
                        .isEqualTo(rows.get(i).get(twin[1]).asText());
            }
        }
        assertThat(bridge.get("/api/export/top-products.csv?limit=100&tipo=salida", "X-API-Key", "test-key-1").body())
                .contains("\"Pan dulce\nc/ frutas\"");
    }
}
