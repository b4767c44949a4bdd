/**
 * CSV out of the bridge: {@link org.depositobridge.report.CsvWriter} streams dataset rows as spreadsheet-safe
 * RFC 4180 CSV; {@link org.depositobridge.report.CsvExports} (bean {@code csvExports}) answers the
 * {@code /api/export/*.csv} paths; {@link org.depositobridge.report.ReportDrops} (bean {@code reportDrops})
 * writes the scheduled drops into {@code reports.dir}: temporary file, fsync, atomic rename, manifest last.
 */
package org.depositobridge.report;
