package org.depositobridge.security;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@code /observe/info} (pid, OS user, working and home folders, kernel version) behind the management port's
 * credentials, like {@code /observe/metrics}. Camel takes a single {@code camel.management.authenticationPath}, so
 * the info path gets a second entry with the same basic-auth mechanism, added before the server starts.
 * {@code /observe/health} stays open for probes.
 */
final class ManagementInfoAuth {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementInfoAuth.class);

    private ManagementInfoAuth() {
    }

    static void protect(CamelContext context) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server != null) {
            addInfoEntry(server);
            return;
        }
        // camel-main may add the management server after the configuration classes ran
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext ctx, Service service, Route route) {
                if (service instanceof ManagementHttpServer management) {
                    addInfoEntry(management);
                }
            }
        });
    }

    private static void addInfoEntry(ManagementHttpServer server) {
        if (!server.isInfoEnabled() || server.getConfiguration() == null) {
            return;
        }
        AuthenticationConfig auth = server.getConfiguration().getAuthenticationConfig();
        List<AuthenticationConfigEntry> entries = auth == null ? List.of() : auth.getEntries();
        if (auth == null || !auth.isEnabled() || entries.isEmpty()) {
            LOG.warn("event=management_info_open path={} reason=management_authentication_off", server.getInfoPath());
            return;
        }
        String path = server.getInfoPath() + "*";
        if (entries.stream().anyMatch(e -> path.equals(e.getPath()))) {
            return;
        }
        AuthenticationConfigEntry template = entries.get(0);
        AuthenticationConfigEntry info = new AuthenticationConfigEntry();
        info.setPath(path);
        info.setAuthenticationProviderFactory(template.getAuthenticationProviderFactory());
        info.setAuthenticationHandlerFactory(template.getAuthenticationHandlerFactory());
        entries.add(info);
        LOG.debug("event=management_info_protected path={}", path);
    }
}
