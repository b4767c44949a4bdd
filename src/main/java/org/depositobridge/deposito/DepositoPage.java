package org.depositobridge.deposito;

/**
 * One page of a paged deposito list, as the poller routes ask for it: {@code number} (1-based; {@code page=} of
 * {@code /stock/movements}) and {@code offset} ({@code offset=} of {@code /productos}). Public because the routes
 * read it ({@code ${body.number}}, {@code ${body.offset}}).
 */
public record DepositoPage(int number, long offset) {
}
