package org.depositobridge.deposito;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Critical-stock sync (bean {@code criticalSync}, route {@code deposito-sync-critical}): the one answer of
 * {@code GET /stock/critical} (a single page), validated whole.
 */
public class CriticalSync implements DepositoSync {

    static final class Cycle {
        boolean done;
        List<StockCritico> items = List.of();
    }

    private final SnapshotStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public CriticalSync(SnapshotStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void start(Exchange exchange) {
        exchange.setProperty(CYCLE, new Cycle());
    }

    @Override
    public void acceptPage(Exchange exchange) {
        Cycle c = exchange.getProperty(CYCLE, Cycle.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isArray()) {
                throw new IllegalArgumentException("expected a JSON array");
            }
            List<StockCritico> items = new ArrayList<>(root.size());
            for (JsonNode n : root) {
                items.add(parse(n));
            }
            c.items = items;
            c.done = true;
        } catch (IOException | IllegalArgumentException e) {
            throw new DepositoContractException("critical", "GET /stock/critical", body, e.getMessage(), e);
        }
    }

    @Override
    public void publish(Exchange exchange) {
        Cycle c = exchange.getProperty(CYCLE, Cycle.class);
        if (!c.done) {
            throw new IllegalStateException("critical stock cycle has no answer");
        }
        long now = clock.millis();
        // the same list as held (the usual cycle): the held one stays, so the warm-start file is not rewritten for it
        store.publish(s -> s.withCritical(s.version() + 1, c.items.equals(s.critical()) ? s.critical() : c.items, now));
        exchange.getMessage().setBody(c.items.size());
    }

    static StockCritico parse(JsonNode n) {
        int stock = JsonFields.requireInt(n, "stock_actual");
        int ajustado = JsonFields.requireInt(n, "stock_minimo_ajustado");
        int deficit = JsonFields.requireInt(n, "deficit");
        if (stock < 0 || deficit < 0) {
            throw new IllegalArgumentException("negative stock or deficit for product " + n.path("producto_id"));
        }
        return new StockCritico(
                JsonFields.requireLong(n, "producto_id"),
                JsonFields.requireText(n, "codigo"),
                JsonFields.requireText(n, "nombre"),
                n.hasNonNull("categoria") ? JsonFields.requireText(n, "categoria") : "General",
                stock,
                JsonFields.requireInt(n, "stock_minimo_original"),
                ajustado,
                JsonFields.requireNumber(n, "factor_temporada"),
                JsonFields.requireText(n, "temporada"),
                deficit,
                JsonFields.optionalText(n, "precio_compra_formateado"));
    }
}
