package org.depositobridge;

import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.spi.Registry;
import org.depositobridge.cluster.ClusterConfiguration;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.console.ConsoleConfiguration;
import org.depositobridge.console.InlinedRestRouteLabels;
import org.depositobridge.dataset.DatasetConfiguration;
import org.depositobridge.deposito.DepositoConfiguration;
import org.depositobridge.deposito.DepositoTarget;
import org.depositobridge.deposito.DepositoTargetChoice;
import org.depositobridge.deposito.DepositoTargetRef;
import org.depositobridge.health.HealthView;
import org.depositobridge.logging.LogMask;
import org.depositobridge.logging.RouteScopedMdc;
import org.depositobridge.report.DepositoListApi;
import org.depositobridge.report.ReportConfiguration;
import org.depositobridge.report.ReportDeliveryConfiguration;
import org.depositobridge.security.SecurityConfiguration;
import org.depositobridge.simulator.SimulatorConfiguration;
import org.depositobridge.stats.StatsConfiguration;
import org.depositobridge.stock.StockUpdatesConfiguration;
import org.depositobridge.web.WebConfiguration;

/**
 * The composition root: the only configuration {@link App} registers (no package scan). It reads the settings once
 * through {@link ConfigValues}, runs each package's configuration in the order of their dependencies, and hands each
 * the objects it needs from the ones before it, so nothing is looked up or created on first use and the wiring does
 * not depend on the order of a scan. docs/architecture.md "Who creates what" draws it.
 */
public class BridgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        Registry registry = context.getRegistry();

        // before any route is built: each route reads the unit-of-work factory once
        RouteScopedMdc.install(context, cfg.optional("bridge.logging.mdc-exclude-routes").orElse(""));
        // Camel looks this name up for camel.main.logMask=true
        registry.bind(MaskingFormatter.CUSTOM_LOG_MASK_REF, new LogMask());
        registry.bind("healthView", new HealthView());

        // meters and call statistics first: every capability after this one reports into them
        StatsConfiguration stats = new StatsConfiguration(cfg);
        stats.configure(context);
        ClusterConfiguration cluster = new ClusterConfiguration(cfg);
        cluster.configure(context);

        // what the bridge talks to, decided once (the deposito package's rule); the simulator starts only if chosen
        DepositoTargetChoice choice = DepositoTargetChoice.decide(cfg);
        choice.log();
        DepositoTarget target = switch (choice.kind()) {
            case DEPOSITO -> choice.deposito();
            case SIMULATOR -> {
                SimulatorConfiguration simulator = new SimulatorConfiguration(cfg, choice);
                simulator.configure(context);
                yield simulator.target();
            }
            case NONE -> null;
        };
        if (target != null) {
            registry.bind("depositoTarget", target);
        }
        DepositoTargetRef targetRef = new DepositoTargetRef(target);
        // bound even without a target: routes/deposito-call.camel.yaml names it, and a call then fails saying why
        registry.bind("depositoTargetRef", targetRef);

        // the pollers and the one snapshot store; then everything that reads the store
        DepositoConfiguration deposito = new DepositoConfiguration(cfg, targetRef, stats.bridgeMetrics());
        deposito.configure(context);
        new DatasetConfiguration(cfg, deposito.store(), targetRef, stats.stats()).configure(context);
        // the datasets listen to the store now: the warm-start file loads on its own thread while the routes load
        deposito.startWarmLoad();
        new SecurityConfiguration(cfg, targetRef).configure(context);
        new WebConfiguration().configure(context);
        new ReportConfiguration(cfg).configure(context);
        // the raw deposito lists as JSON and CSV endpoints (docs/routes.md "Recipes" (d))
        registry.bind("depositoListApi", new DepositoListApi(deposito.lists(), deposito.zone(), Clock.systemUTC()));
        new ReportDeliveryConfiguration(cfg).configure(context);
        new StockUpdatesConfiguration(cfg, deposito.store(), cluster.leadership()).configure(context);
        new ConsoleConfiguration(cfg).configure(context);
        // before the routes are added: REST-inlined routes keep their description and input id in the console
        new InlinedRestRouteLabels().configure(context);

        // once the servers are bound and the routes run: the summary shows the real ports
        WhenFullyStarted.run(context, StartSummary::log);
    }
}
