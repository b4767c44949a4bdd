package org.depositobridge.deposito;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * One kind of sync cycle, driven by the {@code deposito-poller} route template: {@link #start}; the first
 * page ({@link #firstRequest}, the call, {@link #acceptPage}), which tells how many pages there are; the
 * other pages ({@link #remainingPages}, each {@link #pageRequest}, the call, {@link #acceptPage}), fetched
 * in parallel; then {@link #publish}. Pages may arrive in any order: they are applied in page order as soon
 * as they can be, so at most a few pages wait in memory. The cycle's state lives in the exchange (shared by
 * its page exchanges, hence thread-safe), and nothing reaches the {@link SnapshotStore} unless the cycle
 * completes.
 */
public interface DepositoSync {

    /** Exchange property holding the cycle state. */
    String CYCLE = "depositoCycle";
    /** Exchange property with the page number (1-based) a response belongs to. */
    String PAGE = "depositoPage";

    void start(Exchange exchange);

    /** Sets up the call for page 1. */
    void firstRequest(Exchange exchange);

    /** Page numbers still to fetch once page 1 was accepted (2..N), empty when there are none. */
    List<Integer> remainingPages(Exchange exchange);

    /** Sets up the call for the page number in the body. */
    void pageRequest(Exchange exchange);

    /** Reads one page's answer; throws {@link DepositoContractException} when it breaks the contract. */
    void acceptPage(Exchange exchange);

    /** Publishes the completed cycle; throws when a page is missing. */
    void publish(Exchange exchange);
}
