package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

/**
 * The request deposito-call builds in YAML (CamelHttpUri = the target's base URL, CamelHttpPath = the caller's
 * depositoPath) keeps the deposito's path prefix: every poller syncs from a deposito served under /api/v1.
 */
class DepositoPathPrefixTest {

    /** All three pollers complete against a simulator that answers only under /api/v1. */
    @Test
    void should_call_the_deposito_under_its_path_prefix() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("simulator.products", "120",
                "simulator.history-days", "5", "simulator.movements-per-day", "40", "deposito.path-prefix", "/api/v1",
                "deposito.productos.page-size", "50", "deposito.productos.period-ms", "300",
                "deposito.critical.period-ms", "300", "deposito.movements.period-ms", "300"))) {
            SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.successes("productos") > 0
                    && monitor.successes("critical") > 0 && monitor.successes("movements") > 0);
            assertThat(monitor.failures("productos") + monitor.failures("critical") + monitor.failures("movements"))
                    .isZero();
            // three pages of 50 for 120 products
            assertThat(monitor.lastItems("productos")).isEqualTo(120);
        }
    }
}
