package org.depositobridge.deposito;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Holds the current {@link DepositoSnapshot} (bean {@code snapshotStore}) and whether it is stale.
 *
 * <p>Publication is a single atomic swap, so readers see either the previous snapshot or the new one.
 * Staleness is separate from the snapshot: the data stays the same while the deposito fails, only the
 * flag and the failure time change.
 */
public class SnapshotStore {

    /** The parts a warm start can fill, named as their pollers (recordSuccess clears a part's warm flag). */
    private static final List<String> PARTS = List.of("productos", "critical", "movements");

    private final AtomicReference<DepositoSnapshot> current;
    private final Supplier<String> source;
    private final Clock clock;
    private final long staleAfterMillis;
    private final List<Consumer<DepositoSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Executor listenerExecutor;
    private final AtomicReference<DepositoSnapshot> pendingNotification = new AtomicReference<>();
    /** Pollers whose last cycle failed, with the reason; bounded by the fixed set of pollers. */
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    /** Parts still holding warm-start data, not yet refreshed by a sync. */
    private final Set<String> warmParts = ConcurrentHashMap.newKeySet();
    /** A warm snapshot is swapped in and its listeners still run (readiness waits for the datasets). */
    private volatile boolean installingWarm;
    /** Completed while no warm-start load is pending; a new, open one from {@link #warmLoadPending} to its end. */
    private volatile CompletableFuture<Void> warmLoad = CompletableFuture.completedFuture(null);

    /** A store that keeps whatever source the published snapshots carry (tests, tools). */
    public SnapshotStore(String initialSource, long staleAfterMillis, Clock clock) {
        this(() -> null, staleAfterMillis, clock);
        current.set(DepositoSnapshot.empty(initialSource));
    }

    /** @param source where the data comes from ("deposito" or "simulator"), asked when a snapshot is published */
    public SnapshotStore(Supplier<String> source, long staleAfterMillis, Clock clock) {
        this.source = source;
        this.current = new AtomicReference<>(DepositoSnapshot.empty(DepositoTarget.SOURCE_DEPOSITO));
        this.staleAfterMillis = staleAfterMillis;
        this.clock = clock;
    }

    public DepositoSnapshot current() {
        return current.get();
    }

    /**
     * Applies one completed sync cycle's result; the version is bumped here. Listeners run after the swap: on
     * the publishing thread, or, once {@link #notifyListenersOn} was called, on that executor, where a burst of
     * publications is coalesced into one notification of the newest snapshot.
     */
    public DepositoSnapshot publish(UnaryOperator<DepositoSnapshot> change) {
        String src = source.get();
        DepositoSnapshot next = current.updateAndGet(s -> src == null ? change.apply(s) : change.apply(s).withSource(src));
        Executor executor = listenerExecutor;
        if (executor == null) {
            notifyListeners(next);
        } else if (pendingNotification.getAndSet(next) == null) {
            executor.execute(() -> notifyListeners(pendingNotification.getAndSet(null)));
        }
        return next;
    }

    /**
     * Runs listeners (the datasets rebuild) off the publishing thread, so a poller's cycle ends as soon as its
     * snapshot is swapped in. Use a single-thread executor: notifications must not overlap.
     */
    public void notifyListenersOn(Executor executor) {
        this.listenerExecutor = executor;
    }

    private void notifyListeners(DepositoSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        for (Consumer<DepositoSnapshot> l : listeners) {
            l.accept(snapshot);
        }
    }

    /**
     * Installs a snapshot loaded from the warm-start file: served, but stale until a sync completes. The file is read
     * on its own thread while the routes start ({@link SnapshotPersister}), so a poller may publish first: a part a sync
     * has published is newer than the file's and is kept, only the parts no sync has published yet are taken from the
     * file, in one atomic swap against {@link #publish}. Listeners run before this returns, on the caller's thread.
     *
     * @return the snapshot now current, the file's own when nothing had been published; null when every part had been
     *         published already and nothing was taken
     */
    public DepositoSnapshot loadWarm(DepositoSnapshot warm) {
        // flagged before the swap, so warm data is never served unflagged; the parts not taken are cleared below
        warmParts.addAll(PARTS);
        installingWarm = true;
        try {
            DepositoSnapshot[] before = new DepositoSnapshot[1];
            DepositoSnapshot next = current.updateAndGet(s -> {
                before[0] = s;
                return withWarmParts(s, warm);
            });
            DepositoSnapshot held = before[0];
            if (held.productosAsOfMillis() > 0) {
                warmParts.remove("productos");
            }
            if (held.criticalAsOfMillis() > 0) {
                warmParts.remove("critical");
            }
            if (held.movementsAsOfMillis() > 0) {
                warmParts.remove("movements");
            }
            if (next == held) {
                return null;
            }
            for (Consumer<DepositoSnapshot> l : listeners) {
                l.accept(next);
            }
            return next;
        } finally {
            installingWarm = false;
        }
    }

    /** The parts of {@code warm} whose counterpart in {@code held} was never published, the rest of {@code held}. */
    private static DepositoSnapshot withWarmParts(DepositoSnapshot held, DepositoSnapshot warm) {
        boolean productos = held.productosAsOfMillis() == 0;
        boolean critical = held.criticalAsOfMillis() == 0;
        boolean movements = held.movementsAsOfMillis() == 0;
        if (held.version() == 0 && productos && critical && movements) {
            // nothing published yet (the usual case): the file's snapshot as saved, so it is not saved again
            return warm;
        }
        if (!productos && !critical && !movements) {
            return held;
        }
        // above both versions: the datasets never let an older version replace a newer one
        return new DepositoSnapshot(Math.max(held.version(), warm.version()) + 1,
                productos ? warm.productos() : held.productos(), critical ? warm.critical() : held.critical(),
                movements ? warm.movements() : held.movements(),
                productos ? warm.productosAsOfMillis() : held.productosAsOfMillis(),
                critical ? warm.criticalAsOfMillis() : held.criticalAsOfMillis(),
                movements ? warm.movementsAsOfMillis() : held.movementsAsOfMillis(), held.source(),
                movements ? warm.backfillBeforeMillis() : held.backfillBeforeMillis());
    }

    /** A warm-start file is being read: {@link #awaitWarmLoad} waits until {@link #warmLoadSettled}. */
    public void warmLoadPending() {
        warmLoad = new CompletableFuture<>();
    }

    /** The warm-start load has ended, installed or not. */
    public void warmLoadSettled() {
        warmLoad.complete(null);
    }

    /**
     * Waits (at most {@code max}) for a warm-start load still running: a poller that decides from what the store holds
     * (a first sync or not) must see the file's data first. Returns at once when no load is pending.
     */
    public void awaitWarmLoad(Duration max) {
        try {
            warmLoad.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            // decide from what is held: the file's parts never replace what a sync published (loadWarm)
        }
    }

    /** True while {@link #loadWarm} has swapped a warm snapshot in and its listeners (the datasets) still build. */
    public boolean installingWarm() {
        return installingWarm;
    }

    public void onPublish(Consumer<DepositoSnapshot> listener) {
        listeners.add(listener);
    }

    /** Records that a poller's cycle failed; the current snapshot keeps being served, flagged stale. */
    public void recordFailure(String poller, String what) {
        failing.put(poller, what);
    }

    /** Records that a poller's cycle completed: its part is fresh again. */
    public void recordSuccess(String poller) {
        failing.remove(poller);
        warmParts.remove(poller);
    }

    /** True while a first sync is still back-filling the older movement history (the current snapshot says). */
    public boolean historyBackfilling() {
        return current.get().historyBackfilling();
    }

    /**
     * Stale when a part still holds warm-start data, when the movement history is still being back-filled, when a
     * poller's last cycle failed, or when a part is older than the staleness bound.
     */
    public boolean stale() {
        DepositoSnapshot s = current.get();
        if (!s.complete()) {
            return true;
        }
        return !warmParts.isEmpty() || s.historyBackfilling() || !failing.isEmpty()
                || clock.millis() - s.asOfMillis() > staleAfterMillis;
    }

    /** The reasons of the pollers currently failing (empty when none is). */
    public Map<String, String> failures() {
        return Map.copyOf(failing);
    }
}
