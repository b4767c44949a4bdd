package org.depositobridge.dataset;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.deposito.DepositoTargetRef;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.stats.StatsView;

/**
 * Binds bean {@code dashboardDatasets} over the bridge's one snapshot store, which the composition root hands it.
 */
public class DatasetConfiguration implements CamelConfiguration {

    private final DatasetSettings settings;
    private final SnapshotStore store;
    private final DepositoTargetRef target;
    private final StatsView stats;

    public DatasetConfiguration(ConfigValues cfg, SnapshotStore store, DepositoTargetRef target, StatsView stats) {
        this.settings = DatasetSettings.read(cfg);
        this.store = store;
        this.target = target;
        this.stats = stats;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        DatasetService service = new DatasetService(store, settings.zone(), settings.rollupDays(),
                settings.cacheSize(), settings.maxAgeSeconds(), Clock.systemUTC());
        service.setTargetSource(target::source);
        service.setStats(stats);
        context.getRegistry().bind("dashboardDatasets", service);
    }
}
