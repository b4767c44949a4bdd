package org.depositobridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.depositobridge.dataset.DatasetService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Bean {@code reportDrops}: the scheduled CSV drops into {@code reports.dir}.
 *
 * <p>One run: read every configured report from the same snapshot; write each to {@code .<name>.tmp} in the
 * target directory, fsync; only when all are on disk rename them to {@code <report>-<stamp>.csv}; then write
 * {@code manifest-<stamp>.json} the same way, last: it marks the set complete. Any failure removes what this run
 * wrote (temporary and final), so a set is either complete with its manifest or absent; the next run tries again.
 * Then retention removes sets older than {@code reports.retention-days}, manifest first.
 *
 * <p>One run at a time: a second trigger while one runs is skipped and logged. A lock file in the directory keeps
 * a second bridge process sharing the folder out too.
 *
 * <p>Which reports a run writes is the routes' choice: the drop routes pass the list of
 * {@code routes/reports-set.camel.yaml} ({@link ReportSet}) to the {@code write*Set} methods; of it, only the reports
 * whose dataset {@code reports.datasets} names are written (a filter an operator sets without touching a route).
 */
public class ReportDrops {

    /** What to do when the data is stale (the deposito has not been synced recently). */
    public enum StalePolicy {
        /** write the set, flagged {@code "stale": true} in the manifest and the summary */
        WRITE_FLAGGED,
        /** write nothing this run */
        SKIP;

        static StalePolicy of(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "write-flagged" -> WRITE_FLAGGED;
                case "skip" -> SKIP;
                default -> throw new IllegalArgumentException("reports.stale-policy must be write-flagged or skip, got " + value);
            };
        }
    }

    /**
     * @param reports   report names from the fixed set, in file order
     * @param formats   the files of each report, in order ({@code reports.formats})
     * @param createDir create {@code dir} when missing (false: a missing directory, e.g. an unmounted share, fails)
     */
    public record Settings(Path dir, List<String> reports, List<ReportFormat> formats, ZoneId zone, int retentionDays,
            StalePolicy stalePolicy, boolean createDir) {

        /** CSV files only. */
        public Settings(Path dir, List<String> reports, ZoneId zone, int retentionDays, StalePolicy stalePolicy,
                boolean createDir) {
            this(dir, reports, List.of(ReportFormat.CSV), zone, retentionDays, stalePolicy, createDir);
        }

        public Settings {
            reports = List.copyOf(reports);
            formats = List.copyOf(new LinkedHashSet<>(formats));
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("reports.formats names no format");
            }
            for (String r : reports) {
                ReportTables.table(r);
            }
            if (reports.isEmpty()) {
                throw new IllegalArgumentException("reports.datasets names no report");
            }
            if (retentionDays < 1) {
                throw new IllegalArgumentException("reports.retention-days must be at least 1, got " + retentionDays);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReportDrops.class);
    private static final int SNAPSHOT_ATTEMPTS = 3;

    private final Settings settings;
    private final ReportSource source;
    private final CsvWriter writer;
    private final XlsxWriter xlsx;
    private final ReportMetrics metrics;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ScheduleSlots slots;
    /** The set when a caller names none: every dataset of {@code reports.datasets} under its own name. */
    private final List<ReportSet.Report> defaultSet;
    private volatile ReportRun lastRun;
    private volatile int consecutiveFailures;
    /** The missed slot this process already tried to write (once per slot and process). */
    private volatile Instant caughtUp;
    /** The missed slot already announced: a catch-up that waits for data looks every poll, but says so once. */
    private volatile Instant missedAnnounced;

    public ReportDrops(Settings settings, ReportSource source, CsvWriter writer, ReportMetrics metrics, Clock clock) {
        this(settings, source, writer, metrics, clock, null);
    }

    /** @param slots the schedule, to write a missed set ({@link #runIfMissed}); null: never catch up */
    public ReportDrops(Settings settings, ReportSource source, CsvWriter writer, ReportMetrics metrics, Clock clock,
            ScheduleSlots slots) {
        this.slots = slots;
        this.settings = settings;
        this.defaultSet = ReportSet.of(settings.reports());
        this.source = source;
        this.writer = writer;
        this.xlsx = new XlsxWriter(settings.zone());
        this.metrics = metrics;
        this.clock = clock;
    }

    public Path directory() {
        return settings.dir();
    }

    public ReportRun lastRun() {
        return lastRun;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /**
     * The scheduled run (the cron route). Skipped when the slot it fires for already has its set: Quartz, resumed when
     * this replica leads again, would otherwise run a slot another replica wrote in the meantime (the route also
     * turns Quartz's misfire catch-up off; missed slots are {@link #runIfMissed}'s).
     */
    public ReportRun runScheduled(Date scheduled) {
        return writeScheduledSet(scheduled, null);
    }

    /** {@link #runScheduled} for the reports of {@code reportSet} ({@link ReportSet}; null: {@code reports.datasets}). */
    public ReportRun writeScheduledSet(@Header("scheduledFireTime") Date scheduled,
            @ExchangeProperty("reportSet") String reportSet) {
        // the slot and the stamp come from the fire time Quartz scheduled, not from the clock: Quartz may start a job
        // a few milliseconds early, which would stamp a 06:00 run 0559 and take the previous slot for its own
        Instant slotTime = scheduled != null ? scheduled.toInstant() : clock.instant();
        if (slots != null) {
            Optional<Instant> slot = slots.currentSlot(slotTime);
            if (slot.flatMap(this::hasSetSince).orElse(false)) {
                String stamp = stampOf(slot.get());
                LOG.info("event=report_run_skipped reason=slot_has_set slot_stamp={} trigger=schedule", stamp);
                ReportRun skipped = new ReportRun("schedule", stamp, clock.instant(), clock.instant(), "skipped_exists",
                        List.of(), null, null);
                lastRun = skipped;
                return skipped;
            }
        }
        return run("schedule", stampOf(slotTime), false, reportSet);
    }

    private List<ReportSet.Report> setOf(String reportSet) {
        return reportSet == null || reportSet.isBlank() ? defaultSet : ReportSet.parse(reportSet);
    }

    /**
     * The operator's "run now": when {@code <reports.dir>/.run-now} exists it is removed and a run starts. Deleting
     * is the claim, so one touch starts one run however many pollers look. Null when there was no request.
     */
    public ReportRun runIfRequested() {
        return writeRequestedSet(null);
    }

    /** {@link #runIfRequested} for the reports of {@code reportSet} ({@link ReportSet}; null: {@code reports.datasets}). */
    public ReportRun writeRequestedSet(@ExchangeProperty("reportSet") String reportSet) {
        Path trigger = settings.dir().resolve(ReportFiles.RUN_NOW);
        try {
            if (!Files.deleteIfExists(trigger)) {
                return null;
            }
        } catch (IOException e) {
            LOG.warn("event=report_trigger_failed file={} error=\"{}\"", trigger, e.toString());
            return null;
        }
        LOG.info("event=report_run_requested file={}", trigger);
        ReportRun run = run("file", stampOf(clock.instant()), false, reportSet);
        if ("skipped_exists".equals(run.result())) {
            // the operator asked again within the minute of a set: a new set, stamped to the second, not a silent skip
            run = run("file", ReportFiles.SECONDS_STAMP.format(LocalDateTime.ofInstant(clock.instant(), settings.zone())),
                    false, reportSet);
        }
        RunNowResult.write(settings.dir(), run);
        return run;
    }

    /**
     * Catch-up: when the schedule's last slot within {@code reports.catch-up-window} has no set in the folder (no
     * manifest stamped at or after it), write one now. That is the set of a run missed while this bridge was down, or
     * while leadership moved from a dead replica to this one. Tried once per slot and process, so a run that fails
     * is not retried every poll (the next slot, or an operator's {@code .run-now}, tries again); a run that found no
     * data yet (just started, first sync not done) or found the folder busy is tried again on the next poll. Slots
     * younger than {@link ScheduleSlots#GRACE} are the scheduler's. Null when there is nothing to do.
     */
    public ReportRun runIfMissed() {
        return writeMissedSet(null);
    }

    /** {@link #runIfMissed} for the reports of {@code reportSet} ({@link ReportSet}; null: {@code reports.datasets}). */
    public ReportRun writeMissedSet(@ExchangeProperty("reportSet") String reportSet) {
        if (slots == null || !slots.enabled()) {
            return null;
        }
        Optional<Instant> slot = slots.lastSlot(clock.instant());
        if (slot.isEmpty() || slot.get().equals(caughtUp) || running.isLocked()) {
            return null;
        }
        Optional<Boolean> written = hasSetSince(slot.get());
        if (written.isEmpty()) {
            return null; // the folder could not be read: look again next time
        }
        if (written.get()) {
            caughtUp = slot.get();
            return null;
        }
        boolean firstLook = !slot.get().equals(missedAnnounced);
        if (firstLook) {
            missedAnnounced = slot.get();
            LOG.warn("event=report_run_missed slot={} slot_stamp={} window={} action=writing_now", slot.get(),
                    stampOf(slot.get()), slots.window());
        }
        // later looks at the same slot skip quietly (no data yet, folder busy): one WARN pair per slot, not per poll
        ReportRun run = run("catch-up", stampOf(clock.instant()), !firstLook, reportSet);
        // tried again on a later look when there was no data yet, or another run (of this or another replica) held
        // the folder: that run may yet fail or die
        if (!"skipped_no_data".equals(run.result()) && !"skipped_busy".equals(run.result())) {
            caughtUp = slot.get();
        }
        return run;
    }

    private String stampOf(Instant instant) {
        return ReportFiles.STAMP.format(LocalDateTime.ofInstant(instant, settings.zone()));
    }

    /** Whether a set stamped at or after the slot is in the folder; empty when the folder cannot be read. */
    private Optional<Boolean> hasSetSince(Instant slot) {
        if (!Files.isDirectory(settings.dir())) {
            return Optional.of(false); // the run creates it (reports.create-dir) or fails and says why
        }
        String slotStamp = stampOf(slot);
        try (Stream<Path> files = Files.list(settings.dir())) {
            return Optional.of(files.map(p -> ReportFiles.MANIFEST.matcher(p.getFileName().toString()))
                    .anyMatch(m -> m.matches() && m.group(1).compareTo(slotStamp) >= 0));
        } catch (IOException e) {
            LOG.warn("event=report_dir_unreadable dir={} error=\"{}\"", settings.dir(), e.toString());
            return Optional.empty();
        }
    }

    /** One run now (or a skip when one is already running). Never throws: the outcome is the result. */
    public ReportRun run(String trigger) {
        return run(trigger, stampOf(clock.instant()), false, null);
    }

    /**
     * One run, its files stamped {@code stamp} (a scheduled run: its slot). {@code quietSkips}: a skip for no data or
     * a busy folder is logged at DEBUG (a catch-up looking again at a slot it already announced).
     */
    private ReportRun run(String trigger, String stamp, boolean quietSkips, String reportSet) {
        Instant started = clock.instant();
        if (!running.tryLock()) {
            skipLog(quietSkips).log("event=report_run_skipped reason=already_running trigger={} stamp={}", trigger, stamp);
            return new ReportRun(trigger, stamp, started, clock.instant(), "skipped_busy", List.of(), null, null);
        }
        try {
            ReportRun run;
            try {
                // reports.datasets filters the routes' set: an operator turns a dataset off without editing a route
                List<ReportSet.Report> reports = setOf(reportSet).stream()
                        .filter(r -> settings.reports().contains(r.dataset())).toList();
                if (reports.isEmpty()) {
                    throw new IllegalArgumentException("no report of the set reads a dataset of reports.datasets "
                            + settings.reports());
                }
                run = runLocked(trigger, stamp, started, quietSkips, reports);
            } catch (IllegalArgumentException e) {
                // a broken list in routes/reports-set.camel.yaml: a failed run the health check and the log show
                run = failed(trigger, stamp, started, null, e, List.of());
            }
            if (!"skipped_busy".equals(run.result())) {
                lastRun = run;
                consecutiveFailures = "failed".equals(run.result()) ? consecutiveFailures + 1 : 0;
            }
            return run;
        } finally {
            running.unlock();
        }
    }

    private static LoggingEventBuilder skipLog(boolean quiet) {
        return quiet ? LOG.atDebug() : LOG.atWarn();
    }

    private ReportRun runLocked(String trigger, String stamp, Instant started, boolean quietSkips,
            List<ReportSet.Report> reports) {
        Path dir = settings.dir();
        Set<String> names = fileNames(reports);
        String current = null;
        try {
            prepareDirectory(dir);
        } catch (IOException | RuntimeException e) {
            return failed(trigger, stamp, started, null, e, reports);
        }
        try (ReportFolderLock lock = ReportFolderLock.tryAcquire(dir)) {
            if (lock == null) {
                skipLog(quietSkips).log("event=report_run_skipped reason=locked_by_another_process trigger={} dir={}", trigger, dir);
                return new ReportRun(trigger, stamp, started, clock.instant(), "skipped_busy", List.of(), null, null);
            }
            // what a run cut short left behind: here too, not only at start, because with several replicas a run cut
            // short by a dead leader is found by the next leader, which started long before (docs/scaling.md)
            ReportCleanup.removeLeftovers(dir, names);
            if (Files.exists(dir.resolve(ReportFiles.manifest(stamp)))) {
                LOG.info("event=report_run_skipped reason=set_exists stamp={} trigger={}", stamp, trigger);
                return new ReportRun(trigger, stamp, started, clock.instant(), "skipped_exists", List.of(), null, null);
            }
            List<DatasetService.Extract> extracts = extractAll(reports);
            if (extracts.stream().allMatch(x -> x.asOfMillis() <= 0)) {
                // nothing was ever synced: a set of zeros would read as "the warehouse is empty"
                reports.forEach(r -> metrics.count(r.name(), "skipped"));
                skipLog(quietSkips).log("event=report_run_skipped reason=no_data stamp={} trigger={}", stamp, trigger);
                return new ReportRun(trigger, stamp, started, clock.instant(), "skipped_no_data", List.of(), null, null);
            }
            boolean stale = extracts.stream().anyMatch(DatasetService.Extract::stale);
            if (stale && settings.stalePolicy() == StalePolicy.SKIP) {
                reports.forEach(r -> metrics.count(r.name(), "skipped"));
                LOG.warn("event=report_run_skipped reason=stale_data policy=skip stamp={} trigger={}", stamp, trigger);
                return new ReportRun(trigger, stamp, started, clock.instant(), "skipped_stale", List.of(), null, null);
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            List<Path[]> staged = new ArrayList<>();
            try {
                for (int i = 0; i < extracts.size(); i++) {
                    DatasetService.Extract x = extracts.get(i);
                    String report = reports.get(i).name();
                    current = report;
                    CsvTable<?> table = ReportTables.table(x.dataset());
                    for (ReportFormat format : settings.formats()) {
                        String name = ReportFiles.file(report, stamp, format);
                        Path temp = dir.resolve(ReportFiles.temp(name));
                        staged.add(new Path[] {temp, dir.resolve(name)});
                        long[] rows = new long[1];
                        AtomicFiles.Written w = AtomicFiles.writeTemp(temp, out -> rows[0] = format == ReportFormat.XLSX
                                ? xlsx.writeRows(table, x.rows().iterator(), out)
                                : writer.writeRows(table, x.rows().iterator(), out));
                        entries.add(fileEntry(report, format, name, rows[0], w));
                    }
                }
                current = null;
                for (Path[] p : staged) {
                    AtomicFiles.publish(p[0], p[1]);
                }
                current = "manifest";
                String manifestName = ReportFiles.manifest(stamp);
                Path manifestTemp = dir.resolve(ReportFiles.temp(manifestName));
                byte[] manifest = json.writeValueAsBytes(manifest(stamp, started, extracts, stale, entries));
                AtomicFiles.writeTemp(manifestTemp, out -> out.write(manifest));
                AtomicFiles.publish(manifestTemp, dir.resolve(manifestName));
                AtomicFiles.syncDirectory(dir);
            } catch (IOException | RuntimeException e) {
                for (Path[] p : staged) {
                    AtomicFiles.deleteQuietly(p[0]);
                    AtomicFiles.deleteQuietly(p[1]);
                }
                AtomicFiles.deleteQuietly(dir.resolve(ReportFiles.temp(ReportFiles.manifest(stamp))));
                AtomicFiles.syncDirectory(dir);
                return failed(trigger, stamp, started, current, e, reports);
            }
            List<String> files = new ArrayList<>();
            for (Map<String, Object> e : entries) {
                files.add((String) e.get("name"));
                metrics.count((String) e.get("report"), "written");
                LOG.info("event=report_written report={} file={} rows={} bytes={} sha256={} stamp={}", e.get("report"),
                        e.get("name"), e.get("rows"), e.get("bytes"), e.get("sha256"), stamp);
            }
            files.add(ReportFiles.manifest(stamp));
            LOG.info("event=report_run_completed stamp={} trigger={} files={} stale={} millis={}", stamp, trigger,
                    files.size(), stale, clock.millis() - started.toEpochMilli());
            applyRetention(dir, names);
            return new ReportRun(trigger, stamp, started, clock.instant(), "written", List.copyOf(files), null, null);
        } catch (IOException | RuntimeException e) {
            return failed(trigger, stamp, started, current, e, reports);
        }
    }

    /** The report names whose files retention and the clean-up may touch: the fixed five and this set's. */
    private static Set<String> fileNames(List<ReportSet.Report> reports) {
        Set<String> names = new LinkedHashSet<>(ReportTables.NAMES);
        reports.forEach(r -> names.add(r.name()));
        return names;
    }

    private void prepareDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!settings.createDir()) {
            throw new IOException("reports.dir " + dir + " does not exist (reports.create-dir=false)");
        }
        Files.createDirectories(dir);
    }

    /** Every configured report from one snapshot version (a publication in between: read again). */
    private List<DatasetService.Extract> extractAll(List<ReportSet.Report> reports) {
        List<DatasetService.Extract> extracts = new ArrayList<>();
        for (int attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
            extracts.clear();
            Set<Long> versions = new HashSet<>();
            for (ReportSet.Report report : reports) {
                DatasetService.Extract x;
                try {
                    x = source.extract(report.dataset(), report.query());
                } catch (RuntimeException e) {
                    throw new ReportFailure(report.name(), e);
                }
                extracts.add(x);
                versions.add(x.version());
            }
            if (versions.size() == 1) {
                return extracts;
            }
        }
        return extracts;
    }

    private static Map<String, Object> fileEntry(String report, ReportFormat format, String name, long rows,
            AtomicFiles.Written w) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("report", report);
        e.put("format", format.extension());
        e.put("rows", rows);
        e.put("bytes", w.bytes());
        e.put("sha256", w.sha256());
        return e;
    }

    private Map<String, Object> manifest(String stamp, Instant started, List<DatasetService.Extract> extracts,
            boolean stale, List<Map<String, Object>> files) {
        long asOf = extracts.stream().mapToLong(DatasetService.Extract::asOfMillis).min().orElse(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("stamp", stamp);
        m.put("timezone", settings.zone().getId());
        m.put("generated_at", started.toString());
        m.put("data_as_of", asOf > 0 ? Instant.ofEpochMilli(asOf).toString() : null);
        m.put("stale", stale);
        m.put("source", extracts.get(0).source());
        m.put("snapshot_version", extracts.get(0).version());
        m.put("dialect", writer.dialect().key());
        m.put("bom", writer.bom());
        m.put("files", files);
        return m;
    }

    /** Logs and counts a failed run; every report of the run counts as failed, since none of its files was published. */
    private ReportRun failed(String trigger, String stamp, Instant started, String report, Throwable e,
            List<ReportSet.Report> reports) {
        Throwable cause = e;
        if (e instanceof ReportFailure rf) {
            report = rf.report;
            cause = rf.getCause();
        }
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.error("event=report_failed report={} stamp={} trigger={} dir={} error=\"{}\" hint=\"no file of this run "
                + "was left under a final name; the next run tries again\"", report == null ? "-" : report, stamp,
                trigger, settings.dir(), error, cause);
        for (ReportSet.Report r : reports) {
            metrics.count(r.name(), "failed");
        }
        return new ReportRun(trigger, stamp, started, clock.instant(), "failed", List.of(), report, error);
    }

    // ------------------------------------------------------------------ retention and start-up clean-up

    /**
     * Deletes complete sets whose stamp is older than the retention, manifest first (so a consumer never finds a
     * manifest whose files are gone), and any of this bundle's CSVs of such a stamp. Names not matching this
     * bundle's exact patterns are never touched.
     */
    void applyRetention(Path dir) {
        applyRetention(dir, new LinkedHashSet<>(ReportTables.NAMES));
    }

    private void applyRetention(Path dir, Set<String> reports) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant(), settings.zone()).minusDays(settings.retentionDays());
        ReportCleanup.removeExpiredSets(dir, reports, cutoff, settings.retentionDays());
    }

    /**
     * At start (and before every run): removes this bundle's temporary files and CSVs whose set has no manifest,
     * what a stop in the middle of a run leaves behind. Never fails the start: a missing or unusable directory is only logged.
     */
    public void cleanLeftovers() {
        Path dir = settings.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (!running.tryLock()) {
            return;
        }
        try (ReportFolderLock lock = ReportFolderLock.tryAcquire(dir)) {
            if (lock == null) {
                return;
            }
            ReportCleanup.removeLeftovers(dir, new LinkedHashSet<>(ReportTables.NAMES));
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=report_cleanup_failed dir={} error=\"{}\"", dir, e.toString());
        } finally {
            running.unlock();
        }
    }

    /** A dataset that threw while its rows were read, with the report it belongs to. */
    private static final class ReportFailure extends RuntimeException {
        private final String report;

        ReportFailure(String report, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.report = report;
        }
    }
}
