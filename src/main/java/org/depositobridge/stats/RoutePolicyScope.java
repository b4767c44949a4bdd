package org.depositobridge.stats;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves the routes of {@code bridge.metrics.route-policy-exclude-routes} (default: the routes platform-http serves,
 * {@code api-*,export-*,session-*,dashboard-page,dashboard-assets}) out of Camel's Micrometer route policy
 * ({@code camel.metrics.enableRoutePolicy}): no {@code camel_exchanges_*} or {@code camel_route_policy_seconds}
 * series for them.
 *
 * <p>Why: those routes have their own meters, recorded once per request by {@link ApiRequestNotifier}
 * ({@code api_requests_total{route,status_class}}, {@code api_request_seconds}, {@code api_rate_limited_total});
 * every panel of the Grafana board reads those for the API, and the Camel series for the pollers and report drops
 * only. The route policy measured each API request a second time, twice (the endpoint's route and {@code api-guard}),
 * with a {@code String.format} of an exchange property name at each begin and end: 7 % of the HTTP threads' CPU
 * samples under load (docs/benchmarks.md, issue 19, "Sixth pass"). JMX and the console keep every route's own
 * statistics (completed, failed, handled failures), which do not come from this policy.
 *
 * <p>Camel 4.18's camel-main has no property for the policy's exclude pattern. Its factory is created by the
 * Prometheus service when the context initialises, and its configuration is Camel's one shared
 * {@code MicrometerRoutePolicyConfiguration.DEFAULT} (which that service already sets per context); each route's
 * policy reads the pattern when its route starts. So the pattern is set, or cleared, when the context starts, before
 * any route does; a route reloaded later reads it too.
 */
final class RoutePolicyScope extends LifecycleStrategySupport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutePolicyScope.class);

    /** Camel's pattern: comma-separated ids or wildcards, untrimmed; null = no route left out. */
    private final String excludePattern;

    RoutePolicyScope(String excludePattern) {
        String joined = Arrays.stream(excludePattern.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .collect(Collectors.joining(","));
        this.excludePattern = joined.isEmpty() ? null : joined;
    }

    /** Adds the scope to the context: it sets the pattern, or clears one an earlier context in this JVM set. */
    static void install(CamelContext context, String excludePattern) {
        context.addLifecycleStrategy(new RoutePolicyScope(excludePattern));
    }

    @Override
    public void onContextStarting(CamelContext context) {
        for (RoutePolicyFactory factory : context.getRoutePolicyFactories()) {
            if (factory instanceof MicrometerRoutePolicyFactory micrometer) {
                micrometer.getPolicyConfiguration().setExcludePattern(excludePattern);
                LOG.info("event=route_policy_scoped exclude=\"{}\"", excludePattern == null ? "" : excludePattern);
            }
        }
    }
}
