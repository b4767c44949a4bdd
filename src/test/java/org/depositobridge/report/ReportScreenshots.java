package org.depositobridge.report;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.support.RunningBridge;

/**
 * Not a test: the input of bench/report-screenshots.sh, which renders the pictures of docs/reports.md with headless
 * LibreOffice. Starts a real bridge on {@link SpreadsheetImportTest}'s hostile snapshot, lets it write one drop (the
 * defaults: excel-ar CSV and XLSX per report) into {@code <out>/reports}, and saves the API's rfc4180 exports into
 * {@code <out>/rfc4180}.
 *
 * <pre>
 * mvn -q -B -o test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-Dcamel.main.profile=test -cp %classpath org.depositobridge.report.ReportScreenshots target/report-screenshots"
 * </pre>
 */
public final class ReportScreenshots {

    private ReportScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/report-screenshots");
        Path reports = Files.createDirectories(out.resolve("reports"));
        Path rfc4180 = Files.createDirectories(out.resolve("rfc4180"));
        try (RunningBridge bridge = RunningBridge.start(Map.of("deposito.stale-after-seconds", "8640000000",
                "deposito.sync.enabled", "false", "reports.dir", reports.toAbsolutePath().toString(),
                "reports.run-now-poll-interval", "100"))) {
            bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                    .publish(s -> SpreadsheetImportTest.snapshot(s.version() + 1));
            Files.writeString(reports.resolve(".run-now"), "");
            Awaitility.await("a drop").atMost(Duration.ofSeconds(30)).until(() -> {
                try (Stream<Path> s = Files.list(reports)) {
                    return s.anyMatch(p -> p.getFileName().toString().startsWith("manifest-"));
                }
            });
            for (String report : ReportTables.NAMES) {
                HttpResponse<String> r = bridge.get("/api/export/" + report + ".csv", "X-API-Key", CsvExportHttpTest.KEY);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(report + " export answered " + r.statusCode() + ": " + r.body());
                }
                Files.writeString(rfc4180.resolve(report + ".csv"), r.body(), StandardCharsets.UTF_8);
            }
        }
        System.out.println("drop in " + reports + ", rfc4180 exports in " + rfc4180);
    }
}
