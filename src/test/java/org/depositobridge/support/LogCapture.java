package org.depositobridge.support;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Collects every log event of the JVM while open (root logger), to check what reaches the logs: a secret that must
 * not, an event line that must, how many lines an outage makes. At most {@value #MAX_EVENTS} events are kept.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    public static final int MAX_EVENTS = 100_000;

    private final List<ILoggingEvent> events = new ArrayList<>();

    public static LogCapture open() {
        LogCapture c = new LogCapture();
        c.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        c.start();
        root().addAppender(c);
        return c;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent e) {
        e.prepareForDeferredProcessing();
        synchronized (events) {
            if (events.size() < MAX_EVENTS) {
                events.add(e);
            }
        }
    }

    /** How many events so far (a mark for {@link #since}). */
    public int size() {
        synchronized (events) {
            return events.size();
        }
    }

    /** The events from the mark {@code from} on, at {@code level} or above. */
    public List<ILoggingEvent> since(int from, Level level) {
        synchronized (events) {
            return events.subList(from, events.size()).stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
        }
    }

    /** Every event at {@code level} or above, in order. */
    public List<ILoggingEvent> atLeast(Level level) {
        return since(0, level);
    }

    /** Every event's message followed by the messages of its exception chain: all the text a log line carries. */
    public List<String> lines() {
        return since(0, Level.ALL).stream().map(LogCapture::text).toList();
    }

    /** Events whose text contains {@code text}. */
    public long count(String text) {
        return lines().stream().filter(l -> l.contains(text)).count();
    }

    static String text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(' ').append(t.getMessage());
        }
        return b.toString();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
