package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.RepeatedTest;

/** The threshold crossing is exact under contention: no attempt lost, none counted twice, one report per window. */
class StatsRecorderConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ATTEMPTS = 1_000_000;
    private static final long THRESHOLD = 10_000;

    /** 4 threads x 250,000 attempts at threshold 10,000 give exactly 100 reports of exactly 10,000 attempts each. */
    @RepeatedTest(5)
    void should_emit_exactly_one_report_per_threshold_crossing_under_four_threads() throws Exception {
        StatsRecorder recorder = new StatsRecorder(THRESHOLD);
        ConcurrentLinkedQueue<StatsReport> emitted = new ConcurrentLinkedQueue<>();
        recorder.addReportListener(emitted::add);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Future<?>[] done = new Future<?>[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done[t] = pool.submit(() -> {
                    start.await();
                    DepositoEndpoint endpoint = DepositoEndpoint.values()[thread];
                    Outcome[] outcomes = Outcome.values();
                    for (int i = 0; i < ATTEMPTS / THREADS; i++) {
                        recorder.record(endpoint, outcomes[i % outcomes.length], 1_000_000L + i);
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        List<StatsReport> reports = List.copyOf(emitted);
        assertThat(reports).hasSize(ATTEMPTS / (int) THRESHOLD);
        assertThat(recorder.resets()).isEqualTo(100);
        // every window closed once, windows 1..100, none twice
        Set<Long> windows = reports.stream().map(StatsReport::window).collect(Collectors.toCollection(TreeSet::new));
        assertThat(windows).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        for (StatsReport r : reports) {
            assertThat(r.attempts()).isEqualTo(THRESHOLD);
            assertThat(sum(r.byOutcome())).as("window %d by outcome", r.window()).isEqualTo(THRESHOLD);
            assertThat(sum(r.byEndpoint())).as("window %d by endpoint", r.window()).isEqualTo(THRESHOLD);
        }
        long total = reports.stream().mapToLong(r -> sum(r.byOutcome())).sum();
        assertThat(total).isEqualTo(ATTEMPTS);
        // each thread recorded its own endpoint 250,000 times: all of them landed in some window
        for (DepositoEndpoint e : DepositoEndpoint.values()) {
            long perEndpoint = reports.stream().mapToLong(r -> r.byEndpoint().get(e.label())).sum();
            assertThat(perEndpoint).as(e.label()).isEqualTo(ATTEMPTS / THREADS);
        }
        // the next window is open and empty
        assertThat(recorder.currentWindow()).containsEntry("window", 101L).containsEntry("attempts", 0L);
        assertThat(recorder.reports()).hasSize(100);
    }

    /** Tiny windows (3 attempts) put a window boundary under nearly every attempt: still exact, one report each. */
    @RepeatedTest(3)
    void should_stay_exact_when_windows_close_constantly() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(StatsRecorder.class);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.WARN); // 10,000 report lines would only fill the test log
        try {
            StatsRecorder recorder = new StatsRecorder(3);
            java.util.concurrent.atomic.LongAdder attemptsInReports = new java.util.concurrent.atomic.LongAdder();
            java.util.concurrent.ConcurrentHashMap<Long, Boolean> seen = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean duplicate = new java.util.concurrent.atomic.AtomicBoolean();
            recorder.addReportListener(r -> {
                attemptsInReports.add(sum(r.byOutcome()));
                if (seen.putIfAbsent(r.window(), Boolean.TRUE) != null || sum(r.byOutcome()) != 3) {
                    duplicate.set(true);
                }
            });
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                Future<?>[] done = new Future<?>[THREADS];
                for (int t = 0; t < THREADS; t++) {
                    done[t] = pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 7_500; i++) {
                            recorder.record(DepositoEndpoint.CRITICAL, Outcome.SUCCESS, 1_000L);
                        }
                        return null;
                    });
                }
                for (Future<?> f : done) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(duplicate).isFalse();
            assertThat(recorder.resets()).isEqualTo(10_000);
            assertThat(seen).hasSize(10_000);
            assertThat(attemptsInReports.sum()).isEqualTo(30_000);
            assertThat(recorder.reports()).hasSize(StatsRecorder.RING_CAPACITY);
        } finally {
            log.setLevel(level);
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
