package org.depositobridge.security;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import io.vertx.ext.web.Router;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.depositobridge.WhenFullyStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code apiGuard} from the {@code dashboard.*} keys and installs the {@link HttpEdge} on the business
 * server once it runs. With auth on and no key configured it generates one and logs it once, like a notebook
 * server's token; that line is the only place a key is ever written.
 */
public class SecurityConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        boolean authEnabled = cfg.bool("dashboard.auth-enabled", true);
        List<String> keys = cfg.optional("dashboard.api-keys")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        JwtVerifier jwt = jwtVerifier(cfg);
        if (!authEnabled) {
            LOG.warn("event=api_auth_disabled reason=dashboard.auth-enabled=false");
        } else if (keys.isEmpty() && jwt == null) {
            String generated = generateKey();
            keys = List.of(generated);
            LOG.info("event=api_key_generated key={} hint=\"send it as X-API-Key; set dashboard.api-keys to choose your own\"",
                    generated);
        }
        RateLimiter limiter = null;
        if (cfg.bool("dashboard.rate-limit-enabled", true)) {
            limiter = new RateLimiter(cfg.integer("dashboard.rate-limit", 120),
                    cfg.duration("dashboard.rate-limit-window", Duration.ofSeconds(60)),
                    cfg.integer("dashboard.rate-limit-max-clients", 10_000));
        }
        ApiAuthenticator authenticator = new ApiAuthenticator(authEnabled, new ApiKeys(keys), jwt);
        context.getRegistry().bind("apiAuthenticator", authenticator);
        if (limiter != null) {
            context.getRegistry().bind("apiRateLimiter", limiter);
        }
        context.getRegistry().bind("apiGuard", new ApiGuard(authenticator, limiter));
        // the router exists once the main HTTP server service has started
        WhenFullyStarted.run(context, ctx -> {
            MainHttpServer server = ctx.hasService(MainHttpServer.class);
            if (server != null && server.getRouter() != null) {
                HttpEdge.install(server.getRouter(), rootRouter(server));
            }
        });
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
                cfg.optional("dashboard.jwt-audience").orElse(null));
    }

    private static String generateKey() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
