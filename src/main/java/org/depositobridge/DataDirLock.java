package org.depositobridge;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge per data folder: an exclusive OS lock on {@code <bridge.data-dir>/.lock}, held while the CamelContext
 * runs. Two bridges on one folder would overwrite each other's snapshot, dead letters and report drops; with
 * {@code bridge.cluster.enabled=true} the replicas coordinate their writers through the cluster service instead, and
 * no lock is taken. The OS drops the lock when the process dies, even on SIGKILL, so a stale file never blocks a start.
 */
final class DataDirLock extends ServiceSupport {

    static final String FILE = ".lock";
    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);

    private final Path dataDir;
    private FileChannel channel;
    private FileLock lock;

    DataDirLock(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    protected void doStart() throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // another bridge in this very JVM (tests) holds it
            held = null;
        }
        if (held == null) {
            ch.close();
            throw new StartupRefused("event=data_dir_locked key=bridge.data-dir dir=" + dataDir.toAbsolutePath()
                    + " lock=" + file.toAbsolutePath() + " fix=\"another bridge runs on this data folder: stop it, give this one"
                    + " its own (-Dbridge.data-dir=...), or run both as a cluster (bridge.cluster.enabled=true)\"", null);
        }
        channel = ch;
        lock = held;
        LOG.debug("event=data_dir_locked_by_us lock={}", file.toAbsolutePath());
    }

    @Override
    protected void doStop() throws IOException {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
