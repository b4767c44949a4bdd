package org.depositobridge.stock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;

/**
 * The stock tests' set-up: a small seeded simulator, an inbox folder under the test's temp dir, and the real bridge
 * consuming that inbox and calling the simulator over real HTTP.
 */
record StockBridge(SimulatedDeposito deposito, StockInbox inbox, RunningBridge bridge) implements AutoCloseable {

    /** Products, days and movements a day of the simulator; {@code extra} overrides the bridge's settings. */
    static StockBridge start(Path temp, int products, int days, int movementsPerDay, Map<String, String> extra)
            throws Exception {
        SimulatedDeposito deposito = SimulatedDeposito.start(products, days, movementsPerDay);
        try {
            StockInbox inbox = new StockInbox(Files.createDirectories(temp.resolve("inbox")));
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("stock-updates.inbox", inbox.dir().toString());
            settings.putAll(extra);
            return new StockBridge(deposito, inbox, RunningBridge.start(settings));
        } catch (Exception | Error e) {
            deposito.close();
            throw e;
        }
    }

    DepositoSimulator sim() {
        return deposito.simulator();
    }

    Path dir() {
        return inbox.dir();
    }

    @Override
    public void close() throws Exception {
        try {
            bridge.close();
        } finally {
            deposito.close();
        }
    }
}
