package org.depositobridge.security;

import java.text.ParseException;
import java.util.HashSet;
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
 */
public final class JwtVerifier {

    private final MACVerifier verifier;
    private final DefaultJWTClaimsVerifier<?> claims;

    public JwtVerifier(byte[] secret, String issuer, String audience) {
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
        return m == null ? "claims" : m.replaceAll("[^A-Za-z0-9 ,.:_-]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
