package org.depositobridge.report;

import java.nio.file.Path;
import java.time.Clock;
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
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds bean {@code csvExports} and the drop routes' beans ({@link ReportDropBeans}) from the {@code reports.*} keys,
 * registers health check {@code reports}, and removes what an interrupted run left in {@code reports.dir} before
 * any route starts.
 */
public class ReportConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReportConfiguration.class);

    private final ConfigValues cfg;

    public ReportConfiguration(ConfigValues cfg) {
        this.cfg = cfg;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        ZoneId zone = ZoneId.of(cfg.string("reports.timezone"));
        List<String> reports = Arrays.stream(cfg.string("reports.datasets")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<ReportFormat> formats = Arrays.stream(cfg.string("reports.formats").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(ReportFormat::of).toList();
        DropSettings settings = new DropSettings(Path.of(cfg.string("reports.dir")),
                reports, formats, zone, cfg.integer("reports.retention-days"),
                DropSettings.StalePolicy.of(cfg.string("reports.stale-policy")),
                cfg.bool("reports.create-dir"));

        // looked up per use, as a route names it: the bean can be replaced while the bridge runs (a test does);
        // metricsRegistry is Camel's, which exists only once the context starts
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
        CsvWriter writer = new CsvWriter(CsvDialect.of(cfg.string("reports.csv-dialect")), zone);

        ScheduleSlots slots = new ScheduleSlots(cfg.string("reports.cron"), zone,
                cfg.duration("reports.catch-up-window"));
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
        if (!cfg.bool("bridge.cluster.enabled")) {
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
