package org.depositobridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page before the first complete sync (every deposito call fails from the start, so the API answers
 * 503 no_data_yet): sign-in works, the page says there is no data yet, and shows the data by itself once the deposito
 * answers. Screenshots in target/dashboard-browser-nodata/.
 */
class DashboardNoDataBrowserTest {

    static final Path OUT = Path.of("target", "dashboard-browser-nodata");
    static DashboardBrowserTest.Run run;

    @BeforeAll
    static void driveTheBrowser() throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(60, 10, 20)) {
            deposito.simulator().faults().inject(Fault.status(500).on(Endpoint.ALL));
            try (RunningBridge bridge = RunningBridge.start(deposito.bridgeSettings())) {
                assertThat(bridge.get("/api/summary", "X-API-Key", DashboardBrowserTest.KEY).statusCode()).isEqualTo(503);
                run = DashboardBrowserTest.drive(OUT, Map.of("BASE_URL", bridge.apiUrl(""), "MODE", "nodata",
                        "SIM_ROOT_URL", deposito.simulator().rootUrl(), "SIM_ADMIN_TOKEN", deposito.simulator().adminToken()));
            }
        }
    }

    /** "Todavía no hay datos" while the API answers 503, then the dashboard without a reload. */
    @Test
    void should_show_no_data_yet_then_the_data() {
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode r = run.results();
        assertThat(r.get("noData").asText()).contains("Todavía no hay datos").contains("Se reintenta en 5 s");
        assertThat(r.get("faultsCleared").asInt()).isEqualTo(200);
        assertThat(r.at("/recovered/nodataHidden").asBoolean()).isTrue();
        assertThat(r.at("/recovered/kpis").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(OUT.resolve("02-no-data.png")).isNotEmptyFile();
        assertThat(OUT.resolve("03-recovered.png")).isNotEmptyFile();
    }
}
