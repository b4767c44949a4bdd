package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV exports spend from the same rate-limit bucket as their JSON twins, and a refusal is 429 JSON. */
class CsvExportRateLimitTest {

    @TempDir
    static java.nio.file.Path reports;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("dashboard.rate-limit", "3", "dashboard.rate-limit-window", "1h",
                "reports.dir", reports.toString()));
        // before the first complete snapshot every dataset answers 503 no_data_yet (NoDataYetTest)
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Two JSON calls and one CSV call use up three requests; the next CSV call is refused with Retry-After. */
    @Test
    void should_share_the_json_twins_rate_limit() throws Exception {
        String[] key = {"X-API-Key", "test-key-2"};
        assertThat(bridge.get("/api/providers", key).statusCode()).isEqualTo(200);
        assertThat(bridge.get("/api/summary", key).statusCode()).isEqualTo(200);
        assertThat(bridge.get("/api/export/providers.csv", key).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = bridge.get("/api/export/providers.csv", key);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(new ObjectMapper().readTree(refused.body()).get("error").asText()).isEqualTo("rate_limited");
    }
}
