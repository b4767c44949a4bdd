package org.depositobridge.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.security.ConfigValues;

/**
 * Binds bean {@code dashboardDatasets} over the shared {@code snapshotStore}.
 */
public class DatasetConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        ConfigValues cfg = new ConfigValues(context);
        SnapshotStore store = SnapshotStore.obtain(context);
        ZoneId zone = ZoneId.of(cfg.string("reports.timezone", "America/Argentina/Buenos_Aires"));
        DatasetService service = new DatasetService(store, zone, cfg.integer("dashboard.rollup-days", 800),
                cfg.integer("dashboard.response-cache-size", 2048), cfg.integer("dashboard.cache-max-age", 10),
                Clock.systemUTC());
        context.getRegistry().bind("dashboardDatasets", service);
    }
}
