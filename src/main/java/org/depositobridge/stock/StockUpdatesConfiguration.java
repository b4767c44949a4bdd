package org.depositobridge.stock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.depositobridge.WhenFullyStarted;
import org.depositobridge.cluster.LeaderState;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code stockUpdates} from the {@code stock-updates.*} keys and the thread pool {@code stockLineThreads}
 * the lines of a wave run on, registers the {@code stock_update_*} meters, and deletes journals of files that left the
 * inbox without completing (older than {@code stock-updates.journal-max-age-days}).
 */
public class StockUpdatesConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StockUpdatesConfiguration.class);
    static final String CONCURRENCY = "stock-updates.concurrency";
    /** More lines in flight than this would only queue for the deposito's connections (and its throttle). */
    static final int MAX_CONCURRENCY = 64;

    private final ConfigValues cfg;
    private final SnapshotStore store;
    private final LeaderState leadership;

    /**
     * @param store      the bridge's snapshot store (product codes are checked against it)
     * @param leadership whether this replica leads (a file stops when it turns false)
     */
    public StockUpdatesConfiguration(ConfigValues cfg, SnapshotStore store, LeaderState leadership) {
        this.cfg = cfg;
        this.store = store;
        this.leadership = leadership;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // on the shared volume with several replicas, so a new leader resumes with the old one's outcomes
        Path journalDir = cfg.optional("stock-updates.journal-dir").map(Path::of)
                .orElseGet(() -> Path.of(cfg.string("bridge.data-dir")).resolve("stock-updates"));
        StockUpdates.Settings settings = new StockUpdates.Settings(journalDir,
                cfg.longValue("stock-updates.max-file-bytes"),
                cfg.integer("stock-updates.max-lines"),
                cfg.longValue("stock-updates.retry.initial-delay-ms"),
                cfg.longValue("stock-updates.retry.max-delay-ms"),
                cfg.optional("stock-updates.done-file-name").orElse(null),
                concurrency(cfg));
        StockMetrics metrics = new StockMetrics(
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        // one thread per line of a wave; a wave submits about two tasks per line to the pool (its line and the
        // split's own hand-over), so the queue is bounded by four per thread; Camel shuts the pool down with the context
        ExecutorService lineThreads = context.getExecutorServiceManager().newThreadPool(this, "stock-lines",
                new ThreadPoolProfileBuilder("stock-lines").poolSize(settings.concurrency())
                        .maxPoolSize(settings.concurrency()).maxQueueSize(4 * settings.concurrency() + 4)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        context.getRegistry().bind("stockLineThreads", lineThreads);
        BooleanSupplier leading = leadership::isLeader;
        context.getRegistry().bind("stockUpdates",
                new StockUpdates(settings, new ProductCodes(store, context), metrics, leading));
        if (cfg.bool("bridge.cluster.enabled") && cfg.optional("stock-updates.journal-dir").isEmpty()) {
            LOG.warn("event=stock_journal_not_shared journal_dir={} hint=\"with several replicas set "
                    + "stock-updates.journal-dir on the shared volume: a new leader then resumes a half-done file with "
                    + "the old one's outcomes instead of sending its settled lines again (answered as replays)\"",
                    journalDir.toAbsolutePath());
        }
        int removed = StockJournal.deleteOlderThan(journalDir,
                Duration.ofDays(cfg.integer("stock-updates.journal-max-age-days")), Instant.now());
        WhenFullyStarted.run(context, ctx -> metrics.register());
        LOG.info("event=stock_updates_configured inbox={} journal_dir={} max_file_bytes={} concurrency={} "
                + "stale_journals_removed={}", Path.of(cfg.string("stock-updates.inbox")).toAbsolutePath(),
                journalDir.toAbsolutePath(), settings.maxFileBytes(), settings.concurrency(), removed);
    }

    /** Lines of a file in flight at once: 1 (one line after the other) to {@value #MAX_CONCURRENCY}. */
    static int concurrency(ConfigValues cfg) {
        return cfg.integer(CONCURRENCY, 1, MAX_CONCURRENCY,
                "an integer from 1 (one line after the other) to " + MAX_CONCURRENCY);
    }
}
