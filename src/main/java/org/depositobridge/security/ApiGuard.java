package org.depositobridge.security;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Bean {@code apiGuard}: the step of route {@code api-guard} that every {@code /api/*} route calls first.
 * Authenticates the caller (key, token, or the dashboard page's session cookie), then takes one request from its rate-limit bucket (the client is the key or token
 * subject, else the remote address). A refusal is thrown as {@link ApiException}: the calling route's
 * {@code onException} (routeConfiguration {@code dashboard-api-errors}) answers it, so the route's statistics
 * count it as a handled failure.
 *
 * <p>A route may set exchange property {@value #RATE_LIMIT_PROPERTY} (requests per {@code dashboard.rate-limit-window})
 * before the guard: that endpoint then has its own bucket per client, apart from the shared one.
 */
public class ApiGuard {

    public static final String RATE_LIMIT_PROPERTY = "apiRateLimit";
    /** Exchange property: the client id the guard admitted (absent when auth is off); the session sign-in needs it. */
    public static final String CLIENT_PROPERTY = "apiClient";

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
                    in.getHeader("Authorization", String.class), SessionCookie.tokenOf(exchange));
        } catch (ApiException unauthorized) {
            // failed attempts count against the caller's address, which also slows down key guessing
            if (limiter != null) {
                long wait = limiter.tryAcquire("ip:" + remoteAddress(exchange));
                if (wait > 0) {
                    throw ApiException.rateLimited(wait);
                }
            }
            throw unauthorized;
        }
        if (client != null) {
            exchange.setProperty(CLIENT_PROPERTY, client);
        }
        if (limiter != null) {
            String key = client != null ? client : "ip:" + remoteAddress(exchange);
            Object own = exchange.getProperty(RATE_LIMIT_PROPERTY);
            long wait = own == null ? limiter.tryAcquire(key)
                    : limiter.tryAcquire(exchange.getFromRouteId() + "|" + key, ownLimit(own));
            if (wait > 0) {
                throw ApiException.rateLimited(wait);
            }
        }
    }

    /** The endpoint's own limit as the route set it; a typo in YAML is a fault of the route, not of the caller. */
    private static long ownLimit(Object value) {
        try {
            long limit = Long.parseLong(value.toString().trim());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(RATE_LIMIT_PROPERTY + " must be a positive whole number, was " + value);
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
