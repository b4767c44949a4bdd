package org.depositobridge;

import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bridge: Camel Main with routes from {@code routes/} and configuration from {@code config/}.
 * Everything else lives in routes, configuration and small beans.
 */
public final class App {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = newMain().run(args);
        } catch (Exception | Error e) {
            StartupRefused refused = StartupRefused.in(e);
            if (refused != null) {
                LOG.error(refused.getMessage());
            } else {
                LOG.error("event=startup_failed error=\"{}\"", String.valueOf(e).replace('"', '\''), e);
            }
            code = 1;
        }
        // A failed start can leave non-daemon threads (Vert.x event loops) behind that would keep the JVM up.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The bridge's Camel Main, shared by {@link #main} and the integration tests so both run the same wiring. */
    public static Main newMain() {
        Main main = new Main(App.class);
        main.setDefaultPropertyPlaceholderLocation(ConfigLocations.forProfile(ConfigLocations.activeProfile()));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                guardStartUp(m);
            }
        });
        return main;
    }

    /**
     * Before any configuration class or service writes to the data folder: take its lock (unless replicas share it
     * as a cluster) and arm the check that every HTTP listener really bound.
     */
    private static void guardStartUp(BaseMainSupport m) {
        var context = m.getCamelContext();
        var props = context.getPropertiesComponent();
        boolean cluster = props.resolveProperty("bridge.cluster.enabled").map(String::trim).orElse("false").equals("true");
        if (!cluster) {
            Path dataDir = Path.of(props.resolveProperty("bridge.data-dir").map(String::trim).filter(s -> !s.isEmpty())
                    .orElse("data"));
            DataDirLock lock = new DataDirLock(dataDir);
            // taken here, not when Camel starts its services: configuration classes already write to the folder
            lock.start();
            try {
                context.addService(lock, true, false);
            } catch (Exception e) {
                lock.stop();
                throw new IllegalStateException("cannot register the lock of " + dataDir.toAbsolutePath(), e);
            }
        }
        try {
            context.addStartupListener(new ListenersBound());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
