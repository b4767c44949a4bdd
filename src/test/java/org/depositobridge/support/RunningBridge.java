package org.depositobridge.support;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.depositobridge.App;

/**
 * The real bridge ({@link App#newMain()}) started in-process for an integration test, on free ports, with
 * per-test property overrides. Tests talk to it over real HTTP sockets.
 *
 * <pre>
 * try (RunningBridge bridge = RunningBridge.start(Map.of("deposito.url", sim.baseUrl()))) {
 *     HttpResponse&lt;String&gt; r = bridge.get("/health");
 * }
 * </pre>
 */
public final class RunningBridge implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    /** The state folder this fixture made (deleted on close); null when the test gave its own bridge.data-dir. */
    private final Path ownDataDir;

    private RunningBridge(Main main, Path ownDataDir) {
        this.main = main;
        this.ownDataDir = ownDataDir;
    }

    /** Starts the bridge with the test profile's settings plus these overrides (highest precedence). */
    public static RunningBridge start(Map<String, String> overrides) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("camel.server.port", "0");
        // a port of its own: with both ports 0 Camel folds the management server into the business server
        // and the management server's authentication is never installed
        all.put("camel.management.port", String.valueOf(freePort()));
        // every bridge gets its own state folder, so no test sees another's warm-start file or dead letters
        Path ownDataDir = overrides.containsKey("bridge.data-dir") ? null : Files.createTempDirectory("bridge-data");
        if (ownDataDir != null) {
            all.put("bridge.data-dir", ownDataDir.toString());
        }
        all.putAll(overrides);
        Main main = App.newMain();
        // no JVM shutdown hook per bridge: Camel Main's (DefaultMainShutdownStrategy) stays registered after stop and
        // keeps the stopped Main and its whole CamelContext reachable, so a suite that starts ~150 bridges in one JVM
        // held every one of them (the 1 GB test heap ran out; found with a heap dump). The JVM's exit needs no hook.
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        all.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception | Error e) {
            main.stop();
            deleteTree(ownDataDir);
            throw e;
        }
        return new RunningBridge(main, ownDataDir);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** An authenticated Prometheus scrape of the management port (credentials from the generated users file). */
    public String scrapeMetrics() throws Exception {
        String file = context().resolvePropertyPlaceholders("{{management.credentials-file}}");
        HttpResponse<String> r = getManagement("/observe/metrics", "Authorization",
                org.depositobridge.stats.ManagementCredentials.basicAuthHeader(java.nio.file.Path.of(file),
                        org.depositobridge.stats.ManagementCredentials.USER));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("scrape answered " + r.statusCode());
        }
        return r.body();
    }

    /** Waits until readiness is UP: the first complete snapshot (or a warm one) is there. */
    public RunningBridge awaitReady() {
        org.awaitility.Awaitility.await("bridge ready").atMost(java.time.Duration.ofSeconds(60))
                .until(() -> getManagement("/observe/health/ready").statusCode() == 200);
        return this;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** Actual port of the business server (the configured one may be 0). */
    public int apiPort() {
        return actualPort(context().hasService(MainHttpServer.class));
    }

    /** Actual port of the management server (health, metrics). */
    public int managementPort() {
        return actualPort(context().hasService(ManagementHttpServer.class));
    }

    public String apiUrl(String path) {
        return "http://127.0.0.1:" + apiPort() + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort() + path;
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(apiUrl(path))), headers);
    }

    public HttpResponse<String> getManagement(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(managementUrl(path))), headers);
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) throws Exception {
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return HTTP.send(builder.timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Camel keeps the bound server private; the port it really listens on lives there. */
    private static int actualPort(Object camelServer) {
        if (camelServer == null) {
            throw new IllegalStateException("server not running");
        }
        try {
            Field f = camelServer.getClass().getDeclaredField("server");
            f.setAccessible(true);
            return ((VertxPlatformHttpServer) f.get(camelServer)).getServer().actualPort();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the bound port of " + camelServer, e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            main.stop();
        } finally {
            deleteTree(ownDataDir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
