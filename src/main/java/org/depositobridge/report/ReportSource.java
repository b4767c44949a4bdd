package org.depositobridge.report;

import org.depositobridge.dataset.DatasetService;

/**
 * Where the CSV rows come from: the datasets of the current snapshot, read with a raw query string by the rules of
 * the JSON twins ({@link DatasetService#extract}). An interface so a test can hand the drops a dataset that fails.
 */
@FunctionalInterface
public interface ReportSource {

    DatasetService.Extract extract(String dataset, String rawQuery);
}
