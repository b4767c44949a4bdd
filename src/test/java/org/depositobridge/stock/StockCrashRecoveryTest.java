package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.support.BridgeProcess;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash (a bridge in its own JVM killed with SIGKILL) and a normal stop, each half-way through a file of 1,000
 * lines sent in concurrent waves (the default stock-updates.concurrency): a new bridge on the same data dir and inbox
 * completes the file from its journal, the deposito holds exactly one movement per line, and each product's lines were
 * applied in file order across the crash.
 */
class StockCrashRecoveryTest {

    @TempDir
    Path temp;

    /**
     * Killed after about 300 lines, in the middle of a wave: the restart applies the rest, remembers the first part as
     * applied, duplicates nothing, and keeps each product's lines in file order.
     */
    @Test
    void should_complete_a_file_after_a_crash_half_way_with_no_line_applied_twice() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(150, 5, 20)) {
            DepositoSimulator sim = deposito.simulator();
            Path dir = Files.createDirectories(temp.resolve("inbox"));
            Path data = Files.createDirectories(temp.resolve("data"));
            StockInbox inbox = new StockInbox(dir);
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("stock-updates.inbox", dir.toString());
            settings.put("bridge.data-dir", data.toString());
            // slow enough that the kill lands mid-file: 1,000 lines at 100 calls/s take ~10 s
            settings.put("deposito.max-requests-per-second", "100");
            // waves of 8 lines in flight (the default, set here as the assertions below count on it)
            settings.put("stock-updates.concurrency", "8");
            int before = sim.store().movementCount();
            int keysBefore = sim.idempotencyKeyCount();

            BridgeProcess bridge = BridgeProcess.start("killed-bridge", settings, temp);
            try {
                inbox.drop("crash.csv", StockExactlyOnceTestData.entradas(sim, 1000, "crash"));
                await("about 300 lines applied").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10))
                        .until(() -> sim.idempotencyKeyCount() - keysBefore >= 300);
            } finally {
                bridge.kill();
            }
            int appliedBeforeCrash = sim.store().movementCount() - before;
            assertThat(appliedBeforeCrash).isBetween(300, 999);
            assertThat(dir.resolve("crash.csv")).exists();
            assertThat(inbox.processed("crash.csv.result.csv")).doesNotExist();
            assertThat(data.resolve("stock-updates")).isDirectoryContaining("glob:**.journal");

            settings.put("deposito.max-requests-per-second", "1000");
            try (RunningBridge restarted = RunningBridge.start(settings)) {
                List<Map<String, String>> result = inbox.awaitResult("crash.csv", Duration.ofSeconds(120));

                assertThat(result).hasSize(1000);
                long replayed = result.stream().filter(r -> r.get("status").equals("replayed")).count();
                long applied = result.stream().filter(r -> r.get("status").equals("applied")).count();
                // only the lines in flight at the kill (one wave, at most stock-updates.concurrency = 8) can have been
                // applied without their journal entry
                assertThat(replayed).isLessThanOrEqualTo(8);
                assertThat(applied + replayed).isEqualTo(1000);
                assertThat(sim.store().movementCount()).isEqualTo(before + 1000);
                assertThat(StockInbox.keysSince(sim, before)).hasSize(1000).doesNotHaveDuplicates();
                // 1,000 lines over 100 products: 10 per product, applied in file order before and after the kill
                assertThat(StockInbox.appliedLinesByProduct(sim, before)).hasSize(100)
                        .allSatisfy((product, lines) -> assertThat(lines).hasSize(10).isSorted());
                assertThat(data.resolve("stock-updates")).isEmptyDirectory();
            }
        }
    }

    /** A normal stop half-way ends the file between two lines, quickly; the restart finishes it with nothing replayed. */
    @Test
    void should_stop_between_lines_on_shutdown_and_finish_after_a_restart() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(150, 5, 20)) {
            DepositoSimulator sim = deposito.simulator();
            Path dir = Files.createDirectories(temp.resolve("inbox"));
            StockInbox inbox = new StockInbox(dir);
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("stock-updates.inbox", dir.toString());
            settings.put("bridge.data-dir", Files.createDirectories(temp.resolve("data")).toString());
            settings.put("deposito.max-requests-per-second", "100");
            int before = sim.store().movementCount();
            int keysBefore = sim.idempotencyKeyCount();

            RunningBridge first = RunningBridge.start(settings);
            inbox.drop("parada.csv", StockExactlyOnceTestData.entradas(sim, 1000, "parada"));
            await("about 200 lines applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sim.idempotencyKeyCount() - keysBefore >= 200);
            long t0 = System.nanoTime();
            first.close();
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;

            // well inside camel.main.shutdownTimeout (20 s): the file did not hold the shutdown
            assertThat(stopMillis).isLessThan(10_000);
            assertThat(sim.store().movementCount() - before).isBetween(200, 999);
            assertThat(dir.resolve("parada.csv")).exists();

            settings.put("deposito.max-requests-per-second", "1000");
            try (RunningBridge second = RunningBridge.start(settings)) {
                List<Map<String, String>> result = inbox.awaitResult("parada.csv", Duration.ofSeconds(120));

                assertThat(result).hasSize(1000).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("applied"));
                assertThat(sim.store().movementCount()).isEqualTo(before + 1000);
                assertThat(StockInbox.keysSince(sim, before)).hasSize(1000).doesNotHaveDuplicates();
                assertThat(StockInbox.appliedLinesByProduct(sim, before))
                        .allSatisfy((product, lines) -> assertThat(lines).hasSize(10).isSorted());
            }
        }
    }
}
