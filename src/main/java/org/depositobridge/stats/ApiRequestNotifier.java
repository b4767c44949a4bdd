package org.depositobridge.stats;

import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts every dashboard API request in {@link BridgeMetrics#apiRequest(String, int, long)}: each exchange started
 * by a {@code platform-http} consumer (the REST DSL) is counted once when it completes or fails, by route id and
 * status class, with its duration. Routes need no extra step, and error paths are counted too.
 */
public class ApiRequestNotifier extends EventNotifierSupport {

    private final BridgeMetrics metrics;

    public ApiRequestNotifier(BridgeMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (!fromPlatformHttp(exchange.getFromEndpoint())
                // copies made by split/multicast carry a correlation id and complete on their own: count the request once
                || exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null) {
            return;
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int code = status != null ? status : (event instanceof ExchangeFailedEvent ? 500 : 200);
        metrics.apiRequest(exchange.getFromRouteId(), code, TimeUnit.MILLISECONDS.toNanos(exchange.getClock().elapsed()));
    }

    private static boolean fromPlatformHttp(Endpoint from) {
        return from != null && from.getEndpointUri().startsWith("platform-http:");
    }
}
