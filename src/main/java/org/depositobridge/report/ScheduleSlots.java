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
 * from the start of the window, at most {@link #MAX_STEPS} times: a cron fires at most once a second, so windows are
 * limited to that many seconds (27 h).
 */
final class ScheduleSlots {

    static final int MAX_STEPS = 100_000;
    /**
     * A slot younger than this is left to the scheduler: its own run starts at the slot, and the catch-up must
     * neither race it nor call it missed.
     */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** The longest catch-up window: {@link #MAX_STEPS} seconds, rounded down to whole hours (27 h). */
    static final Duration MAX_WINDOW = Duration.ofHours(MAX_STEPS / 3600);
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
        // a Quartz cron fires at most once a second, so a window of MAX_STEPS seconds never needs more steps, whatever
        // the cron and whenever it is looked at
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("reports.catch-up-window must be at most " + MAX_WINDOW.toHours()
                    + "h (" + MAX_STEPS + " s: the bound on the fire times looked at), got " + window);
        }
        if (!window.isZero() && window.compareTo(GRACE) <= 0) {
            throw new IllegalArgumentException("reports.catch-up-window must be 0 (off) or longer than "
                    + GRACE.toSeconds() + "s (a slot younger than that is the scheduler's), got " + window);
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
}
