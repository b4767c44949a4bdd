package org.depositobridge.health;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.config.ConfigValues;

/**
 * Builds the body of {@code GET /health}: UP only when every readiness check of the bridge is UP (503 when
 * DOWN, so probes need not parse the body), plus the deposito connection (bean {@code depositoHealth}, when
 * bound) and the freshness of the datasets (bean {@code snapshotStore}). A deposito outage does not make the
 * bridge DOWN: it keeps serving the last data, flagged stale.
 *
 * <p>The path is public and not rate limited, and running every readiness check costs far more than a dataset
 * answer: one answer is computed at most once per {@code dashboard.health-max-age} (default 1 s) and shared by
 * every request in that interval (its {@code timestamp} says when it was computed). A request that finds it
 * expired recomputes it while the others wait for that one result, so the checks never run twice at once.
 */
public class HealthView {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Answer(long computedAtNanos, int status, byte[] body) {
    }

    private final Object computing = new Object();
    private volatile Answer last;
    /** Read from the context at the first request: the bean is created before the properties are at hand. */
    private volatile long maxAgeNanos = -1;

    public byte[] answer(Exchange exchange) {
        CamelContext context = exchange.getContext();
        long maxAge = maxAgeNanos(context);
        Answer a = last;
        if (a == null || System.nanoTime() - a.computedAtNanos() >= maxAge) {
            synchronized (computing) {
                a = last;
                if (a == null || System.nanoTime() - a.computedAtNanos() >= maxAge) {
                    a = compute(context);
                    last = a;
                }
            }
        }
        Message m = exchange.getMessage();
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, a.status());
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        return a.body();
    }

    private long maxAgeNanos(CamelContext context) {
        long n = maxAgeNanos;
        if (n < 0) {
            n = new ConfigValues(context).duration("dashboard.health-max-age").toNanos();
            maxAgeNanos = n;
        }
        return n;
    }

    private static Answer compute(CamelContext context) {
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(context);
        boolean up = readiness.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("timestamp", Instant.now().toString());
        body.put("deposito", deposito(context.getRegistry().lookupByNameAndType("depositoHealth", DepositoHealth.class)));
        body.put("datasets", datasets(context.getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)));
        try {
            return new Answer(System.nanoTime(), up ? 200 : 503, MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the health answer", e);
        }
    }

    private static Map<String, Object> deposito(DepositoHealth health) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (health == null) {
            d.put("reachable", null);
            d.put("last_success", null);
            d.put("circuit", "UNKNOWN");
            return d;
        }
        Long last = health.lastSuccessMillis();
        d.put("reachable", health.reachable());
        d.put("last_success", last == null ? null : Instant.ofEpochMilli(last).toString());
        d.put("circuit", health.circuitState());
        return d;
    }

    private static Map<String, Object> datasets(SnapshotStore store) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (store == null) {
            d.put("as_of", null);
            d.put("stale", true);
            return d;
        }
        DepositoSnapshot s = store.current();
        d.put("as_of", s.asOfMillis() > 0 ? Instant.ofEpochMilli(s.asOfMillis()).toString() : null);
        d.put("stale", store.stale());
        return d;
    }
}
