package org.depositobridge.dataset;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.TipoMovimiento;

/**
 * Movements rolled up per (movement type, calendar day in the report zone, product): number of movements,
 * units (absolute quantities) and value. Built once per snapshot in O(movements); every dataset query reads
 * these entries instead of the raw movements.
 *
 * <p>Size: at most one entry per (type, day, product) that actually moved, so it is bounded by
 * min(movements, 4 types x retained days x products) entries of 24 bytes, plus 4 x days day totals. Days
 * outside {@code [refDay - maxDays + 1, refDay]} are not rolled up (they are only counted in the total).
 */
final class DailyRollup {

    static final int TIPOS = TipoMovimiento.values().length;
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
    final Map<Long, Integer> productIndex;

    /** Per type: entries of day d are [start[t][d], start[t][d + 1]). */
    final int[][] start;
    final int[][] product;
    final int[][] movs;
    final long[][] units;
    final double[][] valor;

    /** Per type and day index: totals, and the number of distinct products that moved. */
    final int[][] dayMovs;
    final long[][] dayUnits;
    final double[][] dayValor;
    final int[][] dayProducts;

    /** Movements in the snapshot, including those outside the rolled-up window. */
    final int totalMovements;

    private DailyRollup(ZoneId zone, int refDay, int firstDay, int nDays, List<Producto> productos,
            Map<Long, Integer> productIndex, int totalMovements) {
        this.zone = zone;
        this.refDay = refDay;
        this.firstDay = firstDay;
        this.nDays = nDays;
        this.productos = productos;
        this.nProducts = productos.size();
        this.productIndex = productIndex;
        this.totalMovements = totalMovements;
        this.start = new int[TIPOS][];
        this.product = new int[TIPOS][];
        this.movs = new int[TIPOS][];
        this.units = new long[TIPOS][];
        this.valor = new double[TIPOS][];
        this.dayMovs = new int[TIPOS][nDays];
        this.dayUnits = new long[TIPOS][nDays];
        this.dayValor = new double[TIPOS][nDays];
        this.dayProducts = new int[TIPOS][nDays];
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
        Map<Long, Integer> index = new HashMap<>(productos.size() * 2);
        for (int i = 0; i < productos.size(); i++) {
            index.put(productos.get(i).id(), i);
        }
        MovementLog log = snapshot.movements();
        int n = log.size();
        int refDay = epochDay(rules, refMillis);
        int firstDay = refDay - maxDays + 1;
        DailyRollup r = new DailyRollup(zone, refDay, firstDay, maxDays, productos, index, n);
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
        int inWindow = count[buckets];
        int[] order = new int[inWindow];
        int[] fill = Arrays.copyOf(count, buckets);
        for (int i = 0; i < n; i++) {
            if (bucketOf[i] >= 0) {
                order[fill[bucketOf[i]]++] = i;
            }
        }
        bucketOf = null;

        // pass 2: within each bucket, one entry per product (slot lookup through a reset-after-use array)
        int[] slot = new int[nProducts + 1];
        Arrays.fill(slot, -1);
        for (int t = 0; t < TIPOS; t++) {
            int from = count[t * maxDays];
            int to = count[(t + 1) * maxDays];
            int cap = to - from;
            int[] eProduct = new int[cap];
            int[] eMovs = new int[cap];
            long[] eUnits = new long[cap];
            double[] eValor = new double[cap];
            int[] st = new int[maxDays + 1];
            int e = 0;
            for (int d = 0; d < maxDays; d++) {
                st[d] = e;
                int b = t * maxDays + d;
                int dayFirstEntry = e;
                for (int k = count[b]; k < count[b + 1]; k++) {
                    int i = order[k];
                    int p = productOf[i];
                    int s = slot[p];
                    if (s < 0) {
                        s = e++;
                        slot[p] = s;
                        eProduct[s] = p;
                    }
                    int cantidad = log.cantidad(i);
                    double v = valorOf(log.valorTotal(i), log.precioUnitario(i), cantidad,
                            p < nProducts ? productos.get(p) : null);
                    eMovs[s]++;
                    eUnits[s] += Math.abs((long) cantidad);
                    eValor[s] += v;
                    r.dayMovs[t][d]++;
                    r.dayUnits[t][d] += Math.abs((long) cantidad);
                    r.dayValor[t][d] += v;
                }
                for (int s = dayFirstEntry; s < e; s++) {
                    slot[eProduct[s]] = -1;
                }
                r.dayProducts[t][d] = e - dayFirstEntry;
            }
            st[maxDays] = e;
            r.start[t] = st;
            r.product[t] = Arrays.copyOf(eProduct, e);
            r.movs[t] = Arrays.copyOf(eMovs, e);
            r.units[t] = Arrays.copyOf(eUnits, e);
            r.valor[t] = Arrays.copyOf(eValor, e);
        }
        return r;
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
    private static final class ProductLookup {
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

        int indexOf(int productoId) {
            if (dense != null) {
                return productoId >= 0 && productoId < dense.length ? dense[productoId] : -1;
            }
            Integer i = sparse.get((long) productoId);
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
        for (int t = 0; t < TIPOS; t++) {
            e += product[t].length;
        }
        return e;
    }
}
