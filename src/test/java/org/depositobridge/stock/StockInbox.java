package org.depositobridge.stock;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.Movement;

/** A test's inbox folder: drops files the way a producer should (write elsewhere, rename in) and reads the outcomes. */
public final class StockInbox {

    private final Path dir;

    public StockInbox(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the bytes next to the inbox and renames them in, so the bridge never sees a half-written file. */
    Path drop(String name, byte[] content) throws IOException {
        Path staging = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-staging"));
        Path temp = staging.resolve(name);
        Files.write(temp, content);
        return Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    public Path drop(String name, String content) throws IOException {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path processed(String name) {
        return dir.resolve("processed").resolve(name);
    }

    Path rejected(String name) {
        return dir.resolve("rejected").resolve(name);
    }

    /** Waits for processed/&lt;name&gt;.result.csv and returns its rows as column -&gt; value maps. */
    List<Map<String, String>> awaitResult(String name) throws IOException {
        return awaitResult(name, Duration.ofSeconds(60));
    }

    public List<Map<String, String>> awaitResult(String name, Duration atMost) throws IOException {
        Path result = processed(name + ".result.csv");
        await("result of " + name).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(result));
        return readCsv(result, ',');
    }

    /** Waits for rejected/&lt;name&gt;.error.txt and returns its text. */
    String awaitError(String name) throws IOException {
        Path error = rejected(name + ".error.txt");
        await("error file of " + name).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(error));
        return Files.readString(error);
    }

    static List<Map<String, String>> readCsv(Path file, char separator) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(schema)
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(r)) {
            while (it.hasNextValue()) {
                rows.add(new LinkedHashMap<>(it.nextValue()));
            }
        }
        return rows;
    }

    /** Every idempotency key of the movements created after {@code fromId}, duplicates kept (a List). */
    public static List<String> keysSince(DepositoSimulator sim, int fromId) {
        List<String> keys = new ArrayList<>();
        int count = sim.store().movementCount();
        for (int id = fromId + 1; id <= count; id++) {
            Movement m = sim.store().movement(id);
            if (m.idempotencyKey() != null) {
                keys.add(m.idempotencyKey());
            }
        }
        return keys;
    }

    /**
     * Per product, the file line numbers (the last part of each key, {@code csv:<sha256>:<line>}) of the movements
     * created after {@code fromId}, in the order the deposito applied them.
     */
    static Map<Integer, List<Integer>> appliedLinesByProduct(DepositoSimulator sim, int fromId) {
        Map<Integer, List<Integer>> byProduct = new TreeMap<>();
        int count = sim.store().movementCount();
        for (int id = fromId + 1; id <= count; id++) {
            Movement m = sim.store().movement(id);
            if (m.idempotencyKey() != null) {
                String key = m.idempotencyKey();
                byProduct.computeIfAbsent(m.productoId(), p -> new ArrayList<>())
                        .add(Integer.parseInt(key.substring(key.lastIndexOf(':') + 1)));
            }
        }
        return byProduct;
    }

    static Set<String> distinct(List<String> keys) {
        return new TreeSet<>(keys);
    }
}
