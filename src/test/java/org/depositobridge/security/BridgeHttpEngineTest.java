package org.depositobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.BacklogTracer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.CaseInsensitiveMap;
import org.awaitility.Awaitility;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

/**
 * The bridge's platform-http engine hands the API's byte[] answers to Vert.x as ByteBuffers once the route has ended:
 * the steps (and the tracer) still see the bytes, and the client gets every byte with its Content-Length.
 */
class BridgeHttpEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_hand_a_byte_answer_on_as_a_buffer_over_the_same_array_after_the_route() throws Exception {
        byte[] answer = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        AtomicReference<Object> seenByRoute = new AtomicReference<>();
        CamelContext context = new DefaultCamelContext();
        try {
            Exchange exchange = new DefaultExchange(context);
            new BridgeHttpEngine.BytesAnswered(e -> {
                e.getMessage().setBody(answer);
                seenByRoute.set(e.getMessage().getBody());
            }).process(exchange);

            assertThat(seenByRoute.get()).isSameAs(answer);
            ByteBuffer written = exchange.getMessage().getBody(ByteBuffer.class);
            assertThat(written.array()).isSameAs(answer);
            assertThat(written.remaining()).isEqualTo(answer.length);
        } finally {
            context.close();
        }
    }

    @Test
    void should_leave_other_bodies_as_the_route_left_them() throws Exception {
        CamelContext context = new DefaultCamelContext();
        try {
            InputStream stream = new ByteArrayInputStream(new byte[] {1, 2});
            for (Object body : new Object[] {"text", stream, null}) {
                Exchange exchange = new DefaultExchange(context);
                new BridgeHttpEngine.BytesAnswered(e -> e.getMessage().setBody(body)).process(exchange);
                assertThat(exchange.getMessage().getBody()).isSameAs(body);
            }
        } finally {
            context.close();
        }
    }

    /**
     * Once the route has ended, only the headers an answer can carry are left (what the edge lets out, and the status
     * code): the route saw the request's and Camel's own, the answer does not convert and filter them one by one.
     */
    @Test
    void should_keep_only_the_headers_an_answer_can_carry_once_the_route_has_ended() throws Exception {
        CamelContext context = new DefaultCamelContext();
        try {
            Exchange exchange = new DefaultExchange(context);
            Map<String, Object> request = Map.of("X-API-Key", "test-key-1", "User-Agent", "wrk", "Accept-Encoding", "gzip",
                    Exchange.HTTP_URI, "/api/summary?x=1", Exchange.HTTP_QUERY, "x=1", "If-None-Match", "\"v1\"");
            exchange.getMessage().setHeaders(new CaseInsensitiveMap(request));
            AtomicReference<Map<String, Object>> seenByRoute = new AtomicReference<>();
            new BridgeHttpEngine.BytesAnswered(e -> {
                seenByRoute.set(Map.copyOf(e.getMessage().getHeaders()));
                e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
                e.getMessage().setHeader("etag", "\"v1\"");
                e.getMessage().setHeader("Cache-Control", "private, max-age=5");
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                e.getMessage().setBody(new byte[0]);
            }).process(exchange);

            assertThat(seenByRoute.get()).containsAllEntriesOf(request);
            assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, "etag",
                    "Cache-Control", Exchange.CONTENT_TYPE);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(304);
        } finally {
            context.close();
        }
    }

    /**
     * Over real HTTP: the engine is the one platform-http uses; plain and gzip answers arrive whole with their
     * Content-Length; with Trace started (the tracer reads each step's body) the answer is the same bytes.
     */
    @Test
    void should_answer_whole_bodies_with_their_length_traced_or_not() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of()).awaitReady()) {
            CamelContext context = bridge.context();
            assertThat(context.getComponent("platform-http", PlatformHttpComponent.class).getEngine())
                    .isInstanceOf(BridgeHttpEngine.class);

            HttpResponse<byte[]> plain = get(bridge, false);
            assertWhole(plain);
            // the headers the route set still leave, the request's do not come back
            assertThat(plain.headers().firstValue("ETag")).isPresent();
            assertThat(plain.headers().firstValue("X-Data-Source")).isPresent();
            assertThat(plain.headers().firstValue("X-API-Key")).isEmpty();
            JsonNode summary = JSON.readTree(plain.body());
            assertThat(summary.isObject()).isTrue();
            assertThat(summary.size()).isPositive();

            HttpResponse<byte[]> zipped = get(bridge, true);
            assertWhole(zipped);
            assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(JSON.readTree(gunzip(zipped.body()))).isEqualTo(summary);

            BacklogTracer tracer = context.getCamelContextExtension().getContextPlugin(BacklogTracer.class);
            tracer.setEnabled(true);
            try {
                HttpResponse<byte[]> traced = get(bridge, false);
                assertWhole(traced);
                assertThat(traced.body()).isEqualTo(plain.body());
                assertThat(tracer.dumpAllTracedMessages())
                        .anySatisfy(m -> assertThat(m.getToNode()).isEqualTo("serve-summary"));
            } finally {
                tracer.setEnabled(false);
                Awaitility.await("exchanges traced while tracing was on have ended").atMost(Duration.ofSeconds(30))
                        .until(() -> context.getInflightRepository().size() == 0);
                tracer.clear();
            }
        }
    }

    private static HttpResponse<byte[]> get(RunningBridge bridge, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge.apiUrl("/api/summary")))
                .header("X-API-Key", "test-key-1").timeout(Duration.ofSeconds(30));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertWhole(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isNotEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    private static byte[] gunzip(byte[] zipped) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
