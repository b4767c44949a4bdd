package org.depositobridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (2 threads, 32 connections, latency distribution) against a list of paths, cycled by a Lua script,
 * and parses its report.
 */
final class Wrk {

    static final int THREADS = 2;
    static final int CONNECTIONS = 32;

    record Result(String name, long requests, double rps, double p50, double p90, double p99, long non2xx) {
        Result named(String n) {
            return new Result(n, requests, rps, p50, p90, p99, non2xx);
        }
    }

    private Wrk() {
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("?").trim();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("wrk is required: apt-get install wrk", e);
        }
    }

    static Result run(String base, List<String> paths, String key, int seconds) throws Exception {
        Path script = Files.createTempFile("wrk-", ".lua");
        StringBuilder lua = new StringBuilder("paths = {");
        for (String p : paths) {
            lua.append('"').append(p.replace("\"", "\\\"")).append("\",");
        }
        lua.append("}\ncounter = 0\n")
                .append("wrk.headers[\"X-API-Key\"] = \"").append(key).append("\"\n")
                .append("request = function()\n  counter = counter + 1\n")
                .append("  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\nend\n");
        Files.writeString(script, lua.toString());
        try {
            Process p = new ProcessBuilder("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
                    "-s", script.toString(), base).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String out) {
        long requests = Long.parseLong(find(out, "(\\d+) requests in"));
        double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)"));
        String non2xx = findOrNull(out, "Non-2xx or 3xx responses: (\\d+)");
        return new Result("", requests, rps, millis(find(out, "\\s50%\\s+([0-9.]+[a-z]+)")),
                millis(find(out, "\\s90%\\s+([0-9.]+[a-z]+)")), millis(find(out, "\\s99%\\s+([0-9.]+[a-z]+)")),
                non2xx == null ? 0 : Long.parseLong(non2xx));
    }

    private static double millis(String v) {
        Matcher m = Pattern.compile("([0-9.]+)([a-z]+)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(v);
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> n / 1000.0;
            case "ms" -> n;
            case "s" -> n * 1000.0;
            case "m" -> n * 60_000.0;
            default -> throw new IllegalArgumentException(v);
        };
    }

    private static String find(String out, String regex) {
        String v = findOrNull(out, regex);
        if (v == null) {
            throw new IllegalStateException("wrk output lacks " + regex + ":\n" + out);
        }
        return v;
    }

    private static String findOrNull(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? m.group(1) : null;
    }
}
