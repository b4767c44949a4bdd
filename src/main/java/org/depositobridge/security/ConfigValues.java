package org.depositobridge.security;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.apache.camel.CamelContext;

/** Typed reads of the bridge's own keys through Camel's property component (-D and environment included). */
public final class ConfigValues {

    private final CamelContext context;

    public ConfigValues(CamelContext context) {
        this.context = context;
    }

    public Optional<String> optional(String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String key, String dflt) {
        return optional(key).orElse(dflt);
    }

    public int integer(String key, int dflt) {
        return optional(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be an integer, got " + v, e);
            }
        }).orElse(dflt);
    }

    public boolean bool(String key, boolean dflt) {
        return optional(key).map(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT))).orElse(dflt);
    }

    /** A duration written {@code 60s}, {@code 5m}, {@code 1h}, {@code 500ms}, plain seconds, or ISO-8601. */
    public Duration duration(String key, Duration dflt) {
        return optional(key).map(v -> parseDuration(key, v)).orElse(dflt);
    }

    static Duration parseDuration(String key, String v) {
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
                default -> throw new IllegalArgumentException(key + ": unknown duration unit in " + v);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 60s, got " + v, e);
        }
    }
}
