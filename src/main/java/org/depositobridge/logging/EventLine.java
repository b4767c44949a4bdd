package org.depositobridge.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an event line, {@code event=sync_failed poller=productos error="Read timed out"}: bare values end at
 * a space, quoted values at the closing quote ({@code \"} inside stands for a quote). Parsing stops at the first
 * token that is not {@code key=value}; what follows stays in the message only.
 */
final class EventLine {

    /** More fields than any event line has; a message built from input cannot grow the JSON without bound. */
    static final int MAX_FIELDS = 64;

    private EventLine() {
    }

    /** The pairs of a message that starts with {@code event=}; empty for any other message. */
    static Map<String, String> fields(String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (message == null || !message.startsWith("event=")) {
            return fields;
        }
        int i = 0;
        int n = message.length();
        while (i < n && fields.size() < MAX_FIELDS) {
            while (i < n && message.charAt(i) == ' ') {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(message.charAt(i))) {
                i++;
            }
            if (i == keyStart || i >= n || message.charAt(i) != '=') {
                break;
            }
            String key = message.substring(keyStart, i);
            i++;
            StringBuilder value = new StringBuilder();
            if (i < n && message.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = message.charAt(i++);
                    if (c == '\\' && i < n && message.charAt(i) == '"') {
                        value.append('"');
                        i++;
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    break;
                }
            } else {
                while (i < n && message.charAt(i) != ' ') {
                    value.append(message.charAt(i++));
                }
            }
            fields.putIfAbsent(key, value.toString());
        }
        return fields;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }
}
