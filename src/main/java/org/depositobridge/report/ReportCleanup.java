package org.depositobridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportCleanup}: removes this bundle's files that should no longer be in {@code reports.dir}: what an
 * interrupted run left (temporary files, report files without a manifest), the files of a failed run, and sets past
 * retention. Only names matching the exact patterns of {@link ReportFiles} for the fixed five reports and the run's
 * own are touched; anything else in the folder is left alone. The caller holds the folder's lock.
 */
public class ReportCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ReportCleanup.class);

    private final DropSettings settings;
    private final Clock clock;
    private final ReportLocks locks;

    public ReportCleanup(DropSettings settings, Clock clock, ReportLocks locks) {
        this.settings = settings;
        this.clock = clock;
        this.locks = locks;
    }

    /**
     * What a run cut short left behind. Before every run, not only at start: with several replicas a run cut short
     * by a dead leader is found by the next leader, which started long before (docs/scaling.md).
     */
    public void removeLeftovers(@ExchangeProperty("reportRun") SetRun run) throws IOException {
        removeLeftovers(settings.dir(), names(run));
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

    /** Deletes the sets stamped longer than {@code reports.retention-days} ago, manifest first; null: the five reports. */
    public void applyRetention(@ExchangeProperty("reportRun") SetRun run) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant(), settings.zone()).minusDays(settings.retentionDays());
        removeExpiredSets(settings.dir(), names(run), cutoff, settings.retentionDays());
    }

    /**
     * At start, before any route runs: what a stop in the middle of a run left behind, under the folder's lock. Never
     * fails the start: a missing or unusable directory is only logged.
     */
    public void cleanLeftovers() {
        Path dir = settings.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        ReportFolderLock lock = null;
        try {
            lock = locks.tryLock();
            if (lock != null) {
                removeLeftovers(dir, names(null));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=report_cleanup_failed dir={} error=\"{}\"", dir, e.toString());
        } finally {
            locks.release(lock);
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

    /**
     * Deletes complete sets stamped before {@code cutoff}, manifest first (so a consumer never finds a manifest whose
     * files are gone), then the report files of such a stamp.
     */
    static void removeExpiredSets(Path dir, Set<String> reports, LocalDateTime cutoff, int retentionDays) {
        TreeSet<String> oldStamps = new TreeSet<>();
        for (Path p : list(dir, false)) {
            String stamp = ReportFiles.stampOf(p.getFileName().toString(), reports);
            if (stamp != null && olderThan(stamp, cutoff)) {
                oldStamps.add(stamp);
            }
        }
        int removed = 0;
        for (String stamp : oldStamps) {
            removed += delete(dir.resolve(ReportFiles.manifest(stamp))) ? 1 : 0;
            for (String report : reports) {
                for (ReportFormat format : ReportFormat.values()) {
                    removed += delete(dir.resolve(ReportFiles.file(report, stamp, format))) ? 1 : 0;
                }
            }
        }
        if (removed > 0) {
            AtomicFiles.syncDirectory(dir);
            LOG.info("event=report_retention removed={} sets={} retention_days={}", removed, oldStamps.size(),
                    retentionDays);
        }
    }

    /** Removes temporary files and report files whose set has no manifest. */
    static void removeLeftovers(Path dir, Set<String> reports) throws IOException {
        // a symbolic link planted at a temporary name goes too, dangling or not: the file step writes through links
        List<Path> files = list(dir, true);
        Set<String> complete = new HashSet<>();
        for (Path p : files) {
            var m = ReportFiles.MANIFEST.matcher(p.getFileName().toString());
            if (m.matches()) {
                complete.add(m.group(1));
            }
        }
        var reportFile = ReportFiles.reportFile(reports);
        var temp = ReportFiles.temp(reports);
        int removed = 0;
        for (Path p : files) {
            String name = p.getFileName().toString();
            var file = reportFile.matcher(name);
            boolean orphan = file.matches() && !complete.contains(file.group(2));
            if (temp.matcher(name).matches() || orphan) {
                removed += delete(p) ? 1 : 0;
            }
        }
        if (removed > 0) {
            AtomicFiles.syncDirectory(dir);
            LOG.warn("event=report_leftovers_removed dir={} removed={} reason=\"an earlier run was interrupted\"",
                    dir, removed);
        }
    }

    private static boolean olderThan(String stamp, LocalDateTime cutoff) {
        try {
            return ReportFiles.parseStamp(stamp).isBefore(cutoff);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<Path> list(Path dir, boolean withLinks) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || withLinks && Files.isSymbolicLink(p)).toList();
        } catch (IOException e) {
            LOG.warn("event=report_dir_unreadable dir={} error=\"{}\"", dir, e.toString());
            return List.of();
        }
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("event=report_delete_failed file={} error=\"{}\"", p, e.toString());
            return false;
        }
    }
}
