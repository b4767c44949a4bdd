package org.depositobridge.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.depositobridge.WhenFullyStarted;
import org.depositobridge.dataset.DatasetService;
import org.depositobridge.security.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code csvExports} and the drop routes' beans ({@link ReportDropBeans}) from the {@code reports.*} keys,
 * registers health check {@code reports}, and removes what an interrupted run left in {@code reports.dir} before
 * any route starts.
 */
public class ReportConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReportConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ConfigValues cfg = new ConfigValues(context);
        ZoneId zone = ZoneId.of(cfg.string("reports.timezone", "America/Argentina/Buenos_Aires"));
        List<String> reports = Arrays.stream(cfg.string("reports.datasets", String.join(",", ReportTables.NAMES))
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<ReportFormat> formats = Arrays.stream(cfg.string("reports.formats", "csv,xlsx").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(ReportFormat::of).toList();
        DropSettings settings = new DropSettings(Path.of(cfg.string("reports.dir", "data/reports")),
                reports, formats, zone, cfg.integer("reports.retention-days", 30),
                DropSettings.StalePolicy.of(cfg.string("reports.stale-policy", "write-flagged")),
                cfg.bool("reports.create-dir", true));

        // looked up per use: the dataset and metrics capabilities may bind their beans after this runs
        ReportSource source = (dataset, query) -> {
            DatasetService datasets = context.getRegistry().lookupByNameAndType("dashboardDatasets", DatasetService.class);
            if (datasets == null) {
                throw new IllegalStateException("bean dashboardDatasets is not bound");
            }
            return datasets.extract(dataset, query);
        };
        ReportMetrics metrics = new ReportMetrics(
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        // drops are for people (excel-ar by default); exports choose per request (CsvExports)
        CsvWriter writer = new CsvWriter(CsvDialect.of(cfg.string("reports.csv-dialect", "excel-ar")), zone);

        ScheduleSlots slots = new ScheduleSlots(cfg.string("reports.cron", "0 0 6 * * ?"), zone,
                cfg.duration("reports.catch-up-window", Duration.ofHours(1)));
        context.getRegistry().bind("csvExports", new CsvExports(source, zone, Clock.systemUTC()));
        ReportRuns drops = ReportDropBeans.bind(context.getRegistry(), settings, source, writer, metrics,
                Clock.systemUTC(), slots);

        ReportsHealthCheck check = new ReportsHealthCheck(drops);
        check.setCamelContext(context);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(check);
        }
        // with several replicas only the leader touches the folder: its runs clear leftovers before they write; a
        // replica starting while the leader writes must not take the leader's renamed CSVs for orphans
        if (!cfg.bool("bridge.cluster.enabled", false)) {
            context.getRegistry().lookupByNameAndType("reportCleanup", ReportCleanup.class).cleanLeftovers();
        }
        WhenFullyStarted.run(context, ctx -> metrics.register());
        LOG.info("event=reports_configured dir={} reports={} formats={} timezone={} retention_days={} stale_policy={} dialect={} "
                + "catch_up_window={}", settings.dir().toAbsolutePath(), reports,
                formats.stream().map(ReportFormat::extension).toList(), zone, settings.retentionDays(),
                settings.stalePolicy().name().toLowerCase(Locale.ROOT).replace('_', '-'), writer.dialect().key(),
                slots.window());
    }
}
