package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.TipoMovimiento;
import org.junit.jupiter.api.Test;

/**
 * The roll-up of a poll's new movements is added to the previous roll-up instead of rolling the whole log up again
 * ({@link DailyRollup#next}): the result must be exactly what a whole build gives, and the days the poll did not touch
 * must be the very same objects (that is what saves the work and the garbage).
 */
class DailyRollupNextTest {

    private static final long DAY = 86_400_000L;
    private static final int WINDOW = 40;
    private static final int PRODUCTS = 30;

    private final Random random = new Random(11);

    private static List<Producto> productos(String nameSuffix, double priceFactor) {
        List<Producto> list = new ArrayList<>();
        for (int i = 1; i <= PRODUCTS; i++) {
            list.add(SnapshotFixture.producto(i, "P" + i, "Producto " + i + nameSuffix, "General", 10, 1,
                    (10.0 + i) * priceFactor, "30-" + (i % 4), "Proveedor " + (i % 4), true));
        }
        return list;
    }

    /** A movement at {@code millis}: some of unknown products, some with their own value or unit price. */
    private MovementLog.Appender add(MovementLog.Appender a, long id, long millis) {
        TipoMovimiento t = TipoMovimiento.values()[random.nextInt(TipoMovimiento.values().length)];
        int qty = 1 + random.nextInt(9);
        int producto = 1 + random.nextInt(PRODUCTS + 3);
        double precio = random.nextInt(3) == 0 ? 0.25 + random.nextInt(400) / 7.0 : Double.NaN;
        double valor = random.nextInt(5) == 0 ? qty * 3.3 : Double.NaN;
        return a.add(id, producto, t, t == TipoMovimiento.SALIDA ? -qty : qty, millis, precio, valor);
    }

    private static DepositoSnapshot snapshot(long version, List<Producto> productos, MovementLog log) {
        return new DepositoSnapshot(version, productos, List.of(), log, SnapshotFixture.AS_OF, SnapshotFixture.AS_OF,
                SnapshotFixture.AS_OF, "deposito");
    }

    private static void assertSameAsBuild(DailyRollup next, DepositoSnapshot s) {
        DailyRollup whole = DailyRollup.build(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        assertThat(next.totalMovements).isEqualTo(whole.totalMovements);
        assertThat(next.productos).isSameAs(s.productos());
        for (int t = 0; t < DailyRollup.TIPOS; t++) {
            for (int d = 0; d < WINDOW; d++) {
                DailyRollup.Day a = next.days[t][d];
                DailyRollup.Day b = whole.days[t][d];
                String where = "type " + t + " day " + d;
                assertThat(a.product).as(where).isEqualTo(b.product);
                assertThat(a.movs).as(where).isEqualTo(b.movs);
                assertThat(a.units).as(where).isEqualTo(b.units);
                // to the bit: the same additions in the same order
                assertThat(a.valor).as(where).isEqualTo(b.valor);
                assertThat(a.totalMovs).as(where).isEqualTo(b.totalMovs);
                assertThat(a.totalUnits).as(where).isEqualTo(b.totalUnits);
            }
        }
    }

    /**
     * Polls that append movements (mostly today, some on older days, some outside the window) while retention drops
     * movements older than the window.
     */
    @Test
    void should_give_what_a_whole_build_gives_and_share_the_days_a_poll_did_not_touch() {
        polls(SnapshotFixture.AS_OF - (WINDOW + 5) * DAY, 600_000L);
    }

    /**
     * The same while retention drops movements inside the window (dashboard.rollup-days above history-days, as by
     * default): the days that lost movements are rolled up again, the others still shared.
     */
    @Test
    void should_roll_up_again_the_days_that_lost_movements_to_retention() {
        polls(SnapshotFixture.AS_OF - (WINDOW - 5) * DAY, 7_200_000L);
    }

    private void polls(long first, long retentionStep) {
        List<Producto> productos = productos("", 1);
        // in arrival order, as the deposito sends them: retention drops from the front while older
        long[] times = random.longs(20_000, first, SnapshotFixture.AS_OF).sorted().toArray();
        MovementLog.Appender a = MovementLog.empty().appender();
        long id = 1;
        for (; id <= times.length; id++) {
            add(a, id, times[(int) id - 1]);
        }
        MovementLog log = a.build();
        DepositoSnapshot s = snapshot(1, productos, log);
        int droppedInWindow = 0;
        DailyRollup rollup = DailyRollup.build(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        int shared = 0;
        for (int poll = 0; poll < 30; poll++) {
            MovementLog previousLog = log;
            DailyRollup previous = rollup;
            // retention drops movements older than the window (only those: the next poll must not roll them out)
            MovementLog.Appender next = log.retainFrom(first + (poll + 1) * retentionStep).appender();
            int added = random.nextInt(40);
            for (int k = 0; k < added; k++, id++) {
                int kind = random.nextInt(10);
                long millis = kind < 7 ? SnapshotFixture.AS_OF - random.nextInt(36_000_000) // today
                        : kind < 9 ? SnapshotFixture.AS_OF - (1 + random.nextInt(WINDOW - 1)) * DAY // a late commit
                        : SnapshotFixture.AS_OF - (WINDOW + random.nextInt(5)) * DAY; // before the window: counted only
                add(next, id, millis);
            }
            log = next.build();
            int dropped = log.droppedFrom(previousLog);
            for (int i = 0; i < dropped; i++) {
                if (DailyRollup.epochDay(SnapshotFixture.ZONE.getRules(), previousLog.timestampMillis(i)) >= previous.firstDay) {
                    droppedInWindow++;
                }
            }
            if (poll % 7 == 3) {
                // the products poll: a new list with the same ids and prices (other fields changed)
                productos = productos(" v" + poll, 1);
            }
            s = snapshot(poll + 2, productos, log);
            rollup = DailyRollup.next(previous, previousLog, s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
            assertSameAsBuild(rollup, s);
            for (int t = 0; t < DailyRollup.TIPOS; t++) {
                for (int d = 0; d < WINDOW - 1; d++) {
                    if (rollup.days[t][d] == previous.days[t][d]) {
                        shared++;
                    }
                }
            }
        }
        // 30 polls x 4 types x 39 days before today, of which at most 30 x 8 were touched by a late commit and
        // 30 x 4 x 2 rolled up again after retention
        assertThat(shared).as("days shared with the previous roll-up").isGreaterThan(30 * 4 * 39 - 30 * 16);
        assertThat(droppedInWindow > 0).as("movements of the window dropped by retention: " + droppedInWindow)
                .isEqualTo(first >= SnapshotFixture.AS_OF - (WINDOW - 1) * DAY);
    }

    /** What cannot be added on is rolled up whole, with the same result as a build. */
    @Test
    void should_roll_up_whole_what_is_not_the_previous_log_plus_new_movements() {
        List<Producto> productos = productos("", 1);
        MovementLog.Appender a = MovementLog.empty().appender();
        for (int id = 1; id <= 5_000; id++) {
            add(a, id, SnapshotFixture.AS_OF - random.nextLong((WINDOW - 1) * DAY));
        }
        MovementLog log = a.build();
        DepositoSnapshot s = snapshot(1, productos, log);
        DailyRollup rollup = DailyRollup.build(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);

        // ten days dropped in front at once (a shorter history setting): those days are rolled up again
        MovementLog trimmed = add(log.retainFrom(SnapshotFixture.AS_OF - 10 * DAY).appender(), 9_001,
                SnapshotFixture.AS_OF - 1).build();
        DepositoSnapshot s2 = snapshot(2, productos, trimmed);
        DailyRollup r2 = DailyRollup.next(rollup, log, s2, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        assertSameAsBuild(r2, s2);
        assertThat(r2.days[0][WINDOW - 5]).as("a day neither dropped from nor added to").isSameAs(rollup.days[0][WINDOW - 5]);

        // a log built afresh (a back-fill merged in front): rolled up whole
        MovementLog.Appender merged = MovementLog.empty().appender();
        add(merged, 9_002, SnapshotFixture.AS_OF - 30 * DAY);
        for (int i = 0; i < log.size(); i++) {
            merged.add(log.id(i), log.productoId(i), log.tipo(i), log.cantidad(i), log.timestampMillis(i),
                    log.precioUnitario(i), log.valorTotal(i));
        }
        DepositoSnapshot s3 = snapshot(3, productos, merged.build());
        DailyRollup r3 = DailyRollup.next(rollup, log, s3, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        assertSameAsBuild(r3, s3);
        assertThat(r3.days[0][WINDOW - 5]).isNotSameAs(rollup.days[0][WINDOW - 5]);

        // a changed purchase price changes the value of movements without their own: rolled up whole
        List<Producto> repriced = productos("", 1.5);
        DepositoSnapshot s4 = snapshot(4, repriced, log);
        DailyRollup r4 = DailyRollup.next(rollup, log, s4, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        assertSameAsBuild(r4, s4);
        assertThat(r4.days[0][WINDOW - 1]).isNotSameAs(rollup.days[0][WINDOW - 1]);

        // a new day: the window moves, rolled up whole
        long tomorrow = SnapshotFixture.AS_OF + DAY;
        DailyRollup r5 = DailyRollup.next(rollup, log, s, SnapshotFixture.ZONE, tomorrow, WINDOW);
        assertThat(r5.refDay).isEqualTo(rollup.refDay + 1);
        assertThat(r5.days[0][WINDOW - 2].movs).isEqualTo(rollup.days[0][WINDOW - 1].movs);
    }

    /**
     * A day retention takes a movement from is rolled up again from every movement of that day the log still holds,
     * including one that came late, in a later poll, far behind the day's other movements.
     */
    @Test
    void should_keep_a_late_movement_of_a_day_rolled_up_again() {
        List<Producto> productos = productos("", 1);
        long first = SnapshotFixture.AS_OF - (WINDOW - 3) * DAY;
        MovementLog.Appender a = MovementLog.empty().appender();
        for (int id = 1; id <= 3_000; id++) {
            add(a, id, first + (id - 1) * 1_000_000L);
        }
        MovementLog l0 = a.build();
        DepositoSnapshot s0 = snapshot(1, productos, l0);
        DailyRollup r0 = DailyRollup.build(s0, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        // a late commit on the first day, then a thousand movements of today in later polls
        MovementLog.Appender late = l0.appender();
        add(late, 5_000, first + 5);
        for (int id = 5_001; id <= 6_000; id++) {
            add(late, id, SnapshotFixture.AS_OF - 1_000_000 + id);
        }
        MovementLog l1 = late.build();
        DepositoSnapshot s1 = snapshot(2, productos, l1);
        DailyRollup r1 = DailyRollup.next(r0, l0, s1, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW);
        assertSameAsBuild(r1, s1);
        // retention takes the first movement of that first day: the day is rolled up again, the late one included
        MovementLog l2 = l1.retainFrom(first + 1);
        assertThat(l2.droppedFrom(l1)).isEqualTo(1);
        DepositoSnapshot s2 = snapshot(3, productos, l2);
        assertSameAsBuild(DailyRollup.next(r1, l1, s2, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, WINDOW), s2);
    }

    /** The dataset service adds a poll's movements to the roll-up it serves: its older days stay the same objects. */
    @Test
    void should_add_a_polls_movements_to_the_served_rollup() {
        SnapshotStore store = new SnapshotStore("deposito", Long.MAX_VALUE, Clock.systemUTC());
        DatasetService service = new DatasetService(store, SnapshotFixture.ZONE, WINDOW, 100, 10, Clock.systemUTC());
        List<Producto> productos = productos("", 1);
        MovementLog.Appender a = MovementLog.empty().appender();
        for (int id = 1; id <= 2_000; id++) {
            add(a, id, SnapshotFixture.AS_OF - random.nextLong((WINDOW - 1) * DAY));
        }
        MovementLog log = a.build();
        store.publish(x -> snapshot(x.version() + 1, productos, log));
        DailyRollup before = service.current().rollup;
        int movimientos = service.current().summary(0, false).totalMovimientos();
        MovementLog more = add(log.appender(), 2_001, SnapshotFixture.AS_OF - 1_000).build();
        store.publish(x -> x.withMovements(x.version() + 1, more, SnapshotFixture.AS_OF));
        DailyRollup after = service.current().rollup;
        assertThat(after.days[0][0]).isSameAs(before.days[0][0]);
        assertThat(service.current().summary(0, false).totalMovimientos()).isEqualTo(movimientos + 1);
    }
}
