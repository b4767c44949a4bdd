package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads after starting a real bridge process: its first screen of log, and the JSON format. */
class StartupLogTest {

    static final int FIRST_SCREEN = 30;
    static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path work;

    /**
     * A first start with the console on and a generated API key: within the first 30 lines are the API, management
     * and console URLs with their real ports, the data source, the generated API key and the console password; no
     * property dump.
     */
    @Test
    void should_say_where_everything_is_within_the_first_30_lines() throws Exception {
        try (BridgeProcess bridge = BridgeProcess.start("first", settings(Map.of("dashboard.api-keys", "")), work)
                .awaitReady(READY)) {
            List<String> lines = bridge.logLines();
            List<String> first = lines.subList(0, Math.min(FIRST_SCREEN, lines.size()));
            String summary = only(first, "event=bridge_started ");
            assertThat(summary)
                    .contains("api=http://127.0.0.1:" + bridge.apiPort() + "/api/")
                    .contains("management=http://127.0.0.1:" + bridge.managementPort() + "/observe/health")
                    .containsPattern("console=http://127\\.0\\.0\\.1:\\d+/hawtio/ ")
                    .contains("data_source=simulator").contains("api_key=generated");
            assertThat(only(first, "event=api_key_generated ")).containsPattern("key=\\S{20,}");
            assertThat(only(first, "event=hawtio_admin_created ")).containsPattern("password=\\S{20,}");
            assertThat(lines).noneMatch(l -> l.contains("Auto-configuration summary") || l.contains("Property-placeholders summary")
                    || l.contains("[application.properties]"));
        }
    }

    /** The dev profile keeps Camel's property dumps for whoever tunes the configuration. */
    @Test
    void should_dump_properties_in_the_dev_profile_only() throws Exception {
        try (BridgeProcess bridge = BridgeProcess.start("dev", settings(Map.of("camel.main.profile", "dev",
                "simulator.products", "300", "simulator.history-days", "30", "simulator.movements-per-day", "100")), work)
                .awaitReady(READY)) {
            assertThat(bridge.logLines()).anyMatch(l -> l.contains("Auto-configuration summary"))
                    .anyMatch(l -> l.contains("event=bridge_started ") && l.contains("profile=dev"));
        }
    }

    /** LOG_FORMAT=json: every line is a JSON object with an ISO-8601 ts; an event line's pairs are fields of their own. */
    @Test
    void should_write_one_json_object_per_line_with_event_fields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (BridgeProcess bridge = BridgeProcess.start("json", settings(Map.of("LOG_FORMAT", "json")), work).awaitReady(READY)) {
            List<String> lines = bridge.logLines();
            assertThat(lines).hasSizeGreaterThan(5);
            JsonNode summary = null;
            for (String line : lines) {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                assertThat(Instant.parse(node.path("ts").asText())).as(line).isNotNull();
                assertThat(node.path("level").asText()).as(line).isNotEmpty();
                if ("bridge_started".equals(node.path("event").asText())) {
                    summary = node;
                }
            }
            assertThat(summary).as("event=bridge_started as JSON").isNotNull();
            assertThat(summary.path("api").asText()).isEqualTo("http://127.0.0.1:" + bridge.apiPort() + "/api/");
            assertThat(summary.path("data_source").asText()).isEqualTo("simulator");
            assertThat(summary.path("msg").asText()).startsWith("event=bridge_started ");
        }
    }

    /** Console on a free port with a fresh users file, state and outputs under the test's folder. */
    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("hawtio.enabled", "true");
        s.put("hawtio.port", "0");
        s.put("hawtio.users-file", work.resolve("hawtio-users.properties").toString());
        s.put("reports.dir", work.resolve("reports").toString());
        s.put("stock-updates.inbox", work.resolve("inbox").toString());
        s.putAll(extra);
        return s;
    }

    private static String only(List<String> lines, String text) {
        List<String> found = lines.stream().filter(l -> l.contains(text)).toList();
        assertThat(found).as("'%s' in the first %d lines:%n%s", text, FIRST_SCREEN, String.join("\n", lines)).hasSize(1);
        return found.get(0);
    }
}
