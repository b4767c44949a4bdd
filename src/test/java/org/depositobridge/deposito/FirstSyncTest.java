package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first sync with nothing held serves the newest movements first: ready with data once they are in, flagged stale
 * while the older history is back-filled, never saved for a warm start half-filled, and complete (each movement
 * exactly once) in the end, against the simulator over HTTP.
 */
class FirstSyncTest {

    @TempDir
    Path data;

    /**
     * The first movements publication holds the newest 7 days only; at that moment readiness is 200, the summary is
     * served with X-Data-Stale: true and nothing is saved. A back-fill that fails then is tried again by the next
     * cycle, and the history ends complete, ids strictly ascending, stale no more.
     */
    @Test
    void should_be_ready_with_the_newest_days_first_and_back_fill_the_rest() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(60, 40, 100)) {
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.data-dir", data.toString());
            settings.put("deposito.movements.first-sync-days", "7");
            settings.put("deposito.movements.page-size", "100");
            // the datasets are rebuilt on the publishing thread, so they match the publication the test holds
            settings.put("deposito.snapshot.async-listeners", "false");
            settings.put("deposito.snapshot.save-interval-seconds", "3600");
            // the pollers are started below, once the test listens to the publications
            settings.put("deposito.sync.enabled", "false");
            CountDownLatch firstPublished = new CountDownLatch(1);
            CountDownLatch checked = new CountDownLatch(1);
            AtomicBoolean holding = new AtomicBoolean(true);
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
                store.onPublish(s -> {
                    // hold the poller at its first movements publication while the test looks at the bridge
                    if (s.movements().size() > 0 && holding.compareAndSet(true, false)) {
                        firstPublished.countDown();
                        awaitQuietly(checked);
                    }
                });
                for (String poller : new String[] {"productos", "critical", "movements"}) {
                    bridge.context().getRouteController().startRoute("deposito-sync-" + poller);
                }
                SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
                SnapshotPersister persister = bridge.context().getRegistry()
                        .lookupByNameAndType("snapshotPersister", SnapshotPersister.class);
                try {
                    assertThat(firstPublished.await(30, TimeUnit.SECONDS)).isTrue();
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.current().complete());
                    MovementLog first = store.current().movements();
                    long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis() - 60_000;
                    assertThat(first.size()).isPositive().isLessThan(deposito.simulator().store().movementCount() / 2);
                    assertThat(first.timestampMillis(0)).isGreaterThanOrEqualTo(weekAgo);
                    assertThat(store.historyBackfilling()).isTrue();
                    assertThat(store.stale()).isTrue();

                    HttpResponse<String> ready = bridge.getManagement("/observe/health/ready");
                    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                    HttpResponse<String> summary = bridge.get("/api/summary", "X-API-Key", "test-key-1");
                    assertThat(summary.statusCode()).isEqualTo(200);
                    assertThat(summary.headers().firstValue("X-Data-Stale")).hasValue("true");

                    persister.saveIfNewer();
                    assertThat(data.resolve("snapshot.bin")).doesNotExist();

                    // the back-fill's first call (and its retries) fails: the cycle fails, the next one back-fills
                    deposito.simulator().faults().inject(Fault.status(500).on(Endpoint.MOVEMENTS).times(3));
                } finally {
                    checked.countDown();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> monitor.failures("movements") > 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> !store.historyBackfilling() && !store.stale());

                MovementLog all = store.current().movements();
                assertThat(all.size()).isEqualTo(deposito.simulator().store().movementCount());
                assertThat(all.timestampMillis(0)).isLessThan(System.currentTimeMillis() - Duration.ofDays(30).toMillis());
                for (int i = 1; i < all.size(); i++) {
                    assertThat(all.id(i)).as("movement %d after %d", all.id(i), all.id(i - 1)).isGreaterThan(all.id(i - 1));
                }
                HttpResponse<String> summary = bridge.get("/api/summary", "X-API-Key", "test-key-1");
                assertThat(summary.headers().firstValue("X-Data-Stale")).hasValue("false");
                persister.saveIfNewer();
                assertThat(data.resolve("snapshot.bin")).exists();
            }
        }
    }

    /** A page fetch parallelism outside 1..32 stops the start, naming the key. */
    @Test
    void should_refuse_a_page_fetch_parallelism_outside_1_to_32() {
        assertThatThrownBy(() -> RunningBridge.start(Map.of("bridge.data-dir", data.resolve("a").toString(),
                "deposito.page-fetch-parallelism", "0")))
                .hasStackTraceContaining("event=config_invalid key=deposito.page-fetch-parallelism value=\"0\""
                        + " expected=\"an integer from 1 to 32\"");
        assertThatThrownBy(() -> RunningBridge.start(Map.of("bridge.data-dir", data.resolve("b").toString(),
                "deposito.movements.first-sync-days", "-1")))
                .hasStackTraceContaining("event=config_invalid key=deposito.movements.first-sync-days value=\"-1\""
                        + " expected=\"a number of days >= 0 (0 = the whole history in one pass)\"");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
