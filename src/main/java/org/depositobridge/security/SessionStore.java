package org.depositobridge.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.depositobridge.config.ConfigValues;

/**
 * The dashboard page's sign-in sessions: a random token (the cookie's value) stands for the client an API key
 * authenticated, so a request with the cookie is authenticated and rate limited as that key's requests are.
 *
 * <p>Bounded: at most {@code maxSessions} (least recently used evicted), each dropped after {@code idle} without a
 * request and {@code maxAge} after sign-in whatever its use. Only the token's SHA-256 is held, so a heap dump gives
 * no usable cookie. In memory only: a restart signs everyone out, and each replica has its own sessions.
 */
public final class SessionStore {

    /** What a session stands for: the client id of the key that signed in, and when the session ends at the latest. */
    private record Session(String clientId, long expiresAtNanos) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    private final Cache<String, Session> sessions;
    private final Duration maxAge;
    private final Ticker ticker;

    public SessionStore(long maxSessions, Duration idle, Duration maxAge) {
        this(maxSessions, idle, maxAge, Ticker.systemTicker());
    }

    SessionStore(long maxSessions, Duration idle, Duration maxAge, Ticker ticker) {
        if (maxSessions < 1 || idle.isZero() || idle.isNegative() || maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("session max count, idle timeout and max age must be positive");
        }
        this.maxAge = maxAge;
        this.ticker = ticker;
        this.sessions = Caffeine.newBuilder().maximumSize(maxSessions).expireAfterAccess(idle).ticker(ticker)
                // eviction work on the calling thread: no ForkJoinPool task per sign-in, and tests see it at once
                .executor(Runnable::run).build();
    }

    /** From {@code dashboard.session-max}, {@code dashboard.session-idle-timeout}, {@code dashboard.session-max-age}. */
    public static SessionStore configured(ConfigValues cfg) {
        return new SessionStore(cfg.integer("dashboard.session-max"),
                cfg.duration("dashboard.session-idle-timeout"),
                cfg.duration("dashboard.session-max-age"));
    }

    /** A new session for the client; the returned token is the cookie value and is never stored as such. */
    public String create(String clientId) {
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        sessions.put(hash(token), new Session(clientId, ticker.read() + maxAge.toNanos()));
        return token;
    }

    /** The client the token's session stands for, or null when there is none (never issued, expired, signed out). */
    public String clientOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return null;
        }
        String key = hash(token);
        Session s = sessions.getIfPresent(key);
        if (s == null) {
            return null;
        }
        if (ticker.read() - s.expiresAtNanos() >= 0) {
            sessions.invalidate(key);
            return null;
        }
        return s.clientId();
    }

    /** Ends the token's session (sign-out); true when there was one. */
    public boolean remove(String token) {
        if (token == null || token.isEmpty() || token.length() > 128) {
            return false;
        }
        return sessions.asMap().remove(hash(token)) != null;
    }

    /** Sessions held now (after pending evictions). */
    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    /** Lifetime of a session at most: the cookie's Max-Age. */
    public Duration maxAge() {
        return maxAge;
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(ApiKeys.sha256(token));
    }
}
