package org.depositobridge.stock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines of one file already settled, kept in {@code <bridge.data-dir>/stock-updates/<sha256>.journal} (one JSON
 * object per line, appended as each line settles and forced to disk once per wave, {@link #commit}). After a crash or
 * a deferred attempt the next attempt takes their outcomes from here instead of sending them again, so they keep their
 * first outcome ({@code applied} stays {@code applied}, not {@code replayed}). It is a set of settled line numbers, not
 * a watermark: the lines of one wave settle in any order.
 *
 * <p>Why one force per wave is enough: the route sends no line of the next wave before {@link #commit} returned, so a
 * crash loses at most the entries of the wave in flight. Those lines are sent again on the next attempt, before any
 * later line of their products: an applied one is answered as a replay (its idempotency key), a refused one (which
 * consumes no key) is refused again by the same product state.
 *
 * <p>Bounded: one journal per file still in progress, deleted when the file completes; journals untouched for longer
 * than the configured age (a file removed from the inbox by hand) are deleted at start-up. The file is named by the
 * content hash, so the same content dropped under another name continues the same journal. A torn last entry (crash
 * during the write) is ignored: that line is sent again and the deposito answers it as a replay.
 */
final class StockJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUFFIX = ".journal";

    private final Path file;
    private final Map<Integer, LineOutcome> settled;
    private FileChannel channel;
    /** Entries written since the last force: the next wave must wait for {@link #commit}. */
    private boolean unforced;

    private StockJournal(Path file, Map<Integer, LineOutcome> settled) {
        this.file = file;
        this.settled = settled;
    }

    static StockJournal open(Path dir, String sha256) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(sha256 + SUFFIX);
        Map<Integer, LineOutcome> settled = new HashMap<>();
        if (Files.exists(file)) {
            for (String entry : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                LineOutcome o = parse(entry);
                if (o != null && o.settled()) {
                    settled.put(o.line(), o);
                }
            }
        }
        return new StockJournal(file, settled);
    }

    /** The outcome a previous attempt settled for this line, or null. */
    synchronized LineOutcome settled(int line) {
        return settled.get(line);
    }

    synchronized int size() {
        return settled.size();
    }

    /**
     * Appends a settled line (the lines of a wave settle concurrently, one entry each); {@link #commit} forces the
     * wave's entries to disk before the next wave is sent.
     */
    synchronized void record(LineOutcome o) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("line", o.line());
        n.put("status", o.status().label());
        if (o.movimientoId() != null) {
            n.put("movimiento_id", o.movimientoId());
        }
        if (o.stockAnterior() != null) {
            n.put("stock_anterior", o.stockAnterior());
        }
        if (o.stockNuevo() != null) {
            n.put("stock_nuevo", o.stockNuevo());
        }
        if (o.error() != null) {
            n.put("error", o.error());
        }
        ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        unforced = true;
        settled.put(o.line(), o);
    }

    /** Forces the entries written since the last commit to disk (group commit: once per wave, not once per line). */
    synchronized void commit() throws IOException {
        if (unforced) {
            channel.force(false);
            unforced = false;
        }
    }

    /** Entries written and not yet forced: a wave whose commit failed or did not run yet. */
    synchronized boolean uncommitted() {
        return unforced;
    }

    /** The file completed: its journal is no longer needed. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
    }

    /**
     * Forces what the last wave wrote (a failed or stopped attempt ends without its commit step), then closes. A force
     * that fails here is logged, not thrown: the attempt is over either way, and an entry lost with it only makes its
     * line be sent again (see the class comment).
     */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            try {
                commit();
            } catch (IOException e) {
                LOG.warn("event=stock_journal_force_failed journal=\"{}\" error=\"{}\"", file.getFileName(), e);
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    private static LineOutcome parse(String entry) {
        try {
            JsonNode n = JSON.readTree(entry);
            if (n == null || !n.has("line") || !n.has("status")) {
                return null;
            }
            return new LineOutcome(n.get("line").asInt(), LineOutcome.Status.of(n.get("status").asText()),
                    n.has("movimiento_id") ? n.get("movimiento_id").asLong() : null,
                    n.has("stock_anterior") ? n.get("stock_anterior").asInt() : null,
                    n.has("stock_nuevo") ? n.get("stock_nuevo").asInt() : null,
                    n.has("error") ? n.get("error").asText() : null);
        } catch (IOException | IllegalArgumentException e) {
            return null; // a torn last entry: that line is simply sent again
        }
    }

    /** Deletes journals older than {@code maxAge}: files that left the inbox without completing. */
    static int deleteOlderThan(Path dir, Duration maxAge, Instant now) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(maxAge))) {
                    Files.deleteIfExists(p);
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("event=stock_journal_cleanup_failed dir={} error={}", dir, e.toString());
        }
        return deleted;
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList();
        }
    }
}
