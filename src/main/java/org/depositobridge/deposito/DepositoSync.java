package org.depositobridge.deposito;

import org.apache.camel.Exchange;

/**
 * One kind of sync cycle, driven by the {@code deposito-poller} route template: {@link #start}, then while
 * {@link #hasMore}: {@link #nextRequest}, the call, {@link #acceptPage}; then {@link #publish}. The cycle's
 * state lives in the exchange, so nothing is shared between cycles, and nothing reaches the
 * {@link SnapshotStore} unless the cycle completes.
 */
public interface DepositoSync {

    /** Exchange property holding the cycle state. */
    String CYCLE = "depositoCycle";

    void start(Exchange exchange);

    boolean hasMore(Exchange exchange);

    void nextRequest(Exchange exchange);

    void acceptPage(Exchange exchange);

    void publish(Exchange exchange);
}
