package org.depositobridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The simulator's data: the product catalogue, each product's current stock, and the movement history.
 * Public methods are read-only views for test assertions; changes go through {@link StockLedger}.
 */
public final class SimulatorStore {

    private final Product[] products;
    private final AtomicIntegerArray stock;
    private final AtomicLongArray updatedAt;
    private final MovementStore movements;

    SimulatorStore(Product[] products, int[] initialStock, MovementStore movements) {
        this.products = products;
        this.stock = new AtomicIntegerArray(initialStock);
        this.updatedAt = new AtomicLongArray(products.length);
        this.movements = movements;
    }

    public int productCount() {
        return products.length;
    }

    public int movementCount() {
        return movements.size();
    }

    /** The product with this id, or null. */
    public Product product(int id) {
        return id >= 1 && id <= products.length ? products[id - 1] : null;
    }

    /** Current {@code stock_actual} of a product. */
    public int stockOf(int id) {
        return stock.get(id - 1);
    }

    /** {@code updated_at} in epoch millis, 0 when the product never moved. */
    public long updatedAtOf(int id) {
        return updatedAt.get(id - 1);
    }

    /** The movement with this id, or null. */
    public Movement movement(int id) {
        int n = movements.size();
        if (id < 1 || id > n) {
            return null;
        }
        return materialise(id - 1);
    }

    /** Every movement of one product, ids ascending. */
    public List<Movement> movementsOf(int productId) {
        IntList rows = movements.rowsOfProduct(productId);
        int n = rows.size();
        int[] a = rows.array();
        List<Movement> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(materialise(a[i]));
        }
        return out;
    }

    Movement materialise(int row) {
        MovementStore m = movements;
        int q = m.quantity(row);
        int before = m.stockBefore(row);
        int price = m.priceCents(row);
        return new Movement(row + 1, m.productId(row), m.type(row), q, before, before + q, m.motivo(row),
                m.referencia(row), price == MovementStore.NO_PRICE ? null : price, m.usuario(row), m.agente(row),
                m.idempotencyKey(row), m.timestamp(row));
    }

    MovementStore movements() {
        return movements;
    }

    Product[] products() {
        return products;
    }

    void setStock(int productId, int value, long at) {
        stock.set(productId - 1, value);
        updatedAt.set(productId - 1, at);
    }

    void touch(int productId, long at) {
        updatedAt.set(productId - 1, at);
    }
}
