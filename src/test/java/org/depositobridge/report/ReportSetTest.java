package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set list of routes/reports-set.camel.yaml: what an entry means, what is refused, and the reports.datasets filter. */
class ReportSetTest {

    static final ZoneId ZONE = ReportDropsTest.ZONE;

    @TempDir
    Path dir;

    /** A dataset under its own name, or a named dataset with its query; lines or commas; file order kept. */
    @Test
    void should_read_plain_and_named_entries_in_order() {
        assertThat(ReportSet.parse("summary\n  top-products-week:top-products?start_date=2026-03-11&limit=5 , providers\n"))
                .containsExactly(new ReportSet.Report("summary", "summary", null),
                        new ReportSet.Report("top-products-week", "top-products", "start_date=2026-03-11&limit=5"),
                        new ReportSet.Report("providers", "providers", null));
    }

    /** A typo is refused with the entry named, never silently dropped. */
    @Test
    void should_refuse_unknown_datasets_bad_names_duplicates_and_oversized_sets() {
        assertThatThrownBy(() -> ReportSet.parse("summary\nprovider")).hasMessageContaining("provider");
        assertThatThrownBy(() -> ReportSet.parse("../x:summary")).hasMessageContaining("../x:summary");
        assertThatThrownBy(() -> ReportSet.parse("summary\nsummary")).hasMessageContaining("twice");
        assertThatThrownBy(() -> ReportSet.parse(" \n ")).hasMessageContaining("no report");
        String seventeen = IntStream.range(0, 17).mapToObj(i -> "r" + i + ":summary").collect(Collectors.joining(","));
        assertThatThrownBy(() -> ReportSet.parse(seventeen)).hasMessageContaining("at most 16");
    }

    /** The set's own report is written with its query; reports.datasets keeps only the listed datasets. */
    @Test
    void should_write_the_routes_set_filtered_by_reports_datasets() throws Exception {
        List<String> queries = new ArrayList<>();
        ReportSource source = (dataset, query) -> {
            queries.add(dataset + "?" + query);
            return ReportDropsTest.extract(dataset, false);
        };
        DropSettings s = new DropSettings(dir, List.of("summary", "top-products"), ZONE, 30,
                DropSettings.StalePolicy.WRITE_FLAGGED, true);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".run-now"), "");

        ReportRun run;
        try (ReportFlow drops = new ReportFlow(s, source, new CsvWriter(), SimpleMeterRegistry::new,
                Clock.fixed(ReportDropsTest.SIX_AM, ZONE), null, "summary\nproviders\ntop-products-week:top-products?limit=1")) {
            run = drops.runIfRequested();
        }

        assertThat(run.result()).isEqualTo(RunOutcome.WRITTEN);
        assertThat(run.files()).containsExactly("summary-2026-03-18_0600.csv", "top-products-week-2026-03-18_0600.csv",
                "manifest-2026-03-18_0600.json");
        assertThat(queries).containsExactly("summary?null", "top-products?limit=1");
    }

    /** A broken list is a failed run (health DOWN, .run-now.result says why), not an exception lost in the route. */
    @Test
    void should_fail_the_run_on_a_broken_list() throws Exception {
        DropSettings s = new DropSettings(dir, ReportTables.NAMES, ZONE, 30,
                DropSettings.StalePolicy.WRITE_FLAGGED, true);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".run-now"), "");

        try (ReportFlow drops = new ReportFlow(s, ReportDropsTest.healthy(), new CsvWriter(),
                SimpleMeterRegistry::new, Clock.fixed(Instant.parse("2026-03-18T09:00:00Z"), ZONE), null,
                "summary\nsumary")) {
            ReportRun run = drops.runIfRequested();

            assertThat(run.result()).isEqualTo(RunOutcome.FAILED);
            assertThat(run.error()).contains("sumary");
            assertThat(drops.lastRun()).isEqualTo(run);
        }
        assertThat(Files.readString(dir.resolve(".run-now.result"))).contains("result=failed").contains("sumary");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".run-now.result");
        }
    }
}
