package org.depositobridge.stats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one closed window of {@link StatsRecorder} says: traffic by outcome and endpoint, latency percentiles, and
 * the JVM's memory as it was when the window closed (no forced GC).
 *
 * @param window        window number, 1 for the first since start
 * @param attempts      attempts in the window: always the reset threshold
 * @param successRate   successes / attempts, 0..1
 * @param heapUsedBytes heap in use when the window closed (includes garbage not yet collected)
 * @param rssBytes      process resident set size, null where /proc/self/status does not exist
 * @param gcCount       collections since the previous report (since JVM start for the first)
 * @param gcTimeMs      milliseconds spent collecting since the previous report
 */
public record StatsReport(long window, Instant windowStart, Instant windowEnd, long attempts,
        Map<String, Long> byOutcome, Map<String, Long> byEndpoint, double successRate,
        double latencyP50Ms, double latencyP95Ms, double latencyP99Ms, double latencyMaxMs,
        long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long nonHeapUsedBytes, Long rssBytes,
        long gcCount, long gcTimeMs, int liveThreads) {

    public StatsReport {
        byOutcome = Map.copyOf(byOutcome);
        byEndpoint = Map.copyOf(byEndpoint);
    }

    /** The report as an ordered map (for JSON, {@code /api/stats} and JMX); keys are stable API. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", window);
        m.put("windowStart", windowStart.toString());
        m.put("windowEnd", windowEnd.toString());
        m.put("attempts", attempts);
        m.put("byOutcome", ordered(byOutcome, outcomeLabels()));
        m.put("byEndpoint", ordered(byEndpoint, endpointLabels()));
        m.put("successRate", successRate);
        m.put("latencyP50Ms", latencyP50Ms);
        m.put("latencyP95Ms", latencyP95Ms);
        m.put("latencyP99Ms", latencyP99Ms);
        m.put("latencyMaxMs", latencyMaxMs);
        m.put("heapUsedBytes", heapUsedBytes);
        m.put("heapCommittedBytes", heapCommittedBytes);
        m.put("heapMaxBytes", heapMaxBytes);
        m.put("nonHeapUsedBytes", nonHeapUsedBytes);
        m.put("rssBytes", rssBytes);
        m.put("gcCount", gcCount);
        m.put("gcTimeMs", gcTimeMs);
        m.put("liveThreads", liveThreads);
        return m;
    }

    /** One structured log line: {@code event=stats_reset window=... outcome_success=... heap_used_bytes=...}. */
    public String toLogLine() {
        StringBuilder sb = new StringBuilder(640);
        sb.append("event=stats_reset window=").append(window)
                .append(" window_start=").append(windowStart)
                .append(" window_end=").append(windowEnd)
                .append(" attempts=").append(attempts);
        for (String o : outcomeLabels()) {
            sb.append(" outcome_").append(o).append('=').append(byOutcome.getOrDefault(o, 0L));
        }
        for (String e : endpointLabels()) {
            sb.append(" endpoint_").append(e).append('=').append(byEndpoint.getOrDefault(e, 0L));
        }
        sb.append(" success_rate=").append(String.format(Locale.ROOT, "%.4f", successRate))
                .append(" p50_ms=").append(ms(latencyP50Ms))
                .append(" p95_ms=").append(ms(latencyP95Ms))
                .append(" p99_ms=").append(ms(latencyP99Ms))
                .append(" max_ms=").append(ms(latencyMaxMs))
                .append(" heap_used_bytes=").append(heapUsedBytes)
                .append(" heap_committed_bytes=").append(heapCommittedBytes)
                .append(" heap_max_bytes=").append(heapMaxBytes)
                .append(" non_heap_used_bytes=").append(nonHeapUsedBytes)
                .append(" rss_bytes=").append(rssBytes == null ? "null" : rssBytes.toString())
                .append(" gc_count=").append(gcCount)
                .append(" gc_time_ms=").append(gcTimeMs)
                .append(" live_threads=").append(liveThreads);
        return sb.toString();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static Map<String, Long> ordered(Map<String, Long> m, String[] order) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : order) {
            out.put(k, m.getOrDefault(k, 0L));
        }
        return out;
    }

    private static String[] outcomeLabels() {
        Outcome[] v = Outcome.values();
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i].label();
        }
        return s;
    }

    private static String[] endpointLabels() {
        DepositoEndpoint[] v = DepositoEndpoint.values();
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i].label();
        }
        return s;
    }
}
