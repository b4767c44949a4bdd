package org.depositobridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.stock.StockExactlyOnceTestData;
import org.depositobridge.stock.StockInbox;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader that loses the lead while alive (on Kubernetes: its pod not Ready while the JVM runs; here: its lock file
 * removed) stops the stock file between two lines at once, instead of finishing it while the new leader starts on
 * the same file; when it leads again it finishes the file from the journal, every line applied once.
 */
class LeadershipLossTest {

    @TempDir
    Path temp;

    /** Lock lost half-way: the lines stop within a line's time; lock regained: the file completes exactly once. */
    @Test
    void should_stop_writing_between_lines_on_losing_the_lead_and_finish_on_regaining_it() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(150, 5, 20)) {
            DepositoSimulator sim = deposito.simulator();
            Path root = Files.createDirectories(temp.resolve("cluster"));
            StockInbox inbox = new StockInbox(Files.createDirectories(temp.resolve("inbox")));
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.cluster.enabled", "true");
            settings.put("bridge.cluster.file.root", root.toString());
            settings.put("bridge.cluster.file.acquire-lock-interval", "300ms");
            settings.put("bridge.cluster.file.heartbeat-timeout-multiplier", "3");
            settings.put("bridge.cluster.file.acquire-lock-delay", "100ms");
            settings.put("stock-updates.inbox", inbox.dir().toString());
            settings.put("stock-updates.journal-dir", temp.resolve("journal").toString());
            settings.put("deposito.max-requests-per-second", "50");
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                LeaderState leadership = bridge.context().getRegistry().lookupByNameAndType("leadership",
                        LeaderState.class);
                await("leads").atMost(Duration.ofSeconds(30)).until(leadership::isLeader);
                int before = sim.store().movementCount();
                int keysBefore = sim.idempotencyKeyCount();
                inbox.drop("perdida.csv", StockExactlyOnceTestData.entradas(sim, 600, "perdida"));
                await("100 lines applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> sim.idempotencyKeyCount() - keysBefore >= 100);

                // what the file service reads as "the lock is gone": this replica no longer leads
                Files.delete(root.resolve("deposito-bridge-writers"));
                await("lead lost").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                        .until(() -> !leadership.isLeader());
                // a line or two in flight may still land; then nothing more while it follows
                await("writing stopped").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> bridge.context().getRouteController().getRouteStatus("stock-updates-file")
                                .isStopped());
                assertThat(inbox.dir().resolve("perdida.csv")).exists();
                assertThat(inbox.processed("perdida.csv.result.csv")).doesNotExist();
                // a hand-over, not a failure: counted apart, and no back-off before this replica may take it up again
                MeterRegistry metrics = bridge.context().getRegistry().lookupByNameAndType("metricsRegistry",
                        MeterRegistry.class);
                assertThat(metrics.counter("stock.update.files", "result", "handed_over").count()).isEqualTo(1.0);
                assertThat(metrics.counter("stock.update.files", "result", "deferred").count()).isZero();

                // it takes the lock again once the stale heartbeat allows; the file completes from the journal
                List<Map<String, String>> result = inbox.awaitResult("perdida.csv", Duration.ofSeconds(90));
                assertThat(leadership.isLeader()).isTrue();
                assertThat(result).hasSize(600);
                assertThat(result.stream().filter(r -> r.get("status").equals("replayed")).count())
                        .isLessThanOrEqualTo(1);
                assertThat(sim.store().movementCount()).isEqualTo(before + 600);
                assertThat(StockInbox.keysSince(sim, before)).hasSize(600).doesNotHaveDuplicates();
            }
        }
    }
}
