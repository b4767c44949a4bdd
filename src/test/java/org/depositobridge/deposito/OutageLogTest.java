package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 13 (deposito part): an outage logs its state changes (each poller failing then recovered, the
 * breaker opening, half-opening, closing), not a line or a stack trace per refused call or failed poll.
 */
class OutageLogTest {

    @Test
    void should_log_state_changes_only_during_an_outage() throws Exception {
        try (SimulatedDeposito sim = SimulatedDeposito.start(100, 5, 20);
                RunningBridge bridge = RunningBridge.start(sim.bridgeSettings()).awaitReady()) {
            SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            List<String> pollers = List.of("productos", "critical", "movements");
            long before = pollers.stream().mapToLong(monitor::failures).sum();
            try (LogCapture logs = LogCapture.open()) {
                sim.simulator().faults().inject(Fault.reset().on(Endpoint.ALL));
                long started = System.nanoTime();
                await("an outage of 60 failed polls").atMost(Duration.ofSeconds(60))
                        .until(() -> pollers.stream().mapToLong(monitor::failures).sum() - before >= 60);
                long outageMs = (System.nanoTime() - started) / 1_000_000;
                long polls = pollers.stream().mapToLong(monitor::failures).sum() - before;
                List<ILoggingEvent> all = logs.atLeast(Level.INFO);
                // a cycle already past its calls when the fault came may still complete and log its success
                int first = 0;
                while (first < all.size() && !all.get(first).getFormattedMessage().contains("event=poller_failing")
                        && !all.get(first).getFormattedMessage().contains("event=deposito_breaker")) {
                    first++;
                }
                List<ILoggingEvent> during = all.subList(first, all.size());
                assertThat(first).as("lines before the outage showed").isLessThanOrEqualTo(6);

                sim.simulator().faults().clear();
                await("recovered").atMost(Duration.ofSeconds(30))
                        .until(() -> logs.count("event=poller_recovered") == 3);

                assertThat(during).as("no stack trace during the outage").noneMatch(l -> l.getThrowableProxy() != null);
                assertThat(during).noneMatch(l -> l.getFormattedMessage().contains("CallNotPermittedException"));
                long failing = during.stream().filter(l -> l.getFormattedMessage().contains("event=poller_failing")).count();
                long breaker = during.stream().filter(l -> l.getFormattedMessage().contains("event=deposito_breaker")).count();
                assertThat(failing).isEqualTo(3);
                assertThat(breaker).isPositive();
                // the breaker changes state at most twice per wait-open period (1 s here): OPEN, HALF_OPEN, OPEN...
                assertThat(breaker).isLessThanOrEqualTo(2 * (outageMs / 1000) + 2);
                // (the warm-start file of the last good version may still be written as the outage begins)
                assertThat(during).as("nothing else than those state changes")
                        .allMatch(l -> l.getFormattedMessage().contains("event=poller_failing")
                                || l.getFormattedMessage().contains("event=deposito_breaker")
                                || l.getFormattedMessage().contains("event=snapshot_saved"));
                assertThat(logs.atLeast(Level.INFO)).anyMatch(l -> l.getFormattedMessage().contains("event=deposito_breaker")
                        && l.getFormattedMessage().contains("to=CLOSED"));
                System.out.printf("OutageLogTest: %d failed polls in %d ms logged %d lines (%d poller_failing, %d breaker)%n",
                        polls, outageMs, during.size(), failing, breaker);
            }
        }
    }
}
