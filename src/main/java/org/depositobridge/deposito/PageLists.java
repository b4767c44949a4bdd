package org.depositobridge.deposito;

import java.util.AbstractList;
import java.util.List;

/** Pages 2..n of a list without materialising them (n comes from the deposito's own total). */
final class PageLists {

    private PageLists() {
    }

    static List<DepositoPage> from2To(int last, int pageSize) {
        int size = Math.max(0, last - 1);
        return new AbstractList<>() {
            @Override
            public DepositoPage get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                int number = index + 2;
                return new DepositoPage(number, (long) (number - 1) * pageSize);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
