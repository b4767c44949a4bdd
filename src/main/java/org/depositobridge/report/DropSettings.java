package org.depositobridge.report;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The {@code reports.*} settings of the scheduled drops.
 *
 * @param reports   the datasets {@code reports.datasets} lets through (a filter on the routes' set), in file order
 * @param formats   the files of each report, in order ({@code reports.formats})
 * @param createDir create {@code dir} when missing (false: a missing directory, e.g. an unmounted share, fails)
 */
public record DropSettings(Path dir, List<String> reports, List<ReportFormat> formats, ZoneId zone, int retentionDays,
        StalePolicy stalePolicy, boolean createDir) {

    /** What to do when the data is stale (the deposito has not been synced recently). */
    public enum StalePolicy {
        /** write the set, flagged {@code "stale": true} in the manifest and the summary */
        WRITE_FLAGGED,
        /** write nothing this run */
        SKIP;

        static StalePolicy of(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "write-flagged" -> WRITE_FLAGGED;
                case "skip" -> SKIP;
                default -> throw new IllegalArgumentException("reports.stale-policy must be write-flagged or skip, got " + value);
            };
        }

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** CSV files only. */
    public DropSettings(Path dir, List<String> reports, ZoneId zone, int retentionDays, StalePolicy stalePolicy,
            boolean createDir) {
        this(dir, reports, List.of(ReportFormat.CSV), zone, retentionDays, stalePolicy, createDir);
    }

    public DropSettings {
        reports = List.copyOf(reports);
        formats = List.copyOf(new LinkedHashSet<>(formats));
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("reports.formats names no format");
        }
        for (String r : reports) {
            ReportTables.table(r);
        }
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("reports.datasets names no report");
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("reports.retention-days must be at least 1, got " + retentionDays);
        }
    }
}
