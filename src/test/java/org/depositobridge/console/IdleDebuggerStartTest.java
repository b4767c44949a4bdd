package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.Test;

/**
 * An exchange that runs while the context is still starting (a poller's first cycle begins 1 s after its route starts,
 * often before the last routes have) records no message history either: IdleDebugger turns the flag off as the
 * context starts, not once it has started. Camel Main with the bridge's console settings (debugger and tracer in
 * standby) and IdleDebugger wired as App wires it; the last route's start policy sends an exchange through the first
 * route while the context is still starting.
 */
class IdleDebuggerStartTest {

    @Test
    void should_record_no_history_for_an_exchange_that_runs_while_the_context_starts() throws Exception {
        CountDownLatch earlyRan = new CountDownLatch(1);
        AtomicReference<Boolean> historyFlag = new AtomicReference<>();
        AtomicInteger historySize = new AtomicInteger(-1);
        AtomicReference<Boolean> contextStarted = new AtomicReference<>();
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");   // none of the bridge's config/: only what is set here
        main.addOverrideProperty("camel.debug.standby", "true");
        main.addOverrideProperty("camel.trace.standby", "true");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                m.getCamelContext().addLifecycleStrategy(new IdleDebugger());
                IdleMessageHistory.install(m.getCamelContext());
            }
        });
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:early").routeId("early").startupOrder(1)
                        .setHeader("step").constant("a").id("early-step")
                        .process(e -> {
                            CamelContext c = e.getContext();
                            contextStarted.set(c.isStarted());
                            historyFlag.set(c.isMessageHistory());
                            List<?> history = e.getProperty(ExchangePropertyKey.MESSAGE_HISTORY, List.class);
                            historySize.set(history == null ? 0 : history.size());
                            earlyRan.countDown();
                        }).id("early-record");
                from("direct:late").routeId("late").startupOrder(2)
                        .routePolicy(new RoutePolicySupport() {
                            @Override
                            public void onStart(Route route) {
                                // the context is still starting (this route is its last): one exchange through the
                                // first route, as a poller's first cycle would run
                                route.getCamelContext().createFluentProducerTemplate().to("direct:early").send();
                            }
                        })
                        .log("late").id("late-log");
            }
        });
        try {
            main.start();
            assertThat(earlyRan.getCount()).as("the early exchange ran").isZero();
            assertThat(contextStarted.get()).as("it ran before the context had started").isFalse();
            assertThat(historyFlag.get()).as("message history flag while it ran").isFalse();
            assertThat(historySize.get()).as("history entries it recorded").isZero();
            assertThat(main.getCamelContext().isDebugStandby()).as("the debugger is still offered").isTrue();
        } finally {
            main.stop();
        }
    }
}
