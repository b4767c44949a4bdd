package org.depositobridge.report;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.stream.Collectors;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of this bundle's files in {@code reports.dir}, and the exact patterns that recognise them. Retention and
 * the start-up clean-up touch only names these patterns match, never anything else in the folder.
 */
final class ReportFiles {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd_HHmm");
    /** A set asked for again within the minute of an existing one ({@code .run-now}) is stamped to the second. */
    static final DateTimeFormatter SECONDS_STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd_HHmmss");
    static final String RUN_NOW = ".run-now";
    /** What the last {@code .run-now} request did. */
    static final String RUN_NOW_RESULT = ".run-now.result";
    static final String LOCK = ".reports.lock";

    private static final String REPORTS = "summary|providers|top-products|stock-timeline|critical-stock";
    private static final String STAMP_RE = "(\\d{4}-\\d{2}-\\d{2}_\\d{4}(?:\\d{2})?)";
    private static final String FORMATS = "csv|xlsx";
    /** {@code <report>-<stamp>.csv} and {@code <report>-<stamp>.xlsx}: a report file of a set */
    static final Pattern CSV = Pattern.compile("(" + REPORTS + ")-" + STAMP_RE + "\\.(?:" + FORMATS + ")");
    /** {@code manifest-<stamp>.json} */
    static final Pattern MANIFEST = Pattern.compile("manifest-" + STAMP_RE + "\\.json");
    /** {@code .<report>-<stamp>.csv.tmp}, {@code .<report>-<stamp>.xlsx.tmp} and {@code .manifest-<stamp>.json.tmp} */
    static final Pattern TEMP = Pattern.compile("\\.(?:(?:" + REPORTS + ")-" + STAMP_RE + "\\.(?:" + FORMATS
            + ")|manifest-" + STAMP_RE + "\\.json)\\.tmp");

    private ReportFiles() {
    }

    /** {@link #CSV} for these report names (the fixed five and a set's own, {@link ReportSet}). */
    static Pattern reportFile(Collection<String> reports) {
        return Pattern.compile("(" + alternation(reports) + ")-" + STAMP_RE + "\\.(?:" + FORMATS + ")");
    }

    /** {@link #TEMP} for these report names. */
    static Pattern temp(Collection<String> reports) {
        return Pattern.compile("\\.(?:(?:" + alternation(reports) + ")-" + STAMP_RE + "\\.(?:" + FORMATS
                + ")|manifest-" + STAMP_RE + "\\.json)\\.tmp");
    }

    private static String alternation(Collection<String> reports) {
        return reports.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    static String csv(String report, String stamp) {
        return file(report, stamp, ReportFormat.CSV);
    }

    static String file(String report, String stamp, ReportFormat format) {
        return report + "-" + stamp + "." + format.extension();
    }

    static String manifest(String stamp) {
        return "manifest-" + stamp + ".json";
    }

    static String temp(String finalName) {
        return "." + finalName + ".tmp";
    }

    /** The stamp of one of this bundle's final files (CSV or manifest), else null. */
    static String stampOf(String fileName) {
        Matcher m = CSV.matcher(fileName);
        if (m.matches()) {
            return m.group(2);
        }
        m = MANIFEST.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** {@link #stampOf(String)} for these report names. */
    static String stampOf(String fileName, Collection<String> reports) {
        Matcher m = reportFile(reports).matcher(fileName);
        if (m.matches()) {
            return m.group(2);
        }
        m = MANIFEST.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    static LocalDateTime parseStamp(String stamp) {
        return LocalDateTime.parse(stamp, stamp.length() > 15 ? SECONDS_STAMP : STAMP);
    }

    // ------------------------------------------------------------------ SFTP delivery (ReportDeliveries)

    /**
     * {@code .delivered-<stamp>}: the set went up over SFTP. A dot name, so consumers of the folder skip it and
     * neither retention nor the clean-up matches it; the delivery's sweep removes a marker whose set is gone.
     */
    static final Pattern DELIVERED = Pattern.compile("\\.delivered-" + STAMP_RE);
    /** {@code .delivered-<stamp>.tmp}: a marker being written. */
    static final Pattern DELIVERED_TEMP = Pattern.compile("\\.delivered-" + STAMP_RE + "\\.tmp");

    static String delivered(String stamp) {
        return ".delivered-" + stamp;
    }
}
