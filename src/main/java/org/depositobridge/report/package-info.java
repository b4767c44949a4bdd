/**
 * CSV and XLSX out of the bridge: {@link org.depositobridge.report.CsvWriter} streams dataset rows as spreadsheet-safe
 * RFC 4180 CSV; {@link org.depositobridge.report.CsvExports} (bean {@code csvExports}) answers the
 * {@code /api/export/*} paths. The scheduled drops into {@code reports.dir} are the flow of
 * {@code routes/reports-drop.camel.yaml}; the beans its steps call, one job each, are bound by
 * {@link org.depositobridge.report.ReportDropBeans}. {@link org.depositobridge.report.DepositoListApi} (bean
 * {@code depositoListApi}) answers the raw deposito lists a YAML poller keeps, as JSON and CSV.
 */
package org.depositobridge.report;
