package org.depositobridge.deploy;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Parses a manifest into its fabric8 model class and fails on any field the Kubernetes schema does not know.
 *
 * <p>The fabric8 model classes keep unknown fields in {@code additionalProperties} (a {@code @JsonAnySetter}) instead
 * of failing, so Jackson's FAIL_ON_UNKNOWN_PROPERTIES never fires for them: a misspelt {@code replica:} would be
 * accepted silently and the API server would later drop or refuse it. This walks the parsed object graph and
 * reports every non-empty {@code additionalProperties} with its path.
 */
final class StrictManifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictManifests() {
    }

    /** The manifest as {@code type}; throws naming every unknown field, and when kind or apiVersion differ. */
    static <T extends HasMetadata> T parse(String yaml, Class<T> type) {
        T resource = SERIALIZATION.unmarshal(yaml, type);
        if (resource == null) {
            throw new IllegalArgumentException("empty manifest for " + type.getSimpleName());
        }
        String expectedKind = HasMetadata.getKind(type);
        String expectedApi = HasMetadata.getApiVersion(type);
        if (!expectedKind.equals(resource.getKind()) || !expectedApi.equals(resource.getApiVersion())) {
            throw new IllegalArgumentException("expected " + expectedApi + " " + expectedKind + ", got "
                    + resource.getApiVersion() + " " + resource.getKind());
        }
        List<String> unknown = unknownFields(resource);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) in " + type.getSimpleName() + ": " + unknown);
        }
        return resource;
    }

    /** Paths of the fields the model did not recognise, e.g. {@code spec.template.spec.containers[0].prots}. */
    static List<String> unknownFields(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Map<Object, Boolean> seen) {
        if (node == null || node instanceof CharSequence || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?> || node.getClass().isPrimitive() || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            Object value;
            try {
                if (name.equals("getAdditionalProperties")) {
                    Map<?, ?> extra = (Map<?, ?>) m.invoke(node);
                    if (extra != null) {
                        extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
                    }
                    continue;
                }
                if (!name.startsWith("get") || name.length() == 3) {
                    continue;
                }
                value = m.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + node.getClass().getName(), e);
            }
            walk(value, join(path, Introspector.decapitalize(name.substring(3))), found, seen);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
