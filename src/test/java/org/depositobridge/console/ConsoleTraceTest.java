package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.management.ObjectName;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.depositobridge.logging.SecretMasking;

/** Trace through the console works even for endpoint URIs with '&', which Camel 4.18 writes into the XML unescaped. */
class ConsoleTraceTest {

    static final String TRACER = "org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogTracer";
    static final String AMP_URI = "log:amp-trace?level=DEBUG&showBody=false";

    @TempDir
    static Path tmp;
    static ConsoleFixture console;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleFixture.start(tmp, Map.of());
        // A lambda, not a RouteBuilder class: camel-main's package scan would pick a class up in every test.
        RouteBuilder.addRoutes(console.bridge.context(), rb -> rb.from("direct:amp-trace").routeId("amp-trace")
                .routeGroup("console-test").to(AMP_URI).id("log-with-two-options"));
        assertThat(jolokia("{\"type\":\"write\",\"mbean\":\"" + ConsoleFixture.mbean(TRACER)
                + "\",\"attribute\":\"Enabled\",\"value\":true}").path("status").asInt()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
    }

    /** Bare ampersands are escaped; entities, character references and CDATA sections are left alone. */
    @Test
    void should_escape_only_bare_ampersands_outside_cdata() {
        String xml = "<a><u>http:x?a=1&b=2</u><b>&amp;&lt;&#38;&#x26;</b><c><![CDATA[x&y]]></c></a>";
        assertThat(TraceXmlRepairFilter.escapeBareAmpersands(xml))
                .isEqualTo("<a><u>http:x?a=1&amp;b=2</u><b>&amp;&lt;&#38;&#x26;</b><c><![CDATA[x&y]]></c></a>");
    }

    /** Without the console's repair Camel's own dump is not XML: the trap the filter exists for. */
    @Test
    void should_get_broken_xml_from_camel_itself() throws Exception {
        console.bridge.context().createProducerTemplate().sendBody("direct:amp-trace", "raw");
        String raw = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName(TRACER), "dumpAllTracedMessagesAsXml", new Object[0], new String[0]);
        assertThat(raw).contains("showBody=false");
        // the first bare '&' breaks it: this route's, or a poller's scheduler URI traced before it
        assertThatThrownBy(() -> parse(raw)).hasMessageContaining("must end with the ';' delimiter");
    }

    /** Through the console's Jolokia the same dump is well-formed and lists the traced message with its URI. */
    @Test
    void should_serve_well_formed_trace_xml_through_the_console() throws Exception {
        console.bridge.context().createProducerTemplate().sendBody("direct:amp-trace", "through-console");
        JsonNode dump = jolokia("{\"type\":\"exec\",\"mbean\":\"" + ConsoleFixture.mbean(TRACER)
                + "\",\"operation\":\"dumpAllTracedMessagesAsXml()\",\"arguments\":[]}");
        assertThat(dump.path("status").asInt()).isEqualTo(200);
        Document doc = parse(dump.path("value").asText());
        assertThat(doc.getElementsByTagName("backlogTracerEventMessage").getLength()).isPositive();
        var uris = doc.getElementsByTagName("endpointUri");
        java.util.List<String> traced = new java.util.ArrayList<>();
        for (int i = 0; i < uris.getLength(); i++) {
            traced.add(uris.item(i).getTextContent());
        }
        assertThat(traced).contains("log://amp-trace?level=DEBUG&showBody=false");
    }

    /** Camel's own trace keeps credential headers in clear: the leak the console's masking exists for. */
    @Test
    void should_get_credentials_in_clear_from_camel_itself() throws Exception {
        sendWithCredentials("raw-key-0001");
        String raw = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName(TRACER), "dumpAllTracedMessagesAsXml", new Object[0], new String[0]);
        assertThat(raw).contains("raw-key-0001");
    }

    /**
     * A request with X-API-Key, Authorization and a cookie, traced over real HTTP: no dump the console can ask for
     * (trace as XML or JSON, message history) holds any of the three values, and the headers are still listed.
     */
    @Test
    void should_mask_credentials_in_every_trace_dump_through_the_console() throws Exception {
        for (String operation : new String[] {"dumpAllTracedMessagesAsXml()", "dumpAllTracedMessagesAsJSon()",
                "dumpTracedMessagesAsXml(java.lang.String)", "dumpLatestMessageHistoryAsXml()",
                "dumpLatestMessageHistoryAsJSon()"}) {
            String key = "secret-key-" + Math.abs(operation.hashCode());
            String args = operation.contains("java.lang.String") ? "[\"api-health\"]" : "[]";
            // the pollers are traced too: a cycle's steps can push the request's out of the tracer's bounded backlog
            // before the dump, so the request is sent again until a dump holds it; every dump must be masked
            await(operation).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                sendWithCredentials(key);
                String answer = console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\""
                        + ConsoleFixture.mbean(TRACER) + "\",\"operation\":\"" + operation + "\",\"arguments\":" + args
                        + "}").body();
                assertThat(ConsoleSecurityTest.JSON.readTree(answer).path("status").asInt()).as(operation).isEqualTo(200);
                assertThat(answer).as(operation).doesNotContain(key).doesNotContain("bearer-" + key)
                        .doesNotContain("cookie-" + key);
                if (operation.startsWith("dumpAllTracedMessagesAsXml")) {
                    assertThat(answer).containsIgnoringCase("x-api-key").contains(SecretMasking.MASK);
                }
            });
        }
    }

    /** The debugger's expression evaluation would read a header unmasked: refused by the policy. */
    @Test
    void should_refuse_expression_evaluation_at_a_breakpoint() throws Exception {
        String debugger = ConsoleFixture.mbean("org.apache.camel:context=deposito-bridge,type=tracer,name=BacklogDebugger");
        var r = console.postJolokiaAsOperator("{\"type\":\"exec\",\"mbean\":\"" + debugger
                + "\",\"operation\":\"evaluateExpressionAtBreakpoint(java.lang.String,java.lang.String,java.lang.String)\","
                + "\"arguments\":[\"x\",\"simple\",\"${header.X-API-Key}\"]}");
        assertThat(ConsoleSecurityTest.refused(r)).isTrue();
    }

    /** The masking of each form Camel renders headers in: XML, JSON, a log line's header map. */
    @Test
    void should_mask_each_rendering_of_a_credential_header() {
        assertThat(SecretMasking.mask("<header key=\"X-API-Key\" type=\"java.lang.String\">k1</header><header key=\"q\">v</header>"))
                .isEqualTo("<header key=\"X-API-Key\" type=\"java.lang.String\">xxxxxx</header><header key=\"q\">v</header>");
        assertThat(SecretMasking.mask("{\"key\": \"authorization\", \"type\": \"java.lang.String\", \"value\": \"Bearer a\\\"b\"}"))
                .isEqualTo("{\"key\": \"authorization\", \"type\": \"java.lang.String\", \"value\": \"xxxxxx\"}");
        assertThat(SecretMasking.mask("Headers: {Cookie=s=1; t=2, X-API-Key=k2, Accept=*/*}"))
                .isEqualTo("Headers: {Cookie=xxxxxx, X-API-Key=xxxxxx, Accept=*/*}");
        assertThat(SecretMasking.mask("X-Authorization-Mode=plain")).isEqualTo("X-Authorization-Mode=plain");
    }

    /** A log step that prints ${headers} (what an integration engineer adds while debugging) masks the credentials. */
    @Test
    void should_mask_credentials_in_a_log_step() throws Exception {
        RouteBuilder.addRoutes(console.bridge.context(), rb -> rb.from("direct:log-headers").routeId("log-headers")
                .routeGroup("console-test").log(org.apache.camel.LoggingLevel.INFO, "log-headers", "headers ${headers}").id("log-the-headers"));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("log-headers");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        // the test logback configuration may keep INFO from this logger
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            console.bridge.context().createProducerTemplate().sendBodyAndHeaders("direct:log-headers", "x",
                    Map.of("X-API-Key", "log-key-42", "Authorization", "Bearer log-token-42", "Accept", "text/csv"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getFormattedMessage()).doesNotContain("log-key-42").doesNotContain("log-token-42")
                .contains("X-API-Key=" + SecretMasking.MASK).contains("Accept=text/csv");
    }

    private static void sendWithCredentials(String key) throws Exception {
        console.bridge.get("/health", "X-API-Key", key, "Authorization", "Bearer bearer-" + key, "Cookie", "s=cookie-" + key);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode jolokia(String json) throws Exception {
        var r = console.postJolokiaAsOperator(json);
        assertThat(r.statusCode()).isEqualTo(200);
        return ConsoleSecurityTest.JSON.readTree(r.body());
    }
}
