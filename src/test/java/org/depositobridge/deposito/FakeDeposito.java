package org.depositobridge.deposito;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server in front of a real deposito (the simulator) that passes every call through, until told to
 * answer {@code /productos} with a page that never ends: {@code {"items":[{...},{...},...} streamed chunk after
 * chunk for as long as the client reads.
 */
final class FakeDeposito implements AutoCloseable {

    private static final byte[] ITEM = ("{\"id\":1,\"codigo\":\"P0001\",\"nombre\":\"Producto sin fin\",\"precio\":1.5},")
            .getBytes(StandardCharsets.UTF_8);

    final AtomicBoolean endlessProductos = new AtomicBoolean();
    /** Bytes written into endless pages so far (all of them together). */
    final AtomicLong endlessBytes = new AtomicLong();
    /** Request headers seen whose name starts with X-Bridge (internal to the bridge: none may leave it). */
    final Set<String> internalHeaders = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String upstream;

    FakeDeposito(String upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestHeaders().keySet().stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("x-bridge"))
                    .forEach(internalHeaders::add);
            String path = ex.getRequestURI().getPath();
            if (endlessProductos.get() && path.equals("/productos")) {
                endless(ex);
            } else {
                forward(ex);
            }
        }
    }

    private void endless(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0); // chunked, no length: the end never comes
        try (OutputStream out = ex.getResponseBody()) {
            out.write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[ITEM.length * 256];
            for (int i = 0; i < 256; i++) {
                System.arraycopy(ITEM, 0, chunk, i * ITEM.length, ITEM.length);
            }
            while (true) { // ends when the client drops the connection
                out.write(chunk);
                endlessBytes.addAndGet(chunk.length);
            }
        } catch (IOException dropped) {
            // the bridge cut the connection: what it should do
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
                .timeout(Duration.ofSeconds(10))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : new String[] {"Authorization", "Content-Type", "Accept"}) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
