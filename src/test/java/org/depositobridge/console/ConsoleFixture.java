package org.depositobridge.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.depositobridge.support.RunningBridge;

/**
 * A running bridge with the Hawtio console on a free loopback port and a users file written by the test
 * (user {@link #USER} with {@link #PASSWORD}), plus an HTTP client for the console.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String USER = "operator";
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String CONTEXT_MBEAN = "org.apache.camel:context=deposito-bridge,type=context,name=\"deposito-bridge\"";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final RunningBridge bridge;
    final HawtioConsole console;
    final int port;
    final Path usersFile;

    private ConsoleFixture(RunningBridge bridge, Path usersFile) throws Exception {
        this.bridge = bridge;
        this.usersFile = usersFile;
        this.console = bridge.context().hasService(HawtioConsole.class);
        this.port = console.awaitPort(Duration.ofSeconds(60));
    }

    static ConsoleFixture start(Path tempDir, Map<String, String> extra) throws Exception {
        Path users = tempDir.resolve("hawtio-users.properties");
        if (!Files.exists(users)) {
            new UsersFile(users).put(USER, PASSWORD.toCharArray(), UsersFile.DEFAULT_ROLE);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("hawtio.enabled", "true");
        props.put("hawtio.port", "0");
        props.put("hawtio.users-file", users.toString());
        // Jetty's unpacked WAR is reused between test classes (target/ is thrown away by mvn clean).
        props.put("bridge.data-dir", "target/console-test-data");
        props.putAll(extra);
        // readiness first: the console tests also exercise the bridge's own endpoints
        return new ConsoleFixture(RunningBridge.start(props).awaitReady(), users);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + "/hawtio" + path;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJolokia(String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/jolokia/"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The console's own origin: Jolokia's strict CORS check refuses requests that carry no or another origin. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** A POST as the logged-in operator from the console's own page. */
    HttpResponse<String> postJolokiaAsOperator(String json) throws Exception {
        return postJolokia(json, "Authorization", basic(USER, PASSWORD), "Origin", origin());
    }

    static String mbean(String objectName) {
        return objectName.replace("\"", "\\\"");
    }

    @Override
    public void close() throws Exception {
        bridge.close();
    }
}
