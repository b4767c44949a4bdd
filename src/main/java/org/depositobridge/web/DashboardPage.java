package org.depositobridge.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.depositobridge.security.ApiResponses;

/**
 * Bean {@code dashboardPage}: answers {@code GET /} and {@code GET /assets/<file>} from a fixed list of files read once
 * from the jar at start-up (a missing file stops the start): no path from the request ever reaches the class loader.
 * Each file is served with a strong ETag (304 on {@code If-None-Match}), its gzip form when the client accepts it,
 * {@code Cache-Control: no-cache} (always revalidated, so a new jar is seen at once) and the page's
 * Content-Security-Policy: scripts, styles, data and images from this origin only, nothing inline, no frames.
 */
public final class DashboardPage {

    /** The page's policy: only this origin; no inline script or style, no eval, no plugins, no framing, no form posts. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static final String UPLOT_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** A file as served: its bytes, the gzip form and the tags of both. */
    record Asset(String contentType, byte[] body, byte[] gzip, String etag, String gzipEtag) {
    }

    private final Map<String, Asset> assets;

    DashboardPage(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /**
     * The page's files: {@code web/*} of this jar, and uPlot's script and style from the webjar Maven put on the class
     * path (its version read from the webjar's own pom.properties, so a version bump needs no code change).
     */
    public static DashboardPage fromClasspath(ClassLoader loader) {
        String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion(loader) + "/dist/";
        Map<String, Asset> files = new LinkedHashMap<>();
        files.put("/", asset(loader, "web/index.html", "text/html; charset=utf-8"));
        files.put("app.js", asset(loader, "web/app.js", "text/javascript; charset=utf-8"));
        files.put("app.css", asset(loader, "web/app.css", "text/css; charset=utf-8"));
        files.put("icon.svg", asset(loader, "web/icon.svg", "image/svg+xml"));
        files.put("uPlot.min.js", asset(loader, uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        files.put("uPlot.min.css", asset(loader, uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        return new DashboardPage(files);
    }

    /** GET /: the page. */
    public void index(Exchange exchange) {
        serve(exchange, assets.get("/"));
    }

    /** GET /assets/{file}: one of the listed files, else 404 JSON. */
    public void asset(Exchange exchange) {
        String name = exchange.getMessage().getHeader("file", String.class);
        Asset a = name == null || name.equals("/") ? null : assets.get(name);
        if (a == null) {
            Message m = ApiResponses.reset(exchange, 404);
            m.setBody(ApiResponses.json(Map.of("error", "not_found", "message", "no such resource")));
            return;
        }
        serve(exchange, a);
    }

    /** Names and sizes (plain, gzip) of every file the page loads: the size budget's figures. */
    public Map<String, int[]> sizes() {
        Map<String, int[]> out = new LinkedHashMap<>();
        assets.forEach((name, a) -> out.put(name, new int[] {a.body().length, a.gzip().length}));
        return out;
    }

    private static void serve(Exchange exchange, Asset a) {
        Message in = exchange.getMessage();
        String ifNoneMatch = in.getHeader("If-None-Match", String.class);
        boolean gzip = ApiResponses.acceptsGzip(in.getHeader("Accept-Encoding", String.class));
        boolean head = "HEAD".equalsIgnoreCase(in.getHeader(Exchange.HTTP_METHOD, String.class));
        boolean notModified = ApiResponses.ifNoneMatch(ifNoneMatch, a.etag(), a.gzipEtag());
        Message out = ApiResponses.reset(exchange, notModified ? 304 : 200);
        out.setHeader(Exchange.CONTENT_TYPE, a.contentType());
        out.setHeader("ETag", gzip ? a.gzipEtag() : a.etag());
        out.setHeader("Vary", "Accept-Encoding");
        out.setHeader("Content-Security-Policy", CSP);
        ApiResponses.cacheControl(exchange, "no-cache");
        if (notModified || head) {
            out.setBody(null);
        } else if (gzip) {
            out.setHeader("Content-Encoding", "gzip");
            out.setBody(a.gzip());
        } else {
            out.setBody(a.body());
        }
    }

    private static String webjarVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(UPLOT_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot webjar is not on the class path (" + UPLOT_PROPERTIES + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Asset asset(ClassLoader loader, String path, String contentType) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard page file missing from the jar: " + path);
            }
            byte[] body = in.readAllBytes();
            ByteArrayOutputStream z = new ByteArrayOutputStream(body.length / 3 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
                gz.write(body);
            }
            CRC32 crc = new CRC32();
            crc.update(body);
            String tag = Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length);
            return new Asset(contentType, body, z.toByteArray(), "\"" + tag + "\"", "\"" + tag + "-gz\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
