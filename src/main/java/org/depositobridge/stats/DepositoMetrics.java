package org.depositobridge.stats;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The deposito attempt meters: {@code deposito_requests_total{endpoint,outcome}},
 * {@code deposito_request_seconds{endpoint}} and {@code deposito_stats_resets_total}. All meters are created up front
 * from the fixed enums (4 x 7 counters, 4 timers), so recording is an array lookup and no label can grow.
 */
final class DepositoMetrics implements StatsRecorder.AttemptListener {

    static final String REQUESTS = "deposito.requests";
    static final String REQUEST_TIMER = "deposito.request";
    static final String RESETS = "deposito.stats.resets";

    /** Fixed histogram buckets (seconds) for the timers: enough for p95/p99 alerts, a dozen series per timer. */
    static final Duration[] SLO_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private static final int OUTCOMES = Outcome.values().length;

    private final Counter[] requests;
    private final Timer[] timers;
    private final Counter resets;

    DepositoMetrics(MeterRegistry registry) {
        DepositoEndpoint[] endpoints = DepositoEndpoint.values();
        Outcome[] outcomes = Outcome.values();
        requests = new Counter[endpoints.length * outcomes.length];
        timers = new Timer[endpoints.length];
        for (DepositoEndpoint e : endpoints) {
            for (Outcome o : outcomes) {
                requests[e.ordinal() * outcomes.length + o.ordinal()] = Counter.builder(REQUESTS)
                        .description("HTTP attempts to the deposito (each retry counts), by endpoint group and outcome")
                        .tag("endpoint", e.label()).tag("outcome", o.label()).register(registry);
            }
            timers[e.ordinal()] = Timer.builder(REQUEST_TIMER)
                    .description("Latency of HTTP attempts to the deposito that went on the wire")
                    .tag("endpoint", e.label())
                    .serviceLevelObjectives(SLO_BUCKETS)
                    .register(registry);
        }
        resets = Counter.builder(RESETS).description("Stats windows closed (one per stats.reset-threshold attempts)")
                .register(registry);
    }

    @Override
    public void onAttempt(DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        requests[endpoint.ordinal() * OUTCOMES + outcome.ordinal()].increment();
        if (outcome.wentOnTheWire()) {
            timers[endpoint.ordinal()].record(Math.max(latencyNanos, 0), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onReset(StatsReport report) {
        resets.increment();
    }
}
