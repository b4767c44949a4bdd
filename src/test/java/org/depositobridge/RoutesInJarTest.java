package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.depositobridge.support.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route files travel in the jar: the bridge started from a folder without the checkout's routes/ and config/
 * serves data, and a routes/ folder there replaces the jar's file of the same name and adds new ones.
 */
class RoutesInJarTest {

    static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @TempDir
    Path startedIn;

    /** {@code cd "$(mktemp -d)" && java -jar deposito-bridge.jar}: no NoSuchFileException, the API answers with data. */
    @Test
    void should_serve_data_when_started_from_an_empty_folder() throws Exception {
        try (BridgeProcess bridge = BridgeProcess.start("empty-folder", Map.of(), work, startedIn).awaitReady(READY)) {
            HttpResponse<String> summary = bridge.get("/api/summary", "X-API-Key", "test-key-1");
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).contains("\"total_productos\":300");
            assertThat(bridge.logLines("event=route_files ")).singleElement().asString()
                    .contains("from_dir=0 ").containsPattern("from_jar=[1-9]\\d* ").contains("replaced=0 added=0");
            assertThat(startedIn.resolve("routes")).doesNotExist();
        }
    }

    /**
     * A folder file named like a jar file replaces it (both loaded would stop the start on duplicate route ids), a
     * new name adds a route, the jar's other files still serve; with the dev profile, saving the folder's file reloads it.
     */
    @Test
    void should_let_the_routes_folder_replace_and_add_files_and_reload_them_in_dev() throws Exception {
        Path routes = Files.createDirectories(startedIn.resolve("routes"));
        // the jar's own reports-drop.camel.yaml with one more route: loaded only if the folder's copy wins
        Files.writeString(routes.resolve("reports-drop.camel.yaml"),
                packedRouteFile("reports-drop.camel.yaml") + probeRoute("probe-replaced", "replaced-v1"));
        Files.writeString(routes.resolve("probe-added.camel.yaml"), probeRoute("probe-added", "added-v1"));

        // the dev profile replaces the test profile: its small simulator and API key are given here
        Map<String, String> dev = Map.of("camel.main.profile", "dev", "camel.main.autoConfigurationLogSummary", "false",
                "dashboard.api-keys", "test-key-1", "simulator.products", "300", "simulator.history-days", "30",
                "simulator.movements-per-day", "100");
        try (BridgeProcess bridge = BridgeProcess.start("folder", dev, work, startedIn).awaitReady(READY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !bridge.logLines("event=probe route=probe-added ").isEmpty()
                    && !bridge.logLines("event=probe route=probe-replaced ").isEmpty());
            assertThat(bridge.logLines("event=probe route=probe-replaced ")).singleElement().asString().contains("version=replaced-v1");
            assertThat(bridge.logLines("event=probe route=probe-added ")).singleElement().asString().contains("version=added-v1");
            assertThat(bridge.logLines("event=route_files ")).singleElement().asString()
                    .contains("from_dir=2 ").contains("replaced=1 added=1");
            assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);

            Files.writeString(routes.resolve("probe-added.camel.yaml"), probeRoute("probe-added", "added-v2"));
            // at least once: one write can reach Camel's file watcher as two events, and each reloads the file
            // (seen at load 15: two "Routes reloaded" 50 ms apart, each route logging its probe line)
            await("dev reload of the folder's file").atMost(Duration.ofSeconds(30))
                    .until(() -> !bridge.logLines("version=added-v2").isEmpty());
        }
    }

    private static String packedRouteFile(String name) throws IOException {
        try (InputStream in = RoutesInJarTest.class.getClassLoader().getResourceAsStream("routes/" + name)) {
            assertThat(in).as("routes/" + name + " packed as a resource").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A route that logs one line when it starts. */
    private static String probeRoute(String id, String version) {
        return """
                - route:
                    id: %1$s
                    group: test
                    description: "Logs once that this file was loaded"
                    from:
                      uri: timer:%1$s
                      parameters:
                        repeatCount: "1"
                        delay: "0"
                      steps:
                        - log:
                            id: %1$s-log
                            message: "event=probe route=%1$s version=%2$s"
                """.formatted(id, version);
    }
}
