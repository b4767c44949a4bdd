package org.depositobridge.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;

/**
 * Prometheus meters other packages report to, with bounded labels. Bound in the Camel registry as
 * {@value #BEAN_NAME}; call it from Java or from YAML ({@code bean: {ref: bridgeMetrics, method: deadLetter}}).
 *
 * <ul>
 *   <li>{@code bridge_dataset_age_seconds{dataset}} and {@code bridge_dataset_stale{dataset}} (0/1):
 *       {@link #trackDataset}, {@link #datasetUpdated}</li>
 *   <li>{@code deposito_dead_letters_total{endpoint}}: {@link #deadLetter(DepositoEndpoint)}</li>
 *   <li>{@code api_requests_total{route,status_class}}, {@code api_rate_limited_total{route}} (429s) and
 *       {@code api_request_seconds{route}}: {@link #apiRequest};
 *       fed for every REST route by {@link ApiRequestNotifier}, so routes need not call it</li>
 * </ul>
 * Free-text label values (dataset, route) are capped at {@value #MAX_LABEL_VALUES} distinct values each;
 * later ones are counted as {@code other}.
 */
public class BridgeMetrics {

    public static final String BEAN_NAME = "bridgeMetrics";
    public static final int MAX_LABEL_VALUES = 32;
    /** Staleness limit for a dataset updated without {@link #trackDataset} first. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(10);

    static final String DATASET_AGE = "bridge.dataset.age";
    static final String DATASET_STALE = "bridge.dataset.stale";
    static final String DEAD_LETTERS = "deposito.dead.letters";
    static final String API_REQUESTS = "api.requests";
    static final String API_TIMER = "api.request";
    static final String API_RATE_LIMITED = "api.rate.limited";
    static final String UNKNOWN_ENDPOINT = "unknown";
    /** Route ids whose API meters are kept at hand; more (a flood of ids) are served, just not kept. */
    static final int MAX_CACHED_ROUTES = 4 * MAX_LABEL_VALUES;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant started;
    private final BoundedLabel datasets = new BoundedLabel("dataset", MAX_LABEL_VALUES);
    private final BoundedLabel routes = new BoundedLabel("route", MAX_LABEL_VALUES);
    private final Map<String, DatasetState> datasetStates = new ConcurrentHashMap<>();
    /** By the route id as given; bounded: ids past the cap are looked up (and labelled "other") every time. */
    private final Map<String, ApiMeters> apiMeters = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    BridgeMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.started = clock.instant();
        for (DepositoEndpoint e : DepositoEndpoint.values()) {
            deadLetterCounter(e.label());
        }
        deadLetterCounter(UNKNOWN_ENDPOINT);
    }

    /** The registry these meters live in (the bridge's composite, joined to Camel's {@code metricsRegistry}). */
    public MeterRegistry registry() {
        return registry;
    }

    // ------------------------------------------------------------------ datasets

    /**
     * Starts the age and staleness gauges of a dataset. Until its first update its age counts from the bridge's
     * start, so a dataset that never loads turns stale too.
     */
    public void trackDataset(String dataset, Duration staleAfter) {
        state(dataset, staleAfter);
    }

    /** The dataset was refreshed successfully at {@code at}. */
    public void datasetUpdated(String dataset, Instant at) {
        state(dataset, DEFAULT_STALE_AFTER).updated = at;
    }

    private DatasetState state(String dataset, Duration staleAfter) {
        String label = datasets.value(dataset);
        return datasetStates.computeIfAbsent(label, l -> {
            DatasetState s = new DatasetState(staleAfter);
            Gauge.builder(DATASET_AGE, s, this::ageSeconds).baseUnit("seconds")
                    .description("Seconds since the dataset was last refreshed (since start if never)")
                    .tag("dataset", l).register(registry);
            Gauge.builder(DATASET_STALE, s, st -> ageSeconds(st) > st.staleAfter.toSeconds() ? 1 : 0)
                    .description("1 when the dataset is older than its staleness limit")
                    .tag("dataset", l).register(registry);
            return s;
        });
    }

    private double ageSeconds(DatasetState s) {
        Instant since = s.updated == null ? started : s.updated;
        return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    private static final class DatasetState {
        final Duration staleAfter;
        volatile Instant updated;

        DatasetState(Duration staleAfter) {
            this.staleAfter = staleAfter;
        }
    }

    // ------------------------------------------------------------------ dead letters

    /** One exchange went to the dead-letter channel after its retries. */
    public void deadLetter(DepositoEndpoint endpoint) {
        deadLetterCounter(endpoint == null ? UNKNOWN_ENDPOINT : endpoint.label()).increment();
    }

    /** From a YAML dead-letter route: the endpoint group comes from {@link DepositoStats#ENDPOINT_PROPERTY}. */
    public void deadLetter(Exchange exchange) {
        deadLetter(DepositoStats.endpointOf(exchange));
    }

    private Counter deadLetterCounter(String endpoint) {
        return Counter.builder(DEAD_LETTERS).description("Exchanges given up after retries, by deposito endpoint group")
                .tag("endpoint", endpoint).register(registry);
    }

    // ------------------------------------------------------------------ API requests

    /** One request to the dashboard API answered with {@code status} after {@code durationNanos}. */
    public void apiRequest(String route, int status, long durationNanos) {
        ApiMeters m = route == null ? null : apiMeters.get(route);
        if (m == null) {
            m = new ApiMeters(routes.value(route));
            if (route != null && apiMeters.size() < MAX_CACHED_ROUTES) {
                apiMeters.putIfAbsent(route, m);
            }
        }
        m.requests(status).increment();
        if (status == 429) {
            m.limited.increment();
        }
        m.latency.record(Math.max(durationNanos, 0), TimeUnit.NANOSECONDS);
    }

    /**
     * One route's API meters, looked up once: registering a meter again finds the same one, but builds its id and
     * searches the registry each time, a few per cent of a request's CPU at the API's rates.
     */
    private final class ApiMeters {

        private final String route;
        /** By status class: 1xx..5xx at 0..4, anything else at 5; registered at their first use. */
        private final Counter[] byClass = new Counter[6];
        private final Counter limited;
        private final Timer latency;

        ApiMeters(String route) {
            this.route = route;
            // its own counter, at 0 from a route's first request: the status class alone cannot tell a 429 from a 401
            this.limited = Counter.builder(API_RATE_LIMITED)
                    .description("Dashboard API requests refused by the rate limit (429), by route")
                    .tag("route", route).register(registry);
            this.latency = Timer.builder(API_TIMER).description("Dashboard API latency by route")
                    .tag("route", route).serviceLevelObjectives(DepositoMetrics.SLO_BUCKETS).register(registry);
        }

        Counter requests(int status) {
            int i = status >= 100 && status < 600 ? status / 100 - 1 : 5;
            Counter c = byClass[i];
            if (c == null) {
                // a race registers the same meter twice: the registry returns the one it holds
                c = Counter.builder(API_REQUESTS).description("Dashboard API requests by route and status class")
                        .tag("route", route).tag("status_class", statusClass(status)).register(registry);
                byClass[i] = c;
            }
            return c;
        }
    }

    /** How many route ids have their API meters kept at hand (bounded by {@link #MAX_CACHED_ROUTES}). */
    int cachedApiRoutes() {
        return apiMeters.size();
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : BoundedLabel.OTHER;
    }
}
