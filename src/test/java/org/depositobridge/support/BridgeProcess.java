package org.depositobridge.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.depositobridge.stats.ManagementCredentials;

/**
 * The bridge's own main class in a child JVM with the test classpath and the test profile, on free ports, logging to
 * a file: a real process that can be killed with SIGKILL ({@link #kill}). Tests read its log lines and talk to both
 * of its HTTP servers over real sockets.
 */
public final class BridgeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern TS = Pattern.compile("^ts=(\\S+) ");

    private final String name;
    private final Process process;
    private final int apiPort;
    private final int managementPort;
    private final Path log;
    private final Path credentials;

    private BridgeProcess(String name, Process process, int apiPort, int managementPort, Path log, Path credentials) {
        this.name = name;
        this.process = process;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
        this.log = log;
        this.credentials = credentials;
    }

    /**
     * Starts a bridge named {@code name} with these settings (as -D, over the test profile; a setting given here wins
     * over the defaults below, the JVM taking the last -D of a key); its data dir, management users file and log go
     * under {@code workDir}.
     */
    public static BridgeProcess start(String name, Map<String, String> settings, Path workDir) throws IOException {
        return start(name, settings, workDir, Path.of(System.getProperty("user.dir")));
    }

    /**
     * As {@link #start(String, Map, Path)}, started in {@code workingDirectory} (the checkout by default): a folder
     * without the checkout's {@code routes/} and {@code config/} runs the bridge as {@code java -jar} from anywhere.
     */
    public static BridgeProcess start(String name, Map<String, String> settings, Path workDir, Path workingDirectory)
            throws IOException {
        Path data = Files.createDirectories(workDir.resolve(name + "-data"));
        Path credentials = data.resolve("management-users.properties");
        Path log = workDir.resolve(name + ".log");
        int api = freePort();
        int management = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dcamel.main.profile=test");
        // the production log format (ISO-8601 UTC timestamps), not the test classpath's short one
        cmd.add("-Dlogback.configurationFile=logback.xml");
        cmd.add("-Dcamel.server.port=" + api);
        cmd.add("-Dcamel.management.port=" + management);
        cmd.add("-Dbridge.data-dir=" + data);
        cmd.add("-Dmanagement.credentials-file=" + credentials);
        // the test run's temp folder, and Vert.x's file cache inside this bridge's own folder: a SIGKILLed bridge runs no
        // shutdown hook, and what it leaves must go with the test's work dir, never into the system temp folder
        cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        cmd.add("-Dvertx.cacheDirBase=" + data.resolve("vertx-cache"));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("org.depositobridge.App");
        Process p = new ProcessBuilder(cmd).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new BridgeProcess(name, p, api, management, log, credentials);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    /** The business API's port (chosen free at start). */
    public int apiPort() {
        return apiPort;
    }

    /** The management port (chosen free at start). */
    public int managementPort() {
        return managementPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    /** Waits for readiness UP (first snapshot); fails at once, with the log's tail, if the process died. */
    public BridgeProcess awaitReady(Duration atMost) {
        await(name + " ready").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            return status(managementUrl("/observe/health/ready")) == 200;
        });
        return this;
    }

    /** Waits for the process to end by itself and returns its exit code; fails with the log's tail if it does not. */
    public int awaitExit(Duration atMost) throws InterruptedException, IOException {
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + atMost + ":\n" + tail(40));
        }
        return process.exitValue();
    }

    /** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook runs, no lock is released by the bridge itself. */
    public Instant kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        return Instant.now();
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        // generous: a failover test counts every failed call, and a busy 2-core machine runs three JVMs
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .timeout(Duration.ofSeconds(15)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An authenticated Prometheus scrape (the users file this bridge generated at start). */
    public String scrapeMetrics() throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(managementUrl("/observe/metrics")))
                .header("Authorization", ManagementCredentials.basicAuthHeader(credentials, ManagementCredentials.USER))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(name + " scrape answered " + resp.statusCode());
        }
        return resp.body();
    }

    /** The value of the first sample of a metric in the scrape, e.g. {@code bridge_cluster_leader}. */
    public Optional<Double> metric(String metric) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(?:\\{[^}]*})? (\\S+)$").matcher(scrapeMetrics());
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** Every log line so far. */
    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** Log lines containing {@code text}, in order. */
    public List<String> logLines(String text) throws IOException {
        return logLines().stream().filter(l -> l.contains(text)).toList();
    }

    /** The {@code ts=} of a log line. */
    public static Instant timestamp(String line) {
        Matcher m = TS.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no ts= in " + line);
        }
        return Instant.parse(m.group(1));
    }

    public String tail(int lines) throws IOException {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A normal stop (SIGTERM: Camel's shutdown hook), then SIGKILL if it does not end within 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
