package org.depositobridge.console;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.depositobridge.logging.SecretMasking;

/**
 * Sits in front of the console's Jolokia and fixes two things in what it answers.
 *
 * <p>Makes Camel's trace dumps well-formed XML for the console. Camel 4.18 writes endpoint URIs into
 * {@code dumpTracedMessagesAsXml} / {@code dumpAllTracedMessagesAsXml} without escaping, so one traced endpoint
 * with two query options ({@code http:host/path?a=1&b=2}) makes the console's XML parser drop every message and the
 * Trace and Debug tables stay empty. For those operations the bare {@code &} in the returned XML is escaped.
 *
 * <p>Masks credentials ({@link SecretMasking}): Camel's tracer, debugger and message history render a message's
 * headers as they are, {@code X-API-Key} and {@code Authorization} included, and Camel 4.18 has no masking hook there
 * ({@code camel.main.logMask} covers log output only). This Jolokia is the only way those renderings leave the JVM (no
 * remote JMX connector, Jolokia and the dev console off on the management port outside the dev profile), so every
 * answer that names such a header is masked here, whichever MBean or operation produced it.
 */
final class TraceXmlRepairFilter implements Filter {

    static final Pattern TRACE_DUMP = Pattern.compile("dump(All)?TracedMessagesAsXml");
    /** A {@code &} that does not start an entity or character reference. */
    private static final Pattern BARE_AMPERSAND = Pattern.compile("&(?!(?:[A-Za-z][A-Za-z0-9._-]*|#[0-9]+|#x[0-9A-Fa-f]+);)");
    /** Jolokia requests from the console are small; larger ones are passed on without a look. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** Trace dumps are bounded by camel.trace.backlogSize x bodyMaxChars, the console's other answers are far smaller;
     * anything larger is refused, not buffered. */
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = http;
        boolean traceDump = false;
        if ("POST".equalsIgnoreCase(http.getMethod())) {
            int length = http.getContentLength();
            // a larger request is not looked at (no repair), but its answer is still masked below
            if (length >= 0 && length <= MAX_REQUEST_BYTES) {
                byte[] body = http.getInputStream().readNBytes(length);
                request = new CachedBody(http, body);
                traceDump = TRACE_DUMP.matcher(new String(body, StandardCharsets.UTF_8)).find();
            }
        } else {
            traceDump = TRACE_DUMP.matcher(http.getRequestURI() + "?" + http.getQueryString()).find();
        }
        Buffered buffered = new Buffered(response);
        chain.doFilter(request, buffered);
        byte[] answer = buffered.bytes();
        if (traceDump) {
            answer = repairJson(answer);
        }
        if (SecretMasking.mayHoldSecrets(answer)) {
            answer = maskJson(answer);
        }
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** Masks credential headers anywhere in a Jolokia answer; an answer that is not JSON is withheld. */
    static byte[] maskJson(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            return root == null ? json : JSON.writeValueAsBytes(SecretMasking.mask(root));
        } catch (IOException notJson) {
            // Jolokia answers JSON; anything else that names a credential header is not passed on unmasked
            return "{\"status\":500,\"error\":\"answer withheld: not JSON\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Escapes bare ampersands in the XML values of trace-dump responses (single or bulk). */
    static byte[] repairJson(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null) {
                return json;
            }
            if (root.isArray()) {
                root.forEach(TraceXmlRepairFilter::repairOne);
            } else {
                repairOne(root);
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException notJson) {
            return json;
        }
    }

    private static void repairOne(JsonNode response) {
        String operation = response.path("request").path("operation").asText("");
        if (response instanceof ObjectNode o && TRACE_DUMP.matcher(operation).find() && o.path("value").isTextual()) {
            o.put("value", escapeBareAmpersands(o.get("value").asText()));
        }
    }

    /** Escapes every {@code &} that starts no reference, outside CDATA sections (where {@code &} is literal). */
    static String escapeBareAmpersands(String xml) {
        StringBuilder out = new StringBuilder(xml.length() + 32);
        int i = 0;
        while (i < xml.length()) {
            int cdata = xml.indexOf("<![CDATA[", i);
            int stop = cdata < 0 ? xml.length() : cdata;
            out.append(BARE_AMPERSAND.matcher(xml.substring(i, stop)).replaceAll("&amp;"));
            if (cdata < 0) {
                break;
            }
            int end = xml.indexOf("]]>", cdata);
            end = end < 0 ? xml.length() : end + 3;
            out.append(xml, cdata, end);
            i = end;
        }
        return out.toString();
    }

    /** The request with its already-read body replayed to Jolokia. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    /** Collects Jolokia's answer (bounded) so it can be repaired before it is sent. */
    private static final class Buffered extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private PrintWriter writer;
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
                ensureRoom(1);
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ensureRoom(len);
                bytes.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("blocking only");
            }
        };

        Buffered(HttpServletResponse response) {
            super(response);
        }

        private void ensureRoom(int more) throws IOException {
            if (bytes.size() + (long) more > MAX_RESPONSE_BYTES) {
                throw new IOException("Jolokia answer larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int len) {
            // The repaired body has its own length.
        }

        @Override
        public void setContentLengthLong(long len) {
            // The repaired body has its own length.
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        byte[] bytes() {
            if (writer != null) {
                writer.flush();
            }
            return bytes.toByteArray();
        }
    }
}
