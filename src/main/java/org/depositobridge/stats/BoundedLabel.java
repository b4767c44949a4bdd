package org.depositobridge.stats;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metric label whose distinct values are capped: the first {@code max} distinct values pass, anything later
 * becomes {@value #OTHER}. Prometheus keeps one series per label value forever (Micrometer never removes meters), so
 * a caller passing an id or user input by mistake costs at most {@code max + 1} series, not one per request.
 */
final class BoundedLabel {

    static final String OTHER = "other";
    /** Longer values are cut: a label is a name, not a payload. */
    static final int MAX_LENGTH = 64;

    private final String name;
    private final int max;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    BoundedLabel(String name, int max) {
        this.name = name;
        this.max = max;
    }

    String value(String raw) {
        if (raw == null || raw.isBlank()) {
            return OTHER;
        }
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.length() > MAX_LENGTH) {
            v = v.substring(0, MAX_LENGTH);
        }
        if (accepted.contains(v)) {
            return v;
        }
        // add under a lock so two threads cannot both pass the size check at max - 1
        synchronized (accepted) {
            if (accepted.contains(v)) {
                return v;
            }
            if (accepted.size() < max) {
                accepted.add(v);
                return v;
            }
        }
        return OTHER;
    }

    int distinct() {
        return accepted.size();
    }

    String name() {
        return name;
    }
}
