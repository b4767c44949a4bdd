package org.depositobridge.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.security.ConfigValues;

/**
 * Binds bean {@code dashboardDatasets} (and bean {@code snapshotStore} when no other capability bound one
 * first: the pollers own it, this only keeps the API runnable on its own).
 */
public class DatasetConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
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
    }
}
