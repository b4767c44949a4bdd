package org.depositobridge.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ancestor's design, kept only as a benchmark baseline: every latency appended to a list, counters in a map,
 * everything under one lock (the Python GIL's equivalent), percentiles by sorting the list when it reaches the
 * threshold, then a fresh list. Bounded by the reset, but it allocates a boxed Long per attempt, holds up to
 * {@code threshold} of them, and sorts them at every reset.
 */
final class NaiveStatsRecorder {

    private final long threshold;
    private List<Long> latencies = new ArrayList<>();
    private Map<String, Long> counts = new HashMap<>();
    private long resets;
    /** Sink for the computed percentiles, so the JIT cannot drop the report. */
    volatile long lastP99;

    NaiveStatsRecorder(long threshold) {
        this.threshold = threshold;
    }

    synchronized void record(DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        latencies.add(latencyNanos);
        counts.merge(endpoint.label() + ":" + outcome.label(), 1L, Long::sum);
        if (latencies.size() >= threshold) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            lastP99 = sorted.get((int) (sorted.size() * 0.99) - 1);
            latencies = new ArrayList<>();
            counts = new HashMap<>();
            resets++;
        }
    }

    synchronized long resets() {
        return resets;
    }
}
