package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.depositobridge.support.BridgeProcess;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge that cannot take what it needs stops with a non-zero exit code and one line naming the key to change,
 * instead of running without its API: a listener whose port is taken, a data folder another bridge holds.
 */
class StartupRefusalTest {

    static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    /** The business API's port is taken: exit code 1 and event=port_in_use naming camel.server.port. */
    @Test
    void should_stop_when_the_api_port_is_taken() throws Exception {
        assertRefusedWhenTaken("camel.server.port", Map.of());
    }

    /** The management port is taken: same, naming camel.management.port. */
    @Test
    void should_stop_when_the_management_port_is_taken() throws Exception {
        assertRefusedWhenTaken("camel.management.port", Map.of());
    }

    /** The console's port is taken: same, naming hawtio.port (the console used to fail quietly on its own thread). */
    @Test
    void should_stop_when_the_console_port_is_taken() throws Exception {
        assertRefusedWhenTaken("hawtio.port", Map.of("hawtio.enabled", "true",
                "hawtio.users-file", work.resolve("hawtio-users.properties").toString()));
    }

    /**
     * The prod profile without DEPOSITO_URL refuses to start (exit 1, one line naming deposito.url) instead of serving
     * simulated data; DEPOSITO_TARGET=simulator runs the simulator on purpose.
     */
    @Test
    void should_refuse_the_prod_profile_without_a_deposito_url() throws Exception {
        Map<String, String> prod = Map.of("camel.main.profile", "prod", "hawtio.enabled", "false");
        try (BridgeProcess refused = BridgeProcess.start("prod", prod, work)) {
            assertThat(refused.awaitExit(EXIT)).isNotZero();
            List<String> refusal = refused.logLines("event=deposito_url_missing ");
            assertThat(refusal).as(refused.tail(30)).isNotEmpty();
            assertThat(refusal.get(0)).contains("key=deposito.url").contains("DEPOSITO_TARGET=simulator");
            assertThat(refused.logLines("event=simulator_started")).isEmpty();
        }
        // the prod profile, not the test one: a small simulated warehouse keeps the start short
        Map<String, String> onPurpose = Map.of("camel.main.profile", "prod", "hawtio.enabled", "false",
                "deposito.target", "simulator", "simulator.products", "300", "simulator.history-days", "30",
                "simulator.movements-per-day", "100");
        try (BridgeProcess simulated = BridgeProcess.start("prod-sim", onPurpose, work).awaitReady(Duration.ofSeconds(90))) {
            assertThat(simulated.logLines("event=simulator_started")).isNotEmpty();
        }
    }

    /** A second bridge on the data folder of a running one refuses to start; the first keeps serving. */
    @Test
    void should_refuse_a_second_bridge_on_the_same_data_folder() throws Exception {
        try (BridgeProcess first = BridgeProcess.start("first", Map.of(), work).awaitReady(Duration.ofSeconds(90));
                BridgeProcess second = BridgeProcess.start("second", Map.of("bridge.data-dir", work.resolve("first-data").toString()), work)) {
            assertThat(second.awaitExit(EXIT)).isNotZero();
            List<String> refusal = second.logLines("event=data_dir_locked ");
            assertThat(refusal).as(second.tail(30)).isNotEmpty();
            assertThat(refusal.get(refusal.size() - 1)).contains("key=bridge.data-dir").contains("first-data").contains("bridge.cluster.enabled=true");
            assertThat(first.isAlive()).isTrue();
            assertThat(first.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** With clustering on, replicas share the data folder on purpose (leader election guards the writers): no lock. */
    @Test
    void should_let_clustered_replicas_share_a_data_folder() throws Exception {
        Map<String, String> cluster = Map.of("bridge.cluster.enabled", "true",
                "bridge.cluster.file.root", work.resolve("cluster").toString(),
                "bridge.data-dir", work.resolve("shared-data").toString());
        try (BridgeProcess a = BridgeProcess.start("a", cluster, work).awaitReady(Duration.ofSeconds(90));
                BridgeProcess b = BridgeProcess.start("b", cluster, work).awaitReady(Duration.ofSeconds(90))) {
            assertThat(a.isAlive()).isTrue();
            assertThat(b.logLines("event=data_dir_locked ")).isEmpty();
        }
    }

    /**
     * In-process, as tests and tools embed the bridge: a refused start throws the refusal naming the key, and holds
     * nothing afterwards: the same data folder starts right away, whether the refusal came while starting (a port)
     * or while configuring (a bad setting).
     */
    @Test
    void should_throw_and_release_the_data_folder_when_refused_in_process() throws Exception {
        String data = work.resolve("in-process-data").toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> RunningBridge.start(Map.of("bridge.data-dir", data,
                    "camel.server.port", String.valueOf(taken.getLocalPort()))))
                    .satisfies(e -> assertThat(StartupRefused.in(e)).isNotNull()
                            .hasMessageContaining("event=port_in_use key=camel.server.port "));
        }
        // refused earlier, while the configuration classes run (the folder's lock is already taken then)
        assertThatThrownBy(() -> RunningBridge.start(Map.of("bridge.data-dir", data, "stock-updates.concurrency", "0")))
                .satisfies(e -> assertThat(StartupRefused.in(e)).isNotNull()
                        .hasMessageContaining("stock-updates.concurrency"));
        try (RunningBridge bridge = RunningBridge.start(Map.of("bridge.data-dir", data))) {
            assertThat(bridge.get("/health").statusCode()).isIn(200, 503);
        }
    }

    private void assertRefusedWhenTaken(String key, Map<String, String> extra) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = new java.util.HashMap<>(extra);
            settings.put(key, String.valueOf(taken.getLocalPort()));
            try (BridgeProcess bridge = BridgeProcess.start("taken", settings, work)) {
                assertThat(bridge.awaitExit(EXIT)).isNotZero();
                List<String> refusal = bridge.logLines("event=port_in_use ");
                assertThat(refusal).as(bridge.tail(30)).isNotEmpty();
                assertThat(refusal.get(refusal.size() - 1)).contains("key=" + key + " ")
                        .contains("port=" + taken.getLocalPort() + " ").contains("fix=");
                assertThat(bridge.logLines("Routes startup")).as("no route ran").isEmpty();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
