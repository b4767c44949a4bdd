package org.depositobridge.security;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.deposito.DepositoTargetRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code apiGuard} from the {@code dashboard.*} keys and installs the {@link HttpEdge} on the business
 * server as soon as it listens. With auth on and no key configured it generates one, keeps it in
 * {@code dashboard.api-key-file} (mode 600) for the next starts, and logs it once, when it is created, like a
 * notebook server's token; that line is the only place a key is ever written besides that file.
 */
public class SecurityConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private final ConfigValues cfg;
    private final DepositoTargetRef target;

    public SecurityConfiguration(ConfigValues cfg, DepositoTargetRef target) {
        this.cfg = cfg;
        this.target = target;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        boolean authEnabled = cfg.bool("dashboard.auth-enabled");
        List<String> keys = cfg.optional("dashboard.api-keys")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        JwtVerifier jwt = jwtVerifier(cfg);
        if (!authEnabled) {
            LOG.warn("event=api_auth_disabled reason=dashboard.auth-enabled=false");
        } else if (keys.isEmpty() && jwt == null) {
            Path file = cfg.optional("dashboard.api-key-file").map(Path::of)
                    .orElseGet(() -> Path.of(cfg.string("bridge.data-dir")).resolve("api-key"));
            ApiKeyFile.Key key = ApiKeyFile.loadOrCreate(file);
            keys = List.of(key.value());
            if (key.created()) {
                LOG.info("event=api_key_generated key={} file={} hint=\"send it as X-API-Key; kept for the next starts; "
                        + "set dashboard.api-keys to choose your own\"", key.value(), file.toAbsolutePath());
            } else {
                LOG.info("event=api_key_loaded file={} hint=\"the key logged when this file was created\"",
                        file.toAbsolutePath());
            }
        }
        RateLimiter limiter = null;
        if (cfg.bool("dashboard.rate-limit-enabled")) {
            limiter = new RateLimiter(cfg.integer("dashboard.rate-limit"),
                    cfg.duration("dashboard.rate-limit-window"),
                    cfg.integer("dashboard.rate-limit-max-clients"));
        }
        // dashboard page sign-in (docs/dashboard.md): session cookies the API accepts as well as keys
        SessionStore sessions = SessionStore.configured(cfg);
        context.getRegistry().bind("dashboardSessions", SessionCookie.configured(sessions, authEnabled, cfg));
        ApiAuthenticator authenticator = new ApiAuthenticator(authEnabled, new ApiKeys(keys), jwt, sessions);
        context.getRegistry().bind("apiAuthenticator", authenticator);
        if (limiter != null) {
            context.getRegistry().bind("apiRateLimiter", limiter);
        }
        context.getRegistry().bind("apiGuard", new ApiGuard(authenticator, limiter));
        // before the platform-http component starts: it looks its engine up by name once
        BridgeHttpEngine.install(context.getRegistry());
        EdgeInstaller edge = new EdgeInstaller(target);
        StartupGate.install(context, edge.startup);
        context.addStartupListener(edge);
        ManagementInfoAuth.protect(context);
    }

    /**
     * Installs the edge at the first moment the business server's router exists, and opens the {@link StartupGate}
     * once every route is in. Ordered last, so its "starting" step runs right after Camel's
     * DeferServiceStartupListener has started the servers and before any route starts; the later steps only cover
     * a server started some other way.
     */
    private static final class EdgeInstaller implements StartupListener, Ordered {

        private final HttpEdge.Startup startup;
        private final AtomicBoolean installed = new AtomicBoolean();
        /** Set once every route (so every REST path) is in; never reset, shutdown is not a start-up. */
        private final AtomicBoolean started = new AtomicBoolean();

        EdgeInstaller(DepositoTargetRef target) {
            this.startup = new HttpEdge.Startup(started::get, target::source, ApiException.NO_DATA_RETRY_AFTER_SECONDS);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }

        @Override
        public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
            tryInstall(context, "starting");
        }

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            tryInstall(context, "started");
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            tryInstall(context, "fully_started");
            started.set(true);
        }

        private void tryInstall(CamelContext context, String phase) {
            MainHttpServer server = context.hasService(MainHttpServer.class);
            if (server == null || server.getRouter() == null || !installed.compareAndSet(false, true)) {
                return;
            }
            HttpEdge.install(server.getRouter(), rootRouter(server));
            LOG.debug("event=http_edge_installed phase={}", phase);
        }
    }

    /**
     * Camel mounts its router under a root router it keeps private; Vert.x answers unmatched requests and
     * failures from the root, so the JSON error handlers go there too. Null when the field is not reachable
     * (the in-router handlers then still cover 404/405).
     */
    private static Router rootRouter(MainHttpServer server) {
        try {
            VertxPlatformHttpServer vertxServer = server.getRouter().getServer();
            Field f = VertxPlatformHttpServer.class.getDeclaredField("router");
            f.setAccessible(true);
            return (Router) f.get(vertxServer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("event=root_router_unavailable error={}", e.getClass().getName());
            return null;
        }
    }

    /** The shared HS256 secret from dashboard.jwt-secret-file, else DASHBOARD_JWT_SECRET; null = no JWT auth. */
    private static JwtVerifier jwtVerifier(ConfigValues cfg) throws IOException {
        byte[] secret = null;
        var file = cfg.optional("dashboard.jwt-secret-file");
        if (file.isPresent()) {
            secret = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } else {
            String env = System.getenv("DASHBOARD_JWT_SECRET");
            if (env == null || env.isBlank()) {
                env = cfg.optional("dashboard.jwt-secret").orElse(null);
            }
            if (env != null && !env.isBlank()) {
                secret = env.strip().getBytes(StandardCharsets.UTF_8);
            }
        }
        if (secret == null) {
            return null;
        }
        return new JwtVerifier(secret, cfg.optional("dashboard.jwt-issuer").orElse(null),
                cfg.optional("dashboard.jwt-audience").orElse(null),
                cfg.duration("dashboard.jwt-clock-skew"));
    }
}
