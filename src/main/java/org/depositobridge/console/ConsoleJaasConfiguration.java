package org.depositobridge.console;

import java.nio.file.Path;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * Answers the console's JAAS realm with {@link UsersFileLoginModule} over the configured users file, and defers
 * every other realm to the configuration that was installed before, so nothing else in the JVM changes. This
 * replaces a {@code -Djava.security.auth.login.config} file: the run command stays {@code java -jar}.
 */
final class ConsoleJaasConfiguration extends Configuration {

    private final String realm;
    private final AppConfigurationEntry[] entries;
    private final Configuration previous;

    ConsoleJaasConfiguration(String realm, Path usersFile, Configuration previous) {
        this.realm = realm;
        this.previous = previous;
        this.entries = new AppConfigurationEntry[] {new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(UsersFileLoginModule.OPTION_USERS_FILE, usersFile.toAbsolutePath().toString()))};
    }

    /** Installs the console's realm in front of whatever JAAS configuration the JVM already has. */
    static synchronized void install(String realm, Path usersFile) {
        Configuration previous;
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException noneConfigured) {
            previous = null;
        }
        if (previous instanceof ConsoleJaasConfiguration mine) {
            previous = mine.previous;
        }
        Configuration.setConfiguration(new ConsoleJaasConfiguration(realm, usersFile, previous));
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (realm.equals(name)) {
            return entries.clone();
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }
}
