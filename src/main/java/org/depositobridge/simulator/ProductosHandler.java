package org.depositobridge.simulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code GET /productos} (filters, offset pagination) and {@code GET /productos/{id}}. */
final class ProductosHandler {

    private final SimulatorStore store;
    /** Indexes of active products ({@code activo} never changes), so the common listing is a slice, not a scan. */
    private final int[] active;

    ProductosHandler(SimulatorStore store) {
        this.store = store;
        Product[] all = store.products();
        int[] idx = new int[all.length];
        int k = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i].activo()) {
                idx[k++] = i;
            }
        }
        this.active = Arrays.copyOf(idx, k);
    }

    Reply list(Params q) {
        Problems p = new Problems();
        String categoria = q.get("categoria");
        Boolean activosSolo = p.bool("query", "activos_solo", q.get("activos_solo"), true);
        Integer limit = p.integer("query", "limit", q.get("limit"), 100, 1, 1000);
        Integer offset = p.integer("query", "offset", q.get("offset"), 0, 0, Integer.MAX_VALUE);
        if (!p.isEmpty()) {
            return p.reply();
        }
        String needle = categoria == null || categoria.isEmpty() ? null : categoria.toLowerCase(Locale.ROOT);
        Product[] all = store.products();
        JsonOut out = new JsonOut(512 + limit * 420).beginObject().name("productos").beginArray();
        if (needle == null) {
            int total = activosSolo ? active.length : all.length;
            long end = Math.min(total, (long) offset + limit);
            for (long i = offset; i < end; i++) {
                write(out, all[activosSolo ? active[(int) i] : (int) i]);
            }
            out.endArray().field("total", total).field("skip", offset).field("limit", limit).endObject();
            return Reply.json(200, out.toString());
        }
        Map<String, Boolean> categoryMatches = new HashMap<>();
        int total = 0;
        for (Product prod : all) {
            if (activosSolo && !prod.activo()) {
                continue;
            }
            if (needle != null && !categoryMatches.computeIfAbsent(prod.categoria(),
                    c -> c.toLowerCase(Locale.ROOT).contains(needle))) {
                continue;
            }
            if (total >= offset && total < (long) offset + limit) {
                write(out, prod);
            }
            total++;
        }
        out.endArray().field("total", total).field("skip", offset).field("limit", limit).endObject();
        return Reply.json(200, out.toString());
    }

    Reply one(String idText) {
        Problems p = new Problems();
        Integer id = p.integer("path", "producto_id", idText, null, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (!p.isEmpty()) {
            return p.reply();
        }
        Product prod = store.product(id);
        if (prod == null) {
            return Reply.detail(404, "Producto no encontrado");
        }
        JsonOut out = new JsonOut(512);
        write(out, prod);
        return Reply.json(200, out.toString());
    }

    private void write(JsonOut o, Product p) {
        o.beginObject()
                .field("id", p.id())
                .field("codigo", p.codigo())
                .field("nombre", p.nombre())
                .field("descripcion", p.descripcion())
                .field("categoria", p.categoria())
                .field("stock_actual", store.stockOf(p.id()))
                .field("stock_minimo", p.stockMinimo());
        o.name("stock_maximo");
        if (p.stockMaximo() == null) {
            o.nullValue();
        } else {
            o.value(p.stockMaximo());
        }
        o.name("precio_compra").cents(p.precioCompraCents());
        o.name("precio_venta");
        if (p.precioVentaCents() < 0) {
            o.nullValue();
        } else {
            o.cents(p.precioVentaCents());
        }
        o.field("proveedor_cuit", p.proveedorCuit())
                .field("proveedor_nombre", p.proveedorNombre())
                .field("activo", p.activo());
        o.name("created_at").datetime(p.createdAtMillis());
        long updated = store.updatedAtOf(p.id());
        o.name("updated_at");
        if (updated == 0) {
            o.nullValue();
        } else {
            o.datetime(updated);
        }
        o.endObject();
    }
}
