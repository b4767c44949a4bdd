package org.depositobridge.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.ExchangeProperty;

/**
 * Bean {@code durableFiles}: what Camel's file component does not do for the files of a set, in {@code reports.dir}:
 * force a temporary file to disk ({@code forceWrites} has done nothing since Camel 2.20), rename it atomically to its
 * final name, and force the renames themselves to disk.
 */
public class DurableFiles {

    private final Path dir;

    public DurableFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Forces a temporary file's content to disk before a rename makes it visible. A symbolic link put in its place
     * since it was written is refused, not followed.
     */
    public void fsync(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(file.getTempName()), StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
    }

    /** The atomic rename of a temporary file to its final name, in the same folder. */
    public void publish(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        AtomicFiles.publish(dir.resolve(file.getTempName()), dir.resolve(file.getName()));
    }

    /** Forces the folder's entries (the renames) to disk. */
    public void syncFolder() {
        AtomicFiles.syncDirectory(dir);
    }
}
