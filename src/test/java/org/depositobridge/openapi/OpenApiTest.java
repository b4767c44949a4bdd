package org.depositobridge.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's OpenAPI description at /api/openapi.json, read over real HTTP from a running bridge with its embedded
 * simulator and checked by swagger-parser's OpenAPI 3 validator: public, complete (every path the business server
 * serves, every parameter of the contract with its type, default, range and values), and true (defaults, ranges and
 * value lists behave as described; the response schemas have the fields the answers have).
 */
class OpenApiTest {

    static final String KEY = "test-key-1";
    static final String DOC = "/api/openapi.json";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    /** The contract's parameters (shared/notes/dashboard-api.md, docs/api.md): name -> type, default, min, max, values. */
    record P(String name, String type, Object dflt, Integer min, Integer max, List<String> values) {
    }

    static final P Q = new P("q", "string", null, null, null, null);
    static final P PROVEEDOR = new P("proveedor", "string", null, null, null, null);
    static final P START = new P("start_date", "string", null, null, null, null);
    static final P END = new P("end_date", "string", null, null, null, null);
    static final List<P> PROVIDERS = List.of(Q,
            new P("sort", "string", "valor_stock", null, null,
                    List.of("valor_stock", "stock_total", "total_productos", "nombre", "movimientos_mes")),
            new P("order", "string", "desc", null, null, List.of("desc", "asc")), new P("limit", "integer", 100, 1, 100, null));
    static final List<P> TIMELINE = List.of(new P("days", "integer", 7, 1, 90, null), START, END,
            new P("tipo", "string", null, null, null, List.of("entrada", "salida", "ajuste", "transferencia")));
    static final List<P> TOP = List.of(new P("limit", "integer", 10, 1, 100, null), START, END, PROVEEDOR,
            new P("sort", "string", "cantidad", null, null, List.of("cantidad", "movimientos", "valor")),
            new P("tipo", "string", "salida", null, null, List.of("salida", "entrada", "ajuste", "transferencia")));
    static final List<P> TRENDS = List.of(new P("months", "integer", 6, 1, 24, null), START, END, PROVEEDOR);
    static final List<P> CRITICAL = List.of(new P("limit", "integer", 100, 1, 1000, null),
            new P("categoria", "string", null, null, null, null), PROVEEDOR);
    static final P DIALECT = new P("dialect", "string", "rfc4180", null, null, List.of("rfc4180", "excel-ar"));

    static final Map<String, List<P>> CONTRACT = new LinkedHashMap<>();

    static {
        CONTRACT.put("/api/summary", List.of());
        CONTRACT.put("/api/providers", PROVIDERS);
        CONTRACT.put("/api/stock-timeline", TIMELINE);
        CONTRACT.put("/api/top-products", TOP);
        CONTRACT.put("/api/trends", TRENDS);
        CONTRACT.put("/api/stock-by-provider", List.of(new P("limit", "integer", 10, 1, 100, null)));
        CONTRACT.put("/api/weekly-sales", List.of(new P("weeks", "integer", 8, 1, 52, null)));
        CONTRACT.put("/api/critical-stock", CRITICAL);
        CONTRACT.put("/api/stats", List.of());
        Map<String, List<P>> twins = Map.of("summary", List.of(), "providers", PROVIDERS, "top-products", TOP,
                "stock-timeline", TIMELINE, "critical-stock", CRITICAL);
        twins.forEach((dataset, params) -> {
            List<P> csv = new ArrayList<>(params);
            csv.add(DIALECT);
            CONTRACT.put("/api/export/" + dataset + ".csv", csv);
            CONTRACT.put("/api/export/" + dataset + ".xlsx", params);
        });
    }

    static RunningBridge bridge;
    static HttpResponse<String> docAnswer;
    static OpenAPI api;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
        bridge.awaitReady();
        docAnswer = get(DOC);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(docAnswer.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser validation messages").isEmpty();
        api = parsed.getOpenAPI();
        doc = JSON.readTree(docAnswer.body());
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Served without credentials, as valid OpenAPI 3.0 JSON, with a title and version; /api/summary still needs a key. */
    @Test
    void should_serve_a_valid_document_without_credentials_while_the_data_stay_guarded() throws Exception {
        assertThat(docAnswer.statusCode()).isEqualTo(200);
        assertThat(docAnswer.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(docAnswer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.getOpenapi()).startsWith("3.0");
        assertThat(api.getInfo().getTitle()).isEqualTo("deposito-bridge dashboard API");
        assertThat(api.getInfo().getVersion()).isNotBlank();
        assertThat(api.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/"));
        // the same bytes each time (rendered once, completed once)
        assertThat(get(DOC).body()).isEqualTo(docAnswer.body());

        assertThat(get("/api/summary").statusCode()).isEqualTo(401);
        assertThat(get("/api/summary", "X-API-Key", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/summary", "X-API-Key", KEY).statusCode()).isEqualTo(200);
        for (String path : CONTRACT.keySet()) {
            assertThat(get(path).statusCode()).as(path + " without a key").isEqualTo(401);
        }
    }

    /** The public path opens nothing else: no prefix match, no other method, no path trick reaches a guarded route. */
    @Test
    void should_open_only_the_document_itself() throws Exception {
        // Vert.x ignores one trailing slash on every path: the same document, as /api/summary/ is the same guarded answer
        assertThat(get(DOC + "/").body()).isEqualTo(docAnswer.body());
        assertThat(get("/api/summary/").statusCode()).isEqualTo(401);
        for (String path : List.of(DOC + "/summary", DOC + "x", "/api/openapi.yaml", "/api/openapi",
                "/openapi.json", DOC + "/../summary", "/api/openapi.json%2F..%2Fsummary")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(401, 404);
            assertThat(r.body()).as(path).doesNotContain("\"openapi\"").doesNotContain("total_productos");
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.apiUrl(DOC)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        // the document never carries a credential
        assertThat(docAnswer.body()).doesNotContain(KEY).doesNotContain("test-key-2");
    }

    /**
     * Every /api path the business server serves is described with each of its methods, and every described path is
     * served: the platform-http endpoints of the running bridge, not a list kept here.
     */
    @Test
    void should_describe_exactly_the_served_paths() {
        PlatformHttpComponent http = bridge.context().getComponent("platform-http", PlatformHttpComponent.class);
        Set<String> served = new TreeSet<>();
        for (HttpEndpointModel e : http.getHttpEndpoints()) {
            served.add(e.getUri());
            if (e.getUri().startsWith("/api/") || e.getUri().equals("/health")) {
                assertThat(api.getPaths()).as("described paths").containsKey(e.getUri());
                assertThat(e.getVerbs()).as(e.getUri() + " methods").isNotBlank();
                for (String verb : e.getVerbs().split(",")) {
                    assertThat(api.getPaths().get(e.getUri()).readOperationsMap().keySet())
                            .extracting(Enum::name).as(e.getUri()).contains(verb.trim().toUpperCase());
                }
            }
        }
        assertThat(served).as("served paths").containsAll(CONTRACT.keySet()).contains("/health", DOC);
        assertThat(served).as("every described path is served").containsAll(api.getPaths().keySet());
        // nothing internal: no direct: endpoints, no route of the pollers, reports or the guard, no management path
        String text = docAnswer.body();
        assertThat(text).doesNotContain("direct:").doesNotContain("x-camel").doesNotContain("/observe")
                .doesNotContain("/q/").doesNotContain("api-guard");
        for (Route route : bridge.context().getRoutes()) {
            if (!"dashboard-api".equals(route.getGroup()) && !"dashboard-export".equals(route.getGroup())) {
                assertThat(text).as("internal route %s", route.getRouteId()).doesNotContain("\"" + route.getRouteId() + "\"");
            }
        }
    }

    /** Every contract parameter of every path: type, default, range, allowed values, optional; nothing more. */
    @Test
    void should_describe_every_parameter_of_every_path() {
        CONTRACT.forEach((path, expected) -> {
            Operation op = api.getPaths().get(path).getGet();
            Map<String, Parameter> described = op.getParameters() == null ? Map.of()
                    : op.getParameters().stream().collect(Collectors.toMap(Parameter::getName, p -> p));
            assertThat(described.keySet()).as(path).containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(P::name).toList());
            for (P p : expected) {
                Parameter d = described.get(p.name());
                Schema<?> s = d.getSchema();
                String at = path + " " + p.name();
                assertThat(d.getIn()).as(at).isEqualTo("query");
                assertThat(d.getRequired()).as(at).isFalse();
                assertThat(d.getDescription()).as(at).isNotBlank();
                assertThat(s.getType()).as(at).isEqualTo(p.type());
                assertThat(s.getDefault() == null ? null : s.getDefault().toString()).as(at + " default")
                        .isEqualTo(p.dflt() == null ? null : p.dflt().toString());
                assertThat(s.getMinimum() == null ? null : s.getMinimum().intValue()).as(at + " minimum").isEqualTo(p.min());
                assertThat(s.getMaximum() == null ? null : s.getMaximum().intValue()).as(at + " maximum").isEqualTo(p.max());
                assertThat(s.getEnum() == null ? null : s.getEnum().stream().map(String::valueOf).toList())
                        .as(at + " values").isEqualTo(p.values());
                if (p.name().endsWith("_date")) {
                    assertThat(s.getFormat()).as(at).isEqualTo("date");
                }
            }
        });
    }

    /** What the document says of defaults, ranges and value lists is what the API does. */
    @Test
    void should_behave_as_the_parameters_say() throws Exception {
        for (Map.Entry<String, List<P>> e : CONTRACT.entrySet()) {
            String path = e.getKey();
            // answers that carry their own time (generated_at) or are zip files are checked by status only
            boolean comparable = !path.endsWith(".xlsx") && !path.equals("/api/stats") && !path.contains("summary");
            for (P p : e.getValue()) {
                String at = path + " " + p.name();
                if (p.dflt() != null && comparable) {
                    assertThat(body(path + "?" + p.name() + "=" + p.dflt())).as(at + " default").isEqualTo(body(path));
                }
                if (p.min() != null) {
                    if (comparable) {
                        assertThat(body(path + "?" + p.name() + "=" + (p.min() - 5))).as(at + " below the minimum")
                                .isEqualTo(body(path + "?" + p.name() + "=" + p.min()));
                        assertThat(body(path + "?" + p.name() + "=" + (p.max() + 1000))).as(at + " above the maximum")
                                .isEqualTo(body(path + "?" + p.name() + "=" + p.max()));
                    }
                    assertRefused(path + "?" + p.name() + "=abc", p.name());
                }
                if (p.values() != null) {
                    for (String v : p.values()) {
                        assertThat(get(path + "?" + p.name() + "=" + v, "X-API-Key", KEY).statusCode()).as(at + "=" + v)
                                .isEqualTo(200);
                    }
                    assertRefused(path + "?" + p.name() + "=nope", p.name());
                }
                if (p.name().endsWith("_date")) {
                    assertRefused(path + "?" + p.name() + "=2026-02-30", p.name());
                }
            }
        }
    }

    /** The security schemes are those the guard accepts, and every guarded path requires one of them. */
    @Test
    void should_describe_the_auth_schemes_and_the_error_answers() throws Exception {
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        assertThat(schemes.get("apiKey").getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(schemes.get("apiKey").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(schemes.get("apiKey").getName()).isEqualTo("X-API-Key");
        assertThat(schemes.get("bearerJwt").getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(schemes.get("bearerJwt").getScheme()).isEqualTo("bearer");
        assertThat(schemes.get("bearerJwt").getBearerFormat()).isEqualTo("JWT");
        Set<String> errorFields = api.getComponents().getSchemas().get(OpenApiDocument.ERROR_SCHEMA).getProperties().keySet();
        for (String path : CONTRACT.keySet()) {
            Operation op = api.getPaths().get(path).getGet();
            assertThat(op.getSecurity()).as(path).extracting(r -> r.keySet().iterator().next())
                    .containsExactlyInAnyOrder("apiKey", "bearerJwt");
            for (String code : path.equals("/api/stats") ? List.of("400", "401", "429") : List.of("400", "401", "429", "503")) {
                var answer = op.getResponses().get(code);
                assertThat(answer).as(path + " " + code).isNotNull();
                assertThat(answer.getContent().get("application/json").getSchema().get$ref()).as(path + " " + code)
                        .endsWith("/" + OpenApiDocument.ERROR_SCHEMA);
            }
            assertThat(op.getResponses().get("429").getHeaders()).as(path).containsKey("Retry-After");
        }
        for (String open : List.of("/health", DOC)) {
            assertThat(api.getPaths().get(open).getGet().getSecurity()).as(open).isNull();
        }
        // real error answers have the described fields
        for (String path : List.of("/api/summary", "/api/providers?limit=abc")) {
            JsonNode body = JSON.readTree(get(path, path.contains("?") ? new String[] {"X-API-Key", KEY} : new String[0]).body());
            assertThat(fields(body)).as(path).isSubsetOf(errorFields).contains("error");
        }
    }

    /** Each JSON dataset's 200 schema has exactly the fields its real answer has. */
    @Test
    void should_describe_each_dataset_answer_with_its_fields() throws Exception {
        for (String path : CONTRACT.keySet()) {
            if (path.startsWith("/api/export/") || path.equals("/api/stats")) {
                continue;
            }
            Schema<?> schema = api.getPaths().get(path).getGet().getResponses().get("200").getContent()
                    .get("application/json").getSchema();
            JsonNode answer = JSON.readTree(body(path));
            if (answer.isArray()) {
                assertThat(schema.getType()).as(path).isEqualTo("array");
                assertThat(answer).as(path + " has rows").isNotEmpty();
                schema = schema.getItems();
                answer = answer.get(0);
            }
            Schema<?> object = resolve(schema);
            assertThat(object.getProperties().keySet()).as(path).containsExactlyInAnyOrderElementsOf(fields(answer));
            if (path.equals("/api/trends")) {
                assertThat(fields(resolve(object.getProperties().get("valor_mensual").getItems())))
                        .isEqualTo(fields(answer.get("valor_mensual").get(0)));
            }
        }
    }

    private static Schema<?> resolve(Schema<?> schema) {
        String ref = schema.get$ref();
        return ref == null ? schema : api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static Set<String> fields(Schema<?> schema) {
        return new TreeSet<>(schema.getProperties().keySet());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertRefused(String pathAndQuery, String parameter) throws Exception {
        HttpResponse<String> r = get(pathAndQuery, "X-API-Key", KEY);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_parameter");
        assertThat(body.path("parameter").asText()).as(pathAndQuery).isEqualTo(parameter);
    }

    private static String body(String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(pathAndQuery, "X-API-Key", KEY);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.apiUrl(pathAndQuery))).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
