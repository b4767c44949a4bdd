package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.support.service.ServiceHelper;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 1: a poller is a route {@code deposito-sync-<poller>} and its scheduler bean, both YAML; no Java list
 * of pollers has to learn a fourth one for it to be scheduled, gauged and watched by the stall watchdog.
 */
class PollerAddedInYamlTest {

    @TempDir
    Path routes;

    /** A fourth poller from one YAML file in the routes folder: it polls, has its dataset gauge, and a stall of it is seen. */
    @Test
    void should_schedule_gauge_and_watch_a_poller_added_in_yaml() throws Exception {
        Files.copy(Path.of("src/test/resources/pollers/critical-again.camel.yaml"),
                routes.resolve("critical-again.camel.yaml"));
        try (SimulatedDeposito sim = SimulatedDeposito.start(100, 5, 20)) {
            Map<String, String> settings = new HashMap<>(sim.bridgeSettings());
            // the folder adds its files to the jar's routes (docs/routes.md "Where the route files come from")
            settings.put("bridge.routes-dir", routes.toString());
            settings.put("deposito.critical-again.period-ms", "300");
            settings.put("deposito.critical-again.cycle-timeout-ms", "1000");
            try (LogCapture logs = LogCapture.open();
                    RunningBridge bridge = RunningBridge.start(settings).awaitReady()) {
                SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
                await("the fourth poller completes cycles").atMost(Duration.ofSeconds(30))
                        .until(() -> monitor.successes("critical-again") > 1);
                assertThat(bridge.scrapeMetrics()).contains("bridge_dataset_age_seconds{dataset=\"critical-again\"}");

                Consumer consumer = bridge.context().getRoute("deposito-sync-critical-again").getConsumer();
                ServiceHelper.suspendService(consumer);
                await("readiness DOWN for the stalled fourth poller").atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> bridge.getManagement("/observe/health/ready").statusCode() == 503);
                assertThat(bridge.getManagement("/observe/health/ready").body()).contains("critical-again");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> logs.count("event=poller_stalled poller=critical-again") == 1);

                ServiceHelper.resumeService(consumer);
                await("readiness UP again").atMost(Duration.ofSeconds(15))
                        .until(() -> bridge.getManagement("/observe/health/ready").statusCode() == 200);
            }
        }
    }
}
