package org.depositobridge.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The simulator's own counters, served as Prometheus text on {@code GET /metrics}. Label values come only from
 * closed sets (endpoint group, status code 100..599, fault kind, outcome), so the series count is bounded.
 */
final class SimulatorMetrics {

    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder[] faults = new LongAdder[FaultKind.values().length];
    private final ConcurrentHashMap<String, LongAdder> updates = new ConcurrentHashMap<>();
    private final LongAdder live = new LongAdder();
    private IntSupplier movements = () -> 0;
    private IntSupplier products = () -> 0;

    SimulatorMetrics() {
        for (int i = 0; i < faults.length; i++) {
            faults[i] = new LongAdder();
        }
    }

    void bind(IntSupplier productCount, IntSupplier movementCount) {
        this.products = productCount;
        this.movements = movementCount;
    }

    /** {@code route} is an endpoint group wire name or one of metrics/admin/other. */
    void request(String route, int status) {
        int s = status < 100 || status > 599 ? 0 : status;
        requests.computeIfAbsent(route + "\u0000" + s, k -> new LongAdder()).increment();
    }

    void faultFired(FaultKind kind) {
        faults[kind.ordinal()].increment();
    }

    /** {@code outcome}: applied, replayed, not_found, insufficient, invalid, store_full. */
    void update(String outcome) {
        updates.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    void liveMovement() {
        live.increment();
    }

    String prometheus() {
        StringBuilder b = new StringBuilder(2048);
        b.append("# HELP deposito_simulator_info Constant 1: this deposito is a simulator and its data is simulated.\n")
                .append("# TYPE deposito_simulator_info gauge\n")
                .append("deposito_simulator_info{simulated=\"true\"} 1\n");
        b.append("# HELP deposito_simulator_requests_total HTTP requests answered, by endpoint group and status.\n")
                .append("# TYPE deposito_simulator_requests_total counter\n");
        Map<String, LongAdder> sorted = new TreeMap<>(requests);
        sorted.forEach((k, v) -> {
            String[] p = k.split("\u0000");
            b.append("deposito_simulator_requests_total{endpoint=\"").append(p[0]).append("\",status=\"")
                    .append(p[1]).append("\"} ").append(v.sum()).append('\n');
        });
        b.append("# HELP deposito_simulator_faults_fired_total Requests a fault was applied to, by kind.\n")
                .append("# TYPE deposito_simulator_faults_fired_total counter\n");
        for (FaultKind k : FaultKind.values()) {
            b.append("deposito_simulator_faults_fired_total{kind=\"").append(k.wire()).append("\"} ")
                    .append(faults[k.ordinal()].sum()).append('\n');
        }
        b.append("# HELP deposito_simulator_stock_updates_total POST /stock/update requests by outcome.\n")
                .append("# TYPE deposito_simulator_stock_updates_total counter\n");
        new TreeMap<>(updates).forEach((k, v) -> b.append("deposito_simulator_stock_updates_total{outcome=\"")
                .append(k).append("\"} ").append(v.sum()).append('\n'));
        b.append("# HELP deposito_simulator_live_movements_total Movements appended by live activity.\n")
                .append("# TYPE deposito_simulator_live_movements_total counter\n")
                .append("deposito_simulator_live_movements_total ").append(live.sum()).append('\n');
        b.append("# HELP deposito_simulator_movements Movements held.\n")
                .append("# TYPE deposito_simulator_movements gauge\n")
                .append("deposito_simulator_movements ").append(movements.getAsInt()).append('\n');
        b.append("# HELP deposito_simulator_products Products held.\n")
                .append("# TYPE deposito_simulator_products gauge\n")
                .append("deposito_simulator_products ").append(products.getAsInt()).append('\n');
        return b.toString();
    }
}
