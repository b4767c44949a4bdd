package org.depositobridge.report;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportDeliveries}: the bookkeeping behind {@code routes/reports-deliver.camel.yaml}, which uploads
 * each written set over SFTP. It says which files a set has (the manifest's list, manifest last), remembers a set
 * as delivered with the marker {@code .delivered-<stamp>} in {@code reports.dir} (written atomically once the
 * manifest is up), lists the sets still waiting, and logs and counts each delivery's outcome.
 *
 * <p>The marker lives next to the set, not in the bridge's own data folder: with several replicas the folder is the
 * one thing they share, so a new leader knows what the old one delivered.
 */
public class ReportDeliveries {

    /** Header carrying the stamp of the set being delivered. */
    public static final String STAMP = "reportStamp";
    /** At most this many waiting sets are queued per sweep (oldest first), the size of the delivery queue. */
    static final int MAX_PER_SWEEP = 16;

    private static final Logger LOG = LoggerFactory.getLogger(ReportDeliveries.class);

    /**
     * @param target        {@code sftp://user@host:port/dir}, for the log lines (no secret in it)
     * @param backlogWindow sets stamped longer ago than this are never queued (the first start with SFTP on, or an
     *                      outage longer than this, does not upload the folder's whole history)
     * @param maxRedeliveries retries of a failing file per attempt cycle (the route's redelivery policy), for the log
     */
    public record Settings(Path dir, ZoneId zone, String target, String knownHostsFile, Duration backlogWindow,
            int maxRedeliveries) {
    }

    private final Settings settings;
    private final ReportDeliveryMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** Marker writes and the sweep's clean-up of marker leftovers never overlap. */
    private final Object markers = new Object();

    public ReportDeliveries(Settings settings, ReportDeliveryMetrics metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True when the set was delivered already (its marker exists): the queue may hold a set twice. */
    public boolean delivered(@Header(STAMP) String stamp) {
        return Files.exists(settings.dir().resolve(ReportFiles.delivered(checked(stamp))));
    }

    /**
     * The files of the set in upload order: every file the manifest lists, in its order, then the manifest itself,
     * so a receiver that waits for the manifest (docs/reports.md) never sees it before the files it names.
     */
    public List<File> files(@Header(STAMP) String stamp) throws IOException {
        Path manifest = settings.dir().resolve(ReportFiles.manifest(checked(stamp)));
        JsonNode m = json.readTree(manifest.toFile());
        List<File> files = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            String name = f.path("name").asText();
            Path p = settings.dir().resolve(name).normalize();
            // names come from the bundle's own manifest; a name that leaves the folder is a tampered manifest
            if (!settings.dir().normalize().equals(p.getParent()) || !Files.isRegularFile(p)) {
                throw new IOException("set " + stamp + ": manifest names " + name + ", which is not a file of " + settings.dir());
            }
            files.add(p.toFile());
        }
        files.add(manifest.toFile());
        return files;
    }

    /** The manifest went up: the set is delivered. The marker is written atomically (temporary name, fsync, rename). */
    public void markDelivered(@Header(STAMP) String stamp, @ExchangeProperty("deliveryFiles") List<File> files)
            throws IOException {
        Path dir = settings.dir();
        String marker = ReportFiles.delivered(checked(stamp));
        byte[] text = ("delivered_at=" + clock.instant() + "\ntarget=" + settings.target() + "\nfiles=" + files.size()
                + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (markers) {
            Path temp = dir.resolve(marker + ".tmp");
            AtomicFiles.writeTemp(temp, out -> out.write(text));
            AtomicFiles.publish(temp, dir.resolve(marker));
            AtomicFiles.syncDirectory(dir);
        }
        metrics.count("delivered");
        LOG.info("event=report_delivered stamp={} files={} target={}", stamp, files.size(), settings.target());
    }

    /**
     * The sets to deliver, oldest first, at most {@link #MAX_PER_SWEEP}: a manifest in the folder, no marker, stamped
     * within the backlog window. Also removes markers whose set retention has deleted, and marker leftovers.
     */
    public List<String> undelivered() {
        Path dir = settings.dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Set<String> sets = new HashSet<>();
        Set<String> markerStamps = new HashSet<>();
        List<Path> markerTemps = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                var m = ReportFiles.MANIFEST.matcher(name);
                var d = ReportFiles.DELIVERED.matcher(name);
                if (m.matches()) {
                    sets.add(m.group(1));
                } else if (d.matches()) {
                    markerStamps.add(d.group(1));
                } else if (ReportFiles.DELIVERED_TEMP.matcher(name).matches()) {
                    markerTemps.add(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("event=report_dir_unreadable dir={} error=\"{}\"", dir, e.toString());
            return List.of();
        }
        synchronized (markers) {
            markerTemps.forEach(AtomicFiles::deleteQuietly);
            for (String stamp : markerStamps) {
                if (!sets.contains(stamp)) {
                    // retention removed the set (manifest first): the marker has nothing left to guard
                    AtomicFiles.deleteQuietly(dir.resolve(ReportFiles.delivered(stamp)));
                }
            }
        }
        LocalDateTime oldest = LocalDateTime.ofInstant(clock.instant().minus(settings.backlogWindow()), settings.zone());
        return sets.stream().filter(s -> !markerStamps.contains(s)).filter(s -> notBefore(s, oldest))
                .sorted(Comparator.comparing(ReportFiles::parseStamp)).limit(MAX_PER_SWEEP).toList();
    }

    private static boolean notBefore(String stamp, LocalDateTime oldest) {
        try {
            return !ReportFiles.parseStamp(stamp).isBefore(oldest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The server's host key is not the one in the known_hosts file (or is not there at all): no retry, since only an
     * operator can settle it. One ERROR line and one count per attempt cycle; the set stays undelivered and the next
     * sweep tries again.
     */
    public void hostKeyRejected(@Header(STAMP) String stamp, @ExchangeProperty("CamelExceptionCaught") Exception e) {
        JSchHostKeyException cause = causeOf(e, JSchHostKeyException.class);
        String reason = cause instanceof JSchUnknownHostKeyException ? "host_key_unknown"
                : cause instanceof JSchRevokedHostKeyException ? "host_key_revoked"
                : cause instanceof JSchChangedHostKeyException ? "host_key_mismatch" : "host_key_rejected";
        metrics.count("host_key_rejected");
        LOG.error("event=report_delivery_failed reason={} stamp={} target={} known_hosts={} error=\"{}\" hint=\"the "
                + "server's host key is not the one in reports.sftp.known-hosts-file: nothing was uploaded; check the "
                + "key with the server's administrator, then update the file (docs/reports.md)\"", reason, stamp,
                settings.target(), settings.knownHostsFile(), cause == null ? e.toString() : cause.getMessage());
    }

    /**
     * Retries exhausted, or a failure that is not the server's: the set stays undelivered (no marker) and the next
     * sweep starts a new attempt cycle. {@code reason}: {@code unreachable} (refused, timed out, unknown host),
     * {@code auth_failed} (user, key or password refused) or {@code error}.
     */
    public void failed(@Header(STAMP) String stamp, @Header("CamelFileName") String file,
            @ExchangeProperty("CamelExceptionCaught") Exception e) {
        metrics.count("failed");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root instanceof ConnectException || root instanceof SocketTimeoutException
                || root instanceof UnknownHostException || root instanceof NoRouteToHostException ? "unreachable"
                : root instanceof JSchException && String.valueOf(root.getMessage()).startsWith("Auth") ? "auth_failed"
                : "error";
        LOG.warn("event=report_delivery_failed reason={} stamp={} file={} target={} retries={} error=\"{}\" cause=\"{}\" "
                + "hint=\"the set stays in reports.dir without a delivery marker; the next sweep uploads it again\"",
                reason, stamp, file == null ? "-" : file, settings.target(), settings.maxRedeliveries(), e.getMessage(),
                root == e ? "-" : root.toString());
    }

    /** Only a stamp as the bundle writes it names a set (the header must not lead out of the folder). */
    private static String checked(String stamp) {
        if (stamp == null || !ReportFiles.MANIFEST.matcher(ReportFiles.manifest(stamp)).matches()) {
            throw new IllegalArgumentException("not a report set stamp: " + stamp);
        }
        return stamp;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
