package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Hawtio shows of the dashboard routes: their model as the console reads it over JMX (ManagedRoute
 * dumpRouteAsXml, placeholders unresolved), with no generated id on the {@code from} or any step, no
 * {@code {{placeholder}}} as a label, and a description of its own naming the route's dataset.
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
            Matcher generated = GENERATED_ID.matcher(xml);
            while (generated.find()) {
                problems.add(route.getRouteId() + ": generated id " + generated.group(1));
            }
            if (xml.contains("{{")) {
                problems.add(route.getRouteId() + ": placeholder in the model");
            }
            String description = mbean.getDescription();
            if (description == null || !descriptions.add(description)) {
                problems.add(route.getRouteId() + ": no description of its own");
            }
            Matcher id = ROUTE_ID.matcher(route.getRouteId());
            if (description != null && id.matches() && !id.group(2).equals("guard") && !description.contains(id.group(2))) {
                problems.add(route.getRouteId() + ": description does not name dataset " + id.group(2));
            }
        }
        assertThat(checked).as("dashboard routes found").isGreaterThanOrEqualTo(20);
        assertThat(problems).isEmpty();
    }
}
