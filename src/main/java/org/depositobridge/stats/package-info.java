/**
 * Statistics of the bridge's HTTP attempts to the deposito and the bridge's own metrics.
 *
 * <p>{@link org.depositobridge.stats.StatsRecorder} (bean {@code depositoStats}) counts every attempt by endpoint
 * group and outcome in lock-free, fixed-size windows; each window closes after exactly {@code stats.reset-threshold}
 * attempts and emits one {@link org.depositobridge.stats.StatsReport} (log line {@code event=stats_reset}, a bounded
 * ring, JMX, {@code /api/stats}). {@link org.depositobridge.stats.DepositoStatsNotifier} feeds it from Camel's
 * exchange events; {@link org.depositobridge.stats.BridgeMetrics} gives other packages bounded Prometheus meters,
 * and {@link org.depositobridge.stats.ApiRequestNotifier} feeds its API meters from every REST exchange;
 * {@link org.depositobridge.stats.ManagementCredentials} guards {@code /observe/metrics} with basic auth.
 */
package org.depositobridge.stats;
