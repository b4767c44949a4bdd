package org.depositobridge.deposito;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The bridge's service token for the deposito (bean {@code depositoToken}).
 *
 * <p>Either minted here from the shared HS256 secret with the claims the deposito checks ({@code sub},
 * {@code role=deposito}, {@code iat}, {@code exp}, optional {@code iss}) and renewed before it expires, or a
 * static token read from a file outside the repository. The token itself is never logged.
 */
public class DepositoToken {

    private final Clock clock;
    private final Duration ttl;
    private final Duration renewBefore;
    private final String subject;
    private final String issuer;
    private final String staticToken;
    private final Supplier<String> secret;
    private volatile String token;
    private volatile Instant expiresAt = Instant.EPOCH;

    /**
     * @param secret      HS256 secret (at least 32 bytes), asked for when the first token is minted (the embedded
     *                    simulator's is known only once it runs); unused when {@code staticToken} is given
     * @param staticToken a ready token, or null to mint
     */
    public DepositoToken(Supplier<String> secret, String staticToken, Duration ttl, Duration renewBefore,
            String subject, String issuer, Clock clock) {
        this.secret = secret;
        this.staticToken = staticToken == null || staticToken.isBlank() ? null : staticToken.trim();
        this.ttl = ttl;
        this.renewBefore = renewBefore;
        this.subject = subject;
        this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
        this.clock = clock;
    }

    /** Reads a secret or token file, trimmed; null when the path is blank. */
    public static String readFile(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The {@code Authorization} header value, minting a fresh token when the current one is close to expiry. */
    public String authorization() {
        if (staticToken != null) {
            return "Bearer " + staticToken;
        }
        Instant now = clock.instant();
        String current = token;
        if (current == null || now.isAfter(expiresAt.minus(renewBefore))) {
            synchronized (this) {
                if (token == null || now.isAfter(expiresAt.minus(renewBefore))) {
                    mint(now);
                }
                current = token;
            }
        }
        return "Bearer " + current;
    }

    /** Forgets the current token, so the next call mints a new one (after a 401). */
    public synchronized void invalidate() {
        token = null;
    }

    public boolean minted() {
        return staticToken == null;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    private void mint(Instant now) {
        Instant exp = now.plus(ttl);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("role", "deposito")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString());
        if (issuer != null) {
            claims.issuer(issuer);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        String key = secret.get();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("deposito auth: configure the JWT secret (DEPOSITO_JWT_SECRET or "
                    + "deposito.jwt-secret-file) or a static token (DEPOSITO_TOKEN or deposito.token-file)");
        }
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the deposito service token: " + e.getMessage(), e);
        }
        token = jwt.serialize();
        expiresAt = exp;
    }
}
