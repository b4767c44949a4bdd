package org.depositobridge.deposito;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.RouteAware;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poller's scheduler (bean {@code pollerScheduler-<poller>}, declared in the {@code beans:} of
 * routes/deposito-sync.camel.yaml and named by the {@code scheduler:} endpoint of its route; one instance per
 * poller): Camel's own, except
 * that nothing thrown by a cycle ends the schedule. Camel's consumer rethrows an {@link Error} (an
 * OutOfMemoryError while a huge answer is buffered), and a scheduled task that throws is never run again: the
 * poller would stop for good while the route still says Started. Here the Error is logged, the poller is flagged
 * failing (data stale) and the next cycle runs on time.
 */
public class PollerScheduler extends DefaultScheduledPollConsumerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PollerScheduler.class);

    private volatile Consumer consumer;

    @Override
    public void onInit(Consumer consumer) {
        super.onInit(consumer);
        this.consumer = consumer;
    }

    @Override
    public void scheduleTask(Runnable task) {
        super.scheduleTask(() -> {
            try {
                task.run();
            } catch (Throwable t) { // NOPMD: the point is to catch Errors too
                survived(t);
            }
        });
    }

    private void survived(Throwable t) {
        try {
            String routeId = consumer instanceof RouteAware r && r.getRoute() != null
                    ? r.getRoute().getRouteId() : "unknown";
            String poller = PollerRoutes.poller(routeId) != null ? PollerRoutes.poller(routeId) : routeId;
            LOG.error("event=poller_error poller={} error=\"{}: {}\" schedule=kept", poller, t.getClass().getName(),
                    t.getMessage());
            CamelContext context = getCamelContext();
            releaseDeadCycle(context, routeId);
            SyncMonitor monitor = context.getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            if (monitor != null) {
                monitor.crashed(poller, t);
            }
        } catch (Throwable again) { // NOPMD: out of memory again, say: the schedule must still be kept
            // nothing more can be done safely here
        }
    }

    /**
     * The cycle the Error unwound never completes its unit of work: left in the inflight registry it would hold a
     * graceful shutdown for its whole timeout. The poller runs one cycle at a time, so the route's own exchange (not
     * a page copy, which carries a correlation id) in flight now is that dead cycle.
     */
    private static void releaseDeadCycle(CamelContext context, String routeId) {
        InflightRepository inflight = context.getInflightRepository();
        for (InflightRepository.InflightExchange e : inflight.browse(routeId)) {
            Exchange x = e.getExchange();
            if (routeId.equals(e.getFromRouteId()) && x.getProperty(Exchange.CORRELATION_ID) == null) {
                inflight.remove(x, routeId);
                inflight.remove(x);
            }
        }
    }
}
