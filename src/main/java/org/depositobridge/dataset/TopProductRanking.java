package org.depositobridge.dataset;

import java.util.List;

import org.depositobridge.dataset.DatasetQueries.TopSort;
import org.depositobridge.deposito.Producto;

/**
 * The best {@code k} products of a top-products question, best first: a bounded min-heap of primitive indexes (no
 * boxing), so a range over 100,000 products costs one pass and k log k. Ranks by the chosen figure, larger first,
 * then by codigo ascending.
 */
final class TopProductRanking {

    private final Scratch sc;
    private final TopSort sort;
    private final List<Producto> productos;

    private TopProductRanking(Scratch sc, TopSort sort, List<Producto> productos) {
        this.sc = sc;
        this.sort = sort;
        this.productos = productos;
    }

    /** The best {@code k} of the {@code touched} products accumulated in {@code sc}, best first. */
    static int[] best(Scratch sc, int touched, int k, TopSort sort, List<Producto> productos) {
        return new TopProductRanking(sc, sort, productos).topK(touched, k);
    }

    private int[] topK(int touched, int k) {
        int[] heap = new int[Math.min(k, touched)];
        int size = 0;
        for (int i = 0; i < touched; i++) {
            int p = sc.touched[i];
            if (size < heap.length) {
                heap[size] = p;
                siftUp(heap, size++);
            } else if (better(p, heap[0])) {
                heap[0] = p;
                siftDown(heap, size);
            }
        }
        // heap-sort the survivors: repeatedly move the weakest to the end
        for (int end = size - 1; end > 0; end--) {
            int tmp = heap[0];
            heap[0] = heap[end];
            heap[end] = tmp;
            siftDown(heap, end);
        }
        return heap;
    }

    /** True when product a ranks before product b: larger figure first, then codigo ascending. */
    private boolean better(int a, int b) {
        int c = switch (sort) {
            case CANTIDAD -> Long.compare(sc.units[a], sc.units[b]);
            case MOVIMIENTOS -> Integer.compare(sc.movs[a], sc.movs[b]);
            case VALOR -> Double.compare(sc.valor[a], sc.valor[b]);
        };
        if (c != 0) {
            return c > 0;
        }
        return codigoKey(productos.get(a)).compareTo(codigoKey(productos.get(b))) < 0;
    }

    /** Min-heap on rank: the root is the weakest of the candidates kept. */
    private void siftUp(int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(heap[parent], heap[i])) {
                break;
            }
            int tmp = heap[parent];
            heap[parent] = heap[i];
            heap[i] = tmp;
            i = parent;
        }
    }

    private void siftDown(int[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int weakest = r < size && better(heap[l], heap[r]) ? r : l;
            if (!better(heap[i], heap[weakest])) {
                return;
            }
            int tmp = heap[i];
            heap[i] = heap[weakest];
            heap[weakest] = tmp;
            i = weakest;
        }
    }

    private static String codigoKey(Producto p) {
        return p.codigo() == null ? "" : p.codigo();
    }

    /**
     * Per-thread accumulators sized to the product count, reused across queries (cleared through the list of
     * touched products, so a query costs what it touches, not the catalogue size).
     */
    static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = new ThreadLocal<>();
        final int[] movs;
        final long[] units;
        final double[] valor;
        final int[] touched;

        private Scratch(int n) {
            movs = new int[n];
            units = new long[n];
            valor = new double[n];
            touched = new int[n];
        }

        static Scratch of(int n) {
            Scratch s = LOCAL.get();
            if (s == null || s.movs.length != n) {
                s = new Scratch(n);
                LOCAL.set(s);
            }
            return s;
        }

        void clear(int count) {
            for (int i = 0; i < count; i++) {
                int p = touched[i];
                movs[p] = 0;
                units[p] = 0;
                valor[p] = 0;
            }
        }
    }
}
