package org.depositobridge.stats;

import org.apache.camel.Exchange;

/** Names shared by the routes and the stats machinery. */
public final class DepositoStats {

    /**
     * Exchange property naming the endpoint group of a deposito call ({@code productos}, {@code critical},
     * {@code movements}, {@code stock_update}). Set it before the {@code to: http} step; only exchanges that carry it
     * are counted.
     */
    public static final String ENDPOINT_PROPERTY = "depositoEndpoint";

    /** Registry name of the {@link StatsRecorder}. */
    public static final String BEAN_NAME = "depositoStats";

    private DepositoStats() {
    }

    /** The endpoint group named by the exchange, or null when the property is absent or not one of the fixed set. */
    public static DepositoEndpoint endpointOf(Exchange exchange) {
        return DepositoEndpoint.of(exchange.getProperty(ENDPOINT_PROPERTY));
    }
}
