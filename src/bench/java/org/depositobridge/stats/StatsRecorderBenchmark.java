package org.depositobridge.stats;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of recording one attempt, in ns/op, with 1 and 2 threads: {@link StatsRecorder#record} as the bridge runs it
 * (window counters, histogram, cumulative totals; its Prometheus meters bound, which read the totals only when
 * scraped), and the naive list-based design for comparison. Threshold 10,000, so each benchmark also pays its share
 * of window swaps and reports.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Dlogback.configurationFile=src/bench/resources/bench-logback.xml"})
public class StatsRecorderBenchmark {

    private static final DepositoEndpoint[] ENDPOINTS = DepositoEndpoint.values();
    private static final Outcome[] OUTCOMES = {Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.HTTP_5XX};

    @State(Scope.Benchmark)
    public static class Recorders {
        StatsRecorder recorder;
        NaiveStatsRecorder naive;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new StatsRecorder(StatsRecorder.DEFAULT_THRESHOLD);
            DepositoMetrics.bind(recorder, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            naive = new NaiveStatsRecorder(StatsRecorder.DEFAULT_THRESHOLD);
        }
    }

    /** Per-thread inputs, so the benchmark measures recording and not the random generator. */
    @State(Scope.Thread)
    public static class Input {
        final long[] latencies = new long[1024];
        int i;

        @Setup(Level.Trial)
        public void setUp() {
            for (int k = 0; k < latencies.length; k++) {
                latencies[k] = ThreadLocalRandom.current().nextLong(1_000_000L, 800_000_000L);
            }
        }

        int next() {
            return i = (i + 1) & 1023;
        }
    }

    @Benchmark
    @Threads(1)
    public void record_1thread(Recorders r, Input in) {
        int k = in.next();
        r.recorder.record(ENDPOINTS[k & 3], OUTCOMES[(k >> 2) & 3], in.latencies[k]);
    }

    @Benchmark
    @Threads(2)
    public void record_2threads(Recorders r, Input in) {
        int k = in.next();
        r.recorder.record(ENDPOINTS[k & 3], OUTCOMES[(k >> 2) & 3], in.latencies[k]);
    }

    @Benchmark
    @Threads(1)
    public void naiveList_1thread(Recorders r, Input in) {
        int k = in.next();
        r.naive.record(ENDPOINTS[k & 3], OUTCOMES[(k >> 2) & 3], in.latencies[k]);
    }

    @Benchmark
    @Threads(2)
    public void naiveList_2threads(Recorders r, Input in) {
        int k = in.next();
        r.naive.record(ENDPOINTS[k & 3], OUTCOMES[(k >> 2) & 3], in.latencies[k]);
    }
}
