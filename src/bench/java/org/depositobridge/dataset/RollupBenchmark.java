package org.depositobridge.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.TipoMovimiento;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dashboards' roll-up after a movements poll that brought 15 new movements (the embedded simulator's live
 * activity per 15-s poll) while retention dropped the oldest one: rolled up whole ({@link DailyRollup#build}, what
 * every poll did before) against added to the previous roll-up ({@link DailyRollup#next}, which then rolls the
 * oldest day up again). At the default data (2,000 products, 200,000 movements) and at the large one (100,000
 * products, 2,000,000 movements), spread over 400 days (dashboard.history-days) in an 800-day window
 * (dashboard.rollup-days), as configured by default. Run with {@code -prof gc} for the bytes allocated per poll: the
 * garbage that reaches the old generation when a collection finds it alive.
 *
 * <pre>mvn -B -Pbench test-compile exec:exec@rollup-jmh</pre>
 * (results in target/rollup-jmh.txt).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC"})
@State(Scope.Benchmark)
public class RollupBenchmark {

    private static final int HISTORY_DAYS = 400;
    private static final int DAYS = 800;
    private static final long DAY = 86_400_000L;

    /** products x movements */
    @Param({"2000x200000", "100000x2000000"})
    public String size;

    private DepositoSnapshot before;
    private DepositoSnapshot after;
    private DailyRollup rollup;

    @Setup
    public void setUp() {
        int products = Integer.parseInt(size.substring(0, size.indexOf('x')));
        int movements = Integer.parseInt(size.substring(size.indexOf('x') + 1));
        Random r = new Random(1);
        List<Producto> productos = new ArrayList<>(products);
        for (int i = 1; i <= products; i++) {
            productos.add(SnapshotFixture.producto(i, "P" + i, "Producto " + i, "General", 10, 1, 5 + i % 300,
                    "30-" + i % 40, "Proveedor " + i % 40, true));
        }
        MovementLog.Appender a = MovementLog.empty().appender();
        long first = SnapshotFixture.AS_OF - (HISTORY_DAYS - 1) * DAY;
        long step = (SnapshotFixture.AS_OF - first) / movements;
        for (int i = 0; i < movements; i++) {
            add(a, r, i + 1, first + i * step, products);
        }
        MovementLog log = a.build();
        // retention drops the oldest movement, as it does every poll or so at a steady 2,000,000
        MovementLog.Appender more = log.retainFrom(first + 1).appender();
        for (int i = 0; i < 15; i++) {
            add(more, r, movements + i + 1, SnapshotFixture.AS_OF - 60_000 + i, products);
        }
        before = snapshot(1, productos, log);
        after = snapshot(2, productos, more.build());
        rollup = DailyRollup.build(before, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, DAYS);
    }

    private static void add(MovementLog.Appender a, Random r, long id, long millis, int products) {
        TipoMovimiento t = TipoMovimiento.values()[r.nextInt(TipoMovimiento.values().length)];
        int qty = 1 + r.nextInt(20);
        a.add(id, 1 + r.nextInt(products), t, t == TipoMovimiento.SALIDA ? -qty : qty, millis,
                r.nextBoolean() ? 10 + r.nextInt(500) : Double.NaN, Double.NaN);
    }

    private static DepositoSnapshot snapshot(long version, List<Producto> productos, MovementLog log) {
        return new DepositoSnapshot(version, productos, List.of(), log, SnapshotFixture.AS_OF, SnapshotFixture.AS_OF,
                SnapshotFixture.AS_OF, "deposito");
    }

    @Benchmark
    public DailyRollup wholeBuild() {
        return DailyRollup.build(after, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, DAYS);
    }

    @Benchmark
    public DailyRollup addedToPrevious() {
        return DailyRollup.next(rollup, before.movements(), after, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, DAYS);
    }
}
