package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jcraft.jsch.JSchException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The delivery's bookkeeping on real files: which sets wait, in which order, what a set uploads, the markers. */
class ReportDeliveriesTest {

    static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");

    @TempDir
    Path dir;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ReportDeliveries deliveries;

    @BeforeEach
    void setUp() {
        deliveries = new ReportDeliveries(new ReportDeliveries.Settings(dir, ZoneOffset.UTC, "sftp://u@h:22/r",
                "known_hosts", Duration.ofDays(7), 3), new ReportDeliveryMetrics(() -> meters),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void set(String stamp, String... reports) throws Exception {
        StringBuilder files = new StringBuilder();
        for (String r : reports) {
            Files.writeString(dir.resolve(ReportFiles.csv(r, stamp)), r);
            files.append(files.length() == 0 ? "" : ",").append("{\"name\":\"").append(ReportFiles.csv(r, stamp)).append("\"}");
        }
        Files.writeString(dir.resolve(ReportFiles.manifest(stamp)), "{\"stamp\":\"" + stamp + "\",\"files\":[" + files + "]}");
    }

    /** Sets with a manifest and no marker, oldest first (minute and second stamps mixed), within the window. */
    @Test
    void should_list_undelivered_sets_oldest_first_within_the_backlog_window() throws Exception {
        set("2026-03-18_0600", "summary");
        set("2026-03-17_0600", "summary");
        set("2026-03-18_060042", "summary");
        set("2026-03-10_0600", "summary"); // older than 7 days: never uploaded by the sweep
        set("2026-03-16_0600", "summary");
        Files.writeString(dir.resolve(ReportFiles.delivered("2026-03-16_0600")), "delivered");
        Files.writeString(dir.resolve(ReportFiles.csv("providers", "2026-03-15_0600")), "no manifest: not a set");

        assertThat(deliveries.undelivered()).containsExactly("2026-03-17_0600", "2026-03-18_0600", "2026-03-18_060042");
        assertThat(deliveries.delivered("2026-03-16_0600")).isTrue();
        assertThat(deliveries.delivered("2026-03-18_0600")).isFalse();
    }

    /** No more than the queue holds per sweep. */
    @Test
    void should_queue_at_most_a_queue_full_per_sweep() throws Exception {
        for (int minute = 0; minute < 20; minute++) {
            set(String.format("2026-03-18_06%02d", minute), "summary");
        }
        assertThat(deliveries.undelivered()).hasSize(ReportDeliveries.MAX_PER_SWEEP).first().isEqualTo("2026-03-18_0600");
    }

    /** A marker whose set retention removed, and a marker left half-written, are removed; other files are not. */
    @Test
    void should_remove_markers_of_removed_sets_and_marker_leftovers() throws Exception {
        set("2026-03-18_0600", "summary");
        Files.writeString(dir.resolve(ReportFiles.delivered("2026-03-18_0600")), "delivered");
        Files.writeString(dir.resolve(ReportFiles.delivered("2026-02-01_0600")), "its set is gone");
        Files.writeString(dir.resolve(ReportFiles.delivered("2026-03-18_0700") + ".tmp"), "half");
        Files.writeString(dir.resolve(".delivered-notes"), "not ours");

        assertThat(deliveries.undelivered()).isEmpty();
        assertThat(dir.resolve(ReportFiles.delivered("2026-03-18_0600"))).exists();
        assertThat(dir.resolve(ReportFiles.delivered("2026-02-01_0600"))).doesNotExist();
        assertThat(dir.resolve(ReportFiles.delivered("2026-03-18_0700") + ".tmp")).doesNotExist();
        assertThat(dir.resolve(".delivered-notes")).exists();
    }

    /** Upload order: the manifest's files in its order, the manifest last; marking writes the marker and counts. */
    @Test
    void should_upload_the_manifest_last_and_mark_the_set() throws Exception {
        set("2026-03-18_0600", "summary", "providers", "critical-stock");

        List<File> files = deliveries.files("2026-03-18_0600");
        assertThat(files).extracting(File::getName).containsExactly("summary-2026-03-18_0600.csv",
                "providers-2026-03-18_0600.csv", "critical-stock-2026-03-18_0600.csv", "manifest-2026-03-18_0600.json");

        deliveries.markDelivered("2026-03-18_0600", files);
        assertThat(Files.readString(dir.resolve(".delivered-2026-03-18_0600"))).contains("files=4")
                .contains("target=sftp://u@h:22/r");
        assertThat(deliveries.undelivered()).isEmpty();
        assertThat(meters.counter(ReportDeliveryMetrics.NAME, "result", "delivered").count()).isEqualTo(1.0);
    }

    /** The failure line names what went wrong: server unreachable, login refused, or something else. */
    @Test
    void should_say_why_a_delivery_failed() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ReportDeliveries.class);
        logger.addAppender(log);
        try {
            deliveries.failed("2026-03-18_0600", "summary-2026-03-18_0600.csv", new GenericFileOperationFailedException(
                    "Cannot connect to sftp://u@h:22", new JSchException("timeout", new ConnectException("refused"))));
            deliveries.failed("2026-03-18_0600", "summary-2026-03-18_0600.csv", new GenericFileOperationFailedException(
                    "Cannot connect to sftp://u@h:22", new JSchException("Auth fail for methods 'publickey,password'")));
            deliveries.failed("2026-03-18_0600", null, new IllegalStateException("disk"));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                l -> assertThat(l).startsWith("event=report_delivery_failed reason=unreachable stamp=2026-03-18_0600 "
                        + "file=summary-2026-03-18_0600.csv target=sftp://u@h:22/r retries=3"),
                l -> assertThat(l).startsWith("event=report_delivery_failed reason=auth_failed"),
                l -> assertThat(l).startsWith("event=report_delivery_failed reason=error stamp=2026-03-18_0600 file=-"));
        assertThat(meters.counter(ReportDeliveryMetrics.NAME, "result", "failed").count()).isEqualTo(3.0);
    }

    /** A stamp that is not the bundle's, or a manifest naming a file outside the folder, uploads nothing. */
    @Test
    void should_refuse_foreign_stamps_and_names() throws Exception {
        assertThatThrownBy(() -> deliveries.files("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        Files.writeString(dir.resolve(ReportFiles.manifest("2026-03-18_0600")),
                "{\"files\":[{\"name\":\"../outside.csv\"}]}");
        assertThatThrownBy(() -> deliveries.files("2026-03-18_0600")).hasMessageContaining("../outside.csv");
    }
}
