package org.depositobridge.report;

import org.depositobridge.dataset.DatasetService;

/**
 * One file of a set being written (a report in one format, or the manifest): its final and temporary names, the
 * rows it renders, and what went to disk. Filled in by the steps of route {@code reports-write-set}.
 */
public final class SetFile {

    private final String report;
    private final ReportFormat format;
    private final String name;
    private final DatasetService.Extract extract;
    private long rows;
    private long bytes;
    private String sha256;

    SetFile(String report, ReportFormat format, String name, DatasetService.Extract extract) {
        this.report = report;
        this.format = format;
        this.name = name;
        this.extract = extract;
    }

    /** The report this file belongs to; {@code manifest} for the manifest. */
    public String getReport() {
        return report;
    }

    /** Null for the manifest. */
    public ReportFormat getFormat() {
        return format;
    }

    /** The final name, {@code <report>-<stamp>.<ext>} or {@code manifest-<stamp>.json}. */
    public String getName() {
        return name;
    }

    /** {@code .<final name>.tmp}, in the same folder so the rename is atomic. */
    public String getTempName() {
        return ReportFiles.temp(name);
    }

    DatasetService.Extract extract() {
        return extract;
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return sha256;
    }

    void rendered(long rows) {
        this.rows = rows;
    }

    void checksummed(long bytes, String sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }
}
