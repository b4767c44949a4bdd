package org.depositobridge.dataset;

import java.util.List;

import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.StockCritico;

/**
 * Per-provider figures of one snapshot, indexed like {@link Providers}: products, active products, stock and its
 * value, critical products, and movements of the last week and month. Computed once per snapshot.
 */
final class ProviderFigures {

    static final int WEEK_DAYS = 7;
    static final int MONTH_DAYS = 30;

    final int[] total;
    final int[] active;
    final long[] stock;
    final double[] valor;
    final int[] critical;
    final int[] movsWeek;
    final int[] movsMonth;

    private ProviderFigures(int np) {
        total = new int[np];
        active = new int[np];
        stock = new long[np];
        valor = new double[np];
        critical = new int[np];
        movsWeek = new int[np];
        movsMonth = new int[np];
    }

    static ProviderFigures of(DepositoSnapshot snapshot, DailyRollup rollup, Providers providers) {
        ProviderFigures f = new ProviderFigures(providers.size());
        List<Producto> productos = snapshot.productos();
        for (int i = 0; i < productos.size(); i++) {
            Producto p = productos.get(i);
            int pv = providers.providerOf[i];
            if (pv < 0) {
                continue;
            }
            f.total[pv]++;
            if (p.activo()) {
                f.active[pv]++;
                f.stock[pv] += p.stockActual();
                f.valor[pv] += p.valorStock();
            }
        }
        for (StockCritico c : snapshot.critical()) {
            int i = rollup.lookup.indexOf(c.productoId());
            if (i >= 0 && providers.providerOf[i] >= 0) {
                f.critical[providers.providerOf[i]]++;
            }
        }
        countMovements(rollup, providers, f.movsWeek, WEEK_DAYS);
        countMovements(rollup, providers, f.movsMonth, MONTH_DAYS);
        return f;
    }

    /** The provider with the largest stock value, or -1 when there is none. */
    int top() {
        int top = -1;
        for (int pv = 0; pv < valor.length; pv++) {
            if (top < 0 || valor[pv] > valor[top]) {
                top = pv;
            }
        }
        return top;
    }

    /** Movements of each provider's products over the last {@code days} calendar days (today included). */
    private static void countMovements(DailyRollup rollup, Providers providers, int[] into, int days) {
        int from = rollup.refDay - days + 1 - rollup.firstDay;
        for (int t = 0; t < DailyRollup.TIPOS; t++) {
            for (int d = Math.max(0, from); d < rollup.nDays; d++) {
                DailyRollup.Day day = rollup.days[t][d];
                for (int e = 0; e < day.size(); e++) {
                    int p = day.product[e];
                    if (p < rollup.nProducts && providers.providerOf[p] >= 0) {
                        into[providers.providerOf[p]] += day.movs[e];
                    }
                }
            }
        }
    }
}
