package org.depositobridge.security;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationHandlerFactory;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Puts the {@link HttpEdge#gate start-up gate} on the business server's root router before the server listens.
 *
 * <p>Camel 4.18's platform-http server creates its router and listens in one step, and adds the REST paths only
 * when the routes start; the one place to get a handler onto that router earlier is its authentication
 * configuration, whose entries Camel mounts right before it listens. The gate goes in as such an entry for
 * {@code /*} (it authenticates nothing: once the bridge has started it passes every request on), so not even the
 * first request after the port opens can get Vert.x' HTML 404.
 */
final class StartupGate implements AuthenticationHandler {

    private final HttpEdge.Startup startup;

    private StartupGate(HttpEdge.Startup startup) {
        this.startup = startup;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpEdge.gate(ctx, startup);
    }

    /** Adds the gate to the business server's configuration, now or when camel-main adds the server. */
    static void install(CamelContext context, HttpEdge.Startup startup) {
        StartupGate gate = new StartupGate(startup);
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {
            gate.addTo(server.getConfiguration());
            return;
        }
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext ctx, Service service, Route route) {
                if (service instanceof MainHttpServer main) {
                    gate.addTo(main.getConfiguration());
                }
            }
        });
    }

    private void addTo(VertxPlatformHttpServerConfiguration configuration) {
        if (configuration == null) {
            return;
        }
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        if (auth == null) {
            auth = new AuthenticationConfig();
            configuration.setAuthenticationConfig(auth);
        }
        if (auth.getEntries().stream().anyMatch(e -> e.getAuthenticationHandlerFactory() instanceof Factory)) {
            return;
        }
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new Factory(this));
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }

    /** Hands out the gate itself; it needs no authentication provider. */
    private static final class Factory implements AuthenticationHandlerFactory {
        private final StartupGate gate;

        Factory(StartupGate gate) {
            this.gate = gate;
        }

        @Override
        public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
            return gate;
        }
    }
}
