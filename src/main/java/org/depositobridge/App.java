package org.depositobridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

import org.apache.camel.CamelContext;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.console.IdleDebugger;
import org.depositobridge.console.IdleMessageHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bridge: Camel Main with the routes packed in the jar (overridden or added to by the files of
 * {@code bridge.routes-dir}) and configuration from {@code config/}.
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
        // no package scan: BridgeConfiguration is the composition root and creates everything in a fixed order
        Main main = new Main() {
            /**
             * A start refused while the configuration classes run leaves the context unstarted, so Camel never stops
             * its services, the data folder's lock among them. A real refused start exits and the OS lets the lock
             * go; in-process (tests, tools embedding the bridge) the next start on the folder would be refused.
             */
            @Override
            protected void doFail(Exception e) {
                DataDirLock lock = getCamelContext() == null ? null : getCamelContext().hasService(DataDirLock.class);
                if (lock != null) {
                    lock.stop();
                }
                super.doFail(e);
            }
        };
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.setDefaultPropertyPlaceholderLocation(ConfigLocations.forProfile(ConfigLocations.activeProfile()));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {
                guardStartUp(m);
                chooseRouteFiles(m);
                // the console's Trace and Debug cost nothing until used (IdleDebugger says why)
                m.getCamelContext().addLifecycleStrategy(new IdleDebugger());
                IdleMessageHistory.install(m.getCamelContext());
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
        ConfigValues cfg = new ConfigValues(context);
        if (!cfg.bool("bridge.cluster.enabled")) {
            Path dataDir = Path.of(cfg.string("bridge.data-dir"));
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

    /**
     * The route files to load: the jar's {@code routes/*.camel.yaml}, each replaced by a file of the same name in
     * {@code bridge.routes-dir}, plus that folder's other files. So the jar runs from any folder, and a checkout (whose
     * {@code routes/} holds every file) loads each file once. An explicit {@code camel.main.routesIncludePattern}
     * is the operator's (or a test's) choice and is kept as it is.
     */
    private static void chooseRouteFiles(BaseMainSupport m) {
        CamelContext context = m.getCamelContext();
        var props = context.getPropertiesComponent();
        if (props.resolveProperty("camel.main.routesIncludePattern").filter(s -> !s.isBlank()).isPresent()) {
            return;
        }
        String folder = new ConfigValues(context).string("bridge.routes-dir");
        Set<String> inFolder = routeFileNames(Path.of(folder));
        Set<String> packed = packedRouteFileNames(context, Path.of(folder));
        String pattern = ConfigLocations.routesIncludePattern(folder, inFolder, packed);
        if (pattern.isEmpty()) {
            throw new StartupRefused("event=no_route_files dir=" + Path.of(folder).toAbsolutePath()
                    + " fix=\"put *.camel.yaml files into the folder or set bridge.routes-dir\"", null);
        }
        long replaced = packed.stream().filter(inFolder::contains).count();
        LOG.info("event=route_files dir={} from_dir={} from_jar={} replaced={} added={}", Path.of(folder).toAbsolutePath(),
                inFolder.size(), packed.size() - replaced, replaced, inFolder.size() - replaced);
        m.configure().setRoutesIncludePattern(pattern);
    }

    private static Set<String> routeFileNames(Path folder) {
        try {
            return PackedRouteFiles.inFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the route folder " + folder.toAbsolutePath(), e);
        }
    }

    /** From the context's class loader (the application's), as Camel's own resolver would look. */
    private static Set<String> packedRouteFileNames(CamelContext context, Path folder) {
        ClassLoader loader = context.getApplicationContextClassLoader();
        return PackedRouteFiles.names(loader != null ? loader : App.class.getClassLoader(), folder);
    }
}
