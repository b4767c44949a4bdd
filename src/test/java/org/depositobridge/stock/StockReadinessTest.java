package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files waiting in the inbox at start-up do not hold the bridge's readiness while they are applied. */
class StockReadinessTest {

    @TempDir
    Path temp;

    /** A slow file found at start is still being applied when readiness is already UP; it completes afterwards. */
    @Test
    void should_be_ready_while_a_file_found_at_start_is_still_being_applied() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(120, 3, 10)) {
            Path dir = Files.createDirectories(temp.resolve("inbox"));
            StockInbox inbox = new StockInbox(dir);
            inbox.drop("al-arrancar.csv", StockExactlyOnceTestData.entradas(deposito.simulator(), 300, "arranque"));
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("stock-updates.inbox", dir.toString());
            // 300 lines at 20 calls/s (shared with the pollers) take well over 15 s
            settings.put("deposito.max-requests-per-second", "20");
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                bridge.awaitReady();

                assertThat(dir.resolve("al-arrancar.csv")).exists();
                assertThat(inbox.processed("al-arrancar.csv.result.csv")).doesNotExist();
                assertThat(inbox.awaitResult("al-arrancar.csv", Duration.ofSeconds(90))).hasSize(300);
            }
        }
    }
}
