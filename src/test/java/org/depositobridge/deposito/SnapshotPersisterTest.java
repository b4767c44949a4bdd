package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.depositobridge.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-start file is read and installed on a thread of its own while the bridge starts: named, daemon, gone
 * once done; a file it cannot use is reported and ignored; a stop while it still reads cancels it and leaves the file
 * as it was; a sync that publishes first keeps its data.
 */
class SnapshotPersisterTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final SnapshotStore store = new SnapshotStore("simulator", Long.MAX_VALUE, Clock.systemUTC());
    private SnapshotPersister persister;

    @AfterEach
    void stop() {
        if (persister != null) {
            persister.stop();
        }
    }

    private Path saved() throws IOException {
        Path path = dir.resolve("snapshot.bin");
        new SnapshotFile(path, json).save(SnapshotFileTest.sample());
        return path;
    }

    private SnapshotPersister persister(SnapshotFile file) {
        persister = new SnapshotPersister(store, file, 60_000, true, () -> "simulator");
        return persister;
    }

    private static boolean loadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(SnapshotPersister.LOAD_THREAD));
    }

    /** A file the load blocks in until released (or interrupted): a slow disk, on a real file. */
    private static final class HeldFile extends SnapshotFile {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HeldFile(Path path, ObjectMapper json) {
            super(path, json);
        }

        @Override
        public DepositoSnapshot load() throws IOException {
            reading.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the test never released the read");
                }
            } catch (InterruptedException e) {
                throw new InterruptedIOException("read interrupted");
            }
            return super.load();
        }
    }

    /** Loaded off the caller's thread, on the named daemon thread, which ends once the snapshot is in. */
    @Test
    void should_load_the_file_on_its_own_daemon_thread_that_ends_when_done() throws Exception {
        Path path = saved();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Boolean> daemon = new CopyOnWriteArrayList<>();
        store.onPublish(s -> {
            threads.add(Thread.currentThread().getName());
            daemon.add(Thread.currentThread().isDaemon());
        });
        try (LogCapture logs = LogCapture.open()) {
            persister(new SnapshotFile(path, json)).startLoading();
            persister.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> store.current().complete());
            assertThat(store.current().version()).isEqualTo(42);
            assertThat(store.stale()).isTrue();
            assertThat(threads).containsExactly(SnapshotPersister.LOAD_THREAD);
            assertThat(daemon).containsExactly(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> !loadThreadAlive());
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("event=warm_start_loaded") == 1);
            assertThat(logs.lines()).anyMatch(l -> l.contains("event=warm_start_loaded") && l.contains("parts=all"));
        }
        byte[] before = Files.readAllBytes(path);
        persister.stop();
        // the snapshot the file holds is not written again on stop
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(store.current().version()).isEqualTo(42);
    }

    /**
     * A snapshot that differs from the saved one only by a newer "as of" (a poll found nothing new and kept the held
     * parts) is not written again within the re-save period; new data is, at once, and stopping writes the newest.
     */
    @Test
    void should_not_rewrite_the_file_for_a_snapshot_whose_data_did_not_change() throws Exception {
        Path path = dir.resolve("snapshot.bin");
        persister = new SnapshotPersister(store, new SnapshotFile(path, json), 60_000, true, () -> "simulator",
                Long.MAX_VALUE);
        DepositoSnapshot sample = SnapshotFileTest.sample();
        store.publish(s -> sample);
        persister.saveIfNewer();
        assertThat(new SnapshotFile(path, json).load().version()).isEqualTo(sample.version());

        // the pollers' cycles that found what is held: same parts, newer "as of", newer version
        DepositoSnapshot same = store.publish(s -> s.withProductos(s.version() + 1, s.productos(), s.productosAsOfMillis() + 1)
                .withCritical(s.version() + 2, s.critical(), s.criticalAsOfMillis() + 1)
                .withMovements(s.version() + 3, s.movements(), s.movementsAsOfMillis() + 1));
        persister.saveIfNewer();
        assertThat(new SnapshotFile(path, json).load().version()).as("not rewritten").isEqualTo(sample.version());

        // a new product: written at the next save
        List<Producto> more = new java.util.ArrayList<>(same.productos());
        Producto first = more.get(0);
        more.add(new Producto(first.id() + 1000, "NEW-1", "Nuevo", null, first.categoria(), 1, 1, 1, 1.0, 2.0, null,
                null, true, first.createdAtMillis(), null));
        DepositoSnapshot changed = store.publish(s -> s.withProductos(s.version() + 1, more, s.productosAsOfMillis() + 2));
        persister.saveIfNewer();
        assertThat(new SnapshotFile(path, json).load().version()).isEqualTo(changed.version());

        // unchanged again, then stopping: the newest is written whatever the re-save period says
        DepositoSnapshot last = store.publish(s -> s.withCritical(s.version() + 1, s.critical(), s.criticalAsOfMillis() + 5));
        persister.saveIfNewer();
        assertThat(new SnapshotFile(path, json).load().version()).isEqualTo(changed.version());
        persister.start();
        persister.stop();
        assertThat(new SnapshotFile(path, json).load().version()).isEqualTo(last.version());
        assertThat(new SnapshotFile(path, json).load().criticalAsOfMillis()).isEqualTo(last.criticalAsOfMillis());
    }

    /** A corrupt file: reported as an event line on the load thread, the store stays empty, the file is kept. */
    /**
     * The movements poller's first cycle waits for a warm load still reading: deciding from the still empty store would
     * take it for a first sync (newest days first, then the whole history again) and publish over the file's history.
     */
    @Test
    void should_make_the_movements_poller_decide_after_the_file_is_in() throws Exception {
        HeldFile file = new HeldFile(saved(), json);
        persister(file).startLoading();
        assertThat(file.reading.await(10, TimeUnit.SECONDS)).isTrue();
        MovementsSync movements = new MovementsSync(store, json, 1000, Duration.ofMinutes(10), Duration.ofDays(400),
                Duration.ofDays(35), ZoneOffset.UTC, Clock.systemUTC());
        CamelContext context = new DefaultCamelContext();
        try {
            Exchange exchange = new DefaultExchange(context);
            CompletableFuture<Void> cycle =
                    CompletableFuture.runAsync(() -> movements.start(exchange));
            assertThat(cycle).isNotDone();
            file.release.countDown();
            cycle.get(30, TimeUnit.SECONDS);
            assertThat(store.current().movements().size()).isEqualTo(2);
            // an incremental cycle from the file's newest movement, not a first sync's two passes
            assertThat(movements.passes(exchange)).isEqualTo(1);
        } finally {
            context.close();
        }
    }

    @Test
    void should_report_and_ignore_a_corrupt_file() throws Exception {
        Path path = dir.resolve("snapshot.bin");
        Files.writeString(path, "this is not a snapshot");
        try (LogCapture logs = LogCapture.open()) {
            persister(new SnapshotFile(path, json)).start();
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("event=warm_start_ignored") == 1);
            assertThat(logs.lines()).anyMatch(l -> l.contains("event=warm_start_ignored") && l.contains("not a snapshot file"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !loadThreadAlive());
        persister.stop();
        assertThat(store.current().complete()).isFalse();
        assertThat(store.current().version()).isZero();
        assertThat(Files.readString(path)).isEqualTo("this is not a snapshot");
    }

    /** A file saved from the other source (simulator vs. the real deposito) is never served. */
    @Test
    void should_ignore_a_file_of_the_other_source() throws Exception {
        Path path = saved();
        try (LogCapture logs = LogCapture.open()) {
            persister = new SnapshotPersister(store, new SnapshotFile(path, json), 60_000, true, () -> "deposito");
            persister.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("saved from simulator but the target is deposito") == 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !loadThreadAlive());
        assertThat(store.current().complete()).isFalse();
    }

    /** No file: skipped with a line, nothing else. */
    @Test
    void should_skip_a_missing_file() {
        try (LogCapture logs = LogCapture.open()) {
            persister(new SnapshotFile(dir.resolve("snapshot.bin"), json)).start();
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("event=warm_start_skipped reason=no_file") == 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !loadThreadAlive());
        assertThat(store.current().version()).isZero();
    }

    /**
     * Stopped while the file is still being read: the read is cancelled, the thread is gone when stop returns, the
     * store holds nothing half-loaded and the file is left exactly as it was (the stop's save finds nothing to save).
     */
    @Test
    void should_cancel_a_load_still_reading_when_stopped() throws Exception {
        Path path = saved();
        byte[] before = Files.readAllBytes(path);
        HeldFile file = new HeldFile(path, json);
        try (LogCapture logs = LogCapture.open()) {
            persister(file).start();
            assertThat(file.reading.await(20, TimeUnit.SECONDS)).isTrue();

            persister.stop();

            assertThat(loadThreadAlive()).isFalse();
            assertThat(logs.count("event=warm_start_cancelled")).isEqualTo(1);
            assertThat(logs.count("event=warm_start_loaded")).isZero();
            assertThat(logs.count("event=snapshot_saved")).isZero();
        }
        assertThat(store.current().version()).isZero();
        assertThat(store.installingWarm()).isFalse();
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
    }

    /**
     * A poller publishes while the file is still being read: its part stays, the file fills the others, and the stop
     * saves the merged snapshot (it holds newer data than the file).
     */
    @Test
    void should_keep_what_a_sync_published_while_the_file_was_read() throws Exception {
        Path path = saved();
        HeldFile file = new HeldFile(path, json);
        Producto synced = new Producto(9, "SY-009", "Synced while loading", null, "Almacén", 1, 1, 1, 1.0, 2.0, null,
                null, true, 1_700_000_000_000L, null);
        try (LogCapture logs = LogCapture.open()) {
            persister(file).start();
            assertThat(file.reading.await(20, TimeUnit.SECONDS)).isTrue();
            store.publish(s -> s.withProductos(s.version() + 1, List.of(synced), System.currentTimeMillis()));
            file.release.countDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> store.current().complete());
            assertThat(store.current().productos()).containsExactly(synced);
            assertThat(store.current().critical()).isEqualTo(SnapshotFileTest.sample().critical());
            assertThat(store.current().movements().size()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("parts=some") == 1);

            persister.stop();
            assertThat(logs.count("event=snapshot_saved")).isEqualTo(1);
        }
        DepositoSnapshot reread = new SnapshotFile(path, json).load();
        assertThat(reread.productos()).containsExactly(synced);
        assertThat(reread.version()).isEqualTo(43);
    }

    /** A failure while installing (a listener throws) is one event line on the load thread; the thread still ends. */
    @Test
    void should_log_a_failure_of_the_install_as_an_event_line() throws Exception {
        Path path = saved();
        store.onPublish(s -> {
            throw new IllegalStateException("listener broke");
        });
        try (LogCapture logs = LogCapture.open()) {
            persister(new SnapshotFile(path, json)).start();
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.count("event=warm_start_failed") == 1);
            assertThat(logs.lines()).anyMatch(l -> l.contains("event=warm_start_failed") && l.contains("listener broke"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !loadThreadAlive());
        assertThat(store.installingWarm()).isFalse();
    }
}
