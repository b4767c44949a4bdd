package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone simulator as an operator runs it: its own JVM, URL and token hint on stdout. */
class SimulatorMainTest {

    private static Process java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** It prints its URL and how to get a token; the token it hands out opens the API. */
    @Test
    void should_run_standalone_and_print_its_url_and_token_hint(@TempDir Path dir) throws Exception {
        Path admin = dir.resolve("admin-token");
        Files.writeString(admin, "standalone-admin\n");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "a-shared-secret-of-the-deployment\n");
        Process p = java("--port", "0", "--products", "30", "--days", "2", "--movements-per-day", "10",
                "--prefix", "/api/v1", "--admin-token-file", admin.toString(), "--secret-file", secret.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = CompletableFuture.supplyAsync(() -> {
                List<String> l = new ArrayList<>();
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        l.add(line);
                        if (line.startsWith("Ctrl-C")) {
                            break;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return l;
            }).get(60, TimeUnit.SECONDS);
            // log lines share stdout; the operator's banner is the line that starts with "Deposito SIMULATOR"
            String banner = lines.stream().filter(l -> l.startsWith("Deposito SIMULATOR")).findFirst().orElseThrow();
            assertThat(banner).contains("SIMULATED").contains("http://127.0.0.1:").endsWith("/api/v1");
            assertThat(String.join("\n", lines)).contains("/__sim/token").contains("X-Sim-Admin-Token")
                    .doesNotContain("standalone-admin").doesNotContain("a-shared-secret");
            String base = banner.substring(banner.indexOf("http://"));
            String root = base.substring(0, base.length() - "/api/v1".length());
            HttpResponse<String> tok = SimClient.HTTP.send(HttpRequest.newBuilder(URI.create(root + "/__sim/token"))
                    .header("X-Sim-Admin-Token", "standalone-admin").build(), HttpResponse.BodyHandlers.ofString());
            String token = SimClient.JSON.readTree(tok.body()).get("access_token").asText();
            HttpResponse<String> health = SimClient.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"productos\":30");

            Process t = java("token", "--secret-file", secret.toString());
            String offline = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> withOffline = SimClient.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .header("Authorization", "Bearer " + offline).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withOffline.statusCode()).isEqualTo(200);
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
