package org.depositobridge.stock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.WhenFullyStarted;
import org.depositobridge.cluster.LeaderState;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.security.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code stockUpdates} from the {@code stock-updates.*} keys, registers the {@code stock_update_*}
 * meters, and deletes journals of files that left the inbox without completing (older than
 * {@code stock-updates.journal-max-age-days}).
 */
public class StockUpdatesConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StockUpdatesConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        // on the shared volume with several replicas, so a new leader resumes with the old one's outcomes
        Path journalDir = cfg.optional("stock-updates.journal-dir").map(Path::of)
                .orElseGet(() -> Path.of(cfg.string("bridge.data-dir", "data")).resolve("stock-updates"));
        StockUpdates.Settings settings = new StockUpdates.Settings(journalDir,
                Long.parseLong(cfg.string("stock-updates.max-file-bytes", "10485760")),
                cfg.integer("stock-updates.max-lines", 200_000),
                Long.parseLong(cfg.string("stock-updates.retry.initial-delay-ms", "5000")),
                Long.parseLong(cfg.string("stock-updates.retry.max-delay-ms", "300000")),
                cfg.optional("stock-updates.done-file-name").orElse(null));
        StockMetrics metrics = new StockMetrics(
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        // looked up per line: the cluster capability binds bean leadership in its own configuration
        BooleanSupplier leading = () -> {
            LeaderState l = context.getRegistry().lookupByNameAndType("leadership", LeaderState.class);
            return l == null || l.isLeader();
        };
        context.getRegistry().bind("stockUpdates",
                new StockUpdates(settings, new ProductCodes(SnapshotStore.obtain(context), context), metrics, leading));
        if (cfg.bool("bridge.cluster.enabled", false) && cfg.optional("stock-updates.journal-dir").isEmpty()) {
            LOG.warn("event=stock_journal_not_shared journal_dir={} hint=\"with several replicas set "
                    + "stock-updates.journal-dir on the shared volume: a new leader then resumes a half-done file with "
                    + "the old one's outcomes instead of sending its settled lines again (answered as replays)\"",
                    journalDir.toAbsolutePath());
        }
        int removed = StockJournal.deleteOlderThan(journalDir,
                Duration.ofDays(cfg.integer("stock-updates.journal-max-age-days", 30)), Instant.now());
        WhenFullyStarted.run(context, ctx -> metrics.register());
        LOG.info("event=stock_updates_configured inbox={} journal_dir={} max_file_bytes={} stale_journals_removed={}",
                Path.of(cfg.string("stock-updates.inbox", "inbox/stock-updates")).toAbsolutePath(),
                journalDir.toAbsolutePath(), settings.maxFileBytes(), removed);
    }
}
