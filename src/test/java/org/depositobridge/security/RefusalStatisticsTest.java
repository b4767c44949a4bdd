package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refused request is a handled failure of its route, as Hawtio and the metrics show it: the 401 and the 429 are
 * counted on route {@code api-summary} (JMX FailuresHandled) and by the API's own meter
 * ({@code api_requests_total{status_class="4xx"}}; Camel's route policy leaves the API's routes out,
 * {@code bridge.metrics.route-policy-exclude-routes}), and answer the same JSON and headers as before refusals became
 * exceptions.
 */
class RefusalStatisticsTest {

    static final int LIMIT = 3;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("dashboard.rate-limit", Integer.toString(LIMIT), "dashboard.rate-limit-window",
                "60s"));
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** One 401 and one 429 on /api/summary: two handled failures of api-summary, each with its JSON answer. */
    @Test
    void should_count_401_and_429_as_handled_failures_of_the_route() throws Exception {
        ManagedRouteMBean route = bridge.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("api-summary");
        long handledBefore = route.getFailuresHandled();
        long completedBefore = route.getExchangesCompleted();

        HttpResponse<String> unauthorized = bridge.get("/api/summary", "X-API-Key", "not-a-key");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(unauthorized.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error", "message");
        assertThat(body.get("error").asText()).isEqualTo("unauthorized");
        assertThat(unauthorized.headers().firstValue("Content-Type")).hasValue(ApiResponses.JSON);
        assertThat(unauthorized.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(unauthorized.headers().firstValue("Retry-After")).isEmpty();
        // nothing of the request leaks into the answer
        assertThat(unauthorized.headers().firstValue("X-API-Key")).isEmpty();

        for (int i = 0; i < LIMIT; i++) {
            assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-2").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = bridge.get("/api/summary", "X-API-Key", "test-key-2");
        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode limitedBody = new ObjectMapper().readTree(limited.body());
        assertThat(limitedBody.fieldNames()).toIterable().containsExactly("error", "message");
        assertThat(limitedBody.get("error").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 20L);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue(ApiResponses.JSON);

        assertThat(route.getFailuresHandled() - handledBefore).as("refusals counted as handled failures")
                .isEqualTo(2);
        // Camel counts a handled failure as completed too (it was answered); the served ones are the rest
        assertThat(route.getExchangesCompleted() - completedBefore).isEqualTo(LIMIT + 2);
        assertThat(route.getExchangesFailed()).as("nothing unhandled").isZero();
        // the API's meter counts an exchange when it completes, just after its answer is written
        await("api_requests_total of the refusals").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                bridge.scrapeMetrics()).containsPattern(
                "api_requests_total\\{[^}]*route=\"api-summary\"[^}]*status_class=\"4xx\"[^}]*\\} [2-9]"));
    }

    /**
     * Camel's route policy meters every route but those platform-http serves (bridge.metrics.route-policy-exclude-routes):
     * the pollers' series are there, the API's routes and their guard have none, and the API is still counted by its
     * own meters.
     */
    @Test
    void should_leave_the_api_routes_out_of_camels_route_policy() throws Exception {
        assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
        // the API's meter counts an exchange when it completes, just after its answer is written
        await("api_requests_total of the request").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                bridge.scrapeMetrics()).containsPattern("api_requests_total\\{[^}]*route=\"api-summary\"[^}]*status_class=\"2xx\""));
        String metrics = bridge.scrapeMetrics();
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"deposito-sync-[a-z-]+\"");
        assertThat(metrics).doesNotContainPattern("camel_[a-z_]+\\{[^}]*routeId=\"(api|export|session|dashboard)-");
    }

    /** A 400 of the input rules is a handled failure too, with the parameter at fault in its JSON. */
    @Test
    void should_count_an_invalid_parameter_as_a_handled_failure() throws Exception {
        ManagedRouteMBean route = bridge.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("api-weekly-sales");
        long handledBefore = route.getFailuresHandled();
        HttpResponse<String> bad = bridge.get("/api/weekly-sales?weeks=abc", "X-API-Key", "test-key-1");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode body = new ObjectMapper().readTree(bad.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error", "parameter", "message");
        assertThat(body.get("parameter").asText()).isEqualTo("weeks");
        assertThat(route.getFailuresHandled() - handledBefore).isEqualTo(1);
    }
}
