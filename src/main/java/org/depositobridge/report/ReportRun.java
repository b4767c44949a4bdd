package org.depositobridge.report;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one drop run, kept as "the last run" for the health check and the body the drop routes hand on.
 *
 * @param trigger      {@code schedule}, {@code file} (an operator's {@code .run-now}) or {@code catch-up}: set by the route
 * @param files        final file names written (reports then manifest), empty unless written
 * @param failedReport the report being written when the run failed (null otherwise)
 */
public record ReportRun(String trigger, String stamp, Instant startedAt, Instant finishedAt, RunOutcome result,
        List<String> files, String failedReport, String error) {

    public boolean written() {
        return result == RunOutcome.WRITTEN;
    }
}
