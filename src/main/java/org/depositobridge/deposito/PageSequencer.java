package org.depositobridge.deposito;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies pages that arrive in any order strictly in page order: a page is held only until the pages before
 * it have been applied, so memory holds at most the pages in flight.
 *
 * @param <T> a parsed page
 */
final class PageSequencer<T> {

    private final Map<Integer, T> waiting = new HashMap<>();
    private final Consumer<T> apply;
    private int next = 1;

    PageSequencer(Consumer<T> apply) {
        this.apply = apply;
    }

    synchronized void offer(int page, T parsed) {
        if (page < next || waiting.putIfAbsent(page, parsed) != null) {
            throw new IllegalArgumentException("page " + page + " answered twice");
        }
        T ready;
        while ((ready = waiting.remove(next)) != null) {
            apply.accept(ready);
            next++;
        }
    }

    /** Number of pages applied so far. */
    synchronized int applied() {
        return next - 1;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
