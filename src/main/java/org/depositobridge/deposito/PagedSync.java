package org.depositobridge.deposito;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * A sync over a paged deposito list (products, movements): page 1 tells how many pages there are, pages 2..N follow
 * ({@link #remainingPages}, the route's split). Subclasses say how many there are ({@link #lastPage}).
 */
abstract class PagedSync implements DepositoSync {

    /** The largest page the deposito serves (its {@code limit} / {@code size} maximum). */
    static final int MAX_PAGE_SIZE = 1000;

    final int pageSize;

    /**
     * @param pageSizeKey the configuration key of the page size, named when it is refused
     * @param pageSize items per page; the route asks for the same number ({@code deposito.<poller>.page-size}), so
     *                 a value the deposito would not honour is refused here rather than silently changed
     */
    PagedSync(String pageSizeKey, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(pageSizeKey + " must be 1.." + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** Pages still to fetch once page 1 was accepted (2..N), empty when there are none. */
    public final List<DepositoPage> remainingPages(Exchange exchange) {
        return PageLists.from2To(lastPage(exchange), pageSize);
    }

    /** The number of pages, known once page 1 was accepted. */
    abstract int lastPage(Exchange exchange);
}
