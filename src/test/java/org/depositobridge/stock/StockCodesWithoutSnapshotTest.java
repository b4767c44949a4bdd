package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a snapshot (pollers off) product codes are resolved from the deposito's catalogue, read once per file. */
class StockCodesWithoutSnapshotTest {

    @TempDir
    Path temp;

    /** Three lines by code, no snapshot: one GET /productos (one page), three movements on the right products. */
    @Test
    void should_resolve_codes_from_the_catalogue_once_per_file() throws Exception {
        try (StockBridge env = StockBridge.start(temp, 60, 3, 10, Map.of("deposito.sync.enabled", "false"))) {
            DepositoSimulator sim = env.sim();
            StockInbox inbox = env.inbox();
            RunningBridge bridge = env.bridge();
            int stock11 = sim.store().stockOf(11);
            int stock12 = sim.store().stockOf(12);
            inbox.drop("por-codigo.csv", "codigo,tipo_movimiento,cantidad\n"
                    + sim.store().product(11).codigo().toLowerCase(java.util.Locale.ROOT) + ",entrada,2\n"
                    + sim.store().product(12).codigo() + ",entrada,3\n"
                    + sim.store().product(11).codigo() + ",entrada,1\n");

            assertThat(inbox.awaitResult("por-codigo.csv")).extracting(r -> r.get("status"))
                    .containsExactly("applied", "applied", "applied");
            assertThat(sim.store().stockOf(11)).isEqualTo(stock11 + 3);
            assertThat(sim.store().stockOf(12)).isEqualTo(stock12 + 3);
            assertThat(bridge.scrapeMetrics())
                    .containsPattern("deposito_requests_total\\{[^}]*endpoint=\"productos\"[^}]*outcome=\"success\"[^}]*} 1\\.0");
        }
    }
}
