package org.depositobridge.report;

import java.util.Locale;

/**
 * How a drop run ended. {@link #label()} is the word the health check ({@code reports.last_result}), the
 * {@code .run-now.result} file and the log show (docs/reports.md), unchanged from when these were strings.
 */
public enum RunOutcome {
    /** the set and its manifest are in the folder */
    WRITTEN,
    /** nothing of the run is left under a final name */
    FAILED,
    /** the data was stale and {@code reports.stale-policy} is {@code skip} */
    SKIPPED_STALE,
    /** nothing was ever synced: a set of zeros would read as an empty warehouse */
    SKIPPED_NO_DATA,
    /** another run (of this process or another) held the folder */
    SKIPPED_BUSY,
    /** a complete set with this stamp (or, for a scheduled run, of this slot) is already there */
    SKIPPED_EXISTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What each report of such a run counts in {@code report_files_total}; null: not counted. */
    FileOutcome fileOutcome() {
        return switch (this) {
            case WRITTEN -> FileOutcome.WRITTEN;
            case FAILED -> FileOutcome.FAILED;
            case SKIPPED_STALE, SKIPPED_NO_DATA -> FileOutcome.SKIPPED;
            case SKIPPED_BUSY, SKIPPED_EXISTS -> null;
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
