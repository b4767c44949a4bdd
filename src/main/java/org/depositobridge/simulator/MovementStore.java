package org.depositobridge.simulator;

import java.util.Arrays;

/**
 * Columnar, append-only store of stock movements: one primitive array per field, in segments of 64K rows,
 * so 2M movements cost ~30 bytes each instead of a few hundred for objects.
 *
 * <p>Row {@code i} is movement id {@code i + 1}; ids and timestamps ascend together, which is what makes the
 * date-range queries binary searches. One writer at a time (callers serialise appends); readers never lock:
 * the writer fills every column of a row and only then publishes the new {@link #size()} (volatile), and a
 * reader reads the size before the segment directory, so it never sees a half-written row.
 */
final class MovementStore {

    static final int NO_PRICE = Integer.MIN_VALUE;
    private static final int SHIFT = 16;
    private static final int SEGMENT = 1 << SHIFT;
    private static final int MASK = SEGMENT - 1;

    /** One block of rows. */
    private static final class Segment {
        final int[] productId = new int[SEGMENT];
        final byte[] type = new byte[SEGMENT];
        final int[] quantity = new int[SEGMENT];
        final int[] stockBefore = new int[SEGMENT];
        final long[] timestamp = new long[SEGMENT];
        final int[] priceCents = new int[SEGMENT];
        final int[] motivo = new int[SEGMENT];
        final int[] referencia = new int[SEGMENT];
        final int[] usuario = new int[SEGMENT];
        final int[] agente = new int[SEGMENT];
        final int[] idempotencyKey = new int[SEGMENT];
    }

    private final int capacity;
    private final StringTable strings = new StringTable();
    private final IntList[] byProduct;
    private final IntList[] byType = new IntList[MovementType.values().length];
    private volatile Segment[] segments = new Segment[0];
    private volatile int size;

    MovementStore(int products, int capacity, int expectedRows) {
        this.capacity = capacity;
        this.byProduct = new IntList[products];
        int perProduct = Math.max(2, expectedRows / Math.max(1, products));
        for (int i = 0; i < products; i++) {
            byProduct[i] = new IntList(perProduct);
        }
        for (int t = 0; t < byType.length; t++) {
            byType[t] = new IntList(t == MovementType.SALIDA.ordinal() ? Math.max(16, expectedRows) : 1024);
        }
    }

    int capacity() {
        return capacity;
    }

    boolean full() {
        return size >= capacity;
    }

    /** Interns a string for a column (writer only). */
    int intern(String s) {
        return strings.intern(s);
    }

    /**
     * Appends one movement and returns its id. Writer only: the caller serialises appends.
     *
     * @param referencia   positive: invoice number rendered as {@code FAC-A-0001-NNNNNNNN}; negative: minus an
     *                     interned string index; 0: null
     * @param priceCents   unit price in cents or {@link #NO_PRICE}
     */
    int append(int productId, MovementType type, int quantity, int stockBefore, long timestamp, int priceCents,
            int motivo, int referencia, int usuario, int agente, int idempotencyKey) {
        int row = size;
        if (row >= capacity) {
            throw new IllegalStateException("movement store full: " + capacity);
        }
        Segment[] segs = segments;
        int s = row >>> SHIFT;
        if (s == segs.length) {
            segs = Arrays.copyOf(segs, s + 1);
            segs[s] = new Segment();
            segments = segs;
        }
        Segment seg = segs[s];
        int o = row & MASK;
        seg.productId[o] = productId;
        seg.type[o] = (byte) type.ordinal();
        seg.quantity[o] = quantity;
        seg.stockBefore[o] = stockBefore;
        seg.timestamp[o] = timestamp;
        seg.priceCents[o] = priceCents;
        seg.motivo[o] = motivo;
        seg.referencia[o] = referencia;
        seg.usuario[o] = usuario;
        seg.agente[o] = agente;
        seg.idempotencyKey[o] = idempotencyKey;
        size = row + 1;
        byProduct[productId - 1].add(row);
        byType[type.ordinal()].add(row);
        return row + 1;
    }

    /** Published rows; read it first, then read rows below it. */
    int size() {
        return size;
    }

    private Segment seg(int row) {
        return segments[row >>> SHIFT];
    }

    int productId(int row) { return seg(row).productId[row & MASK]; }
    MovementType type(int row) { return MovementType.of(seg(row).type[row & MASK]); }
    int quantity(int row) { return seg(row).quantity[row & MASK]; }
    int stockBefore(int row) { return seg(row).stockBefore[row & MASK]; }
    long timestamp(int row) { return seg(row).timestamp[row & MASK]; }
    int priceCents(int row) { return seg(row).priceCents[row & MASK]; }
    String motivo(int row) { return strings.get(seg(row).motivo[row & MASK]); }
    String usuario(int row) { return strings.get(seg(row).usuario[row & MASK]); }
    String agente(int row) { return strings.get(seg(row).agente[row & MASK]); }
    String idempotencyKey(int row) { return strings.get(seg(row).idempotencyKey[row & MASK]); }

    String referencia(int row) {
        int r = seg(row).referencia[row & MASK];
        if (r == 0) {
            return null;
        }
        if (r < 0) {
            return strings.get(-r);
        }
        StringBuilder b = new StringBuilder(19).append("FAC-A-0001-");
        String n = Integer.toString(r);
        for (int i = n.length(); i < 8; i++) {
            b.append('0');
        }
        return b.append(n).toString();
    }

    /** Rows of one product, ids ascending (list + size read in the safe order). */
    IntList rowsOfProduct(int productId) {
        return byProduct[productId - 1];
    }

    IntList rowsOfType(MovementType type) {
        return byType[type.ordinal()];
    }

    /** First row in [from, to) of the whole store with timestamp >= t. */
    int lowerBoundAll(long t, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamp(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index in [from, to) of {@code rows} whose row has timestamp >= t. */
    int lowerBound(int[] rows, long t, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamp(rows[mid]) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
