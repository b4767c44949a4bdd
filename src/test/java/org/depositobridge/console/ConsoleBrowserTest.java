package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * bin/setup.d/chromium.sh): log in, routes view, route diagram, trace. Screenshots and each view's text land in
 * target/console-browser/. Fails (never skips) when the browser is missing.
 */
class ConsoleBrowserTest {

    /** The route whose diagram and trace are opened: the deposito movements poller. */
    static final String ROUTE_FOR_DIAGRAM = "deposito-sync-movements";
    /** Bridge path requested before and during the trace (API traffic; the poller runs on its own timer). */
    static final String TRAFFIC_PATH = "/health";

    static final Path OUT = Path.of("target", "console-browser");

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
        BrowserRun run = BrowserRun.drive(console, ROUTE_FOR_DIAGRAM, TRAFFIC_PATH, OUT, "all");
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
        for (String step : List.of("01-logged-in", "02-routes", "03-route-diagram", "04-trace")) {
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
