package org.depositobridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.depositobridge.support.BridgeProcess;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridge processes with {@code bridge.cluster.service=kubernetes} against fabric8's Kubernetes mock API server in
 * CRUD mode (a real HTTP server speaking the Kubernetes API, objects in memory; no cluster runs here). The test plays
 * the kubelet: it creates each replica's Pod (named as its member id, with the cluster labels, Running and Ready) and
 * marks a Pod not Ready once its process has died, as the kubelet reports a dead container.
 *
 * <p>What camel-kubernetes 4.18 does (read from its sources, proven here): a Lease holder is valid while its Pod is
 * among the labelled Pods that are Running and Ready, whatever the Lease's renewTime says; a replica that takes over a
 * held Lease waits lease-duration before its routes start; a Lease with no holder is taken at once, which is what a
 * bridge stopping normally leaves behind ({@link LeaseReleasingClusterService}). The calls the bridges make are
 * recorded: the RBAC a deployment needs.
 */
class KubernetesLeaseFailoverTest {

    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration RENEW = Duration.ofSeconds(2);
    static final Duration RETRY = Duration.ofMillis(500);
    /** Camel polls every retry-period x a random factor in [1, 1.2). */
    static final Duration POLL = Duration.ofMillis(RETRY.toMillis() * 12 / 10);
    /** Two JVMs, a scrape and a mock API server on a busy 2-core machine. */
    static final Duration SLACK = Duration.ofMillis(2500);
    /** From the dead leader's Pod leaving the members: one poll, then the lease-duration wait of a new holder. */
    static final Duration TAKEOVER_BOUND = POLL.plus(LEASE).plus(SLACK);

    static final String NAMESPACE = "deposito";
    static final String LABEL = "app.kubernetes.io/name";
    static final String APP = "deposito-bridge";
    /** {@code <lease-name>-<group>}: bridge.cluster.kubernetes.lease-name and bridge.cluster.group defaults. */
    static final String LEASE_NAME = "deposito-bridge-deposito-bridge-writers";
    static final String TEST_AGENT = "kubelet-played-by-the-test";

    @TempDir
    Path temp;

    private KubernetesMockServer api;
    private KubernetesClient kube;

    @BeforeEach
    void startApiServer() {
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        api.init(InetAddress.getLoopbackAddress(), 0);
        // the test's own calls carry their own user agent, so the bridges' calls can be told apart
        kube = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(api.url("/"))
                .withNamespace(NAMESPACE).withUserAgent(TEST_AGENT).build()).build();
    }

    @AfterEach
    void stopApiServer() {
        kube.close();
        api.destroy();
    }

    /**
     * SIGKILL the Lease holder: once its Pod is not Ready the other replica holds the Lease and runs the writers,
     * lease-duration later; SIGTERM the new holder: a third replica takes over at its next poll.
     */
    @Test
    void should_move_the_lease_and_the_writers_when_the_leader_dies_and_hand_over_at_once_when_it_stops()
            throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(50, 2, 5)) {
            Path kubeconfig = writeKubeconfig();
            Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
            settings.put("bridge.cluster.enabled", "true");
            settings.put("bridge.cluster.service", "kubernetes");
            settings.put("bridge.cluster.kubernetes.lease-duration", LEASE.toMillis() + "ms");
            settings.put("bridge.cluster.kubernetes.renew-deadline", RENEW.toMillis() + "ms");
            settings.put("bridge.cluster.kubernetes.retry-period", RETRY.toMillis() + "ms");
            settings.put("reports.dir", temp.resolve("reports").toString());
            settings.put("reports.cron", "* * * * * ?");
            settings.put("reports.timezone", "UTC");
            settings.put("stock-updates.inbox", Files.createDirectories(temp.resolve("inbox")).toString());
            // bridge-a names the API server and namespace; the others find both in a kubeconfig, the way an
            // in-cluster pod finds them in its service account (the client's auto-configuration, YAML parsing included)
            Map<String, String> byUrl = new HashMap<>(settings);
            byUrl.put("bridge.cluster.kubernetes.master-url", api.url("/"));
            byUrl.put("bridge.cluster.kubernetes.namespace", NAMESPACE);
            Map<String, String> byKubeconfig = new HashMap<>(settings);
            byKubeconfig.put("kubeconfig", kubeconfig.toString());

            List<BridgeProcess> started = new ArrayList<>();
            try {
                BridgeProcess a = start("bridge-a", byUrl, started);
                awaitGauge(a, 1.0);
                assertThat(holder()).contains("bridge-a");
                BridgeProcess b = start("bridge-b", byKubeconfig, started);
                assertThat(b.metric("bridge_cluster_leader")).contains(0.0);
                await("a's writers ran").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !a.logLines("event=report_run").isEmpty());

                // SIGKILL: the Lease still names bridge-a and its renewTime goes stale, but camel-kubernetes judges a
                // holder by its Pod, which the API server still shows Running and Ready: nobody takes over yet
                Instant killed = a.kill();
                await("b stays a follower while a's Pod looks alive").during(LEASE.plus(POLL.multipliedBy(2)))
                        .atMost(LEASE.plus(POLL.multipliedBy(2)).plusSeconds(10)).pollInterval(Duration.ofMillis(250))
                        .until(() -> b.metric("bridge_cluster_leader").orElse(-1.0) == 0.0
                                && holder().equals(Optional.of("bridge-a")));
                assertThat(b.logLines("event=report_run")).isEmpty();

                Instant notReady = markNotReady("bridge-a");
                Instant gained = awaitGained(b);
                Duration takeover = Duration.between(notReady, gained);
                System.out.printf("kubernetes lease failover: takeover %d ms after the dead leader's Pod turned not "
                                + "Ready (%d ms after SIGKILL, %d ms of it waiting for the Pod); lease %d ms, retry %d ms,"
                                + " bound %d ms%n", takeover.toMillis(), Duration.between(killed, gained).toMillis(),
                        Duration.between(killed, notReady).toMillis(), LEASE.toMillis(), RETRY.toMillis(),
                        TAKEOVER_BOUND.toMillis());
                // a new holder of a held Lease waits lease-duration before its routes start (Camel's BECOMING_LEADER)
                assertThat(takeover).isGreaterThanOrEqualTo(LEASE.minusMillis(100)).isLessThanOrEqualTo(TAKEOVER_BOUND);
                assertThat(holder()).contains("bridge-b");
                assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
                assertThat(b.metric("bridge_cluster_leader")).contains(1.0);
                await("b's writers run").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !b.logLines("event=report_run").isEmpty());
                assertThat(b.logLines("event=report_run")).allSatisfy(
                        l -> assertThat(BridgeProcess.timestamp(l)).isAfterOrEqualTo(gained));

                // a normal stop (SIGTERM, as in a rolling update): bridge-c follows, then bridge-b stops
                BridgeProcess c = start("bridge-c", byKubeconfig, started);
                assertThat(c.metric("bridge_cluster_leader")).contains(0.0);
                Instant stopping = Instant.now();
                b.close();
                Instant exited = Instant.now();
                markNotReady("bridge-b");
                Instant gainedC = awaitGained(c);
                Duration handover = Duration.between(stopping, gainedC);
                System.out.printf("kubernetes lease graceful hand-over: %d ms after SIGTERM (the stop took %d ms); "
                        + "bound after the exit %d ms%n", handover.toMillis(), Duration.between(stopping, exited)
                        .toMillis(), POLL.plus(SLACK).toMillis());
                // b emptied the Lease on its way out: c took it at its next poll, with no lease-duration wait
                assertThat(b.logLines("event=lease_released")).hasSize(1);
                // ... after its writers had stopped: nothing of b's ran once c led
                assertThat(b.logLines("event=report_run")).isNotEmpty().allSatisfy(
                        l -> assertThat(BridgeProcess.timestamp(l)).isBefore(gainedC));
                assertThat(BridgeProcess.timestamp(b.logLines("event=lease_released").get(0)))
                        .isBeforeOrEqualTo(gainedC);
                assertThat(Duration.between(exited, gainedC)).isLessThanOrEqualTo(POLL.plus(SLACK));
                assertThat(holder()).contains("bridge-c");
                assertThat(c.metric("bridge_cluster_leader")).contains(1.0);
                await("c's writers run").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !c.logLines("event=report_run").isEmpty());

                // what the bridges asked of the API server: the RBAC a deployment must grant, and nothing more
                Set<String> calls = bridgeCalls();
                System.out.println("kubernetes lease API calls by the bridges: " + calls);
                assertThat(calls).containsExactlyInAnyOrder("leases get", "leases create", "leases update",
                        "pods list");
            } finally {
                for (BridgeProcess p : started) {
                    p.close();
                }
            }
        }
    }

    /** Creates the replica's Pod (Running, Ready, labelled), then starts the bridge with that member id. */
    private BridgeProcess start(String name, Map<String, String> settings, List<BridgeProcess> started)
            throws Exception {
        kube.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels(LABEL, APP).endMetadata()
                .withNewSpec().addNewContainer().withName("bridge").withImage("deposito-bridge:test").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build()).create();
        Map<String, String> own = new HashMap<>(settings);
        own.put("bridge.cluster.member-id", name);
        BridgeProcess p = BridgeProcess.start(name, own, temp);
        started.add(p);
        p.awaitReady(Duration.ofSeconds(90));
        return p;
    }

    /** What the kubelet reports once a Pod's only container has exited. */
    private Instant markNotReady(String pod) {
        Pod current = kube.pods().inNamespace(NAMESPACE).withName(pod).get();
        kube.pods().inNamespace(NAMESPACE).resource(new PodBuilder(current).editStatus()
                .withConditions(List.of()).addNewCondition().withType("Ready").withStatus("False").endCondition()
                .endStatus().build()).updateStatus();
        return Instant.now();
    }

    private Lease lease() {
        return kube.leases().inNamespace(NAMESPACE).withName(LEASE_NAME).get();
    }

    private Optional<String> holder() {
        Lease lease = lease();
        return lease == null || lease.getSpec() == null ? Optional.empty()
                : Optional.ofNullable(lease.getSpec().getHolderIdentity());
    }

    /**
     * Every request the bridges made, as RBAC resource and verb ({@code leases get}, {@code pods list}); anything else
     * as method and path, so a new kind of call shows up here.
     */
    private Set<String> bridgeCalls() throws InterruptedException {
        String ns = "/namespaces/" + NAMESPACE + "/";
        Set<String> calls = new TreeSet<>();
        for (RecordedRequest r = api.takeRequest(1, TimeUnit.SECONDS); r != null;
                r = api.takeRequest(100, TimeUnit.MILLISECONDS)) {
            if (TEST_AGENT.equals(r.getHeader("User-Agent"))) {
                continue;
            }
            String path = r.getPath();
            String method = r.getMethod();
            if (path.startsWith("/apis/coordination.k8s.io/v1" + ns + "leases")) {
                boolean named = path.startsWith("/apis/coordination.k8s.io/v1" + ns + "leases/" + LEASE_NAME);
                calls.add("leases " + verb(method, named, path));
            } else if (path.startsWith("/api/v1" + ns + "pods")) {
                boolean named = path.startsWith("/api/v1" + ns + "pods/");
                calls.add("pods " + verb(method, named, path));
            } else {
                calls.add(method + " " + path);
            }
        }
        return calls;
    }

    private static String verb(String method, boolean named, String path) {
        if (path.contains("watch=true")) {
            return "watch";
        }
        return switch (method) {
            case "GET" -> named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method + " " + path;
        };
    }

    private Path writeKubeconfig() throws Exception {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    namespace: %s
                    user: bridge
                current-context: mock
                users:
                - name: bridge
                  user:
                    token: not-checked-by-the-mock
                """.formatted(api.url("/"), NAMESPACE);
        return Files.writeString(temp.resolve("kubeconfig"), yaml);
    }

    private static void awaitGauge(BridgeProcess p, double value) {
        await(p.name() + " leader=" + value).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> p.metric("bridge_cluster_leader").orElse(-1.0) == value);
    }

    private static Instant awaitGained(BridgeProcess p) throws Exception {
        await(p.name() + " leads").atMost(TAKEOVER_BOUND.plusSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> !p.logLines("event=leadership_gained").isEmpty());
        return BridgeProcess.timestamp(p.logLines("event=leadership_gained").get(0));
    }
}
