package org.depositobridge.stats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the bridge's meters to Camel's Prometheus registry ({@code metricsRegistry}, bound only when
 * {@code camel.metrics.enabled=true}) and registers the stats MBean, for as long as the CamelContext runs.
 * Without that registry the meters stay in the bridge's own composite, where recording costs almost nothing.
 */
final class StatsService extends ServiceSupport {

    static final String CAMEL_METRICS_REGISTRY = "metricsRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(StatsService.class);

    private final CamelContext context;
    private final CompositeMeterRegistry meters;
    private final StatsJmx jmx;
    private MeterRegistry joined;

    StatsService(CamelContext context, CompositeMeterRegistry meters, StatsJmx jmx) {
        this.context = context;
        this.meters = meters;
        this.jmx = jmx;
    }

    @Override
    protected void doStart() throws Exception {
        joined = context.getRegistry().lookupByNameAndType(CAMEL_METRICS_REGISTRY, MeterRegistry.class);
        if (joined != null) {
            meters.add(joined);
        }
        jmx.register();
        LOG.info("event=stats_started metrics_registry={} mbean=\"{}\"", joined == null ? "none" : joined.getClass().getSimpleName(),
                StatsJmx.OBJECT_NAME);
    }

    @Override
    protected void doStop() {
        jmx.unregister();
        if (joined != null) {
            meters.remove(joined);
            joined = null;
        }
    }
}
