package org.depositobridge.dataset;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.TipoMovimiento;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Movements rolled up per (movement type, calendar day in the report zone, product): number of movements,
 * units (absolute quantities) and value. Built once per snapshot in O(movements); every dataset query reads
 * these entries instead of the raw movements.
 *
 * <p>Each (type, day) is its own immutable {@link Day}, so the roll-up of the next snapshot shares every day that
 * got no new movement: {@link #next} adds a poll's new movements to the days they fall on (O(new movements) plus
 * those days' entries) instead of rolling up the whole log again: at 2,000,000 movements ~1 ms and 0.7 MB per poll
 * instead of ~240 ms (warmed up; more in a young JVM) and ~80 MB of arrays that a collection under API load finds
 * alive and moves to the old generation (RollupBenchmark, docs/benchmarks.md). The result is the one {@link #build}
 * gives, to the bit: entries and sums are added in the same order (DailyRollupNextTest).
 *
 * <p>Size: at most one entry per (type, day, product) that actually moved, so it is bounded by
 * min(movements, 4 types x retained days x products) entries of 24 bytes, plus one {@link Day} per type and day
 * that has movements. Days outside {@code [refDay - maxDays + 1, refDay]} are not rolled up (they are only
 * counted in the total).
 */
final class DailyRollup {

    private static final Logger LOG = LoggerFactory.getLogger(DailyRollup.class);

    static final int TIPOS = TipoMovimiento.values().length;
    /**
     * A log that appends more than 1/16 of its rows at once (a first sync, a warm-start file over an empty log) is
     * rolled up whole: sorting that many rows costs more than the whole roll-up's counting sort.
     */
    static final int MAX_ADDED_SHARE = 16;
    private static final long DAY_MILLIS = 86_400_000L;

    final ZoneId zone;
    /** Epoch day (in {@link #zone}) of the reference instant: "today" for the datasets. */
    final int refDay;
    /** First epoch day held; day index d means epoch day firstDay + d. */
    final int firstDay;
    final int nDays;
    /** Products in snapshot order; index nProducts stands for movements of products the snapshot lacks. */
    final List<Producto> productos;
    final int nProducts;
    /** Product id to index in {@link #productos} (the index of the last product with that id, as a map would keep). */
    final ProductLookup lookup;

    /** Per type and day index: that day's entries and totals ({@link Day#EMPTY} for a day without movements). */
    final Day[][] days;

    /** Movements in the snapshot, including those outside the rolled-up window. */
    final int totalMovements;

    /**
     * One (type, day): an entry per product that moved, in the order of each product's first movement that day,
     * and the day's totals. Immutable.
     */
    static final class Day {

        static final Day EMPTY = new Day(new int[0], new int[0], new long[0], new double[0], 0, 0, -1);

        final int[] product;
        final int[] movs;
        final long[] units;
        final double[] valor;
        final int totalMovs;
        final long totalUnits;
        /** Highest log sequence number ({@link MovementLog#seq}) among the day's movements: where a redo stops. */
        final long lastSeq;

        private Day(int[] product, int[] movs, long[] units, double[] valor, int totalMovs, long totalUnits,
                long lastSeq) {
            this.product = product;
            this.movs = movs;
            this.units = units;
            this.valor = valor;
            this.totalMovs = totalMovs;
            this.totalUnits = totalUnits;
            this.lastSeq = lastSeq;
        }

        /** Distinct products that moved. */
        int size() {
            return product.length;
        }
    }

    /**
     * A day being rolled up: this day's entries so far plus movements added in log order, then frozen with
     * {@link #day()}. The same steps for a whole build and for the movements a poll added, so both give the same
     * sums. Scratch arrays are reused from day to day.
     */
    private static final class DayBuilder {
        private final int[] slot;
        private final List<Producto> productos;
        private int[] product = new int[16];
        private int[] movs = new int[16];
        private long[] units = new long[16];
        private double[] valor = new double[16];
        private int size;
        private int totalMovs;
        private long totalUnits;
        private long lastSeq;

        DayBuilder(List<Producto> productos) {
            this.productos = productos;
            this.slot = new int[productos.size() + 1];
            Arrays.fill(slot, -1);
        }

        void start(Day from) {
            size = 0;
            ensure(from.size());
            for (int s = 0; s < from.size(); s++) {
                product[s] = from.product[s];
                movs[s] = from.movs[s];
                units[s] = from.units[s];
                valor[s] = from.valor[s];
                slot[product[s]] = s;
            }
            size = from.size();
            totalMovs = from.totalMovs;
            totalUnits = from.totalUnits;
            lastSeq = from.lastSeq;
        }

        /** Adds movement {@code i} of the log, of product index {@code p} (nProducts when unknown). */
        void add(MovementLog log, int i, int p) {
            int s = slot[p];
            if (s < 0) {
                ensure(size + 1);
                s = size++;
                slot[p] = s;
                product[s] = p;
                movs[s] = 0;
                units[s] = 0;
                valor[s] = 0;
            }
            int cantidad = log.cantidad(i);
            movs[s]++;
            units[s] += Math.abs((long) cantidad);
            valor[s] += valorOf(log.valorTotal(i), log.precioUnitario(i), cantidad,
                    p < productos.size() ? productos.get(p) : null);
            totalMovs++;
            totalUnits += Math.abs((long) cantidad);
            lastSeq = Math.max(lastSeq, log.seq(i));
        }

        Day day() {
            for (int s = 0; s < size; s++) {
                slot[product[s]] = -1;
            }
            if (size == 0) {
                return Day.EMPTY;
            }
            return new Day(Arrays.copyOf(product, size), Arrays.copyOf(movs, size), Arrays.copyOf(units, size),
                    Arrays.copyOf(valor, size), totalMovs, totalUnits, lastSeq);
        }

        private void ensure(int n) {
            if (n > product.length) {
                int cap = Math.max(n, product.length * 2);
                product = Arrays.copyOf(product, cap);
                movs = Arrays.copyOf(movs, cap);
                units = Arrays.copyOf(units, cap);
                valor = Arrays.copyOf(valor, cap);
            }
        }
    }

    private DailyRollup(ZoneId zone, int refDay, int firstDay, int nDays, List<Producto> productos,
            ProductLookup lookup, Day[][] days, int totalMovements) {
        this.zone = zone;
        this.refDay = refDay;
        this.firstDay = firstDay;
        this.nDays = nDays;
        this.productos = productos;
        this.nProducts = productos.size();
        this.lookup = lookup;
        this.days = days;
        this.totalMovements = totalMovements;
    }

    /** Epoch day of an instant in this rollup's zone. */
    static int epochDay(ZoneRules rules, long millis) {
        long offset = rules.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
        return (int) Math.floorDiv(millis + offset, DAY_MILLIS);
    }

    /**
     * The value of one movement: its {@code valor_total} when the deposito sent one, else |cantidad| x
     * {@code precio_unitario} when sent, else |cantidad| x the product's {@code precio_compra} (0 when the
     * product is unknown).
     */
    static double valorOf(double valorTotal, double precioUnitario, int cantidad, Producto p) {
        if (!Double.isNaN(valorTotal)) {
            return Math.abs(valorTotal);
        }
        int units = Math.abs(cantidad);
        if (!Double.isNaN(precioUnitario)) {
            return units * Math.abs(precioUnitario);
        }
        return p == null ? 0.0 : units * p.precioCompra();
    }

    static DailyRollup build(DepositoSnapshot snapshot, ZoneId zone, long refMillis, int maxDays) {
        ZoneRules rules = zone.getRules();
        List<Producto> productos = snapshot.productos();
        MovementLog log = snapshot.movements();
        int n = log.size();
        int refDay = epochDay(rules, refMillis);
        int firstDay = refDay - maxDays + 1;
        int nProducts = productos.size();
        int buckets = TIPOS * maxDays;

        // pass 1: bucket (type, day) of every movement in the window, counted for a counting sort
        int[] bucketOf = new int[n];
        int[] productOf = new int[n];
        int[] count = new int[buckets + 1];
        ProductLookup lookup = new ProductLookup(productos);
        DayOf dayOf = new DayOf(rules);
        for (int i = 0; i < n; i++) {
            int d = dayOf.epochDay(log.timestampMillis(i)) - firstDay;
            if (d < 0 || d >= maxDays) {
                bucketOf[i] = -1;
                continue;
            }
            int b = log.tipo(i).ordinal() * maxDays + d;
            bucketOf[i] = b;
            int p = lookup.indexOf(log.productoId(i));
            productOf[i] = p < 0 ? nProducts : p;
            count[b + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            count[b + 1] += count[b];
        }
        int[] order = new int[count[buckets]];
        int[] fill = Arrays.copyOf(count, buckets);
        for (int i = 0; i < n; i++) {
            if (bucketOf[i] >= 0) {
                order[fill[bucketOf[i]]++] = i;
            }
        }
        bucketOf = null;

        // pass 2: each bucket's movements in log order, one entry per product
        Day[][] days = new Day[TIPOS][maxDays];
        DayBuilder builder = new DayBuilder(productos);
        for (int b = 0; b < buckets; b++) {
            builder.start(Day.EMPTY);
            for (int k = count[b]; k < count[b + 1]; k++) {
                builder.add(log, order[k], productOf[order[k]]);
            }
            days[b / maxDays][b % maxDays] = builder.day();
        }
        return new DailyRollup(zone, refDay, firstDay, maxDays, productos, lookup, days, n);
    }

    /**
     * The roll-up of {@code snapshot}, from {@code previous} (the roll-up of the snapshot whose log was
     * {@code previousLog}) when it can be: the same window and zone, products with the same ids in the same order
     * and the same purchase prices (the only product fields a roll-up reads), and a log that is the previous one
     * with movements dropped in front (retention) and a few appended. Anything else (a back-fill merged in front, a
     * log loaded from the warm-start file, a first sync, a day change, a new product) is rolled up whole, and so is
     * a log that brings many movements at once (a whole roll-up is then the cheaper), or one this method fails on.
     */
    static DailyRollup next(DailyRollup previous, MovementLog previousLog, DepositoSnapshot snapshot, ZoneId zone,
            long refMillis, int maxDays) {
        if (previous == null || !previous.zone.equals(zone) || previous.nDays != maxDays
                || previous.refDay != epochDay(zone.getRules(), refMillis)) {
            return build(snapshot, zone, refMillis, maxDays);
        }
        List<Producto> productos = snapshot.productos();
        DailyRollup base = previous;
        if (previous.productos != productos) {
            if (!sameKeysAndPrices(previous.productos, productos)) {
                return build(snapshot, zone, refMillis, maxDays);
            }
            base = new DailyRollup(zone, previous.refDay, previous.firstDay, maxDays, productos, previous.lookup,
                    previous.days, previous.totalMovements);
        }
        MovementLog log = snapshot.movements();
        if (log == previousLog) {
            return base;
        }
        DailyRollup added;
        try {
            added = base.plus(previousLog, log);
        } catch (RuntimeException e) {
            // never expected; a whole roll-up still serves the snapshot, and the next poll starts from that one
            LOG.error("event=rollup_add_failed movimientos={} error={}", log.size(), e.toString(), e);
            added = null;
        }
        return added != null ? added : build(snapshot, zone, refMillis, maxDays);
    }

    private static boolean sameKeysAndPrices(List<Producto> a, List<Producto> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Producto x = a.get(i);
            Producto y = b.get(i);
            if (x.id() != y.id() || Double.doubleToLongBits(x.precioCompra()) != Double.doubleToLongBits(y.precioCompra())) {
                return false;
            }
        }
        return true;
    }

    /**
     * This roll-up (of {@code previousLog}) made the roll-up of {@code log}; null when {@code log} is not
     * {@code previousLog} with movements dropped in front and appended behind, or appends more than
     * {@link #MAX_ADDED_SHARE} of it. Appended movements are added to the days they fall on. A day that lost a
     * dropped movement (the retention bound moves through the window's oldest days when {@code dashboard.rollup-days}
     * exceeds {@code dashboard.history-days}, as by default) is rolled up again from the log's movements of that day,
     * read up to the day's last sequence number (near the log's front, where retention drops): taking a value out
     * of a sum would not give the sum a build gives.
     */
    private DailyRollup plus(MovementLog previousLog, MovementLog log) {
        int dropped = log.droppedFrom(previousLog);
        if (dropped < 0) {
            return null;
        }
        DayOf dayOf = new DayOf(zone.getRules());
        BitSet redo = new BitSet(nDays);
        for (int i = 0; i < dropped; i++) {
            int d = dayOf.epochDay(previousLog.timestampMillis(i)) - firstDay;
            if (d >= 0 && d < nDays) {
                redo.set(d);
            }
        }
        int from = previousLog.size() - dropped;
        if (log.size() - from > Math.max(1024, log.size() / MAX_ADDED_SHARE)) {
            return null;
        }
        // the rows held before that a redone day's movements can be among: up to the highest last sequence number
        long redoEnd = -1;
        for (int d = redo.nextSetBit(0); d >= 0; d = redo.nextSetBit(d + 1)) {
            for (int t = 0; t < TIPOS; t++) {
                redoEnd = Math.max(redoEnd, days[t][d].lastSeq);
            }
        }
        int redoRows = (int) Math.max(0, Math.min(from, redoEnd + 1 - log.seq(0)));
        // the movements to roll up, as (type, day) bucket << 32 | position in the log, in that order once sorted:
        // the rows held before that are on a day to redo, and every appended row
        long[] keyed = new long[log.size() - from + 16];
        int k = 0;
        int[] ranges = {0, redoRows, from, log.size()};
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i < ranges[r + 1]; i++) {
                int d = dayOf.epochDay(log.timestampMillis(i)) - firstDay;
                if (d >= 0 && d < nDays && (i >= from || redo.get(d))) {
                    if (k == keyed.length) {
                        keyed = Arrays.copyOf(keyed, k * 2);
                    }
                    keyed[k++] = (long) (log.tipo(i).ordinal() * nDays + d) << 32 | i;
                }
            }
        }
        Arrays.sort(keyed, 0, k);
        Day[][] next = days.clone();
        for (int d = redo.nextSetBit(0); d >= 0; d = redo.nextSetBit(d + 1)) {
            for (int t = 0; t < TIPOS; t++) {
                if (next[t] == days[t]) {
                    next[t] = days[t].clone();
                }
                next[t][d] = Day.EMPTY;
            }
        }
        DayBuilder builder = new DayBuilder(productos);
        for (int a = 0; a < k; ) {
            int b = (int) (keyed[a] >>> 32);
            int t = b / nDays;
            int d = b % nDays;
            if (next[t] == days[t]) {
                next[t] = days[t].clone();
            }
            builder.start(next[t][d]);
            for (; a < k && (int) (keyed[a] >>> 32) == b; a++) {
                int i = (int) keyed[a];
                int p = lookup.indexOf(log.productoId(i));
                builder.add(log, i, p < 0 ? nProducts : p);
            }
            next[t][d] = builder.day();
        }
        return new DailyRollup(zone, refDay, firstDay, nDays, productos, lookup, next, log.size());
    }

    /**
     * Epoch days of timestamps that arrive mostly in order: the zone offset is looked up once per hour of
     * timestamps instead of once per movement.
     */
    private static final class DayOf {
        private final ZoneRules rules;
        private long hour = Long.MIN_VALUE;
        private long offsetMillis;

        DayOf(ZoneRules rules) {
            this.rules = rules;
        }

        int epochDay(long millis) {
            long h = Math.floorDiv(millis, 3_600_000L);
            if (h != hour) {
                hour = h;
                offsetMillis = rules.getOffset(Instant.ofEpochMilli(millis)).getTotalSeconds() * 1000L;
            }
            return (int) Math.floorDiv(millis + offsetMillis, DAY_MILLIS);
        }
    }

    /** Product id to index: a dense array when ids are compact (the usual case), else a hash map. */
    static final class ProductLookup {
        private final int[] dense;
        private final Map<Long, Integer> sparse;

        ProductLookup(List<Producto> productos) {
            long max = -1;
            long min = Long.MAX_VALUE;
            for (Producto p : productos) {
                max = Math.max(max, p.id());
                min = Math.min(min, p.id());
            }
            if (min >= 0 && max < Math.max(1_000_000L, 4L * productos.size())) {
                dense = new int[(int) max + 1];
                Arrays.fill(dense, -1);
                for (int i = 0; i < productos.size(); i++) {
                    dense[(int) productos.get(i).id()] = i;
                }
                sparse = null;
            } else {
                dense = null;
                sparse = new HashMap<>(productos.size() * 2);
                for (int i = 0; i < productos.size(); i++) {
                    sparse.put(productos.get(i).id(), i);
                }
            }
        }

        /** Index of the product with this id, or -1 when the snapshot has none. */
        int indexOf(long productoId) {
            if (dense != null) {
                return productoId >= 0 && productoId < dense.length ? dense[(int) productoId] : -1;
            }
            Integer i = sparse.get(productoId);
            return i == null ? -1 : i;
        }
    }

    /** Day index of an epoch day clamped into the held window. */
    int clampIndex(long epochDay) {
        return (int) Math.max(0, Math.min(nDays - 1, epochDay - firstDay));
    }

    /** Number of entries held (the figure bounded in the class comment). */
    int entries() {
        int e = 0;
        for (Day[] type : days) {
            for (Day day : type) {
                e += day.size();
            }
        }
        return e;
    }
}
