package org.depositobridge.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.depositobridge.WhenFullyStarted;
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds route policy {@code leaderOnly} (used by the routes that write: {@code routePolicy: leaderOnly}) and bean
 * {@code leadership}.
 *
 * <p>{@code bridge.cluster.enabled=false} (default): one bridge, the policy does nothing and the routes start as
 * their {@code autoStartup} says. {@code true}: Camel's {@link ClusteredRoutePolicy} over the cluster service named
 * by {@code bridge.cluster.service} ({@code file} by default, or {@code kubernetes}): the routes start on the replica
 * that holds the group's lock or lease and stop when it loses it. The service is a context service, so it starts and
 * stops with Camel, and a stopping bridge hands its leadership over at once.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    private final ConfigValues cfg;
    private LeaderState leadership;

    public ClusterConfiguration(ConfigValues cfg) {
        this.cfg = cfg;
    }

    /** Whether this replica leads (bean {@code leadership}), after {@link #configure}. */
    public LeaderState leadership() {
        return Objects.requireNonNull(leadership, "ClusterConfiguration.configure has not run");
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        boolean enabled = cfg.bool("bridge.cluster.enabled");
        ClusterServices.Kind kind = enabled ? ClusterServices.Kind.of(cfg.string("bridge.cluster.service"))
                : ClusterServices.Kind.FILE;
        String memberId = cfg.optional("bridge.cluster.member-id").orElseGet(() -> defaultMemberId(kind));
        RoutePolicy policy;
        if (!enabled) {
            leadership = LeaderState.standalone(memberId);
            policy = new RoutePolicySupport() {
                // a single bridge: nothing to elect, the writers start with the context
            };
            LOG.info("event=cluster_configured enabled=false member={} leader_only_routes=run_here", memberId);
        } else {
            String group = cfg.string("bridge.cluster.group");
            CamelClusterService service = ClusterServices.create(kind, cfg, memberId);
            context.addService(service, true, true);
            leadership = new LeaderState(kind.name().toLowerCase(Locale.ROOT), group, memberId, false);
            CamelClusterView view = service.getView(group);
            view.addEventListener(leadership);
            ClusteredRoutePolicy clustered = ClusteredRoutePolicy.forNamespace(service, group);
            clustered.setCamelContext(context);
            policy = clustered;
            LOG.info("event=cluster_configured enabled=true service={} group={} member={} {}", leadership.service(),
                    group, memberId, describe(service));
        }
        context.getRegistry().bind("leaderOnly", policy);
        context.getRegistry().bind("leadership", leadership);
        WhenFullyStarted.run(context, ctx -> {
            MeterRegistry registry = ctx.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (registry != null) {
                leadership.register(registry);
            }
        });
    }

    private static String describe(CamelClusterService service) {
        if (service instanceof FileLockClusterService f) {
            long interval = f.getAcquireLockIntervalUnit().toMillis(f.getAcquireLockInterval());
            return "root=" + Path.of(f.getRoot()).toAbsolutePath() + " heartbeat_ms=" + interval
                    + " lease_ms=" + interval * f.getHeartbeatTimeoutMultiplier();
        }
        if (service instanceof KubernetesClusterService k) {
            return "lease=" + k.getKubernetesResourceName() + " lease_ms=" + k.getLeaseDurationMillis()
                    + " renew_deadline_ms=" + k.getRenewDeadlineMillis() + " retry_ms=" + k.getRetryPeriodMillis();
        }
        return "type=" + service.getClass().getName();
    }

    /**
     * Kubernetes: the pod name (HOSTNAME in a pod), which it must be: Camel knows the group's members by the names of
     * the Ready pods, and a replica whose id is not among them never leads. Elsewhere host name and process id,
     * unique per replica on one host.
     */
    static String defaultMemberId(ClusterServices.Kind kind) {
        String host = System.getenv("HOSTNAME");
        if (kind == ClusterServices.Kind.KUBERNETES && host != null && !host.isBlank()) {
            return host;
        }
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                host = "bridge";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
