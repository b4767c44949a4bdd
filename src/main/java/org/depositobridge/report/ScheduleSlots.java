package org.depositobridge.report;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * The last time {@code reports.cron} fired, looked for within a window before now: the slot whose set a bridge that
 * was down, or a leader that died, did not write. Quartz's own cron reading, in {@code reports.timezone}, so it agrees
 * with the scheduler. Quartz cannot step a cron backwards, so this steps forwards from now minus the window, at most
 * {@link #MAX_STEPS} times (a cron firing every second with a window of a day is 86,400 steps: the bound holds).
 */
final class ScheduleSlots {

    static final int MAX_STEPS = 100_000;

    private final CronExpression cron;
    private final Duration window;

    ScheduleSlots(String cron, ZoneId zone, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("reports.catch-up-window must not be negative, got " + window);
        }
        try {
            this.cron = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("reports.cron is not a Quartz cron expression: " + cron + " ("
                    + e.getMessage() + ")", e);
        }
        this.cron.setTimeZone(TimeZone.getTimeZone(zone));
        this.window = window;
    }

    boolean enabled() {
        return !window.isZero();
    }

    Duration window() {
        return window;
    }

    /** The latest fire time in (now - window, now], if any. */
    Optional<Instant> lastSlot(Instant now) {
        if (!enabled()) {
            return Optional.empty();
        }
        Date next = cron.getNextValidTimeAfter(Date.from(now.minus(window)));
        Date last = null;
        for (int steps = 0; next != null && !next.toInstant().isAfter(now) && steps < MAX_STEPS; steps++) {
            last = next;
            next = cron.getNextValidTimeAfter(next);
        }
        return Optional.ofNullable(last).map(Date::toInstant);
    }
}
