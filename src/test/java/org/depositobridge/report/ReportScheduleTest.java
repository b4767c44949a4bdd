package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.quartz.QuartzComponent;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The scheduled route in the real bridge: a cron every second in a zone other than the default, first into a
 * folder that cannot be created (its parent is a regular file: tests run as root, where chmod does not stop
 * writes), then, once the folder can be created, successfully. Checks the error path's health and that readiness
 * stays UP.
 */
class ReportScheduleTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path blocker;
    static Path reports;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a regular file where a directory should be");
        reports = blocker.resolve("reports");
        bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled", "false", "reports.dir", reports.toString(),
                "reports.cron", "* * * * * ?", "reports.timezone", TOKYO.getId()));
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                .publish(s -> CsvExportHttpTest.snapshot(s.version() + 1));
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** The Quartz trigger behind the route fires in reports.timezone, not in the JVM's zone, and skips misfires. */
    @Test
    void should_schedule_in_the_configured_zone() throws Exception {
        Scheduler scheduler = bridge.context().getComponent("quartz", QuartzComponent.class).getScheduler();
        List<CronTrigger> triggers = new java.util.ArrayList<>();
        for (var key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
            Trigger t = scheduler.getTrigger(key);
            if (t instanceof CronTrigger c) {
                triggers.add(c);
            }
        }
        assertThat(triggers).singleElement().satisfies(c -> {
            assertThat(c.getCronExpression()).isEqualTo("* * * * * ?");
            assertThat(c.getTimeZone().getID()).isEqualTo(TOKYO.getId());
            // resumed after a leadership change, the trigger must not fire the slots it missed (another replica's)
            assertThat(c.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
        });
    }

    /** Failing runs: health check reports DOWN with details, readiness and /health stay UP; writable again: written. */
    @Test
    void should_report_failures_without_failing_readiness_and_recover() throws Exception {
        ReportRuns drops = bridge.context().getRegistry().lookupByNameAndType("reportRuns", ReportRuns.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> drops.lastRun() != null && !drops.lastRun().written());
        assertThat(drops.lastRun().result()).isEqualTo(RunOutcome.FAILED);

        HttpResponse<String> all = bridge.getManagement("/observe/health");
        JsonNode checks = JSON.readTree(all.body()).get("checks");
        JsonNode reportsCheck = null;
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals("reports")) {
                reportsCheck = c;
            }
        }
        assertThat(reportsCheck).as(all.body()).isNotNull();
        assertThat(reportsCheck.get("status").asText()).isEqualTo("DOWN");
        assertThat(bridge.getManagement("/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(bridge.getManagement("/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);

        Files.delete(blocker);
        await().atMost(Duration.ofSeconds(30)).until(() -> drops.lastRun().written());
        String stamp = drops.lastRun().stamp();
        LocalDateTime tokyoNow = LocalDateTime.now(TOKYO);
        assertThat(ReportFiles.parseStamp(stamp)).isBetween(tokyoNow.minusMinutes(2), tokyoNow);
        assertThat(reports.resolve("manifest-" + stamp + ".json")).exists();
        assertThat(JSON.readTree(reports.resolve("manifest-" + stamp + ".json").toFile()).get("timezone").asText())
                .isEqualTo(TOKYO.getId());
    }
}
