package org.depositobridge.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportFolder}: {@code reports.dir} itself and the sets in it: created when missing (or refused), and
 * whether a set of a stamp (or of a slot) is already there.
 */
public class ReportFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFolder.class);

    private final DropSettings settings;

    public ReportFolder(DropSettings settings) {
        this.settings = settings;
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
}
