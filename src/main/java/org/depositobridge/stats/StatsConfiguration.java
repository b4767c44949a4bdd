package org.depositobridge.stats;

import java.nio.file.Path;
import java.util.Objects;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the stats capability into the bridge (run by the composition root, {@code BridgeConfiguration}): binds {@code depositoStats} and
 * {@code bridgeMetrics}, adds the exchange-event notifiers (deposito attempts, API requests), joins the meters to Camel's Prometheus registry, registers
 * the MBean and makes sure the management port's users file exists before that server starts.
 */
public class StatsConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StatsConfiguration.class);

    private final ConfigValues cfg;
    private StatsRecorder recorder;
    private BridgeMetrics bridgeMetrics;

    public StatsConfiguration(ConfigValues cfg) {
        this.cfg = cfg;
    }

    /** The deposito-call statistics (bean {@code depositoStats}), after {@link #configure}. */
    public StatsView stats() {
        return Objects.requireNonNull(recorder, "StatsConfiguration.configure has not run");
    }

    /** The bridge's own meters (bean {@code bridgeMetrics}), after {@link #configure}. */
    public BridgeMetrics bridgeMetrics() {
        return Objects.requireNonNull(bridgeMetrics, "StatsConfiguration.configure has not run");
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        long threshold = cfg.longValue("stats.reset-threshold");
        recorder = new StatsRecorder(threshold);
        // the bridge's meters live in a composite that joins Camel's registry once that exists (at start)
        CompositeMeterRegistry meters = new CompositeMeterRegistry();
        DepositoMetrics.bind(recorder, meters);
        context.getRegistry().bind(DepositoStats.BEAN_NAME, recorder);
        bridgeMetrics = new BridgeMetrics(meters);
        context.getRegistry().bind(BridgeMetrics.BEAN_NAME, bridgeMetrics);
        context.getManagementStrategy().addEventNotifier(new DepositoStatsNotifier(recorder));
        context.getManagementStrategy().addEventNotifier(new ApiRequestNotifier(bridgeMetrics));
        RoutePolicyScope.install(context, cfg.optional("bridge.metrics.route-policy-exclude-routes").orElse(""));
        context.addService(new StatsService(context, meters, new StatsJmx(recorder)));
        ensureManagementCredentials();
        LOG.info("event=stats_configured reset_threshold={}", threshold);
    }

    /**
     * Camel's management server reads the users file when it starts, and with {@code authenticationEnabled=true}
     * but no file it would start without any authentication: so the file must exist first.
     */
    private void ensureManagementCredentials() throws Exception {
        if (!cfg.bool("camel.management.authenticationEnabled")) {
            LOG.warn("event=management_auth_disabled note=\"/observe/metrics is open to anyone who reaches the port\"");
            return;
        }
        String file = cfg.optional("camel.management.basicPropertiesFile").orElse("");
        if (file.isEmpty()) {
            throw new IllegalStateException("camel.management.authenticationEnabled=true needs "
                    + "camel.management.basicPropertiesFile (without it Camel 4.18 serves without authentication)");
        }
        ManagementCredentials.ensure(Path.of(file));
    }
}
