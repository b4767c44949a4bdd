package org.depositobridge.report;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@code report.files} (Prometheus: {@code report_files_total}) with tags {@code report} (the fixed set of
 * {@link ReportTables#NAMES}) and {@code result} ({@code written}, {@code failed}, {@code skipped}): at most 15
 * series, all created up front so dashboards see zeros rather than gaps. No-op when no registry is bound.
 */
class ReportMetrics {

    static final String NAME = "report.files";
    static final List<String> RESULTS = List.of("written", "failed", "skipped");

    private final Supplier<MeterRegistry> registry;
    private volatile MeterRegistry bound;

    /** @param registry looked up lazily: the metrics registry may be bound after the reports */
    ReportMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    void count(String report, String result) {
        MeterRegistry r = registry();
        if (r != null && ReportTables.NAMES.contains(report) && RESULTS.contains(result)) {
            r.counter(NAME, "report", report, "result", result).increment();
        }
    }

    /** Creates every series at zero. */
    void register() {
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        for (String report : ReportTables.NAMES) {
            for (String result : RESULTS) {
                Counter.builder(NAME).description("Report files (CSV, XLSX) by outcome of the scheduled drops")
                        .tag("report", report).tag("result", result).register(r);
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
