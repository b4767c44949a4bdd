package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over real HTTP with its default (full) policy: who gets in, and what even a logged-in user cannot do. */
class ConsoleSecurityTest {

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

    @Test
    void probe() throws Exception {
        String read = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=deposito-bridge,type=routes,name=\\\"api-health\\\"\",\"attribute\":\"ExchangesTotal\"}";
        show("noauth", console.postJolokia(read));
        show("wrong", console.postJolokia(read, "Authorization", ConsoleFixture.basic("operator", "nope-nope-nope")));
        show("good", console.postJolokiaAsOperator(read));
        show("evil", console.postJolokia(read, "Authorization", ConsoleFixture.basic("operator", ConsoleFixture.PASSWORD), "Origin", "http://evil.example"));
        show("own", console.postJolokiaAsOperator(read)); show("trace", console.postJolokiaAsOperator("{\"type\":\"write\",\"mbean\":\"org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogTracer\",\"attribute\":\"Enabled\",\"value\":true}")); show("stop", console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=deposito-bridge,type=routes,name=\\\"api-health\\\"\",\"operation\":\"stop()\",\"arguments\":[]}"));
        show("send", console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"" + ConsoleFixture.CONTEXT_MBEAN.replace("\"", "\\\"")
                + "\",\"operation\":\"sendBody(java.lang.String,java.lang.Object)\",\"arguments\":[\"direct:health\",\"x\"]}"));
        show("heap", console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\",\"arguments\":[\"/tmp/x.hprof\",true]}"));
        show("diag", console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmSystemProperties\",\"arguments\":[]}"));
        show("jsr160", console.postJolokiaAsOperator("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\",\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:1099/jmxrmi\"}}"));
        show("proxy", console.get("/proxy/http/127.0.0.1/" + console.bridge.apiPort() + "/health", "Authorization", ConsoleFixture.basic("operator", ConsoleFixture.PASSWORD)));
        show("index", console.get("/"));
        show("authconfig", console.get("/auth/config"));
    }

    static void show(String what, HttpResponse<String> r) {
        System.out.println("PROBE " + what + " http=" + r.statusCode() + " headers=" + r.headers().map() + " body=" + r.body().substring(0, Math.min(400, r.body().length())));
    }
}
