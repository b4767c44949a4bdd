package org.depositobridge.dataset;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.depositobridge.dataset.DatasetQueries.CriticalQuery;
import org.depositobridge.dataset.DatasetQueries.ProviderSort;
import org.depositobridge.dataset.DatasetQueries.ProvidersQuery;
import org.depositobridge.dataset.DatasetQueries.TimelineQuery;
import org.depositobridge.dataset.DatasetQueries.TopProductsQuery;
import org.depositobridge.dataset.DatasetQueries.TrendsQuery;
import org.depositobridge.dataset.DatasetRows.CriticalRow;
import org.depositobridge.dataset.DatasetRows.Provider;
import org.depositobridge.dataset.DatasetRows.ProviderStock;
import org.depositobridge.dataset.DatasetRows.ProveedorTop;
import org.depositobridge.dataset.DatasetRows.Summary;
import org.depositobridge.dataset.DatasetRows.TimelineRow;
import org.depositobridge.dataset.DatasetRows.TopProduct;
import org.depositobridge.dataset.DatasetRows.Trends;
import org.depositobridge.dataset.DatasetRows.WeekRow;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;

/**
 * Every dataset of the dashboard API for one snapshot. Immutable; built once per published snapshot, then
 * answers each question from the {@link DailyRollup} and the per-provider figures computed here, never from
 * the raw movements. "Today" is the calendar day (report zone) of the snapshot's movements as-of time.
 */
final class Datasets {

    final DepositoSnapshot snapshot;
    final DailyRollup rollup;
    /** Header values shared by every answer of this snapshot (formatted once). */
    final String lastModified;
    final String asOfText;
    final Providers providers;
    /** Month x provider totals for whole-month trends; null when too large (the daily entries serve then). */
    private final MonthlyByProvider monthly;
    private final ProviderFigures figures;
    private final Summary summaryWithoutFlags;

    private Datasets(DepositoSnapshot snapshot, DailyRollup rollup, Datasets previous, String lastModified,
            String asOfText) {
        this.snapshot = snapshot;
        this.lastModified = lastModified;
        this.asOfText = asOfText;
        this.rollup = rollup;
        boolean sameProducts = previous != null && previous.snapshot.productos() == snapshot.productos();
        this.providers = sameProducts ? previous.providers : new Providers(snapshot.productos());
        this.monthly = sameProducts && previous.rollup == rollup ? previous.monthly
                : MonthlyByProvider.build(rollup, providers);
        this.figures = ProviderFigures.of(snapshot, rollup, providers);
        this.summaryWithoutFlags = summaryOf(snapshot, rollup, providers, figures);
    }

    /** The summary's figures (the request's flags and times are added per answer). */
    private static Summary summaryOf(DepositoSnapshot snapshot, DailyRollup rollup, Providers providers,
            ProviderFigures figures) {
        List<Producto> productos = snapshot.productos();
        int activos = 0;
        int sinStock = 0;
        double valorInventario = 0;
        for (Producto p : productos) {
            if (p.activo()) {
                activos++;
                valorInventario += p.valorStock();
                if (p.stockActual() == 0) {
                    sinStock++;
                }
            }
        }
        int weekFrom = rollup.clampIndex(rollup.refDay - ProviderFigures.WEEK_DAYS + 1);
        int weekTo = rollup.clampIndex(rollup.refDay);
        int movsWeek = 0;
        long inWeek = 0;
        long outWeek = 0;
        for (int d = weekFrom; d <= weekTo; d++) {
            for (int t = 0; t < DailyRollup.TIPOS; t++) {
                movsWeek += rollup.days[t][d].totalMovs;
            }
            inWeek += rollup.days[TipoMovimiento.ENTRADA.ordinal()][d].totalUnits;
            outWeek += rollup.days[TipoMovimiento.SALIDA.ordinal()][d].totalUnits;
        }
        int top = figures.top();
        ProveedorTop proveedorTop = top < 0 ? null : new ProveedorTop(providers.cuit.get(top),
                providers.nombre.get(top), figures.total[top], money(figures.valor[top]));
        return new Summary(productos.size(), activos, snapshot.critical().size(), sinStock, money(valorInventario),
                providers.size(), rollup.totalMovements, movsWeek, inWeek, outWeek, proveedorTop, null, null, false);
    }

    static Datasets of(DepositoSnapshot snapshot, ZoneId zone, long refMillis, int maxDays, String lastModified,
            String asOfText) {
        return new Datasets(snapshot, DailyRollup.build(snapshot, zone, refMillis, maxDays), null, lastModified,
                asOfText);
    }

    /**
     * As {@link #of}, from the previous datasets where they still hold: the roll-up (the expensive part) is the
     * previous one when the movements did not change, or the previous one plus the new movements
     * ({@link DailyRollup#next}); the providers and month table are kept while the products are the same list.
     */
    static Datasets next(Datasets previous, DepositoSnapshot snapshot, ZoneId zone, long refMillis, int maxDays,
            String lastModified, String asOfText) {
        if (previous == null) {
            return of(snapshot, zone, refMillis, maxDays, lastModified, asOfText);
        }
        DailyRollup rollup = DailyRollup.next(previous.rollup, previous.snapshot.movements(), snapshot, zone,
                refMillis, maxDays);
        return new Datasets(snapshot, rollup, previous, lastModified, asOfText);
    }

    /** Pesos to 2 decimals; a non-finite value (never expected) becomes 0 so the JSON stays valid. */
    static double money(double v) {
        return Double.isFinite(v) ? Math.round(v * 100.0) / 100.0 : 0.0;
    }

    private LocalDate dateOf(int epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }

    // ------------------------------------------------------------------ datasets

    Summary summary(long generatedAtMillis, boolean stale) {
        Summary s = summaryWithoutFlags;
        long asOf = snapshot.asOfMillis();
        return new Summary(s.totalProductos(), s.productosActivos(), s.productosStockCritico(), s.productosSinStock(),
                s.valorInventario(), s.totalProveedores(), s.totalMovimientos(), s.movimientosSemana(),
                s.unidadesEntradaSemana(), s.unidadesSalidaSemana(), s.proveedorTop(),
                Instant.ofEpochMilli(generatedAtMillis).toString(), asOf > 0 ? Instant.ofEpochMilli(asOf).toString() : null,
                stale);
    }

    List<Provider> providers(ProvidersQuery q) {
        boolean[] match = q.q() == null ? null : providers.matching(q.q());
        List<Provider> rows = new ArrayList<>();
        for (int pv = 0; pv < providers.size(); pv++) {
            if (match == null || match[pv]) {
                rows.add(new Provider(providers.cuit.get(pv), providers.nombre.get(pv), figures.total[pv],
                        figures.active[pv], figures.stock[pv], money(figures.valor[pv]), figures.critical[pv],
                        figures.movsWeek[pv], figures.movsMonth[pv]));
            }
        }
        Comparator<Provider> byName = Comparator.comparing(p -> nameKey(p.nombre()));
        Comparator<Provider> primary = switch (q.sort()) {
            case VALOR_STOCK -> Comparator.comparingDouble(Provider::valorStock);
            case STOCK_TOTAL -> Comparator.comparingLong(Provider::stockTotal);
            case TOTAL_PRODUCTOS -> Comparator.comparingInt(Provider::totalProductos);
            case MOVIMIENTOS_MES -> Comparator.comparingInt(Provider::movimientosMes);
            case NOMBRE -> byName;
        };
        if (!q.ascending()) {
            primary = primary.reversed();
        }
        Comparator<Provider> order = q.sort() == ProviderSort.NOMBRE ? primary : primary.thenComparing(byName);
        rows.sort(order.thenComparing(p -> p.cuit() == null ? "" : p.cuit()));
        return rows.size() > q.limit() ? List.copyOf(rows.subList(0, q.limit())) : rows;
    }

    private static String nameKey(String nombre) {
        return nombre == null ? "" : nombre.toLowerCase(Locale.ROOT);
    }

    List<TimelineRow> stockTimeline(TimelineQuery q) {
        int[] range = timelineRange(q);
        List<TimelineRow> rows = new ArrayList<>();
        for (int d = range[1]; d >= range[0]; d--) {
            String fecha = dateOf(rollup.firstDay + d).toString();
            for (TipoMovimiento t : TipoMovimiento.values()) {
                if (q.tipo() != null && q.tipo() != t) {
                    continue;
                }
                DailyRollup.Day day = rollup.days[t.ordinal()][d];
                if (day.totalMovs > 0) {
                    rows.add(new TimelineRow(fecha, t.code(), day.totalMovs, day.totalUnits, day.size()));
                }
            }
        }
        return rows;
    }

    private int[] timelineRange(TimelineQuery q) {
        long to = q.end() != null ? q.end().toEpochDay() : rollup.refDay;
        long from;
        if (q.start() != null) {
            from = q.start().toEpochDay();
        } else {
            from = to - q.days() + 1;
        }
        return clampRange(from, to);
    }

    /** Day indexes [from, to] inside the held window; from > to when the range misses it. */
    private int[] clampRange(long fromDay, long toDay) {
        long from = Math.max(fromDay, rollup.firstDay);
        long to = Math.min(toDay, rollup.refDay);
        if (from > to) {
            return new int[] {1, 0};
        }
        return new int[] {(int) (from - rollup.firstDay), (int) (to - rollup.firstDay)};
    }

    /** Products of the providers a filter selects; null when there is no filter (every product). */
    private boolean[] productMask(String proveedor) {
        if (proveedor == null) {
            return null;
        }
        boolean[] prov = providers.matching(proveedor);
        boolean[] mask = new boolean[rollup.nProducts + 1];
        for (int p = 0; p < rollup.nProducts; p++) {
            int pv = providers.providerOf[p];
            mask[p] = pv >= 0 && prov[pv];
        }
        return mask;
    }

    List<TopProduct> topProducts(TopProductsQuery q) {
        long from = q.start() != null ? q.start().toEpochDay() : rollup.firstDay;
        long to = q.end() != null ? q.end().toEpochDay() : rollup.refDay;
        int[] range = clampRange(from, to);
        boolean[] mask = productMask(q.proveedor());
        DailyRollup.Day[] days = rollup.days[q.tipo().ordinal()];
        int n = rollup.nProducts;
        TopProductRanking.Scratch sc = TopProductRanking.Scratch.of(n);
        int touched = 0;
        try {
            for (int d = range[0]; d <= range[1]; d++) {
                DailyRollup.Day day = days[d];
                for (int e = 0; e < day.size(); e++) {
                    int p = day.product[e];
                    if (p >= n || (mask != null && !mask[p])) {
                        continue;
                    }
                    if (sc.movs[p] == 0) {
                        sc.touched[touched++] = p;
                    }
                    sc.movs[p] += day.movs[e];
                    sc.units[p] += day.units[e];
                    sc.valor[p] += day.valor[e];
                }
            }
            int[] best = TopProductRanking.best(sc, touched, q.limit(), q.sort(), rollup.productos);
            List<TopProduct> rows = new ArrayList<>(best.length);
            for (int p : best) {
                Producto pr = rollup.productos.get(p);
                int pv = providers.providerOf[p];
                rows.add(new TopProduct(pr.codigo(), pr.nombre(), sc.units[p], sc.movs[p], money(sc.valor[p]),
                        pv >= 0 ? providers.nombre.get(pv) : null));
            }
            return rows;
        } finally {
            sc.clear(touched);
        }
    }

    /**
     * Whole months (no start or end) from the month x provider table when there is one; any other range, or months
     * when the table was too large to build, from the daily entries. Both give the same answer to the same months.
     */
    Trends trends(TrendsQuery q) {
        YearMonth refMonth = YearMonth.from(dateOf(rollup.refDay));
        if (monthly != null && q.start() == null && q.end() == null) {
            YearMonth first = refMonth.minusMonths(q.months() - 1L);
            YearMonth windowStart = YearMonth.from(dateOf(rollup.firstDay));
            boolean[] match = q.proveedor() == null ? null : providers.matching(q.proveedor());
            return MonthlyTrends.of(first.isBefore(windowStart) ? windowStart : first, refMonth,
                    MonthlyTrends.fromTable(monthly, match));
        }
        long from;
        long to;
        if (q.start() != null || q.end() != null) {
            from = q.start() != null ? q.start().toEpochDay() : rollup.firstDay;
            to = q.end() != null ? q.end().toEpochDay() : rollup.refDay;
        } else {
            from = refMonth.minusMonths(q.months() - 1L).atDay(1).toEpochDay();
            to = rollup.refDay;
        }
        long clampedFrom = Math.max(from, rollup.firstDay);
        long clampedTo = Math.min(to, rollup.refDay);
        if (clampedFrom > clampedTo) {
            return MonthlyTrends.empty();
        }
        return MonthlyTrends.of(MonthlyTrends.monthOf(clampedFrom), MonthlyTrends.monthOf(clampedTo),
                MonthlyTrends.fromDays(rollup, productMask(q.proveedor()), clampedFrom, clampedTo));
    }

    List<ProviderStock> stockByProvider(int limit) {
        List<ProviderStock> rows = new ArrayList<>(providers.size());
        for (int pv = 0; pv < providers.size(); pv++) {
            rows.add(new ProviderStock(providers.cuit.get(pv), providers.nombre.get(pv), figures.stock[pv],
                    money(figures.valor[pv])));
        }
        rows.sort(Comparator.comparingLong(ProviderStock::stockTotal).reversed()
                .thenComparing(p -> nameKey(p.nombre())).thenComparing(p -> p.cuit() == null ? "" : p.cuit()));
        return rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
    }

    List<WeekRow> weeklySales(int weeks) {
        LocalDate today = dateOf(rollup.refDay);
        LocalDate monday = today.with(DayOfWeek.MONDAY);
        DailyRollup.Day[] days = rollup.days[TipoMovimiento.SALIDA.ordinal()];
        List<WeekRow> rows = new ArrayList<>(weeks);
        BitSet seen = new BitSet(rollup.nProducts + 1);
        for (int w = weeks - 1; w >= 0; w--) {
            LocalDate weekStart = monday.minusWeeks(w);
            String semana = String.format(Locale.ROOT, "%d-W%02d", weekStart.get(IsoFields.WEEK_BASED_YEAR),
                    weekStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            int[] range = clampRange(weekStart.toEpochDay(), weekStart.toEpochDay() + 6);
            int m = 0;
            long u = 0;
            seen.clear();
            for (int d = range[0]; d <= range[1]; d++) {
                DailyRollup.Day day = days[d];
                m += day.totalMovs;
                u += day.totalUnits;
                for (int e = 0; e < day.size(); e++) {
                    seen.set(day.product[e]);
                }
            }
            rows.add(new WeekRow(semana, m, u, seen.cardinality()));
        }
        return rows;
    }

    List<CriticalRow> criticalStock(CriticalQuery q) {
        String categoria = q.categoria() == null ? null : q.categoria().toLowerCase(Locale.ROOT);
        boolean[] provMatch = q.proveedor() == null ? null : providers.matching(q.proveedor());
        List<CriticalRow> rows = new ArrayList<>();
        for (StockCritico c : snapshot.critical()) {
            int i = rollup.lookup.indexOf(c.productoId());
            int pv = i < 0 ? -1 : providers.providerOf[i];
            if (categoria != null && (c.categoria() == null || !c.categoria().toLowerCase(Locale.ROOT).contains(categoria))) {
                continue;
            }
            if (provMatch != null && (pv < 0 || !provMatch[pv])) {
                continue;
            }
            rows.add(new CriticalRow(c.productoId(), c.codigo(), c.nombre(), c.categoria(), c.stockActual(),
                    c.stockMinimoOriginal(), c.stockMinimoAjustado(), c.deficit(), pv >= 0 ? providers.nombre.get(pv) : null));
        }
        rows.sort(Comparator.comparingInt(CriticalRow::deficit).reversed().thenComparingLong(CriticalRow::productoId));
        return rows.size() > q.limit() ? List.copyOf(rows.subList(0, q.limit())) : rows;
    }
}
