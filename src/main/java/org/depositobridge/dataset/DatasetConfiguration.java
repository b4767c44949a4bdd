package org.depositobridge.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.security.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code dashboardDatasets} (and bean {@code snapshotStore} when no other capability bound one
 * first: the pollers own it, this only keeps the API runnable on its own).
 */
public class DatasetConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        SnapshotStore store = context.getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
        if (store == null) {
            Duration staleAfter = cfg.duration("deposito.stale-after", Duration.ofMinutes(5));
            store = new SnapshotStore("deposito", staleAfter.toMillis(), Clock.systemUTC());
            context.getRegistry().bind("snapshotStore", store);
        }
        ZoneId zone = ZoneId.of(cfg.string("reports.timezone", "America/Argentina/Buenos_Aires"));
        DatasetService service = new DatasetService(store, zone, cfg.integer("dashboard.rollup-days", 800),
                cfg.integer("dashboard.response-cache-size", 2048), cfg.integer("dashboard.cache-max-age", 10),
                Clock.systemUTC());
        context.getRegistry().bind("dashboardDatasets", service);
        // another capability may bind its own snapshotStore after this configuration ran: follow that one
        context.addStartupListener((ctx, alreadyStarted) -> {
            SnapshotStore bound = ctx.getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            if (bound != null && bound != service.store()) {
                LOG.info("event=datasets_store_rebound");
                service.attach(bound);
            }
        });
    }
}
