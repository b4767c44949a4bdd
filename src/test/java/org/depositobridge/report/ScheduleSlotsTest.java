package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The schedule's last slot before now, in the schedule's time zone, within a bounded window. */
class ScheduleSlotsTest {

    static final ZoneId BA = ZoneId.of("America/Argentina/Buenos_Aires");

    /** 06:00 in Buenos Aires is 09:00 UTC: found from 06:00 to 07:00, not after, and never with window 0. */
    @Test
    void should_find_the_daily_slot_in_the_schedules_zone_within_the_window() {
        ScheduleSlots daily = new ScheduleSlots("0 0 6 * * ?", BA, Duration.ofHours(1));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T09:00:00Z"))).contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T09:59:59Z"))).contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T10:00:01Z"))).isEmpty();
        assertThat(daily.lastSlot(Instant.parse("2026-03-18T08:59:59Z"))).isEmpty();
        assertThat(new ScheduleSlots("0 0 6 * * ?", BA, Duration.ZERO).lastSlot(Instant.parse("2026-03-18T09:00:00Z")))
                .isEmpty();
    }

    /** A cron firing every second with a day's window is stepped within the bound and still finds the last second. */
    @Test
    void should_find_the_latest_slot_of_a_dense_schedule_within_the_step_bound() {
        ScheduleSlots everySecond = new ScheduleSlots("* * * * * ?", BA, Duration.ofDays(1));
        Instant now = Instant.parse("2026-03-18T09:00:00.500Z");
        assertThat(everySecond.lastSlot(now)).contains(Instant.parse("2026-03-18T09:00:00Z"));
        assertThat(Duration.ofDays(1).toSeconds()).isLessThan(ScheduleSlots.MAX_STEPS);
    }

    /** A cron Quartz cannot read, or a negative window, fails the start with the key named. */
    @Test
    void should_reject_a_bad_cron_or_a_negative_window() {
        assertThatThrownBy(() -> new ScheduleSlots("every morning", BA, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports.cron");
        assertThatThrownBy(() -> new ScheduleSlots("0 0 6 * * ?", BA, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports.catch-up-window");
    }
}
