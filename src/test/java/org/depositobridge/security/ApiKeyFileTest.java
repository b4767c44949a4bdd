package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated API key lives in the data folder (mode 600) and survives a restart; it is logged only when created. */
class ApiKeyFileTest {

    @TempDir
    Path dataDir;

    @Test
    void should_keep_the_generated_key_across_restarts() throws Exception {
        Map<String, String> settings = Map.of("dashboard.api-keys", "", "bridge.data-dir", dataDir.toString());
        String key;
        try (LogCapture capture = LogCapture.open(); RunningBridge first = RunningBridge.start(settings)) {
            Matcher m = Pattern.compile("event=api_key_generated key=(\\S+)").matcher(String.join("\n", capture.lines()));
            assertThat(m.find()).as("generated key logged at the first start").isTrue();
            key = m.group(1);
            assertThat(first.get("/api/summary", "X-API-Key", key).statusCode()).isIn(200, 503);
        }
        Path file = dataDir.resolve("api-key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        try (LogCapture capture = LogCapture.open(); RunningBridge second = RunningBridge.start(settings)) {
            assertThat(capture.count(key)).as("the key is not logged again").isZero();
            assertThat(capture.count("event=api_key_generated")).isZero();
            assertThat(capture.count("event=api_key_loaded")).isEqualTo(1);
            assertThat(second.get("/api/summary", "X-API-Key", key).statusCode()).isIn(200, 503);
            assertThat(second.get("/api/summary", "X-API-Key", key + "x").statusCode()).isEqualTo(401);
        }
    }
}
