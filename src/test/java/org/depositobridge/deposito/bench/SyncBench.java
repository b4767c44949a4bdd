package org.depositobridge.deposito.bench;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.camel.main.Main;
import org.depositobridge.App;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.SyncMonitor;

/**
 * Full and incremental sync against the standalone simulator in its own JVM, throttling off.
 *
 * <p>Run (after {@code mvn -q -B package -DskipTests}), with the JVM settings {@code bin/run} starts the bridge with:
 * <pre>
 * mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 *   java $(bin/run --jvm-options) -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   org.depositobridge.deposito.bench.SyncBench [products] [movementsPerDay] [days]
 * </pre>
 * Prints the full-sync time, heap after GC with the data held, peak RSS, and the incremental cycle time for
 * 1,000 new movements. Heap is measured after an explicit GC here, as a measurement only. Its work folder (under the
 * system temp folder) is removed at the end of a run that finished, kept (and named) for its simulator.log otherwise.
 */
public final class SyncBench {

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int perDay = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        Path work = Files.createTempDirectory("sync-bench");
        Path secret = work.resolve("secret.txt");
        byte[] raw = new byte[48];
        new SecureRandom().nextBytes(raw);
        Files.writeString(secret, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        File log = work.resolve("simulator.log").toFile();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
        // e.g. -Dbench.simulatorJvmOpts=-XX:StartFlightRecording=filename=sim.jfr,settings=profile
        String simulatorOpts = System.getProperty("bench.simulatorJvmOpts", "").trim();
        if (!simulatorOpts.isEmpty()) {
            command.addAll(List.of(simulatorOpts.split("\\s+")));
        }
        command.addAll(List.of("-cp", "target/deposito-bridge.jar",
                "org.depositobridge.simulator.SimulatorMain", "--port", String.valueOf(port), "--products",
                String.valueOf(products), "--days", String.valueOf(days), "--movements-per-day", String.valueOf(perDay),
                "--seed", "1", "--secret-file", secret.toString()));
        Process sim = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        boolean finished = false;
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // the simulator runs in its own JVM: wait until it answers (see its log if it never does)
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            System.out.println("simulator: " + Files.readAllLines(log.toPath()).stream().filter(l -> l.contains("products="))
                    .findFirst().orElse("?").trim());

            Main main = App.newMain();
            for (String[] kv : List.of(
                    new String[] {"deposito.url", base},
                    new String[] {"deposito.jwt-secret-file", secret.toString()},
                    new String[] {"deposito.max-requests-per-second", "10000"},
                    new String[] {"deposito.productos.period-ms", "3600000"},
                    new String[] {"deposito.critical.period-ms", "3600000"},
                    new String[] {"deposito.movements.period-ms", "3600000"},
                    new String[] {"dashboard.history-days", String.valueOf(days + 1)},
                    new String[] {"bridge.data-dir", work.resolve("data").toString()},
                    new String[] {"deposito.snapshot.enabled", "false"},
                    new String[] {"hawtio.enabled", "false"},
                    new String[] {"camel.server.port", "0"},
                    new String[] {"camel.management.port", String.valueOf(freePort())})) {
                main.addOverrideProperty(kv[0], kv[1]);
            }
            // any other setting: -Dbench.extra=key=value,key=value
            for (String kv : System.getProperty("bench.extra", "").split(",")) {
                if (kv.contains("=")) {
                    main.addOverrideProperty(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
                }
            }
            // the sweep's knobs: -Dbench.pageSize=500 -Dbench.parallelism=2 -Dbench.firstSyncDays=0 (else the defaults)
            for (String[] kv : List.of(new String[] {"bench.pageSize", "deposito.movements.page-size"},
                    new String[] {"bench.pageSize", "deposito.productos.page-size"},
                    new String[] {"bench.parallelism", "deposito.page-fetch-parallelism"},
                    new String[] {"bench.firstSyncDays", "deposito.movements.first-sync-days"})) {
                if (System.getProperty(kv[0]) != null) {
                    main.addOverrideProperty(kv[1], System.getProperty(kv[0]));
                }
            }
            // CPU time, less sensitive than wall time to the other builds on a shared machine
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean();
            long bridgeCpu0 = os.getProcessCpuTime();
            Duration simCpu0 = sim.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            long t0 = System.nanoTime();
            main.start();
            long startedCpu = os.getProcessCpuTime();
            double startedSeconds = (System.nanoTime() - t0) / 1e9;
            SnapshotStore store = main.getCamelContext().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            SyncMonitor monitor = main.getCamelContext().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            await().forever().pollInterval(Duration.ofMillis(20)).until(() -> store.current().complete());
            double firstDataSeconds = (System.nanoTime() - t0) / 1e9;
            int firstMovements = store.current().movements().size();
            await().forever().pollInterval(Duration.ofMillis(20)).until(() -> store.current().complete()
                    && !store.historyBackfilling() && monitor.successes("movements") > 0 && monitor.successes("productos") > 0
                    && monitor.successes("critical") > 0);
            double fullSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("first data (every part published, readiness UP): %.2f s from bridge start (%d movements)%n",
                    firstDataSeconds, firstMovements);
            System.out.printf("bridge started in %.2f s (%.1f s CPU); CPU from then to complete snapshot: bridge JVM %.1f s"
                    + " (dataset rebuilds, JIT and GC included), simulator JVM %.1f s; load average %s%n", startedSeconds,
                    (startedCpu - bridgeCpu0) / 1e9, (os.getProcessCpuTime() - startedCpu) / 1e9,
                    (sim.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).minus(simCpu0)).toMillis() / 1e3,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("full sync: %.2f s from bridge start to complete snapshot (%d products, %d movements);"
                    + " movements cycle %d ms, products cycle %d ms%n", fullSeconds, store.current().productos().size(),
                    store.current().movements().size(), monitor.lastDurationMillis("movements"),
                    monitor.lastDurationMillis("productos"));
            System.out.println("CPU by thread group of the bridge JVM (start-up included): " + threadCpu());
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("heap after GC with the data held: %.1f MB (committed %.1f MB)%n", heap.getUsed() / 1e6,
                    heap.getCommitted() / 1e6);

            // 1,000 new movements through the simulator's API, then the next incremental cycle
            String token = mint(Files.readString(secret).trim());
            int posted = 0;
            for (int i = 0; posted < 1000 && i < 5000; i++) {
                String body = "{\"producto_id\":" + (1 + i % products) + ",\"tipo_movimiento\":\"entrada\",\"cantidad\":5,"
                        + "\"usuario\":\"bench\",\"referencia\":\"BENCH-" + i + "\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/stock/update"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    posted++;
                }
            }
            // one cycle over all of them: restart the poller, its scheduler fires once after its 1 s delay
            long cycles = monitor.successes("movements");
            main.getCamelContext().getRouteController().stopRoute("deposito-sync-movements");
            main.getCamelContext().getRouteController().startRoute("deposito-sync-movements");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> monitor.successes("movements") > cycles);
            System.out.printf("incremental cycle: %d new movements in %d ms (cycle with %d items)%n", posted,
                    monitor.lastDurationMillis("movements"), monitor.lastItems("movements"));
            System.out.println("peak RSS (VmHWM): " + Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("n/a").replaceAll("\\s+", " "));
            main.stop();
            finished = true;
        } finally {
            sim.destroy();
            sim.waitFor(10, TimeUnit.SECONDS);
            if (finished) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (java.io.IOException | RuntimeException e) {
                    System.err.println("could not remove " + work + ": " + e);
                }
            } else {
                System.err.println("work folder kept for its simulator.log: " + work);
            }
        }
    }

    /** CPU seconds per thread-name group from /proc (JIT and GC threads included, which JFR's samples leave out). */
    private static String threadCpu() throws java.io.IOException {
        java.util.Map<String, Double> byGroup = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim().replaceAll("[#\\d]+", "#");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                    byGroup.merge(name, seconds, Double::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        StringBuilder b = new StringBuilder();
        byGroup.entrySet().stream().sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(e -> b.append(String.format("%s=%.1f ", e.getKey(), e.getValue())));
        return b.toString().trim();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String mint(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("bench")
                .claim("role", "deposito").issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis())).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
