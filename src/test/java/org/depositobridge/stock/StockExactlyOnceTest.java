package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once over real HTTP: a file of 1,000 lines makes 1,000 movements, the same file again makes none, and
 * files sent while the deposito answers 503 or times out complete once the faults clear, each key applied once.
 */
class StockExactlyOnceTest {

    @TempDir
    static Path temp;
    static StockBridge env;
    static DepositoSimulator sim;
    static RunningBridge bridge;
    static StockInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        env = StockBridge.start(temp, 150, 5, 20, Map.of());
        sim = env.sim();
        bridge = env.bridge().awaitReady();
        inbox = env.inbox();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    /** n entrada lines by product code over products 1..100, with a tag so different tests' files differ. */
    static String entradas(int n, String tag) {
        return StockExactlyOnceTestData.entradas(sim, n, tag);
    }

    /** 1,000 lines make exactly 1,000 movements; the same file dropped again (twice, one under its old name) makes none. */
    @Test
    void should_apply_a_thousand_lines_once_and_replay_them_when_dropped_again() throws Exception {
        String csv = entradas(1000, "mil");
        int before = sim.store().movementCount();

        inbox.drop("mil.csv", csv);
        List<Map<String, String>> first = inbox.awaitResult("mil.csv", Duration.ofSeconds(120));

        assertThat(first).hasSize(1000).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("applied"));
        assertThat(sim.store().movementCount()).isEqualTo(before + 1000);
        List<String> keys = StockInbox.keysSince(sim, before);
        assertThat(keys).hasSize(1000).doesNotHaveDuplicates();
        assertThat(StockInbox.distinct(keys)).isEqualTo(StockInbox.distinct(first.stream().map(r -> r.get("key")).toList()));

        inbox.drop("mil.csv", csv);
        List<Map<String, String>> again = inbox.awaitResult("mil-2.csv", Duration.ofSeconds(120));

        assertThat(again).hasSize(1000).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("replayed"));
        for (int i = 0; i < 1000; i++) {
            assertThat(again.get(i).get("movimiento_id")).isEqualTo(first.get(i).get("movimiento_id"));
        }
        assertThat(sim.store().movementCount()).isEqualTo(before + 1000);
        assertThat(bridge.scrapeMetrics()).containsPattern("stock_update_lines_total\\{[^}]*result=\"replayed\"[^}]*} 1000\\.0")
                .containsPattern("stock_update_lines_total\\{[^}]*result=\"applied\"[^}]*} \\d+")
                // every call went through the shared call route and was counted by the stats processor
                .containsPattern("deposito_requests_total\\{[^}]*endpoint=\"stock_update\"[^}]*} [1-9]\\d{3}");
    }

    /**
     * Lines that repeat and alternate products (runs of one product, a product back two lines later), sent in
     * concurrent waves: every product's lines are applied in file order (the deposito's movement order), each once,
     * and a salida that needs the entrada before it on the same product is applied, not refused.
     */
    @Test
    void should_apply_each_products_lines_in_file_order_when_sent_concurrently() throws Exception {
        int[] pattern = {1, 2, 1, 1, 3, 2, 2, 4, 1, 3, 5, 6, 7, 8, 9, 5};
        Map<Integer, Integer> seen = new HashMap<>();
        StringBuilder csv = new StringBuilder("codigo,tipo_movimiento,cantidad,motivo,referencia\n");
        for (int i = 0; i < 320; i++) {
            int product = 101 + pattern[i % pattern.length] + 10 * (i / 160);
            // each product's lines alternate an entrada of 1000 and a salida of 1000: a salida sent before its entrada
            // would be refused on a product holding less than 1000
            boolean in = seen.merge(product, 1, Integer::sum) % 2 == 1;
            csv.append(sim.store().product(product).codigo()).append(in ? ",entrada,1000" : ",salida,-1000")
                    .append(",orden,ORD-").append(i).append('\n');
        }
        int before = sim.store().movementCount();

        inbox.drop("orden.csv", csv.toString());
        List<Map<String, String>> result = inbox.awaitResult("orden.csv", Duration.ofSeconds(120));

        assertThat(result).hasSize(320).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("applied"));
        assertThat(sim.store().movementCount()).isEqualTo(before + 320);
        assertThat(StockInbox.keysSince(sim, before)).hasSize(320).doesNotHaveDuplicates();
        Map<Integer, List<Integer>> byProduct = StockInbox.appliedLinesByProduct(sim, before);
        assertThat(byProduct).hasSize(18).allSatisfy((product, lines) -> assertThat(lines).isSorted());
    }

    /** A 503 burst outlasting the call's retries defers the file; it completes after the burst with every line applied once. */
    @Test
    void should_complete_a_file_after_a_503_burst_with_each_line_applied_once() throws Exception {
        String csv = entradas(40, "burst503");
        int before = sim.store().movementCount();
        var burst = sim.faults().inject(Fault.status(503).on(Endpoint.STOCK_UPDATE).times(12));

        inbox.drop("rafaga-503.csv", csv);
        List<Map<String, String>> result = inbox.awaitResult("rafaga-503.csv", Duration.ofSeconds(60));

        assertThat(burst.fired()).isEqualTo(12);
        assertThat(result).hasSize(40).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("applied"));
        assertThat(sim.store().movementCount()).isEqualTo(before + 40);
        assertThat(StockInbox.keysSince(sim, before)).hasSize(40).doesNotHaveDuplicates();
        assertThat(bridge.scrapeMetrics()).containsPattern("stock_update_files_total\\{[^}]*result=\"deferred\"[^}]*} [1-9]")
                .containsPattern("stock_update_lines_total\\{[^}]*result=\"failed\"[^}]*} [1-9]");
    }

    /**
     * Answers slower than the bridge's timeout: the deposito applies the update the bridge gave up on, so the retry is
     * answered as a replay; the file completes with one movement per line.
     */
    @Test
    void should_complete_a_file_after_timeouts_without_applying_a_line_twice() throws Exception {
        // one product: its lines go one at a time (one per wave), so the four slow answers fall on the first line and
        // its retries, and a retry finds the update the deposito applied after the bridge gave up (a replay). Spread
        // over concurrent lines, each line's first retry would come before its own slow original was applied.
        StringBuilder csv = new StringBuilder("codigo,tipo_movimiento,cantidad,motivo,referencia\n");
        for (int i = 0; i < 30; i++) {
            csv.append(sim.store().product(7).codigo()).append(",entrada,1,timeouts,REF-").append(i).append('\n');
        }
        int before = sim.store().movementCount();
        var slow = sim.faults().inject(Fault.latency(Duration.ofMillis(1000)).on(Endpoint.STOCK_UPDATE).times(4));

        inbox.drop("lento.csv", csv.toString());
        List<Map<String, String>> result = inbox.awaitResult("lento.csv", Duration.ofSeconds(60));

        assertThat(slow.fired()).isEqualTo(4);
        assertThat(result).hasSize(30).allSatisfy(r -> assertThat(r.get("status")).isIn("applied", "replayed"));
        assertThat(result).extracting(r -> r.get("status")).contains("replayed");
        assertThat(sim.store().movementCount()).isEqualTo(before + 30);
        assertThat(StockInbox.keysSince(sim, before)).hasSize(30).doesNotHaveDuplicates();
    }
}
