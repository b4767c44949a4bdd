package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 1: a deposito that streams a {@code /productos} page without end. The answer is cut at
 * {@code deposito.max-response-bytes} while it is read, the cycle fails as a contract breach (dead letter with the
 * first bytes, mode 600), the poller keeps its schedule and recovers when the deposito does, and /health shows the
 * data stale.
 */
class ResponseCapTest {

    private static final int CAP = 1 << 20;
    private static final int KEPT = 64 * 1024;

    @Test
    void should_cut_an_endless_page_at_the_cap_and_keep_polling() throws Exception {
        try (SimulatedDeposito sim = SimulatedDeposito.start(300, 5, 20);
                FakeDeposito fake = new FakeDeposito(sim.simulator().baseUrl())) {
            Map<String, String> settings = new HashMap<>(sim.bridgeSettings());
            settings.put("deposito.url", fake.baseUrl());
            settings.put("deposito.max-response-bytes", String.valueOf(CAP));
            settings.put("deposito.dead-letters.max-body-bytes", String.valueOf(KEPT));
            // long enough that only the cap can end an endless answer
            settings.put("deposito.breaker.timeout-ms", "20000");
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
                DeadLetters letters = bridge.context().getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
                SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
                await("first sync").atMost(Duration.ofSeconds(30)).until(() -> monitor.successes("productos") > 0
                        && store.current().complete());

                fake.endlessProductos.set(true);
                long failures = monitor.failures("productos");
                long started = System.nanoTime();
                await("three cut cycles in a row: the poller keeps its schedule").atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.failures("productos") >= failures + 3);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(monitor.details().get("productos.last_error")).asString().contains("response too large");
                // each cut cycle read about the cap: the socket buffers hold a little more, never the whole stream
                long cycles = monitor.failures("productos") - failures;
                assertThat(fake.endlessBytes.get() / cycles).isLessThan(8L * CAP);

                List<String> names = letters.list().stream().filter(n -> n.endsWith("-productos.json")).toList();
                assertThat(names).isNotEmpty();
                Path meta = letters.dir().resolve(names.get(0));
                JsonNode m = new ObjectMapper().readTree(meta.toFile());
                assertThat(m.get("payload_truncated").asBoolean()).isTrue();
                assertThat(m.get("payload_bytes").asLong()).isEqualTo(CAP + 1L);
                assertThat(m.get("error").asText()).contains("larger than " + CAP);
                Path body = letters.dir().resolve(names.get(0).replace(".json", ".body"));
                assertThat(Files.size(body)).isEqualTo(KEPT);
                assertThat(Files.readString(body)).startsWith("{\"items\":[{\"id\":1");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(body))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(meta))).isEqualTo("rw-------");

                // the cycle deadline travels to the HTTP client in an internal header that never reaches the deposito
                assertThat(fake.internalHeaders).isEmpty();

                HttpResponse<String> health = bridge.get("/health");
                assertThat(health.body()).contains("\"stale\":true");
                assertThat(bridge.getManagement("/observe/health").statusCode()).isEqualTo(200);

                fake.endlessProductos.set(false);
                long successes = monitor.successes("productos");
                await("recovers by itself").atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.successes("productos") > successes && !store.stale());
                System.out.printf("ResponseCapTest: 3 cut cycles in %d ms, %d bytes sent by the fake in %d cycles%n",
                        ms, fake.endlessBytes.get(), cycles);
            }
        }
    }
}
