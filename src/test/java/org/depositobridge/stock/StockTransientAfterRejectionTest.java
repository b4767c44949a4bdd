package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 503 right after a business rejection in the same file is a transient failure, not another rejection: the earlier
 * line's caught 404 must not decide how the later failure is handled.
 */
class StockTransientAfterRejectionTest {

    @TempDir
    Path temp;

    /** Line 1 answered 404, line 2 answered 503 until the fault is cleared: the file waits, then line 2 is applied. */
    @Test
    void should_defer_a_503_that_follows_a_rejected_line() throws Exception {
        // one call a second and no pollers: the fault can be injected between the two lines; one line at a time (the
        // two lines are of different products, which would otherwise share a wave and race for the one call a second)
        try (StockBridge env = StockBridge.start(temp, 60, 3, 10, Map.of("deposito.max-requests-per-second", "1",
                "deposito.sync.enabled", "false", "stock-updates.concurrency", "1"))) {
            SimulatedDeposito deposito = env.deposito();
            StockInbox inbox = env.inbox();
            Path dir = env.dir();
            RunningBridge bridge = env.bridge();
            MeterRegistry metrics = bridge.context().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            int before = deposito.simulator().store().movementCount();
            inbox.drop("orden.csv", "producto_id,tipo_movimiento,cantidad\n999999,entrada,1\n4,entrada,2\n");

            await("line 1 rejected").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                    .until(() -> metrics.counter(StockMetrics.LINES, "result", "rejected").count() >= 1);
            deposito.simulator().faults().inject(Fault.status(503).on(Endpoint.STOCK_UPDATE));
            await("file deferred").atMost(Duration.ofSeconds(30))
                    .until(() -> metrics.counter(StockMetrics.FILES, "result", "deferred").count() >= 1);
            assertThat(inbox.processed("orden.csv.result.csv")).doesNotExist();
            assertThat(dir.resolve("orden.csv")).exists();
            deposito.simulator().faults().clear();

            List<Map<String, String>> result = inbox.awaitResult("orden.csv");

            assertThat(result).extracting(r -> r.get("status")).containsExactly("rejected", "applied");
            assertThat(result.get(0).get("error")).contains("404 producto_no_encontrado");
            assertThat(deposito.simulator().store().movementCount()).isEqualTo(before + 1);
        }
    }
}
