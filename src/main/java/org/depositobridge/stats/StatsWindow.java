package org.depositobridge.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.AtomicHistogram;

/**
 * One counting window of {@link StatsRecorder}: exactly {@code threshold} attempts, fixed size whatever the traffic.
 *
 * <p>Two counters make the crossing exact without locks. {@link #slots} hands out positions: an attempt that draws
 * a slot in {@code 1..threshold} belongs here, one that draws more belongs to a later window. {@link #completed}
 * counts attempts whose writes are finished: the attempt that brings it to {@code threshold} is the last writer, so
 * it alone (and only after every write of the window) builds the report. Slot draws past the threshold change
 * nothing but {@link #slots} itself.
 */
final class StatsWindow {

    /** Latencies are kept in microseconds up to ten minutes; longer attempts are clamped to that. */
    static final long HIGHEST_MICROS = 600_000_000L;
    /** Two significant digits: 1 % value precision at ~24 KiB per window, instead of ~200 KiB at three. */
    static final int PRECISION_DIGITS = 2;

    private static final DepositoEndpoint[] ENDPOINTS = DepositoEndpoint.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    final long number;
    final long startEpochMillis;
    final long startNanos;
    final AtomicLong slots = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    /** The window that follows this one; set once by whichever thread first needs it. */
    final AtomicReference<StatsWindow> next = new AtomicReference<>();
    /** Set by the attempt that drew the last slot, before it counts as completed (so the report sees it). */
    volatile long endEpochMillis;
    volatile long endNanos;

    private final LongAdder[] counts = new LongAdder[ENDPOINTS.length * OUTCOMES.length];
    private final AtomicHistogram latencyMicros = new AtomicHistogram(1, HIGHEST_MICROS, PRECISION_DIGITS);

    StatsWindow(long number, long startEpochMillis, long startNanos) {
        this.number = number;
        this.startEpochMillis = startEpochMillis;
        this.startNanos = startNanos;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void add(DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        counts[endpoint.ordinal() * OUTCOMES.length + outcome.ordinal()].increment();
        if (!outcome.wentOnTheWire()) {
            // a short-circuited or refused call has no meaningful latency; it would drag the percentiles to zero
            return;
        }
        long micros = latencyNanos <= 0 ? 1 : Math.min(Math.max(latencyNanos / 1_000L, 1L), HIGHEST_MICROS);
        latencyMicros.recordValue(micros);
    }

    long count(DepositoEndpoint endpoint, Outcome outcome) {
        return counts[endpoint.ordinal() * OUTCOMES.length + outcome.ordinal()].sum();
    }

    AtomicHistogram histogram() {
        return latencyMicros;
    }

    /** Attempts counted so far; exact once the window is complete, a moment's estimate while it is current. */
    long recorded() {
        return Math.min(completed.get(), Long.MAX_VALUE);
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
