package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real browser (Debian's /usr/bin/chromium driven by playwright-core, both installed by
 * bin/setup.d/chromium.sh): log in, routes view, route diagram, a dataset route's diagram and attributes, trace.
 * Screenshots and each view's text land in target/console-browser/. Fails (never skips) when the browser is missing.
 */
class ConsoleBrowserTest {

    /** The route whose diagram and trace are opened: the deposito movements poller. */
    static final String ROUTE_FOR_DIAGRAM = "deposito-sync-movements";
    /** The dataset route whose diagram labels are checked (issue 14 item 6), and the path it serves. */
    static final String LABEL_ROUTE = "api-summary";
    static final String LABEL_PATH = "/api/summary";
    /** Bridge path requested before and during the trace (API traffic; the poller runs on its own timer). */
    static final String TRAFFIC_PATH = "/health";

    static final Path OUT = Path.of("target", "console-browser");
    /** Camel's generated node ids: a kind and a counter (from6, bean97, to12). */
    static final Pattern GENERATED = Pattern.compile("\\b(from|to|bean|setHeader|setBody|filter|choice|log)[0-9]+\\b");

    @TempDir
    static Path tmp;
    static ConsoleFixture console;
    static String nodeOutput;
    static int nodeExit;

    @BeforeAll
    static void driveTheBrowser() throws Exception {
        BrowserRun.requireBrowser();
        // the movements poller runs every half second here, so its diagram has live counts and its trace has messages
        console = ConsoleFixture.start(tmp, Map.of("deposito.movements.period-ms", "500"));
        console.bridge.awaitReady();
        for (int i = 0; i < 3; i++) {
            assertThat(console.bridge.get(TRAFFIC_PATH).statusCode()).isEqualTo(200);
        }
        // a few requests through the dataset route, so its diagram has counts too
        for (int i = 0; i < 2; i++) {
            assertThat(console.bridge.get(LABEL_PATH, "X-API-Key", "test-key-1").statusCode()).isEqualTo(200);
        }
        BrowserRun run = BrowserRun.drive(console, ROUTE_FOR_DIAGRAM, TRAFFIC_PATH, "{}", OUT, "all", LABEL_ROUTE);
        nodeOutput = run.output();
        nodeExit = run.exit();
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    /** The browser logged in and went through every view without an error. */
    @Test
    void should_log_in_and_open_every_view() throws Exception {
        assertThat(nodeExit).as(nodeOutput).isZero();
        assertThat(text("01-logged-in")).contains(ConsoleFixture.USER).contains("Camel");
        for (String step : List.of("01-logged-in", "02-routes", "03-route-diagram", "03b-label-route-diagram",
                "03c-label-route-attributes", "04-trace")) {
            assertThat(OUT.resolve(step + ".png")).as(step).isNotEmptyFile();
        }
    }

    /** The routes view lists every route of the bundle that belongs to a group, with live counters. */
    @Test
    void should_show_every_grouped_route_with_a_non_zero_exchange_count() throws Exception {
        List<String> grouped = console.bridge.context().getRoutes().stream()
                .filter(r -> r.getGroup() != null).map(Route::getRouteId).sorted().toList();
        assertThat(grouped).contains(ROUTE_FOR_DIAGRAM);
        String routes = text("02-routes");
        assertThat(routes).contains(grouped);
        // The tree groups the routes by their group.
        List<String> groups = console.bridge.context().getRoutes().stream()
                .map(Route::getGroup).filter(g -> g != null).distinct().toList();
        assertThat(routes).contains(groups);
        // Row: name, state, uptime, completed, failed, handled, total, ...
        Matcher row = Pattern.compile(Pattern.quote(ROUTE_FOR_DIAGRAM) + "\\s+Started\\s+\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)")
                .matcher(routes);
        assertThat(row.find()).as(routes).isTrue();
        assertThat(Long.parseLong(row.group(4))).as("total exchanges").isGreaterThanOrEqualTo(3);
    }

    /** The route diagram draws the route with per-step exchange counts. */
    @Test
    void should_draw_the_route_diagram_with_counts() throws Exception {
        String diagram = text("03-route-diagram");
        assertThat(diagram).contains(ROUTE_FOR_DIAGRAM).contains("React Flow");
        Matcher from = Pattern.compile("(\\d+)\\s+From ").matcher(diagram);
        assertThat(from.find()).as(diagram).isTrue();
        assertThat(Long.parseLong(from.group(1))).isGreaterThanOrEqualTo(3);
    }

    /**
     * A dataset route as Hawtio shows it (issue 14 item 6): the tree names its input and steps by the ids written in
     * YAML (the verb, the guard, the serve step), the diagram draws the guard and the serve step with their counts,
     * no label is a generated id or a {@code {{placeholder}}}, and its attributes show its own description.
     */
    @Test
    void should_label_a_dataset_route_as_written() throws Exception {
        List<String> nodes = Files.readAllLines(OUT.resolve("03b-label-route-nodes.txt"));
        assertThat(nodes).as("diagram nodes of %s", LABEL_ROUTE).isNotEmpty().noneMatch(n -> n.contains("{{"))
                .noneMatch(n -> GENERATED.matcher(n).find());
        assertThat(nodes).anyMatch(n -> n.matches("\\d+ To direct:api-guard"))
                .anyMatch(n -> n.matches("\\d+ Bean dashboardDat.*"));
        Matcher from = Pattern.compile("^\\d+ (\\d+) From rest://get:/").matcher(nodes.get(0));
        assertThat(from.find()).as(nodes.get(0)).isTrue();
        assertThat(Long.parseLong(from.group(1))).as("exchanges through %s", LABEL_ROUTE).isGreaterThanOrEqualTo(2);

        // the tree under the route: "<id>: <kind>" per input and step, down to the next route
        List<String> tree = Files.readAllLines(OUT.resolve("03b-label-route-diagram.txt"));
        Set<String> routeIds = console.bridge.context().getRoutes().stream().map(Route::getRouteId)
                .collect(Collectors.toSet());
        int at = tree.indexOf(LABEL_ROUTE);
        assertThat(at).as("%s in the tree", LABEL_ROUTE).isNotNegative();
        List<String> steps = new ArrayList<>();
        for (int i = at + 1; i < tree.size() && !routeIds.contains(tree.get(i)) && !tree.get(i).startsWith("dashboard-"); i++) {
            steps.add(tree.get(i));
        }
        assertThat(steps).contains("get-summary: from", "guard-summary: to", "serve-summary: bean");
        for (String step : steps) {
            String id = step.contains(": ") ? step.substring(0, step.indexOf(": ")) : step;
            assertThat(id).as("tree label %s", step).doesNotMatch("[a-zA-Z]+[0-9]+").doesNotContain("{{");
        }
        assertThat(text("03c-label-route-attributes"))
                .contains("Description\tGET /api/summary: the inventory summary (one object)");
    }

    /** Trace lists the messages that went through the route's own steps while tracing was on. */
    @Test
    void should_list_traced_messages() throws Exception {
        String trace = text("04-trace");
        assertThat(trace).contains("Messages");
        Set<String> nodes = nodeIds(ROUTE_FOR_DIAGRAM);
        List<String> traced = Pattern.compile("(?m)^(\\d+)\\t(\\S+)$").matcher(trace.substring(trace.indexOf("Messages")))
                .results().map(m -> m.group(2)).toList();
        assertThat(traced).as(trace).isNotEmpty();
        assertThat(traced).as("traced nodes belong to %s %s", ROUTE_FOR_DIAGRAM, nodes).anyMatch(nodes::contains);
    }

    /** Ids of the route's input and of every step, as the tracer reports them in "To Node". */
    private static Set<String> nodeIds(String routeId) {
        RouteDefinition def = ((ModelCamelContext) console.bridge.context()).getRouteDefinition(routeId);
        Set<String> ids = new HashSet<>();
        ids.add(def.getInput().getId());
        collect(def.getOutputs(), ids);
        return ids;
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, Set<String> ids) {
        for (ProcessorDefinition<?> p : outputs) {
            ids.add(p.getId());
            collect(p.getOutputs(), ids);
        }
    }

    private static String text(String step) throws Exception {
        Path p = OUT.resolve(step + ".txt");
        assertThat(p).as("browser script output for %s; node said:%n%s", step, nodeOutput).exists();
        return Files.readString(p);
    }
}
