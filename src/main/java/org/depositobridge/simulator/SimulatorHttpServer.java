package org.depositobridge.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP/1.1 server on Vert.x: routes the contract endpoints under the path prefix, runs each
 * request through its fault plan (delay, answer, data, wire; see {@link Faults}), checks the JWT and answers.
 * Everything it sends carries {@code X-Deposito-Simulator: true}.
 */
final class SimulatorHttpServer {

    static final String SIMULATOR_HEADER = "X-Deposito-Simulator";
    /** Request bodies above this are refused with 413 (a StockUpdateRequest is a few hundred bytes). */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttpServer.class);

    private final Vertx vertx;
    private final SimulatorOptions options;
    private final String prefix;
    private final Faults faults;
    private final JwtAuth auth;
    private final SimulatorMetrics metrics;
    /** The endpoints' handlers, all over the generated data. */
    record Handlers(HealthHandler health, ProductosHandler productos, StockUpdateHandler stockUpdate,
            CriticalHandler critical, MovementsHandler movements, AdminHandler admin) {
    }

    /** Completed once the data exists (or could not be made); requests before that are held. */
    private final CompletableFuture<Handlers> handlers = new CompletableFuture<>();
    private HttpServer server;

    /** A server that holds every request until {@link #serve} hands it the handlers (the data is generated). */
    SimulatorHttpServer(Vertx vertx, SimulatorOptions options, Faults faults, JwtAuth auth, SimulatorMetrics metrics) {
        this.vertx = vertx;
        this.options = options;
        this.prefix = options.pathPrefix();
        this.faults = faults;
        this.auth = auth;
        this.metrics = metrics;
    }

    /** From now on requests are answered; those held meanwhile go on. */
    void serve(Handlers h) {
        handlers.complete(h);
    }

    private String failure() {
        try {
            handlers.join();
            return "none";
        } catch (CompletionException e) {
            return String.valueOf(e.getCause());
        }
    }

    /** The data could not be made: held and later requests are answered 503 saying so. */
    void failed(Throwable cause) {
        handlers.completeExceptionally(cause);
    }

    /** Binds and returns the port actually listened on. */
    int start() throws Exception {
        HttpServerOptions o = new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setTcpNoDelay(true).setCompressionSupported(false)
                // idle connections close after 2 min, but never before a silence fault's hold ends
                .setIdleTimeout((int) Math.max(120, options.silenceLimit().toSeconds() + 30))
                // HTTP/1.1 only, like the real deposito (uvicorn): no h2c upgrade for clients that offer it
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createHttpServer(o).requestHandler(this::handle);
        return server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    private void handle(HttpServerRequest req) {
        if (!handlers.isDone()) {
            // the data is still being generated (the embedded simulator binds first, so the bridge need not wait for
            // it): the request's bytes stay in Vert.x, paused, and it goes on, on its own event loop, once there is data
            req.pause();
            Context context = vertx.getOrCreateContext();
            handlers.whenComplete((h, e) -> context.runOnContext(v -> {
                receive(req);
                req.resume();
            }));
            return;
        }
        receive(req);
    }

    private void receive(HttpServerRequest req) {
        req.response().putHeader(SIMULATOR_HEADER, "true");
        Buffer body = Buffer.buffer();
        boolean[] tooBig = {false};
        req.handler(chunk -> {
            if (tooBig[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY) {
                tooBig[0] = true;
                send(req, Reply.detail(413, "Request body too large"), "other", null);
                req.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!tooBig[0]) {
                route(req, body.toString(StandardCharsets.UTF_8));
            }
        });
        req.exceptionHandler(e -> LOG.debug("event=simulator_request_failed error=\"{}\"", e.toString()));
    }

    private void route(HttpServerRequest req, String body) {
        String path = req.path();
        // requests reach this only once the future is done: with the handlers, or with the data's failure
        Handlers h = handlers.isCompletedExceptionally() ? null : handlers.getNow(null);
        if (h == null) {
            send(req, Reply.detail(503, "Simulator data unavailable: " + failure()), "other", null);
            return;
        }
        try {
            if (path.equals("/__sim") || path.startsWith("/__sim/")) {
                send(req, h.admin().handle(req.method(), path, req.getHeader(AdminHandler.HEADER), req.params(), body),
                        "admin", null);
                return;
            }
            if (!path.startsWith(prefix)) {
                send(req, Reply.detail(404, "Not Found"), "other", null);
                return;
            }
            String rest = path.substring(prefix.length());
            if (rest.equals("/metrics")) {
                Reply r = req.method() == HttpMethod.GET
                        ? Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus())
                        : Reply.detail(405, "Method Not Allowed");
                send(req, r, "metrics", null);
                return;
            }
            Endpoint endpoint = endpointOf(rest);
            if (endpoint == null) {
                send(req, Reply.detail(404, "Not Found"), "other", null);
                return;
            }
            HttpMethod expected = endpoint == Endpoint.STOCK_UPDATE ? HttpMethod.POST : HttpMethod.GET;
            if (req.method() != expected) {
                send(req, Reply.detail(405, "Method Not Allowed"), endpoint.wire(), null);
                return;
            }
            Faults.Plan plan = faults.plan(endpoint);
            if (plan.delayMs() > 0) {
                vertx.setTimer(plan.delayMs(), id -> answer(h, req, endpoint, rest, body, plan));
            } else {
                answer(h, req, endpoint, rest, body, plan);
            }
        } catch (RuntimeException e) {
            fail(req, e);
        }
    }

    private void answer(Handlers h, HttpServerRequest req, Endpoint endpoint, String rest, String body,
            Faults.Plan plan) {
        long started = System.nanoTime();
        try {
            Fault a = plan.answer();
            if (a != null) {
                switch (a.kind()) {
                    case RESET -> reset(req.connection());
                    case SILENCE -> silence(req);
                    case EXPIRED_TOKEN -> send(req, unauthorized("Token expirado"), endpoint.wire(), null);
                    case REJECTED_TOKEN -> send(req, Reply.detail(403, "Se requiere rol: " + JwtAuth.ROLE),
                            endpoint.wire(), null);
                    default -> send(req, statusReply(a, endpoint), endpoint.wire(), null);
                }
                return;
            }
            JwtAuth.Check check = auth.check(req.getHeader("Authorization"));
            if (!check.ok()) {
                send(req, check.status() == 401 ? unauthorized(check.detail()) : Reply.detail(check.status(),
                        check.detail()), endpoint.wire(), null);
                return;
            }
            Params q = new Params(req.params());
            Reply reply = switch (endpoint) {
                case HEALTH -> h.health().handle();
                case PRODUCTOS -> h.productos().list(q);
                case PRODUCTO -> h.productos().one(rest.substring("/productos/".length()));
                case STOCK_UPDATE -> h.stockUpdate().handle(body, check.subject());
                case CRITICAL -> h.critical().handle();
                case MOVEMENTS -> h.movements().handle(q);
                case ALL -> throw new IllegalStateException("not a route");
            };
            send(req, DataFaults.apply(reply, plan.data()), endpoint.wire(), plan.wire(), started);
        } catch (RuntimeException e) {
            fail(req, e);
        }
    }

    static Endpoint endpointOf(String rest) {
        switch (rest) {
            case "/health":
                return Endpoint.HEALTH;
            case "/productos":
                return Endpoint.PRODUCTOS;
            case "/stock/update":
                return Endpoint.STOCK_UPDATE;
            case "/stock/critical":
                return Endpoint.CRITICAL;
            case "/stock/movements":
                return Endpoint.MOVEMENTS;
            default:
                if (rest.startsWith("/productos/") && rest.length() > "/productos/".length()
                        && rest.indexOf('/', "/productos/".length()) < 0) {
                    return Endpoint.PRODUCTO;
                }
                return null;
        }
    }

    private static Reply unauthorized(String detail) {
        return Reply.detail(401, detail).header("WWW-Authenticate", "Bearer");
    }

    /** What a failing deposito (or the proxy in front of it) really sends for each status. */
    static Reply statusReply(Fault f, Endpoint endpoint) {
        int s = f.status();
        Reply r;
        if (s == 500) {
            r = Reply.text(500, "text/plain; charset=utf-8", "Internal Server Error");
        } else if (s == 502) {
            r = Reply.text(502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                    + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        } else if (s == 503 && endpoint == Endpoint.HEALTH) {
            r = Reply.json(503, Reply.MAPPER.createObjectNode().put("status", "unhealthy")
                    .put("error", "Simulated fault: database unreachable"));
        } else {
            HttpResponseStatus st = HttpResponseStatus.valueOf(s);
            r = Reply.detail(s, st.reasonPhrase());
        }
        if (f.retryAfterSeconds() >= 0) {
            r.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
        }
        return r;
    }

    private void send(HttpServerRequest req, Reply reply, String route, Fault wire) {
        send(req, reply, route, wire, 0);
    }

    /**
     * Writes the reply; with {@code startedNanos > 0} adds {@code Server-Timing: app;dur=<ms>}: the time from
     * the auth check to the encoded body, which is what the benchmark reports as server time.
     */
    private void send(HttpServerRequest req, Reply reply, String route, Fault wire, long startedNanos) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (startedNanos > 0) {
            res.putHeader("Server-Timing", String.format(Locale.ROOT, "app;dur=%.3f",
                    (System.nanoTime() - startedNanos) / 1e6));
        }
        res.setStatusCode(reply.status());
        if (reply.contentType() != null) {
            res.putHeader("Content-Type", reply.contentType());
        }
        reply.headers().forEach(res::putHeader);
        metrics.request(route, reply.status());
        if (wire == null) {
            res.putHeader("Content-Length", Integer.toString(bytes.length));
            res.end(Buffer.buffer(bytes));
            return;
        }
        switch (wire.kind()) {
            case MALFORMED_JSON -> {
                byte[] bad = malformed(bytes);
                res.putHeader("Content-Length", Integer.toString(bad.length));
                res.end(Buffer.buffer(bad));
            }
            case TRUNCATED_BODY -> {
                res.putHeader("Content-Length", Integer.toString(bytes.length));
                HttpConnection c = req.connection();
                res.write(Buffer.buffer(Arrays.copyOf(bytes, bytes.length / 2))).onComplete(done -> c.close());
            }
            default -> dribble(req, res, bytes, wire.bytesPerSecond());
        }
    }

    /** A prefix of the real body plus an ending no JSON parser accepts ({@code oops} is never a JSON token). */
    static byte[] malformed(byte[] body) {
        int cut = Math.max(1, body.length * 2 / 3);
        byte[] tail = "\",]}{oops".getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(body, Math.min(cut, body.length) + tail.length);
        System.arraycopy(tail, 0, out, Math.min(cut, body.length), tail.length);
        return out;
    }

    private void dribble(HttpServerRequest req, HttpServerResponse res, byte[] bytes, int bytesPerSecond) {
        res.putHeader("Content-Length", Integer.toString(bytes.length));
        int chunk = Math.max(1, bytesPerSecond / 10);
        long period = Math.max(1, 1000L * chunk / bytesPerSecond);
        int[] pos = {0};
        Runnable step = () -> {
            int n = Math.min(chunk, bytes.length - pos[0]);
            Buffer b = Buffer.buffer(Arrays.copyOfRange(bytes, pos[0], pos[0] + n));
            pos[0] += n;
            if (pos[0] >= bytes.length) {
                res.end(b);
            } else {
                res.write(b);
            }
        };
        step.run();
        if (pos[0] >= bytes.length) {
            return;
        }
        long timer = vertx.setPeriodic(period, id -> {
            if (res.closed() || res.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            step.run();
            if (pos[0] >= bytes.length) {
                vertx.cancelTimer(id);
            }
        });
        req.connection().closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** TCP RST: linger 0 then close, so the client sees "connection reset" rather than a clean EOF. */
    private static void reset(HttpConnection c) {
        if (c instanceof ConnectionBase base) {
            base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            base.channel().close();
        } else {
            c.close();
        }
    }

    /** Accepts and never answers; the connection is closed after the silence limit so sockets stay bounded. */
    private void silence(HttpServerRequest req) {
        HttpConnection c = req.connection();
        long timer = vertx.setTimer(Math.max(1, options.silenceLimit().toMillis()), id -> c.close());
        c.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private void fail(HttpServerRequest req, RuntimeException e) {
        LOG.error("event=simulator_handler_failed path={} error=\"{}\"", req.path(), e.toString(), e);
        send(req, Reply.text(500, "text/plain; charset=utf-8", "Internal Server Error"), "other", null);
    }

    void stop() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("event=simulator_server_close_failed error=\"{}\"", e.toString());
            }
        }
    }
}
