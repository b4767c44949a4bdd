package org.depositobridge.simulator;

import java.util.SplittableRandom;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the shop open while the simulator runs: every tick it appends the movements due at the configured rate
 * (mostly sales of popular products, a delivery when a product is at its minimum, a rare adjustment), through the
 * same {@link StockLedger} as the API, so live rows obey the same invariants. Stops when the store is full.
 */
final class LiveActivity {

    private static final Logger LOG = LoggerFactory.getLogger(LiveActivity.class);
    private static final long TICK_MS = 250;

    private final Vertx vertx;
    private final SimulatorStore store;
    private final StockLedger ledger;
    private final SalesModel sales;
    private final SimulatorMetrics metrics;
    private final double perTick;
    private final SplittableRandom rnd;
    private double due;
    private int invoice = 50_000_000;
    private long timer = -1;

    LiveActivity(Vertx vertx, SimulatorStore store, StockLedger ledger, SalesModel sales, SimulatorMetrics metrics,
            double perMinute, long seed) {
        this.vertx = vertx;
        this.store = store;
        this.ledger = ledger;
        this.sales = sales;
        this.metrics = metrics;
        this.perTick = perMinute * TICK_MS / 60_000.0;
        this.rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    void start() {
        if (perTick > 0) {
            timer = vertx.setPeriodic(TICK_MS, id -> tick());
        }
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void tick() {
        due += perTick;
        while (due >= 1) {
            due -= 1;
            if (!step()) {
                LOG.warn("event=simulator_live_stopped reason=store_full movements={}", store.movementCount());
                stop();
                return;
            }
        }
    }

    /** One live movement; false when the store is full. */
    private boolean step() {
        int i = sales.pick(rnd.nextDouble());
        int id = i + 1;
        Product p = store.product(id);
        int stock = store.stockOf(id);
        StockLedger.Change c;
        if (rnd.nextDouble() < 0.004 && stock > 0) {
            c = new StockLedger.Change(id, MovementType.AJUSTE, -1, Minimarket.ADJUST_REASONS.get(1), null, null,
                    "encargado", Minimarket.AGENT, null, 0);
        } else if (stock <= p.stockMinimo() && !sales.discontinued[i]) {
            c = new StockLedger.Change(id, MovementType.ENTRADA, Math.max(1, sales.target[i] - stock),
                    Minimarket.DELIVERY_REASON, null, p.precioCompraCents(), "recepcion", Minimarket.AGENT, null,
                    invoice++);
        } else if (stock > 0) {
            int q = Math.min(stock, 1 + (rnd.nextDouble() < 0.35 ? 1 + rnd.nextInt(3) : 0));
            c = new StockLedger.Change(id, MovementType.SALIDA, -q, Minimarket.SALE_REASON, null, p.saleCents(),
                    Minimarket.SALE_USERS.get(rnd.nextInt(Minimarket.SALE_USERS.size())), Minimarket.AGENT, null, 0);
        } else {
            return true;
        }
        StockLedger.Outcome o = ledger.apply(c);
        if (o instanceof StockLedger.StoreFull) {
            return false;
        }
        if (o instanceof StockLedger.Applied) {
            metrics.liveMovement();
        }
        return true;
    }
}
