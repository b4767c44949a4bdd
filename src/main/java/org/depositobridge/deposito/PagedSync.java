package org.depositobridge.deposito;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * A sync over a paged deposito list (products, movements): page 1 tells how many pages there are, pages 2..N follow.
 * Subclasses say where a page is ({@link #path}, {@link #query}) and how many there are ({@link #lastPage}).
 */
abstract class PagedSync implements DepositoSync {

    private final String endpoint;

    /** @param endpoint the deposito endpoint group of the calls (stats and metrics label) */
    PagedSync(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void firstRequest(Exchange exchange) {
        request(exchange, 1);
    }

    @Override
    public final List<Integer> remainingPages(Exchange exchange) {
        return PageLists.from2To(lastPage(exchange));
    }

    @Override
    public final void pageRequest(Exchange exchange) {
        request(exchange, exchange.getMessage().getBody(Integer.class));
    }

    /** The path of the list, e.g. {@code /productos}. */
    abstract String path();

    /** The query string that asks for one page (1-based) of this cycle. */
    abstract String query(Exchange exchange, int page);

    /** The number of pages, known once page 1 was accepted. */
    abstract int lastPage(Exchange exchange);

    private void request(Exchange exchange, int page) {
        exchange.setProperty(PAGE, page);
        exchange.setProperty(DepositoCalls.ENDPOINT, endpoint);
        exchange.getMessage().setHeader(DepositoCalls.PATH, path());
        exchange.getMessage().setHeader(DepositoCalls.QUERY, query(exchange, page));
    }
}
