package org.depositobridge.simulator;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /stock/update}: validates a {@code StockUpdateRequest} like Pydantic would (422 with every problem
 * listed), then applies it through the {@link StockLedger}. Validation is strict about JSON types (an integer
 * field takes a JSON integer, not "5" or 5.0). {@code cantidad} 0 is a 422 {@code value_error}, as is a sign that
 * contradicts the type (entrada needs > 0, salida < 0; ajuste takes either).
 */
final class StockUpdateHandler {

    static final String APPLIED = "Stock actualizado correctamente";
    static final String REPLAYED = "Operación ya procesada (idempotente)";
    /** Longest accepted text field, so API input cannot grow the string table without bound per row. */
    static final int MAX_TEXT = 500;

    private final StockLedger ledger;
    private final SimulatorMetrics metrics;

    StockUpdateHandler(StockLedger ledger, SimulatorMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    Reply handle(String body, String subject) {
        JsonNode root;
        try {
            root = Reply.MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            root = null;
        }
        Problems p = new Problems();
        if (root == null || root.isMissingNode()) {
            metrics.update("invalid");
            return p.add("json_invalid", "body", null, "JSON decode error", body == null ? "" : body).reply();
        }
        if (!root.isObject()) {
            metrics.update("invalid");
            return p.add("model_attributes_type", "body", null,
                    "Input should be a valid dictionary or object to extract fields from", root).reply();
        }
        Integer productoId = integer(p, root, "producto_id");
        MovementType tipo = null;
        JsonNode t = root.get("tipo_movimiento");
        if (t == null) {
            p.add("missing", "body", "tipo_movimiento", "Field required", root);
        } else {
            tipo = t.isTextual() ? MovementType.fromWire(t.asText()) : null;
            if (tipo == null || tipo == MovementType.TRANSFERENCIA) {
                tipo = null;
                p.add("enum", "body", "tipo_movimiento", "Input should be 'entrada', 'salida' or 'ajuste'", t);
            }
        }
        Integer cantidad = integer(p, root, "cantidad");
        if (cantidad != null) {
            String wrong = cantidad == 0 ? "cantidad no puede ser 0"
                    : tipo == MovementType.ENTRADA && cantidad < 0 ? "una entrada requiere cantidad positiva"
                    : tipo == MovementType.SALIDA && cantidad > 0 ? "una salida requiere cantidad negativa" : null;
            if (wrong != null) {
                p.add("value_error", "body", "cantidad", "Value error, " + wrong, root.get("cantidad"));
            }
        }
        String motivo = text(p, root, "motivo", null, true);
        String referencia = text(p, root, "referencia", null, true);
        String usuario = text(p, root, "usuario", "sistema", false);
        String key = text(p, root, "idempotency_key", null, true);
        Integer precio = price(p, root);
        if (!p.isEmpty()) {
            metrics.update("invalid");
            return p.reply();
        }
        StockLedger.Outcome o = ledger.apply(new StockLedger.Change(productoId, tipo, cantidad, motivo, referencia,
                precio, usuario, subject == null || subject.isBlank() ? "api" : subject, key, 0));
        if (o instanceof StockLedger.Applied a) {
            metrics.update("applied");
            return success(a.movement(), APPLIED);
        }
        if (o instanceof StockLedger.Replayed r) {
            metrics.update("replayed");
            return success(r.movement(), REPLAYED);
        }
        if (o instanceof StockLedger.NotFound) {
            metrics.update("not_found");
            return Reply.error(404, "producto_no_encontrado", "Producto " + productoId + " no encontrado");
        }
        if (o instanceof StockLedger.Insufficient i) {
            metrics.update("insufficient");
            ObjectNode n = Reply.errorNode("stock_insuficiente", "Stock insuficiente: disponible " + i.stockActual()
                    + ", solicitado " + Math.abs(cantidad));
            n.put("stock_actual", i.stockActual());
            return Reply.json(400, n);
        }
        metrics.update("store_full");
        return Reply.detail(503, "Simulator movement store is full (" + ((StockLedger.StoreFull) o).capacity()
                + " rows); restart it or raise its capacity");
    }

    private static Reply success(Movement m, String mensaje) {
        ObjectNode n = Reply.MAPPER.createObjectNode();
        n.put("success", true);
        n.put("movimiento_id", m.id());
        n.put("producto_id", m.productoId());
        n.put("stock_anterior", m.stockAnterior());
        n.put("stock_nuevo", m.stockPosterior());
        n.put("mensaje", mensaje);
        return Reply.json(200, n);
    }

    private static Integer integer(Problems p, JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null) {
            p.add("missing", "body", field, "Field required", root);
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            p.add("int_type", "body", field, "Input should be a valid integer", v);
            return null;
        }
        return v.intValue();
    }

    private static String text(Problems p, JsonNode root, String field, String dflt, boolean nullable) {
        JsonNode v = root.get(field);
        if (v == null) {
            return dflt;
        }
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual()) {
            p.add("string_type", "body", field, "Input should be a valid string", v);
            return null;
        }
        if (v.asText().length() > MAX_TEXT) {
            p.add("string_too_long", "body", field, "String should have at most " + MAX_TEXT + " characters", v);
            return null;
        }
        return v.asText();
    }

    private static Integer price(Problems p, JsonNode root) {
        JsonNode v = root.get("precio_unitario");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            p.add("float_type", "body", "precio_unitario", "Input should be a valid number", v);
            return null;
        }
        double d = v.asDouble();
        long cents = Math.round(d * 100);
        if (!(d > 0) || cents < 1 || cents > Integer.MAX_VALUE) {
            p.add("greater_than", "body", "precio_unitario", "Input should be greater than 0", v);
            return null;
        }
        return (int) cents;
    }
}
