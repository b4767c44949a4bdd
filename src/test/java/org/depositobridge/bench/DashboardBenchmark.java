package org.depositobridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.support.RunningBridge;

/**
 * Load benchmark of the dashboard API: the real bridge with a synthetic 100,000-product / 2,000,000-movement
 * snapshot, auth and rate limiting on (limit far above the offered load), wrk (Debian package) with 2 threads
 * and 32 connections on loopback. Prints, per endpoint, requests/s and latency percentiles, the same for a bare
 * Vert.x handler returning the same bytes (the ceiling), and heap after GC before/after 1,000,000 requests.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec@dashboard-bench} (see docs/benchmarks.md).
 */
public final class DashboardBenchmark {

    static final int CONNECTIONS = 32;
    static final String KEY = "bench-key";
    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    static final int WARMUP_S = Integer.getInteger("bench.warmup", 5);
    static final int MEASURE_S = Integer.getInteger("bench.seconds", 10);
    static final long HEAP_REQUESTS = Long.getLong("bench.heapRequests", 1_000_000L);

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "java=%s cores=%d maxHeap=%dMB wrk=%s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Wrk.version());
        long now = System.currentTimeMillis();
        long t0 = System.nanoTime();
        DepositoSnapshot snapshot = synthetic(Integer.getInteger("bench.products", 100_000),
                Integer.getInteger("bench.movements", 2_000_000), now);
        System.out.printf(Locale.ROOT, "synthetic snapshot: %d products, %d movements, built in %d ms%n",
                snapshot.productos().size(), snapshot.movements().size(), (System.nanoTime() - t0) / 1_000_000);

        try (RunningBridge bridge = RunningBridge.start(Map.of("dashboard.api-keys", KEY,
                "dashboard.rate-limit", "1000000000", "dashboard.rate-limit-window", "60s",
                "dashboard.auth-enabled", "true", "dashboard.rate-limit-enabled", "true",
                "deposito.stale-after", "1d"))) {
            SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            long p0 = System.nanoTime();
            store.publish(s -> snapshot);
            System.out.printf(Locale.ROOT, "publish + roll-up + default answers: %d ms%n", (System.nanoTime() - p0) / 1_000_000);
            String base = "http://127.0.0.1:" + bridge.apiPort();

            LocalDate today = Instant.ofEpochMilli(now).atZone(ZONE).toLocalDate();
            List<String> defaults = List.of("/api/summary", "/api/providers", "/api/stock-timeline", "/api/top-products",
                    "/api/trends", "/api/stock-by-provider", "/api/weekly-sales", "/api/critical-stock");
            Map<String, List<String>> endpoints = new LinkedHashMap<>();
            for (String p : defaults) {
                endpoints.put(p, List.of(p));
            }
            List<String> topRanged = new ArrayList<>();
            List<String> trendsRanged = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                topRanged.add("/api/top-products?limit=20&sort=valor&start_date=" + today.minusDays(7 + i)
                        + "&end_date=" + today.minusDays(i & 3));
                trendsRanged.add("/api/trends?start_date=" + today.minusDays(60 + i) + "&end_date=" + today.minusDays(i & 3)
                        + "&proveedor=Proveedor%20" + (i & 3));
            }
            endpoints.put("/api/top-products ranged (16 ranges, answers cached)", topRanged);
            endpoints.put("/api/trends ranged (16 ranges, answers cached)", trendsRanged);
            List<String> topDistinct = new ArrayList<>();
            List<String> trendsDistinct = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                topDistinct.add("/api/top-products?limit=" + (1 + i % 100) + "&start_date=" + today.minusDays(1 + (i / 100) % 89)
                        + "&tipo=" + ((i & 1) == 0 ? "salida" : "entrada"));
                trendsDistinct.add("/api/trends?months=" + (1 + i % 24) + "&proveedor=Proveedor%20" + (i / 24) % 200);
            }
            endpoints.put("/api/top-products ranged (4000 distinct, computed)", topDistinct);
            endpoints.put("/api/trends ranged (4000 distinct, computed)", trendsDistinct);

            byte[] summaryBytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/summary"))
                    .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofByteArray()).body();

            // one warm-up over every default endpoint first, so the first row does not pay for the JIT alone
            Wrk.run(base, defaults, KEY, 3 * WARMUP_S);
            List<Wrk.Result> results = new ArrayList<>();
            for (var e : endpoints.entrySet()) {
                Wrk.run(base, e.getValue(), KEY, WARMUP_S);
                results.add(Wrk.run(base, e.getValue(), KEY, MEASURE_S).named(e.getKey()));
            }

            Vertx serverVertx = Vertx.vertx();
            HttpServer bare = serverVertx.createHttpServer().requestHandler(req -> req.response()
                    .putHeader("Content-Type", "application/json; charset=utf-8").putHeader("ETag", "\"1-abc\"")
                    .end(Buffer.buffer(summaryBytes))).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            String bareBase = "http://127.0.0.1:" + bare.actualPort();
            Wrk.run(bareBase, List.of("/api/summary"), KEY, WARMUP_S);
            Wrk.Result ceiling = Wrk.run(bareBase, List.of("/api/summary"), KEY, MEASURE_S)
                    .named("bare Vert.x handler, same bytes (ceiling)");
            bare.close();
            serverVertx.close();

            System.out.println();
            System.out.println("| endpoint | req/s | p50 ms | p90 ms | p99 ms | of ceiling | non-2xx |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (Wrk.Result r : results) {
                print(r, ceiling.rps());
            }
            print(ceiling, ceiling.rps());

            heap(base, defaults);
        }
        System.exit(0);
    }

    private static void print(Wrk.Result r, double ceiling) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", r.name(), r.rps(), r.p50(), r.p90(),
                r.p99(), r.rps() / ceiling, r.non2xx());
    }

    /** Heap after GC before and after HEAP_REQUESTS requests over the default endpoints. */
    private static void heap(String base, List<String> defaults) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        Wrk.run(base, defaults, KEY, WARMUP_S);
        long before = heapAfterGc(mem);
        long requests = 0;
        long non2xx = 0;
        long t = System.nanoTime();
        while (requests < HEAP_REQUESTS) {
            Wrk.Result r = Wrk.run(base, defaults, KEY, 30);
            requests += r.requests();
            non2xx += r.non2xx();
        }
        double secs = (System.nanoTime() - t) / 1e9;
        long after = heapAfterGc(mem);
        System.out.printf(Locale.ROOT, "%nheap after GC: before %.1f MB, after %,d requests %.1f MB, growth %.2f MB "
                        + "(%.0f req/s, non-2xx %d)%n", before / 1048576.0, requests, after / 1048576.0,
                (after - before) / 1048576.0, requests / secs, non2xx);
    }

    private static long heapAfterGc(MemoryMXBean mem) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            mem.gc(); // measurement only: the figure asked for is heap after a full collection
            min = Math.min(min, mem.getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    /** 100k products of 200 providers; 2M movements over 90 days, mostly sales, skewed towards popular products. */
    static DepositoSnapshot synthetic(int products, int movements, long now) {
        Random r = new Random(42);
        String[] categorias = {"Almacén", "Bebidas", "Lácteos", "Limpieza", "Perfumería", "Congelados", "Panadería", "Fiambrería"};
        List<Producto> productos = new ArrayList<>(products);
        for (int i = 1; i <= products; i++) {
            int prov = r.nextInt(200);
            double precio = 50 + r.nextInt(5000);
            productos.add(new Producto(i, "P" + i, "Producto número " + i, null, categorias[i % categorias.length],
                    r.nextInt(500), 10 + r.nextInt(40), null, precio, precio * 1.4,
                    String.format(Locale.ROOT, "30-%08d-%d", 10_000_000 + prov, prov % 10), "Proveedor " + prov,
                    r.nextInt(20) != 0, now - 400L * 86_400_000L, null));
        }
        MovementLog.Appender a = MovementLog.empty().appender();
        long span = 90L * 86_400_000L;
        long start = now - span;
        for (int i = 0; i < movements; i++) {
            long ts = start + (long) i * span / movements;
            double u = r.nextDouble();
            int p = 1 + (int) (products * u * u);
            int k = r.nextInt(100);
            TipoMovimiento t = k < 80 ? TipoMovimiento.SALIDA : k < 98 ? TipoMovimiento.ENTRADA : TipoMovimiento.AJUSTE;
            int qty = 1 + r.nextInt(t == TipoMovimiento.ENTRADA ? 100 : 6);
            int cantidad = t == TipoMovimiento.ENTRADA ? qty : -qty;
            double valorTotal = t == TipoMovimiento.ENTRADA ? qty * 100.0 : Double.NaN;
            a.add(i + 1, p, t, cantidad, ts, Double.NaN, valorTotal);
        }
        List<StockCritico> critical = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Producto p = productos.get(r.nextInt(products));
            critical.add(new StockCritico(p.id(), p.codigo(), p.nombre(), p.categoria(), p.stockActual(), p.stockMinimo(),
                    (int) (p.stockMinimo() * 1.3), 1.3, "verano", Math.max(0, (int) (p.stockMinimo() * 1.3) - p.stockActual()), "$"));
        }
        return new DepositoSnapshot(1, productos, critical, a.build(), now, now, now, "simulator");
    }
}
