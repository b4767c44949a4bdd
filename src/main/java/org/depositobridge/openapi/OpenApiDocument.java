package org.depositobridge.openapi;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Completes the OpenAPI document Camel renders from the REST verbs (camel-openapi-java) with what Camel's REST DSL
 * cannot express, by rules written once here rather than repeated on every verb:
 * <ul>
 *   <li>an integer parameter whose description says {@code clamped to A..B} gets {@code minimum: A, maximum: B} (the
 *       REST DSL has no range; the description stays the one place it is written), and its default is a number;</li>
 *   <li>every operation with a security requirement (the guarded ones) answers 400 {@code invalid_parameter}, 401
 *       {@code unauthorized} and 429 {@code rate_limited} (with {@code Retry-After}) with the JSON error body of
 *       route configuration {@code dashboard-api-errors};</li>
 *   <li>operations tagged {@code datasets} or {@code exports} also answer 503 {@code no_data_yet} and carry
 *       {@code X-Data-As-Of}, {@code X-Data-Stale}, {@code X-Data-Source} on their 200; datasets also {@code ETag},
 *       {@code Last-Modified}, {@code Cache-Control}, exports {@code Content-Disposition};</li>
 *   <li>every error answer is {@code application/json} (Camel files a response under the verb's {@code produces},
 *       {@code text/csv} for an export);</li>
 *   <li>the server is relative ({@code /}): Camel would name the bind address, which is neither what a client behind
 *       a proxy uses nor stable across ports.</li>
 * </ul>
 * Camel renders the document once, when route {@code api-openapi} starts, and hands out the same bytes every time;
 * the completed bytes are kept for those bytes, so a request costs a reference comparison.
 */
public class OpenApiDocument {

    static final String ERROR_SCHEMA = "ErrorBody";
    private static final Pattern RANGE = Pattern.compile("clamped to (-?[0-9]+)\\.\\.(-?[0-9]+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Completed(byte[] rendered, byte[] completed) {
    }

    private volatile Completed last;

    /** Replaces the body (Camel's rendering, bytes) with the completed document. */
    public void complete(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        byte[] rendered = m.getBody(byte[].class);
        Completed c = last;
        if (c == null || c.rendered() != rendered) {
            c = new Completed(rendered, complete(rendered));
            last = c;
        }
        // the length Camel set is the rendering's
        m.removeHeader(Exchange.CONTENT_LENGTH);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        m.setBody(c.completed());
    }

    static byte[] complete(byte[] rendered) throws IOException {
        ObjectNode doc = (ObjectNode) MAPPER.readTree(rendered);
        doc.putArray("servers").addObject().put("url", "/").put("description", "this bridge's business server");
        ObjectNode schemas = doc.withObjectProperty("components").withObjectProperty("schemas");
        schemas.set(ERROR_SCHEMA, errorSchema());
        JsonNode paths = doc.path("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                completeOperation((ObjectNode) op.getValue());
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    private static void completeOperation(ObjectNode op) {
        for (JsonNode p : op.path("parameters")) {
            if (!"integer".equals(p.path("schema").path("type").asText())) {
                continue;
            }
            ObjectNode schema = (ObjectNode) p.get("schema");
            Matcher range = RANGE.matcher(p.path("description").asText(""));
            if (range.find()) {
                schema.put("minimum", Long.parseLong(range.group(1))).put("maximum", Long.parseLong(range.group(2)));
            }
            // the REST DSL's defaultValue is text; an integer parameter's default must be a number
            if (schema.path("default").isTextual()) {
                schema.put("default", Long.parseLong(schema.get("default").asText()));
            }
        }
        ObjectNode responses = op.withObjectProperty("responses");
        List<String> tags = tagsOf(op);
        boolean guarded = op.path("security").size() > 0;
        boolean datasets = tags.contains("datasets");
        boolean exports = tags.contains("exports");
        if (guarded) {
            error(responses, "400", "A parameter breaks the input rules (error invalid_parameter; parameter names it): an"
                    + " integer that is not one, a date that is not a real YYYY-MM-DD date, a value outside its list,"
                    + " start_date after end_date, a query string that is not valid URL encoding", false);
            error(responses, "401", "No or a wrong X-API-Key, or a bearer token that is missing, malformed, expired or"
                    + " badly signed (error unauthorized)", false);
            error(responses, "429", "Over the client's rate limit (error rate_limited); Retry-After says when to retry",
                    true);
        }
        if (datasets || exports) {
            error(responses, "503", "The first complete sync has not finished yet (error no_data_yet); Retry-After says"
                    + " when to retry, X-Data-Source which source is awaited", true);
            ObjectNode ok = (ObjectNode) responses.get("200");
            if (ok != null) {
                ObjectNode headers = ok.withObjectProperty("headers");
                header(headers, "X-Data-As-Of", "The data's as-of time, ISO-8601 UTC", "string");
                header(headers, "X-Data-Stale", "true when the data comes from the warm-start file, a first sync is"
                        + " still back-filling the movement history, the last sync failed, or the data is older than the"
                        + " staleness bound", "boolean");
                header(headers, "X-Data-Source", "deposito or simulator", "string");
                if (datasets) {
                    header(headers, "ETag", "Strong tag of this representation; If-None-Match with it answers 304",
                            "string");
                    header(headers, "Last-Modified", "The data's as-of time (HTTP date)", "string");
                    header(headers, "Cache-Control", "private, max-age=<dashboard.cache-max-age>", "string");
                }
                if (exports) {
                    header(headers, "Content-Disposition", "attachment; filename=\"<dataset>-<yyyy-MM-dd>.<csv|xlsx>\"",
                            "string");
                }
            }
        }
        for (Map.Entry<String, JsonNode> r : responses.properties()) {
            if (guarded && r.getKey().length() == 3 && r.getKey().compareTo("400") >= 0) {
                ObjectNode content = ((ObjectNode) r.getValue()).putObject("content");
                content.putObject("application/json").putObject("schema").put("$ref",
                        "#/components/schemas/" + ERROR_SCHEMA);
            }
        }
    }

    private static List<String> tagsOf(ObjectNode op) {
        return op.path("tags").valueStream().map(JsonNode::asText).toList();
    }

    private static void error(ObjectNode responses, String code, String description, boolean retryAfter) {
        ObjectNode r = responses.putObject(code).put("description", description);
        if (retryAfter) {
            header(r.withObjectProperty("headers"), "Retry-After", "Seconds to wait before retrying", "integer");
        }
    }

    private static void header(ObjectNode headers, String name, String description, String type) {
        headers.putObject(name).put("description", description).putObject("schema").put("type", type);
    }

    /** The body route configuration dashboard-api-errors (and the HTTP edge) answer with: ApiException.body(). */
    private static ObjectNode errorSchema() {
        ObjectNode s = MAPPER.createObjectNode().put("type", "object")
                .put("description", "Every error answer of the API");
        s.putArray("required").add("error");
        ObjectNode props = s.putObject("properties");
        ArrayNode codes = props.putObject("error").put("type", "string").putArray("enum");
        for (String code : List.of("invalid_parameter", "unauthorized", "rate_limited", "no_data_yet", "not_found",
                "method_not_allowed", "not_implemented", "internal_error", "bad_request", "payload_too_large")) {
            codes.add(code);
        }
        props.putObject("parameter").put("type", "string").put("description", "The parameter at fault (400 only)");
        props.putObject("message").put("type", "string").put("description", "What was wrong, for a person");
        props.putObject("request_id").put("type", "string")
                .put("description", "The request's X-Request-ID (500 only; the log line carries the same id)");
        return s;
    }
}
