package org.depositobridge.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportFolder}: what the steps of route {@code reports-write-set} do to {@code reports.dir} that Camel's
 * file component does not: create it (or refuse), take and give back its lock, fsync and rename, and remove what must
 * go (leftovers of a run cut short, the files of a failed run, sets past retention). Only this bundle's names
 * ({@link ReportFiles}) are ever touched.
 */
public class ReportFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFolder.class);

    private final DropSettings settings;
    private final Clock clock;
    /** This process holds the folder's lock (a run is under way here): tells the two kinds of busy apart. */
    private final AtomicBoolean heldHere = new AtomicBoolean();

    public ReportFolder(DropSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Path directory() {
        return settings.dir();
    }

    /** Creates the folder when missing, or fails when {@code reports.create-dir=false}. */
    public void prepare() throws IOException {
        Path dir = settings.dir();
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!settings.createDir()) {
            throw new IOException("reports.dir " + dir + " does not exist (reports.create-dir=false)");
        }
        Files.createDirectories(dir);
    }

    /**
     * The folder's lock, or null when another run (of this process or another) holds it. Released by
     * {@link #release}, from whatever thread the route's {@code doFinally} runs on: an OS file lock, not bound to the
     * thread that took it.
     */
    public ReportFolderLock tryLock() throws IOException {
        ReportFolderLock lock = ReportFolderLock.tryAcquire(settings.dir());
        if (lock != null) {
            heldHere.set(true);
        }
        return lock;
    }

    /** Gives the lock back; null (never taken) is fine. */
    public void release(@ExchangeProperty("reportLock") ReportFolderLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("event=report_lock_release_failed dir={} error=\"{}\"", settings.dir(), e.toString());
        } finally {
            heldHere.set(false);
        }
    }

    boolean heldHere() {
        return heldHere.get();
    }

    /** Whether the set stamped {@code stamp} is complete in the folder (its manifest is there). */
    public boolean hasSet(@ExchangeProperty("reportStamp") String stamp) {
        return Files.exists(settings.dir().resolve(ReportFiles.manifest(stamp)));
    }

    /** Whether a set stamped at or after {@code slotStamp} is in the folder; empty when the folder cannot be read. */
    Optional<Boolean> hasSetSince(String slotStamp) {
        if (!Files.isDirectory(settings.dir())) {
            return Optional.of(false); // the run creates it (reports.create-dir) or fails and says why
        }
        try (Stream<Path> files = Files.list(settings.dir())) {
            return Optional.of(files.map(p -> ReportFiles.MANIFEST.matcher(p.getFileName().toString()))
                    .anyMatch(m -> m.matches() && m.group(1).compareTo(slotStamp) >= 0));
        } catch (IOException e) {
            LOG.warn("event=report_dir_unreadable dir={} error=\"{}\"", settings.dir(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * What a run cut short left behind. Before every run, not only at start: with several replicas a run cut short
     * by a dead leader is found by the next leader, which started long before (docs/scaling.md).
     */
    public void removeLeftovers(@ExchangeProperty("reportRun") SetRun run) throws IOException {
        ReportCleanup.removeLeftovers(settings.dir(), names(run));
    }

    /** A failed run: its temporary and final files go, so a set is complete with its manifest or absent. */
    public void removeRunFiles(@ExchangeProperty("reportRun") SetRun run) {
        Path dir = settings.dir();
        for (SetFile f : run.getFiles()) {
            AtomicFiles.deleteQuietly(dir.resolve(f.getTempName()));
            AtomicFiles.deleteQuietly(dir.resolve(f.getName()));
        }
        if (run.getManifest() != null) {
            AtomicFiles.deleteQuietly(dir.resolve(run.getManifest().getTempName()));
            AtomicFiles.deleteQuietly(dir.resolve(run.getManifest().getName()));
        }
        AtomicFiles.syncDirectory(dir);
    }

    /**
     * Forces a temporary file's content to disk before a rename makes it visible. A symbolic link put in its place
     * since it was written is refused, not followed.
     */
    public void fsync(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        try (FileChannel ch = FileChannel.open(settings.dir().resolve(file.getTempName()), StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
    }

    /** The atomic rename of a temporary file to its final name, in the same folder. */
    public void publish(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        AtomicFiles.publish(settings.dir().resolve(file.getTempName()), settings.dir().resolve(file.getName()));
    }

    /** Forces the renames themselves to disk. */
    public void sync() {
        AtomicFiles.syncDirectory(settings.dir());
    }

    /**
     * Deletes complete sets whose stamp is older than {@code reports.retention-days}, manifest first, of the five
     * reports and this run's own.
     */
    public void applyRetention(@ExchangeProperty("reportRun") SetRun run) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant(), settings.zone()).minusDays(settings.retentionDays());
        ReportCleanup.removeExpiredSets(settings.dir(), names(run), cutoff, settings.retentionDays());
    }

    /**
     * At start: removes this bundle's temporary files and report files whose set has no manifest, what a stop in the
     * middle of a run leaves behind. Never fails the start: a missing or unusable directory is only logged.
     */
    public void cleanLeftovers() {
        Path dir = settings.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        ReportFolderLock lock = null;
        try {
            lock = tryLock();
            if (lock != null) {
                ReportCleanup.removeLeftovers(dir, names(null));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=report_cleanup_failed dir={} error=\"{}\"", dir, e.toString());
        } finally {
            release(lock);
        }
    }

    /** The report names whose files retention and the clean-up may touch: the fixed five and this set's. */
    private static Set<String> names(SetRun run) {
        Set<String> names = new LinkedHashSet<>(ReportTables.NAMES);
        if (run != null) {
            run.reports().forEach(r -> names.add(r.name()));
        }
        return names;
    }

    Instant now() {
        return clock.instant();
    }
}
