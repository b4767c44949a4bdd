package org.depositobridge.report;

import java.time.Clock;

import org.apache.camel.spi.Registry;

/**
 * The beans the steps of {@code routes/reports-drop.camel.yaml} call, each with one job, bound under the names the
 * route uses. One place, so the bridge and the route tests wire them alike.
 */
public final class ReportDropBeans {

    private ReportDropBeans() {
    }

    /**
     * Binds {@code reportRuns}, {@code reportTriggers}, {@code reportFolder}, {@code reportLock},
     * {@code durableFiles}, {@code reportCleanup}, {@code reportRows}, {@code reportRender}, {@code reportChecksum}
     * and {@code reportManifest}.
     *
     * @param slots the schedule, for the catch-up; null: never catch up
     * @return the run book (health check {@code reports} reads it)
     */
    public static ReportRuns bind(Registry registry, DropSettings settings, ReportSource source, CsvWriter writer,
            ReportMetrics metrics, Clock clock, ScheduleSlots slots) {
        ReportFolder folder = new ReportFolder(settings);
        ReportLocks locks = new ReportLocks(settings.dir());
        ReportRuns runs = new ReportRuns(settings, locks, metrics, clock);
        registry.bind("reportRuns", runs);
        registry.bind("reportFolder", folder);
        registry.bind("reportLock", locks);
        registry.bind("durableFiles", new DurableFiles(settings.dir()));
        registry.bind("reportCleanup", new ReportCleanup(settings, clock, locks));
        registry.bind("reportTriggers", new ReportTriggers(folder, settings.zone(), clock, slots));
        registry.bind("reportRows", new ReportRows(settings, source));
        registry.bind("reportRender", new ReportRender(writer, new XlsxWriter(settings.zone())));
        registry.bind("reportChecksum", new Sha256());
        registry.bind("reportManifest", new ReportManifest(settings.zone(), writer));
        return runs;
    }
}
