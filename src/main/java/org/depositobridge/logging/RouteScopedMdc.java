package org.depositobridge.logging;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.impl.engine.DefaultUnitOfWorkFactory;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
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
 * <p>The choice is made once per exchange, by the route that created it ({@link Exchange#getFromRouteId()}): an
 * excluded route that calls another ({@code direct:api-guard}) passes on its plain unit of work. With
 * {@code camel.main.useMdcLogging=false} nothing gets the MDC, as before.
 */
public final class RouteScopedMdc extends DefaultUnitOfWorkFactory {

    private final String excludePattern;
    private CamelContext context;

    /** @param excludePattern comma-separated route ids or wildcards ({@code api-*}); empty = MDC everywhere */
    public RouteScopedMdc(String excludePattern) {
        this.excludePattern = excludePattern == null ? "" : excludePattern.trim();
    }

    /** Makes this the context's unit-of-work factory; before routes are added (each route reads it once). */
    public static void install(CamelContext context, String excludePattern) {
        context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, new RouteScopedMdc(excludePattern));
    }

    @Override
    public void afterPropertiesConfigured(CamelContext camelContext) {
        super.afterPropertiesConfigured(camelContext);
        this.context = camelContext;
    }

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        if (excludes(exchange.getFromRouteId())) {
            return new DefaultUnitOfWork(exchange, context.getInflightRepository(),
                    Boolean.TRUE.equals(context.isAllowUseOriginalMessage()),
                    Boolean.TRUE.equals(context.isUseBreadcrumb()));
        }
        return super.createUnitOfWork(exchange);
    }

    /** Whether exchanges started by route {@code routeId} go without the MDC. */
    public boolean excludes(String routeId) {
        if (routeId == null || excludePattern.isEmpty()) {
            return false;
        }
        for (String pattern : excludePattern.split(",")) {
            String p = pattern.trim();
            if (!p.isEmpty() && PatternHelper.matchPattern(routeId, p)) {
                return true;
            }
        }
        return false;
    }
}
