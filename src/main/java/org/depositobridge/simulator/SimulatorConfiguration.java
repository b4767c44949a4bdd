package org.depositobridge.simulator;

import java.util.Objects;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.deposito.DepositoTarget;
import org.depositobridge.deposito.DepositoTargetChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded {@link DepositoSimulator} when {@link DepositoTargetChoice} chose it: on 127.0.0.1
 * ({@code simulator.*} keys), logged loudly as simulated data, checking tokens with the configured secret when there
 * is one (else a random one), bound as {@code depositoSimulator} and stopped with the CamelContext. The decision
 * itself is the deposito package's; the composition root ({@code BridgeConfiguration}) runs this only for it.
 */
public class SimulatorConfiguration implements CamelConfiguration {

    public static final String SIMULATOR_BEAN = "depositoSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorConfiguration.class);

    private final ConfigValues cfg;
    private final DepositoTargetChoice choice;
    private DepositoTarget target;

    public SimulatorConfiguration(ConfigValues cfg, DepositoTargetChoice choice) {
        this.cfg = cfg;
        this.choice = choice;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        SimulatorOptions options = options(cfg, choice.prefix());
        String secret = choice.secret();
        if (secret != null) {
            // the bridge signs its tokens with a configured secret whatever the target (DepositoConfiguration):
            // the simulator must check them with the same one, or every call is a 401 for ever
            options = options.withJwtSecret(secret);
        }
        // bound now (the routes need its URL), its data made while the bridge loads its routes: the pollers' first
        // calls wait for it, a warm start serves its snapshot meanwhile (docs/benchmarks.md, "Start-up")
        DepositoSimulator sim = DepositoSimulator.startListening(options);
        context.addService(new SimulatorService(sim), true);
        context.getRegistry().bind(SIMULATOR_BEAN, sim);
        target = new DepositoTarget(sim.baseUrl(), DepositoTarget.SOURCE_SIMULATOR, sim.jwtSecret());
        // the generated counts follow in event=simulator_listening, once the data exists
        LOG.warn("event=simulator_started url={} products={} history_days={} movements_per_day={} seed={} "
                + "live_per_minute={} faults=\"{}\" jwt_secret={} reason=deposito.url_unset data=SIMULATED",
                sim.baseUrl(), options.products(), options.days(), options.movementsPerDay(), options.seed(),
                options.liveMovementsPerMinute(), options.faults(), secret == null ? "random" : "configured");
    }

    /** The running simulator as the bridge's target (after {@link #configure}). */
    public DepositoTarget target() {
        return Objects.requireNonNull(target, "SimulatorConfiguration.configure has not run");
    }

    static SimulatorOptions options(ConfigValues cfg, String prefix) {
        SimulatorOptions o = SimulatorOptions.defaults()
                .withHost(cfg.string("simulator.host"))
                .withPort(cfg.integer("simulator.port"))
                .withProducts(cfg.integer("simulator.products"))
                .withDays(cfg.integer("simulator.history-days"))
                .withMovementsPerDay(cfg.integer("simulator.movements-per-day"))
                .withSeed(cfg.longValue("simulator.seed"))
                .withLiveMovementsPerMinute(cfg.decimal("simulator.live-movements-per-minute"))
                .withMaxMovements(cfg.integer("simulator.max-movements"))
                .withFaults(cfg.optional("simulator.faults").orElse(""))
                .withPathPrefix(prefix);
        String admin = SecretFiles.read(cfg.optional("simulator.admin-token-file").orElse(null));
        return admin == null ? o : o.withAdminToken(admin);
    }

    /** Ties the simulator's life to the CamelContext's: stopped (and its port freed) when Camel stops. */
    static final class SimulatorService implements Service {

        private final DepositoSimulator sim;

        SimulatorService(DepositoSimulator sim) {
            this.sim = sim;
        }

        @Override
        public void start() {
            // already serving: it had to be, to bind its URL before the routes start
        }

        @Override
        public void stop() {
            sim.close();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
