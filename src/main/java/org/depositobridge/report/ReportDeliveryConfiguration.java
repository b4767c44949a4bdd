package org.depositobridge.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.WhenFullyStarted;
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional SFTP delivery of the drops ({@code reports.sftp.*}, docs/reports.md "Delivery over SFTP"). With
 * {@code reports.sftp.enabled=false} (the default) it does nothing: the delivery routes are not even built (their
 * {@code precondition}). Enabled, it checks the settings before any route is built (a missing known_hosts file or
 * credential stops the start with a message naming the key), binds bean {@code reportDeliveries}, and reads the
 * password file into {@code reports.sftp.password}, which the route's endpoint takes, so the secret lives only in a
 * file outside the repository.
 */
public class ReportDeliveryConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDeliveryConfiguration.class);

    private final ConfigValues cfg;

    public ReportDeliveryConfiguration(ConfigValues cfg) {
        this.cfg = cfg;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!cfg.bool("reports.sftp.enabled")) {
            return;
        }
        String host = required(cfg, "reports.sftp.host");
        String user = required(cfg, "reports.sftp.user");
        int port = cfg.integer("reports.sftp.port");
        String remoteDir = cfg.string("reports.sftp.remote-dir");
        Path knownHosts = readable(cfg, "reports.sftp.known-hosts-file", required(cfg, "reports.sftp.known-hosts-file"));
        Optional<String> keyFile = cfg.optional("reports.sftp.private-key-file");
        Optional<String> passwordFile = cfg.optional("reports.sftp.password-file");
        if (keyFile.isEmpty() && passwordFile.isEmpty()) {
            throw new IllegalArgumentException("reports.sftp.enabled=true needs reports.sftp.private-key-file or "
                    + "reports.sftp.password-file");
        }
        if (keyFile.isPresent()) {
            readable(cfg, "reports.sftp.private-key-file", keyFile.get());
        }
        if (passwordFile.isPresent()) {
            String password = Files.readString(readable(cfg, "reports.sftp.password-file", passwordFile.get()),
                    StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("reports.sftp.password-file " + passwordFile.get() + " is empty");
            }
            // the endpoint reads {{?reports.sftp.password}}; Camel masks it in logs, URIs and consoles (a key named
            // *password*)
            context.getPropertiesComponent().addOverrideProperty("reports.sftp.password", password);
        }
        String target = "sftp://" + user + "@" + host + ":" + port + "/" + remoteDir;
        ReportDeliveries.Settings settings = new ReportDeliveries.Settings(Path.of(cfg.string("reports.dir")),
                ZoneId.of(cfg.string("reports.timezone")), target,
                knownHosts.toString(), cfg.duration("reports.sftp.backlog-window"),
                cfg.integer("reports.sftp.retry.max-redeliveries"));
        ReportDeliveryMetrics metrics = new ReportDeliveryMetrics(
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        context.getRegistry().bind("reportDeliveries", new ReportDeliveries(settings, metrics, Clock.systemUTC()));
        WhenFullyStarted.run(context, ctx -> metrics.register());
        LOG.info("event=report_delivery_configured target={} known_hosts={} auth={} backlog_window={}", target,
                knownHosts, keyFile.isPresent() ? "private-key" : "password", settings.backlogWindow());
    }

    private static String required(ConfigValues cfg, String key) {
        return cfg.optional(key).orElseThrow(
                () -> new IllegalArgumentException("reports.sftp.enabled=true needs " + key));
    }

    private static Path readable(ConfigValues cfg, String key, String file) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IOException(key + " " + p.toAbsolutePath() + " is not a readable file");
        }
        return p;
    }
}
