package org.depositobridge.deposito;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One consistent, immutable view of the deposito: every part came from a sync cycle that completed.
 * The pollers publish a new snapshot (a new version) through {@link SnapshotStore}; readers keep the
 * instance they got for as long as they need it and never see a mix of old and new pages.
 *
 * @param version      increases by one with every publication (0 = nothing synced yet)
 * @param productos    every product, active or not, ordered by id
 * @param critical     the deposito's own critical-stock list
 * @param movements    movements within the retained history
 * @param productosAsOfMillis when the products part was fetched complete (0 = never)
 * @param criticalAsOfMillis  when the critical part was fetched complete (0 = never)
 * @param movementsAsOfMillis when the movements part was fetched complete (0 = never)
 * @param source       {@code deposito} or {@code simulator}
 * @param backfillBeforeMillis 0 when the movement history is whole; else a first sync published its newest movements
 *                     and the older ones (stamped before this) are still to be fetched: the data is served, flagged
 *                     stale, and not saved for a warm start. Part of the snapshot, so whoever reads one reads a
 *                     history and its completeness together.
 */
public record DepositoSnapshot(
        long version,
        List<Producto> productos,
        List<StockCritico> critical,
        MovementLog movements,
        long productosAsOfMillis,
        long criticalAsOfMillis,
        long movementsAsOfMillis,
        String source,
        long backfillBeforeMillis) {

    public DepositoSnapshot {
        productos = List.copyOf(productos);
        critical = List.copyOf(critical);
    }

    /** A snapshot whose movement history is whole (every one read from a file, most in tests). */
    public DepositoSnapshot(long version, List<Producto> productos, List<StockCritico> critical, MovementLog movements,
            long productosAsOfMillis, long criticalAsOfMillis, long movementsAsOfMillis, String source) {
        this(version, productos, critical, movements, productosAsOfMillis, criticalAsOfMillis, movementsAsOfMillis,
                source, 0);
    }

    /** True while a first sync is still back-filling the older movement history. */
    public boolean historyBackfilling() {
        return backfillBeforeMillis > 0;
    }

    public static DepositoSnapshot empty(String source) {
        return new DepositoSnapshot(0, List.of(), List.of(), MovementLog.empty(), 0, 0, 0, source);
    }

    /** True once every part has been synced (or loaded from the warm-start file) at least once. */
    public boolean complete() {
        return productosAsOfMillis > 0 && criticalAsOfMillis > 0 && movementsAsOfMillis > 0;
    }

    /** The oldest of the parts' times: the data is at least this fresh. 0 when a part never synced. */
    public long asOfMillis() {
        return Math.min(productosAsOfMillis, Math.min(criticalAsOfMillis, movementsAsOfMillis));
    }

    /** Products by id, built on demand (callers that need it often should keep it). */
    public Map<Long, Producto> productosById() {
        Map<Long, Producto> byId = new HashMap<>(productos.size() * 2);
        for (Producto p : productos) {
            byId.put(p.id(), p);
        }
        return byId;
    }

    public DepositoSnapshot withSource(String newSource) {
        return newSource.equals(source) ? this : new DepositoSnapshot(version, productos, critical, movements,
                productosAsOfMillis, criticalAsOfMillis, movementsAsOfMillis, newSource, backfillBeforeMillis);
    }

    public DepositoSnapshot withProductos(long newVersion, List<Producto> newProductos, long asOfMillis) {
        return new DepositoSnapshot(newVersion, newProductos, critical, movements, asOfMillis, criticalAsOfMillis,
                movementsAsOfMillis, source, backfillBeforeMillis);
    }

    public DepositoSnapshot withCritical(long newVersion, List<StockCritico> newCritical, long asOfMillis) {
        return new DepositoSnapshot(newVersion, productos, newCritical, movements, productosAsOfMillis, asOfMillis,
                movementsAsOfMillis, source, backfillBeforeMillis);
    }

    /** New movements; the history's completeness as it was. */
    public DepositoSnapshot withMovements(long newVersion, MovementLog newMovements, long asOfMillis) {
        return withMovements(newVersion, newMovements, asOfMillis, backfillBeforeMillis);
    }

    /** New movements and whether older ones are still to come ({@code backfillBefore} > 0) or the history is whole (0). */
    public DepositoSnapshot withMovements(long newVersion, MovementLog newMovements, long asOfMillis, long backfillBefore) {
        return new DepositoSnapshot(newVersion, productos, critical, newMovements, productosAsOfMillis,
                criticalAsOfMillis, asOfMillis, source, backfillBefore);
    }
}
