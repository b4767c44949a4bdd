package org.depositobridge.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, for benchmarks and manual use:
 *
 * <pre>
 * java -cp target/deposito-bridge.jar org.depositobridge.simulator.SimulatorMain --port 8002 --products 100000 \
 *      --days 400 --movements-per-day 5000 --seed 1 [--prefix /api/v1] [--secret-file f] [--admin-token-file f] \
 *      [--live-per-minute 60] [--faults 'status:503@productos,ratio=0.2'] [--host 127.0.0.1] [--max-movements N]
 * java -cp target/deposito-bridge.jar org.depositobridge.simulator.SimulatorMain token --secret-file f [--ttl-hours 8]
 * </pre>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length > 0 && args[0].equals("token")) {
            Map<String, String> a = parse(args, 1);
            String secret = SecretFiles.read(a.get("secret-file"));
            if (secret == null) {
                throw new IllegalArgumentException("token needs --secret-file");
            }
            long hours = Long.parseLong(a.getOrDefault("ttl-hours", "8"));
            out.println(new JwtAuth(secret, Clock.systemUTC())
                    .mint(a.getOrDefault("sub", "manual"), JwtAuth.ROLE, Duration.ofHours(hours)));
            return;
        }
        Map<String, String> a = parse(args, 0);
        SimulatorOptions o = SimulatorOptions.defaults()
                .withHost(a.getOrDefault("host", "127.0.0.1"))
                .withPort(Integer.parseInt(a.getOrDefault("port", "8002")))
                .withProducts(Integer.parseInt(a.getOrDefault("products", "2000")))
                .withDays(Integer.parseInt(a.getOrDefault("days", "400")))
                .withMovementsPerDay(Integer.parseInt(a.getOrDefault("movements-per-day", "500")))
                .withSeed(Long.parseLong(a.getOrDefault("seed", "1")))
                .withPathPrefix(a.getOrDefault("prefix", ""))
                .withLiveMovementsPerMinute(Double.parseDouble(a.getOrDefault("live-per-minute", "0")))
                .withFaults(a.getOrDefault("faults", ""))
                .withMaxMovements(Integer.parseInt(a.getOrDefault("max-movements",
                        Integer.toString(SimulatorOptions.DEFAULT_MAX_MOVEMENTS))))
                .withJwtSecret(SecretFiles.read(a.get("secret-file")))
                .withAdminToken(SecretFiles.read(a.get("admin-token-file")));
        DepositoSimulator sim = DepositoSimulator.start(o);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        out.println("Deposito SIMULATOR (all data is SIMULATED) listening at " + sim.baseUrl());
        out.println("  products=" + sim.store().productCount() + " movements=" + sim.store().movementCount()
                + " generated_in_ms=" + sim.generationMillis());
        String adminHint = a.containsKey("admin-token-file") ? "$(cat " + a.get("admin-token-file") + ")"
                : sim.adminToken();
        out.println("  get a token: curl -s -H 'X-Sim-Admin-Token: " + adminHint + "' " + sim.rootUrl()
                + "/__sim/token");
        if (a.containsKey("secret-file")) {
            out.println("  or offline:  java -cp target/deposito-bridge.jar " + SimulatorMain.class.getName()
                    + " token --secret-file " + a.get("secret-file"));
        }
        out.println("  then:        curl -s -H \"Authorization: Bearer $TOKEN\" " + sim.baseUrl() + "/health");
        out.println("Ctrl-C stops it.");
        stopped.await();
    }

    private static Map<String, String> parse(String[] args, int from) {
        Map<String, String> m = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got: " + k);
            }
            m.put(k.substring(2), args[++i]);
        }
        return m;
    }
}
