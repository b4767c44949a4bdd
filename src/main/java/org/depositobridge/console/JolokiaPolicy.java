package org.depositobridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Jolokia policy the console runs with: the shipped {@code jolokia-access.xml} (or
 * {@code jolokia-access-read-only.xml}) with its CORS origins narrowed from "any loopback port" to the console's
 * exact origins. A page on another local port (a dev server, a compromised tool) shares the console's cookies
 * (cookies ignore ports), so only the exact origin may call Jolokia from a browser.
 */
final class JolokiaPolicy {

    static final String FULL = "jolokia-access.xml";
    static final String READ_ONLY = "jolokia-access-read-only.xml";
    private static final String BEGIN = "<!-- console-origins:begin -->";
    private static final String END = "<!-- console-origins:end -->";

    private JolokiaPolicy() {
    }

    static String template(boolean readOnly) {
        String name = readOnly ? READ_ONLY : FULL;
        try (InputStream in = JolokiaPolicy.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy text with the origins block replaced by exactly these origins. */
    static String render(String template, List<String> origins) {
        int begin = template.indexOf(BEGIN);
        int end = template.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("policy template has no console-origins block");
        }
        StringBuilder block = new StringBuilder(BEGIN).append('\n');
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
            }
            block.append("    <allow-origin>").append(origin).append("</allow-origin>\n");
            // Same-origin GETs carry no Origin header; Jolokia then checks the Referer, which under Hawtio's
            // Referrer-Policy (strict-origin) is the origin plus "/". A foreign page cannot forge this prefix.
            block.append("    <allow-origin>").append(origin).append("/*</allow-origin>\n");
        }
        block.append("    ").append(END);
        return template.substring(0, begin) + block + template.substring(end + END.length());
    }

    /** Writes the effective policy to {@code dir} and returns its path (for Jolokia's policyLocation). */
    static Path write(Path dir, boolean readOnly, List<String> origins) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("jolokia-access-effective.xml");
        Files.writeString(file, render(template(readOnly), origins), StandardCharsets.UTF_8);
        return file;
    }
}
