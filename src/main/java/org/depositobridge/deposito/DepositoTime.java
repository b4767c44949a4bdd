package org.depositobridge.deposito;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The deposito's date-times: ISO-8601, with an offset or without one (then in the deposito's zone,
 * {@code deposito.timezone}). Unparseable values are contract breaches for the caller to report.
 */
public final class DepositoTime {

    private DepositoTime() {
    }

    /** Epoch milliseconds, or throws {@link DateTimeParseException}. */
    public static long parse(String text, ZoneId naiveZone) {
        String t = text.trim();
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z' || hasOffset(t)) {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(t).atZone(naiveZone).toInstant().toEpochMilli();
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
