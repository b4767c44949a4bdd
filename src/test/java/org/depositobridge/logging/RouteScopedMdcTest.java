package org.depositobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Camel's MDC on every route but the excluded ones, decided by the route that created the exchange. */
class RouteScopedMdcTest {

    /**
     * What each route saw in the MDC while it ran: "routeId/exchange" when Camel's MDC unit of work set them, "none"
     * when it did not. (camel.exchangeId is the unit of work's alone: a timer consumer's thread carries its route's
     * camel.routeId from Camel's thread factory whatever the unit of work, platform-http's Vert.x threads do not.)
     */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    /** Starts the routes, and returns once each of the two timer routes has run once. */
    private CamelContext context(String exclude, boolean useMdc) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.setUseMDCLogging(useMdc);
        RouteScopedMdc.install(context, exclude);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a consumer's own exchanges, as platform-http's are (a ProducerTemplate's start outside any route)
                from("timer:api?repeatCount=1&delay=-1").routeId("api-summary")
                        .process(e -> record("api-summary"))
                        .to("direct:guard");
                from("direct:guard").routeId("guard").process(e -> record("guard"));
                from("timer:sync?repeatCount=1&delay=-1").routeId("deposito-sync-productos").process(e -> record("deposito-sync-productos"))
                        .to("direct:call");
                from("direct:call").routeId("deposito-call").process(e -> record("deposito-call"));
            }
        });
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("api-summary").whenDone(1)
                .and().fromRoute("deposito-sync-productos").whenDone(1).create();
        context.start();
        assertThat(done.matches(20, TimeUnit.SECONDS)).as("both timer routes ran").isTrue();
        return context;
    }

    private void record(String route) {
        String exchange = MDC.get("camel.exchangeId");
        seen.put(route, exchange == null ? "none" : MDC.get("camel.routeId") + "/exchange");
    }

    @Test
    void should_leave_excluded_routes_and_what_they_call_without_the_mdc() throws Exception {
        try (CamelContext context = context("api-*", true)) {
            assertThat(context.isStarted()).isTrue();
        }
        assertThat(seen).containsEntry("api-summary", "none").containsEntry("guard", "none")
                .containsEntry("deposito-sync-productos", "deposito-sync-productos/exchange")
                .containsEntry("deposito-call", "deposito-call/exchange");
    }

    @Test
    void should_give_every_route_the_mdc_when_nothing_is_excluded() throws Exception {
        try (CamelContext context = context("", true)) {
            assertThat(context.isStarted()).isTrue();
        }
        assertThat(seen).containsEntry("api-summary", "api-summary/exchange").containsEntry("guard", "guard/exchange");
    }

    @Test
    void should_give_no_route_the_mdc_when_camel_has_it_off() throws Exception {
        try (CamelContext context = context("api-*", false)) {
            assertThat(context.isStarted()).isTrue();
        }
        assertThat(seen).containsEntry("deposito-sync-productos", "none");
    }

    @Test
    void should_match_ids_and_wildcards_from_a_comma_separated_list() {
        RouteScopedMdc mdc = new RouteScopedMdc(" api-* , export-summary ");
        assertThat(mdc.excludes("api-providers")).isTrue();
        assertThat(mdc.excludes("export-summary")).isTrue();
        assertThat(mdc.excludes("export-providers")).isFalse();
        assertThat(mdc.excludes("deposito-sync-api")).isFalse();
        assertThat(mdc.excludes(null)).isFalse();
        assertThat(new RouteScopedMdc("").excludes("api-summary")).isFalse();
    }
}
