package org.depositobridge.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <reports.dir>/.run-now.result}: what the operator's {@code .run-now} request did (written, and which set; or
 * why nothing was written), so a touch never goes unanswered. Replaced atomically at every request.
 */
final class RunNowResult {

    private static final Logger LOG = LoggerFactory.getLogger(RunNowResult.class);

    private RunNowResult() {
    }

    static void write(Path dir, ReportRun run) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append("result=").append(run.result().label()).append('\n');
        b.append("stamp=").append(run.stamp()).append('\n');
        b.append("finished_at=").append(run.finishedAt()).append('\n');
        if (run.written()) {
            b.append("manifest=").append(ReportFiles.manifest(run.stamp())).append('\n');
        } else {
            b.append("reason=").append(reasonOf(run)).append('\n');
        }
        byte[] text = b.toString().getBytes(StandardCharsets.UTF_8);
        Path temp = dir.resolve(ReportFiles.temp(ReportFiles.RUN_NOW_RESULT));
        try {
            AtomicFiles.writeTemp(temp, out -> out.write(text));
            AtomicFiles.publish(temp, dir.resolve(ReportFiles.RUN_NOW_RESULT));
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp);
            LOG.warn("event=report_trigger_result_failed dir={} error=\"{}\"", dir, e.toString());
        }
    }

    private static String reasonOf(ReportRun run) {
        return switch (run.result()) {
            case SKIPPED_NO_DATA -> "no data yet: the first sync with the deposito has not completed";
            case SKIPPED_STALE -> "the data is stale and reports.stale-policy is skip";
            case SKIPPED_BUSY -> "another run was writing to the folder; touch .run-now again";
            case SKIPPED_EXISTS -> "a complete set with this stamp is already there";
            case FAILED -> "failed while writing " + (run.failedReport() == null ? "the set" : run.failedReport())
                    + ": " + run.error();
            case WRITTEN -> "written";
        };
    }
}
