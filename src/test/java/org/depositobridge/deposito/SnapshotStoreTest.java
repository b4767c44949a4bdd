package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Publication swaps atomically; listeners can run off the publisher's thread, coalesced to the newest snapshot. */
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
}
