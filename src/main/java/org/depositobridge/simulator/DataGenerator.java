package org.depositobridge.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the catalogue and the movement history from a seed: same options, same data.
 *
 * <p>Sales ({@code salida}) follow a weekly rhythm (Saturday busiest) and an hourly one (lunch and evening
 * peaks, shop open 08-22 local time); popular products sell far more than the long tail (log-normal
 * popularity). A product whose stock falls to its minimum is re-ordered and delivered ({@code entrada} with an
 * invoice reference) one to four days later, so at the end of history some products are still waiting for
 * their delivery and sit at or below their critical level; a few discontinued products are never re-ordered.
 * Adjustments ({@code ajuste}) are rare. Every movement's {@code stock_anterior} is the product's stock at that
 * moment and {@code stock_actual} is the last {@code stock_posterior}, so the history is consistent.
 */
final class DataGenerator {

    static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    /** Local time is Argentina (UTC-3, no daylight saving). */
    static final long LOCAL_OFFSET = -3 * HOUR;
    private static final double[] WEEKDAY = {0.85, 0.85, 0.9, 0.95, 1.15, 1.35, 0.95};
    private static final double[] HOURLY = {0.5, 0.8, 1.0, 1.2, 1.4, 1.2, 0.7, 0.6, 0.7, 1.0, 1.4, 1.6, 1.4, 0.8};
    private static final int OPENS_AT = 8;
    private static final double ADJUST_SHARE = 0.004;
    private static final double DISCONTINUED_SHARE = 0.015;
    private static final double INACTIVE_SHARE = 0.03;
    private static final int ID_BITS = 23;

    private final SimulatorOptions options;
    private final SplittableRandom rnd;

    DataGenerator(SimulatorOptions options) {
        this.options = options;
        this.rnd = new SplittableRandom(options.seed());
    }

    /** The result of a generation: the store plus the sales model live activity keeps using. */
    record Generated(SimulatorStore store, SalesModel sales) {
    }

    Generated generate() {
        int n = options.products();
        long end = options.historyEnd().toEpochMilli();
        long start = end - options.days() * DAY;
        long totalRows = (long) options.days() * options.movementsPerDay();
        if (totalRows > options.maxMovements()) {
            throw new IllegalArgumentException("days * movementsPerDay = " + totalRows + " exceeds maxMovements "
                    + options.maxMovements() + " (raise simulator.max-movements / --max-movements)");
        }
        double[] weight = new double[n];
        boolean[] discontinued = new boolean[n];
        Product[] products = new Product[n];
        int[] stock = new int[n];
        int[] target = new int[n];
        double totalWeight = 0;
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            active[i] = rnd.nextDouble() >= INACTIVE_SHARE;
            weight[i] = active[i] ? Math.exp(1.3 * gaussian()) : 0;
            totalWeight += weight[i];
        }
        double unitsPerDay = options.movementsPerDay() * 1.6;
        for (int i = 0; i < n; i++) {
            double daily = totalWeight == 0 ? 0 : weight[i] / totalWeight * unitsPerDay;
            int minimo = (int) Math.min(5000, Math.max(3, Math.ceil(daily * 3)));
            products[i] = newProduct(i + 1, minimo, start, active[i]);
            Integer max = products[i].stockMaximo();
            target[i] = max != null ? max : minimo * 4;
            stock[i] = minimo + rnd.nextInt(Math.max(1, target[i] - minimo + 1));
            discontinued[i] = rnd.nextDouble() < DISCONTINUED_SHARE;
        }
        MovementStore movements = new MovementStore(n, options.maxMovements(), (int) totalRows);
        SalesModel sales = new SalesModel(weight, target, discontinued);
        history(movements, products, stock, sales, start);
        SimulatorStore store = new SimulatorStore(products, stock, movements);
        stampUpdatedAt(store, movements);
        return new Generated(store, sales);
    }

    private Product newProduct(int id, int minimo, long historyStart, boolean active) {
        Minimarket.Category cat = pickCategory();
        String item = cat.items().get(rnd.nextInt(cat.items().size()));
        String size = cat.sizes().get(rnd.nextInt(cat.sizes().size()));
        int providerIndex = cat.providers().get(rnd.nextInt(cat.providers().size()));
        Minimarket.Provider provider = Minimarket.PROVIDERS.get(providerIndex);
        String brand = provider.brands().get(rnd.nextInt(provider.brands().size()));
        String nombre = item + " " + brand + " " + size;
        if (rnd.nextDouble() < 0.02) {
            nombre = Minimarket.AWKWARD_NAMES.get(rnd.nextInt(Minimarket.AWKWARD_NAMES.size()));
        }
        boolean noProvider = rnd.nextDouble() < 0.05;
        int compra = (cat.minPrice() + rnd.nextInt(cat.maxPrice() - cat.minPrice() + 1)) * 100 + 10 * rnd.nextInt(10);
        int venta = rnd.nextDouble() < 0.05 ? -1 : roundTo10((int) (compra * (1.25 + rnd.nextDouble() * 0.35)));
        Integer maximo = rnd.nextDouble() < 0.1 ? null : minimo * (3 + rnd.nextInt(4));
        String descripcion = rnd.nextBoolean() ? null
                : item + " - " + cat.nombre() + (noProvider ? "" : " - " + provider.nombre());
        long created = historyStart - (30 + rnd.nextInt(900)) * DAY - rnd.nextInt((int) DAY);
        return new Product(id, String.format("%s-%06d", cat.prefix(), id), nombre, descripcion, cat.nombre(), minimo,
                maximo, compra, venta, noProvider ? null : provider.cuit(), noProvider ? null : provider.nombre(),
                active, created);
    }

    private Minimarket.Category pickCategory() {
        double r = rnd.nextDouble();
        double acc = 0;
        for (Minimarket.Category c : Minimarket.CATEGORIES) {
            acc += c.share();
            if (r < acc) {
                return c;
            }
        }
        return Minimarket.CATEGORIES.get(0);
    }

    private void history(MovementStore m, Product[] products, int[] stock, SalesModel sales, long start) {
        int days = options.days();
        int[] perDayCount = dayCounts(days, options.movementsPerDay(), start);
        History h = new History(m, products, stock, sales, start);
        long[] times = new long[0];
        for (int d = 0; d < days; d++) {
            long windowStart = start + d * DAY;
            int count = perDayCount[d];
            if (times.length < count) {
                times = new long[count];
            }
            for (int k = 0; k < count; k++) {
                times[k] = timeInWindow(windowStart);
            }
            Arrays.sort(times, 0, count);
            for (int k = 0; k < count; k++) {
                h.emit(times[k]);
            }
        }
    }

    /**
     * The shop's state while history is written. One small method per movement ({@link #emit}) rather than one
     * big loop, so the JIT compiles the hot path early: generation time is mostly a cold-JVM cost.
     */
    private final class History {
        private final MovementStore m;
        private final Product[] products;
        private final int[] stock;
        private final SalesModel sales;
        private final LongHeap restock = new LongHeap();
        private final boolean[] pending;
        private final int agent;
        private final int saleReason;
        private final int deliveryReason;
        private final int[] saleUsers;
        private final int[] receivingUsers;
        private final int[] adjustReasons;
        private int invoice;

        History(MovementStore m, Product[] products, int[] stock, SalesModel sales, long start) {
            this.m = m;
            this.products = products;
            this.stock = stock;
            this.sales = sales;
            this.pending = new boolean[products.length];
            agent = m.intern(Minimarket.AGENT);
            saleReason = m.intern(Minimarket.SALE_REASON);
            deliveryReason = m.intern(Minimarket.DELIVERY_REASON);
            saleUsers = internAll(m, Minimarket.SALE_USERS);
            receivingUsers = internAll(m, Minimarket.RECEIVING_USERS);
            adjustReasons = internAll(m, Minimarket.ADJUST_REASONS);
            for (int i = 0; i < products.length; i++) {
                if (stock[i] <= products[i].stockMinimo() && !sales.discontinued[i]) {
                    pending[i] = true;
                    restock.add(encode(start + rnd.nextInt((int) DAY), i));
                }
            }
            invoice = 1000 + rnd.nextInt(90_000);
        }

        void emit(long ts) {
            if (!restock.isEmpty() && decodeTime(restock.peek()) <= ts && rnd.nextBoolean()) {
                deliver(decodeIndex(restock.poll()), ts);
                return;
            }
            int i = sales.pick(rnd.nextDouble());
            if (rnd.nextDouble() < ADJUST_SHARE) {
                adjust(i, ts);
                return;
            }
            for (int retry = 0; retry < 4 && stock[i] == 0; retry++) {
                i = sales.pick(rnd.nextDouble());
            }
            if (stock[i] == 0) {
                emptyShelf(i, ts);
                return;
            }
            sell(i, ts);
        }

        private void deliver(int i, long ts) {
            pending[i] = false;
            int q = Math.max(1, sales.target[i] - stock[i]);
            m.append(i + 1, MovementType.ENTRADA, q, stock[i], ts, products[i].precioCompraCents(),
                    deliveryReason, invoice++, receivingUsers[rnd.nextInt(receivingUsers.length)], agent, 0);
            stock[i] += q;
        }

        private void adjust(int i, long ts) {
            int q = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(3));
            if (stock[i] + q < 0) {
                q = -q;
            }
            m.append(i + 1, MovementType.AJUSTE, q, stock[i], ts, MovementStore.NO_PRICE,
                    adjustReasons[rnd.nextInt(adjustReasons.length)], 0, receivingUsers[1], agent, 0);
            stock[i] += q;
        }

        /** Nothing on the shelf: an urgent purchase (or a found unit for a discontinued product). */
        private void emptyShelf(int i, long ts) {
            boolean urgent = !sales.discontinued[i];
            int q = urgent ? Math.max(1, sales.target[i]) : 1;
            m.append(i + 1, urgent ? MovementType.ENTRADA : MovementType.AJUSTE, q, 0, ts,
                    urgent ? products[i].precioCompraCents() : MovementStore.NO_PRICE,
                    urgent ? deliveryReason : adjustReasons[3], urgent ? invoice++ : 0, receivingUsers[0], agent, 0);
            stock[i] = q;
        }

        private void sell(int i, long ts) {
            int q = 1;
            while (q < 12 && rnd.nextDouble() < 0.35) {
                q++;
            }
            q = Math.min(q, stock[i]);
            m.append(i + 1, MovementType.SALIDA, -q, stock[i], ts, products[i].saleCents(), saleReason, 0,
                    saleUsers[rnd.nextInt(saleUsers.length)], agent, 0);
            stock[i] -= q;
            if (stock[i] <= products[i].stockMinimo() && !pending[i] && !sales.discontinued[i]) {
                pending[i] = true;
                restock.add(encode(ts + DAY + rnd.nextInt((int) (3 * DAY)), i));
            }
        }
    }

    private static int[] internAll(MovementStore m, List<String> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.intern(values.get(i));
        }
        return out;
    }

    /** Movements per day following the weekly rhythm, summing exactly to {@code days * perDay}. */
    private int[] dayCounts(int days, int perDay, long start) {
        int[] counts = new int[days];
        double[] w = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = Instant.ofEpochMilli(start + d * DAY + DAY / 2 + LOCAL_OFFSET)
                    .atZone(ZoneOffset.UTC).getDayOfWeek();
            w[d] = WEEKDAY[dow.getValue() - 1] * (0.9 + 0.2 * rnd.nextDouble());
            sum += w[d];
        }
        long total = (long) days * perDay;
        long assigned = 0;
        for (int d = 0; d < days; d++) {
            counts[d] = (int) Math.floor(total * w[d] / sum);
            assigned += counts[d];
        }
        if (days > 0) {
            counts[days - 1] += (int) (total - assigned);
        }
        return counts;
    }

    /** A moment inside [windowStart, windowStart + 1 day) at a local shop hour drawn from the hourly profile. */
    private long timeInWindow(long windowStart) {
        double r = rnd.nextDouble() * HOURLY_SUM;
        int h = 0;
        while (h < HOURLY.length - 1 && r >= HOURLY[h]) {
            r -= HOURLY[h];
            h++;
        }
        long localTimeOfDay = (OPENS_AT + h) * HOUR + rnd.nextInt((int) HOUR);
        long windowLocalTod = Math.floorMod(windowStart + LOCAL_OFFSET, DAY);
        return windowStart + Math.floorMod(localTimeOfDay - windowLocalTod, DAY);
    }

    private static final double HOURLY_SUM = Arrays.stream(HOURLY).sum();

    private static long encode(long dueMillis, int index) {
        return (dueMillis / 60_000L) << ID_BITS | index;
    }

    private static long decodeTime(long v) {
        return (v >>> ID_BITS) * 60_000L;
    }

    private static int decodeIndex(long v) {
        return (int) (v & ((1L << ID_BITS) - 1));
    }

    private static void stampUpdatedAt(SimulatorStore store, MovementStore m) {
        int n = m.size();
        for (int row = 0; row < n; row++) {
            store.touch(m.productId(row), m.timestamp(row));
        }
    }

    private static int roundTo10(int cents) {
        return Math.max(10, cents / 10 * 10);
    }

    private double gaussian() {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
    }
}
