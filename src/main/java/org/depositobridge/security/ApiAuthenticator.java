package org.depositobridge.security;

/**
 * Decides who a request comes from: a configured API key ({@code X-API-Key}), a bearer JWT
 * ({@code Authorization: Bearer ...}) or the dashboard page's session cookie ({@link SessionStore}). Returns a client
 * id for rate limiting that never contains the secret: {@code key-<n>} for the n-th configured key, {@code jwt:<sub>}
 * for a token; a session stands for the client that signed in, so it shares that client's rate-limit bucket.
 */
public final class ApiAuthenticator {

    private final boolean enabled;
    private final ApiKeys keys;
    private final JwtVerifier jwt;
    private final SessionStore sessions;

    /** @param jwt null when no JWT secret is configured (bearer tokens are then refused) */
    public ApiAuthenticator(boolean enabled, ApiKeys keys, JwtVerifier jwt) {
        this(enabled, keys, jwt, null);
    }

    /** @param sessions null when session cookies are not accepted */
    public ApiAuthenticator(boolean enabled, ApiKeys keys, JwtVerifier jwt, SessionStore sessions) {
        this.enabled = enabled;
        this.keys = keys;
        this.jwt = jwt;
        this.sessions = sessions;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The client id, null when auth is off (the caller then limits by address), or a 401 {@link ApiException}. */
    public String authenticate(String apiKey, String authorization) {
        return authenticate(apiKey, authorization, null);
    }

    /**
     * As {@link #authenticate(String, String)}, also accepting a session token (the cookie's value) when neither
     * header is sent: the headers win, so a script sending its key is never judged by a stale cookie.
     */
    public String authenticate(String apiKey, String authorization, String sessionToken) {
        if (!enabled) {
            return null;
        }
        if (apiKey != null && !apiKey.isEmpty()) {
            int k = keys.match(apiKey);
            if (k < 0) {
                throw ApiException.unauthorized("invalid API key");
            }
            return "key-" + k;
        }
        if (authorization != null && !authorization.isEmpty()) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthorized("unsupported authorization scheme; use X-API-Key or Bearer");
            }
            if (jwt == null) {
                throw ApiException.unauthorized("bearer tokens are not configured on this bridge");
            }
            String sub = jwt.verify(authorization.substring(7).trim());
            return "jwt:" + (sub == null ? "" : sub.length() > 64 ? sub.substring(0, 64) : sub);
        }
        if (sessions != null && sessionToken != null && !sessionToken.isEmpty()) {
            String client = sessions.clientOf(sessionToken);
            if (client == null) {
                throw ApiException.unauthorized("session expired or signed out; sign in again");
            }
            return client;
        }
        throw ApiException.unauthorized("missing credentials: send X-API-Key or Authorization: Bearer <JWT>");
    }
}
