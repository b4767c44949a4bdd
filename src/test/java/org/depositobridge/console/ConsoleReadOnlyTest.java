package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hawtio.read-only=true (the production example): the console shows everything and changes nothing. */
class ConsoleReadOnlyTest {

    static final String ROUTE = ConsoleFixture.mbean(ConsoleSecurityTest.ROUTE_MBEAN);
    static final String TRACER = ConsoleFixture.mbean("org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogTracer");

    @TempDir
    static Path tmp;
    static ConsoleFixture console;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleFixture.start(tmp, Map.of("hawtio.read-only", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    /** Statistics and the route XML behind the diagrams are readable. */
    @Test
    void should_read_statistics_and_route_xml() throws Exception {
        assertThat(status(ConsoleSecurityTest.READ_ROUTE)).isEqualTo(200);
        JsonNode xml = ConsoleSecurityTest.JSON.readTree(console.postJolokiaAsOperator(
                "{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"dumpRouteAsXml()\",\"arguments\":[]}").body());
        assertThat(xml.path("status").asInt()).isEqualTo(200);
        assertThat(xml.path("value").asText()).contains("api-health");
    }

    /** Stopping a route is refused and the route keeps running. */
    @Test
    void should_refuse_to_stop_a_route() throws Exception {
        assertThat(status("{\"type\":\"exec\",\"mbean\":\"" + ROUTE + "\",\"operation\":\"stop()\",\"arguments\":[]}")).isEqualTo(403);
        assertThat(console.bridge.context().getRouteController().getRouteStatus("api-health").isStarted()).isTrue();
    }

    /** Tracing cannot be switched on (it would copy message bodies into memory). */
    @Test
    void should_refuse_to_switch_tracing_on() throws Exception {
        assertThat(status("{\"type\":\"write\",\"mbean\":\"" + TRACER + "\",\"attribute\":\"Enabled\",\"value\":true}")).isEqualTo(403);
        assertThat(status("{\"type\":\"exec\",\"mbean\":\"" + TRACER + "\",\"operation\":\"setEnabled\",\"arguments\":[true]}")).isEqualTo(403);
    }

    /** The full policy's denials still hold. */
    @Test
    void should_still_refuse_send_body_and_heap_dumps() throws Exception {
        assertThat(status("{\"type\":\"exec\",\"mbean\":\"" + ConsoleFixture.mbean(ConsoleFixture.CONTEXT_MBEAN)
                + "\",\"operation\":\"sendBody(java.lang.String,java.lang.Object)\",\"arguments\":[\"direct:health\",\"x\"]}")).isEqualTo(403);
        assertThat(status("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"operation\":\"dumpHeap\",\"arguments\":[\"" + tmp.resolve("h.hprof") + "\",true]}")).isEqualTo(403);
        assertThat(tmp.resolve("h.hprof")).doesNotExist();
    }

    /** No GC, no peak reset, no write to java.lang attributes under the read-only policy either. */
    @Test
    void should_refuse_gc_and_writes_to_java_lang() throws Exception {
        ConsoleSecurityTest.assertJavaLangIsReadOnly(console);
    }

    private static int status(String json) throws Exception {
        var r = console.postJolokiaAsOperator(json);
        if (r.statusCode() != 200) {
            return r.statusCode();
        }
        return ConsoleSecurityTest.JSON.readTree(r.body()).path("status").asInt();
    }
}
