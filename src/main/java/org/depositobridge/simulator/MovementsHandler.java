package org.depositobridge.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /stock/movements}: date range, product and type filters, 1-based pages ordered by id.
 *
 * <p>Never a full scan: ids and timestamps ascend together, so the date range is two binary searches over the
 * candidate rows (all rows, the product's rows or the type's rows), the total is the distance between them and a
 * page is a slice. Only product + type together filter the (small) list of the product's rows.
 */
final class MovementsHandler {

    static final int MAX_SIZE = 1000;
    static final int DEFAULT_SIZE = 100;

    private final SimulatorStore store;

    MovementsHandler(SimulatorStore store) {
        this.store = store;
    }

    Reply handle(Params q) {
        Problems p = new Problems();
        Long from = instant(p, "fecha_desde", q.get("fecha_desde"));
        Long to = instant(p, "fecha_hasta", q.get("fecha_hasta"));
        Integer productoId = p.integer("query", "producto_id", q.get("producto_id"), null, Integer.MIN_VALUE,
                Integer.MAX_VALUE);
        String tipoRaw = q.get("tipo_movimiento");
        MovementType tipo = null;
        if (tipoRaw != null) {
            tipo = MovementType.fromWire(tipoRaw);
            if (tipo == null) {
                p.add("enum", "query", "tipo_movimiento",
                        "Input should be 'entrada', 'salida', 'ajuste' or 'transferencia'", tipoRaw);
            }
        }
        Integer page = p.integer("query", "page", q.get("page"), 1, 1, Integer.MAX_VALUE);
        Integer size = p.integer("query", "size", q.get("size"), DEFAULT_SIZE, 1, MAX_SIZE);
        if (!p.isEmpty()) {
            return p.reply();
        }
        return Reply.json(200, page(from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to,
                productoId, tipo, page, size));
    }

    /** The JSON of one page; {@code from}/{@code to} inclusive epoch millis. */
    String page(long from, long to, Integer productoId, MovementType tipo, int page, int size) {
        MovementStore m = store.movements();
        int[] rows;
        int lo;
        int hi;
        if (productoId != null) {
            if (store.product(productoId) == null) {
                rows = new int[0];
                lo = 0;
                hi = 0;
            } else {
                IntList list = m.rowsOfProduct(productoId);
                int n = list.size();
                rows = list.array();
                if (tipo != null) {
                    int[] filtered = new int[n];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (m.type(rows[i]) == tipo) {
                            filtered[k++] = rows[i];
                        }
                    }
                    rows = filtered;
                    n = k;
                }
                lo = m.lowerBound(rows, from, 0, n);
                hi = to == Long.MAX_VALUE ? n : m.lowerBound(rows, to + 1, lo, n);
            }
        } else if (tipo != null) {
            IntList list = m.rowsOfType(tipo);
            int n = list.size();
            rows = list.array();
            lo = m.lowerBound(rows, from, 0, n);
            hi = to == Long.MAX_VALUE ? n : m.lowerBound(rows, to + 1, lo, n);
        } else {
            rows = null;
            int n = m.size();
            lo = m.lowerBoundAll(from, 0, n);
            hi = to == Long.MAX_VALUE ? n : m.lowerBoundAll(to + 1, lo, n);
        }
        long total = Math.max(0, hi - lo);
        long pages = (total + size - 1) / size;
        long start = lo + (long) (page - 1) * size;
        long end = Math.min(hi, start + size);
        JsonOut o = new JsonOut(256 + (int) Math.max(0, Math.min(size, end - start)) * 400);
        o.beginObject().name("items").beginArray();
        for (long i = start; i < end; i++) {
            int row = rows == null ? (int) i : rows[(int) i];
            write(o, m, row);
        }
        o.endArray().field("total", total).field("page", page).field("size", size).field("pages", pages).endObject();
        return o.toString();
    }

    private static void write(JsonOut o, MovementStore m, int row) {
        int q = m.quantity(row);
        int before = m.stockBefore(row);
        int price = m.priceCents(row);
        o.beginObject()
                .field("id", row + 1)
                .field("producto_id", m.productId(row))
                .field("tipo_movimiento", m.type(row).wire())
                .field("cantidad", q)
                .field("stock_anterior", before)
                .field("stock_posterior", before + q)
                .field("motivo", m.motivo(row))
                .field("referencia", m.referencia(row));
        o.name("precio_unitario");
        if (price == MovementStore.NO_PRICE) {
            o.nullValue();
        } else {
            o.cents(price);
        }
        o.name("origen").nullValue().name("destino").nullValue()
                .field("usuario", m.usuario(row))
                .field("agente_origen", m.agente(row))
                .field("idempotency_key", m.idempotencyKey(row));
        o.name("timestamp").datetime(m.timestamp(row));
        o.name("valor_total");
        if (price == MovementStore.NO_PRICE) {
            o.nullValue();
        } else {
            o.cents((long) price * Math.abs(q));
        }
        o.endObject();
    }

    /**
     * ISO-8601 date-time with offset ({@code 2026-03-01T10:00:00-03:00}, {@code ...Z}), without offset (read as
     * Argentina local time) or a bare date (local midnight). Epoch millis, or null when absent or invalid.
     */
    static Long instant(Problems p, String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String s = raw.trim();
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).atOffset(JsonOut.ZONE).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay().atOffset(JsonOut.ZONE).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            p.add("datetime_from_date_parsing", "query", field, "Input should be a valid datetime or date", raw);
            return null;
        }
    }
}
