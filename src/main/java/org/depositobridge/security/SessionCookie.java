package org.depositobridge.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.http.Cookie;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.depositobridge.config.ConfigValues;

/**
 * Bean {@code dashboardSessions}: the dashboard page's sign-in ({@code /api/session}, routes/dashboard-page.camel.yaml).
 * Each method runs after the shared guard (route {@code api-guard}), so signing in, asking and signing out are
 * authenticated and rate limited like every other API request.
 *
 * <ul>
 * <li>{@link #signIn}: the page sends the key once as {@code X-API-Key} on a JSON POST; the answer sets cookie
 * {@value #NAME} ({@code HttpOnly}, {@code SameSite=Strict}, {@code Path=/api}, {@code Secure} over TLS). The key
 * itself is never stored by the page: the cookie stands for it.</li>
 * <li>{@link #describe}: who is signed in and what the page needs to draw (time zone, refresh interval).</li>
 * <li>{@link #signOut}: ends the session and expires the cookie.</li>
 * </ul>
 */
public final class SessionCookie {

    public static final String NAME = "dashboard_session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionCookie.class);

    private final SessionStore sessions;
    private final boolean authEnabled;
    private final String secure;
    private final String timezone;
    private final int refreshSeconds;

    /**
     * @param secure {@code auto} (Secure when the request came over TLS), {@code true} (behind a TLS-terminating proxy)
     *        or {@code false}
     */
    public SessionCookie(SessionStore sessions, boolean authEnabled, String secure, String timezone, int refreshSeconds) {
        if (!secure.equals("auto") && !secure.equals("true") && !secure.equals("false")) {
            throw new IllegalArgumentException("dashboard.session-cookie-secure must be auto, true or false, was " + secure);
        }
        this.sessions = sessions;
        this.authEnabled = authEnabled;
        this.secure = secure;
        this.timezone = timezone;
        this.refreshSeconds = refreshSeconds;
    }

    /** From the {@code dashboard.session-*}, {@code dashboard.page-refresh-seconds} and {@code reports.timezone} keys. */
    public static SessionCookie configured(SessionStore sessions, boolean authEnabled, ConfigValues cfg) {
        return new SessionCookie(sessions, authEnabled, cfg.string("dashboard.session-cookie-secure").trim(),
                cfg.string("reports.timezone").trim(),
                Math.max(5, cfg.integer("dashboard.page-refresh-seconds")));
    }

    /** The session token the request's cookie carries, or null. */
    public static String tokenOf(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http && http.getRequest() != null) {
            Cookie c = http.getRequest().getCookie(NAME);
            return c == null ? null : c.getValue();
        }
        return null;
    }

    /**
     * POST /api/session. Refused unless the body is declared JSON (a cross-site HTML form cannot send that without a
     * CORS preflight, which this server never grants) and the caller proved a key in {@code X-API-Key} (a cookie or a
     * token cannot extend itself into a new session).
     */
    public void signIn(Exchange exchange) {
        Message in = exchange.getMessage();
        String type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", null, "send the sign-in as Content-Type: application/json", 0);
        }
        String key = in.getHeader("X-API-Key", String.class);
        Object client = exchange.getProperty(ApiGuard.CLIENT_PROPERTY);
        if (authEnabled && (key == null || key.isEmpty() || client == null)) {
            throw ApiException.unauthorized("sign in with an API key in X-API-Key");
        }
        Message out = ApiResponses.reset(exchange, 200);
        if (authEnabled) {
            String token = sessions.create(client.toString());
            setCookie(exchange, NAME + "=" + token + "; Max-Age=" + sessions.maxAge().toSeconds());
            // the client id (key-<n>) says which key signed in, never the key or the token
            LOG.info("event=dashboard_signed_in client={} sessions={}", client, sessions.size());
        }
        out.setBody(ApiResponses.json(state(true)));
    }

    /** GET /api/session: the caller is signed in (the guard let it through); what the page needs to draw. */
    public void describe(Exchange exchange) {
        Message out = ApiResponses.reset(exchange, 200);
        out.setBody(ApiResponses.json(state(true)));
    }

    /** DELETE /api/session: ends the cookie's session, if any, and tells the browser to drop the cookie. */
    public void signOut(Exchange exchange) {
        if (sessions.remove(tokenOf(exchange))) {
            LOG.info("event=dashboard_signed_out client={} sessions={}", exchange.getProperty(ApiGuard.CLIENT_PROPERTY),
                    sessions.size());
        }
        Message out = ApiResponses.reset(exchange, 200);
        setCookie(exchange, NAME + "=; Max-Age=0");
        out.setBody(ApiResponses.json(state(false)));
    }

    private Map<String, Object> state(boolean signedIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signed_in", signedIn);
        body.put("auth_enabled", authEnabled);
        body.put("timezone", timezone);
        body.put("refresh_seconds", refreshSeconds);
        return body;
    }

    /** On the HTTP response itself, like Cache-Control: the message headers were reset and are filtered on the way out. */
    private void setCookie(Exchange exchange, String nameValueAge) {
        if (exchange.getIn() instanceof HttpMessage http && http.getResponse() != null) {
            boolean tls = secure.equals("true") || secure.equals("auto") && http.getRequest() != null && http.getRequest().isSSL();
            http.getResponse().headers().add("Set-Cookie",
                    nameValueAge + "; Path=/api; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
        }
    }
}
