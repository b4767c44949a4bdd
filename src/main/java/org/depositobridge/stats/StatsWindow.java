package org.depositobridge.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One counting window of {@link StatsRecorder}: exactly {@code threshold} attempts, fixed size whatever the traffic.
 *
 * <p>{@link #slots} hands out positions: an attempt that draws a slot in {@code 1..threshold} belongs here, one
 * that draws more belongs to a later window and changes nothing else here. It is the only counter every attempt
 * shares. The per-(endpoint, outcome) counts and the count of completed attempts live in {@link #STRIPES} stripes
 * picked by thread, so concurrent callers mostly touch their own cache lines; every stripe update is an atomic
 * read-modify-write and every read a volatile read, so a sum taken after the last completion sees all of them.
 * {@link #closing} is raised by the attempt that drew the last slot, before it completes; {@link #reported} lets
 * exactly one finishing attempt that sees the window complete build the report.
 */
final class StatsWindow {

    static final int STRIPES = 8;
    private static final DepositoEndpoint[] ENDPOINTS = DepositoEndpoint.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final int CELLS = ENDPOINTS.length * OUTCOMES.length;
    private static final int COMPLETED = CELLS;
    /** 28 counts + completed, then padding so two stripes never share a cache line (40 longs = 320 bytes). */
    private static final int STRIPE_WIDTH = 40;

    final long number;
    final long startEpochMillis;
    final long startNanos;
    final AtomicLong slots = new AtomicLong();
    /** The window that follows this one; set once by whichever thread first needs it. */
    final AtomicReference<StatsWindow> next = new AtomicReference<>();
    final AtomicBoolean reported = new AtomicBoolean();
    /** Raised by the attempt that drew the last slot, before it counts itself completed. */
    volatile boolean closing;
    /** Set by the attempt that drew the last slot, before {@link #closing}. */
    volatile long endEpochMillis;
    volatile long endNanos;

    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES * STRIPE_WIDTH);
    private final LatencyHistogram latencyMicros = new LatencyHistogram();

    StatsWindow(long number, long startEpochMillis, long startNanos) {
        this.number = number;
        this.startEpochMillis = startEpochMillis;
        this.startNanos = startNanos;
    }

    /** Counts the attempt and its latency in the caller's stripe ({@link #stripe()}). */
    void add(int stripe, DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        stripes.getAndIncrement(stripe * STRIPE_WIDTH + endpoint.ordinal() * OUTCOMES.length + outcome.ordinal());
        if (outcome.wentOnTheWire()) {
            // a short-circuited or refused call has no meaningful latency; it would drag the percentiles to zero
            latencyMicros.record(latencyNanos / 1_000L);
        }
    }

    /** Marks one attempt's writes as finished; must follow its {@link #add}. */
    void complete(int stripe) {
        stripes.getAndIncrement(stripe * STRIPE_WIDTH + COMPLETED);
    }

    /** Attempts whose writes are finished: exact once the window is complete, an estimate while it is current. */
    long completed() {
        return sumOf(COMPLETED);
    }

    long count(DepositoEndpoint endpoint, Outcome outcome) {
        return sumOf(endpoint.ordinal() * OUTCOMES.length + outcome.ordinal());
    }

    private long sumOf(int cell) {
        long n = 0;
        for (int s = 0; s < STRIPES; s++) {
            n += stripes.get(s * STRIPE_WIDTH + cell);
        }
        return n;
    }

    /** The calling thread's stripe, 0..{@link #STRIPES}-1. */
    static int stripe() {
        // Fibonacci hashing of the thread id spreads pool threads (consecutive ids) over the stripes
        long h = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 61);
    }

    LatencyHistogram histogram() {
        return latencyMicros;
    }

    Map<String, Long> byOutcome() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Outcome o : OUTCOMES) {
            long n = 0;
            for (DepositoEndpoint e : ENDPOINTS) {
                n += count(e, o);
            }
            m.put(o.label(), n);
        }
        return m;
    }

    Map<String, Long> byEndpoint() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (DepositoEndpoint e : ENDPOINTS) {
            long n = 0;
            for (Outcome o : OUTCOMES) {
                n += count(e, o);
            }
            m.put(e.label(), n);
        }
        return m;
    }
}
