package org.depositobridge.security;

/**
 * Decides who a request comes from: a configured API key ({@code X-API-Key}) or a bearer JWT
 * ({@code Authorization: Bearer ...}). Returns a client id for rate limiting that never contains the secret:
 * {@code key-<n>} for the n-th configured key, {@code jwt:<sub>} for a token.
 */
public final class ApiAuthenticator {

    private final boolean enabled;
    private final ApiKeys keys;
    private final JwtVerifier jwt;

    /** @param jwt null when no JWT secret is configured (bearer tokens are then refused) */
    public ApiAuthenticator(boolean enabled, ApiKeys keys, JwtVerifier jwt) {
        this.enabled = enabled;
        this.keys = keys;
        this.jwt = jwt;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The client id, null when auth is off (the caller then limits by address), or a 401 {@link ApiException}. */
    public String authenticate(String apiKey, String authorization) {
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
        throw ApiException.unauthorized("missing credentials: send X-API-Key or Authorization: Bearer <JWT>");
    }
}
