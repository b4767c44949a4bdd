package org.depositobridge.health;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.SnapshotStore;

/**
 * Builds the body of {@code GET /health}: UP only when every readiness check of the bridge is UP (503 when
 * DOWN, so probes need not parse the body), plus the deposito connection (bean {@code depositoHealth}, when
 * bound) and the freshness of the datasets (bean {@code snapshotStore}). A deposito outage does not make the
 * bridge DOWN: it keeps serving the last data, flagged stale.
 */
public class HealthView {

    public Map<String, Object> answer(Exchange exchange) {
        CamelContext context = exchange.getContext();
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(context);
        boolean up = readiness.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("timestamp", Instant.now().toString());
        body.put("deposito", deposito(context.getRegistry().lookupByNameAndType("depositoHealth", DepositoHealth.class)));
        body.put("datasets", datasets(context.getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)));
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        return body;
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
