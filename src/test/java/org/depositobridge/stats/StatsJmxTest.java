package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The MBean Hawtio shows: readable through the platform MBean server by any JMX client. */
class StatsJmxTest {

    /** Attributes and the snapshot operation answer through JMX, reports as JSON. */
    @Test
    void should_expose_window_and_reports_through_jmx() throws Exception {
        StatsRecorder recorder = new StatsRecorder(2);
        StatsJmx jmx = new StatsJmx(recorder);
        jmx.register();
        try {
            recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.SUCCESS, 2_000_000L);
            recorder.record(DepositoEndpoint.PRODUCTOS, Outcome.HTTP_5XX, 4_000_000L);
            recorder.record(DepositoEndpoint.CRITICAL, Outcome.SUCCESS, 1_000_000L);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.depositobridge:type=stats,name=depositoStats");
            assertThat(server.getAttribute(name, "Threshold")).isEqualTo(2L);
            assertThat(server.getAttribute(name, "Resets")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "CurrentWindowAttempts")).isEqualTo(1L);
            assertThat((Double) server.getAttribute(name, "LastSuccessRate")).isEqualTo(0.5);
            JsonNode last = new ObjectMapper().readTree((String) server.getAttribute(name, "LastReportJson"));
            assertThat(last.get("byOutcome").get("http_5xx").asLong()).isEqualTo(1);
            JsonNode snapshot = new ObjectMapper().readTree((String) server.invoke(name, "snapshotJson",
                    new Object[] {10}, new String[] {"int"}));
            assertThat(snapshot.get("reports")).hasSize(1);
            assertThat(snapshot.get("currentWindow").get("byEndpoint").get("critical").asLong()).isEqualTo(1);
        } finally {
            jmx.unregister();
        }
        assertThat(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName(StatsJmx.OBJECT_NAME))).isFalse();
    }
}
