package org.depositobridge.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/** The files of {@code deploy/kubernetes}, each parsed strictly into its model class. */
final class Manifests {

    static final Path DIR = Path.of("deploy/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final Map<String, Object> kustomization;
    final Deployment deployment;
    final Service service;
    final ServiceAccount serviceAccount;
    final Role role;
    final RoleBinding roleBinding;
    final PodDisruptionBudget pdb;
    final PersistentVolumeClaim pvc;
    final NetworkPolicy networkPolicy;
    final ConfigMap configMap;
    final Map<String, Object> serviceMonitor;

    private Manifests() throws IOException {
        kustomization = map(DIR.resolve("kustomization.yaml"));
        deployment = StrictManifests.parse(read("deployment.yaml"), Deployment.class);
        service = StrictManifests.parse(read("service.yaml"), Service.class);
        serviceAccount = StrictManifests.parse(read("serviceaccount.yaml"), ServiceAccount.class);
        role = StrictManifests.parse(read("role.yaml"), Role.class);
        roleBinding = StrictManifests.parse(read("rolebinding.yaml"), RoleBinding.class);
        pdb = StrictManifests.parse(read("pdb.yaml"), PodDisruptionBudget.class);
        pvc = StrictManifests.parse(read("pvc.yaml"), PersistentVolumeClaim.class);
        networkPolicy = StrictManifests.parse(read("networkpolicy.yaml"), NetworkPolicy.class);
        configMap = StrictManifests.parse(read("configmap.yaml"), ConfigMap.class);
        serviceMonitor = map(DIR.resolve("servicemonitor.yaml"));
    }

    static Manifests load() throws IOException {
        return new Manifests();
    }

    static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path file) throws IOException {
        return YAML.readValue(file.toFile(), Map.class);
    }

    /** The one container of the bridge's pod. */
    Container bridge() {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new IllegalStateException("expected one container, got " + containers.size());
        }
        return containers.get(0);
    }

    Map<String, String> podLabels() {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** The ConfigMap's {@code application-prod.properties}, as the bridge reads it. */
    Properties bridgeProperties() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(configMap.getData().get("application-prod.properties")));
        return p;
    }

    @SuppressWarnings("unchecked")
    List<String> resources() {
        return (List<String>) kustomization.get("resources");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> secretGenerators() {
        Object g = kustomization.get("secretGenerator");
        return g == null ? List.of() : (List<Map<String, Object>>) g;
    }
}
