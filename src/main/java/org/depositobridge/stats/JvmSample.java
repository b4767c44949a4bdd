package org.depositobridge.stats;

/**
 * The JVM's memory, GC and thread figures at one instant, as the report shows them.
 *
 * @param rssBytes resident set size from {@code /proc/self/status} (VmRSS), or null where that file does not exist
 * @param gcCount  collections since JVM start, summed over all collectors
 * @param gcTimeMs milliseconds spent in collections since JVM start, summed over all collectors
 */
record JvmSample(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes, long nonHeapUsedBytes,
        Long rssBytes, long gcCount, long gcTimeMs, int liveThreads) {
}
