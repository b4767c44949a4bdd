package org.depositobridge.stats;

/**
 * JMX view of {@link StatsRecorder} at {@value StatsJmx#OBJECT_NAME}: Hawtio shows the attributes and can chart
 * the numeric ones. Reports are JSON strings so any JMX client can read them without our classes.
 */
public interface StatsJmxMBean {

    long getThreshold();

    long getResets();

    long getCurrentWindowAttempts();

    /** The open window as JSON: number, start, attempts so far, counts by outcome and endpoint. */
    String getCurrentWindowJson();

    /** The newest report as JSON, or null before the first window closes. */
    String getLastReportJson();

    /** Up to 100 reports as a JSON array, newest first. */
    String getReportsJson();

    double getLastSuccessRate();

    double getLastLatencyP99Ms();

    long getLastHeapUsedBytes();

    /** RSS of the newest report, -1 when there is none or procfs is absent. */
    long getLastRssBytes();

    /** Everything /api/stats serves, limited to {@code reports} reports, as JSON. */
    String snapshotJson(int reports);
}
