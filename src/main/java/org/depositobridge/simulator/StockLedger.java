package org.depositobridge.simulator;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies stock changes the way the deposito does: one transaction per product with a row lock, never below
 * zero, exactly once per {@code idempotency_key}.
 *
 * <p>Per-product serialisation uses lock striping (a product always maps to the same lock), so updates to one
 * product queue up while different products proceed in parallel; the append to the shared movement store is a
 * short critical section of its own. Idempotency keys of every movement created through here are kept for the
 * simulator's lifetime (exact replays; ~150 bytes per key, bounded by the store's row capacity). A key being
 * processed is reserved first, so a concurrent replay waits for the original and then returns it.
 */
final class StockLedger {

    /** What happened to one update. */
    sealed interface Outcome permits Applied, Replayed, NotFound, Insufficient, StoreFull {
    }

    record Applied(Movement movement) implements Outcome {
    }

    record Replayed(Movement movement) implements Outcome {
    }

    record NotFound(int productoId) implements Outcome {
    }

    record Insufficient(int stockActual) implements Outcome {
    }

    record StoreFull(int capacity) implements Outcome {
    }

    /** A requested change, already validated. */
    record Change(int productoId, MovementType tipo, int cantidad, String motivo, String referencia,
            Integer precioCents, String usuario, String agente, String idempotencyKey, int invoice) {
    }

    private static final int STRIPES = 256;

    private final SimulatorStore store;
    private final Clock clock;
    private final Object[] stripes = new Object[STRIPES];
    private final Object appendLock = new Object();
    private final ConcurrentHashMap<String, CompletableFuture<Integer>> keys = new ConcurrentHashMap<>();

    StockLedger(SimulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    Outcome apply(Change c) {
        String key = c.idempotencyKey();
        if (key == null) {
            return applyOnce(c);
        }
        while (true) {
            CompletableFuture<Integer> mine = new CompletableFuture<>();
            CompletableFuture<Integer> earlier = keys.putIfAbsent(key, mine);
            if (earlier == null) {
                Outcome o;
                try {
                    o = applyOnce(c);
                } catch (RuntimeException e) {
                    keys.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                if (o instanceof Applied a) {
                    mine.complete(a.movement().id());
                } else {
                    // a refused change leaves no trace: the key can be used again
                    keys.remove(key, mine);
                    mine.completeExceptionally(new IllegalStateException("not applied"));
                }
                return o;
            }
            try {
                return new Replayed(store.movement(earlier.join()));
            } catch (CompletionException refused) {
                // the first attempt with this key was refused; try again ourselves
            }
        }
    }

    /** Idempotency keys held (one per movement created with a key). */
    int keyCount() {
        return keys.size();
    }

    private Outcome applyOnce(Change c) {
        Product p = store.product(c.productoId());
        if (p == null) {
            return new NotFound(c.productoId());
        }
        synchronized (stripes[c.productoId() & (STRIPES - 1)]) {
            int before = store.stockOf(c.productoId());
            long after = (long) before + c.cantidad();
            if (after < 0) {
                return new Insufficient(before);
            }
            if (after > Integer.MAX_VALUE) {
                return new Insufficient(before);
            }
            MovementStore m = store.movements();
            int id;
            long ts;
            synchronized (appendLock) {
                if (m.full()) {
                    return new StoreFull(m.capacity());
                }
                int n = m.size();
                ts = clock.millis();
                if (n > 0) {
                    ts = Math.max(ts, m.timestamp(n - 1));
                }
                int referencia = c.invoice() > 0 ? c.invoice() : -m.intern(c.referencia());
                id = m.append(c.productoId(), c.tipo(), c.cantidad(), before, ts,
                        c.precioCents() == null ? MovementStore.NO_PRICE : c.precioCents(), m.intern(c.motivo()),
                        referencia, m.intern(c.usuario()), m.intern(c.agente()), m.intern(c.idempotencyKey()));
            }
            store.setStock(c.productoId(), (int) after, ts);
            return new Applied(store.movement(id));
        }
    }
}
