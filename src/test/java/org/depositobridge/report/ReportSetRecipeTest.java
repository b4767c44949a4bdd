package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/routes.md, recipe "A report added to the scheduled set": one YAML file dropped into the routes folder (the
 * set list of routes/reports-set.camel.yaml plus one line), no Java, and the next drop holds the new report.
 */
class ReportSetRecipeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEEK = "top-products-week:top-products?start_date="
            + "${date-with-timezone:now-168h:{{reports.timezone}}:yyyy-MM-dd}";

    @TempDir
    Path routes;
    @TempDir
    Path reports;

    /** top products of the last 7 days, added to the set: written beside the five, listed in the manifest, counted. */
    @Test
    void should_write_a_report_added_to_the_set_by_one_yaml_file() throws Exception {
        String packed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("routes/reports-set.camel.yaml")) {
            packed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(packed).endsWith("critical-stock\n");
        Files.writeString(routes.resolve("reports-set.camel.yaml"), packed + "                  " + WEEK + "\n");

        try (RunningBridge bridge = RunningBridge.start(Map.of("bridge.routes-dir", routes.toString(),
                "deposito.sync.enabled", "false", "deposito.stale-after-seconds", "8640000000",
                "reports.dir", reports.toString(), "reports.run-now-poll-interval", "200"))) {
            bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                    .publish(s -> CsvExportHttpTest.snapshot(s.version() + 1));
            assertThat(bridge.context().getRoute("reports-set").getSourceLocation()).startsWith("file:")
                    .contains(routes.toString());

            Files.writeString(reports.resolve(".run-now"), "");
            await().atMost(Duration.ofSeconds(30)).until(() -> manifests().size() == 1);
            JsonNode m = JSON.readTree(manifests().get(0).toFile());
            List<String> names = new ArrayList<>();
            m.get("files").forEach(f -> names.add(f.get("report").asText() + "." + f.get("format").asText()));
            assertThat(names).containsExactly("summary.csv", "summary.xlsx", "providers.csv", "providers.xlsx",
                    "top-products.csv", "top-products.xlsx", "stock-timeline.csv", "stock-timeline.xlsx",
                    "critical-stock.csv", "critical-stock.xlsx", "top-products-week.csv", "top-products-week.xlsx");
            String stamp = m.get("stamp").asText();

            // the same rows as the JSON twin's export with those parameters, byte for byte; not the default report's
            ZoneId zone = ZoneId.of(bridge.context().resolvePropertyPlaceholders("{{reports.timezone}}"));
            String weekAgo = LocalDate.now(zone).minusDays(7).toString();
            String week = Files.readString(reports.resolve("top-products-week-" + stamp + ".csv"), StandardCharsets.UTF_8);
            assertThat(week).isEqualTo(bridge.get("/api/export/top-products.csv?dialect=excel-ar&start_date=" + weekAgo,
                    "X-API-Key", "test-key-1").body());
            assertThat(week).isNotEqualTo(Files.readString(reports.resolve("top-products-" + stamp + ".csv"),
                    StandardCharsets.UTF_8));
            assertThat(bridge.scrapeMetrics().lines().filter(l -> l.startsWith("report_files_total{")
                    && l.contains("report=\"top-products-week\"") && l.contains("result=\"written\"")))
                    .singleElement().satisfies(l -> assertThat(l).endsWith(" 2.0"));
            assertThat(Files.readString(reports.resolve(".run-now.result"))).contains("result=written");
        }
    }

    private List<Path> manifests() throws Exception {
        try (Stream<Path> s = Files.list(reports)) {
            return s.filter(p -> p.getFileName().toString().matches("manifest-.*\\.json")).toList();
        }
    }
}
