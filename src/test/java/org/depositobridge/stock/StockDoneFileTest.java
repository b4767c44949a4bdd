package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The done-file pickup rule: a CSV waits in the inbox until its done-file appears; both leave together. */
class StockDoneFileTest {

    @TempDir
    Path temp;

    /** Without its .done file a complete CSV is left alone; with it, it is applied and the done-file removed. */
    @Test
    void should_wait_for_the_done_file_before_taking_a_csv() throws Exception {
        try (StockBridge env = StockBridge.start(temp, 60, 3, 10,
                Map.of("stock-updates.done-file-name", "${file:name}.done"))) {
            SimulatedDeposito deposito = env.deposito();
            StockInbox inbox = env.inbox();
            Path dir = env.dir();
            int before = deposito.simulator().store().movementCount();
            inbox.drop("con-done.csv", "producto_id,tipo_movimiento,cantidad\n3,entrada,4\n");

            await("left alone without its done-file").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> Files.exists(dir.resolve("con-done.csv")) && !Files.exists(inbox.processed("con-done.csv")));
            assertThat(deposito.simulator().store().movementCount()).isEqualTo(before);

            Files.writeString(dir.resolve("con-done.csv.done"), "");

            assertThat(inbox.awaitResult("con-done.csv")).extracting(r -> r.get("status")).containsExactly("applied");
            assertThat(dir.resolve("con-done.csv.done")).doesNotExist();
            assertThat(deposito.simulator().store().movementCount()).isEqualTo(before + 1);
        }
    }
}
