package org.depositobridge.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code reportLock}: takes and gives back the lock of {@code reports.dir} ({@link ReportFolderLock}, an OS file
 * lock) for route {@code reports-write-set}. The lock is an object the route carries in a property and releases in
 * its {@code doFinally}, from whatever thread that runs on: nothing here is bound to the thread that took it.
 */
public class ReportLocks {

    private static final Logger LOG = LoggerFactory.getLogger(ReportLocks.class);

    private final Path dir;
    /** This process holds the lock (a run is under way here): tells the two kinds of busy apart in the log. */
    private final AtomicBoolean heldHere = new AtomicBoolean();

    public ReportLocks(Path dir) {
        this.dir = dir;
    }

    /** The folder's lock, or null when another run (of this process or another) holds it. */
    public ReportFolderLock tryLock() throws IOException {
        ReportFolderLock lock = ReportFolderLock.tryAcquire(dir);
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
            LOG.warn("event=report_lock_release_failed dir={} error=\"{}\"", dir, e.toString());
        } finally {
            heldHere.set(false);
        }
    }

    /** Why the lock was refused: {@code already_running} here, or {@code locked_by_another_process}. */
    String busyReason() {
        return heldHere.get() ? "already_running" : "locked_by_another_process";
    }
}
