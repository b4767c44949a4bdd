package org.depositobridge.dataset;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.StockCritico;
import org.depositobridge.deposito.TipoMovimiento;

/**
 * A small hand-made deposito: five products (one inactive, one without provider, names with accents, a quote
 * and a leading '='), ten movements chosen to hit the edges (a movement late in the evening that is already
 * tomorrow in UTC, one of an unknown product, prices present and absent), and two critical entries.
 * Reference time: 2026-03-18 12:00 in Buenos Aires.
 */
final class SnapshotFixture {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    static final long AS_OF = at("2026-03-18T12:00");

    /** One movement as the test sees it (kept apart from MovementLog so expectations are computed independently). */
    record Mov(long id, int productoId, TipoMovimiento tipo, int cantidad, String local, double precioUnitario,
            double valorTotal) {
        long millis() {
            return at(local);
        }
    }

    static final String SERENISIMA = "30-11111111-1";
    static final String FEMSA = "30-22222222-2";
    static final String ARCOR = "30-33333333-3";

    static List<Producto> productos() {
        List<Producto> p = new ArrayList<>();
        p.add(producto(1, "LECHE-1L", "Leche Entera 1L", "Lácteos", 50, 20, 100.0, SERENISIMA, "La Serenísima", true));
        p.add(producto(2, "GASEOSA-2L", "Coca-Cola 2,25L", "Bebidas", 0, 10, 200.0, FEMSA, "Coca-Cola FEMSA", true));
        p.add(producto(3, "ALFAJOR", "=Alfajor \"Triple\"", "Almacén", 5, 10, 50.0, ARCOR, "Arcor", true));
        p.add(producto(4, "YOGUR", "Yogur Frutilla", "Lácteos", 30, 5, 80.0, SERENISIMA, "La Serenísima", false));
        p.add(producto(5, "BOLSA", "Bolsa de compras", "General", 10, 0, 10.0, null, null, true));
        return p;
    }

    static List<Mov> movements() {
        double nan = Double.NaN;
        return List.of(
                new Mov(1, 1, TipoMovimiento.SALIDA, -3, "2026-03-18T10:00", nan, nan),
                new Mov(2, 1, TipoMovimiento.SALIDA, -2, "2026-03-17T23:30", 150.0, nan),
                new Mov(3, 2, TipoMovimiento.SALIDA, -5, "2026-03-16T09:00", nan, 1200.0),
                new Mov(4, 2, TipoMovimiento.ENTRADA, 20, "2026-03-16T08:00", 180.0, nan),
                new Mov(5, 3, TipoMovimiento.SALIDA, -1, "2026-03-10T12:00", nan, nan),
                new Mov(6, 1, TipoMovimiento.ENTRADA, 30, "2026-02-20T11:00", nan, 2800.0),
                new Mov(7, 3, TipoMovimiento.AJUSTE, -2, "2026-03-18T09:00", nan, nan),
                new Mov(8, 99, TipoMovimiento.SALIDA, -4, "2026-03-15T18:00", 10.0, nan),
                new Mov(9, 1, TipoMovimiento.SALIDA, -10, "2025-11-05T10:00", nan, nan),
                new Mov(10, 2, TipoMovimiento.SALIDA, -1, "2025-08-01T10:00", nan, nan),
                new Mov(11, 3, TipoMovimiento.SALIDA, -4, "2026-03-12T00:30", 55.0, nan));
    }

    static List<StockCritico> critical() {
        return List.of(
                new StockCritico(2, "GASEOSA-2L", "Coca-Cola 2,25L", "Bebidas", 0, 10, 13, 1.3, "verano", 13, "$ 200,00"),
                new StockCritico(3, "ALFAJOR", "=Alfajor \"Triple\"", "Almacén", 5, 10, 13, 1.3, "verano", 8, "$ 50,00"));
    }

    /**
     * The real bridge with its pollers off, data that never turns stale by age, and this fixture published:
     * what the dataset tests read over HTTP.
     */
    static org.depositobridge.support.RunningBridge startBridge() throws Exception {
        org.depositobridge.support.RunningBridge bridge = org.depositobridge.support.RunningBridge.start(
                java.util.Map.of("deposito.stale-after-seconds", "8640000000", "deposito.sync.enabled", "false"));
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", org.depositobridge.deposito.SnapshotStore.class)
                .publish(s -> snapshot(s.version() + 1));
        return bridge;
    }

    static DepositoSnapshot snapshot(long version) {
        return snapshot(version, productos(), movements(), critical(), AS_OF);
    }

    static DepositoSnapshot snapshot(long version, List<Producto> productos, List<Mov> movs, List<StockCritico> critical,
            long asOf) {
        MovementLog.Appender a = MovementLog.empty().appender();
        for (Mov m : movs) {
            a.add(m.id(), m.productoId(), m.tipo(), m.cantidad(), m.millis(), m.precioUnitario(), m.valorTotal());
        }
        return new DepositoSnapshot(version, productos, critical, a.build(), asOf, asOf, asOf, "deposito");
    }

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant().toEpochMilli();
    }

    static Producto producto(long id, String codigo, String nombre, String categoria, int stock, int min, double precio,
            String cuit, String proveedor, boolean activo) {
        return new Producto(id, codigo, nombre, null, categoria, stock, min, null, precio, precio * 1.4, cuit, proveedor,
                activo, AS_OF - 86_400_000L * 100, null);
    }
}
