package org.depositobridge.deposito;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Collects the JVM's log events at INFO and above while open (root logger): level, logger and message. */
final class DepositoLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One captured event. */
    record Line(Level level, String logger, String message, boolean stackTrace) {
    }

    final List<Line> lines = new CopyOnWriteArrayList<>();

    static DepositoLogCapture open() {
        DepositoLogCapture c = new DepositoLogCapture();
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
        if (e.getLevel().isGreaterOrEqual(Level.INFO) && lines.size() < 100_000) {
            lines.add(new Line(e.getLevel(), e.getLoggerName(), e.getFormattedMessage(), e.getThrowableProxy() != null));
        }
    }

    long count(String text) {
        return lines.stream().filter(l -> l.message().contains(text)).count();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
