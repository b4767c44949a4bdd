package org.depositobridge.dataset;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Movements per (type, calendar month, provider): movements, units, value and distinct products, built once
 * from the {@link DailyRollup}. {@code /api/trends?months=N} (with or without a provider filter) is whole
 * months, so it is answered in O(months x providers) from here; distinct products add up across providers
 * because every product has exactly one provider. Column {@code providers} holds products without a provider
 * and movements of unknown products.
 *
 * <p>Size: 4 x months x (providers + 1) cells of 24 bytes; not built (null) beyond {@link #MAX_CELLS} cells,
 * and the date-range path then serves every trends question.
 */
final class MonthlyByProvider {

    static final long MAX_CELLS = 1_000_000;

    final YearMonth firstMonth;
    final int nMonths;
    final int cols;
    final int[][] movs;
    final long[][] units;
    final double[][] valor;
    final int[][] products;

    private MonthlyByProvider(YearMonth firstMonth, int nMonths, int cols) {
        this.firstMonth = firstMonth;
        this.nMonths = nMonths;
        this.cols = cols;
        int cells = nMonths * cols;
        movs = new int[DailyRollup.TIPOS][cells];
        units = new long[DailyRollup.TIPOS][cells];
        valor = new double[DailyRollup.TIPOS][cells];
        products = new int[DailyRollup.TIPOS][cells];
    }

    static MonthlyByProvider build(DailyRollup r, Providers providers) {
        YearMonth first = YearMonth.from(LocalDate.ofEpochDay(r.firstDay));
        YearMonth last = YearMonth.from(LocalDate.ofEpochDay(r.firstDay + r.nDays - 1L));
        int nMonths = (int) (first.until(last, ChronoUnit.MONTHS) + 1);
        int cols = providers.size() + 1;
        if ((long) DailyRollup.TIPOS * nMonths * cols > MAX_CELLS) {
            return null;
        }
        MonthlyByProvider m = new MonthlyByProvider(first, nMonths, cols);
        int[] monthOfDay = new int[r.nDays];
        for (int d = 0; d < r.nDays; d++) {
            monthOfDay[d] = (int) first.until(YearMonth.from(LocalDate.ofEpochDay(r.firstDay + (long) d)),
                    ChronoUnit.MONTHS);
        }
        int[] stamp = new int[r.nProducts + 1];
        Arrays.fill(stamp, -1);
        for (int t = 0; t < DailyRollup.TIPOS; t++) {
            for (int d = 0; d < r.nDays; d++) {
                int mi = monthOfDay[d];
                int key = t * nMonths + mi;
                DailyRollup.Day day = r.days[t][d];
                for (int e = 0; e < day.size(); e++) {
                    int p = day.product[e];
                    int pv = p < r.nProducts ? providers.providerOf[p] : -1;
                    int cell = mi * cols + (pv >= 0 ? pv : cols - 1);
                    m.movs[t][cell] += day.movs[e];
                    m.units[t][cell] += day.units[e];
                    m.valor[t][cell] += day.valor[e];
                    if (stamp[p] != key) {
                        stamp[p] = key;
                        m.products[t][cell]++;
                    }
                }
            }
        }
        return m;
    }

    /** Month index of a month, or -1 outside the table. */
    int indexOf(YearMonth month) {
        long i = firstMonth.until(month, ChronoUnit.MONTHS);
        return i < 0 || i >= nMonths ? -1 : (int) i;
    }
}
