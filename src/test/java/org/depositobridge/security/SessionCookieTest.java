package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.LogCapture;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page's sign-in over real HTTP: POST /api/session turns a key into an HttpOnly, SameSite=Strict cookie
 * that the API accepts as well as the key, with the same rate limit; sign-out ends it; the store is bounded.
 */
class SessionCookieTest {

    static final int LIMIT = 30;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static RunningBridge bridge;
    static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.open();
        // test-key-3 is used up by the rate-limit test only
        bridge = RunningBridge.start(Map.of("dashboard.rate-limit", Integer.toString(LIMIT), "dashboard.rate-limit-window",
                "60s", "dashboard.page-refresh-seconds", "17", "dashboard.api-keys", "test-key-1,test-key-2,test-key-3"));
        bridge.awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        logs.close();
    }

    static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.apiUrl(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signIn(String key) throws Exception {
        return send("POST", "/api/session", "{}", "X-API-Key", key, "Content-Type", "application/json");
    }

    /** The cookie pair ({@code name=value}) of a sign-in answer. */
    static String cookieOf(HttpResponse<String> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    /** Sign-in answers a cookie the browser keeps from scripts, never sends cross-site, and sends only to /api. */
    @Test
    void should_set_an_httponly_samesite_strict_cookie_on_sign_in() throws Exception {
        HttpResponse<String> r = signIn("test-key-1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith(SessionCookie.NAME + "=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/api").contains("; Max-Age=43200")
                // plain HTTP on loopback: a Secure cookie would never come back
                .doesNotContain("Secure");
        String token = cookieOf(r).substring(SessionCookie.NAME.length() + 1);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43).doesNotContain("test-key-1");
        assertThat(r.body()).doesNotContain("test-key-1");
        JsonNode body = MAPPER.readTree(r.body());
        assertThat(body.get("signed_in").asBoolean()).isTrue();
        assertThat(body.get("timezone").asText()).isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(body.get("refresh_seconds").asInt()).isEqualTo(17);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /** With the cookie alone, every dataset, export and the session itself answer as they would to the key. */
    @Test
    void should_accept_the_cookie_as_well_as_the_key() throws Exception {
        String cookie = cookieOf(signIn("test-key-1"));
        for (String path : new String[] {"/api/summary", "/api/providers?limit=3", "/api/export/providers.csv", "/api/session"}) {
            HttpResponse<String> r = send("GET", path, null, "Cookie", cookie);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        }
        assertThat(send("GET", "/api/summary", null).statusCode()).isEqualTo(401);
    }

    /** Sign-out ends the session: the same cookie is then 401, and the answer expires it in the browser. */
    @Test
    void should_invalidate_the_session_on_sign_out() throws Exception {
        String cookie = cookieOf(signIn("test-key-2"));
        HttpResponse<String> out = send("DELETE", "/api/session", null, "Cookie", cookie);
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(SessionCookie.NAME + "=;")
                .contains("Max-Age=0").contains("HttpOnly");
        HttpResponse<String> after = send("GET", "/api/summary", null, "Cookie", cookie);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(after.body()).get("message").asText()).contains("sign in again");
    }

    /** One log line per sign-in and sign-out, naming the key by its index: neither the key nor the token is logged. */
    @Test
    void should_log_sign_in_and_out_without_secrets() throws Exception {
        String cookie = cookieOf(signIn("test-key-2"));
        send("DELETE", "/api/session", null, "Cookie", cookie);
        String token = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(logs.lines()).anyMatch(l -> l.startsWith("event=dashboard_signed_in client=key-1 sessions="))
                .anyMatch(l -> l.startsWith("event=dashboard_signed_out client=key-1 sessions="))
                .noneMatch(l -> l.contains(token) || l.contains("test-key-2"));
    }

    /** A wrong key, no key, an unknown cookie: 401 JSON and no cookie. */
    @Test
    void should_refuse_a_wrong_key_with_401_and_no_cookie() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {signIn("not-a-key"),
                send("POST", "/api/session", "{}", "Content-Type", "application/json"),
                send("GET", "/api/summary", null, "Cookie", SessionCookie.NAME + "=forged-value")}) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            assertThat(MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    /** CSRF: a sign-in not declared JSON (what a cross-site HTML form sends) is refused, and opens no session. */
    @Test
    void should_refuse_a_sign_in_that_is_not_json() throws Exception {
        HttpResponse<String> form = send("POST", "/api/session", "a=b", "X-API-Key", "test-key-1",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(415);
        assertThat(MAPPER.readTree(form.body()).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> none = send("POST", "/api/session", "{}", "X-API-Key", "test-key-1");
        assertThat(none.statusCode()).isEqualTo(415);
    }

    /** A cookie cannot mint itself a new session: signing in needs the key. */
    @Test
    void should_not_open_a_session_from_a_session() throws Exception {
        String cookie = cookieOf(signIn("test-key-1"));
        HttpResponse<String> r = send("POST", "/api/session", "{}", "Cookie", cookie, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /** The cookie's requests are counted in the bucket of the key that signed in: a session is no way around the limit. */
    @Test
    void should_rate_limit_cookie_requests_as_the_key() throws Exception {
        String key = "test-key-3";
        String cookie = cookieOf(signIn(key));
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < LIMIT + 5; i++) {
            last = send("GET", "/api/summary", null, i % 2 == 0 ? "Cookie" : "X-API-Key", i % 2 == 0 ? cookie : key);
            if (last.statusCode() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(ok).isLessThanOrEqualTo(LIMIT);
    }

    /** The store keeps at most its maximum (least recently used out), and sessions end by idle time and by age. */
    @Test
    void should_keep_the_session_store_bounded() {
        AtomicLong now = new AtomicLong();
        SessionStore store = new SessionStore(3, Duration.ofMinutes(10), Duration.ofMinutes(40), now::get);
        String first = store.create("key-0");
        for (int i = 0; i < 100; i++) {
            store.create("key-" + i);
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.clientOf(first)).isNull();
        String idle = store.create("key-1");
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(store.clientOf(idle)).as("idle past the timeout").isNull();
        String busy = store.create("key-2");
        for (int i = 0; i < 4; i++) {
            now.addAndGet(Duration.ofMinutes(8).toNanos());
            assertThat(store.clientOf(busy)).as("used every 8 minutes, %d min after sign-in", (i + 1) * 8).isEqualTo("key-2");
        }
        now.addAndGet(Duration.ofMinutes(8).toNanos());
        assertThat(store.clientOf(busy)).as("past the maximum age, however busy").isNull();
        assertThat(store.clientOf(null)).isNull();
        assertThat(store.clientOf("x".repeat(500))).isNull();
    }
}
