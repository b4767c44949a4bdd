package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;

/**
 * Every step of the three poller routes (routes/deposito-sync.camel.yaml) has an id of its own, named after its
 * poller, so Hawtio's diagram, trace and debugger and the per-processor metrics show {@code sync-movements-publish},
 * not a generated {@code bean97}.
 */
class PollerStepIdsTest {

    /** Each poller's steps, nested ones too, carry an explicit id with its name and no template placeholder. */
    @Test
    void should_name_every_poller_step_after_its_poller() throws Exception {
        try (RunningBridge bridge = RunningBridge.start(Map.of("deposito.sync.enabled", "false"))) {
            ModelCamelContext model = (ModelCamelContext) bridge.context();
            for (String poller : List.of("productos", "critical", "movements")) {
                RouteDefinition route = model.getRouteDefinition("deposito-sync-" + poller);
                @SuppressWarnings("rawtypes")
                Collection<ProcessorDefinition> steps = ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                        ProcessorDefinition.class);
                assertThat(steps).as(poller).hasSizeGreaterThanOrEqualTo(16).allSatisfy(step -> {
                    assertThat(step.hasCustomIdAssigned()).as(step.toString()).isTrue();
                    assertThat(step.getId()).startsWith("sync-" + poller + "-").doesNotContain("{{");
                });
            }
        }
    }
}
