package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.depositobridge.deposito.DepositoTarget;
import org.depositobridge.deposito.SyncMonitor;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge starts its own simulator only when no deposito URL is configured, and stops it with Camel. */
class SimulatorEmbeddingTest {

    /** deposito.url unset: depositoTarget is the simulator, reachable with tokens from the shared secret. */
    @Test
    void should_start_and_bind_the_simulator_when_no_deposito_url_is_set() throws Exception {
        int port;
        try (RunningBridge bridge = RunningBridge.start(Map.of("simulator.products", "100",
                "simulator.history-days", "5", "simulator.movements-per-day", "40",
                "deposito.path-prefix", "/api/v1"))) {
            DepositoTarget target = bridge.context().getRegistry().lookupByNameAndType("depositoTarget",
                    DepositoTarget.class);
            assertThat(target.source()).isEqualTo("simulator");
            assertThat(target.simulated()).isTrue();
            assertThat(target.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/api/v1");
            DepositoSimulator sim = bridge.context().getRegistry().lookupByNameAndType("depositoSimulator",
                    DepositoSimulator.class);
            assertThat(sim.store().productCount()).isEqualTo(100);
            assertThat(sim.store().movementCount()).isEqualTo(200);
            port = sim.port();
            String token = new JwtAuth(target.jwtSecret(), Clock.systemUTC()).mint("bridge", "deposito",
                    Duration.ofMinutes(5));
            HttpResponse<String> r = SimClient.HTTP.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/health"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"simulated\":true");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    /** deposito.url set: depositoTarget is the real deposito with the prefix and file secret; no simulator runs. */
    @Test
    void should_not_start_a_simulator_when_a_deposito_url_is_set(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret-from-file\n");
        try (RunningBridge bridge = RunningBridge.start(Map.of("deposito.url", "http://deposito.example:8002/",
                "deposito.path-prefix", "/api/v1", "deposito.jwt-secret-file", secret.toString()))) {
            DepositoTarget target = bridge.context().getRegistry().lookupByNameAndType("depositoTarget",
                    DepositoTarget.class);
            assertThat(target.source()).isEqualTo("deposito");
            assertThat(target.baseUrl()).isEqualTo("http://deposito.example:8002/api/v1");
            assertThat(target.jwtSecret()).isEqualTo("s3cret-from-file");
            assertThat(bridge.context().getRegistry().lookupByName("depositoSimulator")).isNull();
        }
    }

    /**
     * deposito.jwt-secret-file set and no deposito.url (issue 16, item 4): the simulator checks tokens with that
     * secret, so the pollers' signed calls are accepted and the bridge gets ready instead of looping on 401.
     */
    @Test
    void should_make_the_simulator_use_the_configured_secret(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "configured-secret-of-at-least-32-bytes!!\n");
        try (RunningBridge bridge = RunningBridge.start(Map.of("simulator.products", "100",
                "simulator.history-days", "5", "simulator.movements-per-day", "40",
                "deposito.jwt-secret-file", secret.toString()))) {
            DepositoSimulator sim = bridge.context().getRegistry().lookupByNameAndType("depositoSimulator",
                    DepositoSimulator.class);
            assertThat(sim.jwtSecret()).isEqualTo("configured-secret-of-at-least-32-bytes!!");
            bridge.awaitReady();
            SyncMonitor monitor = bridge.context().getRegistry()
                    .lookupByNameAndType("syncMonitor", SyncMonitor.class);
            assertThat(monitor.successes("productos")).isPositive();
            assertThat(monitor.failures("productos")).isZero();
        }
    }

    /** simulator.enabled=false with no deposito.url: nothing is started and no target is bound. */
    @Test
    void should_bind_no_target_when_the_simulator_is_disabled() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("simulator.enabled", "false"))) {
            assertThat(bridge.context().getRegistry().lookupByName("depositoTarget")).isNull();
            assertThat(bridge.context().getRegistry().lookupByName("depositoSimulator")).isNull();
        }
    }
}
