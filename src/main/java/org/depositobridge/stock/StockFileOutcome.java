package org.depositobridge.stock;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The files a settled stock file leaves behind, next to the inbox:
 * <ul>
 *   <li>{@code processed/<file>} (the original) and {@code processed/<file>.result.csv} (one row per line: line, key,
 *       status, movimiento_id, stock_anterior, stock_nuevo, error);</li>
 *   <li>{@code rejected/<file>.rejected.csv}: the rejected lines with their original columns plus {@code error}, in
 *       the original separator, ready to be fixed and dropped again;</li>
 *   <li>for a file that cannot be processed at all: {@code rejected/<file>} (the original) and
 *       {@code rejected/<file>.error.txt} (the reason).</li>
 * </ul>
 * Outputs are written to a temporary name, forced to disk and renamed, before the original is moved: the move is the
 * commit, so a crash in between only means the file is processed again (from its journal). A name already taken in
 * the target folder (the same file name dropped twice) gets a {@code -2}, {@code -3}... suffix.
 */
final class StockFileOutcome {

    static final String PROCESSED = "processed";
    static final String REJECTED = "rejected";
    static final List<String> RESULT_COLUMNS = List.of("line", "key", "status", "movimiento_id", "stock_anterior",
            "stock_nuevo", "error");
    private static final CsvMapper CSV = new CsvMapper();

    private StockFileOutcome() {
    }

    /** Writes the result (and rejected) files and moves the original to processed/; returns the moved original. */
    static Path complete(Path original, StockFile file, List<LineOutcome> outcomes) throws IOException {
        Path processed = Files.createDirectories(original.resolveSibling(PROCESSED));
        String name = freeName(processed, original.getFileName().toString(), ".result.csv");
        List<String[]> result = new ArrayList<>(outcomes.size() + 1);
        result.add(RESULT_COLUMNS.toArray(String[]::new));
        List<String[]> rejected = new ArrayList<>();
        int errorColumn = errorColumn(file.header());
        for (int i = 0; i < outcomes.size(); i++) {
            LineOutcome o = outcomes.get(i);
            StockLine line = file.lines().get(i);
            result.add(new String[] {String.valueOf(o.line()), line.key(), o.status().label(), text(o.movimientoId()),
                text(o.stockAnterior()), text(o.stockNuevo()), o.error() == null ? "" : o.error()});
            if (o.status() == LineOutcome.Status.REJECTED) {
                rejected.add(withError(line.values(), errorColumn, o.error()));
            }
        }
        writeAtomically(processed.resolve(name + ".result.csv"), csv(result, ','));
        if (!rejected.isEmpty()) {
            Path rejectedDir = Files.createDirectories(original.resolveSibling(REJECTED));
            List<String[]> rows = new ArrayList<>(rejected.size() + 1);
            rows.add(withError(file.header(), errorColumn, StockFileReader.ERROR));
            rows.addAll(rejected);
            String rejectedName = freeName(rejectedDir, original.getFileName().toString(), ".rejected.csv");
            writeAtomically(rejectedDir.resolve(rejectedName + ".rejected.csv"), csv(rows, file.separator()));
        }
        Path moved = processed.resolve(name);
        Files.move(original, moved, StandardCopyOption.ATOMIC_MOVE);
        return moved;
    }

    /** Moves a file that cannot be processed to rejected/ with a {@code .error.txt} saying why. */
    static Path error(Path original, String reason) throws IOException {
        Path rejectedDir = Files.createDirectories(original.resolveSibling(REJECTED));
        String name = freeName(rejectedDir, original.getFileName().toString(), ".error.txt");
        writeAtomically(rejectedDir.resolve(name + ".error.txt"), ("file: " + original.getFileName() + "\nerror: "
                + reason + "\nnothing of this file was applied; fix it and drop it into the inbox again\n")
                .getBytes(StandardCharsets.UTF_8));
        Path moved = rejectedDir.resolve(name);
        Files.move(original, moved, StandardCopyOption.ATOMIC_MOVE);
        return moved;
    }

    private static int errorColumn(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (StockFileReader.ERROR.equals(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** A rejected file dropped again carries an error column already: overwrite it rather than adding another. */
    private static String[] withError(List<String> values, int errorColumn, String error) {
        List<String> row = new ArrayList<>(values);
        if (errorColumn >= 0 && errorColumn < row.size()) {
            row.set(errorColumn, error);
        } else {
            row.add(error);
        }
        return row.toArray(String[]::new);
    }

    /** The file's own name when nothing in dir uses it (with this output suffix), else name-2.csv, name-3.csv ... */
    private static String freeName(Path dir, String name, String outputSuffix) {
        if (!Files.exists(dir.resolve(name)) && !Files.exists(dir.resolve(name + outputSuffix))) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; ; n++) {
            String candidate = stem + "-" + n + ext;
            if (!Files.exists(dir.resolve(candidate)) && !Files.exists(dir.resolve(candidate + outputSuffix))) {
                return candidate;
            }
        }
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    static byte[] csv(List<String[]> rows, char separator) throws IOException {
        StringWriter out = new StringWriter();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withLineSeparator("\n");
        try (SequenceWriter w = CSV.writerFor(String[].class).with(schema).writeValues(out)) {
            for (String[] row : rows) {
                w.write(row);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
