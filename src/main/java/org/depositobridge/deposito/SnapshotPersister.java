package org.depositobridge.deposito;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.WeakReference;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the warm-start file when the bridge starts and keeps it current: at most once per interval, only when
 * a newer complete snapshot was published (with the same data, only a newer "as of": at most every 10 intervals,
 * 10 minutes at least), and once more on shutdown. Saving runs on its own thread, so a
 * slow disk never delays a sync cycle. A missing or corrupt file is reported and ignored, never fatal.
 *
 * <p>The file is read and installed on a thread of its own ({@code snapshot-warm-load}, one task), started by
 * {@link #startLoading} as soon as the store's readers are attached (the composition root calls it while it
 * configures; {@link #doStart} starts it otherwise), so the read overlaps the routes' loading on the main thread
 * rather than adding to it. Readiness ({@link DepositoHealthCheck}) turns UP once the snapshot is installed; a sync
 * that published first keeps its parts ({@link SnapshotStore#loadWarm}). Stopping cancels a load still running.
 */
public class SnapshotPersister extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPersister.class);
    static final String LOAD_THREAD = "snapshot-warm-load";

    private final SnapshotStore store;
    private final SnapshotFile file;
    private final long intervalMillis;
    private final boolean enabled;
    private final Supplier<String> expectedSource;
    private ScheduledExecutorService executor;
    /** The warm load's thread: one task, then it ends. Null until {@link #startLoading}. */
    private ExecutorService loader;
    /**
     * A snapshot whose parts are the very lists the last save wrote (a poll that found nothing new keeps them; only
     * its "as of" moved on) is written again at most this often rather than every interval, as a save writes every
     * movement held (2,000,000 at the largest size measured). Stopping saves it whatever this says.
     */
    private final long unchangedResaveMillis;
    /** What the file holds: the snapshot's version, and its parts weakly (a replaced movement log is not kept). */
    private volatile Saved saved = Saved.NONE;

    private record Saved(long version, WeakReference<Object> productos, WeakReference<Object> critical,
            WeakReference<Object> movements, long atMillis) {
        static final Saved NONE = new Saved(-1, new WeakReference<>(null), new WeakReference<>(null),
                new WeakReference<>(null), 0);

        static Saved of(DepositoSnapshot s, long atMillis) {
            return new Saved(s.version(), new WeakReference<>(s.productos()), new WeakReference<>(s.critical()),
                    new WeakReference<>(s.movements()), atMillis);
        }

        boolean sameAs(DepositoSnapshot s) {
            return productos.get() == s.productos() && critical.get() == s.critical() && movements.get() == s.movements();
        }
    }

    public SnapshotPersister(SnapshotStore store, SnapshotFile file, long intervalMillis, boolean enabled,
            Supplier<String> expectedSource) {
        this(store, file, intervalMillis, enabled, expectedSource, Math.max(10 * intervalMillis, 600_000));
    }

    SnapshotPersister(SnapshotStore store, SnapshotFile file, long intervalMillis, boolean enabled,
            Supplier<String> expectedSource, long unchangedResaveMillis) {
        this.expectedSource = expectedSource;
        this.store = store;
        this.file = file;
        this.intervalMillis = intervalMillis;
        this.enabled = enabled;
        this.unchangedResaveMillis = unchangedResaveMillis;
    }

    /**
     * Starts reading the warm-start file on its own thread and installing it in the store (once; later calls do
     * nothing). Call it once every listener of the store is registered: one registered later would miss the snapshot.
     */
    public synchronized void startLoading() {
        if (!enabled || loader != null) {
            return;
        }
        loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, LOAD_THREAD);
            t.setDaemon(true);
            return t;
        });
        // the movements poller waits for this before it decides whether its first cycle is a first sync
        store.warmLoadPending();
        loader.execute(() -> {
            try {
                loadWarm();
            } catch (RuntimeException | Error e) {
                // what loadWarm does not expect (a listener failing, out of memory): the bridge goes on without the file
                LOG.error("event=warm_start_failed file={} error=\"{}\"", file.path(), String.valueOf(e).replace('"', '\''), e);
            } finally {
                store.warmLoadSettled();
            }
        });
        // one task: the thread ends with it
        loader.shutdown();
    }

    @Override
    protected void doStart() {
        if (!enabled) {
            return;
        }
        startLoading();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snapshot-persister");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::saveIfNewer, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        ExecutorService load;
        synchronized (this) {
            load = loader;
        }
        if (load != null && !load.isTerminated()) {
            // a read still running is cut (its file channel closes on the interrupt); an install swaps atomically
            // and ends with its datasets, so the save below sees the store either without the file or with it
            load.shutdownNow();
            if (!load.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("event=warm_start_load_still_running file={} waited_ms=30000", file.path());
            }
            // a task cut before it ran settles nothing itself: no poller may wait on it
            store.warmLoadSettled();
        }
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            executor = null;
            save(true);
        }
    }

    /**
     * Reads the file and installs it. A file that cannot be used is reported and ignored; what fails while installing
     * (a listener) is thrown to the load thread's task, which logs it as {@code event=warm_start_failed}.
     */
    void loadWarm() {
        if (!Files.exists(file.path())) {
            LOG.info("event=warm_start_skipped reason=no_file file={}", file.path());
            return;
        }
        long t0 = System.nanoTime();
        DepositoSnapshot s;
        try {
            s = file.load();
        } catch (ClosedByInterruptException | InterruptedIOException e) {
            LOG.info("event=warm_start_cancelled file={} reason=stopping", file.path());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=warm_start_ignored file={} reason=\"{}\"", file.path(), e.getMessage());
            return;
        }
        String expected = expectedSource.get();
        if (!expected.equals(s.source())) {
            // data of the simulator must never be served as the real deposito's, nor the other way round
            LOG.warn("event=warm_start_ignored file={} reason=\"saved from {} but the target is {}\"", file.path(),
                    s.source(), expected);
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            LOG.info("event=warm_start_cancelled file={} reason=stopping", file.path());
            return;
        }
        long readMillis = (System.nanoTime() - t0) / 1_000_000;
        DepositoSnapshot installed = store.loadWarm(s);
        if (installed == s) {
            // the file holds it: not saved again, nor while the pollers find what it holds (its parts stay)
            saved = Saved.of(s, System.currentTimeMillis());
        }
        // parts=some|none: a sync published those parts before the file was read; its data is newer and was kept
        LOG.info("event=warm_start_loaded file={} productos={} movements={} as_of={} parts={} read_ms={} ms={}",
                file.path(), s.productos().size(), s.movements().size(), Instant.ofEpochMilli(s.asOfMillis()),
                installed == null ? "none" : installed == s ? "all" : "some", readMillis,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Saves the current snapshot when it is complete and newer than the saved one. Not while a first sync still
     * back-fills the history: a warm start from that file would hold the newest movements only, and its incremental
     * sync would never ask for the older ones. A snapshot with the saved one's very parts (only "as of" newer) waits
     * for {@code unchangedResaveMillis} since that save.
     */
    public void saveIfNewer() {
        save(false);
    }

    private void save(boolean stopping) {
        DepositoSnapshot s = store.current();
        Saved last = saved;
        if (!s.complete() || s.version() == last.version() || s.historyBackfilling()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!stopping && last.sameAs(s) && now - last.atMillis() < unchangedResaveMillis) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            file.save(s);
            saved = Saved.of(s, now);
            LOG.info("event=snapshot_saved file={} version={} ms={}", file.path(), s.version(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.error("event=snapshot_save_failed file={} error=\"{}\"", file.path(), e.getMessage());
        }
    }
}
