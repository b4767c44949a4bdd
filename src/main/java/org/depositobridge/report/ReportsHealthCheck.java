package org.depositobridge.report;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health check {@code reports}: the outcome of the last drop run. DOWN after a failed run, UP after a written or
 * skipped one (and before the first run), with the details (last result, stamp, failed report, error, consecutive
 * failures).
 *
 * <p>It is neither a readiness nor a liveness check: a failed report must not take the bridge out of the load
 * balancer or get it restarted (the API still serves, and the next run retries). Camel then leaves it out of
 * {@code /observe/health/ready}, {@code /observe/health/live} and the bridge's {@code /health}; it shows, DOWN with
 * its details, in the combined {@code /observe/health} an operator looks at, next to the metric and the log line.
 */
public class ReportsHealthCheck extends AbstractHealthCheck {

    private final ReportRuns drops;

    public ReportsHealthCheck(ReportRuns drops) {
        super("bridge", "reports");
        this.drops = drops;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ReportRun last = drops.lastRun();
        builder.detail("reports.dir", drops.directory().toString());
        builder.detail("reports.consecutive_failures", drops.consecutiveFailures());
        if (last == null) {
            builder.detail("reports.last_result", "none");
            builder.up();
            return;
        }
        builder.detail("reports.last_result", last.result().label());
        builder.detail("reports.last_trigger", last.trigger());
        builder.detail("reports.last_stamp", last.stamp() == null ? "" : last.stamp());
        builder.detail("reports.last_finished_at", last.finishedAt().toString());
        if (last.result() == RunOutcome.FAILED) {
            builder.detail("reports.failed_report", last.failedReport() == null ? "" : last.failedReport());
            builder.detail("reports.error", last.error() == null ? "" : last.error());
            builder.message("last report run failed: " + last.error());
            builder.down();
        } else {
            builder.up();
        }
    }
}
