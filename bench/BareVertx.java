import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The ceiling of bench/api-load.sh: a bare Vert.x HTTP server (one instance, as Camel's platform-http server)
 * answering every request with the same bytes and headers as the bridge's /api/summary. Run in its own JVM with the
 * bridge's jar on the class path (Java's source-file mode, nothing to build):
 *
 *   java -cp target/deposito-bridge.jar bench/BareVertx.java <body-file> <port-file>
 *
 * Writes the bound port to port-file once listening. Any path answers on the event loop, as a bare server does,
 * except /hop, which first hands the request to a Vert.x worker thread and back, as Camel's platform-http consumer
 * does with every request (VertxPlatformHttpConsumer: vertx.executeBlocking(processExchange), then the response
 * written from the event loop): the difference between the two is what that hand-over alone costs.
 */
public class BareVertx {
    public static void main(String[] args) throws Exception {
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[0])));
        Vertx vertx = Vertx.vertx();
        int port = vertx.createHttpServer()
                .requestHandler(req -> {
                    if (req.path().equals("/hop")) {
                        vertx.executeBlocking(() -> body, false).onComplete(done -> answer(req, done.result()));
                    } else {
                        answer(req, body);
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
