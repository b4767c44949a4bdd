package org.depositobridge.report;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counter {@code report.deliveries} (Prometheus: {@code report_deliveries_total}) with tag {@code result}:
 * {@code delivered}, {@code failed} (retries exhausted or another error) or {@code host_key_rejected}; one count per
 * set and attempt cycle, three series at most, created at start so dashboards see zeros. No-op without a registry.
 */
class ReportDeliveryMetrics {

    static final String NAME = "report.deliveries";
    static final List<String> RESULTS = List.of("delivered", "failed", "host_key_rejected");

    private final Supplier<MeterRegistry> registry;

    /** @param registry looked up per use: the metrics registry is bound after the configurations run */
    ReportDeliveryMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    void count(String result) {
        MeterRegistry r = registry.get();
        if (r != null && RESULTS.contains(result)) {
            counter(r, result).increment();
        }
    }

    void register() {
        MeterRegistry r = registry.get();
        if (r != null) {
            RESULTS.forEach(result -> counter(r, result));
        }
    }

    private static Counter counter(MeterRegistry r, String result) {
        return Counter.builder(NAME).description("Report sets delivered over SFTP, by outcome of an attempt cycle")
                .tag("result", result).register(r);
    }
}
