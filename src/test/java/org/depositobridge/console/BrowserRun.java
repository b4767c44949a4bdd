package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of src/test/browser/console-check.mjs (node + playwright-core + Debian's Chromium) against a console. */
record BrowserRun(int exit, String output) {

    static final Path SCRIPT = Path.of("src", "test", "browser", "console-check.mjs");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Fails (never skips) when the browser is missing: bin/test installs it with bin/setup.d/chromium.sh. */
    static void requireBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium; bin/setup.d/chromium.sh installs it").isExecutable();
        assertThat(SCRIPT.resolveSibling("node_modules/playwright-core/package.json"))
                .as("playwright-core; bin/setup.d/chromium.sh installs it").exists();
    }

    /** Runs the script; steps "all" (login, routes, diagram, trace) or "views" (no trace). Output goes to {@code out}. */
    static BrowserRun drive(ConsoleFixture console, String route, String trafficPath, Path out, String steps) throws Exception {
        return drive(console, route, trafficPath, "{}", out, steps);
    }

    /** As above, with headers (a JSON object) sent with every traffic request. */
    static BrowserRun drive(ConsoleFixture console, String route, String trafficPath, String trafficHeaders, Path out,
            String steps) throws Exception {
        return drive(console, route, trafficPath, trafficHeaders, out, steps, null);
    }

    /** As above; with {@code labelRoute}, that route's diagram node labels and attributes are recorded too (03b, 03c). */
    static BrowserRun drive(ConsoleFixture console, String route, String trafficPath, String trafficHeaders, Path out,
            String steps, String labelRoute) throws Exception {
        Files.createDirectories(out);
        try (var old = Files.list(out)) {
            for (Path p : old.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        ProcessBuilder pb = new ProcessBuilder("node", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CONSOLE_URL", console.url(""));
        env.put("CONSOLE_USER", ConsoleFixture.USER);
        env.put("CONSOLE_PASSWORD", ConsoleFixture.PASSWORD);
        env.put("TRAFFIC_URL", console.bridge.apiUrl(trafficPath));
        env.put("ROUTE", route);
        env.put("OUT_DIR", out.toAbsolutePath().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        env.put("STEPS", steps);
        env.put("TRAFFIC_HEADERS", trafficHeaders);
        if (labelRoute != null) {
            env.put("LABEL_ROUTE", labelRoute);
        }
        Process node = pb.start();
        if (!node.waitFor(4, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("browser script did not finish in 4 minutes");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("node.log"), output);
        return new BrowserRun(node.exitValue(), output);
    }
}
