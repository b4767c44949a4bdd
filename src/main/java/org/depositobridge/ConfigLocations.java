package org.depositobridge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the bridge reads its configuration and its route files from, highest precedence first.
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

    /** Where the jar packs the route files (pom.xml: routes/ as a resource under this folder). */
    static final String PACKED_ROUTES = "classpath:routes/";

    /**
     * The value for {@code camel.main.routesIncludePattern}: every route file of the folder, plus every route file
     * packed in the jar whose name the folder does not hold. A folder file of the same name replaces the jar's copy
     * (Camel would otherwise load both and stop on the duplicate route ids); a new name adds a file. Empty when there
     * is nothing to load.
     *
     * @param folder      the route folder as configured ({@code bridge.routes-dir}), relative to the working
     *                    directory or absolute
     * @param folderNames names of the {@code *.camel.yaml} files in it (empty when it does not exist)
     * @param packedNames names of the {@code *.camel.yaml} files packed in the jar under {@code routes/}
     */
    static String routesIncludePattern(String folder, Set<String> folderNames, Collection<String> packedNames) {
        List<String> locations = new ArrayList<>();
        if (!folderNames.isEmpty()) {
            // a pattern, not the names: the log then says where the editable files are
            locations.add("file:" + folder + "/*.camel.yaml");
        }
        packedNames.stream().filter(n -> !folderNames.contains(n)).sorted()
                .forEach(n -> locations.add(PACKED_ROUTES + n));
        return String.join(",", locations);
    }
}
