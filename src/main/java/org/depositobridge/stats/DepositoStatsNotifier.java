package org.depositobridge.stats;

import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds {@link StatsRecorder} from Camel: every {@link ExchangeSentEvent} to an {@code http:}/{@code https:} endpoint
 * whose exchange carries {@link DepositoStats#ENDPOINT_PROPERTY} is one attempt. Camel fires that event once per
 * attempt, redeliveries included, after the producer finished, so the exception (if any) and the response code of
 * that very attempt are on the exchange. Routes only set the property; they need no extra step. The latency runs
 * from the matching sending event to the sent event, in nanoseconds.
 */
public class DepositoStatsNotifier extends EventNotifierSupport {

    /** Internal: {@code System.nanoTime()} when the current attempt was handed to the HTTP producer. */
    static final String SENDING_NANOS_PROPERTY = "depositoStatsSendingNanos";

    private final StatsRecorder recorder;

    public DepositoStatsNotifier(StatsRecorder recorder) {
        this.recorder = recorder;
        // only exchange-sent events matter; skipping the rest keeps Camel from building them for us
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /**
     * Camel emits the sent event (with the attempt's time taken) only when some notifier accepted the matching
     * sending event, so the sending event is accepted exactly for the calls we count: HTTP with a known group.
     */
    @Override
    public boolean isEnabled(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            return isHttp(sending.getEndpoint()) && DepositoStats.endpointOf(sending.getExchange()) != null;
        }
        return event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            // Camel's own time taken is whole milliseconds; local deposito calls are often faster than that
            sending.getExchange().setProperty(SENDING_NANOS_PROPERTY, System.nanoTime());
            return;
        }
        if (!(event instanceof ExchangeSentEvent sent) || !isHttp(sent.getEndpoint())) {
            return;
        }
        Exchange exchange = sent.getExchange();
        DepositoEndpoint endpoint = DepositoStats.endpointOf(exchange);
        if (endpoint == null) {
            return;
        }
        Long started = exchange.getProperty(SENDING_NANOS_PROPERTY, Long.class);
        exchange.removeProperty(SENDING_NANOS_PROPERTY);
        long latencyNanos = started != null ? System.nanoTime() - started
                : TimeUnit.MILLISECONDS.toNanos(sent.getTimeTaken());
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Outcome outcome = Outcome.classify(exchange.getException(), status);
        recorder.record(endpoint, outcome, latencyNanos);
    }

    private static boolean isHttp(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        return uri.startsWith("http:") || uri.startsWith("https:");
    }
}
