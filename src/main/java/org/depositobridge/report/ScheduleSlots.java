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
 * The fire times of {@code reports.cron}, read by Quartz itself in {@code reports.timezone} so they agree with the
 * scheduler: the slot a scheduled run belongs to, and the last slot within the catch-up window, whose set a bridge
 * that was down, or a leader that died, did not write. Quartz cannot step a cron backwards, so this steps forwards
 * from the start of the window, at most {@link #MAX_STEPS} times; a cron and window that would need more are refused
 * at start (a cron firing every second allows a window of a day).
 */
final class ScheduleSlots {

    static final int MAX_STEPS = 100_000;
    /**
     * A slot younger than this is left to the scheduler: its own run starts at the slot, and the catch-up must
     * neither race it nor call it missed.
     */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** How far back a scheduled run looks for the slot it belongs to. */
    static final Duration SCHEDULED_LOOKBACK = Duration.ofMinutes(5);

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
        Instant now = Instant.now();
        if (steps(now.minus(window), now) > MAX_STEPS || steps(now.minus(SCHEDULED_LOOKBACK), now) > MAX_STEPS) {
            throw new IllegalArgumentException("reports.catch-up-window " + window + " holds more than " + MAX_STEPS
                    + " fire times of reports.cron " + cron + ": shorten the window");
        }
    }

    boolean enabled() {
        return !window.isZero();
    }

    Duration window() {
        return window;
    }

    /** The latest fire time in (now - window, now - GRACE], if any: a slot the catch-up may write. */
    Optional<Instant> lastSlot(Instant now) {
        if (!enabled()) {
            return Optional.empty();
        }
        return latest(now.minus(window), now.minus(GRACE));
    }

    /** The latest fire time in (now - 5 min, now]: the slot a scheduled run that fires now belongs to. */
    Optional<Instant> currentSlot(Instant now) {
        return latest(now.minus(SCHEDULED_LOOKBACK), now);
    }

    private Optional<Instant> latest(Instant after, Instant notAfter) {
        Date next = cron.getNextValidTimeAfter(Date.from(after));
        Date last = null;
        for (int steps = 0; next != null && !next.toInstant().isAfter(notAfter) && steps < MAX_STEPS; steps++) {
            last = next;
            next = cron.getNextValidTimeAfter(next);
        }
        return Optional.ofNullable(last).map(Date::toInstant);
    }

    private long steps(Instant after, Instant notAfter) {
        long steps = 0;
        for (Date t = cron.getNextValidTimeAfter(Date.from(after)); t != null && !t.toInstant().isAfter(notAfter)
                && steps <= MAX_STEPS; t = cron.getNextValidTimeAfter(t)) {
            steps++;
        }
        return steps;
    }
}
