package org.depositobridge.deposito;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Which routes are pollers: those with the id {@code deposito-sync-<poller>} (routes/deposito-sync.camel.yaml). The
 * stall watchdog, the dataset gauges and {@link PollerScheduler} find them by that id, so a poller added in YAML needs
 * no Java list to learn its name.
 */
public final class PollerRoutes {

    /** A poller is the route {@code deposito-sync-<poller>}. */
    public static final String PREFIX = "deposito-sync-";

    private PollerRoutes() {
    }

    /** The pollers' names, from the routes loaded so far (at start-up: all of them). */
    public static List<String> pollers(CamelContext context) {
        List<String> pollers = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            String poller = poller(route.getRouteId());
            if (poller != null) {
                pollers.add(poller);
            }
        }
        return pollers;
    }

    /** The poller a route id names, or null when it is not a poller's. */
    public static String poller(String routeId) {
        return routeId != null && routeId.startsWith(PREFIX) && routeId.length() > PREFIX.length()
                ? routeId.substring(PREFIX.length()) : null;
    }

    /** The route id of a poller. */
    public static String routeId(String poller) {
        return PREFIX + poller;
    }
}
