package org.depositobridge.console;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.depositobridge.config.ConfigValues;

/**
 * The console's {@code hawtio.*} keys as read from the bridge's configuration (config/application.properties,
 * profiles, -D, environment), where the defaults are the secure ones.
 *
 * @param enabled        {@code hawtio.enabled}: serve the console at all
 * @param host           {@code hawtio.host}: address to bind (loopback by default)
 * @param port           {@code hawtio.port}: port (0 = any free port)
 * @param war            {@code hawtio.war}: the Hawtio WAR; blank = {@code hawtio.war} next to the bridge's jar
 * @param usersFile      {@code hawtio.users-file}: the users file (outside the repository)
 * @param authentication {@code hawtio.authenticationEnabled}: require a login
 * @param readOnly       {@code hawtio.read-only}: use the read-only Jolokia policy
 * @param extraOrigins   {@code hawtio.allowed-origins}: further browser origins allowed to call Jolokia
 * @param workDir        where Jetty unpacks the WAR and the effective policy is written
 */
public record ConsoleSettings(boolean enabled, String host, int port, String war, Path usersFile,
        boolean authentication, boolean readOnly, List<String> extraOrigins, Path workDir) {

    public static ConsoleSettings from(ConfigValues cfg) {
        String dataDir = cfg.string("bridge.data-dir");
        return new ConsoleSettings(
                cfg.bool("hawtio.enabled"),
                cfg.string("hawtio.host"),
                cfg.integer("hawtio.port"),
                cfg.optional("hawtio.war").orElse(""),
                Path.of(cfg.string("hawtio.users-file")),
                cfg.bool("hawtio.authenticationEnabled"),
                cfg.bool("hawtio.read-only"),
                Arrays.stream(cfg.optional("hawtio.allowed-origins").orElse("").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                Path.of(dataDir, "hawtio"));
    }
}
