package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.Suspendable;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.service.ServiceHelper;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 1: nothing ends a poller's schedule, and a poller that stops attempting cycles does not go
 * unnoticed.
 */
class PollerScheduleTest {

    /** An Error thrown in a cycle (an OutOfMemoryError) fails that cycle only: the poller keeps its schedule. */
    @Test
    void should_keep_polling_after_an_error_in_a_cycle() throws Exception {
        try (SimulatedDeposito sim = SimulatedDeposito.start(100, 5, 20);
                RunningBridge bridge = RunningBridge.start(sim.bridgeSettings())) {
            SyncMonitor monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.successes("critical") > 0);
            AtomicInteger thrown = new AtomicInteger();
            // counted before the advice: the re-started route's first cycle runs at once (no initial delay), and can
            // end before a count read after adviceWith returns
            long successes = monitor.successes("critical");
            long failures = monitor.failures("critical");
            AdviceWith.adviceWith(bridge.context(), "deposito-sync-critical", a -> a.weaveById("sync-critical-attempt")
                    .before().process(e -> {
                        if (thrown.getAndIncrement() < 2) {
                            throw new OutOfMemoryError("simulated: Java heap space");
                        }
                    }));
            await("the poller ran past the errors").atMost(Duration.ofSeconds(20))
                    .until(() -> thrown.get() > 2 && monitor.successes("critical") > successes + 2);
            // both cycles the Error ended count as failures (the data was flagged stale meanwhile)
            assertThat(monitor.failures("critical")).isEqualTo(failures + 2);
        }
    }

    /**
     * A poller whose schedule stops (its consumer no longer fires while the route still says Started, as with a
     * timer thread killed by an Error) makes readiness DOWN and logs event=poller_stalled once; readiness comes
     * back UP when it polls again.
     */
    @Test
    void should_make_readiness_down_when_a_poller_stops_attempting() throws Exception {
        try (SimulatedDeposito sim = SimulatedDeposito.start(100, 5, 20)) {
            Map<String, String> settings = new HashMap<>(sim.bridgeSettings());
            // stalled after 3 x 300 ms + 1 s without a cycle start
            settings.put("deposito.critical.cycle-timeout-ms", "1000");
            try (LogCapture logs = LogCapture.open();
                    RunningBridge bridge = RunningBridge.start(settings).awaitReady()) {
                Route route = bridge.context().getRoute("deposito-sync-critical");
                Consumer consumer = route.getConsumer();
                assertThat(consumer).isInstanceOf(Suspendable.class);
                // a first cycle slower than the 1.9 s limit on a loaded machine is a stall too (and resumes): count from here
                long stalledBefore = logs.count("event=poller_stalled poller=critical");
                long resumedBefore = logs.count("event=poller_resumed poller=critical");
                long anyStalledBefore = logs.count("event=poller_stalled");
                ServiceHelper.suspendService(consumer);
                long stoppedAt = System.nanoTime();
                await("readiness DOWN").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> bridge.getManagement("/observe/health/ready").statusCode() == 503);
                long ms = (System.nanoTime() - stoppedAt) / 1_000_000;
                assertThat(bridge.context().getRouteController().getRouteStatus("deposito-sync-critical").isStarted())
                        .isTrue();
                assertThat(bridge.getManagement("/observe/health/ready").body()).contains("critical");
                assertThat(bridge.get("/health").statusCode()).isEqualTo(503);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> logs.count("event=poller_stalled poller=critical") == stalledBefore + 1);

                ServiceHelper.resumeService(consumer);
                await("readiness UP again").atMost(Duration.ofSeconds(15))
                        .until(() -> bridge.getManagement("/observe/health/ready").statusCode() == 200);
                assertThat(logs.count("event=poller_resumed poller=critical")).isEqualTo(resumedBefore + 1);
                assertThat(logs.count("event=poller_stalled")).isEqualTo(anyStalledBefore + 1);
                System.out.printf("PollerScheduleTest: readiness DOWN %d ms after the poller stopped (limit 1900 ms)%n", ms);
            }
        }
    }
}
