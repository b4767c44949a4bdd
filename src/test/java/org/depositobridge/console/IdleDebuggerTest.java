package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.spi.BacklogDebugger;
import org.apache.camel.spi.BacklogTracer;
import org.awaitility.Awaitility;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Trace and Debug stay offered (tracer and debugger in standby, the configuration's defaults) but record
 * nothing for API requests until an operator starts them; once started they work on real HTTP requests.
 */
class IdleDebuggerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of()).awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
    }

    /** Both in standby as configured, message history back off: API requests leave nothing in the tracer. */
    @Test
    void should_record_nothing_while_trace_and_debug_are_idle() throws Exception {
        BacklogTracer tracer = tracer();
        assertThat(tracer.isStandby()).isTrue();
        assertThat(tracer.isEnabled()).isFalse();
        assertThat(debugger().isStandby()).isTrue();
        assertThat(bridge.context().isMessageHistory()).isFalse();
        // nothing of the start-up's exchanges either (whether one runs before the context has started depends on
        // timing here; IdleDebuggerStartTest makes one do so)
        Awaitility.await("exchanges of the start-up have ended").atMost(Duration.ofSeconds(30))
                .until(() -> bridge.context().getInflightRepository().size() == 0);
        assertThat(tracer.dumpLatestMessageHistory()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(summary().get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(tracer.dumpLatestMessageHistory()).isEmpty();
        assertThat(tracer.dumpAllTracedMessages()).isEmpty();
    }

    /**
     * Without the debugger (the prod profile's camel.debug.standby=false) message history stays off too, so the
     * tracer's standby costs nothing either. Installing IdleMessageHistory used to turn it on (Camel's setter of the
     * factory does), and every step of every request was dumped as JSON again: half of a prod request's CPU.
     */
    @Test
    void should_keep_message_history_off_without_the_debugger() throws Exception {
        try (RunningBridge prodLike = RunningBridge.start(Map.of("camel.debug.standby", "false")).awaitReady()) {
            assertThat(prodLike.context().hasService(BacklogDebugger.class)).isNull();
            assertThat(prodLike.context().isMessageHistory()).isFalse();
            BacklogTracer tracer = prodLike.context().getCamelContextExtension().getContextPlugin(BacklogTracer.class);
            assertThat(tracer.isStandby()).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(prodLike.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
            }
            assertThat(tracer.dumpLatestMessageHistory()).isEmpty();
        }
    }

    /** Started from the console, the tracer lists the steps of an API request. */
    @Test
    void should_trace_an_api_request_once_tracing_is_started() throws Exception {
        BacklogTracer tracer = tracer();
        tracer.setEnabled(true);
        try {
            assertThat(summary().get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(tracer.dumpAllTracedMessages()).anySatisfy(m -> assertThat(m.getToNode()).isEqualTo("serve-summary"));
        } finally {
            tracer.setEnabled(false);
            // a poller's cycle traced while tracing was on lands in the tracer's history when it completes: let the
            // exchanges in flight end first, so the next test of this class starts from an empty tracer
            Awaitility.await("exchanges traced while tracing was on have ended").atMost(Duration.ofSeconds(30))
                    .until(() -> bridge.context().getInflightRepository().size() == 0);
            tracer.clear();
        }
    }

    /**
     * Started from the console, the debugger stops an API request at a breakpoint and lets it go on. The breakpoint is
     * in route api-guard: Camel 4.18's debugger leaves routes made by the REST DSL (the inlined api-* routes) out.
     */
    @Test
    void should_stop_an_api_request_at_a_breakpoint_once_debugging_is_started() throws Exception {
        BacklogDebugger debugger = debugger();
        debugger.enableDebugger();
        try {
            debugger.addBreakpoint("check-key-and-rate-limit");
            CompletableFuture<HttpResponse<String>> answer = summary();
            Awaitility.await("request suspended in the guard").atMost(Duration.ofSeconds(30))
                    .until(() -> debugger.getSuspendedBreakpointNodeIds().contains("check-key-and-rate-limit"));
            assertThat(answer).isNotDone();
            debugger.removeBreakpoint("check-key-and-rate-limit");
            debugger.resumeAll();
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            debugger.disableDebugger();
        }
    }

    /**
     * A split's parts keep no message history while the debugger is idle. Before IdleMessageHistory every part shared
     * its parent's history list (Exchange.copy() copies it only while the context's flag is on) and appended to it:
     * the 400th part saw ~1,600 entries, and a 200,000-line stock file grew it without bound. Once the debugger is
     * started, histories are recorded again, per part.
     */
    @Test
    void should_keep_no_message_history_in_a_split_while_the_debugger_is_idle() throws Exception {
        List<Integer> idle = historySizesOfASplit(400);
        assertThat(idle).hasSize(400).allSatisfy(n -> assertThat(n).isZero());

        BacklogDebugger debugger = debugger();
        debugger.enableDebugger();
        try {
            List<Integer> debugging = historySizesOfASplit(400);
            assertThat(debugging).hasSize(400).allSatisfy(n -> assertThat(n).isBetween(1, 20));
        } finally {
            debugger.disableDebugger();
        }
    }

    /** Sends a list of n items through a split of 3 steps; what each part's history held at its last step. */
    private static List<Integer> historySizesOfASplit(int n) throws Exception {
        List<Integer> sizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        if (bridge.context().getRoute("history-probe") == null) {
            bridge.context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:history-probe").routeId("history-probe")
                            .split(body()).id("probe-split")
                                .setHeader("probe").constant("a").id("probe-step-1")
                                .setHeader("probe").constant("b").id("probe-step-2")
                                .process(e -> e.getContext().getRegistry()
                                        .lookupByNameAndType("historySizes", List.class)
                                        .add(historySize(e))).id("probe-record")
                            .end();
                }
            });
        }
        bridge.context().getRegistry().bind("historySizes", sizes);
        bridge.context().createProducerTemplate().sendBody("direct:history-probe",
                java.util.stream.IntStream.range(0, n).boxed().toList());
        return sizes;
    }

    @SuppressWarnings("unchecked")
    private static int historySize(org.apache.camel.Exchange e) {
        List<Object> history = e.getProperty(org.apache.camel.ExchangePropertyKey.MESSAGE_HISTORY, List.class);
        return history == null ? 0 : history.size();
    }

    private static CompletableFuture<HttpResponse<String>> summary() {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(bridge.apiUrl("/api/summary")))
                .header("X-API-Key", "test-key-1").timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static BacklogTracer tracer() {
        return bridge.context().getCamelContextExtension().getContextPlugin(BacklogTracer.class);
    }

    private static BacklogDebugger debugger() {
        return bridge.context().hasService(BacklogDebugger.class);
    }
}
