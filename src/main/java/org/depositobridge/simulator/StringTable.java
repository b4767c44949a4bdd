package org.depositobridge.simulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned strings referenced by index from the movement columns, so 2M rows share a handful of
 * {@code motivo}/{@code usuario} strings instead of carrying their own. Index 0 is null.
 *
 * <p>Single writer (the store's append lock), lock-free readers: an index is only ever read from a row that was
 * published after the string was added (same ordering argument as {@link IntList}).
 */
final class StringTable {

    private final Map<String, Integer> index = new HashMap<>();
    private volatile String[] values = new String[64];
    private int size = 1;

    /** Index of {@code s}, adding it when new; 0 for null. Writer only. */
    int intern(String s) {
        if (s == null) {
            return 0;
        }
        Integer existing = index.get(s);
        if (existing != null) {
            return existing;
        }
        String[] v = values;
        if (size == v.length) {
            v = Arrays.copyOf(v, size * 2);
        }
        v[size] = s;
        values = v;
        index.put(s, size);
        return size++;
    }

    String get(int i) {
        return i == 0 ? null : values[i];
    }
}
