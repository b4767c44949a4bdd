package org.depositobridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page against the embedded simulator with the default data (config/application.properties: 2000 products,
 * 400 days of 500 movements, live activity): the "simulated" banner, and the first full render time of a signed-in
 * visit, printed for docs/benchmarks.md. Screenshots in target/dashboard-browser-default/.
 */
class DashboardDefaultDataBrowserTest {

    static final Path OUT = Path.of("target", "dashboard-browser-default");
    static DashboardBrowserTest.Run run;

    @BeforeAll
    static void driveTheBrowser() throws Exception {
        // the test profile shrinks the simulator; these are the defaults of config/application.properties
        try (RunningBridge bridge = RunningBridge.start(Map.of("simulator.products", "2000", "simulator.history-days", "400",
                "simulator.movements-per-day", "500", "simulator.live-movements-per-minute", "60"))) {
            bridge.awaitReady();
            run = DashboardBrowserTest.drive(OUT, Map.of("BASE_URL", bridge.apiUrl(""), "MODE", "simulated"));
        }
        JsonNode r = run.results();
        System.out.printf("event=dashboard_browser_default_data first_render_ms=%s dom_content_loaded_ms=%s%n",
                r.get("firstRenderMs"), r.at("/navigation/domContentLoaded"));
    }

    /** Simulated data: the banner says so from the first render, and the page went through without an error. */
    @Test
    void should_say_the_data_are_simulated() {
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode banner = run.results().get("bannerAfterSignIn");
        assertThat(banner.get("source").asText()).isEqualTo("simulator");
        assertThat(banner.get("hidden").asBoolean()).isFalse();
        assertThat(banner.get("text").asText()).contains("Datos simulados");
        assertThat(OUT.resolve("03-default-data-1440.png")).isNotEmptyFile();
        assertThat(run.results().get("firstRenderMs").asInt()).isPositive();
    }
}
