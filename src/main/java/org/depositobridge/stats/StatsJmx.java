package org.depositobridge.stats;

import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standard MBean behind {@link StatsJmxMBean}; registered in the platform MBean server while Camel runs. */
public class StatsJmx implements StatsJmxMBean {

    public static final String OBJECT_NAME = "org.depositobridge:type=stats,name=depositoStats";

    private static final Logger LOG = LoggerFactory.getLogger(StatsJmx.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatsRecorder recorder;
    private ObjectName registeredAs;

    public StatsJmx(StatsRecorder recorder) {
        this.recorder = recorder;
    }

    /** Registers this MBean, replacing one left by an earlier bridge in the same JVM (tests start several). */
    synchronized void register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(this, name);
        registeredAs = name;
    }

    synchronized void unregister() {
        if (registeredAs == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
        } catch (JMException e) {
            LOG.debug("event=stats_mbean_unregister_skipped reason=\"{}\"", e.getMessage());
        }
        registeredAs = null;
    }

    @Override
    public long getThreshold() {
        return recorder.threshold();
    }

    @Override
    public long getResets() {
        return recorder.resets();
    }

    @Override
    public long getCurrentWindowAttempts() {
        return (Long) recorder.currentWindow().get("attempts");
    }

    @Override
    public String getCurrentWindowJson() {
        return json(recorder.currentWindow());
    }

    @Override
    public String getLastReportJson() {
        StatsReport last = last();
        return last == null ? null : json(last.toMap());
    }

    @Override
    public String getReportsJson() {
        return json(recorder.reports().stream().map(StatsReport::toMap).toList());
    }

    @Override
    public double getLastSuccessRate() {
        StatsReport last = last();
        return last == null ? Double.NaN : last.successRate();
    }

    @Override
    public double getLastLatencyP99Ms() {
        StatsReport last = last();
        return last == null ? Double.NaN : last.latencyP99Ms();
    }

    @Override
    public long getLastHeapUsedBytes() {
        StatsReport last = last();
        return last == null ? -1 : last.heapUsedBytes();
    }

    @Override
    public long getLastRssBytes() {
        StatsReport last = last();
        return last == null || last.rssBytes() == null ? -1 : last.rssBytes();
    }

    @Override
    public String snapshotJson(int reports) {
        return json(recorder.snapshot(reports));
    }

    private StatsReport last() {
        List<StatsReport> r = recorder.reports(1);
        return r.isEmpty() ? null : r.get(0);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write stats as JSON", e);
        }
    }
}
