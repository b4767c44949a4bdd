package org.depositobridge.deposito;

import org.apache.camel.Exchange;

/**
 * What Java does in one sync cycle of a poller route (routes/deposito-sync.camel.yaml): {@link #start} the cycle's
 * state, {@link #acceptPage} parse and validate each answer (applied in page order as soon as it can be, so at
 * most a few pages wait in memory), {@link #publish} the completed cycle. The route builds the requests, pages
 * through the list and handles failures. The cycle's state lives in the exchange (shared by its page exchanges,
 * hence thread-safe), and nothing reaches the {@link SnapshotStore} unless the cycle completes.
 */
public interface DepositoSync {

    /** Exchange property holding the cycle state. */
    String CYCLE = "depositoCycle";
    /** Exchange property with the page number (1-based) an answer belongs to, set by the route. */
    String PAGE = "depositoPage";

    void start(Exchange exchange);

    /** Reads one page's answer; throws {@link DepositoContractException} when it breaks the contract. */
    void acceptPage(Exchange exchange);

    /** Publishes the completed cycle; throws when a page is missing. */
    void publish(Exchange exchange);
}
