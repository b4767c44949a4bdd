package org.depositobridge.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 bearer auth with the deposito's answers: missing header 403 "Not authenticated", another scheme 403
 * "Invalid authentication credentials", unparseable or badly signed 401 "Token inválido", expired 401
 * "Token expirado", role other than {@code deposito} 403 "Se requiere rol: deposito".
 *
 * <p>The HMAC is computed here rather than with nimbus' MACVerifier because that refuses secrets shorter than
 * 256 bits, and a real deposito (PyJWT) accepts them; nimbus still parses and builds the tokens.
 */
final class JwtAuth {

    static final String ROLE = "deposito";

    /** Outcome of checking one request: {@code status == 0} means accepted. */
    record Check(int status, String detail, String subject) {
        boolean ok() {
            return status == 0;
        }
    }

    private final byte[] secret;
    private final Clock clock;

    JwtAuth(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    Check check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Check(403, "Not authenticated", null);
        }
        String a = authorization.trim();
        int sp = a.indexOf(' ');
        if (sp < 0 || !a.substring(0, sp).toLowerCase(Locale.ROOT).equals("bearer") || a.substring(sp).isBlank()) {
            return new Check(403, "Invalid authentication credentials", null);
        }
        String token = a.substring(sp + 1).trim();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return new Check(401, "Token inválido", null);
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                || !MessageDigest.isEqual(hmac(jwt.getSigningInput()), jwt.getSignature().decode())) {
            return new Check(401, "Token inválido", null);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return new Check(401, "Token inválido", null);
        }
        if (exp.getTime() <= clock.millis()) {
            return new Check(401, "Token expirado", null);
        }
        Object role = claims.getClaim("role");
        if (!ROLE.equals(role)) {
            return new Check(403, "Se requiere rol: " + ROLE, null);
        }
        return new Check(0, null, claims.getSubject());
    }

    /** A token signed with the shared secret: {@code sub}, {@code role}, {@code iat}, {@code exp}, {@code iss}. */
    String mint(String subject, String role, Duration ttl) {
        long now = clock.millis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", role)
                .issueTime(new Date(now / 1000 * 1000))
                .expirationTime(new Date(now + ttl.toMillis()))
                .issuer("deposito-simulator")
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        Base64URL h = header.toBase64URL();
        Base64URL p = Base64URL.encode(claims.toString());
        byte[] signingInput = (h + "." + p).getBytes(StandardCharsets.US_ASCII);
        return h + "." + p + "." + Base64URL.encode(hmac(signingInput));
    }

    private byte[] hmac(byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
