package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and bearer JWTs over real HTTP; what is refused, what is accepted, and what never reaches the logs. */
class ApiAuthTest {

    static final String SECRET = "a-test-secret-of-more-than-thirty-two-bytes!";
    static final String ISSUER = "https://auth.example/test";
    static final String AUDIENCE = "dashboards";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningBridge bridge;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.open();
        Path secretFile = dir.resolve("jwt.secret");
        Files.writeString(secretFile, SECRET + "\n", StandardCharsets.UTF_8);
        bridge = RunningBridge.start(Map.of("dashboard.jwt-secret-file", secretFile.toString(),
                "dashboard.jwt-issuer", ISSUER, "dashboard.jwt-audience", AUDIENCE));
        // /health answers 200 once the first snapshot from the embedded simulator is in
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        logs.close();
    }

    static String token(String secret, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("tablero-1").issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000));
    }

    static HttpResponse<String> bearer(String token) throws Exception {
        return bridge.get("/api/summary", "Authorization", "Bearer " + token);
    }

    static void assertUnauthorized(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(MAPPER.readTree(r.body()).get("message").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    /** No credentials, a wrong key, an empty key, another scheme: 401 JSON. */
    @Test
    void should_refuse_missing_or_wrong_keys() throws Exception {
        assertUnauthorized(bridge.get("/api/summary"));
        assertUnauthorized(bridge.get("/api/summary", "X-API-Key", "test-key-3"));
        assertUnauthorized(bridge.get("/api/summary", "X-API-Key", "TEST-KEY-1"));
        assertUnauthorized(bridge.get("/api/providers", "Authorization", "Basic dXNlcjpwYXNz"));
        assertUnauthorized(bridge.get("/api/providers", "Authorization", "Bearer"));
    }

    /** Each configured key is accepted. */
    @Test
    void should_accept_every_configured_key() throws Exception {
        assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
        assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-2").statusCode()).isEqualTo(200);
    }

    /** A valid HS256 token with the configured issuer and audience is accepted. */
    @Test
    void should_accept_a_valid_jwt() throws Exception {
        assertThat(bearer(token(SECRET, JWSAlgorithm.HS256, claims().build())).statusCode()).isEqualTo(200);
    }

    /** alg=none, another algorithm, expired, no exp, bad signature, wrong audience or issuer, garbage: 401. */
    @Test
    void should_refuse_bad_jwts() throws Exception {
        assertUnauthorized(bearer(new PlainJWT(claims().build()).serialize()));
        assertUnauthorized(bearer(token(SECRET + SECRET, JWSAlgorithm.HS512, claims().build())));
        assertUnauthorized(bearer(token(SECRET, JWSAlgorithm.HS256,
                claims().expirationTime(new Date(System.currentTimeMillis() - 120_000)).build())));
        assertUnauthorized(bearer(token(SECRET, JWSAlgorithm.HS256, claims().expirationTime(null).build())));
        assertUnauthorized(bearer(token("another-secret-of-more-than-thirty-two-bytes", JWSAlgorithm.HS256, claims().build())));
        assertUnauthorized(bearer(token(SECRET, JWSAlgorithm.HS256, claims().audience("someone-else").build())));
        assertUnauthorized(bearer(token(SECRET, JWSAlgorithm.HS256, claims().issuer("https://evil.example").build())));
        assertUnauthorized(bearer("not.a.jwt"));
        // a token whose header says none but that carries the right signature bytes is still refused
        String good = token(SECRET, JWSAlgorithm.HS256, claims().build());
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(bearer(noneHeader + good.substring(good.indexOf('.'))));
    }

    /** /health needs no credentials. */
    @Test
    void should_serve_health_without_credentials() throws Exception {
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    }

    /** Keys and tokens, good or bad, never appear in a log line. */
    @Test
    void should_never_log_keys_or_tokens() throws Exception {
        String token = token(SECRET, JWSAlgorithm.HS256, claims().build());
        String badToken = token(SECRET, JWSAlgorithm.HS256, claims().audience("x").build());
        bridge.get("/api/summary", "X-API-Key", "test-key-1");
        bridge.get("/api/summary", "X-API-Key", "wrong-key-value-123");
        bearer(token);
        bearer(badToken);
        for (String secret : new String[] {"test-key-1", "test-key-2", "wrong-key-value-123", token, badToken, SECRET}) {
            assertThat(logs.count(secret)).as("log lines containing a secret").isZero();
        }
    }

    /**
     * An expired token is refused once the clock skew allowance (dashboard.jwt-clock-skew, default 5 s) is past;
     * Nimbus' own default allowed 60 s.
     */
    @Test
    void should_refuse_a_token_expired_beyond_the_clock_skew() throws Exception {
        assertUnauthorized(bearer(token(SECRET, JWSAlgorithm.HS256,
                claims().expirationTime(new Date(System.currentTimeMillis() - 10_000)).build())));
        // just expired, within the skew: still accepted
        assertThat(bearer(token(SECRET, JWSAlgorithm.HS256,
                claims().expirationTime(new Date(System.currentTimeMillis() - 1_000)).build())).statusCode())
                .isEqualTo(200);
    }

    /** No key configured: one is generated, logged exactly once, and works. */
    @Test
    void should_generate_and_log_a_key_once_when_none_is_configured() throws Exception {
        try (LogCapture capture = LogCapture.open();
                RunningBridge open = RunningBridge.start(Map.of("dashboard.api-keys", "",
                        "bridge.data-dir", dir.resolve("generated-key").toString())).awaitReady()) {
            Matcher m = Pattern.compile("event=api_key_generated key=(\\S+)").matcher(String.join("\n", capture.lines()));
            assertThat(m.find()).as("generated key logged").isTrue();
            String key = m.group(1);
            assertThat(capture.count(key)).isEqualTo(1);
            assertThat(open.get("/api/summary").statusCode()).isEqualTo(401);
            assertThat(open.get("/api/summary", "X-API-Key", key).statusCode()).isEqualTo(200);
            assertThat(capture.count(key)).isEqualTo(1);
        }
    }

    /** dashboard.auth-enabled=false is the explicit way to run open. */
    @Test
    void should_run_open_only_when_auth_is_explicitly_off() throws Exception {
        try (RunningBridge open = RunningBridge.start(Map.of("dashboard.auth-enabled", "false")).awaitReady()) {
            assertThat(open.get("/api/summary").statusCode()).isEqualTo(200);
        }
    }
}
