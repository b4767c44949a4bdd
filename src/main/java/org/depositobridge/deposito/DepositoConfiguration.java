package org.depositobridge.deposito;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.health.DepositoHealth;
import org.depositobridge.stats.BridgeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the beans the {@code routes/deposito-*.camel.yaml} routes call. Every value comes from
 * {@code config/application.properties}, where each key is documented with its default.
 */
public class DepositoConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DepositoConfiguration.class);

    private final DepositoSettings settings;
    private final ConfigValues cfg;
    private final DepositoTargetRef target;
    private final BridgeMetrics metrics;
    private SnapshotStore store;
    private DepositoLists lists;
    private SnapshotPersister persister;

    /**
     * @param target  the deposito chosen at start-up ({@link DepositoTargetChoice})
     * @param metrics the bridge's meters (dataset age and staleness gauges)
     */
    public DepositoConfiguration(ConfigValues cfg, DepositoTargetRef target, BridgeMetrics metrics) {
        this.cfg = cfg;
        this.settings = DepositoSettings.read(cfg);
        this.target = target;
        this.metrics = metrics;
    }

    /** The one snapshot store of the bridge (bean {@code snapshotStore}), created by {@link #configure}. */
    public SnapshotStore store() {
        return Objects.requireNonNull(store, "DepositoConfiguration.configure has not run");
    }

    /** The zone the deposito's dates are read in (deposito settings). */
    public ZoneId zone() {
        return settings.zone();
    }

    /** The named raw lists YAML pollers keep (bean {@code depositoLists}), created by {@link #configure}. */
    public DepositoLists lists() {
        return Objects.requireNonNull(lists, "DepositoConfiguration.configure has not run");
    }

    /**
     * Starts reading the warm-start file on its own thread, so it loads while the routes do. Call it once every
     * reader of {@link #store} that listens to publications is attached; the persister's start does it otherwise.
     */
    public void startWarmLoad() {
        Objects.requireNonNull(persister, "DepositoConfiguration.configure has not run").startLoading();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        DepositoSettings s = settings;
        Clock clock = Clock.systemUTC();
        ZoneId zone = s.zone();
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        String secret = firstNonBlank(System.getenv("DEPOSITO_JWT_SECRET"), DepositoToken.readFile(s.jwtSecretFile().orElse(null)));
        String staticToken = firstNonBlank(System.getenv("DEPOSITO_TOKEN"), DepositoToken.readFile(s.tokenFile().orElse(null)));
        // the embedded simulator shares its secret through the target; a configured one always wins
        DepositoToken token = new DepositoToken(() -> secret != null ? secret : target.get().jwtSecret(), staticToken,
                Duration.ofSeconds(s.tokenTtlSeconds()), Duration.ofSeconds(s.tokenRenewBeforeSeconds()), s.tokenSubject(),
                s.tokenIssuer().orElse(null), clock);

        // created here, once: the pollers publish to it and the composition root hands it to datasets and stock
        store = new SnapshotStore(target::source, s.staleAfterSeconds() * 1000, clock);
        registry.bind("snapshotStore", store);
        if (s.asyncListeners()) {
            // the datasets rebuild (hundreds of ms at 2M movements) must not lengthen the pollers' cycles
            store.notifyListenersOn(context.getExecutorServiceManager().newSingleThreadExecutor(this, "snapshot-listeners"));
        }
        long staleAfterSeconds = s.staleAfterSeconds();
        SyncMonitor monitor = new SyncMonitor(store, clock);
        Path data = s.dataDir();
        registry.bind("depositoJson", json);
        registry.bind("depositoToken", token);
        DepositoCalls calls = new DepositoCalls(target, token, s.retryAfterCapSeconds() * 1000);
        registry.bind("depositoCalls", calls);
        // processors named by the error policy (onRedeliveryRef / onExceptionOccurredRef take a Processor)
        registry.bind("depositoReauth", (Processor) calls::reauthenticate);
        registry.bind("depositoRetryAfter", (Processor) calls::retryAfter);
        registry.bind("syncMonitor", monitor);
        // camel.component.http.httpClientConfigurer names it: every deposito answer is cut at the cap while read
        // the head kept for a dead letter is copied from every answer, so it stays small: 64 KiB tell what came
        registry.bind("depositoResponseCap", new DepositoResponseCap(s.maxResponseBytes(),
                Math.min(s.deadLetterMaxBodyBytes(), 64 * 1024)));
        // pages of one cycle fetched in parallel: a fixed pool, a bounded queue, the caller runs when it is full
        registry.bind("depositoPageFetchers", new ThreadPoolBuilder(context)
                .poolSize(s.pageFetchParallelism()).maxPoolSize(s.pageFetchParallelism()).maxQueueSize(64)
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                .build(this, "deposito-pages"));
        registry.bind("productosSync", new ProductosSync(store, json, s.productosPageSize(), zone, clock));
        registry.bind("criticalSync", new CriticalSync(store, json, clock));
        registry.bind("movementsSync", new MovementsSync(store, json, s.movementsPageSize(),
                Duration.ofMinutes(s.overlapMinutes()), Duration.ofDays(s.historyDays()), Duration.ofDays(s.firstSyncDays()),
                zone, clock));
        // docs/routes.md "Recipes" (d): one more deposito list served with no Java change
        lists = new DepositoLists(cfg.integer("deposito.lists.max-rows"), cfg.integer("deposito.lists.max-lists"), json,
                target::source, staleAfterSeconds * 1000, clock);
        registry.bind("depositoLists", lists);
        registry.bind("deadLetters", new DeadLetters(data.resolve("dead-letters"), s.deadLetterMaxFiles(),
                s.deadLetterMaxBytes(), s.deadLetterMaxBodyBytes(), json, clock));

        persister = new SnapshotPersister(store, new SnapshotFile(data.resolve("snapshot.bin"), json),
                s.snapshotSaveIntervalSeconds() * 1000, s.snapshotEnabled(), target::source);
        registry.bind("snapshotPersister", persister);
        context.addService(persister);

        // dataset age and staleness gauges (bridge_dataset_age_seconds, bridge_dataset_stale), when metrics are on
        context.addStartupListener((ctx, alreadyStarted) -> {
            if (metrics != null) {
                for (String poller : PollerRoutes.pollers(ctx)) {
                    metrics.trackDataset(poller, Duration.ofSeconds(staleAfterSeconds));
                }
                monitor.onSuccess((poller, at) -> metrics.datasetUpdated(poller, Instant.ofEpochMilli(at)));
            }
        });
        registry.bind("depositoHealth", new DepositoHealth() {
            @Override
            public boolean reachable() {
                return monitor.reachable();
            }

            @Override
            public Long lastSuccessMillis() {
                return monitor.lastSuccessMillis();
            }

            @Override
            public String circuitState() {
                return DepositoHealthCheck.circuitState(context);
            }
        });

        if (s.syncEnabled()) {
            // the pollers are known once the routes are loaded
            context.addStartupListener((ctx, alreadyStarted) -> watchPollers(ctx, monitor));
        }
        // breaker state changes, one line each (the breaker exists once the routes have started)
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // the routes are not started yet
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                BreakerStateLog.install(ctx);
            }
        });

        DepositoHealthCheck check = new DepositoHealthCheck(store, monitor);
        check.setCamelContext(context);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(check);
        }
    }

    /**
     * The stall watchdog: a poller whose route runs but which has started no cycle for stall-periods periods plus
     * its cycle timeout has lost its schedule (or hangs); readiness goes DOWN and the change is logged. Checked
     * every second on a thread of its own, so it does not depend on the pollers' threads it watches.
     */
    private void watchPollers(CamelContext context, SyncMonitor monitor) {
        for (String poller : PollerRoutes.pollers(context)) {
            long period = cfg.longValue("deposito." + poller + ".period-ms");
            long cycleTimeout = cfg.longValue("deposito." + poller + ".cycle-timeout-ms");
            monitor.watch(poller, settings.stallPeriods() * period + cycleTimeout);
        }
        ScheduledExecutorService watchdog = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "deposito-poller-watchdog");
        watchdog.scheduleWithFixedDelay(() -> {
            try {
                monitor.checkStalls(poller -> {
                    ServiceStatus status = context.getRouteController().getRouteStatus(PollerRoutes.routeId(poller));
                    return status != null && status.isStarted();
                });
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again: the watchdog must outlive any error
                LOG.warn("event=poller_watchdog_failed error=\"{}\"", e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
