package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 2: the shared breaker {@code deposito-breaker} counts only a deposito in trouble (transport
 * errors, timeouts, 5xx, 429). Refused lines (400, 404, 422) are business answers: they fail their call but
 * never open the circuit, so the pollers keep polling.
 */
class BreakerBusinessAnswersTest {

    static SimulatedDeposito deposito;
    static RunningBridge bridge;
    static SyncMonitor monitor;
    static ProducerTemplate calls;

    @BeforeAll
    static void start() throws Exception {
        deposito = SimulatedDeposito.start(100, 5, 20);
        Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
        // slow pollers, so their successes do not dilute the breaker's window of the refused calls
        settings.put("deposito.productos.period-ms", "1000");
        settings.put("deposito.critical.period-ms", "1000");
        settings.put("deposito.movements.period-ms", "1000");
        bridge = RunningBridge.start(settings);
        monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
        calls = bridge.context().createProducerTemplate();
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.successes("critical") > 0);
    }

    @AfterAll
    static void stop() throws Exception {
        calls.close();
        bridge.close();
        deposito.close();
    }

    /** Eight refused calls (real 422 and 404 answers, and 400 stock_insuficiente) leave the breaker CLOSED. */
    @Test
    void should_keep_the_breaker_closed_after_eight_refused_lines() {
        deposito.simulator().faults().clear();
        for (int i = 0; i < 3; i++) {
            assertThat(status(call("POST", "/stock/update", "{}"))).isEqualTo(422);
            assertThat(status(call("GET", "/productos/987654321", null))).isEqualTo(404);
        }
        deposito.simulator().faults().inject(Fault.status(400).on(Endpoint.STOCK_UPDATE));
        for (int i = 0; i < 2; i++) {
            assertThat(status(call("POST", "/stock/update", "{}"))).isEqualTo(400);
        }
        deposito.simulator().faults().clear();
        assertThat(DepositoHealthCheck.circuitState(bridge.context())).isEqualTo("CLOSED");
        long successes = monitor.successes("productos");
        await("polls proceed").atMost(Duration.ofSeconds(10)).until(() -> monitor.successes("productos") > successes);
        assertThat(DepositoHealthCheck.circuitState(bridge.context())).isEqualTo("CLOSED");
    }

    /** A deposito answering 5xx still opens it. */
    @Test
    void should_still_open_the_breaker_on_5xx() {
        deposito.simulator().faults().inject(Fault.status(503).on(Endpoint.STOCK_UPDATE));
        try {
            for (int i = 0; i < 8; i++) {
                call("POST", "/stock/update", "{}");
            }
            assertThat(DepositoHealthCheck.circuitState(bridge.context())).isIn("OPEN", "HALF_OPEN");
        } finally {
            deposito.simulator().faults().clear();
        }
        await("closes again").atMost(Duration.ofSeconds(20))
                .until(() -> "CLOSED".equals(DepositoHealthCheck.circuitState(bridge.context())));
    }

    private static Exchange call(String method, String path, String body) {
        return calls.send("direct:deposito-call", e -> {
            e.setProperty(DepositoCalls.ENDPOINT, "stock_update");
            e.getMessage().setHeader(DepositoCalls.PATH, path);
            e.getMessage().setHeader(DepositoCalls.METHOD, method);
            e.getMessage().setBody(body);
        });
    }

    private static int status(Exchange e) {
        Throwable t = DepositoCalls.cause(e);
        assertThat(t).isInstanceOf(HttpOperationFailedException.class);
        return ((HttpOperationFailedException) t).getStatusCode();
    }
}
