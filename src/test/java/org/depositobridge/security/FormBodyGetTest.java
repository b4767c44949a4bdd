package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GET that carries a form or multipart body is an ordinary GET: it passes the guard, is counted by the rate
 * limiter and never answers 500 (it used to fail in the HTTP consumer, before the guard and the limiter).
 */
class FormBodyGetTest {

    static final int LIMIT = 5;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of("dashboard.rate-limit", Integer.toString(LIMIT),
                "dashboard.rate-limit-window", "60s"));
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    static List<Integer> send(String path, String key, String contentType, String body, int times) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.apiUrl(path)))
                    .method("GET", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(10));
            if (key != null) {
                b.header("X-API-Key", key);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            assertThat(r.statusCode() == 200 && path.endsWith(".csv") ? type.startsWith("text/csv")
                    : type.startsWith("application/json")).as(r.statusCode() + " " + type).isTrue();
            statuses.add(r.statusCode());
        }
        return statuses;
    }

    /** 12 form-encoded GETs with a limit of 5: 5 answered, 7 refused with 429, none 500. */
    @Test
    void should_count_form_gets_in_the_rate_limit() throws Exception {
        List<Integer> s = send("/api/summary", "test-key-1", "application/x-www-form-urlencoded", "a=1&b=2", 12);
        assertThat(s.subList(0, LIMIT)).containsOnly(200);
        assertThat(s.subList(LIMIT, 12)).containsOnly(429);
    }

    /** The same with a multipart body, on an export path. */
    @Test
    void should_count_multipart_gets_in_the_rate_limit() throws Exception {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n";
        List<Integer> s = send("/api/export/summary.csv", "test-key-2", "multipart/form-data; boundary=XyZ", body, 12);
        assertThat(s.subList(0, LIMIT)).containsOnly(200);
        assertThat(s.subList(LIMIT, 12)).containsOnly(429);
    }

    /** Another method with a form body is a JSON 405, never 500. */
    @Test
    void should_answer_405_to_a_form_post() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.apiUrl("/api/summary")))
                .POST(HttpRequest.BodyPublishers.ofString("a=1")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-API-Key", "test-key-1").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    /** Without credentials the guard answers first: 401, never 500. */
    @Test
    void should_guard_form_gets() throws Exception {
        assertThat(send("/api/providers", null, "application/x-www-form-urlencoded", "x=y", 1)).containsOnly(401);
    }
}
