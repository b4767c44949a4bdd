package org.depositobridge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.depositobridge.StartupRefused;

/**
 * The one way the bridge reads its own keys: typed reads through Camel's property component (profiles, -D and
 * environment included), from which each package builds its small settings record.
 *
 * <p>Defaults live only in {@code config/application.properties}, where every key is documented with its default,
 * so a read here has no default: a key missing from every configuration location stops the start with
 * {@code event=config_missing key=...}, and a value of the wrong type with {@code event=config_invalid key=...}
 * (both {@link StartupRefused}: one log line, exit code 1). A key that may be left unset on purpose (a secret file,
 * an optional override; commented out in the properties file) is read with {@link #optional}.
 */
public final class ConfigValues {

    private final PropertiesComponent properties;

    public ConfigValues(CamelContext context) {
        this(context.getPropertiesComponent());
    }

    public ConfigValues(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The trimmed value, or empty when the key is unset or blank ("not used"). */
    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A required, non-blank value. */
    public String string(String key) {
        return optional(key).orElseThrow(() -> missing(key));
    }

    public int integer(String key) {
        return parse(key, "an integer", Integer::parseInt);
    }

    /**
     * An integer from {@code min} to {@code max}: a value that is no integer is refused as by {@link #integer(String)},
     * one out of range with {@code expected} (the range in words, e.g. "an integer from 1 to 64").
     */
    public int integer(String key, int min, int max, String expected) {
        return (int) inRange(key, integer(key), min, max, expected);
    }

    public long longValue(String key) {
        return parse(key, "an integer", Long::parseLong);
    }

    /** A long from {@code min} to {@code max}, refused like {@link #integer(String, int, int, String)}. */
    public long longValue(String key, long min, long max, String expected) {
        return inRange(key, longValue(key), min, max, expected);
    }

    private long inRange(String key, long n, long min, long max, String expected) {
        if (n < min || n > max) {
            throw invalid(key, string(key), expected, null);
        }
        return n;
    }

    public double decimal(String key) {
        return parse(key, "a number", Double::parseDouble);
    }

    /** Only {@code true} or {@code false}: a typo such as "on" or "yes" must not silently switch something off. */
    public boolean bool(String key) {
        return parse(key, "true or false", v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(v);
        });
    }

    /** A duration written {@code 60s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 500ms}, plain seconds, or ISO-8601. */
    public Duration duration(String key) {
        return parse(key, "a duration such as 60s, 5m or 500ms", ConfigValues::parseDuration);
    }

    private <T> T parse(String key, String expected, Function<String, T> parser) {
        String v = string(key);
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw invalid(key, v, expected, e);
        }
    }

    private static StartupRefused missing(String key) {
        return new StartupRefused("event=config_missing key=" + key + " fix=\"set " + key
                + " in config/application.properties (every key is documented there with its default), -D" + key
                + "=... or the environment\"", null);
    }

    private static StartupRefused invalid(String key, String value, String expected, Throwable cause) {
        // a secret must not reach the log even when it is mistyped
        String shown = key.matches("(?i).*(secret|password|token|key).*") ? "***" : value.replace('"', '\'');
        return new StartupRefused("event=config_invalid key=" + key + " value=\"" + shown + "\" expected=\"" + expected
                + "\"", cause);
    }

    static Duration parseDuration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unknown duration unit in " + v);
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(v, e);
        }
    }
}
