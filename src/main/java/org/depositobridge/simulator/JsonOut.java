package org.depositobridge.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A minimal streaming JSON writer into a {@link StringBuilder}. The movement pages are the hot path
 * (1,000 rows per request), so no tree, no reflection: just appends. Handles the commas between members.
 */
final class JsonOut {

    /** Local zone of the deposito (Argentina, UTC-3, no daylight saving): every datetime is written in it. */
    static final ZoneOffset ZONE = ZoneOffset.ofHours(-3);

    private final StringBuilder b;
    private boolean needComma;

    JsonOut(int capacity) {
        b = new StringBuilder(capacity);
    }

    JsonOut beginObject() {
        comma();
        b.append('{');
        needComma = false;
        return this;
    }

    JsonOut endObject() {
        b.append('}');
        needComma = true;
        return this;
    }

    JsonOut beginArray() {
        comma();
        b.append('[');
        needComma = false;
        return this;
    }

    JsonOut endArray() {
        b.append(']');
        needComma = true;
        return this;
    }

    JsonOut name(String name) {
        comma();
        b.append('"').append(name).append("\":");
        needComma = false;
        return this;
    }

    JsonOut value(String s) {
        comma();
        if (s == null) {
            b.append("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    JsonOut value(long v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    JsonOut value(double v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    JsonOut value(boolean v) {
        comma();
        b.append(v);
        needComma = true;
        return this;
    }

    JsonOut nullValue() {
        comma();
        b.append("null");
        needComma = true;
        return this;
    }

    /** A cents amount as a JSON float the way Python prints it: 1234.0, 1234.5, 1234.56. */
    JsonOut cents(long cents) {
        comma();
        appendCents(b, cents);
        needComma = true;
        return this;
    }

    /** A datetime in the deposito's local offset (see {@link #appendDateTime}). */
    JsonOut datetime(long epochMillis) {
        comma();
        b.append('"');
        appendDateTime(b, epochMillis);
        b.append('"');
        needComma = true;
        return this;
    }

    JsonOut field(String name, String v) { return name(name).value(v); }
    JsonOut field(String name, long v) { return name(name).value(v); }
    JsonOut field(String name, boolean v) { return name(name).value(v); }
    JsonOut field(String name, double v) { return name(name).value(v); }

    @Override
    public String toString() {
        return b.toString();
    }

    private void comma() {
        if (needComma) {
            b.append(',');
            needComma = false;
        }
    }

    private void string(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    static void appendCents(StringBuilder b, long cents) {
        if (cents < 0) {
            b.append('-');
            cents = -cents;
        }
        b.append(cents / 100).append('.');
        long c = cents % 100;
        if (c == 0) {
            b.append('0');
        } else if (c % 10 == 0) {
            b.append(c / 10);
        } else {
            if (c < 10) {
                b.append('0');
            }
            b.append(c);
        }
    }

    /** {@code 2026-11-28T00:11:14.123-03:00}: ISO-8601 with millis and the local offset. */
    static void appendDateTime(StringBuilder b, long epochMillis) {
        long local = epochMillis + ZONE.getTotalSeconds() * 1000L;
        long days = Math.floorDiv(local, DataGenerator.DAY);
        long ms = Math.floorMod(local, DataGenerator.DAY);
        LocalDate d = LocalDate.ofEpochDay(days);
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, (int) (ms / 3_600_000), 2).append(':');
        pad(b, (int) (ms / 60_000 % 60), 2).append(':');
        pad(b, (int) (ms / 1000 % 60), 2).append('.');
        pad(b, (int) (ms % 1000), 3).append("-03:00");
    }

    static String dateTime(long epochMillis) {
        StringBuilder b = new StringBuilder(29);
        appendDateTime(b, epochMillis);
        return b.toString();
    }

    static LocalDateTime local(Instant i) {
        return LocalDateTime.ofInstant(i, ZONE);
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
