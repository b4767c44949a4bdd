package org.depositobridge.report;

import java.util.Locale;

/**
 * The two CSV shapes the bridge writes. Both: UTF-8, CRLF, {@code "} quoting of any cell holding the separator, a
 * quote, CR or LF, a header row of the field names, the formula guard on text cells.
 */
public enum CsvDialect {

    /** For programs (the API's default): comma, decimal point, ISO-8601 dates, no BOM. */
    RFC4180("rfc4180", ',', '.', false, false),

    /**
     * For people with Excel or LibreOffice in an Argentine locale (the scheduled drops' default): semicolon, decimal
     * comma, dates {@code dd/mm/yyyy} (timestamps {@code dd/mm/yyyy hh:mm:ss} in {@code reports.timezone}), and a
     * UTF-8 BOM so the spreadsheet does not read the accents as Latin-1.
     */
    EXCEL_AR("excel-ar", ';', ',', true, true);

    private final String key;
    private final char separator;
    private final char decimalSeparator;
    private final boolean bom;
    private final boolean localDates;

    CsvDialect(String key, char separator, char decimalSeparator, boolean bom, boolean localDates) {
        this.key = key;
        this.separator = separator;
        this.decimalSeparator = decimalSeparator;
        this.bom = bom;
        this.localDates = localDates;
    }

    /** The dialect named {@code value} ({@code rfc4180} or {@code excel-ar}, any case, trimmed). */
    public static CsvDialect of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (CsvDialect d : values()) {
            if (d.key.equals(v)) {
                return d;
            }
        }
        throw new IllegalArgumentException("CSV dialect must be rfc4180 or excel-ar, got '" + value + "'");
    }

    /** The name used in configuration, the {@code dialect} parameter and the manifest. */
    public String key() {
        return key;
    }

    public char separator() {
        return separator;
    }

    public char decimalSeparator() {
        return decimalSeparator;
    }

    public boolean bom() {
        return bom;
    }

    /** Dates and timestamps as a spreadsheet in the locale reads them, instead of ISO-8601. */
    public boolean localDates() {
        return localDates;
    }
}
