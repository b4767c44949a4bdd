package org.depositobridge.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Turns Camel's report of a refused route-file reload (a WARN followed by the parser's whole stack trace, where the
 * line number hides in a cause) into the one line an integration engineer needs:
 * {@code event=routes_reload_refused file=routes/x.camel.yaml line=12 column=7 error="..." previous_routes=kept}.
 * The stack trace still goes out, at DEBUG, under this class's logger.
 *
 * <p>A logback turbo filter because Camel 4.18 logs the failure itself, from the file watcher's thread, and offers
 * no hook between the parse error and that log call; the filter sees the call before any appender does.
 */
public final class ReloadFailureLog extends TurboFilter {

    /** Camel's logger and message for a refused reload (FileWatcherResourceReloadStrategy, 4.18). */
    static final String CAMEL_LOGGER = "org.apache.camel.support.FileWatcherResourceReloadStrategy";
    static final String CAMEL_MESSAGE = "Error reloading routes from file:";

    /** SnakeYAML's mark ("in file:x, line 12, column 7") and Camel's own ("at line 12, column 7" in some parsers). */
    private static final Pattern LINE = Pattern.compile("line (\\d+), column (\\d+)");

    /** Longest error text kept on the line; the whole message is in the DEBUG stack trace. */
    static final int MAX_ERROR_CHARS = 300;

    /** Taken from the filter's own logger context: the filter is built while logback configures itself. */
    private Logger out;

    @Override
    public void start() {
        out = ((LoggerContext) getContext()).getLogger(ReloadFailureLog.class);
        super.start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null || !format.startsWith(CAMEL_MESSAGE)
                || !CAMEL_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable error = t;
        if (error == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            error = last;
        }
        String file = params != null && params.length > 0 ? String.valueOf(params[0]) : "?";
        out.warn(line(file, error));
        out.debug("event=routes_reload_refused_trace file={}", file, error);
        return FilterReply.DENY;
    }

    /** The WARN line for a refused {@code file}; {@code error} may be null. */
    static String line(String file, Throwable error) {
        StringBuilder out = new StringBuilder("event=routes_reload_refused file=").append(file.replace(' ', '_'));
        Matcher where = null;
        Throwable root = error;
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (where == null && c.getMessage() != null) {
                Matcher m = LINE.matcher(c.getMessage());
                if (m.find()) {
                    where = m;
                }
            }
            root = c;
        }
        if (where != null) {
            out.append(" line=").append(where.group(1)).append(" column=").append(where.group(2));
        }
        out.append(" error=\"").append(quoted(summary(root))).append('"');
        return out.append(" previous_routes=kept").toString();
    }

    /** The first line of the deepest cause's message: the parser's own words, without the file excerpt below it. */
    private static String summary(Throwable root) {
        if (root == null) {
            return "unknown";
        }
        if (root.getMessage() == null) {
            return root.getClass().getSimpleName();
        }
        // SnakeYAML writes "context / mark / excerpt / caret / problem / mark ...": keep the sentences, drop the
        // marks (line and column are fields of their own) and the indented file excerpts
        StringBuilder text = new StringBuilder();
        for (String l : root.getMessage().split("\\R")) {
            if (l.isBlank() || Character.isWhitespace(l.charAt(0)) || l.startsWith("in ")) {
                continue;
            }
            text.append(text.length() == 0 ? "" : "; ").append(l.strip());
        }
        String msg = text.length() == 0 ? root.getMessage().strip() : text.toString();
        return msg.length() > MAX_ERROR_CHARS ? msg.substring(0, MAX_ERROR_CHARS) + "..." : msg;
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
