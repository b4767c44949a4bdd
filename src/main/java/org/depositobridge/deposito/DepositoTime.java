package org.depositobridge.deposito;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;

/**
 * The deposito's date-times: ISO-8601, with an offset or without one (then in the deposito's zone,
 * {@code deposito.timezone}). Unparseable values are contract breaches for the caller to report.
 *
 * <p>The common shape ({@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM]}) is read digit by digit: java.time's
 * formatter spent more than half of a full sync's parsing time (JFR, 2,000,000 movements: 24 % of the bridge's CPU).
 * Anything else goes to java.time, which gives the same answer or the same {@link DateTimeParseException}.
 */
public final class DepositoTime {

    private DepositoTime() {
    }

    /** Epoch milliseconds, or throws {@link DateTimeParseException}. */
    public static long parse(String text, ZoneId naiveZone) {
        long fast = parseCommon(text, naiveZone);
        return fast != Long.MIN_VALUE ? fast : parseAny(text, naiveZone);
    }

    /** java.time's reading: every ISO-8601 form it accepts, and its exception for the rest. */
    static long parseAny(String text, ZoneId naiveZone) {
        String t = text.trim();
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z' || hasOffset(t)) {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(t).atZone(naiveZone).toInstant().toEpochMilli();
    }

    /** The common shape read by hand, or Long.MIN_VALUE when the text is not exactly that shape. */
    static long parseCommon(String t, ZoneId naiveZone) {
        int n = t.length();
        if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return Long.MIN_VALUE;
            }
            nanos = digits(t, start, len);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        long localSeconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        long offsetSeconds;
        if (i == n) {
            ZoneRules rules = naiveZone.getRules();
            // the offset LocalDateTime.atZone would pick: in a gap the one before it, in an overlap the earlier one
            offsetSeconds = (rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH)
                    : rules.getOffset(LocalDateTime.of(year, month, day, hour, minute, second))).getTotalSeconds();
        } else if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
            if (Math.abs(offsetSeconds) > ZoneOffset.MAX.getTotalSeconds()) {
                return Long.MIN_VALUE;
            }
        } else {
            return Long.MIN_VALUE;
        }
        return (localSeconds - offsetSeconds) * 1000L + nanos / 1_000_000L;
    }

    /** The decimal number in t[from, from+len), or -1 when a character is not an ASCII digit. */
    private static int digits(String t, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean hasOffset(String t) {
        int tPos = t.indexOf('T');
        if (tPos < 0) {
            return false;
        }
        for (int i = tPos; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    /** The form the bridge sends in queries: UTC with a Z, which needs no URL escaping. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
