package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Report contents, the bounded ring and the snapshot served by /api/stats. */
class StatsRecorderTest {

    private static final long MS = 1_000_000L;

    /** Latencies 1..1000 ms, uniform: percentiles land where they must, within the histogram's 1 % precision. */
    @Test
    void should_report_percentiles_that_match_known_latencies() {
        StatsRecorder recorder = new StatsRecorder(1000);
        for (int ms = 1; ms <= 1000; ms++) {
            recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, ms * MS);
        }
        StatsReport r = recorder.reports().get(0);
        assertThat(r.latencyP50Ms()).isCloseTo(500, within(500 * 0.01 + 1));
        assertThat(r.latencyP95Ms()).isCloseTo(950, within(950 * 0.01 + 1));
        assertThat(r.latencyP99Ms()).isCloseTo(990, within(990 * 0.01 + 1));
        assertThat(r.latencyMaxMs()).isCloseTo(1000, within(1000 * 0.01));
        assertThat(r.successRate()).isEqualTo(1.0);
    }

    /** Every field is filled: window bounds, totals, success rate, memory, RSS on Linux, GC, threads. */
    @Test
    void should_fill_every_report_field() {
        StatsRecorder recorder = new StatsRecorder(10);
        for (int i = 0; i < 7; i++) {
            recorder.record(DepositoEndpoint.CRITICAL, Outcome.SUCCESS, 5 * MS);
        }
        recorder.record(DepositoEndpoint.MOVEMENTS, Outcome.HTTP_5XX, 50 * MS);
        recorder.record(DepositoEndpoint.MOVEMENTS, Outcome.TIMEOUT, 3000 * MS);
        recorder.record(DepositoEndpoint.STOCK_UPDATE, Outcome.CIRCUIT_OPEN, 0);
        StatsReport r = recorder.reports().get(0);

        assertThat(r.window()).isEqualTo(1);
        assertThat(r.attempts()).isEqualTo(10);
        assertThat(r.windowEnd()).isAfterOrEqualTo(r.windowStart());
        assertThat(r.byOutcome()).containsEntry("success", 7L).containsEntry("http_5xx", 1L)
                .containsEntry("timeout", 1L).containsEntry("circuit_open", 1L).containsEntry("http_4xx", 0L)
                .containsOnlyKeys("success", "http_4xx", "http_5xx", "timeout", "io_error", "circuit_open", "rejected");
        assertThat(r.byEndpoint()).containsEntry("critical", 7L).containsEntry("movements", 2L)
                .containsEntry("stock_update", 1L).containsEntry("productos", 0L);
        assertThat(r.successRate()).isEqualTo(0.7);
        // the circuit-open attempt has no latency: percentiles come from the 9 calls that went out
        assertThat(r.latencyP50Ms()).isCloseTo(5, within(0.1));
        assertThat(r.latencyMaxMs()).isCloseTo(3000, within(30.0));
        assertThat(r.heapUsedBytes()).isPositive();
        assertThat(r.heapCommittedBytes()).isGreaterThanOrEqualTo(r.heapUsedBytes());
        assertThat(r.heapMaxBytes()).isPositive();
        assertThat(r.nonHeapUsedBytes()).isPositive();
        if (Path.of("/proc/self/status").toFile().canRead()) {
            assertThat(r.rssBytes()).isNotNull().isGreaterThan(r.heapUsedBytes() / 4);
        }
        assertThat(r.gcCount()).isNotNegative();
        assertThat(r.gcTimeMs()).isNotNegative();
        assertThat(r.liveThreads()).isPositive();
        assertThat(r.toLogLine()).startsWith("event=stats_reset window=1 ")
                .contains(" attempts=10 ", " outcome_success=7 ", " outcome_circuit_open=1 ", " endpoint_movements=2 ",
                        " success_rate=0.7000 ", " p50_ms=", " heap_used_bytes=", " rss_bytes=", " gc_count=",
                        " gc_time_ms=", " live_threads=");
    }

    /** Where /proc/self/status does not exist the RSS is null, not zero and not an error. */
    @Test
    void should_report_null_rss_where_procfs_is_absent() {
        StatsRecorder recorder = new StatsRecorder(1, 10, new JvmSampler(Path.of("/nonexistent/status")));
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        assertThat(recorder.reports().get(0).rssBytes()).isNull();
        assertThat(recorder.reports().get(0).toLogLine()).contains(" rss_bytes=null ");
    }

    /** The ring keeps the last 100 reports however many windows close, newest first. */
    @Test
    void should_keep_only_the_last_hundred_reports() {
        StatsRecorder recorder = new StatsRecorder(1);
        for (int i = 0; i < 250; i++) {
            recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        }
        List<StatsReport> reports = recorder.reports();
        assertThat(recorder.resets()).isEqualTo(250);
        assertThat(reports).hasSize(100);
        assertThat(reports.get(0).window()).isEqualTo(250);
        assertThat(reports.get(99).window()).isEqualTo(151);
        assertThat(recorder.reports(3)).extracting(StatsReport::window).containsExactly(250L, 249L, 248L);
    }

    /**
     * A reported window no longer points at its successor: otherwise one window promoted to the old generation
     * keeps every later window alive through young collections (found by the soak: the heap after GC climbed).
     */
    @Test
    void should_unlink_a_window_once_it_is_reported() {
        StatsRecorder recorder = new StatsRecorder(2);
        StatsWindow first = recorder.openWindow();
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        assertThat(first.next.get()).isNull();
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        assertThat(recorder.openWindow()).isNotSameAs(first);
        assertThat(first.next.get()).isSameAs(StatsRecorder.RETIRED);
        // a late caller still holding the old window finds its way to the open one
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        assertThat(recorder.currentWindow()).containsEntry("window", 2L).containsEntry("attempts", 1L);
    }

    /** GC figures are deltas since the previous report, never cumulative totals after the first. */
    @Test
    void should_report_gc_activity_since_the_previous_report() {
        long[] gc = {5, 40};
        JvmSampler fixed = new JvmSampler() {
            @Override
            JvmSample sample() {
                return new JvmSample(1, 2, 3, 4, 5L, gc[0], gc[1], 6);
            }
        };
        StatsRecorder recorder = new StatsRecorder(1, 10, fixed);
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        gc[0] = 8;
        gc[1] = 70;
        recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, MS);
        assertThat(recorder.reports().get(1).gcCount()).isEqualTo(5);
        assertThat(recorder.reports().get(0).gcCount()).isEqualTo(3);
        assertThat(recorder.reports().get(0).gcTimeMs()).isEqualTo(30);
    }

    /** The snapshot shows threshold, resets, the open window's counts and the reports as maps. */
    @SuppressWarnings("unchecked")
    @Test
    void should_snapshot_the_open_window_and_the_reports() {
        StatsRecorder recorder = new StatsRecorder(3);
        for (int i = 0; i < 5; i++) {
            recorder.record(DepositoEndpoint.PRODUCTOS, i == 4 ? Outcome.HTTP_4XX : Outcome.SUCCESS, MS);
        }
        Map<String, Object> snap = recorder.snapshot();
        assertThat(snap).containsEntry("threshold", 3L).containsEntry("resets", 1L);
        Map<String, Object> window = (Map<String, Object>) snap.get("currentWindow");
        assertThat(window).containsEntry("window", 2L).containsEntry("attempts", 2L);
        assertThat((Map<String, Long>) window.get("byOutcome")).containsEntry("success", 1L).containsEntry("http_4xx", 1L);
        List<Map<String, Object>> reports = (List<Map<String, Object>>) snap.get("reports");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).containsKeys("window", "windowStart", "windowEnd", "attempts", "byOutcome",
                "byEndpoint", "successRate", "latencyP50Ms", "latencyP95Ms", "latencyP99Ms", "latencyMaxMs",
                "heapUsedBytes", "heapCommittedBytes", "heapMaxBytes", "nonHeapUsedBytes", "rssBytes", "gcCount",
                "gcTimeMs", "liveThreads");
    }
}
