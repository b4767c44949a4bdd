package org.depositobridge.security;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Bean {@code apiGuard}: the first step of every {@code /api/*} route. Authenticates the caller, then takes one
 * request from its rate-limit bucket (the client is the key or token subject, else the remote address). A
 * refused request gets its 401/429 JSON answer here and the route stops.
 */
public class ApiGuard {

    private final ApiAuthenticator authenticator;
    private final RateLimiter limiter;

    /** @param limiter null when rate limiting is switched off */
    public ApiGuard(ApiAuthenticator authenticator, RateLimiter limiter) {
        this.authenticator = authenticator;
        this.limiter = limiter;
    }

    public void admit(Exchange exchange) {
        Message in = exchange.getMessage();
        String client;
        try {
            client = authenticator.authenticate(in.getHeader("X-API-Key", String.class),
                    in.getHeader("Authorization", String.class));
        } catch (ApiException unauthorized) {
            // failed attempts count against the caller's address, which also slows down key guessing
            if (limiter != null) {
                long wait = limiter.tryAcquire("ip:" + remoteAddress(exchange));
                if (wait > 0) {
                    ApiResponses.refuse(exchange, ApiException.rateLimited(wait));
                    return;
                }
            }
            ApiResponses.refuse(exchange, unauthorized);
            return;
        }
        if (limiter != null) {
            long wait = limiter.tryAcquire(client != null ? client : "ip:" + remoteAddress(exchange));
            if (wait > 0) {
                ApiResponses.refuse(exchange, ApiException.rateLimited(wait));
            }
        }
    }

    static String remoteAddress(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().remoteAddress() != null) {
            return http.getRequest().remoteAddress().hostAddress();
        }
        Object addr = exchange.getIn().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        return addr == null ? "unknown" : addr.toString();
    }
}
