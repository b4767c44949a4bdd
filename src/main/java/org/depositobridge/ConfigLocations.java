package org.depositobridge;

import java.util.Locale;

/**
 * Where the bridge reads its configuration from, highest precedence first.
 *
 * <p>Camel's property component lets the first location that defines a key win. An operator's edit to
 * {@code config/} in the working directory therefore beats the copy packed into the jar, and a profile file
 * ({@code application-<profile>.properties}) beats the base file. {@code -Dkey=value} and environment
 * variables beat all of them (Camel's own rule).
 */
final class ConfigLocations {

    private ConfigLocations() {
    }

    /** The profile from {@code -Dcamel.main.profile} or {@code CAMEL_MAIN_PROFILE}, else null. */
    static String activeProfile() {
        String profile = System.getProperty("camel.main.profile");
        if (profile == null || profile.isBlank()) {
            profile = System.getenv("CAMEL_MAIN_PROFILE");
        }
        return profile == null || profile.isBlank() ? null : profile.trim().toLowerCase(Locale.ROOT);
    }

    static String forProfile(String profile) {
        String base = "file:config/application.properties;optional=true,classpath:application.properties;optional=true";
        if (profile == null) {
            return base;
        }
        return "file:config/application-" + profile + ".properties;optional=true,"
                + "classpath:application-" + profile + ".properties;optional=true," + base;
    }
}
