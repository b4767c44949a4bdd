package org.depositobridge.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Collects every log event of the JVM while open (root logger), to check what reaches the logs. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();

    static LogCapture open() {
        LogCapture c = new LogCapture();
        c.start0();
        return c;
    }

    private void start0() {
        setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        start();
        root().addAppender(this);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(' ').append(t.getMessage());
        }
        lines.add(b.toString());
    }

    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
