package org.depositobridge.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.deposito.DepositoTargetRef;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.security.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code dashboardDatasets} over the shared {@code snapshotStore}.
 */
public class DatasetConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        SnapshotStore store = SnapshotStore.obtain(context);
        ZoneId zone = ZoneId.of(cfg.string("reports.timezone", "America/Argentina/Buenos_Aires"));
        DatasetService service = new DatasetService(store, zone, cfg.integer("dashboard.rollup-days", 800),
                cfg.integer("dashboard.response-cache-size", 2048), cfg.integer("dashboard.cache-max-age", 10),
                Clock.systemUTC());
        service.setTargetSource(new DepositoTargetRef(context)::source);
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
