package org.depositobridge.report;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@code report.files} (Prometheus: {@code report_files_total}) with tags {@code report} (the fixed set of
 * {@link ReportTables#NAMES}) and {@code result} ({@code written}, {@code failed}, {@code skipped}): at most 15
 * series, all created up front so dashboards see zeros rather than gaps; a report a route's set adds
 * ({@link ReportSet}) gets its series when first counted, at most {@link ReportSet#MAX_REPORTS} such names per
 * process. No-op when no registry is bound.
 */
class ReportMetrics {

    static final String NAME = "report.files";

    private final Supplier<MeterRegistry> registry;
    private volatile MeterRegistry bound;
    private final Set<String> added = ConcurrentHashMap.newKeySet();

    /** @param registry looked up lazily: the metrics registry may be bound after the reports */
    ReportMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    void count(String report, FileOutcome result) {
        MeterRegistry r = registry();
        if (r != null && known(report)) {
            r.counter(NAME, "report", report, "result", result.label()).increment();
        }
    }

    private boolean known(String report) {
        if (ReportTables.NAMES.contains(report) || added.contains(report)) {
            return true;
        }
        if (!ReportSet.isName(report)) {
            return false;
        }
        // bounded: never more tag values than a set can hold, whatever the routes are changed to over time
        synchronized (added) {
            return added.size() < ReportSet.MAX_REPORTS && added.add(report);
        }
    }

    /** Creates every series at zero. */
    void register() {
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        for (String report : ReportTables.NAMES) {
            for (FileOutcome result : FileOutcome.values()) {
                Counter.builder(NAME).description("Report files (CSV, XLSX) by outcome of the scheduled drops")
                        .tag("report", report).tag("result", result.label()).register(r);
            }
        }
    }

    private MeterRegistry registry() {
        MeterRegistry r = bound;
        if (r == null) {
            r = registry.get();
            bound = r;
        }
        return r;
    }
}
