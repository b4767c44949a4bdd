package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last good snapshot survives a restart, so a bridge whose deposito is down at start still serves. */
class WarmStartTest {

    @TempDir
    Path data;
    @TempDir
    Path secrets;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Sync, stop, restart against a refused connection: readiness UP with the file's data (read on the load thread,
     * no sync), flagged stale.
     */
    @Test
    void should_serve_the_saved_snapshot_when_the_deposito_refuses_connections_at_start() throws Exception {
        Map<String, String> settings;
        DepositoSnapshot synced;
        try (SimulatedDeposito deposito = SimulatedDeposito.start(120, 10, 30)) {
            settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.data-dir", data.toString());
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> store.current().complete() && !store.stale());
                synced = store.current();
            }
            // the simulator's secret outlives the simulator (and its fixture's file) for the restart below
            settings.put("deposito.jwt-secret-file", secrets.resolve("deposito-secret.txt").toString());
            Files.writeString(Path.of(settings.get("deposito.jwt-secret-file")), deposito.simulator().jwtSecret());
        }
        assertThat(data.resolve("snapshot.bin")).exists();

        settings.put("deposito.url", "http://127.0.0.1:" + closedPort());
        try (LogCapture logs = LogCapture.open(); RunningBridge bridge = RunningBridge.start(settings)) {
            SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
            SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            // the file is read on its own thread while the routes start; readiness turns UP once it is installed
            bridge.awaitReady();
            assertThat(monitor.lastSuccessMillis()).as("no sync: the data came from the file").isNull();
            assertThat(logs.atLeast(Level.INFO)).filteredOn(e -> e.getFormattedMessage().startsWith("event=warm_start_loaded"))
                    .extracting(ILoggingEvent::getThreadName).containsExactly(SnapshotPersister.LOAD_THREAD);
            assertThat(store.current().complete()).isTrue();
            assertThat(store.current().productos()).hasSameSizeAs(synced.productos());
            assertThat(store.current().movements().size()).isGreaterThanOrEqualTo(synced.movements().size());
            assertThat(store.stale()).isTrue();
            assertThat(bridge.getManagement("/observe/health").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> monitor.failures("productos") > 0);
            assertThat(monitor.reachable()).isFalse();
            assertThat(store.current().productos()).hasSameSizeAs(synced.productos());
        }
    }

    /** A corrupt state file is reported and ignored: the bridge starts and syncs as if there were none. */
    @Test
    void should_ignore_a_corrupt_snapshot_file() throws Exception {
        Files.writeString(data.resolve("snapshot.bin"), "this is not a snapshot");
        try (SimulatedDeposito deposito = SimulatedDeposito.start(50, 5, 10)) {
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.data-dir", data.toString());
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                SnapshotStore store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> store.current().complete() && !store.stale());
                assertThat(store.current().productos()).hasSize(50);
            }
        }
    }
}
