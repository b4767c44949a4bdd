package org.depositobridge.simulator;

import java.util.Locale;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.spi.PropertiesComponent;
import org.depositobridge.StartupRefused;
import org.depositobridge.deposito.DepositoTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the bridge talks to and binds it as {@code depositoTarget}.
 *
 * <p>With {@code deposito.url} set: the real deposito at {@code url + deposito.path-prefix}, its HS256 secret from
 * the environment variable {@code DEPOSITO_JWT_SECRET} or the file named by {@code deposito.jwt-secret-file}.
 * Without it: an embedded {@link DepositoSimulator} on 127.0.0.1 ({@code simulator.*} keys), logged loudly as
 * simulated data, checking tokens with the configured secret when there is one (else a random one), bound also
 * as {@code depositoSimulator} and stopped with the CamelContext; unless
 * {@code simulator.enabled=false}, which binds no target at all (for tests that must see no deposito traffic).
 * {@code deposito.target} makes the choice explicit: {@code auto} (the above), {@code deposito} (refuse to start
 * without {@code deposito.url}: the prod profile) or {@code simulator} (the simulator even with a URL set).
 */
public class SimulatorConfiguration implements CamelConfiguration {

    public static final String TARGET_BEAN = "depositoTarget";
    public static final String SIMULATOR_BEAN = "depositoSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        String url = prop(pc, "deposito.url", "");
        String prefix = SimulatorOptions.normalisePrefix(prop(pc, "deposito.path-prefix", ""));
        String secret = configuredSecret(pc);
        String target = prop(pc, "deposito.target", "auto").trim().toLowerCase(Locale.ROOT);
        switch (target) {
            case "auto" -> { }
            case "deposito" -> {
                if (url.isBlank()) {
                    // a production bridge must never serve simulated numbers because one variable was forgotten
                    throw new StartupRefused("event=deposito_url_missing key=deposito.url target=deposito"
                            + " fix=\"set DEPOSITO_URL (deposito.url) to the real deposito, or DEPOSITO_TARGET=simulator"
                            + " to run on simulated data on purpose\"", null);
                }
            }
            case "simulator" -> url = "";
            default -> throw new StartupRefused("event=config_invalid key=deposito.target value=" + target
                    + " fix=\"use auto, deposito or simulator\"", null);
        }
        if (!url.isBlank()) {
            String base = url.trim().replaceAll("/+$", "") + prefix;
            context.getRegistry().bind(TARGET_BEAN, new DepositoTarget(base, DepositoTarget.SOURCE_DEPOSITO, secret));
            LOG.info("event=deposito_target source=deposito url={} secret={}", base,
                    secret == null ? "none" : "configured");
            return;
        }
        if (!Boolean.parseBoolean(prop(pc, "simulator.enabled", "true"))) {
            // tests that must see no deposito traffic at all; the pollers then fail for want of a target
            LOG.warn("event=deposito_target_missing reason=deposito.url_unset_and_simulator_disabled");
            return;
        }
        SimulatorOptions options = options(pc, prefix);
        if (secret != null) {
            // the bridge signs its tokens with a configured secret whatever the target (DepositoConfiguration):
            // the simulator must check them with the same one, or every call is a 401 for ever
            options = options.withJwtSecret(secret);
        }
        DepositoSimulator sim = DepositoSimulator.start(options);
        context.addService(new SimulatorService(sim), true);
        context.getRegistry().bind(SIMULATOR_BEAN, sim);
        context.getRegistry().bind(TARGET_BEAN,
                new DepositoTarget(sim.baseUrl(), DepositoTarget.SOURCE_SIMULATOR, sim.jwtSecret()));
        LOG.warn("event=simulator_started url={} products={} movements={} seed={} live_per_minute={} faults=\"{}\" "
                + "jwt_secret={} reason=deposito.url_unset data=SIMULATED", sim.baseUrl(), sim.store().productCount(),
                sim.store().movementCount(), options.seed(), options.liveMovementsPerMinute(), options.faults(),
                secret == null ? "random" : "configured");
    }

    /** The deposito's HS256 secret: environment DEPOSITO_JWT_SECRET first, then deposito.jwt-secret-file; or null. */
    static String configuredSecret(PropertiesComponent pc) {
        String secret = System.getenv("DEPOSITO_JWT_SECRET");
        if (secret == null || secret.isBlank()) {
            secret = SecretFiles.read(prop(pc, "deposito.jwt-secret-file", ""));
        }
        return secret == null || secret.isBlank() ? null : secret.trim();
    }

    static SimulatorOptions options(PropertiesComponent pc, String prefix) {
        SimulatorOptions o = SimulatorOptions.defaults()
                .withHost(prop(pc, "simulator.host", "127.0.0.1"))
                .withPort(Integer.parseInt(prop(pc, "simulator.port", "0")))
                .withProducts(Integer.parseInt(prop(pc, "simulator.products", "2000")))
                .withDays(Integer.parseInt(prop(pc, "simulator.history-days", "400")))
                .withMovementsPerDay(Integer.parseInt(prop(pc, "simulator.movements-per-day", "500")))
                .withSeed(Long.parseLong(prop(pc, "simulator.seed", "1")))
                .withLiveMovementsPerMinute(Double.parseDouble(prop(pc, "simulator.live-movements-per-minute", "60")))
                .withMaxMovements(Integer.parseInt(prop(pc, "simulator.max-movements", "1000000")))
                .withFaults(prop(pc, "simulator.faults", ""))
                .withPathPrefix(prefix);
        String admin = SecretFiles.read(prop(pc, "simulator.admin-token-file", ""));
        return admin == null ? o : o.withAdminToken(admin);
    }

    private static String prop(PropertiesComponent pc, String key, String dflt) {
        return pc.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(dflt);
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
