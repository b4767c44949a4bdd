package org.depositobridge.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The JSON shapes of the datasets (field names are the API's; docs/api.md defines each field). Public so the CSV
 * exports (package {@code report}) write the same rows and columns.
 */
public final class DatasetRows {

    private DatasetRows() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(int totalProductos, int productosActivos, int productosStockCritico, int productosSinStock,
            double valorInventario, int totalProveedores, int totalMovimientos, int movimientosSemana,
            long unidadesEntradaSemana, long unidadesSalidaSemana, ProveedorTop proveedorTop, String generatedAt,
            String dataAsOf, boolean stale) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProveedorTop(String cuit, String nombre, int productos, double valorStock) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Provider(String cuit, String nombre, int totalProductos, int productosActivos, long stockTotal,
            double valorStock, int productosCriticos, int movimientosSemana, int movimientosMes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TimelineRow(String fecha, String tipo, int movimientos, long unidades, int productos) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TopProduct(String codigo, String producto, long cantidadTotal, int movimientos, double valorTotal,
            String proveedor) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Trends(List<MonthRow> movimientosMensuales, List<MonthValue> valorMensual) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonthRow(String mes, String tipo, int movimientos, long unidades, int productos) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonthValue(String mes, double valorEntradas, double valorSalidas) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProviderStock(String cuit, String nombre, long stockTotal, double valorStock) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WeekRow(String semana, int movimientos, long unidades, int productos) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CriticalRow(long productoId, String codigo, String nombre, String categoria, int stockActual,
            int stockMinimo, int stockMinimoAjustado, int deficit, String proveedor) {
    }
}
