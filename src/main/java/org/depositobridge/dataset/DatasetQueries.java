package org.depositobridge.dataset;

import java.time.LocalDate;

import org.depositobridge.deposito.TipoMovimiento;

/**
 * Validated, clamped parameters of the parameterised datasets. Records, so that equal questions have equal
 * keys in the response cache. Dates are calendar days in the report zone; null means "not given".
 */
public final class DatasetQueries {

    private DatasetQueries() {
    }

    public enum ProviderSort { VALOR_STOCK, STOCK_TOTAL, TOTAL_PRODUCTOS, NOMBRE, MOVIMIENTOS_MES }

    public enum TopSort { CANTIDAD, MOVIMIENTOS, VALOR }

    public record ProvidersQuery(String q, ProviderSort sort, boolean ascending, int limit) {
        public static final ProvidersQuery DEFAULT = new ProvidersQuery(null, ProviderSort.VALOR_STOCK, false, 100);
    }

    public record TimelineQuery(int days, LocalDate start, LocalDate end, TipoMovimiento tipo) {
        public static final TimelineQuery DEFAULT = new TimelineQuery(7, null, null, null);
    }

    public record TopProductsQuery(int limit, LocalDate start, LocalDate end, String proveedor, TopSort sort,
            TipoMovimiento tipo) {
        public static final TopProductsQuery DEFAULT =
                new TopProductsQuery(10, null, null, null, TopSort.CANTIDAD, TipoMovimiento.SALIDA);
    }

    public record TrendsQuery(int months, LocalDate start, LocalDate end, String proveedor) {
        public static final TrendsQuery DEFAULT = new TrendsQuery(6, null, null, null);
    }

    public record CriticalQuery(int limit, String categoria, String proveedor) {
        public static final CriticalQuery DEFAULT = new CriticalQuery(100, null, null);
    }
}
