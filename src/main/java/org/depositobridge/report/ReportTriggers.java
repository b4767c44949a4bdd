package org.depositobridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportTriggers}: for each trigger of {@code routes/reports-drop.camel.yaml}, whether it writes a set and
 * under which stamp. The schedule's slot (from Quartz's fire time), the operator's {@code .run-now} (claimed by
 * deleting it, answered in {@code .run-now.result}), and the catch-up of a slot nobody wrote (once per slot and
 * process). The slot arithmetic is {@link ScheduleSlots}'.
 */
public class ReportTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(ReportTriggers.class);

    /** A slot the catch-up writes; {@code repeated}: looked at before (its skips are logged at DEBUG). */
    public record MissedSlot(Instant slot, boolean repeated) {
    }

    private final ReportFolder folder;
    private final ZoneId zone;
    private final Clock clock;
    private final ScheduleSlots slots;
    /** The missed slot this process already tried to write (once per slot and process). */
    private volatile Instant caughtUp;
    /** The missed slot already announced: a catch-up that waits for data looks every poll, but says so once. */
    private volatile Instant missedAnnounced;

    /** @param slots the schedule, to write a missed set; null: never catch up */
    public ReportTriggers(ReportFolder folder, ZoneId zone, Clock clock, ScheduleSlots slots) {
        this.folder = folder;
        this.zone = zone;
        this.clock = clock;
        this.slots = slots;
    }

    /**
     * The stamp of a scheduled run: its slot. From the fire time Quartz scheduled, not from the clock: Quartz may
     * start a job a few milliseconds early, which would stamp a 06:00 run 0559 and take the previous slot for its own.
     */
    public String scheduledStamp(@Header("scheduledFireTime") Date scheduled) {
        return stampOf(slotTime(scheduled));
    }

    /**
     * Whether the slot a scheduled run fires for already has its set: Quartz, resumed when this replica leads again,
     * would otherwise run a slot another replica wrote in the meantime.
     */
    public boolean slotHasSet(@Header("scheduledFireTime") Date scheduled) {
        if (slots == null) {
            return false;
        }
        return slots.currentSlot(slotTime(scheduled)).flatMap(s -> folder.hasSetSince(stampOf(s))).orElse(false);
    }

    private Instant slotTime(Date scheduled) {
        return scheduled != null ? scheduled.toInstant() : clock.instant();
    }

    /** The stamp of a run that starts now. */
    public String nowStamp() {
        return stampOf(clock.instant());
    }

    /**
     * Whether an operator asked for a run: {@code <reports.dir>/.run-now} existed and is now removed. Deleting is the
     * claim, so one touch starts one run however many pollers look.
     */
    public boolean claimRunNow() {
        Path trigger = folder.directory().resolve(ReportFiles.RUN_NOW);
        try {
            if (!Files.deleteIfExists(trigger)) {
                return false;
            }
        } catch (IOException e) {
            LOG.warn("event=report_trigger_failed file={} error=\"{}\"", trigger, e.toString());
            return false;
        }
        LOG.info("event=report_run_requested file={}", trigger);
        return true;
    }

    /**
     * The stamp of a requested run: now to the minute, or to the second when the minute already has a set (the
     * operator asked again: a new set, not a silent skip).
     */
    public String requestStamp() {
        Instant now = clock.instant();
        String minute = stampOf(now);
        return folder.hasSet(minute) ? ReportFiles.SECONDS_STAMP.format(LocalDateTime.ofInstant(now, zone)) : minute;
    }

    /** Answers the request in {@code .run-now.result}. */
    public void answerRunNow(@Body ReportRun run) {
        RunNowResult.write(folder.directory(), run);
    }

    /**
     * The schedule's last slot within {@code reports.catch-up-window} when it has no set in the folder (no manifest
     * stamped at or after it): the run of a bridge that was down, or of a leader that died. Null when there is nothing
     * to do: no catch-up configured, no slot in the window, a slot with its set or already tried by this process, or
     * a folder that cannot be read (looked at again next time). Slots younger than {@link ScheduleSlots#GRACE} are the
     * scheduler's.
     */
    public MissedSlot missedSlot() {
        if (slots == null || !slots.enabled()) {
            return null;
        }
        Optional<Instant> slot = slots.lastSlot(clock.instant());
        if (slot.isEmpty() || slot.get().equals(caughtUp)) {
            return null;
        }
        Optional<Boolean> written = folder.hasSetSince(stampOf(slot.get()));
        if (written.isEmpty()) {
            return null;
        }
        if (written.get()) {
            caughtUp = slot.get();
            return null;
        }
        boolean firstLook = !slot.get().equals(missedAnnounced);
        if (firstLook) {
            missedAnnounced = slot.get();
            LOG.warn("event=report_run_missed slot={} slot_stamp={} window={} action=writing_now", slot.get(),
                    stampOf(slot.get()), slots.window());
        }
        return new MissedSlot(slot.get(), !firstLook);
    }

    /**
     * After the catch-up's run: the slot is settled (not tried again by this process) unless the run found no data
     * yet or the folder busy, since the run that held it may yet fail or die.
     */
    public void settleMissedSlot(@ExchangeProperty("reportMissedSlot") MissedSlot missed, @Body ReportRun run) {
        if (run.result() != RunOutcome.SKIPPED_NO_DATA && run.result() != RunOutcome.SKIPPED_BUSY) {
            caughtUp = missed.slot();
        }
    }

    private String stampOf(Instant instant) {
        return ReportFiles.STAMP.format(LocalDateTime.ofInstant(instant, zone));
    }
}
