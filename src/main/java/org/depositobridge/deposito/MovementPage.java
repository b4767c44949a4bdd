package org.depositobridge.deposito;

import java.io.IOException;
import java.time.ZoneId;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * One page of {@code GET /stock/movements} ({@code {items:[Movimiento], total, page, size, pages}}) read into columns,
 * every movement validated before any of them is appended: required fields, the quantity's sign for its type, the
 * stock arithmetic, ids ascending. Streaming (Jackson's parser over the page's bytes, no tree), as the full sync reads
 * 2,000 of these pages of ~400 kB each. What depends on the cycle (the page count of page 1, a total that shrinks) is
 * {@link MovementsSync}'s.
 */
final class MovementPage {

    final long[] id;
    final int[] productoId;
    final byte[] tipo;
    final int[] cantidad;
    final long[] ts;
    final double[] precio;
    final double[] valor;
    /** Movements read. */
    int n;
    /** The page's {@code total} and {@code pages}. */
    long total = -1;
    int pages = -1;

    private MovementPage(int capacity) {
        id = new long[capacity];
        productoId = new int[capacity];
        tipo = new byte[capacity];
        cantidad = new int[capacity];
        ts = new long[capacity];
        precio = new double[capacity];
        valor = new double[capacity];
    }

    /**
     * Reads a page of at most {@code capacity} movements; timestamps without an offset are in {@code zone}.
     *
     * @throws IllegalArgumentException  what in the page breaks the contract
     * @throws IOException               not JSON
     * @throws java.time.format.DateTimeParseException  a timestamp that is not ISO-8601
     */
    static MovementPage read(JsonFactory json, byte[] body, int capacity, ZoneId zone) throws IOException {
        MovementPage page = new MovementPage(capacity);
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            boolean sawItems = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "items" -> {
                        page.readItems(p, t, zone);
                        sawItems = true;
                    }
                    case "total" -> page.total = requireLong(p, t, "total");
                    case "pages" -> page.pages = (int) requireLong(p, t, "pages");
                    default -> p.skipChildren();
                }
            }
            if (!sawItems || page.total < 0 || page.pages < 0) {
                throw new IllegalArgumentException("page lacks items, total or pages");
            }
        }
        return page;
    }

    private void readItems(JsonParser p, JsonToken t, ZoneId zone) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("items must be an array");
        }
        long previousId = Long.MIN_VALUE;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("items[" + n + "] must be an object");
            }
            if (n == id.length) {
                throw new IllegalArgumentException("more items than the page size " + id.length);
            }
            readItem(p, zone);
            long itemId = id[n];
            if (itemId <= previousId) {
                throw new IllegalArgumentException("items not ordered by id: " + itemId + " after " + previousId);
            }
            previousId = itemId;
            n++;
        }
    }

    private void readItem(JsonParser p, ZoneId zone) throws IOException {
        int i = n;
        long itemId = -1;
        long itemProductoId = -1;
        TipoMovimiento itemTipo = null;
        Long itemCantidad = null;
        Long anterior = null;
        Long posterior = null;
        Long itemTs = null;
        double itemPrecio = Double.NaN;
        double itemValor = Double.NaN;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            t = p.nextToken();
            switch (f) {
                case "id" -> itemId = requireLong(p, t, "id");
                case "producto_id" -> itemProductoId = requireLong(p, t, "producto_id");
                case "tipo_movimiento" -> {
                    if (t != JsonToken.VALUE_STRING || (itemTipo = TipoMovimiento.fromCode(p.getText())) == null) {
                        throw new IllegalArgumentException("tipo_movimiento must be entrada|salida|ajuste|transferencia");
                    }
                }
                case "cantidad" -> itemCantidad = requireLong(p, t, "cantidad");
                case "stock_anterior" -> anterior = requireLong(p, t, "stock_anterior");
                case "stock_posterior" -> posterior = requireLong(p, t, "stock_posterior");
                case "timestamp" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new IllegalArgumentException("timestamp must be a string");
                    }
                    itemTs = DepositoTime.parse(p.getText(), zone);
                }
                case "precio_unitario" -> itemPrecio = optionalDouble(p, t, "precio_unitario");
                case "valor_total" -> itemValor = optionalDouble(p, t, "valor_total");
                default -> p.skipChildren();
            }
        }
        if (itemId < 0 || itemProductoId < 0 || itemTipo == null || itemCantidad == null || anterior == null
                || posterior == null || itemTs == null) {
            throw new IllegalArgumentException("movement " + itemId + " lacks a required field");
        }
        if (itemCantidad == 0 || (itemTipo == TipoMovimiento.ENTRADA && itemCantidad < 0)
                || (itemTipo == TipoMovimiento.SALIDA && itemCantidad > 0)) {
            throw new IllegalArgumentException("movement " + itemId + ": cantidad " + itemCantidad + " does not fit tipo "
                    + itemTipo.code());
        }
        if (posterior != anterior + itemCantidad || posterior < 0) {
            throw new IllegalArgumentException("movement " + itemId + ": stock_posterior " + posterior
                    + " != stock_anterior " + anterior + " + cantidad " + itemCantidad);
        }
        if (itemProductoId > Integer.MAX_VALUE || Math.abs(itemCantidad) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("movement " + itemId + ": value out of range");
        }
        id[i] = itemId;
        productoId[i] = (int) itemProductoId;
        tipo[i] = (byte) itemTipo.ordinal();
        cantidad[i] = itemCantidad.intValue();
        ts[i] = itemTs;
        precio[i] = itemPrecio;
        valor[i] = itemValor;
    }

    private static long requireLong(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return p.getLongValue();
    }

    private static double optionalDouble(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return p.getDoubleValue();
    }
}
