package org.depositobridge.report;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Bean {@code reportRuns}: the bookkeeping of route {@code reports-write-set}. Opens a run, records how it ended (one
 * method per outcome, each with its log line and {@code report_files_total} counts) and keeps the last run and the
 * count of consecutive failures for health check {@code reports}. Decides nothing: the route's steps do.
 */
public class ReportRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRuns.class);

    private final DropSettings settings;
    private final ReportLocks locks;
    private final ReportMetrics metrics;
    private final Clock clock;
    private volatile ReportRun lastRun;
    private volatile int consecutiveFailures;

    public ReportRuns(DropSettings settings, ReportLocks locks, ReportMetrics metrics, Clock clock) {
        this.settings = settings;
        this.locks = locks;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Path directory() {
        return settings.dir();
    }

    public ReportRun lastRun() {
        return lastRun;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** A run of {@code trigger} stamped {@code stamp} (both set by the trigger's route). */
    public SetRun open(@ExchangeProperty("reportTrigger") String trigger, @ExchangeProperty("reportStamp") String stamp,
            @ExchangeProperty("reportQuietSkips") Boolean quietSkips) {
        return new SetRun(trigger, stamp, clock.instant(), Boolean.TRUE.equals(quietSkips));
    }

    /**
     * The reports of the routes' set ({@code routes/reports-set.camel.yaml}) that {@code reports.datasets} lets
     * through; IllegalArgumentException for a broken list, or one the filter leaves empty.
     */
    public void select(@ExchangeProperty("reportRun") SetRun run, @ExchangeProperty("reportSet") String reportSet) {
        List<ReportSet.Report> set = reportSet == null || reportSet.isBlank() ? ReportSet.of(settings.reports())
                : ReportSet.parse(reportSet);
        List<ReportSet.Report> reports = set.stream().filter(r -> settings.reports().contains(r.dataset())).toList();
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no report of the set reads a dataset of reports.datasets "
                    + settings.reports());
        }
        run.reports(reports);
    }

    /** The report a step is about to write, named if the run fails there. */
    public void writing(@ExchangeProperty("reportRun") SetRun run, @ExchangeProperty("reportFile") SetFile file) {
        run.current(file == null ? null : file.getReport());
    }

    public void skipBusy(@ExchangeProperty("reportRun") SetRun run) {
        skipLog(run).log("event=report_run_skipped reason={} trigger={} stamp={} dir={}", locks.busyReason(), run.getTrigger(), run.getStamp(), settings.dir());
        end(run, RunOutcome.SKIPPED_BUSY, null, null);
    }

    public void skipExisting(@ExchangeProperty("reportRun") SetRun run) {
        LOG.info("event=report_run_skipped reason=set_exists stamp={} trigger={}", run.getStamp(), run.getTrigger());
        end(run, RunOutcome.SKIPPED_EXISTS, null, null);
    }

    public void skipNoData(@ExchangeProperty("reportRun") SetRun run) {
        skipLog(run).log("event=report_run_skipped reason=no_data stamp={} trigger={}", run.getStamp(), run.getTrigger());
        end(run, RunOutcome.SKIPPED_NO_DATA, null, null);
    }

    public void skipStale(@ExchangeProperty("reportRun") SetRun run) {
        LOG.warn("event=report_run_skipped reason=stale_data policy=skip stamp={} trigger={}", run.getStamp(),
                run.getTrigger());
        end(run, RunOutcome.SKIPPED_STALE, null, null);
    }

    /** A scheduled slot that already has its set (another replica wrote it): nothing to do, said once. */
    public ReportRun skipTakenSlot(@ExchangeProperty("reportTrigger") String trigger,
            @ExchangeProperty("reportStamp") String stamp) {
        LOG.info("event=report_run_skipped reason=slot_has_set slot_stamp={} trigger={}", stamp, trigger);
        ReportRun skipped = new ReportRun(trigger, stamp, clock.instant(), clock.instant(), RunOutcome.SKIPPED_EXISTS,
                List.of(), null, null);
        lastRun = skipped;
        return skipped;
    }

    /** Every file and the manifest are under their final names. */
    public void written(@ExchangeProperty("reportRun") SetRun run) {
        List<String> files = new ArrayList<>();
        for (SetFile f : run.getFiles()) {
            files.add(f.getName());
            // written counts files (a report in two formats: 2); failed and skipped count reports, none went out
            metrics.count(f.getReport(), FileOutcome.WRITTEN);
            LOG.info("event=report_written report={} file={} rows={} bytes={} sha256={} stamp={}", f.getReport(),
                    f.getName(), f.rows(), f.bytes(), f.sha256(), run.getStamp());
        }
        files.add(run.getManifest().getName());
        LOG.info("event=report_run_completed stamp={} trigger={} files={} stale={} millis={}", run.getStamp(),
                run.getTrigger(), files.size(), run.stale(), clock.millis() - run.started().toEpochMilli());
        end(run, RunOutcome.WRITTEN, files, null);
    }

    /** The route's {@code doCatch}: logs the failure (with the report being written) and counts every report failed. */
    public void failed(@ExchangeProperty("reportRun") SetRun run,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        Throwable cause = caught;
        // the split wraps what failed in one of its parts
        while (cause instanceof CamelExchangeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String report = run.current();
        if (cause instanceof ReportRows.DatasetFailure df) {
            report = df.report();
            cause = df.getCause();
        }
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.error("event=report_failed report={} stamp={} trigger={} dir={} error=\"{}\" hint=\"no file of this run "
                + "was left under a final name; the next run tries again\"", report == null ? "-" : report,
                run.getStamp(), run.getTrigger(), settings.dir(), error, cause);
        run.current(report);
        end(run, RunOutcome.FAILED, null, error);
    }

    /**
     * The run's outcome, the body the route hands on. Kept as the last run unless the folder was busy (a skipped
     * trigger must not hide the outcome of the run that held it).
     */
    public ReportRun close(@ExchangeProperty("reportRun") SetRun run) {
        if (run.outcome() == null) {
            // a route edit that leaves a branch without its outcome step: a failed run, not a silent one
            LOG.error("event=report_failed report=- stamp={} trigger={} error=\"the route ended the run without an "
                    + "outcome step\"", run.getStamp(), run.getTrigger());
            end(run, RunOutcome.FAILED, null, "the route ended the run without an outcome step");
        }
        ReportRun outcome = run.outcome();
        if (outcome.result() != RunOutcome.SKIPPED_BUSY) {
            lastRun = outcome;
            consecutiveFailures = outcome.result() == RunOutcome.FAILED ? consecutiveFailures + 1 : 0;
        }
        return outcome;
    }

    private void end(SetRun run, RunOutcome result, List<String> files, String error) {
        FileOutcome counted = result.fileOutcome();
        if (counted != null && counted != FileOutcome.WRITTEN) {
            run.reports().forEach(r -> metrics.count(r.name(), counted));
        }
        run.outcome(new ReportRun(run.getTrigger(), run.getStamp(), run.started(), clock.instant(), result,
                files == null ? List.of() : List.copyOf(files), result == RunOutcome.FAILED ? run.current() : null,
                error));
    }

    private static LoggingEventBuilder skipLog(SetRun run) {
        return run.quietSkips() ? LOG.atDebug() : LOG.atWarn();
    }
}
