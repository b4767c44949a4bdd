package org.depositobridge.simulator;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites a successful JSON answer for the data faults. Exactly:
 * <ul>
 * <li>total drift: an object with {@code total} reports {@code total + (page - 1) * delta}, page taken from
 * {@code page} or from {@code skip / limit + 1}; {@code pages} follows;</li>
 * <li>broken invariant: every object with {@code stock_anterior}, {@code cantidad} and {@code stock_posterior}
 * gets {@code stock_posterior = stock_anterior + cantidad + 7}; a {@code stock_nuevo} is raised by 7;</li>
 * <li>wrong schema: in every object, {@code stock_actual}, {@code stock_posterior}, {@code stock_nuevo},
 * {@code status} and {@code deficit} are removed and {@code id}, {@code producto_id}, {@code movimiento_id},
 * {@code cantidad} and {@code total} become strings.</li>
 * </ul>
 */
final class DataFaults {

    static final int INVARIANT_OFFSET = 7;
    private static final Set<String> DROPPED = Set.of("stock_actual", "stock_posterior", "stock_nuevo", "status",
            "deficit");
    private static final Set<String> STRINGIFIED = Set.of("id", "producto_id", "movimiento_id", "cantidad", "total");

    private DataFaults() {
    }

    static Reply apply(Reply reply, List<Fault> faults) {
        if (faults.isEmpty() || !reply.isJson() || reply.status() >= 300) {
            return reply;
        }
        JsonNode root;
        try {
            root = Reply.MAPPER.readTree(reply.body());
        } catch (IOException e) {
            return reply;
        }
        for (FaultKind kind : new FaultKind[] {FaultKind.TOTAL_DRIFT, FaultKind.BROKEN_INVARIANT, FaultKind.WRONG_SCHEMA}) {
            for (Fault f : faults) {
                if (f.kind() == kind) {
                    switch (kind) {
                        case TOTAL_DRIFT -> drift(root, f.totalDelta());
                        case BROKEN_INVARIANT -> walk(root, DataFaults::breakInvariant);
                        default -> walk(root, DataFaults::wrongSchema);
                    }
                }
            }
        }
        try {
            Reply out = Reply.json(reply.status(), Reply.MAPPER.writeValueAsString(root));
            out.headers().putAll(reply.headers());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drift(JsonNode root, int delta) {
        if (!(root instanceof ObjectNode o) || !o.path("total").isNumber()) {
            return;
        }
        long page = 1;
        if (o.path("page").isNumber()) {
            page = o.get("page").asLong();
        } else if (o.path("skip").isNumber() && o.path("limit").asLong() > 0) {
            page = o.get("skip").asLong() / o.get("limit").asLong() + 1;
        }
        long total = Math.max(0, o.get("total").asLong() + (page - 1) * delta);
        o.put("total", total);
        if (o.path("pages").isNumber() && o.path("size").asLong() > 0) {
            long size = o.get("size").asLong();
            o.put("pages", (total + size - 1) / size);
        }
    }

    private static void breakInvariant(ObjectNode o) {
        if (o.path("stock_anterior").isNumber() && o.path("cantidad").isNumber() && o.has("stock_posterior")) {
            o.put("stock_posterior", o.get("stock_anterior").asLong() + o.get("cantidad").asLong() + INVARIANT_OFFSET);
        }
        if (o.path("stock_nuevo").isNumber()) {
            o.put("stock_nuevo", o.get("stock_nuevo").asLong() + INVARIANT_OFFSET);
        }
    }

    private static void wrongSchema(ObjectNode o) {
        o.remove(DROPPED);
        for (String f : STRINGIFIED) {
            if (o.path(f).isNumber()) {
                o.put(f, o.get(f).asText());
            }
        }
    }

    private static void walk(JsonNode n, Consumer<ObjectNode> action) {
        if (n instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                walk(it.next().getValue(), action);
            }
            action.accept(o);
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                walk(c, action);
            }
        }
    }
}
