/**
 * Stock updates from dropped CSV files (issue 9): route {@code routes/stock-updates.camel.yaml} picks a complete
 * file from {@code stock-updates.inbox}; bean {@code stockUpdates} ({@link org.depositobridge.stock.StockUpdates})
 * reads it ({@link org.depositobridge.stock.StockFileReader}), gives every line a deterministic idempotency key,
 * remembers settled lines in a per-file journal ({@link org.depositobridge.stock.StockJournal}) and, once every
 * line is settled, writes the result and rejected files and moves the original
 * ({@link org.depositobridge.stock.StockFileOutcome}). Each line is one {@code POST /stock/update} through
 * {@code direct:deposito-call}; the lines go in waves of different products, sent concurrently, so one product's
 * lines keep their file order (issue 19, {@code stock-updates.concurrency}).
 */
package org.depositobridge.stock;
