package org.depositobridge.simulator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.SimulatorOptions;

/**
 * Simulator at benchmark size: 100,000 products and 2,000,000 movements (400 days x 5,000). Prints generation
 * time, heap held after a GC (measured here only), and for 1,000-item pages of /stock/movements the server time
 * ({@code Server-Timing}, in-process: auth + query + JSON + encoding) and the client round trip over real HTTP,
 * p50/p99 over 200 requests per query shape after a warm-up. Run (see docs/benchmarks.md):
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 *   java -Xmx600m -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   org.depositobridge.simulator.bench.SimulatorBench [products] [days] [movementsPerDay]
 * </pre>
 */
public final class SimulatorBench {

    private static final int REQUESTS = 200;
    private static final int WARMUP = 100;

    private SimulatorBench() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int perDay = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        mem.gc();
        long heapBefore = mem.getHeapMemoryUsage().getUsed();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(products)
                .withDays(days).withMovementsPerDay(perDay).withSeed(1L))) {
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            long startCpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            mem.gc();
            long heapAfter = mem.getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "dataset: products=%d movements=%d%n", sim.store().productCount(),
                    sim.store().movementCount());
            System.out.printf(Locale.ROOT, "generation_ms=%d start_total_ms=%d start_cpu_ms=%d (main thread; wall > cpu"
                    + " means the cores were busy elsewhere)%n", sim.generationMillis(), startMs, startCpuMs);
            System.out.printf(Locale.ROOT, "heap_after_gc_mb=%.1f (data held; before start %.1f; max %.0f)%n",
                    heapAfter / 1048576.0, heapBefore / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
            String token = sim.mintToken(Duration.ofHours(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int pages = sim.store().movementCount() / 1000;
            SplittableRandom rnd = new SplittableRandom(7);
            run(http, sim, token, "all, random page", () -> "/stock/movements?size=1000&page=" + (1 + rnd.nextInt(pages)));
            run(http, sim, token, "date range (30 days), random page of 30",
                    () -> "/stock/movements?size=1000&fecha_desde=2026-01-01&fecha_hasta=2026-01-31T23:59:59&page="
                            + (1 + rnd.nextInt(30)));
            run(http, sim, token, "tipo=salida, random page", () -> "/stock/movements?size=1000&tipo_movimiento=salida&page="
                    + (1 + rnd.nextInt(pages / 2)));
            run(http, sim, token, "producto_id (random), page 1",
                    () -> "/stock/movements?size=1000&producto_id=" + (1 + rnd.nextInt(products)));
            run(http, sim, token, "productos limit=1000, random offset",
                    () -> "/productos?limit=1000&offset=" + rnd.nextInt(products));
            run(http, sim, token, "stock/critical", () -> "/stock/critical");
        }
    }

    private static void run(HttpClient http, DepositoSimulator sim, String token, String name,
            java.util.function.Supplier<String> path) throws Exception {
        double[] server = new double[REQUESTS];
        double[] client = new double[REQUESTS];
        long bytes = 0;
        for (int i = -WARMUP; i < REQUESTS; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path.get()))
                    .header("Authorization", "Bearer " + token).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (res.statusCode() != 200) {
                throw new IllegalStateException(res.statusCode() + " " + new String(res.body()));
            }
            if (i >= 0) {
                client[i] = ms;
                server[i] = Double.parseDouble(res.headers().firstValue("Server-Timing").orElseThrow()
                        .replace("app;dur=", ""));
                bytes += res.body().length;
            }
        }
        Arrays.sort(server);
        Arrays.sort(client);
        System.out.printf(Locale.ROOT, "%-42s server p50=%6.2f ms p99=%6.2f ms | http round trip p50=%6.2f ms p99=%6.2f ms"
                + " | avg body %d KB%n", name, pct(server, 50), pct(server, 99), pct(client, 50), pct(client, 99),
                bytes / REQUESTS / 1024);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
