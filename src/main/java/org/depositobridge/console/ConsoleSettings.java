package org.depositobridge.console;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.camel.CamelContext;

/**
 * The console's {@code hawtio.*} keys as read from the bridge's configuration (config/application.properties,
 * profiles, -D, environment). Defaults are the secure ones.
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

    public static ConsoleSettings from(CamelContext context) {
        String dataDir = get(context, "bridge.data-dir", "data");
        String origins = get(context, "hawtio.allowed-origins", "");
        return new ConsoleSettings(
                bool(context, "hawtio.enabled", "true"),
                get(context, "hawtio.host", "127.0.0.1"),
                Integer.parseInt(get(context, "hawtio.port", "8778")),
                get(context, "hawtio.war", ""),
                Path.of(get(context, "hawtio.users-file", dataDir + "/hawtio-users.properties")),
                bool(context, "hawtio.authenticationEnabled", "true"),
                bool(context, "hawtio.read-only", "false"),
                Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Path.of(dataDir, "hawtio"));
    }

    /** Only "true" or "false": a typo such as "on" or "yes" must not silently switch security off. */
    private static boolean bool(CamelContext context, String key, String fallback) {
        String v = get(context, key, fallback).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static String get(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }
}
