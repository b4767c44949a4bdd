package org.depositobridge.console;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.BacklogDebugger;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console's Debug tab free until an operator uses it. With {@code camel.debug.standby=true} camel-main
 * turns the context's message history on, whatever {@code camel.main.messageHistory} says; and with message history
 * on, the backlog tracer in standby ({@code camel.trace.standby=true}, the Trace tab) writes every step of every
 * exchange as JSON for its "latest message history", traced or not. Measured on the API: about half of a request's
 * CPU (docs/benchmarks.md, "API, memory and start-up"). As the context starts, before its first route does, this
 * puts message history back to {@code camel.main.messageHistory}: the tracer's standby is then one flag test per
 * step, while the debugger is still installed in every route (breakpoints and stepping work as soon as the Debug tab
 * starts it) and the tracer still records everything once Trace is started. The dev profile, which sets message
 * history on, keeps it.
 *
 * <p>Why "starting" is late enough: camel-main creates the debugger while it configures the context, and the routes'
 * channels, built while the context initialises, install the debugger's advice whatever the flag says and find that
 * debugger (only creating one would turn the flag on again). Turning it off once the context had started (as this did) let
 * the pollers' first cycles, which begin while the last routes are still starting, record their history.
 */
public final class IdleDebugger extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(IdleDebugger.class);

    @Override
    public void onContextStarting(CamelContext context) {
        boolean configured = context.getPropertiesComponent().resolveProperty("camel.main.messageHistory")
                .map(v -> Boolean.parseBoolean(v.trim())).orElse(false);
        BacklogDebugger debugger = context.hasService(BacklogDebugger.class);
        if (!configured && debugger != null && Boolean.TRUE.equals(context.isMessageHistory())) {
            context.setMessageHistory(false);
            LOG.info("event=message_history_off reason=debugger_standby debugger_enabled={} "
                    + "hint=\"camel.main.messageHistory=true keeps it on\"", debugger.isEnabled());
        }
    }
}
