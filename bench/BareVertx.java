import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The ceiling of bench/api-load.sh: a bare Vert.x HTTP server (one instance, as Camel's platform-http server)
 * answering each dashboard endpoint's path with the same bytes as the bridge (and the headers of the bridge's
 * answers that matter to a client's cache). Run in its own JVM with the bridge's jar on the class path (Java's
 * source-file mode, nothing to build):
 *
 *   java -cp target/deposito-bridge.jar bench/BareVertx.java <body-dir> <port-file>
 *
 * body-dir holds one <endpoint>.json per endpoint (summary.json at least): /api/<endpoint> answers its bytes, any
 * other path /api/summary's. Writes the bound port to port-file once listening. Every path answers on the event
 * loop, as a bare server does, except /hop, which first hands the request to a Vert.x worker thread and back, as
 * Camel's platform-http consumer does with every request (VertxPlatformHttpConsumer:
 * vertx.executeBlocking(processExchange), then the response written from the event loop): the difference between
 * the two is what that hand-over alone costs.
 */
public class BareVertx {
    public static void main(String[] args) throws Exception {
        Map<String, Buffer> bodies = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json")) {
                    bodies.put("/api/" + name.substring(0, name.length() - 5), Buffer.buffer(Files.readAllBytes(file)));
                }
            }
        }
        Buffer summary = bodies.get("/api/summary");
        Vertx vertx = Vertx.vertx();
        int port = vertx.createHttpServer()
                .requestHandler(req -> {
                    if (req.path().equals("/hop")) {
                        vertx.executeBlocking(() -> summary, false).onComplete(done -> answer(req, done.result()));
                    } else {
                        answer(req, bodies.getOrDefault(req.path(), summary));
                    }
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
        Files.writeString(Path.of(args[1]), Integer.toString(port));
    }

    private static void answer(HttpServerRequest req, Buffer body) {
        req.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "private, max-age=10")
                .putHeader("ETag", "\"7-3a85f816-1ed\"")
                .end(body);
    }
}
