package org.depositobridge.cluster;

import java.util.List;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterView;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.kubernetes.cluster.lock.KubernetesLeaseResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's Kubernetes Lease cluster service, plus one thing it does not do: a replica that stops normally (SIGTERM: a
 * rolling update, a drain, a scale-down) clears its name from the Lease it holds. Camel judges a holder by its Pod
 * (valid while Running and Ready) and makes a replica that takes a held Lease wait lease-duration before its routes
 * start; an empty Lease is taken at the next retry-period with immediate effect. Without this, every rolling update
 * left the writers stopped for the Pod's way out of Ready plus a retry-period plus lease-duration.
 *
 * <p>Safe because Camel stops every route before it stops its services, so the leader-only routes have stopped when
 * {@link #doStop} runs, and stopping the views first ends this replica's renewals. The update carries the Lease's
 * resourceVersion, so it changes nothing if another replica took the Lease meanwhile. A failure is logged and
 * otherwise ignored: the others then take over the slow way, once this Pod is no longer Ready.
 */
final class LeaseReleasingClusterService extends KubernetesClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseReleasingClusterService.class);

    private final Supplier<KubernetesClient> clients;

    /** {@code clients} makes a fresh client each time: Camel's view closes the one it is given when it stops. */
    LeaseReleasingClusterService(Supplier<KubernetesClient> clients) {
        super(new KubernetesConfiguration());
        this.clients = clients;
    }

    /** Camel's view, with our client (camel-kubernetes would build its own, ignoring its settings in a pod). */
    @Override
    protected KubernetesClusterView createView(String group) throws Exception {
        KubernetesConfiguration configuration = new KubernetesConfiguration();
        configuration.setKubernetesClient(clients.get());
        return new KubernetesClusterView(getCamelContext(), this, configuration,
                lockConfigWithGroupNameAndDefaults(group));
    }

    @Override
    protected void doStop() throws Exception {
        List<String> groups = List.copyOf(getNamespaces());
        super.doStop();
        if (!groups.isEmpty()) {
            release(groups);
        }
    }

    private void release(List<String> groups) {
        KubernetesLeaseResourceManager<Lease> leases = KubernetesLeaseResourceManager.create(LeaseResourceType.Lease);
        try (KubernetesClient client = clients.get()) {
            String namespace = getKubernetesResourcesNamespace() != null ? getKubernetesResourcesNamespace()
                    : client.getNamespace();
            for (String group : groups) {
                try {
                    Lease lease = leases.fetchLeaseResource(client, namespace, getKubernetesResourceName(), group);
                    String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
                    if (!getPodName().equals(holder)) {
                        LOG.info("event=lease_not_held group={} member={} holder={}", group, getPodName(), holder);
                        continue;
                    }
                    leases.optimisticDeleteLeaderInfo(client, lease, group);
                    LOG.info("event=lease_released group={} member={} lease={}/{}", group, getPodName(), namespace,
                            lease.getMetadata().getName());
                } catch (RuntimeException e) {
                    LOG.warn("event=lease_release_failed group={} member={} reason=\"{}\" effect=\"the others take over "
                            + "once this pod is not Ready\"", group, getPodName(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("event=lease_release_failed member={} reason=\"{}\"", getPodName(), e.getMessage());
        }
    }
}
