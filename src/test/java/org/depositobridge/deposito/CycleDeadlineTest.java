package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 3: a deposito that dribbles its product pages at 2,000 B/s. Every byte arrives well within the socket
 * timeout and one page takes longer than the breaker's cap on one attempt allows for, so before the fix the data
 * froze while /health said fresh. The cycle's deadline now fails the cycle: stale at most the deadline after the
 * cycle started, recovered once the deposito is fast again.
 */
class CycleDeadlineTest {

    private static final long DEADLINE_MS = 2000;

    @Test
    void should_fail_a_dribbled_cycle_at_its_deadline() throws Exception {
        try (SimulatedDeposito sim = SimulatedDeposito.start(300, 5, 20)) {
            Map<String, String> settings = new HashMap<>(sim.bridgeSettings());
            settings.put("deposito.productos.cycle-timeout-ms", String.valueOf(DEADLINE_MS));
            // one page of 300 products (~45 KB): about 20 s at 2,000 B/s
            settings.put("deposito.productos.page-size", "1000");
            // production-like caps on one attempt and on silence, far above the deadline
            settings.put("deposito.breaker.timeout-ms", "20000");
            settings.put("camel.component.http.soTimeout", "10000");
            settings.put("camel.component.http.responseTimeout", "10000");
            try (RunningBridge bridge = RunningBridge.start(settings).awaitReady()) {
                SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
                SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> !store.stale());

                long failures = monitor.failures("productos");
                sim.simulator().faults().inject(Fault.dribble(2000).on(Endpoint.PRODUCTOS));
                long injected = System.nanoTime();
                await("the dribbled cycle fails at its deadline").atMost(Duration.ofMillis(DEADLINE_MS + 4000))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> monitor.failures("productos") > failures);
                long ms = (System.nanoTime() - injected) / 1_000_000;
                assertThat(monitor.details().get("productos.last_error")).asString().contains("cycle deadline");
                assertThat(store.stale()).isTrue();
                String health = bridge.get("/health").body();
                // the other pollers' small answers still arrive whole, so the deposito stays reachable: the data is stale
                assertThat(health).contains("\"stale\":true");

                sim.simulator().faults().clear();
                await("recovers").atMost(Duration.ofSeconds(20)).until(() -> !store.stale());
                System.out.printf("CycleDeadlineTest: dribbled cycle failed %d ms after the fault (deadline %d ms)%n",
                        ms, DEADLINE_MS);
            }
        }
    }
}
