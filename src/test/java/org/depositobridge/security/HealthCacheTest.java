package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.awaitility.Awaitility;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /health shares one readiness answer per interval: a flood of requests runs the readiness checks at most once
 * per interval, and a change of state still shows within the interval.
 */
class HealthCacheTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static RunningBridge bridge;
    static final CountingCheck CHECK = new CountingCheck();

    /** A readiness check that counts its runs and answers what the test says. */
    static final class CountingCheck extends AbstractHealthCheck {
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean up = true;

        CountingCheck() {
            super("test", "counting");
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            runs.incrementAndGet();
            if (up) {
                builder.up();
            } else {
                builder.down();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("dashboard.health-max-age", INTERVAL.toMillis() + "ms"));
        bridge.awaitReady();
        HealthCheckRegistry.get(bridge.context()).register(CHECK);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bridge.get("/health").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** 400 requests from 8 threads: the checks run at most once per started interval (plus the one in flight). */
    @Test
    void should_compute_readiness_at_most_once_per_interval() throws Exception {
        int before = CHECK.runs.get();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                answers.add(pool.submit(() -> bridge.get("/health").statusCode()));
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        int runs = CHECK.runs.get() - before;
        assertThat(runs).as("readiness runs for 400 requests in %d ms", elapsedMs)
                .isLessThanOrEqualTo((int) (elapsedMs / INTERVAL.toMillis()) + 2);
    }

    /** DOWN shows within the interval (and a bit), and so does UP again. */
    @Test
    void should_show_a_state_change_within_the_interval() throws Exception {
        try {
            CHECK.up = false;
            Awaitility.await("DOWN seen").atMost(INTERVAL.plusMillis(1500)).pollInterval(Duration.ofMillis(50))
                    .until(() -> bridge.get("/health").statusCode() == 503);
        } finally {
            CHECK.up = true;
        }
        Awaitility.await("UP seen").atMost(INTERVAL.plusMillis(1500)).pollInterval(Duration.ofMillis(50))
                .until(() -> bridge.get("/health").statusCode() == 200);
    }
}
