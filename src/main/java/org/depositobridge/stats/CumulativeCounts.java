package org.depositobridge.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Totals since start (never reset) behind the Prometheus meters: attempts per (endpoint, outcome) and, per
 * endpoint, the count and summed nanoseconds of the attempts that went on the wire. Striped by thread like the
 * window's counters, so recording touches the caller's own cache lines; the meters sum the stripes when scraped.
 */
final class CumulativeCounts {

    private static final int OUTCOMES = Outcome.values().length;
    private static final int ENDPOINTS = DepositoEndpoint.values().length;
    private static final int TIMED_COUNT = ENDPOINTS * OUTCOMES;
    private static final int TIMED_NANOS = TIMED_COUNT + ENDPOINTS;
    /** 28 counts + 4 timed counts + 4 nanosecond sums, padded to 48 longs (384 bytes) per stripe. */
    private static final int STRIPE_WIDTH = 48;

    private final AtomicLongArray stripes = new AtomicLongArray(StatsWindow.STRIPES * STRIPE_WIDTH);

    void add(int stripe, DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        int base = stripe * STRIPE_WIDTH;
        stripes.getAndIncrement(base + endpoint.ordinal() * OUTCOMES + outcome.ordinal());
        if (outcome.wentOnTheWire()) {
            stripes.getAndIncrement(base + TIMED_COUNT + endpoint.ordinal());
            stripes.getAndAdd(base + TIMED_NANOS + endpoint.ordinal(), Math.max(latencyNanos, 0));
        }
    }

    long attempts(DepositoEndpoint endpoint, Outcome outcome) {
        return sum(endpoint.ordinal() * OUTCOMES + outcome.ordinal());
    }

    long timedCount(DepositoEndpoint endpoint) {
        return sum(TIMED_COUNT + endpoint.ordinal());
    }

    long timedNanos(DepositoEndpoint endpoint) {
        return sum(TIMED_NANOS + endpoint.ordinal());
    }

    private long sum(int cell) {
        long n = 0;
        for (int s = 0; s < StatsWindow.STRIPES; s++) {
            n += stripes.get(s * STRIPE_WIDTH + cell);
        }
        return n;
    }
}
