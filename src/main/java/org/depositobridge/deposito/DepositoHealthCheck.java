package org.depositobridge.deposito;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness check {@code deposito-data}: DOWN until the bridge has data to serve (fresh from a sync or warm
 * from the snapshot file), UP afterwards even while the deposito is down, because stale data flagged as
 * such is still worth serving. Its details say how the deposito is doing: reachability, last success,
 * circuit state, data age and staleness. It is not a liveness check: a deposito outage must never get the
 * bridge restarted. It is DOWN, too, while a poller has stopped attempting cycles (its schedule died or a cycle
 * hangs: {@link SyncMonitor#checkStalls}), because then the data would only grow older without anyone noticing.
 */
public class DepositoHealthCheck extends AbstractHealthCheck {

    /** Id of the circuit breaker step in routes/deposito-call.camel.yaml. */
    public static final String BREAKER_ID = "deposito-breaker";

    private final SnapshotStore store;
    private final SyncMonitor monitor;

    public DepositoHealthCheck(SnapshotStore store, SyncMonitor monitor) {
        super("deposito", "deposito-data");
        this.store = store;
        this.monitor = monitor;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DepositoSnapshot s = store.current();
        long now = System.currentTimeMillis();
        builder.detail("reachable", monitor.reachable());
        Long last = monitor.lastSuccessMillis();
        builder.detail("last_success", last == null ? "never" : Instant.ofEpochMilli(last).toString());
        builder.detail("circuit", circuitState(getCamelContext()));
        builder.detail("stale", store.stale());
        // a first sync serves its newest movements at once; the older history follows (MovementsSync)
        builder.detail("history_backfilling", store.historyBackfilling());
        builder.detail("version", s.version());
        if (s.asOfMillis() > 0) {
            builder.detail("data_age_seconds", (now - s.asOfMillis()) / 1000);
        }
        builder.details(monitor.details());
        Map<String, Long> stalled = monitor.stalled();
        if (!stalled.isEmpty()) {
            // a poller that stopped attempting cycles would serve ever older data without a failure to show for it
            builder.detail("stalled", stalled.keySet().toString());
            builder.message("poller(s) " + stalled.keySet() + " attempted no cycle for " + stalled.values() + " ms");
            builder.down();
        } else if (s.complete() && store.installingWarm()) {
            // the warm snapshot is in the store, the datasets the API answers from are still being built from it
            builder.message("warm-start snapshot loaded, datasets being built");
            builder.down();
        } else if (s.complete()) {
            builder.up();
        } else {
            builder.message("no deposito data yet (no completed sync and no warm-start file)");
            builder.down();
        }
    }

    /** CLOSED, OPEN, HALF_OPEN ... of the deposito circuit breaker, or UNKNOWN before the route exists. */
    public static String circuitState(CamelContext context) {
        if (context == null) {
            return "UNKNOWN";
        }
        Processor p = context.getProcessor(BREAKER_ID);
        return p instanceof ResilienceProcessor r ? r.getCircuitBreakerState() : "UNKNOWN";
    }
}
