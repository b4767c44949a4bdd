package org.depositobridge.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code leadership}: whether this replica leads the writers' group, for operators. Logs
 * {@code event=leadership_gained} / {@code event=leadership_lost}, counts hand-overs, and serves the gauges
 * {@code bridge_cluster_leader} (1 on the leader, 0 elsewhere) and {@code bridge_cluster_leadership_changes_total}.
 * With clustering off it always says leader (the one bridge runs its writers).
 */
public final class LeaderState implements CamelClusterEventListener.Leadership {

    static final String LEADER_GAUGE = "bridge.cluster.leader";
    static final String CHANGES = "bridge.cluster.leadership.changes";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderState.class);

    private final String service;
    private final String group;
    private final String memberId;
    private final AtomicBoolean leader;
    private final AtomicLong changes = new AtomicLong();

    LeaderState(String service, String group, String memberId, boolean leader) {
        this.service = service;
        this.group = group;
        this.memberId = memberId;
        this.leader = new AtomicBoolean(leader);
    }

    /** A single bridge: always the leader. */
    static LeaderState standalone(String memberId) {
        return new LeaderState("none", "-", memberId, true);
    }

    @Override
    public void leadershipChanged(CamelClusterView view, CamelClusterMember newLeader) {
        boolean local = newLeader != null && newLeader.isLocal();
        if (leader.getAndSet(local) == local) {
            return;
        }
        changes.incrementAndGet();
        if (local) {
            LOG.info("event=leadership_gained service={} group={} member={} routes=leader-only", service, group, memberId);
        } else {
            LOG.warn("event=leadership_lost service={} group={} member={} leader={} routes=leader-only-stopped",
                    service, group, memberId, newLeader == null ? "unknown" : newLeader.getId());
        }
    }

    public boolean isLeader() {
        return leader.get();
    }

    public String service() {
        return service;
    }

    public String group() {
        return group;
    }

    public String memberId() {
        return memberId;
    }

    public long changes() {
        return changes.get();
    }

    void register(MeterRegistry registry) {
        Gauge.builder(LEADER_GAUGE, this, l -> l.isLeader() ? 1 : 0)
                .description("1 on the replica that runs the leader-only routes (report drops, stock-update inbox)")
                .tag("service", service)
                .register(registry);
        FunctionCounter.builder(CHANGES, this, l -> l.changes())
                .description("Leadership changes seen by this replica since it started")
                .register(registry);
    }
}
