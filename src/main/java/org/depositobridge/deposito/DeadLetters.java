package org.depositobridge.deposito;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter directory for deposito payloads that break the contract (bean {@code deadLetters}).
 *
 * <p>Each letter is a pair written atomically (temp name, then rename): {@code <stamp>-<endpoint>.json}
 * (request, error, time, payload size) and {@code <stamp>-<endpoint>.body} (the raw payload, cut at
 * {@code maxBodyBytes}). The directory is bounded: past {@code maxFiles} letters or {@code maxBytes} in all,
 * the oldest letters are deleted. Both files are mode 600: a payload is whatever the deposito sent.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ObjectMapper json;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    public DeadLetters(Path dir, int maxFiles, long maxBytes, int maxBodyBytes, ObjectMapper json, Clock clock) {
        this.dir = dir;
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes the contract breach held by the exchange (a {@link DepositoContractException}, or an answer cut at
     * {@code deposito.max-response-bytes}); never throws (a dead letter must not hide the failure).
     */
    public void write(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // a page fetched in parallel arrives wrapped by the splitter
        while (t != null && !(t instanceof DepositoContractException) && !(t instanceof DepositoResponseTooLargeException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof DepositoContractException e) {
            write(exchange, e.endpoint(), e.request(), e.getMessage(), e.payload(), e.payload().length);
        } else if (t instanceof DepositoResponseTooLargeException e) {
            String endpoint = exchange.getProperty(DepositoCalls.ENDPOINT,
                    exchange.getProperty(SyncMonitor.POLLER, "unknown", String.class), String.class);
            // the answer's real size is unknown (it was cut): at least the limit plus one byte
            write(exchange, endpoint, e.request(), e.getMessage(), e.head(), e.limit() + 1);
        }
    }

    private void write(Exchange exchange, String endpoint, String request, String error, byte[] payload, long payloadBytes) {
        try {
            Files.createDirectories(dir);
            Instant now = clock.instant();
            String stamp = now.toString().replace(":", "").replace(".", "") + "-" + sequence.incrementAndGet();
            String base = stamp + "-" + endpoint;
            int kept = (int) Math.min(payload.length, maxBodyBytes);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("time", now.toString());
            meta.put("endpoint", endpoint);
            meta.put("request", request);
            meta.put("error", error);
            meta.put("payload_bytes", payloadBytes);
            meta.put("payload_truncated", kept < payloadBytes);
            meta.put("exchange_id", exchange.getExchangeId());
            meta.put("route_id", exchange.getFromRouteId());
            writeAtomically(dir.resolve(base + ".body"), payload, kept);
            byte[] metaBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta);
            writeAtomically(dir.resolve(base + ".json"), metaBytes, metaBytes.length);
            written.incrementAndGet();
            LOG.warn("event=deposito_dead_letter endpoint={} file={} error=\"{}\"", endpoint, base, error);
            enforceBounds();
        } catch (IOException | RuntimeException io) {
            LOG.error("event=dead_letter_write_failed dir={} error=\"{}\"", dir, io.getMessage());
        }
    }

    public long written() {
        return written.get();
    }

    public Path dir() {
        return dir;
    }

    private static void writeAtomically(Path target, byte[] bytes, int length) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = OwnerOnlyFiles.create(tmp)) {
            out.write(bytes, 0, length);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes the oldest letters (both files of a pair) until both bounds hold. */
    void enforceBounds() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.filter(p -> !p.getFileName().toString().startsWith(".")).toList());
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        int letters = (int) files.stream().filter(p -> p.toString().endsWith(".json")).count();
        int i = 0;
        while ((letters > maxFiles || total > maxBytes) && i < files.size()) {
            Path p = files.get(i++);
            total -= Files.size(p);
            if (p.toString().endsWith(".json")) {
                letters--;
            }
            Files.deleteIfExists(p);
        }
    }

    /** Names of the letters held, oldest first (for tests and the health details). */
    public List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
