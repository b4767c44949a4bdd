package org.depositobridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.ShippedConfig;
import org.junit.jupiter.api.Test;

/** The bridge.cluster.* keys: what a bad value says, and what good values build. */
class ClusterServicesTest {

    /** An unknown service names the key and the services there are. */
    @Test
    void should_refuse_an_unknown_cluster_service_naming_the_key_and_the_allowed_values() {
        assertThatThrownBy(() -> ClusterServices.Kind.of("zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bridge.cluster.service must be file or kubernetes, got 'zookeeper'");
        assertThat(ClusterServices.Kind.of(" Kubernetes ")).isEqualTo(ClusterServices.Kind.KUBERNETES);
    }

    /** The file service without its shared folder says which key is missing. */
    @Test
    void should_refuse_the_file_service_without_a_shared_folder() {
        assertThatThrownBy(() -> ClusterServices.file(cfg(Map.of()), "m1"))
                .hasMessageContaining("bridge.cluster.file.root must name the folder shared by every replica");
    }

    /** Zero and negative durations, and a multiplier below one, are refused with the key named. */
    @Test
    void should_refuse_non_positive_durations() {
        assertThatThrownBy(() -> ClusterServices.file(cfg(Map.of("bridge.cluster.file.root", "/tmp/c",
                "bridge.cluster.file.acquire-lock-interval", "0s")), "m1"))
                .hasMessage("bridge.cluster.file.acquire-lock-interval must be a positive duration, got PT0S");
        assertThatThrownBy(() -> ClusterServices.file(cfg(Map.of("bridge.cluster.file.root", "/tmp/c",
                "bridge.cluster.file.heartbeat-timeout-multiplier", "0")), "m1"))
                .hasMessage("bridge.cluster.file.heartbeat-timeout-multiplier must be at least 1, got 0");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.lease-duration", "-15s")), "m1"))
                .hasMessage("bridge.cluster.kubernetes.lease-duration must be a positive duration, got PT-15S");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.retry-period", "0ms")), "m1"))
                .hasMessage("bridge.cluster.kubernetes.retry-period must be a positive duration, got PT0S");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.connection-timeout", "0s")), "m1"))
                .hasMessage("bridge.cluster.kubernetes.connection-timeout must be a positive duration, got PT0S");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.renew-deadline", "soon")), "m1"))
                .hasMessageContaining("bridge.cluster.kubernetes.renew-deadline");
    }

    /** retry-period x 1.2 < renew-deadline < lease-duration, and a lease of whole seconds, or no start. */
    @Test
    void should_refuse_kubernetes_timings_out_of_order() {
        for (String[] t : new String[][] {{"10s", "10s", "2s"}, {"10s", "12s", "2s"}, {"15s", "2s", "2s"},
                {"15s", "2s", "1700ms"}}) {
            assertThatThrownBy(() -> ClusterServices.kubernetes(timings(t[0], t[1], t[2]), "m1"))
                    .as("lease %s renew %s retry %s", (Object[]) t)
                    .hasMessageStartingWith("bridge.cluster.kubernetes: retry-period (")
                    .hasMessageContaining("x 1.2 < renew-deadline (")
                    .hasMessageContaining("< lease-duration (");
        }
        assertThatThrownBy(() -> ClusterServices.kubernetes(timings("900ms", "600ms", "100ms"), "m1"))
                .hasMessage("bridge.cluster.kubernetes.lease-duration must be at least 1s, got PT0.9S");
        // just inside: 1600 ms x 1.2 = 1920 ms < 2 s
        KubernetesClusterService ok = ClusterServices.kubernetes(timings("3s", "2s", "1600ms"), "m1");
        assertThat(ok.getRetryPeriodMillis()).isEqualTo(1600);
    }

    /**
     * A Lease name Kubernetes would refuse (nobody would ever lead), a lease of fractional seconds, or a call
     * timeout as long as the renew deadline is refused at start.
     */
    @Test
    void should_refuse_a_lease_name_kubernetes_refuses_and_timeouts_that_cost_the_lead() {
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of("bridge.cluster.group", "Writers_A")), "m1"))
                .hasMessageContaining("bridge.cluster.group").hasMessageContaining("deposito-bridge-Writers_A");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of("bridge.cluster.kubernetes.lease-name",
                "-bridge")), "m1")).hasMessageContaining("bridge.cluster.kubernetes.lease-name");
        assertThatThrownBy(() -> ClusterServices.kubernetes(timings("15500ms", "10s", "2s"), "m1"))
                .hasMessageContaining("lease-duration must be whole seconds");
        assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.connection-timeout", "10s")), "m1"))
                .hasMessageContaining("connection-timeout (PT10S) must be shorter than renew-deadline (PT10S)");
        assertThat(ClusterServices.kubernetes(cfg(Map.of("bridge.cluster.group", "writers.eu-1")), "m1")).isNotNull();
    }

    /** Labels that are not key=value pairs, or none at all, are refused with the key named. */
    @Test
    void should_refuse_malformed_labels() {
        for (String bad : new String[] {"app", "=deposito-bridge", "app=", "app=x,tier", " , "}) {
            assertThatThrownBy(() -> ClusterServices.kubernetes(cfg(Map.of("bridge.cluster.kubernetes.labels", bad)),
                    "m1")).as(bad).hasMessageStartingWith("bridge.cluster.kubernetes.labels must");
        }
        assertThat(ClusterServices.labels("app.kubernetes.io/name=deposito-bridge, tier = writer"))
                .containsExactly(Map.entry("app.kubernetes.io/name", "deposito-bridge"), Map.entry("tier", "writer"));
    }

    /** Good keys build Camel's Lease service with our values; the member id is the pod name. */
    @Test
    void should_build_the_kubernetes_lease_service_from_the_keys() {
        KubernetesClusterService s = ClusterServices.kubernetes(cfg(Map.of(
                "bridge.cluster.kubernetes.lease-name", "bridge",
                "bridge.cluster.kubernetes.namespace", "shop",
                "bridge.cluster.kubernetes.labels", "app=bridge,tier=api")), "bridge-7d9f-x2v");
        assertThat(s).isInstanceOf(LeaseReleasingClusterService.class);
        assertThat(s.getLeaseResourceType()).isEqualTo(LeaseResourceType.Lease);
        assertThat(s.getPodName()).isEqualTo("bridge-7d9f-x2v");
        assertThat(s.getId()).isEqualTo("bridge-7d9f-x2v");
        assertThat(s.getKubernetesResourceName()).isEqualTo("bridge");
        assertThat(s.getKubernetesResourcesNamespace()).isEqualTo("shop");
        assertThat(s.getClusterLabels()).containsExactly(Map.entry("app", "bridge"), Map.entry("tier", "api"));
        assertThat(s.getLeaseDurationMillis()).isEqualTo(15000);
        assertThat(s.getRenewDeadlineMillis()).isEqualTo(10000);
        assertThat(s.getRetryPeriodMillis()).isEqualTo(2000);
        assertThat(s.getJitterFactor()).isEqualTo(1.2);
    }

    /** The client takes the master URL and one call's timeout from our keys and leaves retrying to Camel. */
    @Test
    void should_configure_the_client_from_the_keys() {
        Config c = ClusterServices.clientConfig(Optional.of("http://127.0.0.1:6443"), Duration.ofMillis(3333));
        assertThat(c.getMasterUrl()).isEqualTo("http://127.0.0.1:6443/");
        assertThat(c.getConnectionTimeout()).isEqualTo(3333);
        assertThat(c.getRequestTimeout()).isEqualTo(3333);
        assertThat(c.getRequestRetryBackoffLimit()).isZero();
        assertThat(ClusterServices.defaultTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(3333));
        // never more than half the renew deadline: one slow call must not cost the lead
        assertThat(ClusterServices.defaultTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(ClusterServices.defaultTimeout(Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(3));
        assertThat(ClusterServices.defaultTimeout(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
    }

    /**
     * The fabric8 client's YAML (kubeconfig files, Lease dumps) works with the snakeyaml-engine 3.0.1 that Camel's YAML
     * DSL brings, though the client is built against 2.10.
     */
    @Test
    void should_read_a_kubeconfig_and_write_yaml_with_the_snakeyaml_engine_on_the_classpath() {
        io.fabric8.kubernetes.api.model.Config kubeconfig = KubeConfigUtils.parseConfigFromString("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://10.0.0.1:6443"}
                contexts:
                - name: c
                  context: {cluster: c, namespace: shop, user: u}
                current-context: c
                users:
                - name: u
                  user: {token: t}
                """);
        assertThat(kubeconfig.getClusters().get(0).getCluster().getServer()).isEqualTo("https://10.0.0.1:6443");
        assertThat(kubeconfig.getContexts().get(0).getContext().getNamespace()).isEqualTo("shop");
        Lease lease = new LeaseBuilder().withNewMetadata().withName("l").endMetadata()
                .withNewSpec().withHolderIdentity("bridge-a").withLeaseDurationSeconds(15).endSpec().build();
        String yaml = Serialization.asYaml(lease);
        assertThat(yaml).contains("holderIdentity: \"bridge-a\"");
        assertThat(Serialization.<Lease>unmarshal(yaml).getSpec().getHolderIdentity()).isEqualTo("bridge-a");
    }

    /** With Kubernetes the member id defaults to HOSTNAME, the pod name, which Camel matches against the pods. */
    @Test
    void should_default_the_member_id_to_the_pod_name_on_kubernetes() {
        String host = System.getenv("HOSTNAME");
        String k8s = ClusterConfiguration.defaultMemberId(ClusterServices.Kind.KUBERNETES);
        String file = ClusterConfiguration.defaultMemberId(ClusterServices.Kind.FILE);
        assertThat(file).endsWith("-" + ProcessHandle.current().pid());
        if (host != null && !host.isBlank()) {
            assertThat(k8s).isEqualTo(host);
        } else {
            assertThat(k8s).isEqualTo(file);
        }
    }

    /** A bridge with a bad cluster setting does not start, and says why. */
    @Test
    void should_not_start_a_bridge_with_an_unknown_cluster_service() {
        assertThatThrownBy(() -> {
            try (RunningBridge bridge = RunningBridge.start(Map.of("bridge.cluster.enabled", "true",
                    "bridge.cluster.service", "zookeeper"))) {
                bridge.context();
            }
        }).hasStackTraceContaining("bridge.cluster.service must be file or kubernetes, got 'zookeeper'");
    }

    /** The file service from good keys (the lease is interval x multiplier). */
    @Test
    void should_build_the_file_service_from_the_keys() {
        FileLockClusterService s = ClusterServices.file(cfg(Map.of("bridge.cluster.file.root", "/tmp/c",
                "bridge.cluster.file.acquire-lock-interval", "500ms",
                "bridge.cluster.file.heartbeat-timeout-multiplier", "4")), "m1");
        assertThat(s.getRoot()).isEqualTo("/tmp/c");
        assertThat(s.getAcquireLockIntervalUnit().toMillis(s.getAcquireLockInterval())).isEqualTo(500);
        assertThat(s.getHeartbeatTimeoutMultiplier()).isEqualTo(4);
    }

    private static ConfigValues timings(String lease, String renew, String retry) {
        return cfg(Map.of("bridge.cluster.kubernetes.lease-duration", lease,
                "bridge.cluster.kubernetes.renew-deadline", renew, "bridge.cluster.kubernetes.retry-period", retry));
    }

    private static ConfigValues cfg(Map<String, String> values) {
        return ShippedConfig.with(values);
    }
}
