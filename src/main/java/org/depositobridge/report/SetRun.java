package org.depositobridge.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.depositobridge.dataset.DatasetService;

/**
 * One run of route {@code reports-write-set} (exchange property {@code reportRun}): who asked, the stamp, the reports
 * of the set, their rows and files, and the outcome once decided. Steps of one exchange fill it in order; the split
 * over the files shares it (a property holds the same object in every part).
 */
public final class SetRun {

    private final String trigger;
    private final String stamp;
    private final Instant started;
    private final boolean quietSkips;
    private List<ReportSet.Report> reports = List.of();
    private List<DatasetService.Extract> extracts = List.of();
    private final List<SetFile> files = new ArrayList<>();
    private SetFile manifest;
    private boolean stale;
    private volatile String current;
    private volatile ReportRun outcome;

    SetRun(String trigger, String stamp, Instant started, boolean quietSkips) {
        this.trigger = trigger;
        this.stamp = stamp;
        this.started = started;
        this.quietSkips = quietSkips;
    }

    public String getTrigger() {
        return trigger;
    }

    public String getStamp() {
        return stamp;
    }

    /** The report files of the set, reports in set order, each in every format of {@code reports.formats}. */
    public List<SetFile> getFiles() {
        return files;
    }

    /** The manifest, planned once the files are. */
    public SetFile getManifest() {
        return manifest;
    }

    Instant started() {
        return started;
    }

    /** A skip (no data, busy folder) is logged at DEBUG: a catch-up looking again at a slot it announced. */
    boolean quietSkips() {
        return quietSkips;
    }

    List<ReportSet.Report> reports() {
        return reports;
    }

    void reports(List<ReportSet.Report> reports) {
        this.reports = List.copyOf(reports);
    }

    List<DatasetService.Extract> extracts() {
        return extracts;
    }

    void extracts(List<DatasetService.Extract> extracts, boolean stale) {
        this.extracts = List.copyOf(extracts);
        this.stale = stale;
    }

    boolean stale() {
        return stale;
    }

    void plan(List<ReportFormat> formats) {
        files.clear();
        for (int i = 0; i < reports.size(); i++) {
            String report = reports.get(i).name();
            for (ReportFormat format : formats) {
                files.add(new SetFile(report, format, ReportFiles.file(report, stamp, format), extracts.get(i)));
            }
        }
        manifest = new SetFile("manifest", null, ReportFiles.manifest(stamp), null);
    }

    /** The report being written, named by a failure. */
    String current() {
        return current;
    }

    void current(String report) {
        this.current = report;
    }

    ReportRun outcome() {
        return outcome;
    }

    void outcome(ReportRun outcome) {
        this.outcome = outcome;
    }
}
