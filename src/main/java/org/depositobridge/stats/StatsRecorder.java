package org.depositobridge.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every attempt to the deposito by endpoint group and outcome, with its latency, in windows of exactly
 * {@code stats.reset-threshold} attempts; each closed window produces one {@link StatsReport}. Bound in the Camel
 * registry as {@value DepositoStats#BEAN_NAME}.
 *
 * <h2>Why it is exact without locks</h2>
 * An attempt draws a slot from the current window ({@code incrementAndGet}). Slots {@code 1..threshold} belong to
 * that window; the attempt drawing slot {@code threshold} stamps the window's end and installs the next window by
 * CAS. An attempt drawing a slot past the threshold has not been counted anywhere: it helps install the next window
 * and draws again there. So each attempt is counted in exactly one window and each window holds exactly
 * {@code threshold}.
 *
 * <p>Before completing, the slot-{@code threshold} attempt raises the window's {@code closing} flag. Every attempt
 * counts itself completed after its writes (a striped atomic counter); one that then sees {@code closing} sums
 * the completions, and if the sum is the threshold it claims the report with a CAS. The attempt whose completion
 * comes last in the synchronization order always sees both (its volatile reads follow every other completion), so
 * a report is always built; the CAS makes it exactly one; and every write of the window happens-before the sum
 * that saw it complete (each completion is a release, each read an acquire).
 *
 * <h2>Why memory stays flat</h2>
 * A window is a 2.5 KiB block of striped counters and one ~23 KiB histogram whatever the traffic; closed windows become garbage once their
 * report is built. The ring keeps only the last {@value #RING_CAPACITY} reports (a few hundred bytes each).
 *
 * <p>The caller never waits: recording is a few atomic increments, of which only the slot draw is on a counter
 * that all threads share. The thread that completes a window also builds the report (MXBean reads and one log
 * line, tens of microseconds once per window).
 */
public class StatsRecorder implements StatsView {

    public static final long DEFAULT_THRESHOLD = 10_000L;
    public static final int RING_CAPACITY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StatsRecorder.class);

    private final long threshold;
    private final AtomicReference<StatsWindow> current;
    private final ReportRing ring;
    private final JvmSampler sampler;
    /** Marks the {@code next} link of a reported window: its successor is found through {@link #current}. */
    static final StatsWindow RETIRED = new StatsWindow(-1, 0, 0);

    private final AtomicLong resets = new AtomicLong();
    private final CumulativeCounts totals = new CumulativeCounts();
    private final List<Consumer<StatsReport>> reportListeners = new CopyOnWriteArrayList<>();
    private final Object reportLock = new Object();
    private volatile AttemptListener attemptListener;
    private long previousGcCount;
    private long previousGcTimeMs;

    /** Sees each attempt as it is recorded and each report (tests, extensions). Must be cheap and must not throw. */
    public interface AttemptListener {
        void onAttempt(DepositoEndpoint endpoint, Outcome outcome, long latencyNanos);

        /** Called once per closed window, after the report has been logged and stored. */
        default void onReset(StatsReport report) {
        }
    }

    public StatsRecorder(long threshold) {
        this(threshold, RING_CAPACITY, new JvmSampler());
    }

    StatsRecorder(long threshold, int ringCapacity, JvmSampler sampler) {
        if (threshold < 1) {
            throw new IllegalArgumentException("stats.reset-threshold must be >= 1: " + threshold);
        }
        this.threshold = threshold;
        this.ring = new ReportRing(ringCapacity);
        this.sampler = Objects.requireNonNull(sampler);
        this.current = new AtomicReference<>(newWindow(1));
        // GC figures in the first report count from JVM start; later ones from the previous report.
        this.previousGcCount = 0;
        this.previousGcTimeMs = 0;
    }

    /**
     * Records one attempt. Lock-free, allocation-free except once per window, never blocks.
     *
     * @param latencyNanos time the attempt took; ignored for {@link Outcome#CIRCUIT_OPEN} and
     *                     {@link Outcome#REJECTED}, which never went on the wire
     */
    public void record(DepositoEndpoint endpoint, Outcome outcome, long latencyNanos) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(outcome, "outcome");
        for (;;) {
            StatsWindow w = current.get();
            long slot = w.slots.incrementAndGet();
            if (slot > threshold) {
                // this window is full and our draw did not count: move on to (or create) the next one and retry
                advance(w, true);
                continue;
            }
            if (slot == threshold) {
                w.endNanos = System.nanoTime();
                w.endEpochMillis = System.currentTimeMillis();
                w.closing = true;
                advance(w, false);
            }
            int stripe = StatsWindow.stripe();
            w.add(stripe, endpoint, outcome, latencyNanos);
            totals.add(stripe, endpoint, outcome, latencyNanos);
            AttemptListener listener = attemptListener;
            if (listener != null) {
                listener.onAttempt(endpoint, outcome, latencyNanos);
            }
            w.complete(stripe);
            if (w.closing && w.completed() == threshold && w.reported.compareAndSet(false, true)) {
                close(w);
            }
            return;
        }
    }

    /** For the circuit breaker's fallback: the call was short-circuited. Reads {@link DepositoStats#ENDPOINT_PROPERTY}. */
    public void recordCircuitOpen(Exchange exchange) {
        recordWithoutCall(exchange, Outcome.CIRCUIT_OPEN);
    }

    /** For a call refused before it was sent (throttle or bulkhead full). Reads {@link DepositoStats#ENDPOINT_PROPERTY}. */
    public void recordRejected(Exchange exchange) {
        recordWithoutCall(exchange, Outcome.REJECTED);
    }

    private void recordWithoutCall(Exchange exchange, Outcome outcome) {
        DepositoEndpoint endpoint = DepositoStats.endpointOf(exchange);
        if (endpoint == null) {
            LOG.warn("event=stats_unlabelled outcome={} property={} value=\"{}\"", outcome.label(),
                    DepositoStats.ENDPOINT_PROPERTY, exchange.getProperty(DepositoStats.ENDPOINT_PROPERTY));
            return;
        }
        record(endpoint, outcome, 0L);
    }

    /**
     * Makes the window after {@code full} current. Any thread may do it (so a stalled closer stalls nobody); the CAS
     * on {@code full.next} makes all of them agree on one successor.
     */
    private void advance(StatsWindow full, boolean overflow) {
        StatsWindow next = full.next.get();
        if (next == RETIRED) {
            return; // closed and reported long ago: the caller re-reads the current window
        }
        if (next == null) {
            // an overflowing attempt first gives the closer a moment to install the window it is allocating
            for (int i = 0; overflow && i < 100 && (next = full.next.get()) == null; i++) {
                Thread.onSpinWait();
            }
            if (next == null) {
                StatsWindow fresh = newWindow(full.number + 1);
                StatsWindow witness = full.next.compareAndExchange(null, fresh);
                next = witness == null ? fresh : witness;
            }
        }
        current.compareAndSet(full, next);
    }

    private StatsWindow newWindow(long number) {
        return new StatsWindow(number, System.currentTimeMillis(), System.nanoTime());
    }

    private void close(StatsWindow w) {
        // Cut the link to the next window. A closed window that a collection has moved to the old generation would
        // otherwise keep its successor alive through every young collection, that one its own successor, and so
        // on: every window would be promoted ("nepotism"), filling the old generation with dead windows. Safe:
        // the current window moved past w before w could complete, and never moves back.
        w.next.set(RETIRED);
        StatsReport report;
        synchronized (reportLock) {
            // two windows can complete at the same moment (a slow writer of the older one); the lock keeps the
            // GC deltas of consecutive reports from overlapping
            JvmSample jvm = sampler.sample();
            long gcCount = Math.max(0, jvm.gcCount() - previousGcCount);
            long gcTime = Math.max(0, jvm.gcTimeMs() - previousGcTimeMs);
            previousGcCount = Math.max(previousGcCount, jvm.gcCount());
            previousGcTimeMs = Math.max(previousGcTimeMs, jvm.gcTimeMs());
            report = buildReport(w, jvm, gcCount, gcTime);
            ring.add(report);
            resets.incrementAndGet();
        }
        LOG.info(report.toLogLine());
        AttemptListener listener = attemptListener;
        if (listener != null) {
            listener.onReset(report);
        }
        for (Consumer<StatsReport> c : reportListeners) {
            c.accept(report);
        }
    }

    private StatsReport buildReport(StatsWindow w, JvmSample jvm, long gcCount, long gcTimeMs) {
        Map<String, Long> byOutcome = w.byOutcome();
        long success = byOutcome.getOrDefault(Outcome.SUCCESS.label(), 0L);
        LatencyHistogram h = w.histogram();
        long[] p = h.percentiles(50, 95, 99);
        return new StatsReport(w.number, Instant.ofEpochMilli(w.startEpochMillis), Instant.ofEpochMilli(w.endEpochMillis),
                threshold, byOutcome, w.byEndpoint(), (double) success / threshold,
                millis(p[0]), millis(p[1]), millis(p[2]), millis(h.maxMicros()),
                jvm.heapUsedBytes(), jvm.heapCommittedBytes(), jvm.heapMaxBytes(), jvm.nonHeapUsedBytes(),
                jvm.rssBytes(), gcCount, gcTimeMs, jvm.liveThreads());
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /** Installs the per-attempt listener; one at a time. The Prometheus meters do not need one (see {@link DepositoMetrics}). */
    public void setAttemptListener(AttemptListener listener) {
        this.attemptListener = listener;
    }

    /** Adds a consumer called with each report after it is stored (tests, the console). Must not block. */
    public void addReportListener(Consumer<StatsReport> listener) {
        reportListeners.add(Objects.requireNonNull(listener));
    }

    public long threshold() {
        return threshold;
    }

    /** The open window itself (tests). */
    StatsWindow openWindow() {
        return current.get();
    }

    /** Totals since start, never reset: what the Prometheus meters read. */
    CumulativeCounts totals() {
        return totals;
    }

    /** Windows closed since start. */
    public long resets() {
        return resets.get();
    }

    /** Up to {@link #RING_CAPACITY} most recent reports, newest first. */
    public List<StatsReport> reports() {
        return ring.newestFirst(ring.capacity());
    }

    /** Up to {@code limit} most recent reports, newest first. */
    public List<StatsReport> reports(int limit) {
        return ring.newestFirst(limit);
    }

    /** The open window: number, start, attempts so far, counts by outcome and endpoint. */
    public Map<String, Object> currentWindow() {
        StatsWindow w = current.get();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", w.number);
        m.put("windowStart", Instant.ofEpochMilli(w.startEpochMillis).toString());
        m.put("attempts", Math.min(w.completed(), threshold));
        m.put("byOutcome", w.byOutcome());
        m.put("byEndpoint", w.byEndpoint());
        return m;
    }

    /** Everything {@code /api/stats} shows: threshold, resets, the open window and up to 100 reports, newest first. */
    @Override
    public Map<String, Object> snapshot() {
        return snapshot(RING_CAPACITY);
    }

    public Map<String, Object> snapshot(int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("resets", resets());
        m.put("currentWindow", currentWindow());
        List<Map<String, Object>> reports = new ArrayList<>();
        for (StatsReport r : reports(limit)) {
            reports.add(r.toMap());
        }
        m.put("reports", reports);
        return m;
    }
}
