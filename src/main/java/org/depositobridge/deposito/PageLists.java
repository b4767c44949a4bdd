package org.depositobridge.deposito;

import java.util.AbstractList;
import java.util.List;

/** Page numbers 2..n without materialising them (n comes from the deposito's own total). */
final class PageLists {

    private PageLists() {
    }

    static List<Integer> from2To(int last) {
        int size = Math.max(0, last - 1);
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return index + 2;
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
