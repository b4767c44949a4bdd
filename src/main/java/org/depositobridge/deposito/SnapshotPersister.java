package org.depositobridge.deposito;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the warm-start file when the bridge starts and keeps it current: at most once per interval, only when
 * a newer complete snapshot was published, and once more on shutdown. Saving runs on its own thread, so a
 * slow disk never delays a sync cycle. A missing or corrupt file is reported and ignored, never fatal.
 */
public class SnapshotPersister extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPersister.class);

    private final SnapshotStore store;
    private final SnapshotFile file;
    private final long intervalMillis;
    private final boolean enabled;
    private final Supplier<String> expectedSource;
    private ScheduledExecutorService executor;
    private volatile long savedVersion = -1;

    public SnapshotPersister(SnapshotStore store, SnapshotFile file, long intervalMillis, boolean enabled,
            Supplier<String> expectedSource) {
        this.expectedSource = expectedSource;
        this.store = store;
        this.file = file;
        this.intervalMillis = intervalMillis;
        this.enabled = enabled;
    }

    @Override
    protected void doStart() {
        if (!enabled) {
            return;
        }
        loadWarm();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snapshot-persister");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::saveIfNewer, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            executor = null;
            saveIfNewer();
        }
    }

    void loadWarm() {
        if (!Files.exists(file.path())) {
            LOG.info("event=warm_start_skipped reason=no_file file={}", file.path());
            return;
        }
        try {
            long t0 = System.nanoTime();
            DepositoSnapshot s = file.load();
            String expected = expectedSource.get();
            if (!expected.equals(s.source())) {
                // data of the simulator must never be served as the real deposito's, nor the other way round
                LOG.warn("event=warm_start_ignored file={} reason=\"saved from {} but the target is {}\"", file.path(),
                        s.source(), expected);
                return;
            }
            store.loadWarm(s);
            savedVersion = s.version();
            LOG.info("event=warm_start_loaded file={} productos={} movements={} as_of={} ms={}", file.path(),
                    s.productos().size(), s.movements().size(), Instant.ofEpochMilli(s.asOfMillis()),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=warm_start_ignored file={} reason=\"{}\"", file.path(), e.getMessage());
        }
    }

    /**
     * Saves the current snapshot when it is complete and newer than the saved one. Not while a first sync still
     * back-fills the history: a warm start from that file would hold the newest movements only, and its incremental
     * sync would never ask for the older ones.
     */
    public void saveIfNewer() {
        DepositoSnapshot s = store.current();
        if (!s.complete() || s.version() == savedVersion || store.historyBackfilling()) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            file.save(s);
            savedVersion = s.version();
            LOG.info("event=snapshot_saved file={} version={} ms={}", file.path(), s.version(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.error("event=snapshot_save_failed file={} error=\"{}\"", file.path(), e.getMessage());
        }
    }
}
