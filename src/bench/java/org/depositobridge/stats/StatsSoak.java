package org.depositobridge.stats;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Soak: 10,000,000 attempts from 2 threads at threshold 10,000 through the real {@link StatsRecorder} (with its
 * Prometheus meters), then the same traffic through the ancestor's design ({@link NaiveStatsRecorder}).
 *
 * <p>Heap after GC is sampled from the JVM's own GC notifications of the collections that happen by themselves
 * (first, median, max, last). Those include short-lived objects that a young collection happened to promote, so
 * the growth criterion uses two checkpoints instead: the live heap after a full collection once warm-up (the first
 * 10 % of the attempts) is done and again at the end, with the recorder still alive. Those two collections are a
 * measurement of this harness only (the bridge never requests a GC) and are left out of the natural samples.
 * Also reported: peak heap used, bytes allocated and CPU time per attempt (per-thread counters), wall time.
 * Fails (exit 1) when the real design misses exactly 1,000 reports, its meters disagree, or its live heap grows by
 * more than 1 MiB between the checkpoints.
 *
 * <p>Run: {@code mvn -B -P bench -DskipTests verify} (JVM: -Xms32m -Xmx32m -XX:+UseSerialGC, so collections
 * are frequent while a window's short-lived objects still die young).
 */
public final class StatsSoak {

    static final long ATTEMPTS = 10_000_000L;
    static final long THRESHOLD = 10_000L;
    static final int THREADS = 2;
    static final long MAX_GROWTH_BYTES = 1L << 20;

    private StatsSoak() {
    }

    interface Recorder {
        void record(DepositoEndpoint e, Outcome o, long latencyNanos);
    }

    record Profile(String name, long reports, long millis, double allocatedBytesPerAttempt, double cpuNanosPerAttempt,
            long peakHeapUsed, List<Long> heapAfterGc, long liveAfterWarmup, long liveAtEnd, long growth) {
    }

    public static void main(String[] args) throws Exception {
        StatsRecorder real = new StatsRecorder(THRESHOLD);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DepositoMetrics.bind(real, prometheus);
        Profile ours = run("stats-recorder (windows + histogram + totals, meters bound)", real::record, real::resets);
        String scrape = prometheus.scrape();
        long totalCounted = 0;
        for (DepositoEndpoint e : DepositoEndpoint.values()) {
            for (Outcome o : Outcome.values()) {
                totalCounted += real.totals().attempts(e, o);
            }
        }
        boolean metersOk = scrape.contains("deposito_stats_resets_total 1000.0") && totalCounted == ATTEMPTS;

        NaiveStatsRecorder naive = new NaiveStatsRecorder(THRESHOLD);
        Profile baseline = run("naive list (ancestor design, baseline)", naive::record, naive::resets);

        print(ours);
        print(baseline);
        System.out.printf(Locale.ROOT, "soak ratio naive/ours: allocated per attempt %.1fx, collections %.1fx, "
                + "peak heap used %.1fx, max heap after GC %.2fx, time %.1fx, cpu per attempt %.1fx%n",
                baseline.allocatedBytesPerAttempt / Math.max(ours.allocatedBytesPerAttempt, 0.001),
                (double) baseline.heapAfterGc.size() / Math.max(ours.heapAfterGc.size(), 1),
                (double) baseline.peakHeapUsed / ours.peakHeapUsed,
                (double) Collections.max(baseline.heapAfterGc) / Collections.max(ours.heapAfterGc),
                (double) baseline.millis / ours.millis, baseline.cpuNanosPerAttempt / ours.cpuNanosPerAttempt);

        boolean ok = metersOk;
        if (!metersOk) {
            System.out.println("soak FAIL: meters show " + totalCounted + " attempts or not 1000 resets");
        }
        if (ours.reports != ATTEMPTS / THRESHOLD) {
            System.out.println("soak FAIL: expected " + ATTEMPTS / THRESHOLD + " reports, got " + ours.reports);
            ok = false;
        }
        if (ours.growth > MAX_GROWTH_BYTES) {
            System.out.println("soak FAIL: live heap grew by " + ours.growth + " bytes (> 1 MiB)");
            ok = false;
        }
        System.out.println(ok ? "soak PASS" : "soak FAIL");
        if (!ok) {
            System.exit(1);
        }
    }

    private static Profile run(String name, Recorder recorder, LongSupplier resets) throws Exception {
        List<Long> afterGc = Collections.synchronizedList(new ArrayList<>());
        javax.management.NotificationListener listener = (n, h) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if ("System.gc()".equals(info.getGcCause())) {
                    return; // the harness's own checkpoints, not a natural sample
                }
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                afterGc.add(used);
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicLong allocated = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        CyclicBarrier warm = new CyclicBarrier(THREADS + 1);
        CyclicBarrier go = new CyclicBarrier(THREADS + 1);
        long warmupPerThread = ATTEMPTS / THREADS / 10;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    long before = threads.getCurrentThreadAllocatedBytes();
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    DepositoEndpoint[] endpoints = DepositoEndpoint.values();
                    long seed = 0x9E3779B97F4A7C15L * (id + 1);
                    for (long i = 0; i < ATTEMPTS / THREADS; i++) {
                        if (i == warmupPerThread) {
                            warm.await();
                            go.await();
                        }
                        seed ^= seed << 13;
                        seed ^= seed >>> 7;
                        seed ^= seed << 17;
                        long latency = 1_000_000L + Math.floorMod(seed, 500_000_000L);
                        Outcome outcome = (seed & 63) == 0 ? Outcome.HTTP_5XX : Outcome.SUCCESS;
                        recorder.record(endpoints[(int) (i & 3)], outcome, latency);
                    }
                    allocated.addAndGet(threads.getCurrentThreadAllocatedBytes() - before);
                    // CPU time, unlike wall time, does not count the time this thread waited for a core
                    cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuBefore);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "soak-" + t);
            w.start();
            workers.add(w);
        }
        long t0 = System.nanoTime();
        start.await();
        warm.await();
        long pausedAt = System.nanoTime();
        long liveAfterWarmup = liveHeap();
        long paused = System.nanoTime() - pausedAt;
        go.await();
        for (Thread w : workers) {
            w.join();
        }
        long millis = (System.nanoTime() - t0 - paused) / 1_000_000L;
        long liveAtEnd = liveHeap();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        List<Long> samples = new ArrayList<>(afterGc);
        return new Profile(name, resets.getAsLong(), millis, (double) allocated.get() / ATTEMPTS,
                (double) cpuNanos.get() / ATTEMPTS, peak, samples, liveAfterWarmup, liveAtEnd, liveAtEnd - liveAfterWarmup);
    }

    /** Live heap: heap used right after a full collection (a measurement checkpoint of this harness only). */
    private static long liveHeap() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    private static void print(Profile p) {
        List<Long> sorted = new ArrayList<>(p.heapAfterGc);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "soak %s: attempts=%d reports=%d time_ms=%d cpu_ns_per_attempt=%.1f allocated_bytes_per_attempt=%.1f "
                + "peak_heap_used_mib=%.2f gcs=%d heap_after_gc_mib first=%.2f median=%.2f max=%.2f last=%.2f "
                + "live_heap_mib after_warmup=%.3f end=%.3f growth_kib=%.1f%n",
                p.name, ATTEMPTS, p.reports, p.millis, p.cpuNanosPerAttempt, p.allocatedBytesPerAttempt, mib(p.peakHeapUsed), sorted.size(),
                sorted.isEmpty() ? 0 : mib(p.heapAfterGc.get(0)), sorted.isEmpty() ? 0 : mib(sorted.get(sorted.size() / 2)),
                sorted.isEmpty() ? 0 : mib(sorted.get(sorted.size() - 1)),
                sorted.isEmpty() ? 0 : mib(p.heapAfterGc.get(p.heapAfterGc.size() - 1)),
                mib(p.liveAfterWarmup), mib(p.liveAtEnd), p.growth / 1024.0);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
