package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;

/**
 * A poll that finds what is already held publishes the same products list, critical-stock list and movement log (the snapshot's
 * "as of" still moves on), so the datasets keep their roll-ups instead of rebuilding them from identical rows every
 * period; a new movement or a changed product is published as a new list. Against the simulator over HTTP, with the
 * pollers every 300 ms.
 */
class UnchangedDataTest {

    @Test
    void should_keep_the_held_lists_when_a_poll_finds_nothing_new() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(40, 20, 30);
                RunningBridge bridge = RunningBridge.start(deposito.bridgeSettings()).awaitReady()) {
            SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> !store.historyBackfilling());
            DepositoSnapshot before = store.current();
            MovementLog movements = before.movements();
            List<Producto> productos = before.productos();
            List<StockCritico> critical = before.critical();
            long movementCycles = monitor.successes("movements");
            long productCycles = monitor.successes("productos");

            // two more cycles of each poller, nothing new at the deposito
            long criticalCycles = monitor.successes("critical");
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.successes("movements") >= movementCycles + 2
                    && monitor.successes("productos") >= productCycles + 2 && monitor.successes("critical") >= criticalCycles + 2);
            DepositoSnapshot after = store.current();
            assertThat(after.version()).isGreaterThan(before.version());
            assertThat(after.movementsAsOfMillis()).isGreaterThan(before.movementsAsOfMillis());
            assertThat(after.productosAsOfMillis()).isGreaterThan(before.productosAsOfMillis());
            assertThat(after.movements()).as("the held movement log").isSameAs(movements);
            assertThat(after.productos()).as("the held products").isSameAs(productos);
            assertThat(after.critical()).as("the held critical-stock list").isSameAs(critical);

            // one new movement at the deposito: the next cycle publishes a new log holding it, once
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(deposito.simulator().baseUrl() + "/stock/update"))
                    .header("Authorization", "Bearer " + deposito.simulator().mintToken(Duration.ofMinutes(5)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"producto_id\":1,\"tipo_movimiento\":\"entrada\","
                            + "\"cantidad\":3,\"usuario\":\"test\",\"referencia\":\"UNCHANGED-1\"}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> store.current().movements().size() == movements.size() + 1);
            assertThat(store.current().movements().maxId()).isGreaterThan(movements.maxId());
            // the movement changed product 1's stock: the products poller publishes a new list with it
            await().atMost(Duration.ofSeconds(30)).until(() -> store.current().productos() != productos);
            assertThat(store.current().productos()).isNotEqualTo(productos).hasSameSizeAs(productos);
        }
    }
}
