package org.depositobridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.stock.StockExactlyOnceTestData;
import org.depositobridge.stock.StockInbox;
import org.depositobridge.support.BridgeProcess;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridge processes on one shared folder with the file-lock cluster service (one deposito, one inbox, one reports
 * folder, one cluster folder): exactly one runs the writers; SIGKILL it half-way through a stock file and the other
 * takes over within the lease; no report set is written twice and no stock line is applied twice across the hand-over;
 * both serve the API the whole time (the killed one until its death).
 */
class ClusterFailoverTest {

    /** Lines of a stock file sent at once (stock-updates.concurrency): what a kill can leave unjournaled. */
    private static final int WAVE = 8;

    /** Heartbeat/check interval and the multiplier: the lease is 500 ms x 4 = 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final int MULTIPLIER = 4;
    static final Duration LEASE = INTERVAL.multipliedBy(MULTIPLIER);
    /**
     * The file service's worst case: the last heartbeat up to one interval before the kill, the lease, then up to one
     * interval until the follower's next look (docs/scaling.md); plus 2.5 s for two JVMs on a busy 2-core machine
     * (measured 1.6-2.5 s in all: docs/benchmarks.md).
     */
    static final Duration TAKEOVER_BOUND = LEASE.plus(INTERVAL.multipliedBy(2)).plusMillis(2500);

    private static final Pattern COMPLETED = Pattern.compile("event=report_run_completed stamp=(\\S+)");

    @TempDir
    Path temp;

    /** SIGKILL the leader mid-file: the follower leads within the lease, finishes the file exactly once, drops reports once. */
    @Test
    void should_move_the_writers_to_the_other_replica_within_the_lease_when_the_leader_is_killed() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(150, 5, 20)) {
            DepositoSimulator sim = deposito.simulator();
            Path shared = Files.createDirectories(temp.resolve("shared"));
            Path reports = shared.resolve("reports");
            StockInbox inbox = new StockInbox(Files.createDirectories(shared.resolve("inbox")));
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.cluster.enabled", "true");
            settings.put("bridge.cluster.service", "file");
            settings.put("bridge.cluster.file.root", shared.resolve("cluster").toString());
            settings.put("bridge.cluster.file.acquire-lock-interval", INTERVAL.toMillis() + "ms");
            settings.put("bridge.cluster.file.heartbeat-timeout-multiplier", String.valueOf(MULTIPLIER));
            settings.put("bridge.cluster.file.acquire-lock-delay", "200ms");
            settings.put("reports.dir", reports.toString());
            // every second; a set is stamped by the minute, so a leader writes each minute's set once and every
            // later trigger in that minute finds it there: the hand-over must not write a minute's set again
            settings.put("reports.cron", "* * * * * ?");
            settings.put("reports.timezone", "UTC");
            settings.put("stock-updates.inbox", inbox.dir().toString());
            settings.put("stock-updates.journal-dir", shared.resolve("journal").toString());
            // slow enough that the kill lands mid-file: 1,000 lines at 100 calls/s take ~10 s
            settings.put("deposito.max-requests-per-second", "100");
            settings.put("stock-updates.concurrency", String.valueOf(WAVE));

            ApiWatch watch = new ApiWatch();
            List<BridgeProcess> started = new ArrayList<>();
            BridgeProcess a = BridgeProcess.start("bridge-a", settings, temp);
            started.add(a);
            try {
                a.awaitReady(Duration.ofSeconds(90));
                awaitLeader(a, 1);
                BridgeProcess b = BridgeProcess.start("bridge-b", settings, temp);
                started.add(b);
                b.awaitReady(Duration.ofSeconds(90));
                assertThat(b.metric("bridge_cluster_leader")).contains(0.0);
                watch.start(a, b);

                // a's first report set before the stock file: waiting for both after the drop let a slow first set
                // come after the whole file, and the kill then found no file to hand over
                await("a's first report set").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10))
                        .until(() -> manifests(reports) >= 1);
                int before = sim.store().movementCount();
                int keysBefore = sim.idempotencyKeyCount();
                inbox.drop("relevo.csv", StockExactlyOnceTestData.entradas(sim, 1000, "relevo"));
                await("~300 lines applied").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10))
                        .until(() -> sim.idempotencyKeyCount() - keysBefore >= 300);
                assertThat(inbox.processed("relevo.csv.result.csv")).as("the kill must land mid-file").doesNotExist();
                assertThat(b.logLines("event=report_run")).as("the follower ran no report").isEmpty();
                assertThat(b.logLines("event=stock_file")).as("the follower took no stock file").isEmpty();

                Instant killing = Instant.now();
                a.kill();
                await("b leads").atMost(TAKEOVER_BOUND.plusSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !b.logLines("event=leadership_gained").isEmpty());
                Instant gained = BridgeProcess.timestamp(b.logLines("event=leadership_gained").get(0));
                Duration takeover = Duration.between(killing, gained);
                System.out.printf("cluster failover: takeover %d ms after SIGKILL (lease %d ms, bound %d ms)%n",
                        takeover.toMillis(), LEASE.toMillis(), TAKEOVER_BOUND.toMillis());
                assertThat(takeover).isPositive().isLessThanOrEqualTo(TAKEOVER_BOUND);
                assertThat(b.metric("bridge_cluster_leader")).contains(1.0);

                // the stock file: b resumes from the shared journal; every line applied exactly once
                List<Map<String, String>> result = inbox.awaitResult("relevo.csv", Duration.ofSeconds(120));
                assertThat(result).hasSize(1000);
                long applied = result.stream().filter(r -> r.get("status").equals("applied")).count();
                long replayed = result.stream().filter(r -> r.get("status").equals("replayed")).count();
                // only the wave in flight at the kill (at most stock-updates.concurrency lines, each of another
                // product) can have reached the deposito without its journal entries
                assertThat(replayed).isLessThanOrEqualTo(WAVE);
                assertThat(applied + replayed).isEqualTo(1000);
                assertThat(sim.store().movementCount()).isEqualTo(before + 1000);
                assertThat(StockInbox.keysSince(sim, before)).hasSize(1000).doesNotHaveDuplicates();
                assertThat(b.logLines("event=stock_file_resumed")).hasSize(1);
                assertThat(b.logLines("event=stock_file_done")).hasSize(1);
                assertThat(shared.resolve("journal")).isEmptyDirectory();

                // reports: b's scheduler runs; every set in the folder was completed by exactly one bridge, once
                await("b's schedule ran").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !b.logLines("event=report_run").isEmpty());
                List<String> completedA = stamps(a.logLines("event=report_run_completed"));
                List<String> completedB = stamps(b.logLines("event=report_run_completed"));
                Map<String, Long> perStamp = Stream.concat(completedA.stream(), completedB.stream())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(perStamp).as("sets completed per stamp").allSatisfy((stamp, n) -> assertThat(n).isEqualTo(1));
                assertThat(manifests(reports)).isEqualTo(perStamp.size());
                assertThat(a.logLines("event=report_run_completed")).allSatisfy(
                        l -> assertThat(BridgeProcess.timestamp(l)).isBefore(killing));
                assertThat(b.logLines("event=report_run")).allSatisfy(
                        l -> assertThat(BridgeProcess.timestamp(l)).isAfterOrEqualTo(gained));
                try (Stream<Path> files = Files.list(reports)) {
                    assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
                }

                // the killed replica comes back as a follower: no leadership flip, and it serves the API
                BridgeProcess a2 = BridgeProcess.start("bridge-a2", settings, temp);
                started.add(a2);
                a2.awaitReady(Duration.ofSeconds(90));
                watch.add(a2);
                assertThat(a2.metric("bridge_cluster_leader")).contains(0.0);
                await("a2 served the API").atMost(Duration.ofSeconds(10)).until(() -> watch.ok(a2) >= 5);
                assertThat(b.metric("bridge_cluster_leader")).contains(1.0);
                assertThat(b.logLines("event=leadership_lost")).isEmpty();
                assertThat(a2.logLines("event=leadership_gained")).isEmpty();

                watch.stop();
                // both served the API the whole time: b never failed, a only once it was dead
                assertThat(watch.failures(b)).as("b's failed API calls").isEmpty();
                assertThat(watch.failures(a2)).as("a2's failed API calls").isEmpty();
                assertThat(watch.failures(a)).as("a's failed API calls").allSatisfy(
                        f -> assertThat(f.at()).isAfter(killing));
                assertThat(watch.ok(a)).isPositive();
                assertThat(watch.ok(b)).isPositive();
            } finally {
                watch.stop();
                for (BridgeProcess p : started) {
                    p.close();
                }
            }
        }
    }

    private static void awaitLeader(BridgeProcess p, double value) {
        await(p.name() + " leader=" + value).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> p.metric("bridge_cluster_leader").orElse(-1.0) == value);
    }

    private static long manifests(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().matches("manifest-.*\\.json")).count();
        }
    }

    private static List<String> stamps(List<String> lines) {
        return lines.stream().map(COMPLETED::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    /** Calls /api/summary on every watched bridge every 50 ms and keeps each outcome. */
    static final class ApiWatch {
        record Outcome(String bridge, Instant at, int status, String error) {
        }

        private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(3);
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

        void start(BridgeProcess... bridges) {
            for (BridgeProcess p : bridges) {
                add(p);
            }
        }

        void add(BridgeProcess p) {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    int status = p.get("/api/summary", "X-API-Key", "test-key-1").statusCode();
                    outcomes.add(new Outcome(p.name(), Instant.now(), status, null));
                } catch (IOException e) {
                    outcomes.add(new Outcome(p.name(), Instant.now(), -1, e.toString()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        long ok(BridgeProcess p) {
            return outcomes.stream().filter(o -> o.bridge().equals(p.name()) && o.status() == 200).count();
        }

        List<Outcome> failures(BridgeProcess p) {
            return outcomes.stream().filter(o -> o.bridge().equals(p.name()) && o.status() != 200).toList();
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
