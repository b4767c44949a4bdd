package org.depositobridge.stats;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the JVM figures the report needs from the platform MXBeans and the process RSS from
 * {@code /proc/self/status}. It never triggers a collection: the report tells what the heap looks like, not what
 * it would look like after a forced GC.
 */
class JvmSampler {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Path procStatus;

    JvmSampler() {
        this(PROC_STATUS);
    }

    JvmSampler(Path procStatus) {
        this.procStatus = procStatus;
    }

    JvmSample sample() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            // -1 means "not available" for that collector
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        return new JvmSample(heap.getUsed(), heap.getCommitted(), heap.getMax(), nonHeap.getUsed(), rssBytes(),
                gcCount, gcTime, ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /** VmRSS in bytes, or null where there is no procfs (macOS, Windows) or the line is missing. */
    Long rssBytes() {
        if (!Files.isReadable(procStatus)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(procStatus, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return parseKilobytes(line.substring("VmRSS:".length())) * 1024L;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static long parseKilobytes(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        return Long.parseLong(space < 0 ? v : v.substring(0, space));
    }
}
