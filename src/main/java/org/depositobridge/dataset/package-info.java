/**
 * The dashboard datasets: each published {@link org.depositobridge.deposito.DepositoSnapshot} is rolled up once
 * into compact daily aggregates ({@link org.depositobridge.dataset.DailyRollup}) from which every dataset of the
 * dashboard API is answered ({@link org.depositobridge.dataset.Datasets}); {@link
 * org.depositobridge.dataset.DatasetService} (bean {@code dashboardDatasets}) serves them as prepared, ETagged
 * bytes to the REST routes. Raw movements are read once per snapshot, never per request.
 */
package org.depositobridge.dataset;
