package org.depositobridge.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds secrets written in clear into a manifest: a Secret with {@code data}/{@code stringData}, a container
 * environment variable with a secret-looking name and a literal {@code value}, or a secret-looking property in a
 * ConfigMap that is not a {@code ...-file} path. Works on the YAML tree, so it sees any kind and any nesting.
 */
final class SecretLeaks {

    /** Names that carry secrets: api keys, JWT secrets, tokens, passwords, credentials. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|api[-_.]?keys?|credential).*");

    private SecretLeaks() {
    }

    static List<String> find(String yaml) throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Object doc : Manifests.YAML.readerFor(Object.class).readValues(yaml).readAll()) {
            if (doc instanceof Map<?, ?> m) {
                inspect(m, leaks);
            }
        }
        return leaks;
    }

    private static void inspect(Map<?, ?> doc, List<String> leaks) throws IOException {
        Object kind = doc.get("kind");
        if ("Secret".equals(kind) && (doc.get("data") != null || doc.get("stringData") != null)) {
            leaks.add("Secret with literal data");
        }
        if ("ConfigMap".equals(kind) && doc.get("data") instanceof Map<?, ?> data) {
            for (Map.Entry<?, ?> e : data.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (isSecretName(key)) {
                    leaks.add("ConfigMap key " + key);
                }
                if (key.endsWith(".properties")) {
                    Properties p = new Properties();
                    p.load(new StringReader(String.valueOf(e.getValue())));
                    p.stringPropertyNames().stream().filter(SecretLeaks::isSecretName)
                            .forEach(k -> leaks.add("ConfigMap property " + k));
                }
            }
        }
        envValues(doc, leaks);
    }

    /** A {@code -file} key names where a secret is, not the secret; a role name like {@code metrics} is not secret. */
    private static boolean isSecretName(String key) {
        return SECRET_NAME.matcher(key).matches() && !key.endsWith("-file") && !key.endsWith(".file");
    }

    private static void envValues(Object node, List<String> leaks) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("env") instanceof List<?> env) {
                for (Object e : env) {
                    if (e instanceof Map<?, ?> var && var.get("value") != null
                            && isSecretName(String.valueOf(var.get("name")))) {
                        leaks.add("env " + var.get("name") + " with a literal value");
                    }
                }
            }
            m.values().forEach(v -> envValues(v, leaks));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> envValues(v, leaks));
        }
    }
}
