package org.depositobridge.health;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * Builds the body of {@code GET /health}: UP only when every readiness check of the bridge is UP.
 * Sets HTTP 503 when DOWN so load balancers and probes need not parse the body.
 */
public class HealthView {

    public Map<String, Object> answer(Exchange exchange) {
        CamelContext context = exchange.getContext();
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(context);
        boolean up = readiness.stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("timestamp", Instant.now().toString());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        return body;
    }
}
