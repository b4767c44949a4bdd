package org.depositobridge.report;

import java.util.List;
import java.util.Map;

import org.depositobridge.dataset.DatasetRows.CriticalRow;
import org.depositobridge.dataset.DatasetRows.ProveedorTop;
import org.depositobridge.dataset.DatasetRows.Provider;
import org.depositobridge.dataset.DatasetRows.Summary;
import org.depositobridge.dataset.DatasetRows.TimelineRow;
import org.depositobridge.dataset.DatasetRows.TopProduct;

/**
 * The columns of the five CSV reports, in the order and with the names of their JSON twins' fields. The summary's
 * nested {@code proveedor_top} object is flattened into {@code proveedor_top_<field>} columns (CSV has no nesting).
 * Names, codes, categories and CUITs come from the deposito and are {@link CsvTable.Kind#TEXT} (guarded).
 */
public final class ReportTables {

    public static final CsvTable<Summary> SUMMARY = CsvTable.<Summary>named("summary")
            .integer("total_productos", Summary::totalProductos)
            .integer("productos_activos", Summary::productosActivos)
            .integer("productos_stock_critico", Summary::productosStockCritico)
            .integer("productos_sin_stock", Summary::productosSinStock)
            .money("valor_inventario", Summary::valorInventario)
            .integer("total_proveedores", Summary::totalProveedores)
            .integer("total_movimientos", Summary::totalMovimientos)
            .integer("movimientos_semana", Summary::movimientosSemana)
            .integer("unidades_entrada_semana", Summary::unidadesEntradaSemana)
            .integer("unidades_salida_semana", Summary::unidadesSalidaSemana)
            .text("proveedor_top_cuit", s -> top(s) == null ? null : top(s).cuit())
            .text("proveedor_top_nombre", s -> top(s) == null ? null : top(s).nombre())
            .optionalInteger("proveedor_top_productos", s -> top(s) == null ? null : top(s).productos())
            .optionalMoney("proveedor_top_valor_stock", s -> top(s) == null ? null : top(s).valorStock())
            .isoDate("generated_at", Summary::generatedAt)
            .isoDate("data_as_of", Summary::dataAsOf)
            .flag("stale", Summary::stale)
            .build();

    public static final CsvTable<Provider> PROVIDERS = CsvTable.<Provider>named("providers")
            .text("cuit", Provider::cuit)
            .text("nombre", Provider::nombre)
            .integer("total_productos", Provider::totalProductos)
            .integer("productos_activos", Provider::productosActivos)
            .integer("stock_total", Provider::stockTotal)
            .money("valor_stock", Provider::valorStock)
            .integer("productos_criticos", Provider::productosCriticos)
            .integer("movimientos_semana", Provider::movimientosSemana)
            .integer("movimientos_mes", Provider::movimientosMes)
            .build();

    public static final CsvTable<TopProduct> TOP_PRODUCTS = CsvTable.<TopProduct>named("top-products")
            .text("codigo", TopProduct::codigo)
            .text("producto", TopProduct::producto)
            .integer("cantidad_total", TopProduct::cantidadTotal)
            .integer("movimientos", TopProduct::movimientos)
            .money("valor_total", TopProduct::valorTotal)
            .text("proveedor", TopProduct::proveedor)
            .build();

    public static final CsvTable<TimelineRow> STOCK_TIMELINE = CsvTable.<TimelineRow>named("stock-timeline")
            .isoDate("fecha", TimelineRow::fecha)
            .text("tipo", TimelineRow::tipo)
            .integer("movimientos", TimelineRow::movimientos)
            .integer("unidades", TimelineRow::unidades)
            .integer("productos", TimelineRow::productos)
            .build();

    public static final CsvTable<CriticalRow> CRITICAL_STOCK = CsvTable.<CriticalRow>named("critical-stock")
            .integer("producto_id", CriticalRow::productoId)
            .text("codigo", CriticalRow::codigo)
            .text("nombre", CriticalRow::nombre)
            .text("categoria", CriticalRow::categoria)
            .integer("stock_actual", CriticalRow::stockActual)
            .integer("stock_minimo", CriticalRow::stockMinimo)
            .integer("stock_minimo_ajustado", CriticalRow::stockMinimoAjustado)
            .integer("deficit", CriticalRow::deficit)
            .text("proveedor", CriticalRow::proveedor)
            .build();

    /** The report names, in the order a drop writes them: the fixed set (also the metric's {@code report} tag). */
    public static final List<String> NAMES = List.of("summary", "providers", "top-products", "stock-timeline",
            "critical-stock");

    private static final Map<String, CsvTable<?>> BY_NAME = Map.of("summary", SUMMARY, "providers", PROVIDERS,
            "top-products", TOP_PRODUCTS, "stock-timeline", STOCK_TIMELINE, "critical-stock", CRITICAL_STOCK);

    private ReportTables() {
    }

    /** The table of a report name; IllegalArgumentException for a name outside the fixed set. */
    public static CsvTable<?> table(String name) {
        CsvTable<?> t = BY_NAME.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown report " + name + "; known: " + NAMES);
        }
        return t;
    }

    private static ProveedorTop top(Summary s) {
        return s.proveedorTop();
    }
}
