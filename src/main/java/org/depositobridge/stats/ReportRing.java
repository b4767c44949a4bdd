package org.depositobridge.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} reports, oldest overwritten first. Written once per closed window (every
 * {@code stats.reset-threshold} attempts), so a plain lock costs nothing on the recording path.
 */
final class ReportRing {

    private final StatsReport[] slots;
    private long written;

    ReportRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.slots = new StatsReport[capacity];
    }

    synchronized void add(StatsReport report) {
        slots[(int) (written % slots.length)] = report;
        written++;
    }

    /** Up to {@code limit} reports, newest first. */
    synchronized List<StatsReport> newestFirst(int limit) {
        int n = (int) Math.min(Math.min(written, slots.length), Math.max(limit, 0));
        List<StatsReport> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(slots[(int) ((written - 1 - i) % slots.length)]);
        }
        return out;
    }

    synchronized int size() {
        return (int) Math.min(written, slots.length);
    }

    int capacity() {
        return slots.length;
    }
}
