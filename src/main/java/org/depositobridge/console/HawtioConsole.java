package org.depositobridge.console;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.DispatcherType;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.depositobridge.StartupRefused;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio console as a Camel service: Hawtio's WAR in an embedded Jetty 12 on its own port, in this JVM, so the
 * console sees the bridge's JMX MBeans. It starts on its own thread once the CamelContext has fully started (the
 * bridge is ready without waiting for it) and stops with the context.
 *
 * <p>Tests and tools find it with {@code context.hasService(HawtioConsole.class)} and wait with
 * {@link #awaitPort(Duration)}.
 */
public final class HawtioConsole extends ServiceSupport implements StartupListener {

    /** Hawtio's JAAS realm name; the console's {@link ConsoleJaasConfiguration} answers it. */
    static final String REALM = "hawtio";
    static final String CONTEXT_PATH = "/hawtio";
    static final int MAX_THREADS = 16;
    static final int MAX_CONNECTIONS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    /** Jolokia services that must not run: the JSR-160 proxy (CVE-2018-1000130) and multicast discovery. */
    private static final String DISABLED_JOLOKIA_SERVICES = String.join(",",
            "org.jolokia.service.jsr160.Jsr160RequestHandler",
            "org.jolokia.service.discovery.JolokiaDiscovery",
            "org.jolokia.service.discovery.DiscoveryMulticastResponder");

    private final ConsoleSettings settings;
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private volatile Server server;
    private volatile Thread starter;
    private final Map<String, Optional<String>> previousProperties = new ConcurrentHashMap<>();

    public HawtioConsole(ConsoleSettings settings) {
        this.settings = settings;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    /** The port the console listens on, once it has started; fails if it could not start or is disabled. */
    public int awaitPort(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The console's base URL, e.g. {@code http://127.0.0.1:8778/hawtio/}, once started. */
    public String url(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return "http://" + hostForUrl() + ":" + awaitPort(timeout) + CONTEXT_PATH + "/";
    }

    /**
     * Binds the console's port with the bridge's other services, before the routes run: a taken port stops start-up
     * (naming {@code hawtio.port}) rather than leaving a bridge whose console silently never comes. Binding is cheap;
     * the WAR is deployed later, off the main thread.
     */
    @Override
    protected void doStart() {
        if (!settings.enabled()) {
            LOG.info("event=hawtio_disabled");
            started.completeExceptionally(new IllegalStateException("hawtio.enabled=false"));
            return;
        }
        Server s = newServer();
        try {
            ((ServerConnector) s.getConnectors()[0]).open();
        } catch (IOException e) {
            stopQuietly(s);
            throw StartupRefused.portInUse("hawtio.port", settings.host(), settings.port(), e);
        }
        server = s;
        if (settings.authentication()) {
            createFirstAdmin();
        }
    }

    /**
     * The port bound at start (the configured one, or the one chosen for port 0), or -1 when the console is off;
     * known before the console is deployed, for the start-up summary.
     */
    public int boundPort() {
        Server s = server;
        return s == null ? -1 : ((ServerConnector) s.getConnectors()[0]).getLocalPort();
    }

    /** The console's base URL from its bound port, e.g. {@code http://127.0.0.1:8778/hawtio/}; empty when off. */
    public Optional<String> boundUrl() {
        int port = boundPort();
        return port <= 0 ? Optional.empty() : Optional.of("http://" + hostForUrl() + ":" + port + CONTEXT_PATH + "/");
    }

    /**
     * First start: the admin and its password are created with the bridge's other services, so the one line that
     * shows the password comes among the first lines of the log, not after the routes' start-up.
     */
    private void createFirstAdmin() {
        try {
            UsersFile users = new UsersFile(settings.usersFile());
            Optional<char[]> created = users.createAdminIfAbsent();
            if (created.isPresent()) {
                // The only place a secret is ever logged: once, at the first start, so the operator can log in.
                LOG.warn("event=hawtio_admin_created user=admin password={} file={} note=\"shown once; change it with HawtioUsers add admin\"",
                        new String(created.get()), users.path().toAbsolutePath());
                PasswordHash.wipe(created.get());
            }
        } catch (IOException e) {
            // as any console failure: logged, the bridge serves on; the login then fails until the file exists
            LOG.error("event=hawtio_users_file_failed file={} error=\"{}\"", settings.usersFile().toAbsolutePath(), e.toString());
        }
    }

    /**
     * Starts the console once the routes run, on its own thread: Jetty and the WAR then compete neither with the
     * bridge's start-up on the main thread nor for the CPU while the routes start.
     */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!settings.enabled() || starter != null || !isStarted()) {
            return;
        }
        long t0 = System.nanoTime();
        starter = new Thread(() -> startServer(t0), "hawtio-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // The console waits for onCamelContextFullyStarted.
    }

    private void startServer(long t0) {
        Server s = server;
        try {
            Path war = locateWar(settings.war()).orElseThrow(() -> new IllegalStateException(
                    "Hawtio WAR not found: run 'mvn package' (it copies target/hawtio.war) or set hawtio.war"));
            prepareAuthentication();
            // Bound in doStart, so the exact origin (with the real port, also for port 0) goes into the Jolokia policy.
            int port = ((ServerConnector) s.getConnectors()[0]).getLocalPort();
            Path policy = JolokiaPolicy.write(settings.workDir(), settings.readOnly(), origins(port));
            s.setHandler(newWebApp(war, policy));
            s.start();
            started.complete(port);
            LOG.info("event=hawtio_started url=http://{}:{}{}/ authentication={} policy={} startup_ms={}", hostForUrl(), port,
                    CONTEXT_PATH, settings.authentication(), settings.readOnly() ? "read-only" : "full",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (Exception e) {
            // The console is for operators; its failure never takes the bridge down.
            LOG.error("event=hawtio_start_failed error=\"{}\"", e.toString());
            started.completeExceptionally(e);
            stopQuietly(s);
        }
    }

    private Server newServer() {
        // Bounded threads and connections (hence bounded queued work): the console serves a handful of operators.
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
        pool.setName("hawtio-jetty");
        pool.setDaemon(true);
        Server s = new Server(pool);
        s.setStopTimeout(5_000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        s.addConnector(connector);
        s.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        return s;
    }

    private WebAppContext newWebApp(Path war, Path policy) throws IOException {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(CONTEXT_PATH);
        webapp.setWar(war.toAbsolutePath().toString());
        // The bridge's classes first: the login module, logback as SLF4J backend, the policy files.
        webapp.setParentLoaderPriority(true);
        Path temp = settings.workDir().resolve("work");
        Files.createDirectories(temp);
        webapp.setTempDirectory(temp.toFile());
        // Keep the unpacked WAR between starts: Jetty re-unpacks only when the WAR is newer.
        webapp.setTempDirectoryPersistent(true);
        webapp.setThrowUnavailableOnStartupException(true);
        // Jolokia reads servlet-context init parameters after its servlet's own ones, so these win over web.xml.
        webapp.setInitParameter("policyLocation", policy.toUri().toString());
        webapp.setInitParameter("disabledServices", DISABLED_JOLOKIA_SERVICES);
        webapp.setInitParameter("discoveryEnabled", "false");
        webapp.setInitParameter("allowDnsReverseLookup", "false");
        // Trace and Debug tables stay empty when a traced endpoint URI holds '&' (Camel does not escape it).
        webapp.addFilter(new FilterHolder(new TraceXmlRepairFilter()), "/jolokia/*", EnumSet.of(DispatcherType.REQUEST));
        webapp.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        webapp.getSessionHandler().setMaxInactiveInterval(30 * 60);
        return webapp;
    }

    /**
     * Hawtio reads its settings from {@code hawtio.*} system properties only, so the bridge's configuration is
     * handed over here; the JAAS realm is installed in-process and the first admin is created when needed.
     */
    private void prepareAuthentication() throws IOException {
        setHawtioProperty("hawtio.authenticationEnabled", Boolean.toString(settings.authentication()));
        setHawtioProperty("hawtio.realm", REALM);
        setHawtioProperty("hawtio.roles", UsersFile.DEFAULT_ROLE);
        setHawtioProperty("hawtio.rolePrincipalClasses", ConsolePrincipal.Role.class.getName());
        setHawtioProperty("hawtio.authenticationContainerDiscoveryClasses", "");
        setHawtioProperty("hawtio.keycloakEnabled", "false");
        // Hawtio's own HTTP proxy (CVE-2019-9827 was an SSRF through it): off.
        setHawtioProperty("hawtio.disableProxy", "true");
        setHawtioProperty("hawtio.localAddressProbing", "false");
        setHawtioProperty("hawtio.proxyAllowlist", "");
        if (!settings.authentication()) {
            LOG.warn("event=hawtio_authentication_disabled note=\"anyone on this machine can use the console\"");
            return;
        }
        // the users file (and a first admin) was created in doStart
        ConsoleJaasConfiguration.install(REALM, settings.usersFile());
    }

    /** Sets a system property for Hawtio and remembers the previous value, restored when the console stops. */
    private void setHawtioProperty(String key, String value) {
        previousProperties.putIfAbsent(key, Optional.ofNullable(System.getProperty(key)));
        System.setProperty(key, value);
    }

    private void restoreHawtioProperties() {
        previousProperties.forEach((k, v) -> v.ifPresentOrElse(old -> System.setProperty(k, old), () -> System.clearProperty(k)));
        previousProperties.clear();
    }

    private List<String> origins(int port) {
        List<String> origins = new ArrayList<>();
        origins.add("http://" + hostForUrl() + ":" + port);
        if (settings.host().equals("127.0.0.1")) {
            origins.add("http://localhost:" + port);
        }
        origins.addAll(settings.extraOrigins());
        return origins;
    }

    private String hostForUrl() {
        String h = settings.host();
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    /** {@code hawtio.war} if set, else {@code hawtio.war} beside the bridge's jar (or beside target/classes). */
    static Optional<Path> locateWar(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Path code = Path.of(HawtioConsole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.getParent() != null) {
                candidates.add(code.getParent().resolve("hawtio.war"));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            LOG.debug("event=hawtio_code_source_unknown error=\"{}\"", e.toString());
        }
        candidates.add(Path.of("target", "hawtio.war"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    @Override
    protected void doStop() throws Exception {
        Thread t = starter;
        if (t != null) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        Server s = server;
        if (s != null) {
            boolean wasRunning = s.isStarted();
            // also closes a connector bound in doStart when the bridge stops before the console was deployed
            stopQuietly(s);
            if (wasRunning) {
                LOG.info("event=hawtio_stopped");
            }
        }
        starter = null;
        restoreHawtioProperties();
    }

    private void stopQuietly(Server s) {
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.stop();
        } catch (Exception e) {
            LOG.debug("event=hawtio_stop_failed error=\"{}\"", e.toString());
        }
        // A connector opened before a failed start is not closed by stop().
        for (var c : s.getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.close();
            }
        }
    }
}
