package org.depositobridge.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /stock/critical}: active products with {@code stock_actual <= stock_minimo * factor_temporada},
 * the season taken from the simulator clock's month in Argentina; largest deficit first, then by id.
 */
final class CriticalHandler {

    private final SimulatorStore store;
    private final Clock clock;

    CriticalHandler(SimulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Reply handle() {
        Season season = Season.of(JsonOut.local(clock.instant()).getMonth());
        record Row(Product p, int stock, int adjusted, int deficit) {
        }
        List<Row> rows = new ArrayList<>();
        for (Product p : store.products()) {
            if (!p.activo()) {
                continue;
            }
            int stock = store.stockOf(p.id());
            double threshold = p.stockMinimo() * season.factor;
            if (stock <= threshold) {
                int adjusted = (int) Math.round(threshold);
                rows.add(new Row(p, stock, adjusted, Math.max(0, adjusted - stock)));
            }
        }
        rows.sort(Comparator.comparingInt((Row r) -> -r.deficit).thenComparingInt(r -> r.p.id()));
        JsonOut o = new JsonOut(256 + rows.size() * 300).beginArray();
        for (Row r : rows) {
            o.beginObject()
                    .field("producto_id", r.p.id())
                    .field("codigo", r.p.codigo())
                    .field("nombre", r.p.nombre())
                    .field("categoria", r.p.categoria())
                    .field("stock_actual", r.stock)
                    .field("stock_minimo_original", r.p.stockMinimo())
                    .field("stock_minimo_ajustado", r.adjusted)
                    .field("factor_temporada", season.factor)
                    .field("temporada", season.nombre)
                    .field("deficit", r.deficit)
                    .field("precio_compra_formateado", pesos(r.p.precioCompraCents()))
                    .endObject();
        }
        return Reply.json(200, o.endArray().toString());
    }

    /** Argentine money format: {@code $ 1.234,56}. */
    static String pesos(long cents) {
        String whole = Long.toString(cents / 100);
        StringBuilder b = new StringBuilder("$ ");
        int lead = whole.length() % 3;
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                b.append('.');
            }
            b.append(whole.charAt(i));
        }
        long c = cents % 100;
        return b.append(',').append(c < 10 ? "0" : "").append(c).toString();
    }
}
