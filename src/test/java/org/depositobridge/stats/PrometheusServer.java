package org.depositobridge.stats;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus server (Debian package {@code prometheus}, installed by bin/setup.d/prometheus.sh) as a child
 * process of the test: its config, TSDB and log live in the folder it is given, it listens on a free loopback port
 * and scrapes one bridge's /observe/metrics every second with basic auth. A missing binary fails the test.
 */
final class PrometheusServer implements AutoCloseable {

    static final String JOB = "deposito-bridge";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Prometheus in {@code dir} scraping {@code target} (host:port of the management server) as user
     * {@code metrics} with {@code password}; {@code ruleFiles} are loaded and evaluated every second.
     */
    static PrometheusServer start(Path dir, String target, String password, List<Path> ruleFiles) throws IOException {
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("metrics.password");
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        StringBuilder rules = new StringBuilder();
        for (Path r : ruleFiles) {
            rules.append("  - '").append(r.toAbsolutePath()).append("'\n");
        }
        // 1 s: a rate() over the board's 1-minute windows has its two samples within a couple of seconds
        String config = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                %sscrape_configs:
                  - job_name: %s
                    metrics_path: /observe/metrics
                    basic_auth:
                      username: %s
                      password_file: '%s'
                    static_configs:
                      - targets: ['%s']
                """.formatted(rules, JOB, ManagementCredentials.USER, passwordFile, target);
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        List<String> cmd = List.of("prometheus", "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("prometheus not found: run bin/setup.d/prometheus.sh (Debian package prometheus)", e);
        }
        PrometheusServer server = new PrometheusServer(p, port, log);
        try {
            await("prometheus ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + p.exitValue() + ":\n" + server.logTail());
                }
                return server.status("/-/ready") == 200;
            });
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** An instant query through /api/v1/query: the {@code data} of a successful answer, else an AssertionError. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + encode(promql));
    }

    /** The values of a label among the series matching {@code match} (what Grafana's label_values() asks). */
    List<String> labelValues(String label, String match) throws IOException, InterruptedException {
        List<String> values = new ArrayList<>();
        api("/api/v1/label/" + label + "/values?match%5B%5D=" + encode(match)).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Every loaded rule (alerting and recording) with its evaluation health. */
    JsonNode rules() throws IOException, InterruptedException {
        return api("/api/v1/rules");
    }

    private JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("prometheus answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
        return body.path("data");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last lines Prometheus logged (scrape and rule errors are logged at warn), for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM (Prometheus flushes its head block and exits), SIGKILL if it is still there after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "prometheus on 127.0.0.1:" + port + " (" + log.getParent() + ")";
    }
}
