package org.depositobridge.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fixed-size, lock-free latency histogram in microseconds (1 µs to 10 min, relative error below 0.8 %): exact
 * buckets up to 255 µs, then 128 log-linear buckets per power of two. 2,960 counters (~23 KiB) whatever the traffic.
 *
 * <p>Why not HdrHistogram's {@code AtomicHistogram}: it also bumps one shared total-count field per value, a second
 * contended atomic on every attempt; the stats window already knows its count. Same bucket scheme idea, one atomic
 * increment per value on a counter that other threads rarely touch at the same moment.
 */
final class LatencyHistogram {

    /** Longest latency kept; longer ones are clamped to it. */
    static final long HIGHEST_MICROS = 600_000_000L;
    private static final int SUB_BITS = 7;
    private static final int LINEAR_LIMIT = 1 << (SUB_BITS + 1);

    private final AtomicLongArray counts = new AtomicLongArray(indexOf(HIGHEST_MICROS) + 1);
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long v = Math.min(Math.max(micros, 1L), HIGHEST_MICROS);
        counts.getAndIncrement(indexOf(v));
        // the max moves rarely: read first so the common case never writes the shared line
        long m;
        while (v > (m = max.get()) && !max.compareAndSet(m, v)) {
            Thread.onSpinWait();
        }
    }

    static int indexOf(long v) {
        if (v < LINEAR_LIMIT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return (shift << SUB_BITS) + (int) (v >>> shift);
    }

    /** Highest value that lands in the bucket {@code index} (what a percentile reports, as HdrHistogram does). */
    static long highestValueAt(int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long mantissa = index - ((long) shift << SUB_BITS);
        return ((mantissa + 1) << shift) - 1;
    }

    /** Lowest value that lands in the bucket {@code index}. */
    static long lowestValueAt(int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long mantissa = index - ((long) shift << SUB_BITS);
        return mantissa << shift;
    }

    long maxMicros() {
        return max.get();
    }

    long totalCount() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * Values at the given percentiles (0-100], one pass; 0 for an empty histogram. Each is the highest value of the
     * bucket holding that rank, capped at the exact maximum.
     */
    long[] percentiles(double... percentiles) {
        long[] out = new long[percentiles.length];
        long total = totalCount();
        if (total == 0) {
            return out;
        }
        long[] ranks = new long[percentiles.length];
        for (int p = 0; p < percentiles.length; p++) {
            ranks[p] = Math.max(1, (long) Math.ceil(percentiles[p] / 100.0 * total));
        }
        long cumulative = 0;
        int next = 0;
        long maxValue = max.get();
        for (int i = 0; i < counts.length() && next < ranks.length; i++) {
            cumulative += counts.get(i);
            while (next < ranks.length && cumulative >= ranks[next]) {
                out[next++] = Math.min(highestValueAt(i), maxValue);
            }
        }
        return out;
    }
}
