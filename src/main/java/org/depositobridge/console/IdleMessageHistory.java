package org.depositobridge.console;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.MessageHistory;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.engine.DefaultMessageHistoryFactory;
import org.apache.camel.spi.BacklogDebugger;

/**
 * Message history recorded only while someone reads it: the context has message history on (the dev profile,
 * {@code camel.main.messageHistory=true}) or an operator has started the console's debugger.
 *
 * <p>Why: with the debugger in standby ({@code camel.debug.standby=true}) Camel 4.18 puts a message-history step in
 * front of every node of every route, whatever the message-history setting, and {@link IdleDebugger} turns the
 * context's flag off as the context starts. With the flag off, {@code Exchange.copy()} no longer gives a copy its own history
 * list: every exchange a split makes shares its parent's, and every step of every part appends to that one
 * copy-on-write list, so a split's cost grew with the square of its parts (JFR on a 5,000-line stock file: over 100 GB
 * allocated in {@code MessageHistoryAdvice.before}, 74 full collections of a 1 GB heap). Returning no history while
 * idle keeps each exchange's list empty; once the Debug tab starts the debugger, histories are recorded again.
 */
public final class IdleMessageHistory extends DefaultMessageHistoryFactory {

    private final CamelContext context;
    private volatile BacklogDebugger debugger;

    public IdleMessageHistory(CamelContext context) {
        this.context = context;
        setCamelContext(context);
    }

    /**
     * Makes this the context's message-history factory; before routes are built (each node reads it once). Camel's
     * setter also turns the context's message history on, which would wake the backlog tracer's standby on every
     * step (the prod profile, with no debugger to make {@link IdleDebugger} turn it off again): the flag is put back.
     */
    public static void install(CamelContext context) {
        Boolean before = context.isMessageHistory();
        context.setMessageHistoryFactory(new IdleMessageHistory(context));
        context.setMessageHistory(before);
    }

    @Override
    public MessageHistory newMessageHistory(String routeId, NamedNode node, Exchange exchange) {
        return recording() ? super.newMessageHistory(routeId, node, exchange) : null;
    }

    /** Whether history is wanted now: the context's flag, or a started debugger. */
    boolean recording() {
        if (Boolean.TRUE.equals(context.isMessageHistory())) {
            return true;
        }
        BacklogDebugger d = debugger;
        if (d == null) {
            // added by Camel while it builds the routes; looked up once it is there
            d = context.hasService(BacklogDebugger.class);
            debugger = d;
        }
        return d != null && d.isEnabled();
    }
}
