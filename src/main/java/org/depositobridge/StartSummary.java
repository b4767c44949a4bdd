package org.depositobridge;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.console.HawtioConsole;
import org.depositobridge.deposito.DepositoTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line an operator looks for after a start ({@code event=bridge_started}): where the API, health, metrics and
 * console answer (with the ports really bound), where the data comes from, where the state lives, and how to get in.
 * Secrets are never in it: a generated API key, management or console password is shown once, by its own event line,
 * at the start that creates it.
 */
final class StartSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartSummary.class);

    private StartSummary() {
    }

    static void log(CamelContext context) {
        ConfigValues cfg = new ConfigValues(context);
        String api = url(context, business(context), "/");
        String management = url(context, management(context), "");
        DepositoTarget target = context.getRegistry().lookupByNameAndType("depositoTarget", DepositoTarget.class);
        HawtioConsole console = context.hasService(HawtioConsole.class);
        String consoleUrl = console == null ? "off" : console.boundUrl().orElse("off");
        String dataDir = Path.of(cfg.string("bridge.data-dir")).toAbsolutePath().toString();
        LOG.info("event=bridge_started api={}api/ health={}health management={}/observe/health metrics={}/observe/metrics"
                        + " console={} console_login={} data_source={} deposito={} data_dir={} api_key={} profile={}",
                api, api, management, management, consoleUrl, consoleLogin(console), target == null ? "none"
                        : target.simulated() ? "simulator" : "deposito", target == null ? "none" : target.baseUrl(),
                dataDir, apiKey(cfg), cfg.optional("camel.main.profile").orElse("none"));
    }

    private static String consoleLogin(HawtioConsole console) {
        if (console == null || console.boundPort() <= 0) {
            return "none";
        }
        if (!console.settings().authentication()) {
            return "open";
        }
        return console.settings().usersFile().toAbsolutePath().toString();
    }

    /** Where the API key comes from, never the key itself. */
    private static String apiKey(ConfigValues cfg) {
        if (!cfg.bool("dashboard.auth-enabled")) {
            return "off";
        }
        return cfg.optional("dashboard.api-keys").isPresent() ? "dashboard.api-keys" : "generated";
    }

    private static VertxPlatformHttpServer business(CamelContext context) {
        MainHttpServer main = context.hasService(MainHttpServer.class);
        return main == null ? null : byConfiguredPort(context, main.getPort());
    }

    /** With both ports 0 Camel serves management on the business server: the same server then answers both. */
    private static VertxPlatformHttpServer management(CamelContext context) {
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        return management == null ? business(context) : byConfiguredPort(context, management.getPort());
    }

    private static VertxPlatformHttpServer byConfiguredPort(CamelContext context, int port) {
        return context.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(s -> s.getConfigurationPort() == port).findFirst().orElse(null);
    }

    private static String url(CamelContext context, VertxPlatformHttpServer server, String path) {
        if (server == null) {
            return "off" + path;
        }
        String host = server.getHost();
        host = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + host + ":" + server.getPort() + path;
    }
}
