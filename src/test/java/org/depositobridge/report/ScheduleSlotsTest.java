package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The schedule's slots, in the schedule's time zone, within bounded windows. */
class ScheduleSlotsTest {

    static final ZoneId BA = ZoneId.of("America/Argentina/Buenos_Aires");

    /**
     * 06:00 in Buenos Aires is 09:00 UTC: the catch-up may take it from 30 s after (before that it is the
     * scheduler's) until the window ends, and never with window 0.
     */
    @Test
    void should_find_the_daily_slot_in_the_schedules_zone_within_the_window() {
        ScheduleSlots daily = new ScheduleSlots("0 0 6 * * ?", BA, Duration.ofHours(1));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T09:00:29Z"))).isEmpty();
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T09:00:30Z"))).contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T09:59:59Z"))).contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T10:00:01Z"))).isEmpty();
        assertThat(new ScheduleSlots("0 0 6 * * ?", BA, Duration.ZERO).lastSlot(Instant.parse("2026-03-18T09:10:00Z")))
                .isEmpty();
    }

    /** A scheduled run belongs to the slot that just fired, whatever the catch-up window. */
    @Test
    void should_name_the_slot_a_scheduled_run_fires_for() {
        ScheduleSlots daily = new ScheduleSlots("0 0 6 * * ?", BA, Duration.ZERO);
        assertThat(daily.currentSlot(Instant.parse("2026-03-18T09:00:00.004Z")))
                .contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(daily.currentSlot(Instant.parse("2026-03-18T08:59:59Z"))).isEmpty();
    }

    /** A cron firing every second with a day's window still finds the latest slot the catch-up may take. */
    @Test
    void should_find_the_latest_slot_of_a_dense_schedule() {
        ScheduleSlots everySecond = new ScheduleSlots("* * * * * ?", BA, Duration.ofDays(1));
        assertThat(everySecond.lastSlot(Instant.parse("2026-03-18T09:00:00.500Z")))
                .contains(Instant.parse("2026-03-18T08:59:30Z"));
    }

    /**
     * A cron Quartz cannot read, a negative window, one longer than the step bound allows (27 h), or one no longer
     * than the scheduler's grace (the catch-up would never act) fails the start with the key named.
     */
    @Test
    void should_reject_a_bad_cron_a_negative_window_or_one_too_long_for_the_cron() {
        assertThatThrownBy(() -> new ScheduleSlots("every morning", BA, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports.cron");
        assertThatThrownBy(() -> new ScheduleSlots("0 0 6 * * ?", BA, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports.catch-up-window");
        assertThatThrownBy(() -> new ScheduleSlots("* * * * * ?", BA, Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports.catch-up-window")
                .hasMessageContaining("100000");
        assertThatThrownBy(() -> new ScheduleSlots("0 0 6 * * ?", BA, Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 (off) or longer than 30s");
    }
}
