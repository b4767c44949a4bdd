package org.depositobridge.deposito;

import java.util.Arrays;

/**
 * The movements the bridge holds, in arrival order (which is id order, give or take late commits), stored
 * column-wise in fixed-size chunks of primitives: 2,000,000 movements take about 80 MB instead of the
 * ~600 MB that one object per movement with its strings would cost.
 *
 * <p>Immutable once built. {@link #appender()} starts a new log that shares every full chunk with this one
 * and copies only the partly filled tail chunk, so an incremental sync costs O(new movements), and readers
 * of the old log are never disturbed. Free-text fields (motivo, referencia, usuario) are not kept: no
 * dataset uses them.
 *
 * <p>Every row has a sequence number, kept by {@link #appender()} and {@link #retainFrom}: a log's row 0 is row
 * {@code firstSeq} of the log it grew from. {@link #droppedFrom} uses it to tell whether a log is an earlier one
 * with rows dropped in front and rows appended behind, so what was computed from the earlier log can be updated
 * with the difference instead of computed again.
 */
public final class MovementLog {

    /**
     * 4,096 rows a chunk: an appender copies the partly filled tail chunk, so each poll that brings movements makes
     * a 168 kB copy; with 65,536-row chunks it was 2.7 MB, and under API load a collection promoted it to the old
     * generation every poll (docs/benchmarks.md, "Fifth pass"). 2,000,000 movements are ~490 chunks.
     */
    static final int CHUNK_BITS = 12;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final MovementLog EMPTY = new MovementLog(new Chunk[0], 0, 0);

    private final Chunk[] chunks;
    /** Sequence number of row 0: rows dropped by retention since the first log of this line of appends. */
    private final long firstSeq;
    /** Index of the first live row in chunks[0]: chunk boundaries fall on multiples of CHUNK in sequence numbers. */
    private final int offset;
    private final int size;

    private MovementLog(Chunk[] chunks, long firstSeq, int size) {
        this.chunks = chunks;
        this.firstSeq = firstSeq;
        this.offset = (int) (firstSeq & MASK);
        this.size = size;
    }

    public static MovementLog empty() {
        return EMPTY;
    }

    public int size() {
        return size;
    }

    /** Sequence number of row {@code i}: its position counted from the first row this log grew from. */
    public long seq(int i) {
        return firstSeq + i;
    }

    public long id(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].id[p & MASK];
    }

    public int productoId(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].productoId[p & MASK];
    }

    public TipoMovimiento tipo(int i) {
        int p = pos(i);
        return TipoMovimiento.ofOrdinal(chunks[p >>> CHUNK_BITS].tipo[p & MASK]);
    }

    public int cantidad(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].cantidad[p & MASK];
    }

    public long timestampMillis(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].timestamp[p & MASK];
    }

    /** Unit price, or NaN when the deposito sent null. */
    public double precioUnitario(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].precioUnitario[p & MASK];
    }

    /** Total value, or NaN when the deposito sent null. */
    public double valorTotal(int i) {
        int p = pos(i);
        return chunks[p >>> CHUNK_BITS].valorTotal[p & MASK];
    }

    /** Highest movement id held, or -1 when empty. */
    public long maxId() {
        long max = -1;
        // ids arrive nearly sorted, so the tail holds the maximum; scan a bounded tail for late commits
        for (int i = size - 1; i >= 0 && i >= size - 4096; i--) {
            max = Math.max(max, id(i));
        }
        return max;
    }

    /** Latest timestamp held, or Long.MIN_VALUE when empty. */
    public long maxTimestampMillis() {
        long max = Long.MIN_VALUE;
        for (int i = size - 1; i >= 0 && i >= size - 4096; i--) {
            max = Math.max(max, timestampMillis(i));
        }
        return max;
    }

    private int pos(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("movement " + i + " of " + size);
        }
        return offset + i;
    }

    /**
     * A log without the leading movements older than {@code cutoffMillis}: the retention bound. Rows are
     * dropped from the front while they are older; whole chunks that fall out are released.
     */
    public MovementLog retainFrom(long cutoffMillis) {
        int drop = 0;
        while (drop < size && timestampMillis(drop) < cutoffMillis) {
            drop++;
        }
        if (drop == 0) {
            return this;
        }
        int firstChunk = (offset + drop) >>> CHUNK_BITS;
        Chunk[] kept = Arrays.copyOfRange(chunks, firstChunk, chunks.length);
        return new MovementLog(kept, firstSeq + drop, size - drop);
    }

    /**
     * How many of {@code earlier}'s first rows this log no longer holds, when this log's rows are {@code earlier}'s
     * without those, in the same order, followed by rows appended after them (what an incremental sync and the
     * retention bound make of a log); -1 when that cannot be told cheaply. The answer is about content: a log built
     * afresh with the same rows can be recognised too (when the rows both hold fit in one chunk), a log merged or
     * appended to another base is not. One identity check per chunk (a chunk shared by both holds the same rows),
     * plus at most one chunk's rows compared, where an appender copied earlier's partly filled last chunk.
     */
    public int droppedFrom(MovementLog earlier) {
        long drop = firstSeq - earlier.firstSeq;
        long end = earlier.firstSeq + earlier.size;
        if (drop < 0 || drop > earlier.size || firstSeq + size < end) {
            return -1;
        }
        // the rows both hold, [firstSeq, end): a chunk shared by both holds the same rows in both (a row is never
        // written again once a log holding it is built); only earlier's partly filled last chunk is copied
        long lastChunk = (end - 1) >>> CHUNK_BITS;
        for (long c = firstSeq >>> CHUNK_BITS; firstSeq < end && c <= lastChunk; c++) {
            Chunk mine = chunks[(int) (c - (firstSeq >>> CHUNK_BITS))];
            Chunk theirs = earlier.chunks[(int) (c - (earlier.firstSeq >>> CHUNK_BITS))];
            if (mine != theirs && (c != lastChunk || !mine.sameRows(theirs,
                    (int) (Math.max(firstSeq, c << CHUNK_BITS) & MASK), (int) (((end - 1) & MASK) + 1)))) {
                return -1;
            }
        }
        return (int) drop;
    }

    /** Starts a new log holding this one's rows, to which rows can be appended. */
    public Appender appender() {
        return new Appender(this);
    }

    /** Builds the next log; not thread-safe (one sync cycle owns it). */
    public static final class Appender {
        private Chunk[] chunks;
        private final long firstSeq;
        private final int offset;
        private int size;

        private Appender(MovementLog base) {
            this.firstSeq = base.firstSeq;
            this.offset = base.offset;
            this.size = base.size;
            int used = base.offset + base.size;
            int fullChunks = used >>> CHUNK_BITS;
            int nChunks = base.chunks.length;
            this.chunks = Arrays.copyOf(base.chunks, Math.max(nChunks, 1));
            if ((used & MASK) != 0) {
                // copy the shared, partly filled tail so appends never touch what old readers see
                chunks[fullChunks] = base.chunks[fullChunks].copy();
            } else if (nChunks == 0) {
                chunks[0] = new Chunk();
            }
        }

        public int size() {
            return size;
        }

        public Appender add(long id, int productoId, TipoMovimiento tipo, int cantidad, long timestampMillis,
                double precioUnitario, double valorTotal) {
            int p = offset + size;
            int c = p >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c + 1);
            }
            if (chunks[c] == null) {
                chunks[c] = new Chunk();
            }
            Chunk chunk = chunks[c];
            int r = p & MASK;
            chunk.id[r] = id;
            chunk.productoId[r] = productoId;
            chunk.tipo[r] = (byte) tipo.ordinal();
            chunk.cantidad[r] = cantidad;
            chunk.timestamp[r] = timestampMillis;
            chunk.precioUnitario[r] = precioUnitario;
            chunk.valorTotal[r] = valorTotal;
            size++;
            return this;
        }

        public MovementLog build() {
            int used = offset + size;
            int needed = used == 0 ? 0 : ((used - 1) >>> CHUNK_BITS) + 1;
            Chunk[] exact = needed == chunks.length ? chunks : Arrays.copyOf(chunks, needed);
            MovementLog log = new MovementLog(exact, firstSeq, size);
            chunks = null; // an appender builds once
            return log;
        }
    }

    private static final class Chunk {
        final long[] id = new long[CHUNK];
        final int[] productoId = new int[CHUNK];
        final byte[] tipo = new byte[CHUNK];
        final int[] cantidad = new int[CHUNK];
        final long[] timestamp = new long[CHUNK];
        final double[] precioUnitario = new double[CHUNK];
        final double[] valorTotal = new double[CHUNK];

        /** Whether rows [from, to) of this chunk and another are equal, column by column (NaN equals NaN). */
        boolean sameRows(Chunk o, int from, int to) {
            return Arrays.equals(id, from, to, o.id, from, to)
                    && Arrays.equals(productoId, from, to, o.productoId, from, to)
                    && Arrays.equals(tipo, from, to, o.tipo, from, to)
                    && Arrays.equals(cantidad, from, to, o.cantidad, from, to)
                    && Arrays.equals(timestamp, from, to, o.timestamp, from, to)
                    && Arrays.equals(precioUnitario, from, to, o.precioUnitario, from, to)
                    && Arrays.equals(valorTotal, from, to, o.valorTotal, from, to);
        }

        Chunk copy() {
            Chunk c = new Chunk();
            System.arraycopy(id, 0, c.id, 0, CHUNK);
            System.arraycopy(productoId, 0, c.productoId, 0, CHUNK);
            System.arraycopy(tipo, 0, c.tipo, 0, CHUNK);
            System.arraycopy(cantidad, 0, c.cantidad, 0, CHUNK);
            System.arraycopy(timestamp, 0, c.timestamp, 0, CHUNK);
            System.arraycopy(precioUnitario, 0, c.precioUnitario, 0, CHUNK);
            System.arraycopy(valorTotal, 0, c.valorTotal, 0, CHUNK);
            return c;
        }
    }
}
