package org.depositobridge.stock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.main.Main;
import org.depositobridge.App;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.Movement;
import org.depositobridge.simulator.SimulatorOptions;

/**
 * Applied stock-file lines per second, end to end: a standalone simulator in this JVM, the real bridge
 * ({@link App#newMain()}, default configuration, pollers running) pointed at it over HTTP, one file of N lines dropped
 * into its inbox (lines over 2,000 products, so a wave is full). Measured three times in one run: throttling off
 * ({@code deposito.max-requests-per-second=1000000}) with {@code stock-updates.concurrency=1} (one line after the
 * other, as before waves) and with the default concurrency (their ratio is printed), then the default throttle and
 * concurrency (20 calls/s, which must then be the limit). The rate is taken from the simulator's movement timestamps
 * (first to last applied line), so pickup delay is not counted; the file's total time is printed too.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 *   java -Xmx1g [-Dbench.debugStandby=false] [-Dbench.concurrency=N] -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   org.depositobridge.stock.bench.StockUpdateBench [linesUnthrottled] [linesThrottled]
 * </pre>
 */
public final class StockUpdateBench {

    private StockUpdateBench() {
    }

    public static void main(String[] args) throws Exception {
        int unthrottled = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int throttled = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path work = Files.createTempDirectory("stock-bench");
        try (DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults().withPort(0).withProducts(2000)
                .withDays(30).withMovementsPerDay(200).withSeed(3L))) {
            Path secret = work.resolve("secret");
            Files.writeString(secret, sim.jwtSecret());
            double one = run(sim, secret, work.resolve("off-1"), "1000000", unthrottled, "1");
            // -Dbench.concurrency=N compares N instead of the default
            String compared = System.getProperty("bench.concurrency");
            double n = run(sim, secret, work.resolve("off-n"), "1000000", unthrottled, compared);
            System.out.printf(Locale.ROOT, "throttle off: concurrency %s / concurrency 1 = %.2f%n",
                    compared == null ? "default" : compared, n / one);
            run(sim, secret, work.resolve("default"), "20", throttled, compared);
        } finally {
            deleteTree(work);
        }
        System.exit(0);
    }

    /** @param concurrency stock-updates.concurrency, or null for the default of config/application.properties */
    private static double run(DepositoSimulator sim, Path secret, Path dir, String throttle, int lines,
            String concurrency) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Map<String, String> o = new LinkedHashMap<>();
        o.put("deposito.url", sim.baseUrl());
        o.put("deposito.jwt-secret-file", secret.toString());
        o.put("deposito.max-requests-per-second", throttle);
        o.put("camel.server.port", "0");
        o.put("camel.management.port", "0");
        o.put("bridge.data-dir", dir.resolve("data").toString());
        o.put("management.credentials-file", dir.resolve("users.properties").toString());
        o.put("reports.dir", dir.resolve("reports").toString());
        o.put("stock-updates.inbox", inbox.toString());
        o.put("stock-updates.poll-delay-ms", "100");
        o.put("stock-updates.read-lock-min-age-ms", "0");
        o.put("stock-updates.read-lock-check-interval-ms", "100");
        // -Dbench.debugStandby=false: the console's debugger not installed. It made a difference before
        // console.IdleMessageHistory (the copies of a split shared one growing history list: docs/benchmarks.md); kept
        // to compare against those runs
        o.put("camel.debug.standby", System.getProperty("bench.debugStandby", "true"));
        if (concurrency != null) {
            o.put("stock-updates.concurrency", concurrency);
        }
        Main main = App.newMain();
        o.forEach(main::addOverrideProperty);
        main.start();
        try {
            SnapshotStore store = main.getCamelContext().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> store.current().complete());
            StringBuilder sb = new StringBuilder("codigo,tipo_movimiento,cantidad,motivo,referencia\n");
            for (int i = 0; i < lines; i++) {
                sb.append(sim.store().product(1 + i % 2000).codigo()).append(",entrada,").append(1 + i % 7)
                        .append(",bench,").append(dir.getFileName()).append('-').append(i).append('\n');
            }
            int before = sim.store().movementCount();
            Path staging = Files.createDirectories(dir.resolve("staging")).resolve("bench.csv");
            Files.writeString(staging, sb);
            long t0 = System.nanoTime();
            Files.move(staging, inbox.resolve("bench.csv"), StandardCopyOption.ATOMIC_MOVE);
            Path result = inbox.resolve("processed").resolve("bench.csv.result.csv");
            org.awaitility.Awaitility.await().forever().pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(result));
            double totalS = (System.nanoTime() - t0) / 1e9;
            int applied = sim.store().movementCount() - before;
            Movement first = sim.store().movement(before + 1);
            Movement last = sim.store().movement(before + applied);
            double spanS = (last.timestampMillis() - first.timestampMillis()) / 1000.0;
            double rate = (applied - 1) / spanS;
            System.out.printf(Locale.ROOT, "throttle=%s/s concurrency=%s lines=%d applied=%d span_s=%.2f "
                    + "applied_per_s=%.1f file_total_s=%.2f (drop to result file, pickup included)%n", throttle,
                    main.getCamelContext().resolvePropertyPlaceholders("{{stock-updates.concurrency}}"), lines, applied,
                    spanS, rate, totalS);
            return rate;
        } finally {
            main.stop();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
