package org.depositobridge.report;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one drop run, kept as "the last run" for the health check and returned to the caller.
 *
 * @param result      {@code written}, {@code failed}, {@code skipped_stale}, {@code skipped_no_data} (nothing was
 *                    ever synced), {@code skipped_busy} or {@code skipped_exists} (a complete set with this stamp
 *                    is already there)
 * @param files       final file names written (CSV then manifest), empty unless written
 * @param failedReport the report being written when the run failed (null otherwise)
 */
public record ReportRun(String trigger, String stamp, Instant startedAt, Instant finishedAt, String result,
        List<String> files, String failedReport, String error) {

    public boolean written() {
        return "written".equals(result);
    }
}
