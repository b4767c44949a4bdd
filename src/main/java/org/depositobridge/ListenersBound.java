package org.depositobridge;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Camel's HTTP servers (business API and management) only log a failed bind and carry on, leaving a bridge without
 * its API. Once the servers have started, and before the routes run, this refuses start-up for any server that holds
 * no bound port, naming the key that sets it.
 */
final class ListenersBound implements StartupListener {

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        MainHttpServer business = context.hasService(MainHttpServer.class);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            // getPort() answers the configured port even when the bind failed; the listening flag of Vert.x's server
            // implementation is the one that tells.
            if (!(server.getServer() instanceof TCPServerBase tcp) || tcp.isListening()) {
                continue;
            }
            int configured = server.getConfigurationPort();
            boolean isManagement = management != null && management.getPort() == configured
                    && (business == null || business.getPort() != configured);
            throw StartupRefused.portInUse(isManagement ? "camel.management.port" : "camel.server.port",
                    server.getHost(), configured, null);
        }
    }
}
