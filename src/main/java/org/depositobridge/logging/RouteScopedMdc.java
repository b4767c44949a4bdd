package org.depositobridge.logging;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.impl.engine.DefaultUnitOfWorkFactory;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.PatternHelper;

/**
 * Camel's MDC ({@code camel.routeId}, {@code camel.exchangeId}: the {@code route=} and {@code exchange=} of every log
 * line) for every route except those whose id matches {@code bridge.logging.mdc-exclude-routes}.
 *
 * <p>Why: with {@code camel.main.useMdcLogging=true} every exchange gets Camel's MDC unit of work, which writes and
 * restores eight MDC keys at the start and end of every route it enters. On the dashboard API that was 10-17 % of a
 * request's CPU (JFR, docs/benchmarks.md "Where the time goes per request") for routes that log almost nothing: the
 * serving beans' few lines carry {@code request_id}, the same id as the answer's {@code X-Request-ID}, which is what
 * an operator has from a client. The pollers, stock updates and reports, whose lines are read by route, keep it.
 *
 * <p>The choice is made once per exchange, by the route whose consumer created it: an excluded route that calls another
 * ({@code direct:api-guard}) passes on its plain unit of work. platform-http's consumer creates the unit of work before
 * the exchange knows its route ({@link Exchange#getFromRouteId()} is still null), so the route is then found from the
 * exchange's endpoint: a map of consumer endpoints to route ids, rebuilt after routes are added or removed (a reload).
 * With {@code camel.main.useMdcLogging=false} nothing gets the MDC, as before.
 */
public final class RouteScopedMdc extends DefaultUnitOfWorkFactory {

    /** More routes or endpoints than this means something unexpected: start a map again rather than grow it. */
    private static final int MAX_ENTRIES = 1024;

    private final String[] excludePatterns;
    private final Map<Endpoint, String> routeOfEndpoint = new ConcurrentHashMap<>();
    /** The decision per route id: matching is a regex test for ids a wildcard does not match, too dear per exchange. */
    private final Map<String, Boolean> excludedRoute = new ConcurrentHashMap<>();
    private CamelContext context;

    /** @param excludePattern comma-separated route ids or wildcards ({@code api-*}); empty = MDC everywhere */
    public RouteScopedMdc(String excludePattern) {
        this.excludePatterns = excludePattern == null ? new String[0]
                : Arrays.stream(excludePattern.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    /** Makes this the context's unit-of-work factory; before routes are added (each route reads it once). */
    public static void install(CamelContext context, String excludePattern) {
        RouteScopedMdc factory = new RouteScopedMdc(excludePattern);
        context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, factory);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onRoutesAdd(Collection<Route> routes) {
                factory.forget();
            }

            @Override
            public void onRoutesRemove(Collection<Route> routes) {
                factory.forget();
            }
        });
    }

    @Override
    public void afterPropertiesConfigured(CamelContext camelContext) {
        super.afterPropertiesConfigured(camelContext);
        this.context = camelContext;
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        if (excludes(routeOf(exchange))) {
            return new DefaultUnitOfWork(exchange, context.getInflightRepository(),
                    Boolean.TRUE.equals(context.isAllowUseOriginalMessage()),
                    Boolean.TRUE.equals(context.isUseBreadcrumb()));
        }
        return super.createUnitOfWork(exchange);
    }

    private String routeOf(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        Endpoint from = exchange.getFromEndpoint();
        if (routeId != null || from == null) {
            return routeId;
        }
        String known = routeOfEndpoint.get(from);
        if (known == null) {
            known = "";
            for (Route route : context.getRoutes()) {
                // a REST verb's route has the rest: endpoint; its consumer, platform-http's, made the exchange
                if (route.getEndpoint() == from
                        || route.getConsumer() != null && route.getConsumer().getEndpoint() == from) {
                    known = route.getRouteId();
                    break;
                }
            }
            if (routeOfEndpoint.size() >= MAX_ENTRIES) {
                routeOfEndpoint.clear();
            }
            routeOfEndpoint.put(from, known);
        }
        return known.isEmpty() ? null : known;
    }

    /** Whether exchanges started by route {@code routeId} go without the MDC. */
    public boolean excludes(String routeId) {
        if (routeId == null || excludePatterns.length == 0) {
            return false;
        }
        Boolean known = excludedRoute.get(routeId);
        if (known == null) {
            known = PatternHelper.matchPatterns(routeId, excludePatterns);
            if (excludedRoute.size() >= MAX_ENTRIES) {
                excludedRoute.clear();
            }
            excludedRoute.put(routeId, known);
        }
        return known;
    }

    /** Routes were added or removed (a reload): their consumers' endpoints are learnt again. */
    private void forget() {
        routeOfEndpoint.clear();
    }
}
