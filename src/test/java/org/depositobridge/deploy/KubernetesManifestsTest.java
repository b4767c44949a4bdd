package org.depositobridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.awaitility.Awaitility;
import org.depositobridge.cluster.LeaderState;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files under {@code deploy/kubernetes}, checked as far as a machine without a cluster can: each parsed with
 * the fabric8 model with unknown fields failing, then the cross-references a typo would break at deploy time.
 */
class KubernetesManifestsTest {

    /**
     * Memory measured by {@code bench/k8s-sizing.sh} in a 1 GiB memory cgroup with the Deployment's JAVA_TOOL_OPTIONS
     * (docs/benchmarks.md, "Kubernetes sizing"): peak RSS with 100,000 products and 2,000,000 movements, and the
     * live heap (after a full GC) of that data set.
     */
    static final long MEASURED_PEAK_RSS_MIB = 1133;
    static final long MEASURED_LIVE_HEAP_MIB = 345;

    private static final String WORKDIR = "/opt/deposito-bridge";

    private static Manifests m;
    private static Properties props;

    @BeforeAll
    static void load() throws IOException {
        m = Manifests.load();
        props = m.bridgeProperties();
    }

    /** Every manifest parses as its Kubernetes type with no field the schema does not know. */
    @Test
    void should_parse_every_manifest_as_its_kubernetes_type_with_no_unknown_field() {
        // load() parsed them strictly; here: each one is what its file name says, with a name
        assertThat(m.deployment.getMetadata().getName()).isEqualTo("deposito-bridge");
        assertThat(m.service.getMetadata().getName()).isEqualTo("deposito-bridge");
        assertThat(m.serviceAccount.getMetadata().getName()).isEqualTo("deposito-bridge");
        assertThat(m.role.getMetadata().getName()).isNotBlank();
        assertThat(m.roleBinding.getMetadata().getName()).isNotBlank();
        assertThat(m.pdb.getMetadata().getName()).isNotBlank();
        assertThat(m.pvc.getMetadata().getName()).isNotBlank();
        assertThat(m.configMap.getMetadata().getName()).isNotBlank();
        assertThat(m.networkPolicy.getMetadata().getName()).isNotBlank();
        for (Object o : List.of(m.deployment, m.service, m.serviceAccount, m.role, m.roleBinding, m.pdb, m.pvc,
                m.configMap, m.networkPolicy)) {
            assertThat(StrictManifests.unknownFields(o)).as(o.getClass().getSimpleName()).isEmpty();
        }
    }

    /**
     * The management port (health details, metrics) is reachable from the monitoring namespace only; the API port from
     * the cluster; both rules select the bridge's pods and name the container's ports.
     */
    @Test
    void should_open_the_management_port_to_monitoring_only() {
        var spec = m.networkPolicy.getSpec();
        assertThat(spec.getPodSelector().getMatchLabels()).isEqualTo(m.podLabels());
        assertThat(spec.getPolicyTypes()).containsExactly("Ingress");
        // per port, every source any rule admits; a rule without ports would open every port, one without from
        // admits any source (an empty map here)
        Map<String, List<Map<String, String>>> sourcesByPort = new HashMap<>();
        for (var rule : spec.getIngress()) {
            assertThat(rule.getPorts()).as("a rule without ports opens every port").isNotEmpty();
            List<Map<String, String>> from = rule.getFrom() == null || rule.getFrom().isEmpty() ? List.of(Map.of())
                    : rule.getFrom().stream().map(f -> {
                        assertThat(f.getIpBlock()).as("no ipBlock sources").isNull();
                        assertThat(f.getPodSelector()).as("no pod-selector sources").isNull();
                        return f.getNamespaceSelector() == null ? Map.<String, String>of()
                                : f.getNamespaceSelector().getMatchLabels();
                    }).toList();
            for (var port : rule.getPorts()) {
                String name = port.getPort().getStrVal();
                assertThat(m.bridge().getPorts()).extracting(p -> p.getName()).contains(name);
                sourcesByPort.computeIfAbsent(name, k -> new ArrayList<>()).addAll(from);
            }
        }
        assertThat(sourcesByPort.get("http")).as("the API: any source").containsExactly(Map.of());
        assertThat(sourcesByPort.get("management")).containsExactly(
                Map.of("kubernetes.io/metadata.name", "monitoring"));
    }

    /** A misspelt field, at the top of a spec or deep inside a container, fails the parse and is named. */
    @Test
    void should_reject_a_manifest_with_a_misspelt_field() {
        String topLevel = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: c, image: i}]
                """;
        assertThatThrownBy(() -> StrictManifests.parse(topLevel, Deployment.class))
                .hasMessageContaining("spec.replica");
        String nested = topLevel.replace("replica: 2", "replicas: 2")
                .replace("[{name: c, image: i}]", "[{name: c, image: i, ports: [{contianerPort: 8080}]}]");
        assertThatThrownBy(() -> StrictManifests.parse(nested, Deployment.class))
                .hasMessageContaining("spec.template.spec.containers[0].ports[0].contianerPort");
        String wrongKind = topLevel.replace("kind: Deployment", "kind: StatefulSet").replace("replica:", "replicas:");
        assertThatThrownBy(() -> StrictManifests.parse(wrongKind, Deployment.class)).hasMessageContaining("StatefulSet");
        // and the correct spelling passes
        assertThat(StrictManifests.parse(topLevel.replace("replica: 2", "replicas: 2"), Deployment.class)
                .getSpec().getReplicas()).isEqualTo(2);
    }

    /** kustomization.yaml lists exactly the manifests in the folder, and each of them exists. */
    @Test
    void should_list_exactly_the_manifests_of_the_folder_in_the_kustomization() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(Manifests.DIR)) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(new TreeSet<>(m.resources())).isEqualTo(onDisk);
        // kustomize's own fields only (it would reject others, but nothing here runs kustomize)
        assertThat(m.kustomization.keySet()).allMatch(Set.of("apiVersion", "kind", "namespace", "resources",
                "secretGenerator", "configMapGenerator", "images", "labels", "generatorOptions")::contains);
        for (Map<String, Object> g : m.secretGenerators()) {
            assertThat(g.keySet()).allMatch(Set.of("name", "files", "options", "type")::contains);
        }
        assertThat(m.resources()).doesNotHaveDuplicates();
        assertThat(m.kustomization).containsEntry("kind", "Kustomization");
    }

    /** The Deployment, Service, PDB, anti-affinity, ServiceMonitor and leader-election labels all select the pods. */
    @Test
    @SuppressWarnings("unchecked")
    void should_select_the_pods_the_deployment_labels_everywhere() {
        Map<String, String> pod = m.podLabels();
        assertThat(m.deployment.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(pod).containsAllEntriesOf(m.deployment.getSpec().getSelector().getMatchLabels());
        assertThat(pod).containsAllEntriesOf(m.service.getSpec().getSelector());
        assertThat(pod).containsAllEntriesOf(m.pdb.getSpec().getSelector().getMatchLabels());
        for (WeightedPodAffinityTerm t : m.deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution()) {
            assertThat(pod).containsAllEntriesOf(t.getPodAffinityTerm().getLabelSelector().getMatchLabels());
        }
        Map<String, Object> spec = (Map<String, Object>) m.serviceMonitor.get("spec");
        Map<String, String> monitorSelector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
                .get("matchLabels");
        assertThat(m.service.getMetadata().getLabels()).containsAllEntriesOf(monitorSelector);
        Map<String, String> members = labels(props.getProperty("bridge.cluster.kubernetes.labels"));
        assertThat(members).isNotEmpty();
        assertThat(pod).containsAllEntriesOf(members);
    }

    /** Service ports name container ports; probes and the ServiceMonitor use the management port by name. */
    @Test
    @SuppressWarnings("unchecked")
    void should_route_service_ports_and_probes_to_named_container_ports() {
        Map<String, Integer> containerPorts = containerPorts();
        for (ServicePort p : m.service.getSpec().getPorts()) {
            assertThat(p.getTargetPort().getStrVal()).as("targetPort of " + p.getName() + " is a port name")
                    .isNotNull();
            assertThat(containerPorts).containsKey(p.getTargetPort().getStrVal());
            assertThat(p.getPort()).isEqualTo(containerPorts.get(p.getTargetPort().getStrVal()));
        }
        Container c = m.bridge();
        assertProbe(c.getStartupProbe(), "/observe/health/live");
        assertProbe(c.getLivenessProbe(), "/observe/health/live");
        assertProbe(c.getReadinessProbe(), "/observe/health/ready");
        Map<String, Object> endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) m.serviceMonitor.get("spec"))
                .get("endpoints")).get(0);
        Set<String> servicePortNames = m.service.getSpec().getPorts().stream().map(ServicePort::getName)
                .collect(Collectors.toSet());
        assertThat(endpoint.get("port")).isEqualTo("management").isIn(servicePortNames);
        assertThat(endpoint.get("path")).isEqualTo("/observe/metrics");
    }

    /** The ports and hosts the bridge is configured with are the ones the container declares and probes reach. */
    @Test
    void should_configure_the_ports_the_container_exposes_on_every_interface() {
        Map<String, Integer> ports = containerPorts();
        assertThat(ports).containsOnlyKeys("http", "management");
        assertThat(Integer.parseInt(props.getProperty("camel.server.port"))).isEqualTo(ports.get("http"));
        assertThat(Integer.parseInt(props.getProperty("camel.management.port"))).isEqualTo(ports.get("management"));
        assertThat(props.getProperty("camel.server.host")).isEqualTo("0.0.0.0");
        assertThat(props.getProperty("camel.management.host")).isEqualTo("0.0.0.0");
        // the console is reached with kubectl port-forward only: loopback, and no container port
        assertThat(props.getProperty("hawtio.host")).isEqualTo("127.0.0.1");
        assertThat(ports.values()).doesNotContain(Integer.parseInt(props.getProperty("hawtio.port")));
        // Camel ignores camel.* environment variables ending in _PORT (they look like service links), and service
        // links would put <SERVICE>_* variables of the namespace into the bridge's environment: off
        assertThat(m.deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
        assertThat(m.bridge().getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("CAMEL_MAIN_PROFILE");
            assertThat(e.getValue()).isEqualTo("prod");
        });
        // the ConfigMap is the working directory's prod profile file
        VolumeMount config = mount("config");
        assertThat(config.getMountPath()).isEqualTo(WORKDIR + "/config/application-prod.properties");
        assertThat(config.getSubPath()).isEqualTo("application-prod.properties");
        assertThat(m.configMap.getData()).containsOnlyKeys("application-prod.properties");
        assertThat(volume("config").getConfigMap().getName()).isEqualTo(m.configMap.getMetadata().getName());
    }

    /** The Role grants exactly what Camel's KubernetesClusterService calls: one Lease by name, create, list pods. */
    @Test
    void should_grant_only_what_the_kubernetes_cluster_service_uses() {
        String lease = props.getProperty("bridge.cluster.kubernetes.lease-name") + "-"
                + props.getProperty("bridge.cluster.group");
        assertThat(lease).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253);
        Set<String> grants = new TreeSet<>();
        for (PolicyRule r : m.role.getRules()) {
            assertThat(r.getNonResourceURLs()).isNullOrEmpty();
            for (String group : r.getApiGroups()) {
                for (String resource : r.getResources()) {
                    for (String verb : r.getVerbs()) {
                        List<String> names = r.getResourceNames() == null ? List.of() : r.getResourceNames();
                        grants.add(group + "/" + resource + ":" + verb + names);
                    }
                }
            }
        }
        assertThat(grants).containsExactlyInAnyOrder(
                "coordination.k8s.io/leases:create[]",
                "coordination.k8s.io/leases:get[" + lease + "]",
                "coordination.k8s.io/leases:update[" + lease + "]",
                "/pods:list[]");
        assertThat(grants).noneMatch(g -> g.contains("*"));
        // bound to the account the pods run as, in the namespace everything goes to
        assertThat(m.roleBinding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(m.roleBinding.getRoleRef().getName()).isEqualTo(m.role.getMetadata().getName());
        Subject subject = m.roleBinding.getSubjects().get(0);
        assertThat(m.roleBinding.getSubjects()).hasSize(1);
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo(m.serviceAccount.getMetadata().getName())
                .isEqualTo(m.deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertThat(subject.getNamespace()).isEqualTo(m.kustomization.get("namespace"));
        // the Lease lives in the pod's own namespace (where the Role is), unless configured to that same one
        String ns = props.getProperty("bridge.cluster.kubernetes.namespace", "");
        assertThat(ns.isBlank() || ns.equals(m.kustomization.get("namespace"))).as("lease namespace " + ns).isTrue();
        assertThat(props.getProperty("bridge.cluster.enabled")).isEqualTo("true");
        assertThat(props.getProperty("bridge.cluster.service")).isEqualTo("kubernetes");
        assertThat(m.deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isNotEqualTo(false);
    }

    /** The member id is the pod name: Camel only lets a pod whose name is among the ready members take the Lease. */
    @Test
    void should_set_the_leader_election_member_id_to_the_pod_name() {
        EnvVar member = env("BRIDGE_CLUSTER_MEMBER_ID");
        assertThat(member.getValue()).isNull();
        assertThat(member.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(props.getProperty("bridge.cluster.member-id")).isNull();
    }

    /** Two replicas or more, a rolling update that keeps them all ready, a PDB that keeps one, spread over nodes. */
    @Test
    void should_keep_a_ready_replica_through_updates_and_disruptions() {
        int replicas = m.deployment.getSpec().getReplicas();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(m.pdb.getSpec().getMaxUnavailable()).isNull();
        int minAvailable = m.pdb.getSpec().getMinAvailable().getIntVal();
        assertThat(minAvailable).isGreaterThanOrEqualTo(1).isLessThan(replicas);
        assertThat(m.deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        RollingUpdateDeployment ru = m.deployment.getSpec().getStrategy().getRollingUpdate();
        assertThat(ru.getMaxUnavailable().getIntVal()).isZero();
        assertThat(ru.getMaxSurge().getIntVal()).isGreaterThanOrEqualTo(1);
        List<WeightedPodAffinityTerm> spread = m.deployment.getSpec().getTemplate().getSpec().getAffinity()
                .getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        assertThat(spread).anySatisfy(t -> assertThat(t.getPodAffinityTerm().getTopologyKey())
                .isEqualTo("kubernetes.io/hostname"));
        // graceful shutdown fits in the grace period
        long grace = m.deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).isGreaterThan(45 + 5);
    }

    /** Requests fit the limits; the memory limit holds the measured peak RSS, and its heap twice the live data. */
    @Test
    void should_size_resources_from_the_measured_memory() throws IOException {
        Map<String, Quantity> req = m.bridge().getResources().getRequests();
        Map<String, Quantity> lim = m.bridge().getResources().getLimits();
        assertThat(req).containsKeys("cpu", "memory");
        assertThat(lim).containsKeys("cpu", "memory");
        for (String r : List.of("cpu", "memory")) {
            assertThat(req.get(r).getNumericalAmount()).as(r).isLessThanOrEqualTo(lim.get(r).getNumericalAmount());
        }
        long limitMib = lim.get("memory").getNumericalAmount().longValue() / (1024 * 1024);
        // 20 % above the peak for what the cgroup also counts (page cache, which the kernel reclaims first) and for
        // native bursts the measurement did not see
        assertThat(limitMib).isGreaterThanOrEqualTo(MEASURED_PEAK_RSS_MIB * 12 / 10);
        Matcher pct = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(\\.\\d+)?)").matcher(env("JAVA_TOOL_OPTIONS").getValue());
        assertThat(pct.find()).as("MaxRAMPercentage in JAVA_TOOL_OPTIONS").isTrue();
        double maxHeapMib = limitMib * Double.parseDouble(pct.group(1)) / 100;
        assertThat(maxHeapMib).as("max heap vs live data").isGreaterThanOrEqualTo(2.0 * MEASURED_LIVE_HEAP_MIB);
        // memory request = limit: a JVM's heap does not shrink back, so it must never run on memory it may lose
        assertThat(req.get("memory")).isEqualTo(lim.get("memory"));
        String sizing = Files.readString(Path.of("docs/benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(sizing).contains("## Kubernetes sizing")
                .contains(MEASURED_PEAK_RSS_MIB + " MB").contains(MEASURED_LIVE_HEAP_MIB + " MB");
    }

    /** Non-root, read-only root filesystem; everything the bridge writes is on a writable volume. */
    @Test
    void should_run_as_non_root_and_write_only_to_volumes() {
        PodSpec pod = m.deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        Container c = m.bridge();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        List<String> written = new ArrayList<>(List.of(props.getProperty("bridge.data-dir"),
                props.getProperty("reports.dir"), props.getProperty("stock-updates.inbox"),
                props.getProperty("stock-updates.journal-dir")));
        Matcher tmp = Pattern.compile("-Djava.io.tmpdir=(\\S+)").matcher(env("JAVA_TOOL_OPTIONS").getValue());
        written.add(tmp.find() ? tmp.group(1) : "/tmp");
        for (String path : written) {
            VolumeMount mnt = mountOf(path);
            assertThat(mnt).as("a writable volume for " + path).isNotNull();
            assertThat(mnt.getReadOnly()).as(path).isNotEqualTo(true);
            Volume v = volume(mnt.getName());
            assertThat(v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null).as(path).isTrue();
        }
        // shared by every replica: the RWX claim
        for (String key : List.of("reports.dir", "stock-updates.inbox", "stock-updates.journal-dir")) {
            Volume v = volume(mountOf(props.getProperty(key)).getName());
            assertThat(v.getPersistentVolumeClaim().getClaimName()).as(key).isEqualTo(m.pvc.getMetadata().getName());
        }
        assertThat(m.pvc.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        // per pod: its own state
        assertThat(volume(mountOf(props.getProperty("bridge.data-dir")).getName()).getEmptyDir()).isNotNull();
        // config and secrets are mounted read-only, never baked into the image
        assertThat(mount("config").getReadOnly()).isTrue();
        assertThat(mount("secrets").getReadOnly()).isTrue();
        // secret files: read by owner and the bridge's group (fsGroup) only; 0440 is octal in YAML 1.1, as here
        assertThat(volume("secrets").getSecret().getDefaultMode()).isEqualTo(0440);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(pod.getSecurityContext().getRunAsGroup());
    }

    /** Every secret file the bridge reads is a key of the generated Secret, mounted where the properties say. */
    @Test
    @SuppressWarnings("unchecked")
    void should_read_every_secret_from_the_mounted_secret() {
        Map<String, Object> generator = m.secretGenerators().stream()
                .filter(g -> g.get("name").equals(volume("secrets").getSecret().getSecretName())).findFirst()
                .orElseThrow();
        Set<String> keys = ((List<String>) generator.get("files")).stream().map(f -> f.substring(0, f.indexOf('=')))
                .collect(Collectors.toSet());
        String dir = mount("secrets").getMountPath() + "/";
        for (String key : List.of("hawtio.users-file", "management.credentials-file", "deposito.jwt-secret-file")) {
            String path = props.getProperty(key);
            assertThat(path).as(key).startsWith(dir);
            assertThat(keys).as(key).contains(path.substring(dir.length()));
        }
        EnvVar apiKeys = env("DASHBOARD_API_KEYS");
        assertThat(apiKeys.getValueFrom().getSecretKeyRef().getName()).isEqualTo(generator.get("name"));
        assertThat(keys).contains(apiKeys.getValueFrom().getSecretKeyRef().getKey());
    }

    /** No secret value is in the repository: no Secret manifest, generators read git-ignored files only. */
    @Test
    @SuppressWarnings("unchecked")
    void should_keep_secret_values_out_of_the_repository() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.ya?ml$")).toList()) {
                assertThat(SecretLeaks.find(Files.readString(f, StandardCharsets.UTF_8))).as(f.toString()).isEmpty();
            }
        }
        assertThat(m.kustomization).doesNotContainKeys("configMapGenerator", "patches", "patchesStrategicMerge");
        List<String> gitignore = Files.readAllLines(Manifests.DIR.resolve("secrets/.gitignore"));
        assertThat(gitignore).contains("*");
        for (Map<String, Object> g : m.secretGenerators()) {
            assertThat(g).as("generator " + g.get("name")).doesNotContainKeys("literals", "envs");
            for (String file : (List<String>) g.get("files")) {
                String source = file.substring(file.indexOf('=') + 1);
                assertThat(source).as("source of " + file).startsWith("secrets/").doesNotContain("..");
                assertThat(gitignore).as("not un-ignored: " + source)
                        .doesNotContain("!" + source.substring("secrets/".length()));
            }
        }
    }

    /** The leak check itself finds a Secret with data, a literal secret env value and a secret property. */
    @Test
    void should_flag_secret_values_written_into_a_manifest() throws IOException {
        assertThat(SecretLeaks.find("""
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                stringData: {deposito-jwt-secret: abcdefabcdefabcdefabcdefabcdefabcdef}
                ---
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          env:
                            - {name: DEPOSITO_JWT_SECRET, value: abcdefabcdefabcdefabcdefabcdefabcdef}
                            - {name: CAMEL_MAIN_PROFILE, value: prod}
                ---
                apiVersion: v1
                kind: ConfigMap
                data:
                  application-prod.properties: |
                    dashboard.api-keys = k1,k2
                    deposito.jwt-secret-file = /etc/x
                """)).containsExactlyInAnyOrder("Secret with literal data",
                "env DEPOSITO_JWT_SECRET with a literal value", "ConfigMap property dashboard.api-keys");
    }

    /** Every key of the ConfigMap's properties is one the bundle documents, so a misspelt key fails here. */
    @Test
    void should_only_use_configuration_keys_the_bundle_knows() throws IOException {
        Set<String> known = documentedKeys();
        assertThat(props.stringPropertyNames()).isNotEmpty().allSatisfy(k -> assertThat(known).as(k).contains(k));
        // the check catches a typo
        assertThat(known).doesNotContain("bridge.cluster.enbled");
    }

    /** The ServiceMonitor scrapes metrics with basic auth from the un-hashed metrics Secret. */
    @Test
    @SuppressWarnings("unchecked")
    void should_scrape_metrics_with_basic_auth_from_a_secret() {
        assertThat(m.serviceMonitor).containsEntry("apiVersion", "monitoring.coreos.com/v1")
                .containsEntry("kind", "ServiceMonitor");
        assertThat(m.serviceMonitor).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
        assertThat((Map<String, Object>) m.serviceMonitor.get("metadata")).containsKey("name");
        Map<String, Object> spec = (Map<String, Object>) m.serviceMonitor.get("spec");
        assertThat(spec).containsOnlyKeys("selector", "endpoints");
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
        assertThat(endpoints).hasSize(1);
        // fields of the monitoring.coreos.com/v1 Endpoint schema (a misspelt one would be dropped by the API server)
        assertThat(endpoints.get(0).keySet()).allMatch(Set.of("port", "path", "scheme", "interval", "scrapeTimeout",
                "basicAuth", "honorLabels", "relabelings", "metricRelabelings")::contains);
        Map<String, Object> basic = (Map<String, Object>) endpoints.get(0).get("basicAuth");
        Map<String, Object> metricsSecret = m.secretGenerators().stream()
                .filter(g -> ((Map<String, Object>) g.getOrDefault("options", Map.of()))
                        .getOrDefault("disableNameSuffixHash", false).equals(true))
                .findFirst().orElseThrow();
        Set<String> keys = ((List<String>) metricsSecret.get("files")).stream()
                .map(f -> f.substring(0, f.indexOf('='))).collect(Collectors.toSet());
        for (String part : List.of("username", "password")) {
            Map<String, Object> ref = (Map<String, Object>) basic.get(part);
            assertThat(ref).containsEntry("name", metricsSecret.get("name"));
            assertThat(keys).contains((String) ref.get("key"));
        }
        // prometheus.io annotations would be scraped without these credentials (401): none are set
        assertThat(m.deployment.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    }

    /**
     * The ConfigMap's properties start a real bridge that becomes ready and leads: every mount path swapped for a
     * temporary folder, the deposito for a simulator, hosts kept on loopback, free ports, and the file cluster
     * service (no API server here) with the same group.
     */
    @Test
    void should_start_a_ready_leading_bridge_from_the_configmap_properties(@TempDir Path tmp) throws Exception {
        try (SimulatedDeposito deposito = SimulatedDeposito.start(60, 5, 20)) {
            Map<String, String> mounts = new LinkedHashMap<>();
            for (VolumeMount mnt : m.bridge().getVolumeMounts()) {
                if (mnt.getSubPath() == null) {
                    mounts.put(mnt.getMountPath(), tmp.resolve(mnt.getName()).toString());
                }
            }
            Path secrets = Path.of(mounts.get(mount("secrets").getMountPath()));
            Files.createDirectories(secrets);
            Files.writeString(secrets.resolve("deposito-jwt-secret"), deposito.simulator().jwtSecret());
            String password = "metrics-" + java.util.UUID.randomUUID();
            Files.writeString(secrets.resolve("management-users.properties"),
                    "user.metrics = " + password + ",metrics\n");
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String key : props.stringPropertyNames()) {
                String value = props.getProperty(key);
                // one rewrite per value: the temporary folder itself lives under /tmp, another mount
                for (Map.Entry<String, String> e : mounts.entrySet()) {
                    if (value.equals(e.getKey()) || value.startsWith(e.getKey() + "/")) {
                        value = e.getValue() + value.substring(e.getKey().length());
                        break;
                    }
                }
                overrides.put(key, value);
            }
            // what only a cluster has
            overrides.remove("camel.server.port");
            overrides.remove("camel.management.port");
            overrides.put("camel.server.host", "127.0.0.1");
            overrides.put("camel.management.host", "127.0.0.1");
            overrides.put("hawtio.port", "0");
            overrides.put("deposito.url", deposito.simulator().baseUrl());
            overrides.put("bridge.cluster.service", "file");
            overrides.put("bridge.cluster.file.root", tmp.resolve("cluster").toString());
            overrides.put("bridge.cluster.member-id", "deposito-bridge-5d8f7c9b4-x2x7q");
            try (RunningBridge bridge = RunningBridge.start(overrides)) {
                bridge.awaitReady();
                // the probes' paths answer without credentials, the metrics only with the Secret's
                assertThat(bridge.getManagement("/observe/health/live").statusCode()).isEqualTo(200);
                assertThat(bridge.getManagement("/observe/metrics").statusCode()).isEqualTo(401);
                String basic = "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("metrics:" + password).getBytes(StandardCharsets.UTF_8));
                assertThat(bridge.getManagement("/observe/metrics", "Authorization", basic).statusCode()).isEqualTo(200);
                LeaderState leadership = bridge.context().getRegistry().lookupByNameAndType("leadership",
                        LeaderState.class);
                Awaitility.await("leadership").atMost(Duration.ofSeconds(20)).until(leadership::isLeader);
                assertThat(leadership.group()).isEqualTo(props.getProperty("bridge.cluster.group"));
                // the leader's stock consumer watches the inbox on the shared volume
                Path inbox = Path.of(overrides.get("stock-updates.inbox"));
                assertThat(inbox.toString()).startsWith(tmp.resolve("shared").toString());
                Awaitility.await("inbox on the shared volume").atMost(Duration.ofSeconds(20))
                        .until(() -> Files.isDirectory(inbox));
                // the second replica: ready and live while it follows (its leader-only routes stopped), so it stays
                // in the Service and in the election
                Map<String, String> second = new LinkedHashMap<>(overrides);
                second.put("bridge.cluster.member-id", "deposito-bridge-5d8f7c9b4-q9zt4");
                second.put("bridge.data-dir", tmp.resolve("data-2").toString());
                try (RunningBridge follower = RunningBridge.start(second)) {
                    follower.awaitReady();
                    assertThat(follower.getManagement("/observe/health/live").statusCode()).isEqualTo(200);
                    assertThat(follower.context().getRegistry().lookupByNameAndType("leadership", LeaderState.class)
                            .isLeader()).isFalse();
                    assertThat(leadership.isLeader()).isTrue();
                }
            }
        }
    }

    /**
     * With the ConfigMap's settings and a deposito that never answered, the liveness probe's path stays 200 while
     * readiness is 503: a pod that never synced stays out of the Service (and out of the election) but is never
     * restarted for it. A pod that has synced stays ready through a later outage (its data is served, marked stale).
     */
    @Test
    void should_stay_live_but_not_ready_while_the_deposito_is_unreachable(@TempDir Path tmp) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("deposito.") || k.startsWith("camel.health"))
                .forEach(k -> overrides.put(k, props.getProperty(k)));
        Path secret = tmp.resolve("deposito-jwt-secret");
        Files.writeString(secret, "k8s-test-secret-0123456789abcdef0123456789abcdef");
        overrides.put("deposito.jwt-secret-file", secret.toString());
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        overrides.put("deposito.url", "http://127.0.0.1:" + closed);
        overrides.put("reports.dir", tmp.resolve("reports").toString());
        overrides.put("stock-updates.inbox", tmp.resolve("inbox").toString());
        try (RunningBridge bridge = RunningBridge.start(overrides)) {
            Awaitility.await("live and not ready").atMost(Duration.ofSeconds(15)).during(Duration.ofSeconds(4))
                    .until(() -> bridge.getManagement("/observe/health/live").statusCode() == 200
                            && bridge.getManagement("/observe/health/ready").statusCode() == 503);
        }
    }

    /** The image's working directory, user, files and ports are the ones the Deployment mounts into and runs as. */
    @Test
    void should_build_the_image_the_deployment_expects() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("deploy/container/Dockerfile")).stream()
                .map(String::trim).filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).anyMatch(l -> l.matches("FROM eclipse-temurin:17-jre.*"));
        assertThat(lines).contains("WORKDIR " + WORKDIR);
        assertThat(lines).contains("COPY target/deposito-bridge.jar target/hawtio.war ./", "COPY routes/ routes/",
                "COPY config/ config/");
        PodSpec pod = m.deployment.getSpec().getTemplate().getSpec();
        assertThat(lines).contains("USER " + pod.getSecurityContext().getRunAsUser() + ":"
                + pod.getSecurityContext().getRunAsGroup());
        Set<Integer> exposed = lines.stream().filter(l -> l.startsWith("EXPOSE ")).flatMap(l -> Stream.of(
                l.substring("EXPOSE ".length()).split("\\s+"))).map(Integer::valueOf).collect(Collectors.toSet());
        assertThat(exposed).isEqualTo(new HashSet<>(containerPorts().values()));
        assertThat(m.bridge().getCommand()).as("the image's entrypoint runs").isNullOrEmpty();
        assertThat(Files.isRegularFile(Path.of("routes/dashboard-api.camel.yaml"))).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    /** Keys of config/application.properties, set or shown commented out ({@code #key = ...}). */
    static Set<String> documentedKeys() throws IOException {
        Pattern key = Pattern.compile("^#?\\s*([a-z][A-Za-z0-9.-]*[A-Za-z0-9])\\s*=.*");
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher mm = key.matcher(line.trim());
            if (mm.matches() && mm.group(1).contains(".")) {
                keys.add(mm.group(1));
            }
        }
        return keys;
    }

    private static Map<String, String> labels(String spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String e : spec.split(",")) {
            if (!e.isBlank()) {
                labels.put(e.substring(0, e.indexOf('=')).trim(), e.substring(e.indexOf('=') + 1).trim());
            }
        }
        return labels;
    }

    private static Map<String, Integer> containerPorts() {
        return m.bridge().getPorts().stream().collect(Collectors.toMap(ContainerPort::getName,
                ContainerPort::getContainerPort));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(probe.getHttpGet().getScheme()).isIn(null, "HTTP");
    }

    private static EnvVar env(String name) {
        return m.bridge().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static VolumeMount mount(String volume) {
        return m.bridge().getVolumeMounts().stream().filter(v -> v.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of volume " + volume));
    }

    private static Volume volume(String name) {
        return m.deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** The mount a path lives under (the longest matching mount path), or null. */
    private static VolumeMount mountOf(String path) {
        return m.bridge().getVolumeMounts().stream()
                .filter(v -> path.equals(v.getMountPath()) || path.startsWith(v.getMountPath() + "/"))
                .max((a, b) -> Integer.compare(a.getMountPath().length(), b.getMountPath().length()))
                .orElse(null);
    }
}
