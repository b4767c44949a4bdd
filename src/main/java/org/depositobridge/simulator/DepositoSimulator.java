package org.depositobridge.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running deposito simulator: real HTTP on {@code options.host()} (loopback by default) serving the deposito
 * contract over generated data. Start it, point a client at {@link #baseUrl()}, {@link #close()} it.
 *
 * <pre>
 * try (DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(200))) {
 *     String token = sim.mintToken(Duration.ofHours(1));
 *     sim.faults().inject(Fault.status(503).on(Endpoint.PRODUCTOS).times(2));
 * }
 * </pre>
 */
public final class DepositoSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DepositoSimulator.class);

    private final SimulatorOptions options;
    private final Vertx vertx;
    private final Faults faults;
    private final JwtAuth auth;
    private final SimulatorMetrics metrics;
    private final SimulatorHttpServer server;
    private final String secret;
    private final String adminToken;
    private final int port;
    /** The generated data and what lives on it; requests wait for it (see {@link #startListening}). */
    private final CompletableFuture<Serving> serving = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Serving(SimulatorStore store, StockLedger ledger, LiveActivity live, long generationMillis) {
    }

    private DepositoSimulator(SimulatorOptions options) throws Exception {
        this.options = options;
        this.secret = options.jwtSecret() != null ? options.jwtSecret() : randomSecret();
        this.adminToken = options.adminToken() != null ? options.adminToken() : randomSecret();
        this.metrics = new SimulatorMetrics();
        this.faults = new Faults(metrics);
        for (Fault f : Fault.parseAll(options.faults())) {
            faults.inject(f);
        }
        this.auth = new JwtAuth(secret, options.clock());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
        this.server = new SimulatorHttpServer(vertx, options, faults, auth, metrics);
        int bound;
        try {
            bound = server.start();
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        this.port = bound;
    }

    /** Generates the data (the same for the same options, on whichever thread) and answers with it from then on. */
    private void generate() {
        try {
            long t0 = System.nanoTime();
            DataGenerator.Generated data = new DataGenerator(options).generate();
            long generationMillis = (System.nanoTime() - t0) / 1_000_000;
            SimulatorStore store = data.store();
            metrics.bind(store::productCount, store::movementCount);
            StockLedger ledger = new StockLedger(store, options.clock());
            LiveActivity live = new LiveActivity(vertx, store, ledger, data.sales(), metrics,
                    options.liveMovementsPerMinute(), options.seed());
            server.serve(new SimulatorHttpServer.Handlers(new HealthHandler(store, options.clock()),
                    new ProductosHandler(store), new StockUpdateHandler(ledger, metrics),
                    new CriticalHandler(store, options.clock()), new MovementsHandler(store),
                    new AdminHandler(faults, auth, adminToken)));
            live.start();
            serving.complete(new Serving(store, ledger, live, generationMillis));
            LOG.info("event=simulator_listening url={} products={} movements={} generation_ms={} live_per_minute={} "
                    + "faults=\"{}\" data=SIMULATED", baseUrl(), store.productCount(), store.movementCount(),
                    generationMillis, options.liveMovementsPerMinute(), options.faults());
        } catch (RuntimeException | Error e) {
            server.failed(e);
            serving.completeExceptionally(e);
            throw e;
        }
    }

    /** Generates the data and starts serving; throws when the port cannot be bound. */
    public static DepositoSimulator start(SimulatorOptions options) {
        DepositoSimulator sim = bind(options);
        try {
            sim.generate();
        } catch (RuntimeException | Error e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /**
     * Binds the port and returns at once, the data being generated on a thread of its own ({@code simulator-data}):
     * the embedded simulator's data (0.4-0.8 s for the default 2,000 products and 200,000 movements) is then made
     * while the bridge loads its routes, not before. Requests that arrive first wait for it; {@link #store()} too.
     * A failed generation is logged and answered 503. Throws when the port cannot be bound.
     */
    public static DepositoSimulator startListening(SimulatorOptions options) {
        return startListening(options, task -> {
            Thread t = new Thread(task, "simulator-data");
            t.setDaemon(true);
            t.start();
        });
    }

    /** As {@link #startListening(SimulatorOptions)}, the generation run by {@code generator} (tests hold it back). */
    static DepositoSimulator startListening(SimulatorOptions options, Executor generator) {
        DepositoSimulator sim = bind(options);
        generator.execute(() -> {
            try {
                sim.generate();
            } catch (RuntimeException | Error e) {
                LOG.error("event=simulator_data_failed url={} error=\"{}\"", sim.baseUrl(), String.valueOf(e));
            }
        });
        return sim;
    }

    private static DepositoSimulator bind(SimulatorOptions options) {
        try {
            return new DepositoSimulator(options);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("deposito simulator failed to start: " + e.getMessage(), e);
        }
    }

    private Serving serving() {
        try {
            return serving.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("deposito simulator has no data: " + e.getCause(), e.getCause());
        }
    }

    /** {@code http://<host>:<port><prefix>}, no trailing slash. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port + options.pathPrefix();
    }

    /** {@code http://<host>:<port>} without the prefix: where {@code /__sim/*} lives. */
    public String rootUrl() {
        return "http://" + options.host() + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The HS256 secret tokens must be signed with (random per start unless configured). */
    public String jwtSecret() {
        return secret;
    }

    /** Value of the {@code X-Sim-Admin-Token} header the {@code /__sim/*} endpoints require. */
    public String adminToken() {
        return adminToken;
    }

    /** A valid token: role {@code deposito}, subject {@code bridge-test}, expiring after {@code ttl}. */
    public String mintToken(Duration ttl) {
        return auth.mint("bridge-test", JwtAuth.ROLE, ttl);
    }

    /** A token with any subject and role (e.g. a wrong role, or a negative ttl for an expired token). */
    public String mintToken(String subject, String role, Duration ttl) {
        return auth.mint(subject, role, ttl);
    }

    public Faults faults() {
        return faults;
    }

    /** The data; waits for it when it is still being generated. */
    public SimulatorStore store() {
        return serving().store();
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Time the data generation took at start. */
    public long generationMillis() {
        return serving().generationMillis();
    }

    /** Idempotency keys held (one per movement created through the API with a key). */
    public int idempotencyKeyCount() {
        return serving().ledger().keyCount();
    }

    /** Stops serving and frees the port; safe to call more than once (Camel may stop and close its service). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // a generation still running finishes first (it is bounded): its live activity must not start after the stop
        Serving s = null;
        try {
            s = serving.join();
        } catch (CompletionException e) {
            LOG.debug("event=simulator_closed_without_data error=\"{}\"", String.valueOf(e.getCause()));
        }
        if (s != null) {
            s.live().stop();
        }
        server.stop();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("event=simulator_close_failed error=\"{}\"", e.toString());
        }
        LOG.info("event=simulator_stopped port={}", port);
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
