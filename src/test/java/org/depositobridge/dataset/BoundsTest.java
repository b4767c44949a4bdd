package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

/** The memory bounds the datasets promise: roll-up entries and prepared answers. */
class BoundsTest {

    /** 200,000 movements of 50 products over 30 days roll up into at most 50 x 4 x 30 entries. */
    @Test
    void should_bound_rollup_entries_by_products_types_and_days() {
        List<Producto> productos = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            productos.add(SnapshotFixture.producto(i, "P" + i, "Producto " + i, "General", 10, 1, 10.0, "30-1", "X", true));
        }
        Random random = new Random(7);
        MovementLog.Appender a = MovementLog.empty().appender();
        long day = 86_400_000L;
        TipoMovimiento[] tipos = TipoMovimiento.values();
        for (int i = 0; i < 200_000; i++) {
            TipoMovimiento t = tipos[random.nextInt(tipos.length)];
            int qty = 1 + random.nextInt(5);
            a.add(i, 1 + random.nextInt(50), t, t == TipoMovimiento.ENTRADA ? qty : -qty,
                    SnapshotFixture.AS_OF - random.nextInt(30) * day - random.nextInt(3_600_000), Double.NaN, Double.NaN);
        }
        DepositoSnapshot s = new DepositoSnapshot(1, productos, List.of(), a.build(), SnapshotFixture.AS_OF,
                SnapshotFixture.AS_OF, SnapshotFixture.AS_OF, "deposito");
        DailyRollup r = DailyRollup.build(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, 800);
        assertThat(r.entries()).isLessThanOrEqualTo(50 * 4 * 31).isGreaterThan(50 * 4 * 25);
        long movs = 0;
        for (DailyRollup.Day[] type : r.days) {
            for (DailyRollup.Day d : type) {
                for (int m : d.movs) {
                    movs += m;
                }
            }
        }
        assertThat(movs).isEqualTo(200_000);
    }

    /** Movements outside the rolled-up window are counted in the total but hold no entry. */
    @Test
    void should_keep_only_the_configured_days() {
        DepositoSnapshot s = SnapshotFixture.snapshot(1);
        DailyRollup r = DailyRollup.build(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, 7);
        assertThat(r.totalMovements).isEqualTo(11);
        // 2026-03-12..18: movements 1, 2, 3, 4, 7, 8, 11, each its own (type, day, product)
        assertThat(r.entries()).isEqualTo(7);
    }

    /** A publication that changes only the critical list reuses the roll-up; one with new movements rebuilds it. */
    @Test
    void should_reuse_the_rollup_when_movements_and_products_are_unchanged() {
        SnapshotStore store = new SnapshotStore("deposito", Long.MAX_VALUE, java.time.Clock.systemUTC());
        DatasetService service = new DatasetService(store, SnapshotFixture.ZONE, 800, 100, 10, java.time.Clock.systemUTC());
        store.publish(x -> SnapshotFixture.snapshot(x.version() + 1));
        DailyRollup first = service.current().rollup;
        DepositoSnapshot criticalOnly = store.publish(x -> x.withCritical(x.version() + 1, List.of(), x.criticalAsOfMillis()));
        assertThat(service.current().rollup).isSameAs(first);
        assertThat(service.current().summary(0, false).productosStockCritico()).isZero();
        store.publish(x -> x.withMovements(x.version() + 1, MovementLog.empty(), x.movementsAsOfMillis()));
        assertThat(service.current().rollup).isNotSameAs(first);
        assertThat(service.current().summary(0, false).totalMovimientos()).isZero();
        assertThat(criticalOnly.version()).isEqualTo(2);
    }

    /** However many distinct questions are asked, the prepared answers held stay within their bound. */
    @Test
    void should_bound_prepared_answers() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("dashboard.response-cache-size", "20", "deposito.sync.enabled", "false"))) {
            bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                    .publish(x -> SnapshotFixture.snapshot(x.version() + 1));
            DatasetService service = bridge.context().getRegistry().lookupByNameAndType("dashboardDatasets", DatasetService.class);
            for (int i = 1; i <= 200; i++) {
                assertThat(ApiCalls.get(bridge, "/api/top-products?limit=" + (i % 100 + 1) + "&proveedor=p" + i).statusCode())
                        .isEqualTo(200);
            }
            assertThat(service.cachedResponses()).isLessThanOrEqualTo(20);
        }
    }
}
