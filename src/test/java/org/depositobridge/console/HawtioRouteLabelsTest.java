package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 3: what Hawtio shows of every running route of the real bridge, read as the console reads it: over
 * JMX, each route MBean's {@code dumpRouteAsXml(true)} (placeholders resolved) and its {@code Description} attribute.
 * No route or step may show a {@code {{placeholder}}}, a generated id ({@code from6}, {@code bean97},
 * {@code route-3sync-movements-label}) or share its description with another route.
 */
class HawtioRouteLabelsTest {

    /**
     * Ids Camel makes up: a node kind followed by a counter ({@code from6}, {@code bean97}, {@code setHeader3},
     * {@code route12}), or a template's {@code route-N...} prefix.
     */
    static final Pattern GENERATED_ID = Pattern.compile("\\sid=\"((?:[a-zA-Z]+[0-9]+)|(?:route-[0-9][^\"]*))\"");
    /** A placeholder used to pick a bean or name a step: unresolved, it is what Hawtio would draw. */
    static final Pattern PLACEHOLDER_REF = Pattern.compile("\\s(?:id|ref|beanType)=\"[^\"]*\\{\\{");

    static RunningBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = RunningBridge.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Every route: resolved labels only, its own ids on every node, a description no other route has. */
    @Test
    void should_show_every_route_with_its_own_ids_and_description() throws Exception {
        MBeanServer jmx = bridge.context().getManagementStrategy().getManagementAgent().getMBeanServer();
        Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=*,type=routes,name=*"), null);
        assertThat(routes).as("route MBeans").hasSizeGreaterThanOrEqualTo(bridge.context().getRoutes().size());

        Map<String, List<String>> problems = new TreeMap<>();
        Map<String, String> descriptionOwner = new HashMap<>();
        for (ObjectName route : routes) {
            String id = (String) jmx.getAttribute(route, "RouteId");
            List<String> found = new ArrayList<>();
            String resolved = (String) jmx.invoke(route, "dumpRouteAsXml", new Object[] {true},
                    new String[] {"boolean"});
            String asWritten = (String) jmx.invoke(route, "dumpRouteAsXml", new Object[] {false},
                    new String[] {"boolean"});
            Matcher generated = GENERATED_ID.matcher(resolved);
            while (generated.find()) {
                found.add("generated id " + generated.group(1));
            }
            if (resolved.contains("{{")) {
                found.add("unresolved placeholder in the model");
            }
            if (PLACEHOLDER_REF.matcher(asWritten).find()) {
                found.add("a placeholder picks a bean or names a step");
            }
            String description = (String) jmx.getAttribute(route, "Description");
            if (description == null || description.isBlank()) {
                found.add("no description");
            } else {
                String other = descriptionOwner.putIfAbsent(description, id);
                if (other != null) {
                    found.add("same description as " + other);
                    problems.computeIfAbsent(other, k -> new ArrayList<>()).add("same description as " + id);
                }
            }
            if (!found.isEmpty()) {
                problems.computeIfAbsent(id, k -> new ArrayList<>()).addAll(found);
            }
        }
        Map<String, String> failing = new TreeMap<>();
        problems.forEach((id, list) -> failing.put(id, String.join("; ", list)));
        failing.forEach((id, what) -> System.out.printf("HawtioRouteLabelsTest: %s: %s%n", id, what));

        assertThat(failing).as("routes that show generated ids, placeholders or no description of their own")
                .isEmpty();
    }
}
