package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

/**
 * Publication swaps atomically; listeners can run off the publisher's thread, coalesced to the newest snapshot. A warm
 * snapshot loaded while the pollers already run never replaces a part a sync has published.
 */
class SnapshotStoreTest {

    private static DepositoSnapshot complete(long version) {
        return new DepositoSnapshot(version, List.of(), List.of(), MovementLog.empty(), 1, 1, 1, "simulator");
    }

    /** With an executor, publish returns before the listener ran, and a blocked listener sees only the newest. */
    @Test
    void should_notify_listeners_off_the_publishing_thread_and_coalesce() throws Exception {
        SnapshotStore store = new SnapshotStore("simulator", 60_000, Clock.systemUTC());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            store.notifyListenersOn(executor);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch firstSeen = new CountDownLatch(1);
            List<Long> seen = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            store.onPublish(s -> {
                seen.add(s.version());
                threads.add(Thread.currentThread().getName());
                firstSeen.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            store.publish(s -> complete(1));
            assertThat(firstSeen.await(10, TimeUnit.SECONDS)).isTrue();
            // the listener is blocked on version 1: these three publications must not wait for it
            store.publish(s -> complete(2));
            store.publish(s -> complete(3));
            store.publish(s -> complete(4));
            assertThat(store.current().version()).isEqualTo(4);
            release.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly(1L, 4L);
            assertThat(threads).noneMatch(t -> t.equals(Thread.currentThread().getName()));
        } finally {
            executor.shutdownNow();
        }
    }

    /** Without an executor listeners run before publish returns (tests rely on it). */
    @Test
    void should_notify_synchronously_by_default() {
        SnapshotStore store = new SnapshotStore("simulator", 60_000, Clock.systemUTC());
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.onPublish(s -> seen.add(s.version()));
        store.publish(s -> complete(7));
        assertThat(seen).containsExactly(7L);
    }

    private static final long NOW = System.currentTimeMillis();
    private static final Producto SYNCED = new Producto(2, "SY-002", "Synced", null, "Almacén", 1, 1, 1, 1.0, 2.0, null,
            null, true, NOW, null);

    /** The warm-start file's snapshot: every part, saved an hour ago at version 40. */
    private static DepositoSnapshot warm() {
        DepositoSnapshot s = SnapshotFileTest.sample();
        long hourAgo = NOW - 3_600_000;
        return new DepositoSnapshot(40, s.productos(), s.critical(), s.movements(), hourAgo, hourAgo, hourAgo, "simulator");
    }

    /** Nothing published yet (the usual warm start): the file's snapshot itself, flagged stale, listeners told. */
    @Test
    void should_install_the_warm_snapshot_as_saved_when_nothing_was_published() {
        SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.onPublish(s -> seen.add(s.version()));
        DepositoSnapshot warm = warm();

        assertThat(store.loadWarm(warm)).isSameAs(warm);

        assertThat(store.current()).isSameAs(warm);
        assertThat(seen).containsExactly(40L);
        assertThat(store.stale()).isTrue();
        assertThat(store.installingWarm()).isFalse();
        // each part stays flagged until its own poller completes a cycle
        store.recordSuccess("productos");
        store.recordSuccess("critical");
        assertThat(store.stale()).isTrue();
        store.recordSuccess("movements");
        assertThat(store.stale()).isFalse();
    }

    /**
     * A poller published its part before the file was read: that part is kept, the others come from the file, under
     * a version above both so the datasets take it; only the file's parts are flagged stale.
     */
    @Test
    void should_keep_a_part_a_sync_published_before_the_warm_load() {
        SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
        List<DepositoSnapshot> seen = new CopyOnWriteArrayList<>();
        store.onPublish(seen::add);
        store.publish(s -> s.withProductos(s.version() + 1, List.of(SYNCED), NOW));
        store.recordSuccess("productos");
        DepositoSnapshot warm = warm();

        DepositoSnapshot installed = store.loadWarm(warm);

        assertThat(installed).isSameAs(store.current()).isNotSameAs(warm);
        assertThat(installed.productos()).containsExactly(SYNCED);
        assertThat(installed.productosAsOfMillis()).isEqualTo(NOW);
        assertThat(installed.critical()).isEqualTo(warm.critical());
        assertThat(installed.movements()).isSameAs(warm.movements());
        assertThat(installed.movementsAsOfMillis()).isEqualTo(warm.movementsAsOfMillis());
        assertThat(installed.version()).isEqualTo(41);
        assertThat(installed.complete()).isTrue();
        assertThat(seen).extracting(DepositoSnapshot::version).containsExactly(1L, 41L);
        assertThat(store.stale()).isTrue();
        store.recordSuccess("critical");
        store.recordSuccess("movements");
        assertThat(store.stale()).isFalse();
        // the next publication builds on the merged snapshot
        assertThat(store.publish(s -> s.withCritical(s.version() + 1, List.of(), NOW)).version()).isEqualTo(42);
    }

    /**
     * A first sync's newest days published before the file was read (the poller waited for the read in vain): the
     * merged snapshot keeps them and says the older history is still to come, so it stays stale and unsaved until
     * the back-fill publishes the whole history.
     */
    @Test
    void should_keep_a_back_fill_still_to_come_when_merging_the_warm_file() {
        SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
        long weekAgo = NOW - 7 * 86_400_000L;
        MovementLog newest = MovementLog.empty().appender()
                .add(900, 2, TipoMovimiento.SALIDA, -1, NOW - 60_000, Double.NaN, Double.NaN).build();
        store.publish(s -> s.withMovements(s.version() + 1, newest, NOW, weekAgo));
        store.recordSuccess("movements");
        assertThat(store.historyBackfilling()).isTrue();

        DepositoSnapshot installed = store.loadWarm(warm());

        assertThat(installed.movements()).isSameAs(newest);
        assertThat(installed.backfillBeforeMillis()).isEqualTo(weekAgo);
        assertThat(store.historyBackfilling()).isTrue();
        store.recordSuccess("productos");
        store.recordSuccess("critical");
        assertThat(store.stale()).as("stale while the history is partial").isTrue();
        // the back-fill's publication: the history is whole again, in the same snapshot
        DepositoSnapshot whole = store.publish(s -> s.withMovements(s.version() + 1, s.movements(), s.movementsAsOfMillis(), 0));
        assertThat(whole.historyBackfilling()).isFalse();
        assertThat(store.historyBackfilling()).isFalse();
        assertThat(store.stale()).isFalse();
    }

    /** Every part synced before the file was read: nothing is taken, nothing is flagged, no listener runs. */
    @Test
    void should_take_nothing_from_the_file_when_every_part_was_published() {
        SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
        List<Long> seen = new CopyOnWriteArrayList<>();
        store.publish(s -> s.withProductos(s.version() + 1, List.of(SYNCED), NOW));
        store.publish(s -> s.withCritical(s.version() + 1, List.of(), NOW));
        store.publish(s -> s.withMovements(s.version() + 1, MovementLog.empty(), NOW));
        List.of("productos", "critical", "movements").forEach(store::recordSuccess);
        store.onPublish(s -> seen.add(s.version()));
        DepositoSnapshot before = store.current();

        assertThat(store.loadWarm(warm())).isNull();

        assertThat(store.current()).isSameAs(before);
        assertThat(seen).isEmpty();
        assertThat(store.stale()).isFalse();
    }

    /**
     * A poller publishing at the same moment as the warm install (two threads released together, many times): the
     * published products always survive, the file's other parts are always in, and the listeners' newest version is
     * the store's.
     */
    @Test
    void should_never_lose_a_publication_racing_the_warm_install() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 500; i++) {
                SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
                AtomicLong newestSeen = new AtomicLong();
                store.onPublish(s -> newestSeen.accumulateAndGet(s.version(), Math::max));
                CyclicBarrier together = new CyclicBarrier(2);
                DepositoSnapshot warm = warm();
                Future<?> sync = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return store.publish(s -> s.withProductos(s.version() + 1, List.of(SYNCED), NOW));
                });
                Future<?> load = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return store.loadWarm(warm);
                });
                sync.get(10, TimeUnit.SECONDS);
                load.get(10, TimeUnit.SECONDS);

                DepositoSnapshot s = store.current();
                assertThat(s.productos()).as("round %d", i).containsExactly(SYNCED);
                assertThat(s.critical()).as("round %d", i).isEqualTo(warm.critical());
                assertThat(s.movements()).as("round %d", i).isSameAs(warm.movements());
                assertThat(s.version()).as("round %d", i).isGreaterThan(warm.version());
                assertThat(newestSeen.get()).as("round %d", i).isEqualTo(s.version());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Readiness waits for the datasets: DOWN while the warm snapshot's listeners run, UP once they have. */
    @Test
    void should_keep_readiness_down_while_the_warm_snapshot_is_being_built() {
        SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
        DepositoHealthCheck check = new DepositoHealthCheck(store, new SyncMonitor(store, Clock.systemUTC()));
        List<HealthCheck.State> during = new CopyOnWriteArrayList<>();
        store.onPublish(s -> during.add(check.call().getState()));

        store.loadWarm(warm());

        assertThat(during).containsExactly(HealthCheck.State.DOWN);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }
}
