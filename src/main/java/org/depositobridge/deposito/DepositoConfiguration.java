package org.depositobridge.deposito;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
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

    @PropertyInject(value = "deposito.token.ttl-seconds", defaultValue = "28800")
    long tokenTtlSeconds;
    @PropertyInject(value = "deposito.token.renew-before-seconds", defaultValue = "300")
    long tokenRenewBeforeSeconds;
    @PropertyInject(value = "deposito.token.subject", defaultValue = "deposito-bridge")
    String tokenSubject;
    @PropertyInject(value = "deposito.retry.retry-after-cap-seconds", defaultValue = "30")
    long retryAfterCapSeconds;
    @PropertyInject(value = "deposito.productos.page-size", defaultValue = "1000")
    int productosPageSize;
    @PropertyInject(value = "deposito.movements.page-size", defaultValue = "1000")
    int movementsPageSize;
    @PropertyInject(value = "deposito.movements.overlap-minutes", defaultValue = "10")
    long overlapMinutes;
    @PropertyInject(value = "dashboard.history-days", defaultValue = "400")
    long historyDays;
    @PropertyInject(value = "deposito.timezone", defaultValue = "America/Argentina/Buenos_Aires")
    String timezone;
    @PropertyInject(value = "bridge.data-dir", defaultValue = "data")
    String dataDir;
    @PropertyInject(value = "deposito.dead-letters.max-files", defaultValue = "200")
    int deadLetterMaxFiles;
    @PropertyInject(value = "deposito.dead-letters.max-bytes", defaultValue = "52428800")
    long deadLetterMaxBytes;
    @PropertyInject(value = "deposito.dead-letters.max-body-bytes", defaultValue = "1048576")
    int deadLetterMaxBodyBytes;
    @PropertyInject(value = "deposito.max-response-bytes", defaultValue = "16777216")
    long maxResponseBytes;
    @PropertyInject(value = "deposito.page-fetch-parallelism", defaultValue = "4")
    int pageFetchParallelism;
    @PropertyInject(value = "deposito.snapshot.async-listeners", defaultValue = "true")
    boolean asyncListeners;
    @PropertyInject(value = "deposito.snapshot.enabled", defaultValue = "true")
    boolean snapshotEnabled;
    @PropertyInject(value = "deposito.snapshot.save-interval-seconds", defaultValue = "30")
    long snapshotSaveIntervalSeconds;
    @PropertyInject(value = "deposito.sync.enabled", defaultValue = "true")
    boolean syncEnabled;
    @PropertyInject(value = "deposito.sync.stall-periods", defaultValue = "3")
    int stallPeriods;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        // optional keys: unset means "not used"
        String jwtSecretFile = context.getPropertiesComponent().resolveProperty("deposito.jwt-secret-file").orElse(null);
        String tokenFile = context.getPropertiesComponent().resolveProperty("deposito.token-file").orElse(null);
        String tokenIssuer = context.getPropertiesComponent().resolveProperty("deposito.token.issuer").orElse(null);
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.of(timezone);
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        DepositoTargetRef target = new DepositoTargetRef(context);

        String secret = firstNonBlank(System.getenv("DEPOSITO_JWT_SECRET"), DepositoToken.readFile(jwtSecretFile));
        String staticToken = firstNonBlank(System.getenv("DEPOSITO_TOKEN"), DepositoToken.readFile(tokenFile));
        // the embedded simulator shares its secret through the target; a configured one always wins
        DepositoToken token = new DepositoToken(() -> secret != null ? secret : target.get().jwtSecret(), staticToken,
                Duration.ofSeconds(tokenTtlSeconds), Duration.ofSeconds(tokenRenewBeforeSeconds), tokenSubject,
                tokenIssuer, clock);

        SnapshotStore store = SnapshotStore.obtain(context);
        if (asyncListeners) {
            // the datasets rebuild (hundreds of ms at 2M movements) must not lengthen the pollers' cycles
            store.notifyListenersOn(context.getExecutorServiceManager().newSingleThreadExecutor(this, "snapshot-listeners"));
        }
        long staleAfterSeconds = Long.parseLong(context.getPropertiesComponent()
                .resolveProperty("deposito.stale-after-seconds").orElse("300").trim());
        SyncMonitor monitor = new SyncMonitor(store, clock);
        Path data = Path.of(dataDir);
        registry.bind("depositoJson", json);
        registry.bind("depositoToken", token);
        DepositoCalls calls = new DepositoCalls(target, token, retryAfterCapSeconds * 1000);
        registry.bind("depositoCalls", calls);
        // processors named by the error policy (onRedeliveryRef / onExceptionOccurredRef take a Processor)
        registry.bind("depositoReauth", (Processor) calls::reauthenticate);
        registry.bind("depositoRetryAfter", (Processor) calls::retryAfter);
        registry.bind("syncMonitor", monitor);
        // camel.component.http.httpClientConfigurer names it: every deposito answer is cut at the cap while read
        // the head kept for a dead letter is copied from every answer, so it stays small: 64 KiB tell what came
        registry.bind("depositoResponseCap", new DepositoResponseCap(maxResponseBytes,
                Math.min(deadLetterMaxBodyBytes, 64 * 1024)));
        // pages of one cycle fetched in parallel: a fixed pool, a bounded queue, the caller runs when it is full
        registry.bind("depositoPageFetchers", new ThreadPoolBuilder(context)
                .poolSize(pageFetchParallelism).maxPoolSize(pageFetchParallelism).maxQueueSize(64)
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns)
                .build(this, "deposito-pages"));
        registry.bind("productosSync", new ProductosSync(store, json, productosPageSize, zone, clock));
        registry.bind("criticalSync", new CriticalSync(store, json, clock));
        registry.bind("movementsSync", new MovementsSync(store, json, movementsPageSize,
                Duration.ofMinutes(overlapMinutes), Duration.ofDays(historyDays), zone, clock));
        registry.bind("deadLetters", new DeadLetters(data.resolve("dead-letters"), deadLetterMaxFiles,
                deadLetterMaxBytes, deadLetterMaxBodyBytes, json, clock));

        SnapshotPersister persister = new SnapshotPersister(store, new SnapshotFile(data.resolve("snapshot.bin"), json),
                snapshotSaveIntervalSeconds * 1000, snapshotEnabled, target::source);
        registry.bind("snapshotPersister", persister);
        context.addService(persister);

        // dataset age and staleness gauges (bridge_dataset_age_seconds, bridge_dataset_stale), when metrics are on
        context.addStartupListener((ctx, alreadyStarted) -> {
            var metrics = ctx.getRegistry().lookupByNameAndType("bridgeMetrics", BridgeMetrics.class);
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

        if (syncEnabled) {
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
            long period = longProperty(context, "deposito." + poller + ".period-ms", 60000);
            long cycleTimeout = longProperty(context, "deposito." + poller + ".cycle-timeout-ms", 300000);
            monitor.watch(poller, stallPeriods * period + cycleTimeout);
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

    private static long longProperty(CamelContext context, String key, long dflt) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty())
                .map(Long::parseLong).orElse(dflt);
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
