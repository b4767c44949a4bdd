package org.depositobridge.stats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The deposito attempt meters, read from {@link StatsRecorder}'s own totals when Prometheus scrapes, so recording an
 * attempt costs no Micrometer call at all:
 * <ul>
 *   <li>{@code deposito_requests_total{endpoint,outcome}}: 4 x 7 counters</li>
 *   <li>{@code deposito_request_seconds{endpoint}}: count and sum of the attempts that went on the wire
 *       (average = rate(sum) / rate(count)); percentiles per window are in the stats reports</li>
 *   <li>{@code deposito_stats_resets_total}: windows closed</li>
 *   <li>{@code deposito_stats_last_window_latency_seconds{percentile}}: p50, p95, p99 and max (percentile="100")
 *       of the last closed window, NaN before the first</li>
 * </ul>
 * Every label value comes from the fixed enums or a fixed list: the series count is fixed at 45.
 */
final class DepositoMetrics {

    static final String REQUESTS = "deposito.requests";
    static final String REQUEST_TIMER = "deposito.request";
    static final String RESETS = "deposito.stats.resets";
    static final String LAST_WINDOW_LATENCY = "deposito.stats.last.window.latency";

    /** Fixed histogram buckets (seconds) for the API timers: enough for the p95 alerts, a dozen series per timer. */
    static final Duration[] SLO_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private DepositoMetrics() {
    }

    static void bind(StatsRecorder recorder, MeterRegistry registry) {
        CumulativeCounts totals = recorder.totals();
        for (DepositoEndpoint e : DepositoEndpoint.values()) {
            for (Outcome o : Outcome.values()) {
                FunctionCounter.builder(REQUESTS, totals, t -> t.attempts(e, o))
                        .description("HTTP attempts to the deposito (each retry counts), by endpoint group and outcome")
                        .tag("endpoint", e.label()).tag("outcome", o.label()).register(registry);
            }
            FunctionTimer.builder(REQUEST_TIMER, totals, t -> t.timedCount(e), t -> t.timedNanos(e), TimeUnit.NANOSECONDS)
                    .description("Latency of the HTTP attempts to the deposito that went on the wire")
                    .tag("endpoint", e.label()).register(registry);
        }
        FunctionCounter.builder(RESETS, recorder, StatsRecorder::resets)
                .description("Stats windows closed (one per stats.reset-threshold attempts)").register(registry);
        lastWindowGauge(registry, recorder, "50", StatsReport::latencyP50Ms);
        lastWindowGauge(registry, recorder, "95", StatsReport::latencyP95Ms);
        lastWindowGauge(registry, recorder, "99", StatsReport::latencyP99Ms);
        lastWindowGauge(registry, recorder, "100", StatsReport::latencyMaxMs);
    }

    private static void lastWindowGauge(MeterRegistry registry, StatsRecorder recorder, String quantile,
            ToDoubleFunction<StatsReport> millis) {
        // "percentile", not "quantile": Prometheus reserves quantile for summaries
        Gauge.builder(LAST_WINDOW_LATENCY, recorder, r -> {
            List<StatsReport> last = r.reports(1);
            return last.isEmpty() ? Double.NaN : millis.applyAsDouble(last.get(0)) / 1000.0;
        }).baseUnit("seconds").description("Deposito attempt latency percentiles of the last closed stats window")
                .tag("percentile", quantile).register(registry);
    }
}
