package org.depositobridge.logging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * One JSON object per log line ({@code LOG_FORMAT=json}): {@code ts} (ISO-8601, UTC, milliseconds), {@code level},
 * {@code thread}, {@code logger}, {@code route} and {@code exchange} (Camel's MDC), {@code msg}, and for an event
 * line each of its {@code key=value} pairs as a field of its own ({@code "event":"sync_failed","poller":"productos"}),
 * so a log store can filter on them. A pair named like one of the fixed fields is left in {@code msg} only.
 * Logback's own JsonEncoder writes epoch milliseconds and nests the message, hence this small one.
 */
public class KeyValueJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NONE = new byte[0];
    private static final Set<String> FIXED = Set.of("ts", "level", "thread", "logger", "route", "exchange", "msg", "stack");

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", DateTimeFormatter.ISO_INSTANT.format(
                    Instant.ofEpochMilli(event.getTimeStamp()).truncatedTo(ChronoUnit.MILLIS)));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("logger", event.getLoggerName());
            Map<String, String> mdc = event.getMDCPropertyMap();
            writeIfPresent(json, "route", mdc.get("camel.routeId"));
            writeIfPresent(json, "exchange", mdc.get("camel.exchangeId"));
            String msg = event.getFormattedMessage();
            json.writeStringField("msg", msg);
            for (Map.Entry<String, String> field : EventLine.fields(msg).entrySet()) {
                if (!FIXED.contains(field.getKey())) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("stack", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
