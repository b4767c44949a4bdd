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

import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.model.Model;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Hawtio shows of the dashboard routes: their model as the console reads it over JMX (ManagedRoute
 * dumpRouteAsXml, placeholders unresolved), with no generated id on any step or {@code from}, no
 * {@code {{placeholder}}} as a label, and a description of its own naming the route's dataset, the one written in
 * YAML.
 */
class DashboardRouteLabelsTest {

    /** Camel's generated ids: a node kind followed by a counter (from6, bean97, to12, setHeader3...). */
    static final Pattern GENERATED_ID = Pattern.compile("\\sid=\"([a-zA-Z]+[0-9]+)\"");
    static final Pattern ROUTE_ID = Pattern.compile("^(api|export)-(.+?)(-xlsx)?$");

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Every dashboard route: its own ids everywhere, no placeholder label, one description naming its dataset. */
    @Test
    void should_label_every_dashboard_route_and_step() throws Exception {
        ManagedCamelContext managed = bridge.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        List<String> problems = new ArrayList<>();
        Set<String> descriptions = new HashSet<>();
        int checked = 0;
        for (Route route : bridge.context().getRoutes()) {
            String group = route.getGroup();
            if (group == null || !group.startsWith("dashboard-")) {
                continue;
            }
            checked++;
            ManagedRouteMBean mbean = managed.getManagedRoute(route.getRouteId());
            String xml = mbean.dumpRouteAsXml(false);
            // an inlined route's from is its verb's rest: endpoint, named after the verb (InlinedRestRouteLabels)
            Matcher generated = GENERATED_ID.matcher(xml);
            while (generated.find()) {
                problems.add(route.getRouteId() + ": generated id " + generated.group(1));
            }
            if (xml.contains("{{")) {
                problems.add(route.getRouteId() + ": placeholder in the model");
            }
            // what Hawtio shows: Camel 4.18 drops the YAML description of a route inlined into its REST verb, and
            // InlinedRestRouteLabels makes it again from the verb ("GET <path>: <verb description>"); both must agree
            String description = mbean.getDescription();
            if (description == null || !descriptions.add(description)) {
                problems.add(route.getRouteId() + ": no description of its own");
            } else if (!description.equals(writtenDescription(route))) {
                problems.add(route.getRouteId() + ": shows '" + description + "', YAML says '" + writtenDescription(route) + "'");
            }
            Matcher id = ROUTE_ID.matcher(route.getRouteId());
            if (description != null && id.matches() && !id.group(2).equals("guard") && !description.contains(id.group(2))) {
                problems.add(route.getRouteId() + ": description does not name dataset " + id.group(2));
            }
        }
        assertThat(checked).as("dashboard routes found").isGreaterThanOrEqualTo(20);
        assertThat(problems).isEmpty();
    }

    /** The {@code description:} written right after the route's {@code id:} in its YAML file. */
    private static String writtenDescription(Route route) throws Exception {
        String location = route.getSourceLocation();
        if (location == null) {
            return null;
        }
        String yaml = Files.readString(Path.of(location.replaceFirst("^file:", "").replaceFirst(":[0-9]+$", "")));
        Matcher m = Pattern.compile("\\n    id: " + Pattern.quote(route.getRouteId()) + "\\n(?:    [a-zA-Z]+: .*\\n)*?    description: \"?([^\"\\n]*)")
                .matcher(yaml);
        return m.find() ? m.group(1) : null;
    }
}
