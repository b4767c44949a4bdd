package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-client rate limiting over real HTTP, and the bound on the state it keeps. */
class RateLimitTest {

    static final int LIMIT = 5;
    static final int MAX_CLIENTS = 50;

    @TempDir
    static Path dir;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        Path secretFile = dir.resolve("jwt.secret");
        Files.writeString(secretFile, ApiAuthTest.SECRET, StandardCharsets.UTF_8);
        bridge = RunningBridge.start(Map.of("dashboard.rate-limit", Integer.toString(LIMIT),
                "dashboard.rate-limit-window", "60s", "dashboard.rate-limit-max-clients", Integer.toString(MAX_CLIENTS),
                "dashboard.jwt-secret-file", secretFile.toString()));
        // /health answers 200 once the first snapshot from the embedded simulator is in
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Over the limit: 429 rate_limited with Retry-After in seconds; another client is unaffected. */
    @Test
    void should_answer_429_with_retry_after_over_the_limit() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> over = bridge.get("/api/summary", "X-API-Key", "test-key-1");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(new ObjectMapper().readTree(over.body()).get("error").asText()).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
        // 5 per 60 s refills one request every 12 s
        assertThat(retryAfter).isBetween(1L, 12L);
        assertThat(bridge.get("/api/summary", "X-API-Key", "test-key-2").statusCode()).isEqualTo(200);
    }

    /** /health is never limited. */
    @Test
    void should_not_limit_health() throws Exception {
        for (int i = 0; i < LIMIT * 4; i++) {
            assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** Failed authentication counts against the caller's address, so guessing keys is limited too. */
    @Test
    void should_limit_unauthenticated_callers_by_address() throws Exception {
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < LIMIT * 3; i++) {
            int status = bridge.get("/api/providers", "X-API-Key", "guess-" + i).statusCode();
            unauthorized += status == 401 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertThat(unauthorized).isLessThanOrEqualTo(LIMIT);
        assertThat(limited).isGreaterThanOrEqualTo(LIMIT * 2);
    }

    /** A flood of distinct clients (token subjects) keeps the limiter's state within its bound. */
    @Test
    void should_bound_client_state_under_a_flood_of_clients() throws Exception {
        RateLimiter limiter = bridge.context().getRegistry().lookupByNameAndType("apiRateLimiter", RateLimiter.class);
        for (int i = 0; i < MAX_CLIENTS * 6; i++) {
            String token = ApiAuthTest.token(ApiAuthTest.SECRET, JWSAlgorithm.HS256,
                    new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("client-" + i)
                            .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000)).build());
            assertThat(bridge.get("/api/weekly-sales", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(MAX_CLIENTS);
    }

    /** The limiter on its own: 100,000 distinct clients, never more than the bound held. */
    @Test
    void should_bound_client_state_in_the_limiter() {
        RateLimiter limiter = new RateLimiter(10, Duration.ofSeconds(60), 1000);
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("ip:10.0." + (i >> 8) + "." + (i & 255));
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(1000);
    }
}
