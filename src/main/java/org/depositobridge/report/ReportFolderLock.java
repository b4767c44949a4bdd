package org.depositobridge.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock file {@code .reports.lock} in {@code reports.dir}: held while a run (or the start-up clean-up) touches the
 * folder, so a second bridge process sharing the folder keeps out. An OS file lock, released by the OS when the
 * process dies, so a killed bridge never leaves the folder locked.
 */
final class ReportFolderLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ReportFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The folder's lock, or null when another process (or another run of this one) holds it. */
    static ReportFolderLock tryAcquire(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(ReportFiles.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                return null;
            }
            return new ReportFolderLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
