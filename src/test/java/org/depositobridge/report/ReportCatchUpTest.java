package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Stream;

import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bridge started after its daily slot had passed (it was down at the time, or another replica died holding
 * the leadership): it writes the missed set once its data is there, and not a second one.
 */
class ReportCatchUpTest {

    @TempDir
    Path tmp;

    /** A daily cron whose slot was two minutes ago: one set appears, with no scheduled fire in between. */
    @Test
    void should_write_the_set_of_a_slot_missed_while_the_bridge_was_down() throws Exception {
        Path reports = tmp.resolve("reports");
        ZonedDateTime slot = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        String dailyAtSlot = "0 " + slot.getMinute() + " " + slot.getHour() + " * * ?";
        try (RunningBridge bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000",
                "deposito.sync.enabled", "false", "reports.dir", reports.toString(), "reports.cron", dailyAtSlot,
                "reports.timezone", "UTC", "reports.catch-up-window", "1h", "reports.run-now-poll-interval", "100"))) {
            ReportRuns drops = bridge.context().getRegistry().lookupByNameAndType("reportRuns", ReportRuns.class);
            await("no data, no set").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> manifests(reports) == 0);

            bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                    .publish(s -> CsvExportHttpTest.snapshot(s.version() + 1));

            // the manifest appears before the run returns and becomes lastRun (retention, the log): wait for both
            await("the missed set").atMost(Duration.ofSeconds(30)).until(() -> manifests(reports) == 1
                    && drops.lastRun() != null && !RunOutcome.SKIPPED_NO_DATA.equals(drops.lastRun().result()));
            assertThat(drops.lastRun().trigger()).isEqualTo("catch-up");
            assertThat(drops.lastRun().result()).isEqualTo(RunOutcome.WRITTEN);
            await("still one set").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> manifests(reports) == 1);
        }
    }

    private static long manifests(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> ReportFiles.MANIFEST.matcher(p.getFileName().toString()).matches()).count();
        }
    }
}
