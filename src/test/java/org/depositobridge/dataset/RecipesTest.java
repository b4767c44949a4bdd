package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML-only recipes of docs/routes.md: each recipe file (src/test/resources/recipes/) is dropped into a routes
 * folder the running bridge watches (the dev profile's reload) and serves with no Java change.
 */
class RecipesTest {

    @TempDir
    static Path routes;
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("camel.main.routesReloadEnabled", "true",
                "camel.main.routesReloadDirectory", routes.toString(), "camel.main.routesReloadPattern", "*.camel.yaml",
                "camel.main.routesReloadRemoveAllRoutes", "false", "dashboard.rate-limit", "1000"));
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Recipe (a): /api/top-products-week = /api/top-products since 6 days ago, same auth, ETag and headers. */
    @Test
    void should_serve_top_products_of_the_week_from_one_yaml_file() throws Exception {
        drop("top-products-week.camel.yaml");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bridge.get("/api/top-products-week", "X-API-Key", "test-key-1").statusCode() == 200);

        String zone = bridge.context().resolvePropertyPlaceholders("{{reports.timezone:America/Argentina/Buenos_Aires}}");
        LocalDate since = LocalDate.now(ZoneId.of(zone)).minusDays(6);
        HttpResponse<String> week = bridge.get("/api/top-products-week", "X-API-Key", "test-key-1");
        HttpResponse<String> direct = bridge.get("/api/top-products?start_date=" + since, "X-API-Key", "test-key-1");
        assertThat(week.body()).isEqualTo(direct.body());
        assertThat(week.headers().firstValue("ETag")).isEqualTo(direct.headers().firstValue("ETag"));
        for (String h : new String[] {"X-Data-As-Of", "X-Data-Stale", "X-Data-Source", "Last-Modified", "Cache-Control"}) {
            assertThat(week.headers().firstValue(h)).as(h).isEqualTo(direct.headers().firstValue(h));
        }
        // the caller's parameters win over the recipe's default
        assertThat(bridge.get("/api/top-products-week?start_date=2000-01-01&limit=3", "X-API-Key", "test-key-1").body())
                .isEqualTo(bridge.get("/api/top-products?start_date=2000-01-01&limit=3", "X-API-Key", "test-key-1").body());
        String etag = week.headers().firstValue("ETag").orElseThrow();
        assertThat(bridge.get("/api/top-products-week", "X-API-Key", "test-key-1", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        assertThat(bridge.get("/api/top-products-week").statusCode()).isEqualTo(401);
        assertThat(bridge.get("/api/top-products-week?limit=x", "X-API-Key", "test-key-1").statusCode()).isEqualTo(400);
    }

    /** Recipe (c): an endpoint with a bucket of its own (2 per window) while the shared limit stays 1000. */
    @Test
    void should_limit_one_endpoint_by_its_own_rate_limit() throws Exception {
        drop("critical-stock-board.camel.yaml");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> bridge.get("/api/critical-stock-board", "X-API-Key", "test-key-2").statusCode() != 404);
        // the probe above may have taken one request already; the bucket holds 2
        int served = 0;
        int limited = 0;
        for (int i = 0; i < 3; i++) {
            int status = bridge.get("/api/critical-stock-board", "X-API-Key", "test-key-2").statusCode();
            served += status == 200 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isGreaterThanOrEqualTo(2);
        assertThat(served + limited).isEqualTo(3);
        HttpResponse<String> over = bridge.get("/api/critical-stock-board", "X-API-Key", "test-key-2");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        // the same client elsewhere, and another client on the board, are not limited by it
        assertThat(bridge.get("/api/critical-stock", "X-API-Key", "test-key-2").statusCode()).isEqualTo(200);
        assertThat(bridge.get("/api/critical-stock-board", "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
    }

    private static void drop(String recipe) throws Exception {
        Path tmp = routes.resolve(recipe + ".saving");
        Files.copy(Path.of("src/test/resources/recipes", recipe), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, routes.resolve(recipe), StandardCopyOption.ATOMIC_MOVE);
    }
}
