package org.depositobridge.dataset;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.depositobridge.dataset.DatasetRows.MonthRow;
import org.depositobridge.dataset.DatasetRows.MonthValue;
import org.depositobridge.dataset.DatasetRows.Trends;
import org.depositobridge.deposito.TipoMovimiento;

/**
 * The {@code /api/trends} answer: one row per month and movement type, one value line per month. The figures of a
 * month come from one of two sources of the same shape: the month x provider table (whole months, the {@code months}
 * form) or the daily entries of the roll-up (any date range).
 */
final class MonthlyTrends {

    /** One month's figures of one movement type. */
    record Totals(int movs, long units, double valor, int products) {
    }

    /** Where a month's figures come from. */
    @FunctionalInterface
    interface MonthTotals {
        Totals of(YearMonth month, TipoMovimiento tipo);
    }

    private MonthlyTrends() {
    }

    /** The months {@code first..last} (inclusive) from {@code totals}. */
    static Trends of(YearMonth first, YearMonth last, MonthTotals totals) {
        List<MonthRow> rows = new ArrayList<>();
        List<MonthValue> values = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            double valorEntradas = 0;
            double valorSalidas = 0;
            for (TipoMovimiento tipo : TipoMovimiento.values()) {
                Totals t = totals.of(month, tipo);
                if (t.movs() > 0) {
                    rows.add(new MonthRow(month.toString(), tipo.code(), t.movs(), t.units(), t.products()));
                }
                if (tipo == TipoMovimiento.ENTRADA) {
                    valorEntradas = t.valor();
                } else if (tipo == TipoMovimiento.SALIDA) {
                    valorSalidas = t.valor();
                }
            }
            values.add(new MonthValue(month.toString(), Datasets.money(valorEntradas), Datasets.money(valorSalidas)));
        }
        return new Trends(rows, values);
    }

    static Trends empty() {
        return new Trends(new ArrayList<>(), new ArrayList<>());
    }

    /**
     * Summed from the month x provider table; {@code match} selects providers (null = all, the products without a
     * provider included: the table's last column).
     */
    static MonthTotals fromTable(MonthlyByProvider monthly, boolean[] match) {
        int cols = monthly.cols;
        return (month, tipo) -> {
            int base = monthly.indexOf(month) * cols;
            int t = tipo.ordinal();
            int m = 0;
            long u = 0;
            double v = 0;
            int distinct = 0;
            for (int c = 0; c < cols; c++) {
                if (match != null && (c == cols - 1 || !match[c])) {
                    continue;
                }
                m += monthly.movs[t][base + c];
                u += monthly.units[t][base + c];
                v += monthly.valor[t][base + c];
                distinct += monthly.products[t][base + c];
            }
            return new Totals(m, u, v, distinct);
        };
    }

    /**
     * Summed over the roll-up's daily entries of the days {@code fromDay..toDay} (epoch days, inside the held window)
     * that fall in the month; {@code mask} selects products (null = all).
     */
    static MonthTotals fromDays(DailyRollup rollup, boolean[] mask, long fromDay, long toDay) {
        BitSet seen = new BitSet(rollup.nProducts + 1);
        return (month, tipo) -> {
            long mFrom = Math.max(fromDay, month.atDay(1).toEpochDay());
            long mTo = Math.min(toDay, month.atEndOfMonth().toEpochDay());
            int d0 = (int) (mFrom - rollup.firstDay);
            int d1 = (int) (mTo - rollup.firstDay);
            DailyRollup.Day[] days = rollup.days[tipo.ordinal()];
            int m = 0;
            long u = 0;
            double v = 0;
            seen.clear();
            for (int d = d0; d <= d1; d++) {
                DailyRollup.Day day = days[d];
                for (int e = 0; e < day.size(); e++) {
                    int p = day.product[e];
                    if (mask != null && !mask[p]) {
                        continue;
                    }
                    m += day.movs[e];
                    u += day.units[e];
                    v += day.valor[e];
                    seen.set(p);
                }
            }
            return new Totals(m, u, v, seen.cardinality());
        };
    }

    static YearMonth monthOf(long epochDay) {
        return YearMonth.from(LocalDate.ofEpochDay(epochDay));
    }
}
