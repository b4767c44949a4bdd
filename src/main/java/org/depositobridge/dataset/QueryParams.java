package org.depositobridge.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.security.ApiException;

/**
 * The query string of one request, decoded leniently (a malformed escape stays literal text) and read with the
 * API's input rules: integers clamped to their range, strict {@code YYYY-MM-DD} dates, closed vocabularies
 * for {@code sort}/{@code order}/{@code tipo}, sanitised free text. When a parameter is repeated the first
 * occurrence counts; an empty value counts as absent. A rule broken -> {@link ApiException} 400.
 */
final class QueryParams {

    static final int MAX_TEXT = 60;
    private static final int MAX_QUERY_CHARS = 8192;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final Map<String, String> values = new HashMap<>();

    QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        String q = rawQuery.length() > MAX_QUERY_CHARS ? rawQuery.substring(0, MAX_QUERY_CHARS) : rawQuery;
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
    }

    /** Percent-decoding that never throws: '+' is a space, a malformed escape is kept as written. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    String raw(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An integer clamped into [min, max]; a value that is not an integer is refused. */
    int intParam(String name, int dflt, int min, int max) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        String t = v.trim();
        if (!INTEGER.matcher(t).matches()) {
            throw ApiException.invalidParameter(name, name + " must be an integer");
        }
        boolean negative = t.startsWith("-");
        String digits = t.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > 9) {
            return negative ? min : max;
        }
        long n = Long.parseLong(digits) * (negative ? -1 : 1);
        return (int) Math.max(min, Math.min(max, n));
    }

    /** A real calendar date written YYYY-MM-DD, or null when absent. */
    LocalDate dateParam(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (!DATE_SHAPE.matcher(t).matches()) {
            throw ApiException.invalidParameter(name, name + " must be a date written YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(t, DATE);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(name, name + " is not a real calendar date");
        }
    }

    /** start_date and end_date; refused when start_date is after end_date. */
    LocalDate[] dateRange() {
        LocalDate start = dateParam("start_date");
        LocalDate end = dateParam("end_date");
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.invalidParameter("start_date", "start_date must not be after end_date");
        }
        return new LocalDate[] {start, end};
    }

    /** One of the allowed values (case-insensitive), the default when absent. */
    <E extends Enum<E>> E enumParam(String name, Class<E> type, E dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        String t = v.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        throw ApiException.invalidParameter(name, name + " must be one of " + allowed(type));
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder b = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** {@code asc} or {@code desc}. */
    boolean ascending(String name, boolean dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.invalidParameter(name, name + " must be asc or desc");
        };
    }

    /** A movement type of the deposito contract, the default when absent. */
    TipoMovimiento tipoParam(String name, TipoMovimiento dflt) {
        String v = raw(name);
        if (v == null) {
            return dflt;
        }
        TipoMovimiento t = TipoMovimiento.fromCode(v.trim().toLowerCase(Locale.ROOT));
        if (t == null) {
            throw ApiException.invalidParameter(name, name + " must be one of entrada, salida, ajuste, transferencia");
        }
        return t;
    }

    /** Free text sanitised by {@link #sanitize}; null when nothing is left. */
    String textParam(String name) {
        String v = raw(name);
        return v == null ? null : sanitize(v);
    }

    /**
     * Trims, keeps letters (accents and other scripts included), digits, space and {@code -._/}, cuts to 60
     * characters (code points) and trims again; null when nothing is left.
     */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        int kept = 0;
        String t = Normalizer.normalize(s, Normalizer.Form.NFC).trim();
        for (int i = 0; i < t.length() && kept < MAX_TEXT; ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || cp == ' ' || cp == '-' || cp == '.' || cp == '_' || cp == '/') {
                b.appendCodePoint(cp);
                kept++;
            }
        }
        String out = b.toString().trim();
        return out.isEmpty() ? null : out;
    }
}
