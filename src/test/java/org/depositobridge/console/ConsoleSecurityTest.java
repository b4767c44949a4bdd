package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over real HTTP with its default (full) policy: who gets in, and what even a logged-in user cannot do. */
class ConsoleSecurityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROUTE_MBEAN = "org.apache.camel:context=deposito-bridge,type=routes,name=\"api-health\"";
    static final String READ_ROUTE = "{\"type\":\"read\",\"mbean\":\"" + ConsoleFixture.mbean(ROUTE_MBEAN) + "\",\"attribute\":\"ExchangesTotal\"}";

    @TempDir
    static Path tmp;
    static ConsoleFixture console;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleFixture.start(tmp, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    /** Without credentials Jolokia answers 403 and no data. */
    @Test
    void should_refuse_jolokia_without_credentials() throws Exception {
        HttpResponse<String> r = console.postJolokia(READ_ROUTE, "Origin", console.origin());
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(r.body()).doesNotContain("ExchangesTotal");
    }

    /** A wrong password is refused like no password. */
    @Test
    void should_refuse_a_wrong_password() throws Exception {
        HttpResponse<String> r = console.postJolokia(READ_ROUTE,
                "Authorization", ConsoleFixture.basic(ConsoleFixture.USER, "not-the-password"), "Origin", console.origin());
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(r.body()).doesNotContain("ExchangesTotal");
    }

    /** An unknown user is refused too. */
    @Test
    void should_refuse_an_unknown_user() throws Exception {
        HttpResponse<String> r = console.postJolokia(READ_ROUTE,
                "Authorization", ConsoleFixture.basic("mallory", ConsoleFixture.PASSWORD), "Origin", console.origin());
        assertThat(r.statusCode()).isIn(401, 403);
    }

    /** Good credentials read a Camel route MBean's live exchange count through /hawtio/jolokia. */
    @Test
    void should_read_a_camel_route_mbean_with_good_credentials() throws Exception {
        assertThat(console.bridge.get("/health").statusCode()).isEqualTo(200);
        JsonNode r = jolokia(READ_ROUTE);
        assertThat(r.path("status").asInt()).isEqualTo(200);
        assertThat(r.path("value").asLong()).isGreaterThanOrEqualTo(1);
    }

    /** The UI's login form opens a session that Jolokia accepts without Basic credentials. */
    @Test
    void should_log_in_through_the_console_login_form() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String login = "{\"username\":\"" + ConsoleFixture.USER + "\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}";
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(console.url("/auth/login")))
                .header("Content-Type", "application/json").header("Origin", console.origin())
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(200);
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(console.url("/jolokia/")))
                .header("Content-Type", "application/json").header("Origin", console.origin())
                .POST(HttpRequest.BodyPublishers.ofString(READ_ROUTE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(read.body()).path("status").asInt()).isEqualTo(200);
    }

    /** A page from another site cannot drive the console, even with the operator's credentials (CSRF). */
    @Test
    void should_refuse_a_cross_origin_post() throws Exception {
        for (String foreign : new String[] {"http://evil.example", "http://localhost:1", "http://127.0.0.1:" + (console.port + 1)}) {
            HttpResponse<String> r = console.postJolokia(READ_ROUTE,
                    "Authorization", ConsoleFixture.basic(ConsoleFixture.USER, ConsoleFixture.PASSWORD), "Origin", foreign);
            assertThat(refused(r)).as("origin %s", foreign).isTrue();
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(r.body()).doesNotContain("\"value\"");
        }
    }

    /** Camel's context MBean cannot inject messages: sendBody is refused and the route never runs. */
    @Test
    void should_refuse_send_body_on_the_context_mbean() throws Exception {
        long before = jolokia(READ_ROUTE).path("value").asLong();
        String send = "{\"type\":\"exec\",\"mbean\":\"" + ConsoleFixture.mbean(ConsoleFixture.CONTEXT_MBEAN)
                + "\",\"operation\":\"sendBody(java.lang.String,java.lang.Object)\",\"arguments\":[\"direct:health\",\"x\"]}";
        assertThat(refused(console.postJolokiaAsOperator(send))).isTrue();
        String request = send.replace("sendBody(", "requestBody(");
        assertThat(refused(console.postJolokiaAsOperator(request))).isTrue();
        String create = "{\"type\":\"exec\",\"mbean\":\"" + ConsoleFixture.mbean(ConsoleFixture.CONTEXT_MBEAN)
                + "\",\"operation\":\"createEndpoint\",\"arguments\":[\"file:/tmp\"]}";
        assertThat(refused(console.postJolokiaAsOperator(create))).isTrue();
        assertThat(jolokia(READ_ROUTE).path("value").asLong()).isEqualTo(before);
    }

    /** No heap dump, no diagnostic command (jvmtiAgentLoad is code execution), no flight recording. */
    @Test
    void should_refuse_heap_dump_and_diagnostic_commands() throws Exception {
        Path dump = tmp.resolve("heap.hprof");
        assertThat(refused(console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"" + dump + "\",true]}"))).isTrue();
        assertThat(dump).doesNotExist();
        assertThat(refused(console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmSystemProperties\",\"arguments\":[]}"))).isTrue();
        assertThat(refused(console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"jvmtiAgentLoad\",\"arguments\":[[\"/tmp/agent.so\"]]}"))).isTrue();
        assertThat(refused(console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"jdk.management.jfr:type=FlightRecorder\","
                + "\"operation\":\"newRecording\",\"arguments\":[]}"))).isTrue();
        assertThat(refused(console.postJolokiaAsOperator("{\"type\":\"write\",\"mbean\":\"java.util.logging:type=Logging\","
                + "\"attribute\":\"LoggerLevel\",\"value\":\"OFF\"}"))).isTrue();
    }

    /** A logged-in operator can read the JVM's MBeans but not force a GC, reset peaks or switch JVM-wide settings. */
    @Test
    void should_refuse_gc_and_writes_to_java_lang() throws Exception {
        assertJavaLangIsReadOnly(console);
    }

    /** Shared with the read-only policy's test: both policies must hold these lines. */
    static void assertJavaLangIsReadOnly(ConsoleFixture c) throws Exception {
        String read = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}";
        assertThat(JSON.readTree(c.postJolokiaAsOperator(read).body()).path("status").asInt()).isEqualTo(200);
        for (String gc : new String[] {"gc", "gc()"}) {
            assertThat(refused(c.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"operation\":\"" + gc + "\",\"arguments\":[]}"))).as("exec %s", gc).isTrue();
        }
        assertThat(refused(c.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Threading\","
                + "\"operation\":\"resetPeakThreadCount()\",\"arguments\":[]}"))).isTrue();
        assertThat(refused(c.postJolokiaAsOperator("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\","
                + "\"attribute\":\"Verbose\",\"value\":true}"))).isTrue();
        assertThat(refused(c.postJolokiaAsOperator("{\"type\":\"write\",\"mbean\":\"java.lang:type=Threading\","
                + "\"attribute\":\"ThreadContentionMonitoringEnabled\",\"value\":true}"))).isTrue();
        // the bridge runs in this JVM: the refused writes really changed nothing
        assertThat(ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
        assertThat(ManagementFactory.getThreadMXBean().isThreadContentionMonitoringEnabled()).isFalse();
    }

    /** What the console needs still works under the policy: the tracer can be switched on and off. */
    @Test
    void should_allow_trace_switching() throws Exception {
        String tracer = ConsoleFixture.mbean("org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogTracer");
        JsonNode on = jolokia("{\"type\":\"write\",\"mbean\":\"" + tracer + "\",\"attribute\":\"Enabled\",\"value\":true}");
        assertThat(on.path("status").asInt()).isEqualTo(200);
        JsonNode off = jolokia("{\"type\":\"write\",\"mbean\":\"" + tracer + "\",\"attribute\":\"Enabled\",\"value\":false}");
        assertThat(off.path("status").asInt()).isEqualTo(200);
        assertThat(off.path("value").asBoolean()).isTrue();
    }

    /** The full policy keeps the console's operator actions: stop and start a route, switch the debugger. */
    @Test
    void should_allow_route_stop_start_and_the_debugger() throws Exception {
        String route = ConsoleFixture.mbean(ROUTE_MBEAN);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"stop()\",\"arguments\":[]}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(console.bridge.context().getRouteController().getRouteStatus("api-health").isStopped()).isTrue();
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"" + route + "\",\"operation\":\"start()\",\"arguments\":[]}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(console.bridge.context().getRouteController().getRouteStatus("api-health").isStarted()).isTrue();
        String debugger = ConsoleFixture.mbean("org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogDebugger");
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"" + debugger + "\",\"operation\":\"enableDebugger()\",\"arguments\":[]}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(jolokia("{\"type\":\"exec\",\"mbean\":\"" + debugger + "\",\"operation\":\"disableDebugger()\",\"arguments\":[]}")
                .path("status").asInt()).isEqualTo(200);
    }

    /** Jolokia's JSR-160 proxy is off: a request naming a remote JMX target opens no connection to it. */
    @Test
    void should_not_proxy_jsr160_requests() throws Exception {
        try (ServerSocketChannel trap = ServerSocketChannel.open()) {
            trap.bind(new InetSocketAddress("127.0.0.1", 0));
            trap.configureBlocking(false);
            int port = ((InetSocketAddress) trap.getLocalAddress()).getPort();
            String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
            console.postJolokiaAsOperator("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\","
                    + "\"target\":{\"url\":\"" + url + "\"}}");
            // The request has been answered, so any connection it made is already in the backlog.
            assertThat(trap.accept()).isNull();
        }
    }

    /** Hawtio's own HTTP proxy (an SSRF vector, CVE-2019-9827) does not forward anything. */
    @Test
    void should_keep_the_hawtio_proxy_off() throws Exception {
        HttpResponse<String> r = console.get("/proxy/http/127.0.0.1/" + console.bridge.apiPort() + "/health",
                "Authorization", ConsoleFixture.basic(ConsoleFixture.USER, ConsoleFixture.PASSWORD), "Origin", console.origin());
        assertThat(r.statusCode()).isNotEqualTo(200);
        assertThat(r.body()).doesNotContain("UP");
    }

    /** The UI without a session goes to the login page. */
    @Test
    void should_send_the_browser_to_the_login_page() throws Exception {
        HttpResponse<String> r = console.get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/hawtio/login"));
    }

    /** The console listens on loopback only. */
    @Test
    void should_listen_on_loopback_only() throws Exception {
        assertThat(console.console.settings().host()).isEqualTo("127.0.0.1");
        String external = firstNonLoopbackIpv4();
        Assumptions.assumeTrue(external != null, "machine has no non-loopback IPv4 address");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(external, console.port), 1000);
            throw new AssertionError("console accepted a connection on " + external);
        } catch (IOException expected) {
            assertThat(expected).isNotNull();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", console.port), 1000);
            assertThat(s.isConnected()).isTrue();
        }
    }

    /** The users file the test wrote keeps no password, only a salted PBKDF2 hash. */
    @Test
    void should_store_only_salted_hashes() throws Exception {
        String content = Files.readString(console.usersFile);
        assertThat(content).doesNotContain(ConsoleFixture.PASSWORD).contains(ConsoleFixture.USER + "=pbkdf2-sha512$");
    }

    private static JsonNode jolokia(String json) throws Exception {
        HttpResponse<String> r = console.postJolokiaAsOperator(json);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Jolokia refuses with HTTP 403, or with HTTP 200 and status 403 in the JSON body (policy decisions). */
    static boolean refused(HttpResponse<String> r) throws IOException {
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return true;
        }
        JsonNode body = JSON.readTree(r.body());
        return body.path("status").asInt() == 403 && !body.has("value");
    }

    static String firstNonLoopbackIpv4() throws Exception {
        for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }

}
