package org.depositobridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page and its files over real HTTP: strict CSP, nothing inline, ETag/304, gzip, the size budget, no stray files. */
class DashboardPageTest {

    static final List<String> ASSETS = List.of("app.js", "app.css", "icon.svg", "uPlot.min.js", "uPlot.min.css");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.apiUrl(path))).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The page and every file it loads carry the strict policy: this origin only, nothing inline, no framing. */
    @Test
    void should_serve_the_page_and_its_files_with_a_strict_csp() throws Exception {
        for (String path : pathsOfThePage()) {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                    .contains("connect-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe")
                    .doesNotContain("http:").doesNotContain("https:").doesNotContain("*");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(r.headers().firstValue("ETag")).isPresent();
        }
        assertThat(get("/").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(get("/assets/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    /** The HTML has no inline script, no inline style, no event-handler attribute and no other origin. */
    @Test
    void should_have_nothing_inline_and_no_other_origin() throws Exception {
        String html = new String(get("/").body(), StandardCharsets.UTF_8);
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContain("<style").doesNotContain(" style=").doesNotContain("javascript:");
        assertThat(Pattern.compile("\\son[a-z]+=").matcher(html).find()).as("event handler attribute").isFalse();
        assertThat(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find()).as("another origin").isFalse();
        String js = new String(get("/assets/app.js").body(), StandardCharsets.UTF_8);
        assertThat(js).doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("localStorage.setItem('dashboard.key");
    }

    /** A second request with the ETag is 304 without a body; gzip when asked, with its own tag. */
    @Test
    void should_answer_304_to_if_none_match_and_gzip_when_accepted() throws Exception {
        HttpResponse<byte[]> plain = get("/assets/app.js");
        String tag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get("/assets/app.js", "If-None-Match", tag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<byte[]> zipped = get("/assets/app.js", "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(tag);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    /** Only the listed files are served: anything else under /assets, or a path trick, is 404 JSON. */
    @Test
    void should_serve_only_the_listed_files() throws Exception {
        for (String path : List.of("/assets/nope.js", "/assets/..%2Fapplication.properties", "/assets/%2e%2e%2fapp.css",
                "/assets/app.js/x", "/index.html", "/web/app.js", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css")) {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).contains("not_found");
        }
        HttpRequest post = HttpRequest.newBuilder(URI.create(bridge.apiUrl("/"))).POST(HttpRequest.BodyPublishers.ofString("x")).build();
        assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    /** Budget: the page and everything it loads is at most 300 KB gzip-compressed, as served. */
    @Test
    void should_fit_the_size_budget() throws Exception {
        long plain = 0;
        long gzip = 0;
        for (String path : pathsOfThePage()) {
            plain += get(path).body().length;
            HttpResponse<byte[]> z = get(path, "Accept-Encoding", "gzip");
            assertThat(z.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            gzip += z.body().length;
        }
        System.out.printf("event=dashboard_page_size files=%d bytes=%d gzip_bytes=%d%n", pathsOfThePage().size(), plain, gzip);
        assertThat(gzip).isLessThanOrEqualTo(300 * 1024);
    }

    static List<String> pathsOfThePage() {
        return Stream.concat(Stream.of("/"), ASSETS.stream().map(a -> "/assets/" + a)).toList();
    }
}
