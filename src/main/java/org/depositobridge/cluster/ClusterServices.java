package org.depositobridge.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.depositobridge.config.ConfigValues;

/**
 * Builds the cluster service named by {@code bridge.cluster.service} from the {@code bridge.cluster.*} keys. Both are
 * Camel's own: a lock file on a shared folder, or a {@code coordination.k8s.io/v1} Lease per group.
 */
final class ClusterServices {

    /** The services {@code bridge.cluster.service} may name. */
    enum Kind {
        FILE, KUBERNETES;

        static Kind of(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "file" -> FILE;
                case "kubernetes" -> KUBERNETES;
                default -> throw new IllegalArgumentException(
                        "bridge.cluster.service must be file or kubernetes, got '" + value + "'");
            };
        }
    }

    /** A Kubernetes object name (RFC 1123 subdomain). */
    static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Camel's default jitter: a replica polls every retry-period x a random factor in [1, JITTER). */
    static final double JITTER = 1.2;

    private ClusterServices() {
    }

    static CamelClusterService create(Kind kind, ConfigValues cfg, String memberId) {
        return kind == Kind.FILE ? file(cfg, memberId) : kubernetes(cfg, memberId);
    }

    /**
     * The leader holds an OS lock on {@code <root>/<group>} and writes a heartbeat to {@code <root>/<group>.dat} every
     * interval; a follower tries the lock only once the heartbeat is older than interval x multiplier (the lease).
     */
    static FileLockClusterService file(ConfigValues cfg, String memberId) {
        String root = cfg.optional("bridge.cluster.file.root").orElseThrow(() -> new IllegalArgumentException(
                "bridge.cluster.file.root must name the folder shared by every replica (bridge.cluster.service=file)"));
        Duration interval = positive(cfg, "bridge.cluster.file.acquire-lock-interval");
        int multiplier = cfg.integer("bridge.cluster.file.heartbeat-timeout-multiplier");
        if (multiplier < 1) {
            throw new IllegalArgumentException(
                    "bridge.cluster.file.heartbeat-timeout-multiplier must be at least 1, got " + multiplier);
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setId(memberId);
        service.setRoot(root);
        service.setAcquireLockDelay(positive(cfg, "bridge.cluster.file.acquire-lock-delay")
                .toMillis(), TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(interval.toMillis(), TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(multiplier);
        return service;
    }

    /**
     * The lease is {@code <lease-name>-<group>} in the pod's namespace; members are the pods with the labels that are
     * Running and Ready (Camel's rule: a holder whose pod is not among them has lost the lease).
     */
    static KubernetesClusterService kubernetes(ConfigValues cfg, String memberId) {
        Duration lease = positive(cfg, "bridge.cluster.kubernetes.lease-duration");
        Duration renew = positive(cfg, "bridge.cluster.kubernetes.renew-deadline");
        Duration retry = positive(cfg, "bridge.cluster.kubernetes.retry-period");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            // Camel writes it to the Lease in whole seconds (spec.leaseDurationSeconds): less than 1 s would be 0
            throw new IllegalArgumentException(
                    "bridge.cluster.kubernetes.lease-duration must be at least 1s, got " + lease);
        }
        if (lease.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("bridge.cluster.kubernetes.lease-duration must be whole seconds (the Lease "
                    + "holds spec.leaseDurationSeconds), got " + lease);
        }
        // Camel polls every retry-period x up to JITTER, and requires renew-deadline above that
        if (renew.compareTo(lease) >= 0 || renew.toMillis() <= retry.toMillis() * JITTER) {
            throw new IllegalArgumentException("bridge.cluster.kubernetes: retry-period (" + retry + ") x " + JITTER
                    + " < renew-deadline (" + renew + ") < lease-duration (" + lease + ") is required: a leader polls "
                    + "several times within the renew deadline, and stops its routes when it could not renew for it");
        }
        Map<String, String> labels = labels(cfg.string("bridge.cluster.kubernetes.labels"));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("bridge.cluster.kubernetes.labels must select the bridge's pods "
                    + "(key=value[,key=value]), got nothing");
        }
        Optional<String> masterUrl = cfg.optional("bridge.cluster.kubernetes.master-url");
        Duration timeout = cfg.optional("bridge.cluster.kubernetes.connection-timeout").isPresent()
                ? positive(cfg, "bridge.cluster.kubernetes.connection-timeout")
                : defaultTimeout(renew);
        if (cfg.optional("bridge.cluster.kubernetes.connection-timeout").isPresent() && timeout.compareTo(renew) >= 0) {
            throw new IllegalArgumentException("bridge.cluster.kubernetes.connection-timeout (" + timeout + ") must be "
                    + "shorter than renew-deadline (" + renew + "): one slow call would cost the leadership");
        }
        String leaseName = cfg.string("bridge.cluster.kubernetes.lease-name") + "-"
                + cfg.string("bridge.cluster.group");
        if (leaseName.length() > 253 || !DNS_SUBDOMAIN.matcher(leaseName).matches()) {
            // Camel would repair the name (lower case, other characters to '-'), and the Lease would then not be the
            // one name role.yaml grants: the names must already be what Kubernetes accepts
            throw new IllegalArgumentException("bridge.cluster.kubernetes.lease-name and bridge.cluster.group make the "
                    + "Lease name '" + leaseName + "', not a valid Kubernetes name (lower-case letters, digits, '-' and "
                    + "'.', starting and ending with a letter or digit, at most 253 characters); Camel would rename it "
                    + "and the Role grants one exact name");
        }
        Supplier<KubernetesClient> clients = () -> new KubernetesClientBuilder()
                .withConfig(clientConfig(masterUrl, timeout)).build();
        LeaseReleasingClusterService service = new LeaseReleasingClusterService(clients);
        service.setId(memberId);
        service.setPodName(memberId);
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(cfg.string("bridge.cluster.kubernetes.lease-name"));
        cfg.optional("bridge.cluster.kubernetes.namespace").ifPresent(service::setKubernetesResourcesNamespace);
        service.setClusterLabels(labels);
        service.setJitterFactor(JITTER);
        service.setLeaseDurationMillis(lease.toMillis());
        service.setRenewDeadlineMillis(renew.toMillis());
        service.setRetryPeriodMillis(retry.toMillis());
        return service;
    }

    /**
     * The client for the Lease and pod calls. Built here rather than by camel-kubernetes, which applies none of its
     * settings when no master URL is given, that is in a pod, the case that matters. Auto-configured as the fabric8
     * client always is (in a pod the service account's token, CA and namespace; elsewhere ~/.kube/config or the file
     * named by {@code -Dkubeconfig} / {@code KUBECONFIG}; then {@code KUBERNETES_*} variables), with the master URL
     * and the timeout of one call from our keys, and without the client's own retries: Camel's controller calls again
     * every retry-period, while the client's own back-off (10 retries, 100 ms doubling up to 3.2 s: ~19 s of waiting plus
     * every attempt's timeout) would stall it, and with it a follower's look at a dead leader, well past the lease.
     */
    static Config clientConfig(Optional<String> masterUrl, Duration timeout) {
        ConfigBuilder config = new ConfigBuilder();
        masterUrl.ifPresent(config::withMasterUrl);
        return config.withConnectionTimeout((int) timeout.toMillis()).withRequestTimeout((int) timeout.toMillis())
                .withRequestRetryBackoffLimit(0).build();
    }

    /**
     * Camel's default, a third of the renew deadline between 3 s and 30 s, but never more than half of it: one slow
     * call must not cost the leadership (renew deadlines of 6 s and less).
     */
    static Duration defaultTimeout(Duration renew) {
        long ms = Math.min(Math.max(renew.toMillis() / 3, 3000), 30000);
        return Duration.ofMillis(Math.min(ms, renew.toMillis() / 2));
    }

    /** {@code k=v,k2=v2} as a map; empty entries are skipped, a malformed one fails with its key named. */
    static Map<String, String> labels(String spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(
                        "bridge.cluster.kubernetes.labels must be key=value[,key=value], got '" + spec + "'");
            }
            labels.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
        }
        return labels;
    }

    private static Duration positive(ConfigValues cfg, String key) {
        Duration d = cfg.duration(key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
        }
        return d;
    }
}
