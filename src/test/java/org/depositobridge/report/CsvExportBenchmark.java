package org.depositobridge.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;

import org.depositobridge.dataset.DatasetRows.TopProduct;

/**
 * Benchmark (not a test): streams N top-product rows as CSV and as XLSX (cycling through 10,007 distinct rows: every 7th with a
 * formula-like name, every 11th with a comma and quotes, every 13th provider guarded, accents everywhere) through {@link CsvWriter} into a real file, for 100,000 and
 * 1,000,000 rows, in two ways: the writer alone into a buffered file, and the scheduled-drop path (temporary
 * file, SHA-256, fsync, atomic rename). Prints rows/s, MB/s and heap growth: heap used after a full GC before the
 * run, in the middle of the run (rows still streaming) and after it, read through the MemoryMXBean.
 *
 * <pre>
 * mvn -q -B -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx256m -cp %classpath org.depositobridge.report.CsvExportBenchmark"
 * </pre>
 */
public final class CsvExportBenchmark {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private CsvExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("csv-bench");
        CsvWriter writer = new CsvWriter();
        // warm-up: let the JIT compile the writer before anything is measured
        for (int i = 0; i < 3; i++) {
            plain(writer, dir, 200_000, false);
        }
        System.out.printf(Locale.ROOT, "%-12s %10s %8s %12s %8s %14s %14s %14s%n", "path", "rows", "seconds", "rows/s",
                "MB/s", "file MB", "heap mid MB", "heap after MB");
        XlsxWriter xlsx = new XlsxWriter(ZoneId.of("America/Argentina/Buenos_Aires"));
        for (int i = 0; i < 3; i++) {
            xlsxDrop(xlsx, dir, 200_000);
        }
        for (int rows : new int[] {100_000, 1_000_000}) {
            print("writer", rows, plain(writer, dir, rows, true));
            print("drop", rows, drop(writer, dir, rows));
            print("xlsx-drop", rows, xlsxDrop(xlsx, dir, rows));
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    record Result(double seconds, long bytes, long heapBefore, long heapMid, long heapAfter) {
    }

    private static Result plain(CsvWriter writer, Path dir, int rows, boolean measure) throws IOException {
        Path file = dir.resolve("top-products-plain.csv");
        long before = measure ? heapAfterGc() : 0;
        Rows it = new Rows(rows, measure);
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writer.write(ReportTables.TOP_PRODUCTS, it, out);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long after = measure ? heapAfterGc() : 0;
        return new Result(s, Files.size(file), before, it.heapMid, after);
    }

    /** The CSV file of a scheduled drop: temporary file, SHA-256, fsync, rename. */
    private static Result drop(CsvWriter writer, Path dir, int rows) throws IOException {
        return dropPath(dir, "csv", rows, (it, out) -> writer.write(ReportTables.TOP_PRODUCTS, it, out));
    }

    /** The XLSX file of a scheduled drop: the same path. */
    private static Result xlsxDrop(XlsxWriter xlsx, Path dir, int rows) throws IOException {
        return dropPath(dir, "xlsx", rows, (it, out) -> xlsx.write(ReportTables.TOP_PRODUCTS, it, out));
    }

    interface Format {
        void write(Rows rows, OutputStream out) throws IOException;
    }

    private static Result dropPath(Path dir, String extension, int rows, Format format) throws IOException {
        Path temp = dir.resolve(".top-products-bench." + extension + ".tmp");
        Path target = dir.resolve("top-products-bench." + extension);
        long before = heapAfterGc();
        Rows it = new Rows(rows, true);
        long t0 = System.nanoTime();
        AtomicFiles.Written w = AtomicFiles.writeTemp(temp, out -> format.write(it, out));
        AtomicFiles.publish(temp, target);
        double s = (System.nanoTime() - t0) / 1e9;
        long after = heapAfterGc();
        return new Result(s, w.bytes(), before, it.heapMid, after);
    }

    private static void print(String path, int rows, Result r) {
        double mb = r.bytes / 1e6;
        System.out.printf(Locale.ROOT, "%-12s %10d %8.3f %12.0f %8.1f %14.1f %+14.2f %+14.2f%n", path, rows, r.seconds,
                rows / r.seconds, mb / r.seconds, mb, (r.heapMid - r.heapBefore) / 1e6, (r.heapAfter - r.heapBefore) / 1e6);
    }

    /** Heap used after a full collection: what is really retained (a measurement, not a fix). */
    static long heapAfterGc() {
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * A fixed pool of distinct rows, built once before any heap sample: the benchmark measures the writer, not the
     * making of strings, and holds the same memory whatever the row count.
     */
    private static final TopProduct[] POOL = new TopProduct[10_007];

    static {
        for (int i = 0; i < POOL.length; i++) {
            String producto = i % 7 == 0 ? "=Producto " + i + " ñandú" : i % 11 == 0 ? "Producto \"" + i + "\", caja"
                    : "Producto " + i + " lácteo";
            POOL[i] = new TopProduct("P-" + i, producto, i % 1000, i % 50, i * 1.25,
                    i % 13 == 0 ? "-Proveedor " + (i % 97) : "Proveedor " + (i % 97));
        }
    }

    /** Streams {@code total} rows cycling through the pool; samples the heap half-way through. */
    static final class Rows implements Iterator<TopProduct> {
        private final int total;
        private final boolean sample;
        private int n;
        long heapMid;

        Rows(int total, boolean sample) {
            this.total = total;
            this.sample = sample;
        }

        @Override
        public boolean hasNext() {
            return n < total;
        }

        @Override
        public TopProduct next() {
            int i = n++;
            if (sample && i == total / 2) {
                heapMid = heapAfterGc();
            }
            return POOL[i % POOL.length];
        }
    }
}
