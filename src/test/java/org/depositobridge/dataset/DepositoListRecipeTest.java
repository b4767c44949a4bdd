package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.api.management.ManagedCamelContext;
import org.depositobridge.deposito.DeadLetters;
import org.depositobridge.deposito.SyncMonitor;
import org.depositobridge.lint.RouteLinter;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe (d) of docs/routes.md: one more deposito list (the active products) as a dataset endpoint and a CSV export
 * from one YAML file (src/test/resources/recipes/active-products.camel.yaml) in the routes folder, with no Java change.
 */
class DepositoListRecipeTest {

    static final String RECIPE = "active-products.camel.yaml";
    static final String LIST_QUERY = "/productos?activos_solo=true&limit=1000&offset=0";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path routes;
    static SimulatedDeposito deposito;
    static RunningBridge bridge;
    static SyncMonitor monitor;

    @BeforeAll
    static void start() throws Exception {
        Files.copy(Path.of("src/test/resources/recipes", RECIPE), routes.resolve(RECIPE));
        deposito = SimulatedDeposito.start(120, 5, 20);
        Map<String, String> settings = new HashMap<>(deposito.bridgeSettings());
        // the folder adds its files to the jar's routes (docs/routes.md "Where the route files come from")
        settings.put("bridge.routes-dir", routes.toString());
        settings.putAll(recipeKeys());
        settings.put("dashboard.rate-limit", "1000");
        bridge = RunningBridge.start(settings).awaitReady();
        monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (deposito != null) {
            deposito.close();
        }
    }

    /** The two keys the recipe asks the operator to add to config/application.properties. */
    static Map<String, String> recipeKeys() {
        return Map.of("deposito.active-products.period-ms", "300", "deposito.active-products.cycle-timeout-ms", "5000");
    }

    /** The deposito's own answer for the list, fetched with a token of its own. */
    static JsonNode depositoAnswer() throws Exception {
        String token = deposito.simulator().mintToken(Duration.ofMinutes(5));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(deposito.simulator().baseUrl() + LIST_QUERY))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("productos");
    }

    /** The recipe's poller fills the list; the endpoint answers the deposito's rows, guarded, with ETag and 304. */
    @Test
    void should_serve_the_deposito_list_from_one_yaml_file() throws Exception {
        JsonNode expected = depositoAnswer();
        assertThat(expected.size()).isGreaterThan(10);
        await("the recipe's poller has published").atMost(Duration.ofSeconds(30))
                .until(() -> bridge.get("/api/active-products", "X-API-Key", "test-key-1").statusCode() == 200);
        HttpResponse<String> served = bridge.get("/api/active-products", "X-API-Key", "test-key-1");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body())).isEqualTo(expected);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(served.headers().firstValue("X-Data-Source")).contains("deposito");
        assertThat(served.headers().firstValue("X-Data-Stale")).contains("false");
        assertThat(served.headers().firstValue("X-Data-As-Of")).hasValueSatisfying(v -> assertThat(v).endsWith("Z"));

        String etag = served.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = bridge.get("/api/active-products", "X-API-Key", "test-key-1", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(bridge.get("/api/active-products", "X-API-Key", "test-key-1", "If-None-Match", "\"other\"").statusCode())
                .isEqualTo(200);

        HttpResponse<String> anonymous = bridge.get("/api/active-products");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("\"codigo\"");
        assertThat(bridge.get("/api/export/active-products.csv").statusCode()).isEqualTo(401);
        // the poller is one like the others: gauged and counted by name
        assertThat(monitor.successes("active-products")).isPositive();
        assertThat(bridge.scrapeMetrics()).contains("bridge_dataset_age_seconds{dataset=\"active-products\"}");
    }

    /** The CSV export: a header of the deposito's field names and one line per row; excel-ar and a bad dialect. */
    @Test
    void should_export_the_deposito_list_as_csv() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bridge.get("/api/active-products", "X-API-Key", "test-key-1").statusCode() == 200);
        int rows = JSON.readTree(bridge.get("/api/active-products", "X-API-Key", "test-key-1").body()).size();
        HttpResponse<String> csv = bridge.get("/api/export/active-products.csv", "X-API-Key", "test-key-1");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("active-products-");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,codigo,nombre,").contains("precio_compra").contains("activo");
        assertThat(lines).hasSize(rows + 1);

        HttpResponse<String> excel = bridge.get("/api/export/active-products.csv?dialect=excel-ar", "X-API-Key", "test-key-1");
        assertThat(excel.statusCode()).isEqualTo(200);
        assertThat(excel.body()).startsWith("\uFEFFid;codigo;nombre;");
        assertThat(excel.body().lines().count()).isEqualTo(rows + 1);
        HttpResponse<String> bad = bridge.get("/api/export/active-products.csv?dialect=lotus", "X-API-Key", "test-key-1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("dialect");
    }

    /** An answer that is not a list goes to the dead letters; the endpoint keeps serving the last good list. */
    @Test
    void should_dead_letter_a_bad_answer_and_keep_serving_the_last_good_list() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bridge.get("/api/active-products", "X-API-Key", "test-key-1").statusCode() == 200);
        DeadLetters deadLetters = bridge.context().getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
        HttpResponse<String> before = bridge.get("/api/active-products", "X-API-Key", "test-key-1");
        assertThat(JSON.readTree(before.body())).isEqualTo(depositoAnswer());
        long failures = monitor.failures("active-products");
        try {
            deposito.simulator().faults().inject(Fault.malformedJson().on(Endpoint.PRODUCTOS));
            await("a failed cycle of the recipe's poller").atMost(Duration.ofSeconds(20))
                    .until(() -> monitor.failures("active-products") > failures);
            await("its dead letter").atMost(Duration.ofSeconds(10))
                    .until(() -> deadLetters.list().stream().anyMatch(l -> l.contains("active-products")));
            HttpResponse<String> during = bridge.get("/api/active-products", "X-API-Key", "test-key-1");
            assertThat(during.statusCode()).isEqualTo(200);
            assertThat(during.body()).isEqualTo(before.body());
            assertThat(during.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
        } finally {
            deposito.simulator().faults().clear();
        }
        long successes = monitor.successes("active-products");
        await("recovers once the deposito answers well").atMost(Duration.ofSeconds(20))
                .until(() -> monitor.successes("active-products") > successes);
    }

    /** The recipe's verbs are in the OpenAPI document (still valid), and its routes show their YAML descriptions. */
    @Test
    void should_document_and_label_the_recipe() throws Exception {
        HttpResponse<String> doc = bridge.get("/api/openapi.json");
        assertThat(doc.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body(), null, options);
        assertThat(parsed.getMessages()).as("swagger-parser validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/active-products", "/api/export/active-products.csv");
        assertThat(parsed.getOpenAPI().getPaths().get("/api/active-products").getGet().getSecurity()).isNotEmpty();

        assertThat(bridge.context().getRoute("api-active-products").getDescription())
                .isEqualTo("GET /api/active-products: the deposito's active products (dataset active-products)");
        assertThat(bridge.context().getRoute("export-active-products").getDescription())
                .isEqualTo("GET /api/export/active-products.csv: the deposito's active products as CSV (dataset active-products)");
        assertThat(bridge.context().getRoute("deposito-sync-active-products").getGroup()).isEqualTo("deposito");
        // what Hawtio reads over JMX (placeholders resolved): every step carries the recipe's own id, no generated one
        ManagedCamelContext managed = bridge.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        for (String route : List.of("deposito-sync-active-products", "api-active-products", "export-active-products")) {
            String xml = managed.getManagedRoute(route).dumpRouteAsXml(true);
            assertThat(Pattern.compile("\\sid=\"([a-zA-Z]+[0-9]+)\"").matcher(xml).find()).as(route + ": " + xml).isFalse();
            assertThat(xml).as(route).contains("<from id=\"").doesNotContain("{{");
        }
    }

    /** The recipe passes the route lint once its two keys are in the properties, as docs/routes.md says. */
    @Test
    void should_pass_the_route_lint() throws Exception {
        Properties config = RouteLinter.loadConfig(Path.of("config"));
        config.putAll(recipeKeys());
        assertThat(new RouteLinter(config).lint(Path.of("src/test/resources/recipes", RECIPE))).isEmpty();
    }
}
