package org.depositobridge.report;

import java.util.Locale;

/** The {@code result} tag of {@code report_files_total}: what became of one report of a run. */
public enum FileOutcome {
    WRITTEN,
    FAILED,
    SKIPPED;

    /** The tag value ({@code written}, {@code failed}, {@code skipped}), as docs/reports.md documents it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
