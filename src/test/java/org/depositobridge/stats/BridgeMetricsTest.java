package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Every label of the bridge's meters is bounded, whatever callers pass. */
class BridgeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Set<String> tagValues(String meter, String tag) {
        return registry.find(meter).meters().stream().map(m -> m.getId().getTag(tag)).collect(Collectors.toSet());
    }

    /** A 429 is counted apart from other 4xx, per route; a route's counter exists at 0 from its first request. */
    @Test
    void should_count_rate_limited_requests_apart() {
        BridgeMetrics metrics = new BridgeMetrics(registry);
        metrics.apiRequest("api-summary", 200, 1_000L);
        assertThat(registry.get("api.rate.limited").tag("route", "api-summary").counter().count()).isZero();
        metrics.apiRequest("api-summary", 429, 1_000L);
        metrics.apiRequest("api-summary", 429, 1_000L);
        metrics.apiRequest("api-summary", 401, 1_000L);
        assertThat(registry.get("api.rate.limited").tag("route", "api-summary").counter().count()).isEqualTo(2);
        assertThat(registry.get("api.requests").tag("route", "api-summary").tag("status_class", "4xx").counter().count())
                .isEqualTo(3);
    }

    /** 10,000 distinct route names (ids pasted into a label by mistake) make at most 33 route values. */
    @Test
    void should_cap_distinct_route_labels_under_a_flood_of_values() {
        BridgeMetrics metrics = new BridgeMetrics(registry);
        for (int i = 0; i < 10_000; i++) {
            metrics.apiRequest("route-" + i, 200 + (i % 5) * 100, 1_000_000L);
        }
        Set<String> routes = tagValues("api.requests", "route");
        assertThat(routes).hasSize(BridgeMetrics.MAX_LABEL_VALUES + 1).contains("other", "route-0", "route-31");
        assertThat(tagValues("api.requests", "status_class")).containsExactlyInAnyOrder("2xx", "3xx", "4xx", "5xx", "other");
        assertThat(tagValues("api.rate.limited", "route")).hasSize(BridgeMetrics.MAX_LABEL_VALUES + 1);
        assertThat(tagValues("api.request", "route")).hasSize(BridgeMetrics.MAX_LABEL_VALUES + 1);
        // all traffic is still counted: the overflow lands in "other"
        double total = registry.find("api.requests").counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(total).isEqualTo(10_000);
        long meters = registry.getMeters().size();
        for (int i = 10_000; i < 20_000; i++) {
            metrics.apiRequest("route-" + i, 200, 1_000L);
        }
        // the second flood of new route names adds no meter: they all land in "other"
        assertThat(registry.getMeters().size()).isEqualTo(meters);
        // and the meters kept at hand per route id stay bounded too
        assertThat(metrics.cachedApiRoutes()).isEqualTo(BridgeMetrics.MAX_CACHED_ROUTES);
        assertThat(registry.find("api.requests").counters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(20_000);
    }

    /** Dead letters exist for the four groups and "unknown" from the start, and never for anything else. */
    @Test
    void should_count_dead_letters_by_fixed_endpoint_group() {
        BridgeMetrics metrics = new BridgeMetrics(registry);
        metrics.deadLetter(DepositoEndpoint.CRITICAL);
        metrics.deadLetter((DepositoEndpoint) null);
        assertThat(tagValues("deposito.dead.letters", "endpoint"))
                .containsExactlyInAnyOrder("productos", "critical", "movements", "stock_update", "unknown");
        assertThat(registry.get("deposito.dead.letters").tag("endpoint", "critical").counter().count()).isEqualTo(1);
        assertThat(registry.get("deposito.dead.letters").tag("endpoint", "unknown").counter().count()).isEqualTo(1);
    }

    /** Age counts from start until the first update, then from the update; stale flips past the limit. */
    @Test
    void should_report_dataset_age_and_staleness() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        BridgeMetrics metrics = new BridgeMetrics(registry, clock);
        metrics.trackDataset("productos", Duration.ofMinutes(10));
        clock.now = clock.now.plusSeconds(601);
        assertThat(registry.get("bridge.dataset.age").tag("dataset", "productos").gauge().value()).isEqualTo(601);
        assertThat(registry.get("bridge.dataset.stale").tag("dataset", "productos").gauge().value()).isEqualTo(1);
        metrics.datasetUpdated("productos", clock.now.minusSeconds(30));
        assertThat(registry.get("bridge.dataset.age").tag("dataset", "productos").gauge().value()).isEqualTo(30);
        assertThat(registry.get("bridge.dataset.stale").tag("dataset", "productos").gauge().value()).isZero();
        for (int i = 0; i < 500; i++) {
            metrics.datasetUpdated("ds-" + i, clock.now);
        }
        assertThat(tagValues("bridge.dataset.age", "dataset")).hasSize(BridgeMetrics.MAX_LABEL_VALUES + 1);
    }

    /** The deposito meters are created up front (28 counters, 4 timers, 6 more) and recording never adds one. */
    @Test
    void should_create_a_fixed_set_of_deposito_meters() {
        StatsRecorder recorder = new StatsRecorder(1000);
        DepositoMetrics.bind(recorder, registry);
        int before = registry.getMeters().size();
        assertThat(before).isEqualTo(28 + 4 + 1 + 4);
        for (int i = 0; i < 10_000; i++) {
            recorder.record(DepositoEndpoint.values()[i % 4], Outcome.values()[i % 7], 2_000_000L);
        }
        assertThat(registry.getMeters()).hasSize(before);
        // the meters read the recorder's totals: exact, and not reset with the windows
        assertThat(registry.get("deposito.requests").tag("endpoint", "productos").tag("outcome", "success")
                .functionCounter().count()).isEqualTo(10_000 / 28 + 1);
        double all = registry.find("deposito.requests").functionCounters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(all).isEqualTo(10_000);
        assertThat(registry.get("deposito.stats.resets").functionCounter().count()).isEqualTo(10);
        // circuit_open and rejected never went on the wire: they are counted but not timed
        io.micrometer.core.instrument.FunctionTimer t = registry.get("deposito.request").tag("endpoint", "critical").functionTimer();
        assertThat(t.count()).isEqualTo(1786); // i % 4 == 1 and i % 7 not in {5, 6}, for i < 10,000
        assertThat(t.mean(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(2.0);
        assertThat(registry.get("deposito.stats.last.window.latency").tag("percentile", "99").gauge().value())
                .isCloseTo(0.002, org.assertj.core.api.Assertions.within(0.0001));
        assertThat(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("deposito.requests", "deposito.request", "deposito.stats.resets",
                        "deposito.stats.last.window.latency");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
