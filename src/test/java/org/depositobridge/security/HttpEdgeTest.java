package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edge on a bare Vert.x router: whatever a handler put on the response, only the listed headers leave, in any
 * spelling, and the security headers and the JSON charset are added.
 */
class HttpEdgeTest {

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        HttpEdge.install(router, null);
        router.get("/answer").handler(ctx -> {
            ctx.response().headers().add("set-cookie", "a=1").add("Set-Cookie", "b=2");
            ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("ETag", "\"abc\"")
                .putHeader("x-data-stale", "false")
                .putHeader("X-DATA-SOURCE", "simulator")
                .putHeader("X-Leak", "secret")
                .putHeader("Server", "whatever")
                .end("{}");
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_let_only_the_listed_headers_out_whatever_their_spelling() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/answer")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        var h = r.headers();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(h.firstValue("X-Leak")).isEmpty();
        assertThat(h.firstValue("Server")).isEmpty();
        assertThat(h.firstValue("ETag")).hasValue("\"abc\"");
        assertThat(h.firstValue("X-Data-Stale")).hasValue("false");
        assertThat(h.firstValue("X-Data-Source")).hasValue("simulator");
        assertThat(h.allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(h.firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(h.firstValue("Cache-Control")).hasValue("no-store");
        assertThat(h.firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }
}
