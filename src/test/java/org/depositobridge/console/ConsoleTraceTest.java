package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> parse(raw)).hasMessageContaining("showBody");
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
