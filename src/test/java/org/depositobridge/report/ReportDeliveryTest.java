package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The SFTP delivery of the drops in the real bridge against a real SFTP server (Apache MINA SSHD) on loopback: a
 * complete set arrives byte for byte, manifest last, under temporary names renamed on the server; a server that is
 * down when the set is written gets it exactly once when it comes back, and a second drop is written meanwhile; a
 * server whose host key is not the known one gets nothing, and the log and the metric say why.
 */
class ReportDeliveryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REMOTE_DIR = "inbox";

    @TempDir
    Path tmp;
    Path reports;
    SftpTestServer sftp;
    RunningBridge bridge;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void setUp() throws Exception {
        reports = tmp.resolve("reports");
        sftp = new SftpTestServer(tmp.resolve("sftp-root"));
        log = new ListAppender<>();
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void tearDown() throws Exception {
        root().detachAppender(log);
        try {
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            sftp.close();
        }
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The bridge with a published snapshot, delivering to the test server with these extra settings. */
    void startBridge(Map<String, String> sftpSettings) throws Exception {
        Map<String, String> p = new HashMap<>(Map.of("deposito.stale-after-seconds", "8640000000",
                "deposito.sync.enabled", "false", "reports.dir", reports.toString(),
                "reports.run-now-poll-interval", "100"));
        p.putAll(sftpSettings);
        bridge = RunningBridge.start(p);
        bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class)
                .publish(s -> CsvExportHttpTest.snapshot(s.version() + 1));
    }

    Map<String, String> sftpSettings(Path knownHosts) {
        Map<String, String> p = new HashMap<>();
        p.put("reports.sftp.enabled", "true");
        p.put("reports.sftp.host", "127.0.0.1");
        p.put("reports.sftp.port", String.valueOf(sftp.port));
        p.put("reports.sftp.user", SftpTestServer.USER);
        p.put("reports.sftp.remote-dir", REMOTE_DIR);
        p.put("reports.sftp.known-hosts-file", knownHosts.toString());
        p.put("reports.sftp.connect-timeout-ms", "5000");
        p.put("reports.sftp.so-timeout-ms", "10000");
        return p;
    }

    /** Touches .run-now and waits for the set it wrote; returns its stamp. */
    String dropNow(String previousStamp) throws Exception {
        return dropNow(previousStamp, Duration.ofSeconds(30));
    }

    /** The same, the set written within {@code within} of the touch. */
    String dropNow(String previousStamp, Duration within) throws Exception {
        Files.createDirectories(reports);
        // a request within the second of the previous set would find its seconds stamp taken
        await("a new second").atMost(Duration.ofSeconds(2)).until(() -> !ReportFiles.SECONDS_STAMP
                .format(LocalDateTime.now(CsvExportHttpTest.ZONE)).equals(previousStamp));
        Files.writeString(reports.resolve(ReportFiles.RUN_NOW), "");
        Path result = reports.resolve(ReportFiles.RUN_NOW_RESULT);
        await("a drop").atMost(within).until(() -> Files.exists(result)
                && Files.readString(result).contains("result=written") && !stampIn(result).equals(previousStamp));
        return stampIn(result);
    }

    static String stampIn(Path result) throws Exception {
        return Files.readAllLines(result).stream().filter(l -> l.startsWith("stamp=")).findFirst().orElseThrow()
                .substring("stamp=".length());
    }

    double counted(String result) {
        MeterRegistry r = bridge.context().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        Counter c = r.find(ReportDeliveryMetrics.NAME).tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    List<String> remoteNames() throws Exception {
        Path dir = sftp.root.resolve(REMOTE_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The set's file names as its manifest lists them, then the manifest. */
    List<String> setNames(String stamp) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(reports.resolve(ReportFiles.manifest(stamp)).toFile()).get("files")
                .forEach(f -> names.add(f.get("name").asText()));
        names.add(ReportFiles.manifest(stamp));
        return names;
    }

    /** Every file written once under its temporary name and renamed once; the manifest renamed after all others. */
    void assertUploadedOnceManifestLast(String stamp) throws Exception {
        List<String> names = setNames(stamp);
        for (String name : names) {
            assertThat(sftp.count("write ." + name + ".tmp")).as("uploads of %s in %s", name, sftp.events).isEqualTo(1);
            assertThat(sftp.count("rename ." + name + ".tmp " + name)).as("renames of %s", name).isEqualTo(1);
            assertThat(sftp.events).as("nothing written under the final name").doesNotContain("write " + name);
        }
        String manifestRename = "rename ." + ReportFiles.manifest(stamp) + ".tmp " + ReportFiles.manifest(stamp);
        int manifestAt = sftp.events.indexOf(manifestRename);
        for (String name : names.subList(0, names.size() - 1)) {
            assertThat(sftp.events.indexOf("rename ." + name + ".tmp " + name)).as("%s before the manifest", name)
                    .isLessThan(manifestAt);
        }
    }

    /** Each file on the server has the bytes and SHA-256 the manifest lists, and equals the local file. */
    void assertSameBytes(String stamp) throws Exception {
        Path remote = sftp.root.resolve(REMOTE_DIR);
        JsonNode m = JSON.readTree(remote.resolve(ReportFiles.manifest(stamp)).toFile());
        assertThat(m.get("files")).isNotEmpty();
        for (JsonNode f : m.get("files")) {
            byte[] bytes = Files.readAllBytes(remote.resolve(f.get("name").asText()));
            assertThat(bytes.length).isEqualTo(f.get("bytes").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(f.get("sha256").asText());
            assertThat(bytes).isEqualTo(Files.readAllBytes(reports.resolve(f.get("name").asText())));
        }
        assertThat(Files.readAllBytes(remote.resolve(ReportFiles.manifest(stamp))))
                .isEqualTo(Files.readAllBytes(reports.resolve(ReportFiles.manifest(stamp))));
    }

    List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Key login: every file of the set arrives with its bytes, the manifest last, no temporary name left behind. */
    @Test
    void should_deliver_a_complete_set_files_first_and_the_manifest_last() throws Exception {
        sftp.start();
        Map<String, String> p = sftpSettings(sftp.writeKnownHosts(tmp.resolve("known_hosts"), sftp.hostKey.getPublic()));
        p.put("reports.sftp.private-key-file", sftp.writeClientKey(tmp.resolve("id_ecdsa")).toString());
        startBridge(p);

        String stamp = dropNow(null);

        await("delivery marker").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(reports.resolve(ReportFiles.delivered(stamp))));
        assertThat(remoteNames()).containsExactlyInAnyOrderElementsOf(setNames(stamp));
        assertThat(setNames(stamp)).hasSizeGreaterThan(1);
        assertSameBytes(stamp);
        assertUploadedOnceManifestLast(stamp);
        assertThat(counted("delivered")).isEqualTo(1.0);
        assertThat(counted("failed")).isZero();
        assertThat(logLines()).anySatisfy(l -> assertThat(l).startsWith("event=report_delivered stamp=" + stamp)
                .contains("target=sftp://bridge@127.0.0.1:" + sftp.port + "/" + REMOTE_DIR));
        // the marker is a dot file, outside every pattern retention and the clean-up act on
        assertThat(ReportFiles.stampOf(ReportFiles.delivered(stamp))).isNull();
        assertThat(ReportFiles.TEMP.matcher(ReportFiles.delivered(stamp)).matches()).isFalse();
    }

    /**
     * Password login, server down when the set is written: the attempts back off and end (metric failed), more drops
     * are written on time meanwhile, and once the server is up each set arrives exactly once, however often the sweep
     * queued it.
     */
    @Test
    void should_deliver_each_set_once_when_the_server_comes_back() throws Exception {
        Map<String, String> p = sftpSettings(sftp.writeKnownHosts(tmp.resolve("known_hosts"), sftp.hostKey.getPublic()));
        Path passwordFile = tmp.resolve("sftp-password");
        Files.writeString(passwordFile, SftpTestServer.PASSWORD + "\n", StandardCharsets.UTF_8);
        p.put("reports.sftp.password-file", passwordFile.toString());
        // an attempt cycle of 0.2 + 0.4 + 0.8 + 1.6 + 3.2 s
        p.put("reports.sftp.retry.initial-delay-ms", "200");
        p.put("reports.sftp.retry.max-delay-ms", "3200");
        p.put("reports.sftp.retry.max-redeliveries", "5");
        p.put("reports.sftp.sweep-interval", "500");
        p.put("reports.sftp.sweep-first-delay", "500");
        startBridge(p);

        String first = dropNow(null);
        await("an attempt cycle that ran out of retries").atMost(Duration.ofSeconds(30))
                .until(() -> counted("failed") >= 1);
        assertThat(logLines()).anySatisfy(l -> assertThat(l)
                .startsWith("event=report_delivery_failed reason=unreachable stamp=" + first));
        // the drops do not wait for the delivery, which keeps retrying (the sweep queued the set again): two more sets
        // are written, each within 3 s of its request, while the first cannot go up
        String second = dropNow(first, Duration.ofSeconds(3));
        String third = dropNow(second, Duration.ofSeconds(3));
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        assertThat(reports.resolve(ReportFiles.delivered(first))).doesNotExist();
        assertThat(sftp.events).isEmpty();

        sftp.start();

        await("every set delivered").atMost(Duration.ofSeconds(30))
                .until(() -> Stream.of(first, second, third)
                        .allMatch(s -> Files.exists(reports.resolve(ReportFiles.delivered(s)))));
        int eventsAfterDelivery = sftp.events.size();
        // several sweeps (every 500 ms) look again: nothing more goes up
        await("no second upload").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> sftp.events.size() == eventsAfterDelivery);
        List<String> expected = new ArrayList<>();
        for (String stamp : List.of(first, second, third)) {
            assertUploadedOnceManifestLast(stamp);
            assertSameBytes(stamp);
            expected.addAll(setNames(stamp));
        }
        assertThat(remoteNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counted("delivered")).isEqualTo(3.0);
    }

    /**
     * A stop while a file waits for its next retry does not wait out the back-off (a minute here; up to five by
     * default): the bridge stops well within its shutdown timeout (20 s), and the set is still undelivered.
     */
    @Test
    void should_stop_without_waiting_out_a_back_off() throws Exception {
        Map<String, String> p = sftpSettings(sftp.writeKnownHosts(tmp.resolve("known_hosts"), sftp.hostKey.getPublic()));
        p.put("reports.sftp.private-key-file", sftp.writeClientKey(tmp.resolve("id_ecdsa")).toString());
        p.put("reports.sftp.retry.initial-delay-ms", "60000");
        p.put("reports.sftp.sweep-first-delay", "600000");
        startBridge(p);
        String stamp = dropNow(null);
        // Camel's retry line: the first attempt failed, the next one is a minute away
        await("a delivery waiting for its retry").atMost(Duration.ofSeconds(30))
                .until(() -> logLines().stream().anyMatch(l -> l.contains("On delivery attempt: 0")));
        assertThat(bridge.context().getInflightRepository().size("reports-deliver-set")).isEqualTo(1);

        long started = System.nanoTime();
        bridge.close();
        bridge = null;

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(reports.resolve(ReportFiles.delivered(stamp))).doesNotExist();
    }

    /** A server with another host key than the known one: nothing uploaded, no retry, a clear log line and metric. */
    @Test
    void should_refuse_a_server_whose_host_key_is_not_the_known_one() throws Exception {
        sftp.start();
        Map<String, String> p = sftpSettings(
                sftp.writeKnownHosts(tmp.resolve("known_hosts"), SftpTestServer.ecKey().getPublic()));
        p.put("reports.sftp.private-key-file", sftp.writeClientKey(tmp.resolve("id_ecdsa")).toString());
        // only the hand-over tries: one attempt cycle in this test
        p.put("reports.sftp.sweep-first-delay", "600000");
        p.put("reports.sftp.retry.initial-delay-ms", "100");
        startBridge(p);

        String stamp = dropNow(null);

        await("host key rejected").atMost(Duration.ofSeconds(30)).until(() -> counted("host_key_rejected") >= 1);
        await("no retry").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> counted("host_key_rejected") == 1.0);
        assertThat(counted("failed")).isZero();
        assertThat(counted("delivered")).isZero();
        assertThat(sftp.events).isEmpty();
        assertThat(remoteNames()).isEmpty();
        assertThat(reports.resolve(ReportFiles.delivered(stamp))).doesNotExist();
        assertThat(logLines()).filteredOn(l -> l.startsWith("event=report_delivery_failed")).singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("event=report_delivery_failed reason=host_key_mismatch stamp=" + stamp)
                        .contains("known_hosts=" + tmp.resolve("known_hosts")));
    }

    /**
     * A set written while delivery was off (or by a bridge stopped before it went up) is found by the sweep after the
     * start and delivered once: the in-memory queue is not what remembers undelivered sets.
     */
    @Test
    void should_deliver_a_set_left_undelivered_before_the_start() throws Exception {
        startBridge(Map.of());
        String stamp = dropNow(null);
        bridge.close();
        bridge = null;

        sftp.start();
        Map<String, String> p = sftpSettings(sftp.writeKnownHosts(tmp.resolve("known_hosts"), sftp.hostKey.getPublic()));
        p.put("reports.sftp.private-key-file", sftp.writeClientKey(tmp.resolve("id_ecdsa")).toString());
        p.put("reports.sftp.sweep-first-delay", "200");
        p.put("reports.sftp.sweep-interval", "300");
        startBridge(p);

        await("delivery marker").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(reports.resolve(ReportFiles.delivered(stamp))));
        int eventsAfterDelivery = sftp.events.size();
        await("no second upload").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> sftp.events.size() == eventsAfterDelivery);
        assertUploadedOnceManifestLast(stamp);
        assertSameBytes(stamp);
        assertThat(counted("delivered")).isEqualTo(1.0);
    }

    /** Delivery on without a readable known_hosts file: the bridge does not start, and says which key is wrong. */
    @Test
    void should_not_start_without_a_known_hosts_file() {
        Map<String, String> p = sftpSettings(tmp.resolve("no-such-known-hosts"));
        p.put("reports.sftp.password-file", tmp.resolve("no-such-password").toString());

        assertThatThrownBy(() -> startBridge(p)).hasStackTraceContaining("reports.sftp.known-hosts-file")
                .hasStackTraceContaining("is not a readable file");
    }

    /** SFTP off (the default): no delivery route is built, and a drop is written as before. */
    @Test
    void should_build_no_delivery_route_when_disabled() throws Exception {
        startBridge(Map.of());

        String stamp = dropNow(null);

        assertThat(bridge.context().getRoute("reports-deliver-set")).isNull();
        assertThat(bridge.context().getRoute("reports-deliver-sweep")).isNull();
        assertThat(bridge.context().getRegistry().lookupByName("reportDeliveries")).isNull();
        assertThat(reports.resolve(ReportFiles.manifest(stamp))).exists();
        assertThat(reports.resolve(ReportFiles.delivered(stamp))).doesNotExist();
    }
}
