package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ReloadStrategy;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev profile's reload settings: saving a route file changes the running route; a broken save keeps the old one. */
class LiveReloadTest {

    @TempDir
    Path routes;

    /** Edit on disk -> new behaviour; broken edit -> reload fails, previous route keeps serving. */
    @Test
    void should_reload_an_edited_route_and_keep_serving_after_a_broken_edit() throws Exception {
        Files.writeString(routes.resolve("probe.camel.yaml"), probeRoute("v1"));
        // a second file with two routes: the case that breaks with routesReloadRemoveAllRoutes=true
        Files.writeString(routes.resolve("other.camel.yaml"), otherRoutes());

        Map<String, String> overrides = new HashMap<>();
        Properties dev = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application-dev.properties"), StandardCharsets.UTF_8)) {
            dev.load(r);
        }
        dev.forEach((k, v) -> overrides.put((String) k, (String) v));
        assertThat(overrides).containsEntry("camel.main.routesReloadEnabled", "true")
                .containsEntry("camel.main.routesReloadRemoveAllRoutes", "false");
        overrides.put("camel.main.routesIncludePattern", "file:" + routes + "/*.camel.yaml");
        overrides.put("camel.main.routesReloadDirectory", routes.toString());

        try (RunningBridge bridge = RunningBridge.start(overrides)) {
            ProducerTemplate template = bridge.context().createProducerTemplate();
            ReloadStrategy reload = bridge.context().hasService(ReloadStrategy.class);
            assertThat(reload).as("reload strategy installed by the dev settings").isNotNull();
            assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("v1");

            Files.writeString(routes.resolve("probe.camel.yaml"), probeRoute("v2"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "v2".equals(template.requestBody("direct:probe", "", String.class)));
            assertThat(bridge.context().getRoute("other-a")).isNotNull();
            assertThat(bridge.context().getRoute("other-b")).isNotNull();

            long failedBefore = reload.getFailedCounter();
            Files.writeString(routes.resolve("probe.camel.yaml"), "- route:\n    id: probe\n    from: [this is not a route");
            await().atMost(Duration.ofSeconds(30)).until(() -> reload.getFailedCounter() > failedBefore);
            assertThat(template.requestBody("direct:probe", "", String.class)).isEqualTo("v2");
            assertThat(bridge.context().getRoute("other-a")).isNotNull();
        }
    }

    private static String probeRoute(String answer) {
        return """
                - route:
                    id: probe
                    group: test
                    description: answers a constant
                    from:
                      uri: direct:probe
                      steps:
                        - setBody:
                            expression:
                              constant:
                                expression: %s
                """.formatted(answer);
    }

    private static String otherRoutes() {
        return """
                - route:
                    id: other-a
                    group: test
                    description: first route of a two-route file
                    from:
                      uri: direct:a
                      steps:
                        - log:
                            message: a
                - route:
                    id: other-b
                    group: test
                    description: second route of a two-route file
                    from:
                      uri: direct:b
                      steps:
                        - log:
                            message: b
                """;
    }
}
