package org.depositobridge.report;

import java.util.Locale;

/** The file formats of a scheduled set ({@code reports.formats}): every report is written once per format. */
public enum ReportFormat {

    /** CSV in the drops' dialect ({@code reports.csv-dialect}) */
    CSV("csv"),
    /** a typed workbook (numbers, dates, text that is never evaluated) for spreadsheet users */
    XLSX("xlsx");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code csv} or {@code xlsx}, any case, trimmed. */
    public static ReportFormat of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.extension.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("reports.formats takes csv and xlsx, got '" + value + "'");
    }
}
