package org.depositobridge.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.depositobridge.simulator.DepositoSimulator;
import org.depositobridge.simulator.SimulatorOptions;

/**
 * A small, seeded deposito simulator on a free port, and the bridge settings that point at it over real
 * HTTP with short periods, timeouts and back-offs so fault tests run in seconds.
 */
public final class SimulatedDeposito implements AutoCloseable {

    private final DepositoSimulator simulator;
    private final Path secretFile;

    private SimulatedDeposito(DepositoSimulator simulator, Path secretFile) {
        this.simulator = simulator;
        this.secretFile = secretFile;
    }

    public static SimulatedDeposito start(int products, int days, int movementsPerDay) throws Exception {
        DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults()
                .withPort(0).withProducts(products).withDays(days).withMovementsPerDay(movementsPerDay).withSeed(7L));
        Path secret = Files.createTempFile("deposito-secret", ".txt");
        Files.writeString(secret, sim.jwtSecret());
        return new SimulatedDeposito(sim, secret);
    }

    public DepositoSimulator simulator() {
        return simulator;
    }

    /** Bridge overrides: the real-deposito path (deposito.url set) aimed at this simulator, with fast settings. */
    public Map<String, String> bridgeSettings() {
        Map<String, String> m = new HashMap<>();
        m.put("deposito.url", simulator.baseUrl());
        m.put("deposito.jwt-secret-file", secretFile.toString());
        m.put("deposito.productos.period-ms", "300");
        m.put("deposito.critical.period-ms", "300");
        m.put("deposito.movements.period-ms", "300");
        m.put("deposito.productos.page-size", "100");
        m.put("deposito.movements.page-size", "500");
        m.put("deposito.max-requests-per-second", "1000");
        m.put("deposito.retry.max-redeliveries", "2");
        m.put("deposito.retry.initial-delay-ms", "20");
        m.put("deposito.retry.max-delay-ms", "100");
        m.put("deposito.retry.retry-after-cap-seconds", "1");
        m.put("deposito.breaker.wait-open-seconds", "1");
        m.put("deposito.breaker.timeout-ms", "1500");
        m.put("camel.component.http.responseTimeout", "700");
        m.put("camel.component.http.soTimeout", "700");
        m.put("camel.component.http.connectTimeout", "500");
        m.put("deposito.stale-after-seconds", "60");
        m.put("deposito.snapshot.save-interval-seconds", "1");
        return m;
    }

    @Override
    public void close() throws Exception {
        simulator.close();
        Files.deleteIfExists(secretFile);
    }
}
