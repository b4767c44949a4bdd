package org.depositobridge.security;

import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

/**
 * Verifies dashboard bearer tokens: HS256 only (the algorithm is pinned, so {@code alg=none} and any other
 * algorithm are refused before the signature is looked at), signature with the shared secret, {@code exp}
 * required and in the future, {@code iss} and {@code aud} checked when configured.
 *
 * <p>{@code exp} and {@code nbf} are checked with the configured clock skew ({@code dashboard.jwt-clock-skew},
 * default 5 s), not Nimbus' default of 60 s, which kept an expired token working for a minute.
 */
public final class JwtVerifier {

    private final MACVerifier verifier;
    private final DefaultJWTClaimsVerifier<?> claims;

    /** The default allowance for clocks that differ between the token issuer and the bridge. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

    public JwtVerifier(byte[] secret, String issuer, String audience) {
        this(secret, issuer, audience, DEFAULT_CLOCK_SKEW);
    }

    public JwtVerifier(byte[] secret, String issuer, String audience, Duration clockSkew) {
        if (clockSkew.isNegative() || clockSkew.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dashboard.jwt-clock-skew must be 0 or more seconds: " + clockSkew);
        }
        try {
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("dashboard JWT secret must be at least 256 bits (32 bytes)", e);
        }
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null) {
            exact.issuer(issuer);
        }
        Set<String> required = new HashSet<>(Set.of("exp"));
        this.claims = new DefaultJWTClaimsVerifier<>(audience, exact.build(), required);
        this.claims.setMaxClockSkew((int) clockSkew.toSeconds());
    }

    /** The token's subject (null when it has none), or an {@link ApiException} 401 saying why it was refused. */
    public String verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw ApiException.unauthorized("malformed bearer token");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw ApiException.unauthorized("bearer token algorithm not accepted");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw ApiException.unauthorized("bearer token signature invalid");
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            claims.verify(set, null);
            return set.getSubject();
        } catch (BadJWTException e) {
            throw ApiException.unauthorized("bearer token rejected: " + safeReason(e));
        } catch (JOSEException | ParseException | RuntimeException e) {
            throw ApiException.unauthorized("bearer token invalid");
        }
    }

    /** Nimbus' reasons name the failed claim check (expired, audience, issuer), never the token itself. */
    private static String safeReason(BadJWTException e) {
        String m = e.getMessage();
        return m == null ? "claims" : m.replaceAll("[^A-Za-z0-9 ,.:_-]", "").toLowerCase(Locale.ROOT);
    }
}
