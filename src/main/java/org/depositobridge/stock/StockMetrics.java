package org.depositobridge.stock;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code stock_update_lines_total{result}} (applied, replayed, rejected, failed) and
 * {@code stock_update_files_total{result}} (done, deferred, error): fixed tag sets, seven series, all registered at
 * zero so dashboards see zeros rather than gaps. A line settled from the journal is not counted again. No-op when no
 * {@code metricsRegistry} is bound.
 */
final class StockMetrics {

    static final String LINES = "stock.update.lines";
    static final String FILES = "stock.update.files";
    static final String[] FILE_RESULTS = {"done", "deferred", "error"};

    private final Supplier<MeterRegistry> registry;
    private volatile MeterRegistry bound;

    StockMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    void line(LineOutcome.Status status) {
        lines(status, 1);
    }

    void lines(LineOutcome.Status status, int n) {
        MeterRegistry r = registry();
        if (r != null) {
            r.counter(LINES, "result", status.label()).increment(n);
        }
    }

    void file(String result) {
        MeterRegistry r = registry();
        if (r != null) {
            r.counter(FILES, "result", result).increment();
        }
    }

    void register() {
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        for (LineOutcome.Status s : LineOutcome.Status.values()) {
            Counter.builder(LINES).description("Stock file lines by outcome").tag("result", s.label()).register(r);
        }
        for (String f : FILE_RESULTS) {
            Counter.builder(FILES).description("Stock file attempts by outcome").tag("result", f).register(r);
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
