package org.depositobridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which routes are leader-only, in the real bridge: with clustering on and another holder of the group's lock, exactly
 * the writers (report drops, stock inbox) stay stopped while everything else runs and readiness is UP; once the lock
 * is free the bridge leads and starts them. With clustering off (the default) they run and the bridge says leader.
 */
class LeaderOnlyRoutesTest {

    static final Set<String> WRITERS = Set.of("reports-drop-scheduled", "reports-drop-on-request", "stock-updates-file");

    @TempDir
    Path temp;

    /** A follower runs everything but the writers and is ready; when the lock is released it leads and starts them. */
    @Test
    void should_run_only_the_writer_routes_on_the_leader() throws Exception {
        Path root = Files.createDirectories(temp.resolve("cluster"));
        Map<String, String> settings = new HashMap<>();
        settings.put("bridge.cluster.enabled", "true");
        settings.put("bridge.cluster.file.root", root.toString());
        settings.put("bridge.cluster.file.acquire-lock-interval", "200ms");
        settings.put("bridge.cluster.file.acquire-lock-delay", "100ms");
        settings.put("bridge.cluster.member-id", "replica-under-test");
        settings.put("reports.dir", temp.resolve("reports").toString());
        settings.put("stock-updates.inbox", temp.resolve("inbox").toString());
        // the lock another replica would hold (a lock this JVM holds counts as taken for the bridge too)
        try (FileChannel other = FileChannel.open(root.resolve("deposito-bridge-writers"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock held = other.lock();
            try (RunningBridge bridge = RunningBridge.start(settings)) {
                bridge.awaitReady();
                followThenLead(bridge, held);
            }
        }
    }

    /** As a follower: the writers stopped, the rest running, ready; then, lock released: leader, writers started. */
    private static void followThenLead(RunningBridge bridge, FileLock held) throws Exception {
        CamelContext ctx = bridge.context();
        LeaderState leadership = ctx.getRegistry().lookupByNameAndType("leadership", LeaderState.class);
        // several lock attempts have failed by now
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> !leadership.isLeader());

        assertThat(stopped(ctx)).isEqualTo(WRITERS);
        assertThat(ctx.getRoutes()).hasSizeGreaterThan(WRITERS.size() + 5);
        assertThat(bridge.getManagement("/observe/health/ready").statusCode()).isEqualTo(200);
        assertThat(bridge.scrapeMetrics()).contains("bridge_cluster_leader{service=\"file\"} 0.0");

        held.release();
        await("leads").atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
        await("writers started").atMost(Duration.ofSeconds(10)).until(() -> stopped(ctx).isEmpty());
        assertThat(leadership.changes()).isEqualTo(1);
        assertThat(bridge.scrapeMetrics()).contains("bridge_cluster_leader{service=\"file\"} 1.0");
    }

    /** One bridge (clustering off, the default): the writers run with the context and the bridge reports itself leader. */
    @Test
    void should_run_the_writers_on_a_single_bridge() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("reports.dir", temp.resolve("reports").toString(),
                "stock-updates.inbox", temp.resolve("inbox").toString()))) {
            bridge.awaitReady();
            assertThat(stopped(bridge.context())).isEmpty();
            assertThat(bridge.context().getRegistry().lookupByNameAndType("leadership", LeaderState.class).isLeader())
                    .isTrue();
            assertThat(bridge.scrapeMetrics()).contains("bridge_cluster_leader{service=\"none\"} 1.0");
        }
    }

    private static Set<String> stopped(CamelContext ctx) {
        Set<String> ids = new TreeSet<>();
        for (Route r : ctx.getRoutes()) {
            if (ctx.getRouteController().getRouteStatus(r.getId()) != ServiceStatus.Started) {
                ids.add(r.getId());
            }
        }
        return ids;
    }
}
