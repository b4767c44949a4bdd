package org.depositobridge;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

/**
 * Runs a configuration's late step once the context is fully started: the routes run, the HTTP servers are up and
 * camel-micrometer has bound {@code metricsRegistry}, none of which exists yet while a {@code CamelConfiguration}
 * configures.
 */
public final class WhenFullyStarted implements StartupListener {

    private final Consumer<CamelContext> action;

    private WhenFullyStarted(Consumer<CamelContext> action) {
        this.action = action;
    }

    public static void run(CamelContext context, Consumer<CamelContext> action) throws Exception {
        context.addStartupListener(new WhenFullyStarted(action));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // too early: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        action.accept(context);
    }
}
