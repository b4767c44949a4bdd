package org.depositobridge.simulator;

import java.util.Arrays;

/**
 * Append-only list of ints with one writer and many lock-free readers.
 *
 * <p>The writer stores the element (growing into a new array when full), publishes the array, then the size;
 * a reader reads the size first and the array second, so it always sees an array holding at least that many
 * written elements. Used for the per-product and per-type movement indexes (ids ascending).
 */
final class IntList {

    private volatile int[] data;
    private volatile int size;

    IntList(int capacity) {
        data = new int[Math.max(2, capacity)];
    }

    /** Single writer only (callers hold the store's append lock or run before publication). */
    void add(int value) {
        int[] d = data;
        int n = size;
        if (n == d.length) {
            d = Arrays.copyOf(d, n + (n >> 1) + 2);
            d[n] = value;
            data = d;
        } else {
            d[n] = value;
        }
        size = n + 1;
    }

    int size() {
        return size;
    }

    /** A view consistent with {@link #size()} read just before; see the class comment for the read order. */
    int[] array() {
        return data;
    }
}
