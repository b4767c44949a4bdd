package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.depositobridge.dataset.DatasetQueries.TopProductsQuery;
import org.depositobridge.dataset.DatasetQueries.TopSort;
import org.depositobridge.dataset.DatasetRows.TopProduct;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.MovementLog;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.TipoMovimiento;
import org.junit.jupiter.api.Test;

/** The bounded top-k ranking agrees with a full sort of per-product sums, ties included, for every sort and limit. */
class TopProductsRankingTest {

    /** 300 products with many equal figures (small quantities), 20,000 movements, ranked against brute force. */
    @Test
    void should_rank_exactly_like_a_full_sort() {
        Random random = new Random(11);
        List<Producto> productos = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            productos.add(SnapshotFixture.producto(i, String.format("C%04d", 301 - i), "P" + i, "General", 1, 1,
                    1 + random.nextInt(3), "30-" + (i % 7), "Prov " + (i % 7), true));
        }
        long day = 86_400_000L;
        MovementLog.Appender a = MovementLog.empty().appender();
        List<long[]> movs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int p = 1 + random.nextInt(300);
            int qty = 1 + random.nextInt(2);
            int daysAgo = random.nextInt(60);
            a.add(i, p, TipoMovimiento.SALIDA, -qty, SnapshotFixture.AS_OF - daysAgo * day, Double.NaN, Double.NaN);
            movs.add(new long[] {p, qty, daysAgo});
        }
        DepositoSnapshot s = new DepositoSnapshot(1, productos, List.of(), a.build(), SnapshotFixture.AS_OF,
                SnapshotFixture.AS_OF, SnapshotFixture.AS_OF, "deposito");
        Datasets d = Datasets.of(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, 800, "x", "x");
        for (TopSort sort : TopSort.values()) {
            for (int limit : new int[] {1, 7, 50, 100}) {
                for (int since : new int[] {59, 10}) {
                    LocalDate start = Expectations.TODAY.minusDays(since);
                    List<TopProduct> got = d.topProducts(new TopProductsQuery(limit, start, null, null, sort, TipoMovimiento.SALIDA));
                    assertThat(got.stream().map(TopProduct::codigo).toList()).as(sort + " " + limit + " " + since)
                            .isEqualTo(bruteForce(productos, movs, sort, limit, since));
                }
            }
        }
    }

    /** Whole-month trends from the month x provider table equal the scan over daily entries, filtered or not. */
    @Test
    void should_answer_month_trends_from_the_table_as_the_scan_does() {
        Random random = new Random(5);
        List<Producto> productos = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            boolean noProvider = i % 17 == 0;
            productos.add(SnapshotFixture.producto(i, "C" + i, "P" + i, "General", 1, 1, 1 + random.nextInt(50),
                    noProvider ? null : "30-" + (i % 13), noProvider ? null : "Prov " + (i % 13), true));
        }
        long day = 86_400_000L;
        MovementLog.Appender a = MovementLog.empty().appender();
        TipoMovimiento[] tipos = TipoMovimiento.values();
        for (int i = 0; i < 30_000; i++) {
            TipoMovimiento t = tipos[random.nextInt(tipos.length)];
            int qty = 1 + random.nextInt(9);
            // some movements of products the snapshot lacks (ids above 400)
            a.add(i, 1 + random.nextInt(420), t, t == TipoMovimiento.ENTRADA ? qty : -qty,
                    SnapshotFixture.AS_OF - random.nextInt(700) * day, random.nextBoolean() ? Double.NaN : 3.5, Double.NaN);
        }
        DepositoSnapshot s = new DepositoSnapshot(1, productos, List.of(), a.build(), SnapshotFixture.AS_OF,
                SnapshotFixture.AS_OF, SnapshotFixture.AS_OF, "deposito");
        Datasets d = Datasets.of(s, SnapshotFixture.ZONE, SnapshotFixture.AS_OF, 800, "x", "x");
        for (int months : new int[] {1, 2, 6, 13, 24}) {
            for (String filter : new String[] {null, "prov 1", "30-7", "nadie"}) {
                var q = new DatasetQueries.TrendsQuery(months, null, null, filter);
                // the same months as a date range: answered from the daily entries
                var range = new DatasetQueries.TrendsQuery(months,
                        YearMonth.from(Expectations.TODAY).minusMonths(months - 1L).atDay(1), Expectations.TODAY, filter);
                assertThat(d.trends(q)).as(months + " " + filter).isEqualTo(d.trends(range));
            }
        }
    }

    private static List<String> bruteForce(List<Producto> productos, List<long[]> movs, TopSort sort, int limit, int since) {
        Map<Long, double[]> sums = new HashMap<>();
        for (long[] m : movs) {
            if (m[2] <= since) {
                double[] v = sums.computeIfAbsent(m[0], k -> new double[3]);
                v[0] += m[1];
                v[1] += 1;
                v[2] += m[1] * productos.get((int) m[0] - 1).precioCompra();
            }
        }
        int field = switch (sort) {
            case CANTIDAD -> 0;
            case MOVIMIENTOS -> 1;
            case VALOR -> 2;
        };
        List<Long> ids = new ArrayList<>(sums.keySet());
        ids.sort(Comparator.<Long>comparingDouble(id -> sums.get(id)[field]).reversed()
                .thenComparing(id -> productos.get(id.intValue() - 1).codigo()));
        return ids.subList(0, Math.min(limit, ids.size())).stream().map(id -> productos.get(id.intValue() - 1).codigo()).toList();
    }
}
