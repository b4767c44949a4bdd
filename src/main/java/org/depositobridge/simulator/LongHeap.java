package org.depositobridge.simulator;

import java.util.Arrays;

/** A min-heap of primitive longs: the restock queue of the generator without boxing (it was the hot spot). */
final class LongHeap {

    private long[] a = new long[1024];
    private int size;

    void add(long v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (a[parent] <= v) {
                break;
            }
            a[i] = a[parent];
            i = parent;
        }
        a[i] = v;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest value; only when not empty. */
    long peek() {
        return a[0];
    }

    long poll() {
        long top = a[0];
        long last = a[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && a[child + 1] < a[child]) {
                child++;
            }
            if (last <= a[child]) {
                break;
            }
            a[i] = a[child];
            i = child;
        }
        if (size > 0) {
            a[i] = last;
        }
        return top;
    }
}
