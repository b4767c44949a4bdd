package org.depositobridge.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The drop flow of the bundle's own route files (routes/reports-drop.camel.yaml and the set list), in a small Camel
 * context with the beans the bridge binds (ReportDropBeans) and no HTTP, poller or deposito: a test drives its
 * triggers through their direct: routes. The cron and the .run-now timer are replaced by direct: endpoints
 * (AdviceWith), so nothing fires by itself.
 */
final class ReportFlow implements AutoCloseable {

    private final CamelContext context;
    private final ProducerTemplate template;
    private final ReportRuns runs;
    private final ReportCleanup cleanup;
    private final DropSettings settings;
    private final Clock clock;

    /**
     * @param reportSet the set list in place of routes/reports-set.camel.yaml's (one entry per line); null: the file's
     * @param slots     the schedule, for the catch-up; null: never catch up
     */
    ReportFlow(DropSettings settings, ReportSource source, CsvWriter writer, Supplier<MeterRegistry> meters, Clock clock,
            ScheduleSlots slots, String reportSet) throws Exception {
        this.settings = settings;
        this.clock = clock;
        context = new DefaultCamelContext();
        Properties p = new Properties();
        p.setProperty("reports.dir", settings.dir().toString());
        p.setProperty("reports.timezone", settings.zone().getId());
        p.setProperty("reports.cron", "0 0 6 * * ?");
        p.setProperty("reports.run-now-poll-interval", "3600000");
        context.getPropertiesComponent().setInitialProperties(p);
        context.getRegistry().bind("leaderOnly", new RoutePolicySupport() {
        });
        runs = ReportDropBeans.bind(context.getRegistry(), settings, source, writer, new ReportMetrics(meters), clock,
                slots);
        cleanup = context.getRegistry().lookupByNameAndType("reportCleanup", ReportCleanup.class);
        Resource set = reportSet == null ? ResourceHelper.resolveMandatoryResource(context, "file:routes/reports-set.camel.yaml")
                : ResourceHelper.fromString("reports-set.camel.yaml", setRoute(reportSet));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "file:routes/reports-drop.camel.yaml"), set);
        AdviceWith.adviceWith(context, "reports-drop-scheduled", a -> a.replaceFromWith("direct:test-schedule"));
        AdviceWith.adviceWith(context, "reports-drop-on-request", a -> a.replaceFromWith("direct:test-poll"));
        context.start();
        template = context.createProducerTemplate();
    }

    private static String setRoute(String reportSet) {
        StringBuilder yaml = new StringBuilder("""
                - route:
                    id: reports-set
                    group: reports
                    description: "The test's set"
                    from:
                      id: reports-set-start
                      uri: direct:reports-set
                      steps:
                        - setProperty:
                            id: list-report-set
                            name: reportSet
                            expression:
                              simple:
                                expression: |-
                """);
        for (String line : reportSet.split("\n")) {
            yaml.append("                  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    CamelContext context() {
        return context;
    }

    ReportRuns runs() {
        return runs;
    }

    /** One run now under {@code trigger}'s name (or a skip when the folder is busy). */
    ReportRun run(String trigger) {
        String stamp = ReportFiles.STAMP.format(LocalDateTime.ofInstant(clock.instant(), settings.zone()));
        return send("direct:reports-write-set", e -> {
            e.setProperty("reportTrigger", trigger);
            e.setProperty("reportStamp", stamp);
        });
    }

    /** The cron's route, fired for {@code scheduled}. */
    ReportRun runScheduled(Date scheduled) {
        return send("direct:test-schedule", e -> e.getIn().setHeader("scheduledFireTime", scheduled));
    }

    /** The .run-now look; null when there was no request. */
    ReportRun runIfRequested() {
        return send("direct:reports-run-now", e -> { });
    }

    /** The catch-up look; null when there was nothing to do. */
    ReportRun runIfMissed() {
        return send("direct:reports-catch-up", e -> { });
    }

    ReportRun lastRun() {
        return runs.lastRun();
    }

    int consecutiveFailures() {
        return runs.consecutiveFailures();
    }

    void cleanLeftovers() {
        cleanup.cleanLeftovers();
    }

    /** Retention of the fixed five reports, now. */
    void applyRetention(Path ignored) {
        cleanup.applyRetention(null);
    }

    private ReportRun send(String uri, Consumer<Exchange> setUp) {
        Exchange done = template.send(uri, setUp::accept);
        if (done.getException() != null) {
            throw new IllegalStateException("the route failed: a run never throws", done.getException());
        }
        Object body = done.getMessage().getBody();
        return body instanceof ReportRun r ? r : null;
    }

    @Override
    public void close() {
        context.stop();
    }
}
