package org.depositobridge.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every response of the business server carries, whatever produced it (a route, Vert.x' own 404/405, a
 * failure): an {@code X-Request-ID} (the client's when it is sane, else a generated one), the security headers,
 * a charset on JSON, and nothing else the exchange happened to hold. Unknown paths and wrong methods answer JSON.
 *
 * <p>It works at the Vert.x router because Vert.x answers some requests (404, 405, undecodable queries)
 * before any Camel route sees them. Camel's server listens before the routes are added, and Vert.x would answer
 * its HTML 404 for the paths whose routes are not there yet: until the bridge has fully started, the
 * {@link #gate start-up gate} (on the root router, installed before the server listens, see {@link StartupGate})
 * answers every request 503 {@code no_data_yet} JSON with {@code Retry-After}.
 */
public final class HttpEdge {

    static final String REQUEST_ID_KEY = "depositobridge.requestId";
    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /**
     * Response headers allowed out, whatever their spelling; everything else on the response is dropped. A set
     * ordered case-insensitively: this runs for every response, and finding a name needs no lower-cased copy of it.
     */
    private static final Set<String> ALLOWED = allowed("content-type", "content-length", "content-encoding",
            "transfer-encoding", "connection", "keep-alive", "date", "etag", "last-modified", "cache-control", "vary",
            "retry-after", "allow", "content-disposition", "x-request-id", "x-data-as-of", "x-data-stale", "x-data-source",
            "x-content-type-options", "x-frame-options", "referrer-policy",
            // the dashboard page (web.DashboardPage) and its sign-in (SessionCookie)
            "content-security-policy", "set-cookie");

    /** Whether a response header of this name leaves the bridge (any spelling); the edge drops every other one. */
    static boolean allowedOut(String name) {
        return ALLOWED.contains(name);
    }

    private static Set<String> allowed(String... names) {
        TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSortedSet(set);
    }

    private HttpEdge() {
    }

    /** What the start-up gate needs from the bridge: whether every route is in, and the data source label. */
    public record Startup(BooleanSupplier started, Supplier<String> dataSource, long retryAfterSeconds) {
    }

    /**
     * Installs the edge on the business server: first handler of every request, a last handler answering
     * JSON 404/405 for what no route serves, and JSON error handlers on the routers that may produce errors.
     */
    public static void install(Router camelRouter, Router rootRouter) {
        camelRouter.route().order(Integer.MIN_VALUE).handler(HttpEdge::before);
        camelRouter.route().order(Integer.MAX_VALUE).handler(ctx -> unmatched(ctx, camelRouter));
        errorHandlers(camelRouter);
        if (rootRouter != null && rootRouter != camelRouter) {
            errorHandlers(rootRouter);
        }
    }

    /** 405 when a route serves this path with another method, else 404. */
    private static void unmatched(RoutingContext ctx, Router router) {
        String path = ctx.normalizedPath();
        for (var route : router.getRoutes()) {
            if (route.getPath() != null && route.getPath().equals(path) && route.methods() != null
                    && !route.methods().isEmpty() && !route.methods().contains(ctx.request().method())) {
                answer(ctx, 405, "method_not_allowed", "only GET is served here");
                return;
            }
        }
        answer(ctx, 404, "not_found", "no such resource");
    }

    private static void errorHandlers(Router router) {
        router.errorHandler(404, ctx -> answer(ctx, 404, "not_found", "no such resource"));
        router.errorHandler(405, ctx -> answer(ctx, 405, "method_not_allowed", "only GET is served here"));
        router.errorHandler(400, ctx -> answer(ctx, 400, "bad_request", "the request could not be read"));
        router.errorHandler(413, ctx -> answer(ctx, 413, "payload_too_large", "request body too large"));
        router.errorHandler(500, ctx -> {
            if (ctx.failure() != null) {
                LOG.warn("event=request_failed request_id={} error={}", requestId(ctx), ctx.failure().getClass().getName());
            }
            answer(ctx, 500, "internal_error", null);
        });
    }

    /**
     * The start-up gate: while the bridge is starting, 503 {@code no_data_yet} JSON with {@code Retry-After}, the
     * data source and the usual headers, whatever the path; afterwards it passes every request on.
     */
    static void gate(RoutingContext ctx, Startup startup) {
        if (startup.started().getAsBoolean()) {
            ctx.next();
            return;
        }
        String id = requestIdOf(ctx);
        ctx.addHeadersEndHandler(v -> finish(ctx.response(), id));
        String source = startup.dataSource().get();
        if (source != null) {
            ctx.response().putHeader("X-Data-Source", source);
        }
        ctx.response().putHeader("Retry-After", Long.toString(startup.retryAfterSeconds()));
        answer(ctx, 503, "no_data_yet", "the bridge is starting; retry after " + startup.retryAfterSeconds() + " s");
    }

    /** The client's X-Request-ID when it is sane, else a new one; set on the request and the routing context. */
    private static String requestIdOf(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        String presented = headers.get(ApiResponses.REQUEST_ID);
        String id = presented != null && SANE_REQUEST_ID.matcher(presented).matches() ? presented : newRequestId();
        headers.set(ApiResponses.REQUEST_ID, id);
        ctx.put(REQUEST_ID_KEY, id);
        return id;
    }

    private static void before(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        String id = requestIdOf(ctx);
        ctx.addHeadersEndHandler(v -> finish(ctx.response(), id));
        HttpMethod method = ctx.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            // a GET's body has no meaning here; with a form or multipart type Camel would decode it as form
            // fields and fail before the guard and the limiter ran: such a request is served as a plain GET
            headers.remove("Content-Type");
        }
        try {
            // Vert.x decodes the query lazily and throws on malformed escapes; refuse here, not as a 500 later
            ctx.request().params();
        } catch (RuntimeException e) {
            answer(ctx, 400, "invalid_parameter", "query", "the query string is not valid URL encoding");
            return;
        }
        ctx.next();
    }

    private static void finish(HttpServerResponse response, String requestId) {
        MultiMap h = response.headers();
        List<String> drop = null;
        for (Map.Entry<String, String> header : h) {
            String name = header.getKey();
            if (!ALLOWED.contains(name)) {
                if (drop == null) {
                    drop = new ArrayList<>(4);
                }
                drop.add(name);
            }
        }
        if (drop != null) {
            drop.forEach(h::remove);
        }
        h.set("X-Request-ID", requestId);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        if (!h.contains("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        String type = h.get("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json") && !type.contains("charset")) {
            h.set("Content-Type", "application/json; charset=utf-8");
        }
    }

    private static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        return id == null ? newRequestId() : id;
    }

    /**
     * A random (version 4 shaped) UUID from ThreadLocalRandom: request ids need uniqueness, not secrecy, and
     * UUID.randomUUID() serialises every request on one SecureRandom.
     */
    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    private static void answer(RoutingContext ctx, int status, String error, String message) {
        answer(ctx, status, error, null, message);
    }

    private static void answer(RoutingContext ctx, int status, String error, String parameter, String message) {
        HttpServerResponse r = ctx.response();
        if (r.headWritten() || r.ended()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        if (message != null) {
            body.put("message", message);
        } else {
            body.put("request_id", requestId(ctx));
        }
        r.setStatusCode(status);
        r.putHeader("Content-Type", ApiResponses.JSON);
        r.putHeader("Cache-Control", "no-store");
        if (status == 405) {
            r.putHeader("Allow", "GET");
        }
        r.end(Buffer.buffer(ApiResponses.json(body)));
    }
}
