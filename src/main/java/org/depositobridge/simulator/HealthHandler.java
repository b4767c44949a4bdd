package org.depositobridge.simulator;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /health}: the deposito's health answer, saying plainly that this deposito is simulated. */
final class HealthHandler {

    static final String VERSION = "1.0.0-simulator";

    private final SimulatorStore store;
    private final Clock clock;
    private final long startedAt;

    HealthHandler(SimulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.startedAt = System.nanoTime();
    }

    Reply handle() {
        ObjectNode n = Reply.MAPPER.createObjectNode();
        n.put("status", "healthy");
        n.put("service", "agente_deposito");
        n.put("version", VERSION);
        n.put("timestamp", JsonOut.dateTime(clock.millis()));
        n.put("uptime_seconds", (System.nanoTime() - startedAt) / 1_000_000_000L);
        ObjectNode db = n.putObject("database");
        db.put("status", "connected");
        db.put("type", "simulated-in-memory");
        db.put("productos", store.productCount());
        db.put("movimientos", store.movementCount());
        n.put("simulated", true);
        n.put("mensaje", "Deposito SIMULADO: los datos no son reales");
        return Reply.json(200, n);
    }
}
