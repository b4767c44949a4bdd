package org.depositobridge.dataset;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.depositobridge.dataset.SnapshotFixture.Mov;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.TipoMovimiento;

/**
 * Expected dataset values computed the plain way: one loop over the fixture's movements per question, dates
 * taken from the movements' local date-time text. Deliberately shares no code with the aggregator.
 */
final class Expectations {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 18);

    private Expectations() {
    }

    static LocalDate day(Mov m) {
        return LocalDate.parse(m.local().substring(0, 10));
    }

    static Producto product(long id) {
        return SnapshotFixture.productos().stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    static double valor(Mov m) {
        if (!Double.isNaN(m.valorTotal())) {
            return Math.abs(m.valorTotal());
        }
        if (!Double.isNaN(m.precioUnitario())) {
            return Math.abs(m.cantidad()) * m.precioUnitario();
        }
        Producto p = product(m.productoId());
        return p == null ? 0 : Math.abs(m.cantidad()) * p.precioCompra();
    }

    static List<Map<String, Object>> timeline(LocalDate from, LocalDate to, TipoMovimiento only) {
        TreeMap<String, Map<String, Object>> rows = new TreeMap<>(Comparator.reverseOrder());
        Map<String, Set<Integer>> products = new LinkedHashMap<>();
        for (Mov m : SnapshotFixture.movements()) {
            LocalDate d = day(m);
            if (d.isBefore(from) || d.isAfter(to) || (only != null && m.tipo() != only)) {
                continue;
            }
            // sort key: date descending, then type in contract order (entrada, salida, ajuste, transferencia)
            String key = d + "|" + (9 - m.tipo().ordinal());
            Map<String, Object> row = rows.computeIfAbsent(key, k -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("fecha", d.toString());
                r.put("tipo", m.tipo().code());
                r.put("movimientos", 0);
                r.put("unidades", 0);
                r.put("productos", 0);
                return r;
            });
            row.put("movimientos", (int) row.get("movimientos") + 1);
            row.put("unidades", (int) row.get("unidades") + Math.abs(m.cantidad()));
            products.computeIfAbsent(key, k -> new HashSet<>()).add(m.productoId());
            row.put("productos", products.get(key).size());
        }
        return new ArrayList<>(rows.values());
    }

    static List<Map<String, Object>> topProducts(TipoMovimiento tipo, LocalDate from, LocalDate to,
            Predicate<Producto> filter, String sort, int limit) {
        Map<Long, long[]> units = new LinkedHashMap<>();
        Map<Long, Double> valor = new LinkedHashMap<>();
        for (Mov m : SnapshotFixture.movements()) {
            Producto p = product(m.productoId());
            LocalDate d = day(m);
            if (p == null || m.tipo() != tipo || (from != null && d.isBefore(from)) || (to != null && d.isAfter(to))
                    || !filter.test(p)) {
                continue;
            }
            long[] u = units.computeIfAbsent(p.id(), k -> new long[2]);
            u[0] += Math.abs(m.cantidad());
            u[1]++;
            valor.merge(p.id(), valor(m), Double::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : units.entrySet()) {
            Producto p = product(e.getKey());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("codigo", p.codigo());
            r.put("producto", p.nombre());
            r.put("cantidad_total", e.getValue()[0]);
            r.put("movimientos", e.getValue()[1]);
            r.put("valor_total", valor.get(e.getKey()));
            r.put("proveedor", p.proveedorNombre());
            rows.add(r);
        }
        String field = switch (sort) {
            case "movimientos" -> "movimientos";
            case "valor" -> "valor_total";
            default -> "cantidad_total";
        };
        rows.sort(Comparator.<Map<String, Object>>comparingDouble(r -> ((Number) r.get(field)).doubleValue()).reversed()
                .thenComparing(r -> (String) r.get("codigo")));
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** Monthly rows and values over [from, to], products filtered. */
    static Map<String, Object> trends(LocalDate from, LocalDate to, Predicate<Producto> filter) {
        TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
        Map<String, Set<Integer>> seen = new LinkedHashMap<>();
        TreeMap<String, double[]> values = new TreeMap<>();
        for (LocalDate m = from.withDayOfMonth(1); !m.isAfter(to); m = m.plusMonths(1)) {
            values.put(m.toString().substring(0, 7), new double[2]);
        }
        for (Mov m : SnapshotFixture.movements()) {
            LocalDate d = day(m);
            Producto p = product(m.productoId());
            if (d.isBefore(from) || d.isAfter(to) || (p == null ? !filter.test(null) : !filter.test(p))) {
                continue;
            }
            String mes = d.toString().substring(0, 7);
            String key = mes + "|" + m.tipo().ordinal();
            Map<String, Object> r = rows.computeIfAbsent(key, k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("mes", mes);
                x.put("tipo", m.tipo().code());
                x.put("movimientos", 0);
                x.put("unidades", 0);
                x.put("productos", 0);
                return x;
            });
            r.put("movimientos", (int) r.get("movimientos") + 1);
            r.put("unidades", (int) r.get("unidades") + Math.abs(m.cantidad()));
            seen.computeIfAbsent(key, k -> new HashSet<>()).add(m.productoId());
            r.put("productos", seen.get(key).size());
            if (m.tipo() == TipoMovimiento.ENTRADA) {
                values.get(mes)[0] += valor(m);
            } else if (m.tipo() == TipoMovimiento.SALIDA) {
                values.get(mes)[1] += valor(m);
            }
        }
        List<Map<String, Object>> valueRows = new ArrayList<>();
        values.forEach((mes, v) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mes", mes);
            x.put("valor_entradas", v[0]);
            x.put("valor_salidas", v[1]);
            valueRows.add(x);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("movimientos_mensuales", new ArrayList<>(rows.values()));
        out.put("valor_mensual", valueRows);
        return out;
    }

    static List<Map<String, Object>> weeklySales(int weeks) {
        LocalDate monday = TODAY.with(DayOfWeek.MONDAY);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int w = weeks - 1; w >= 0; w--) {
            LocalDate start = monday.minusWeeks(w);
            LocalDate end = start.plusDays(6);
            int movs = 0;
            int units = 0;
            Set<Integer> products = new HashSet<>();
            for (Mov m : SnapshotFixture.movements()) {
                LocalDate d = day(m);
                if (m.tipo() == TipoMovimiento.SALIDA && !d.isBefore(start) && !d.isAfter(end) && !d.isAfter(TODAY)) {
                    movs++;
                    units += Math.abs(m.cantidad());
                    products.add(m.productoId());
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("semana", String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
            r.put("movimientos", movs);
            r.put("unidades", units);
            r.put("productos", products.size());
            rows.add(r);
        }
        return rows;
    }

    /** Providers with their figures, in the default order (valor_stock desc, nombre asc). */
    static List<Map<String, Object>> providers() {
        Map<String, Map<String, Object>> byCuit = new LinkedHashMap<>();
        Set<Long> critical = new HashSet<>();
        SnapshotFixture.critical().forEach(c -> critical.add(c.productoId()));
        for (Producto p : SnapshotFixture.productos()) {
            if (p.proveedorCuit() == null) {
                continue;
            }
            Map<String, Object> r = byCuit.computeIfAbsent(p.proveedorCuit(), k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("cuit", p.proveedorCuit());
                x.put("nombre", p.proveedorNombre());
                x.put("total_productos", 0);
                x.put("productos_activos", 0);
                x.put("stock_total", 0);
                x.put("valor_stock", 0.0);
                x.put("productos_criticos", 0);
                x.put("movimientos_semana", 0);
                x.put("movimientos_mes", 0);
                return x;
            });
            r.put("total_productos", (int) r.get("total_productos") + 1);
            if (p.activo()) {
                r.put("productos_activos", (int) r.get("productos_activos") + 1);
                r.put("stock_total", (int) r.get("stock_total") + p.stockActual());
                r.put("valor_stock", (double) r.get("valor_stock") + p.stockActual() * p.precioCompra());
            }
            if (critical.contains(p.id())) {
                r.put("productos_criticos", (int) r.get("productos_criticos") + 1);
            }
            for (Mov m : SnapshotFixture.movements()) {
                if (m.productoId() != p.id()) {
                    continue;
                }
                LocalDate d = day(m);
                if (!d.isBefore(TODAY.minusDays(6))) {
                    r.put("movimientos_semana", (int) r.get("movimientos_semana") + 1);
                }
                if (!d.isBefore(TODAY.minusDays(29))) {
                    r.put("movimientos_mes", (int) r.get("movimientos_mes") + 1);
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(byCuit.values());
        rows.sort(Comparator.<Map<String, Object>>comparingDouble(r -> (double) r.get("valor_stock")).reversed()
                .thenComparing(r -> ((String) r.get("nombre")).toLowerCase(Locale.ROOT)));
        return rows;
    }
}
