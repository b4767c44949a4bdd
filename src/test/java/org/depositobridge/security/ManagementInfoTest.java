package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.depositobridge.stats.ManagementCredentials;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /observe/info (pid, OS user, folders, kernel) needs the management credentials; health stays open for probes. */
class ManagementInfoTest {

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    @Test
    void should_refuse_info_without_credentials() throws Exception {
        HttpResponse<String> r = bridge.getManagement("/observe/info");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(System.getProperty("user.name")).doesNotContain("pid");
    }

    @Test
    void should_serve_info_with_credentials() throws Exception {
        Path file = Path.of(bridge.context().resolvePropertyPlaceholders("{{management.credentials-file}}"));
        HttpResponse<String> r = bridge.getManagement("/observe/info", "Authorization",
                ManagementCredentials.basicAuthHeader(file, ManagementCredentials.USER));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void should_keep_health_open_for_probes() throws Exception {
        assertThat(bridge.getManagement("/observe/health").statusCode()).isIn(200, 503);
        assertThat(bridge.getManagement("/observe/health").statusCode()).isNotEqualTo(401);
    }
}
