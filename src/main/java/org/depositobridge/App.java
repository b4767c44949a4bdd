package org.depositobridge;

import org.apache.camel.main.Main;

/**
 * Starts the bridge: Camel Main with routes from {@code routes/} and configuration from {@code config/}.
 * Everything else lives in routes, configuration and small beans.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        newMain().run(args);
    }

    /** The bridge's Camel Main, shared by {@link #main} and the integration tests so both run the same wiring. */
    public static Main newMain() {
        Main main = new Main(App.class);
        main.setDefaultPropertyPlaceholderLocation(ConfigLocations.forProfile(ConfigLocations.activeProfile()));
        return main;
    }
}
