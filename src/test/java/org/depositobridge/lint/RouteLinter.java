package org.depositobridge.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;

/**
 * Lint for {@code routes/*.camel.yaml}, standing in for Camel's YAML validator plugin (not served here).
 *
 * <p>Checks: the Camel YAML DSL JSON schema shipped in camel-yaml-dsl; every literal endpoint URI and its
 * parameters against the Camel catalog; {@code id}, {@code group} and {@code description} on every route;
 * an {@code id} on every step that leaves the JVM; every {@code {{placeholder}}} resolvable from the config
 * files or carrying a default. Each problem names the file, the route and what is wrong.
 */
public final class RouteLinter {

    /** Steps that send somewhere; those whose scheme is not in-JVM must carry an id. */
    private static final Set<String> SENDING_STEPS = Set.of("to", "toD", "enrich", "pollEnrich", "wireTap");
    /** Schemes that stay inside the JVM, so a missing step id is not an untraceable external call. */
    private static final Set<String> IN_JVM = Set.of("direct", "seda", "log", "bean", "class", "mock", "stub",
            "controlbus", "ref", "dataset", "vm", "disruptor", "language", "validator", "browse", "scheduler",
            "timer", "cron", "quartz", "micrometer", "rest", "platform-http", "kamelet");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final Set<String> PLACEHOLDER_FUNCTIONS = Set.of("env", "sys", "sysenv", "bean", "ref");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final JsonSchema schema;
    private final CamelCatalog catalog = new DefaultCamelCatalog(true);
    private final Properties config;

    public RouteLinter(Properties config) {
        this.config = config;
        try (InputStream in = RouteLinter.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            if (in == null) {
                throw new IllegalStateException("camelYamlDsl.json not on the classpath (camel-yaml-dsl jar)");
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key of every {@code application*.properties} in the folder: a placeholder resolves if any profile defines it. */
    public static Properties loadConfig(Path configDir) throws IOException {
        Properties all = new Properties();
        try (Stream<Path> files = Files.list(configDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("application.*\\.properties")).toList()) {
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    Properties one = new Properties();
                    one.load(r);
                    one.forEach(all::putIfAbsent);
                }
            }
        }
        return all;
    }

    public List<String> lint(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(name + ": not valid YAML: " + e.getMessage());
            return problems;
        }
        if (root == null || !root.isArray()) {
            problems.add(name + ": a route file is a YAML list of route, rest, routeConfiguration ... entries");
            return problems;
        }
        for (ValidationMessage m : schema.validate(root)) {
            if (placeholderOfExpectedType(m)) {
                continue;
            }
            problems.add(name + ": " + routeAt(root, m.getInstanceLocation().toString()) + ": schema: " + m.getMessage());
        }
        for (JsonNode entry : root) {
            Iterator<Map.Entry<String, JsonNode>> kinds = entry.fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                lintEntry(name, kind.getKey(), kind.getValue(), problems);
            }
        }
        return problems;
    }

    private void lintEntry(String file, String kind, JsonNode node, List<String> problems) {
        String id = node.path("id").asText(null);
        String where = kind + " '" + (id == null ? "?" : id) + "'";
        Set<String> templateParams = Set.of();
        switch (kind) {
            case "route" -> requireRouteMetadata(file, where, node, problems);
            case "routeTemplate" -> {
                if (id == null) {
                    problems.add(file + ": " + where + ": missing id");
                }
                templateParams = new java.util.HashSet<>();
                for (JsonNode p : node.path("parameters")) {
                    ((Set<String>) templateParams).add(p.path("name").asText());
                }
                JsonNode route = node.path("route");
                if (route.path("group").asText("").isBlank() || route.path("description").asText("").isBlank()) {
                    problems.add(file + ": " + where + ": the template's route needs a group and a description");
                }
            }
            case "templatedRoute" -> {
                if (node.path("routeId").asText("").isBlank()) {
                    problems.add(file + ": templatedRoute of '" + node.path("routeTemplateRef").asText("?")
                            + "': missing routeId");
                }
                where = "templatedRoute '" + node.path("routeId").asText("?") + "'";
            }
            case "routeConfiguration", "rest" -> {
                if (id == null) {
                    problems.add(file + ": " + where + ": missing id");
                }
            }
            default -> {
                // beans, errorHandler ... carry no route metadata
            }
        }
        walk(file, where, null, node, templateParams, problems);
    }

    private static void requireRouteMetadata(String file, String where, JsonNode node, List<String> problems) {
        for (String required : List.of("id", "group", "description")) {
            if (node.path(required).asText("").isBlank()) {
                problems.add(file + ": " + where + ": missing " + required);
            }
        }
    }

    private void walk(String file, String where, String parentKey, JsonNode node, Set<String> templateParams,
            List<String> problems) {
        if (node.isTextual()) {
            checkPlaceholders(file, where, node.asText(), templateParams, problems);
            if (parentKey != null && SENDING_STEPS.contains(parentKey)) {
                // short form: to: "http://..." has no room for an id
                checkSend(file, where, parentKey, node.asText(), null, null, templateParams, problems);
            }
            return;
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                walk(file, where, parentKey, child, templateParams, problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("uri") && node.get("uri").isTextual()) {
            String uri = node.get("uri").asText();
            if (parentKey != null && SENDING_STEPS.contains(parentKey)) {
                checkSend(file, where, parentKey, uri, node.path("id").asText(null), node.get("parameters"),
                        templateParams, problems);
            } else if ("from".equals(parentKey)) {
                validateEndpoint(file, where, uri, node.get("parameters"), templateParams, problems);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            walk(file, where, f.getKey(), f.getValue(), templateParams, problems);
        }
    }

    private void checkSend(String file, String where, String step, String uri, String stepId, JsonNode parameters,
            Set<String> templateParams, List<String> problems) {
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        if (!IN_JVM.contains(scheme) && (stepId == null || stepId.isBlank())) {
            problems.add(file + ": " + where + ": " + step + " " + scheme + " leaves the JVM and needs an id");
        }
        if (!"toD".equals(step) || !uri.contains("${")) {
            validateEndpoint(file, where, uri, parameters, templateParams, problems);
        }
    }

    private void validateEndpoint(String file, String where, String uri, JsonNode parameters, Set<String> templateParams,
            List<String> problems) {
        if (uri.contains("${")) {
            return; // dynamic: only known at run time
        }
        StringBuilder full = new StringBuilder(resolve(uri, templateParams));
        if (parameters != null && parameters.isObject() && parameters.size() > 0) {
            full.append(full.indexOf("?") >= 0 ? '&' : '?');
            Iterator<Map.Entry<String, JsonNode>> it = parameters.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> p = it.next();
                if (!first) {
                    full.append('&');
                }
                first = false;
                full.append(p.getKey()).append('=').append(resolve(p.getValue().asText(), templateParams));
            }
        }
        EndpointValidationResult result = catalog.validateEndpointProperties(full.toString(), true);
        if (!result.isSuccess()) {
            String summary = result.summaryErrorMessage(false, false, false);
            problems.add(file + ": " + where + ": endpoint " + uri + ": "
                    + (summary == null ? "invalid" : summary.replace('\n', ' ').trim()));
        }
    }

    /** Replaces resolvable placeholders by their value (or a neutral stand-in) so the catalog sees a real URI. */
    private String resolve(String text, Set<String> templateParams) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = m.group(1);
            String key = body.contains(":") && !isFunction(body) ? body.substring(0, body.indexOf(':')) : body;
            String def = body.contains(":") && !isFunction(body) ? body.substring(body.indexOf(':') + 1) : null;
            String value = config.getProperty(key, def);
            if (value == null) {
                value = templateParams.contains(key) ? "1" : "0";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.trim()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isFunction(String body) {
        return PLACEHOLDER_FUNCTIONS.contains(body.substring(0, body.indexOf(':')));
    }

    private void checkPlaceholders(String file, String where, String text, Set<String> templateParams,
            List<String> problems) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String body = m.group(1).trim();
            if (body.startsWith("?")) {
                // {{?key}}: optional by design; Camel drops the endpoint option when the key is unset
                continue;
            }
            int colon = body.indexOf(':');
            if (colon > 0 && isFunction(body)) {
                // {{env:NAME:default}}: only safe with a default
                if (body.indexOf(':', colon + 1) < 0) {
                    problems.add(file + ": " + where + ": placeholder {{" + body + "}} has no default");
                }
                continue;
            }
            String key = colon > 0 ? body.substring(0, colon) : body;
            boolean hasDefault = colon > 0;
            if (!hasDefault && !config.containsKey(key) && !templateParams.contains(key)) {
                problems.add(file + ": " + where + ": placeholder {{" + key + "}} is not defined in config/ and has no default");
            }
        }
    }

    /**
     * The schema types some options as numbers or booleans, which a {@code "{{key}}"} string can never be.
     * Camel resolves the placeholder before it reads the option, so such an error is dropped when the value
     * is a whole placeholder that resolves to the type the schema wants.
     */
    private boolean placeholderOfExpectedType(ValidationMessage m) {
        JsonNode node = m.getInstanceNode();
        String msg = m.getMessage();
        if (node == null || !node.isTextual() || !node.asText().matches("\\{\\{[^{}]+}}") || !msg.contains("string found")) {
            return false;
        }
        String value = resolve(node.asText(), Set.of()).trim();
        if (msg.contains("boolean expected")) {
            return value.equals("true") || value.equals("false");
        }
        if (msg.contains("integer expected")) {
            return value.matches("-?\\d+");
        }
        if (msg.contains("number expected")) {
            return value.matches("-?\\d+(\\.\\d+)?");
        }
        return false;
    }

    /** Names the route that holds a schema error, from its JSON pointer ($[2].route... -> entry 2). */
    private static String routeAt(JsonNode root, String location) {
        Matcher m = Pattern.compile("^\\$\\[(\\d+)]\\.?(\\w+)?").matcher(location);
        if (m.find()) {
            JsonNode entry = root.path(Integer.parseInt(m.group(1)));
            String kind = entry.fieldNames().hasNext() ? entry.fieldNames().next() : "entry";
            return kind + " '" + entry.path(kind).path("id").asText("?") + "' at " + location;
        }
        return location;
    }
}
