package org.depositobridge.deposito;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Holds the current {@link DepositoSnapshot} (bean {@code snapshotStore}) and whether it is stale.
 *
 * <p>Publication is a single atomic swap, so readers see either the previous snapshot or the new one.
 * Staleness is separate from the snapshot: the data stays the same while the deposito fails, only the
 * flag and the failure time change.
 */
public class SnapshotStore {

    private final AtomicReference<DepositoSnapshot> current;
    private final Clock clock;
    private final long staleAfterMillis;
    private final List<Consumer<DepositoSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastFailureMillis;
    private volatile String lastFailure;
    private volatile boolean warm;

    public SnapshotStore(String source, long staleAfterMillis, Clock clock) {
        this.current = new AtomicReference<>(DepositoSnapshot.empty(source));
        this.staleAfterMillis = staleAfterMillis;
        this.clock = clock;
    }

    public DepositoSnapshot current() {
        return current.get();
    }

    /** Applies one completed sync cycle's result; the version is bumped here. Listeners run after the swap. */
    public DepositoSnapshot publish(UnaryOperator<DepositoSnapshot> change) {
        DepositoSnapshot next = current.updateAndGet(change);
        warm = false;
        lastFailure = null;
        for (Consumer<DepositoSnapshot> l : listeners) {
            l.accept(next);
        }
        return next;
    }

    /** Installs a snapshot loaded from the warm-start file: served, but stale until a sync completes. */
    public void loadWarm(DepositoSnapshot snapshot) {
        current.set(snapshot);
        warm = true;
        for (Consumer<DepositoSnapshot> l : listeners) {
            l.accept(snapshot);
        }
    }

    public void onPublish(Consumer<DepositoSnapshot> listener) {
        listeners.add(listener);
    }

    /** Records that a sync cycle failed; the current snapshot keeps being served, flagged stale. */
    public void recordFailure(String what) {
        lastFailureMillis = clock.millis();
        lastFailure = what;
    }

    /**
     * Stale when the data came from the warm-start file, when the last sync cycle failed, or when a part is
     * older than the staleness bound.
     */
    public boolean stale() {
        DepositoSnapshot s = current.get();
        if (!s.complete()) {
            return true;
        }
        return warm || lastFailure != null || clock.millis() - s.asOfMillis() > staleAfterMillis;
    }

    public String lastFailure() {
        return lastFailure;
    }

    public long lastFailureMillis() {
        return lastFailureMillis;
    }

    public long nextVersion() {
        return current.get().version() + 1;
    }
}
