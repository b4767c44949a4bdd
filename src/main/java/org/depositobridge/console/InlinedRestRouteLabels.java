package org.depositobridge.console;

import java.util.Locale;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * Gives a REST route inlined into its verb (camel.rest.inlineRoutes, Camel's default) the labels Camel 4.18 drops on
 * the way, so Hawtio and JMX show them: the route's description becomes {@code GET <path>: <the verb's description>}
 * (the form the dashboard routes' own descriptions are written in), and its {@code from} gets the verb's id
 * ({@code get-summary}) instead of a generated {@code from123}. Camel's inlining (DefaultModel) copies the id, group
 * and route configuration of the {@code direct:} route into the verb's route, but not its description, and the verb's
 * {@code rest:} input has no id of its own. A route whose description or input id is set is left as it is.
 */
public class InlinedRestRouteLabels implements CamelConfiguration, ModelLifecycleStrategy {

    @Override
    public void configure(CamelContext context) {
        context.getCamelContextExtension().getContextPlugin(Model.class).addModelLifecycleStrategy(this);
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        RestDefinition rest = route.getRestDefinition();
        FromDefinition from = route.getInput();
        if (rest == null || from == null || from.getEndpointUri() == null) {
            return;
        }
        VerbDefinition verb = verbOf(rest, from.getEndpointUri());
        if (verb == null) {
            return;
        }
        if (route.getDescriptionText() == null && verb.getDescriptionText() != null) {
            route.setDescription(verb.asVerb().toUpperCase(Locale.ROOT) + " " + verb.getPath() + ": "
                    + verb.getDescriptionText());
        }
        if (from.getId() == null && verb.getId() != null) {
            from.setId(verb.getId());
        }
    }

    /** The verb whose REST consumer this is: {@code rest:<method>:<path>} then the end or the options. */
    static VerbDefinition verbOf(RestDefinition rest, String endpointUri) {
        // the model holds the normalised form, rest://get:/api/summary?...
        String uri = endpointUri.startsWith("rest://") ? "rest:" + endpointUri.substring("rest://".length()) : endpointUri;
        for (VerbDefinition verb : rest.getVerbs()) {
            String prefix = "rest:" + verb.asVerb() + ":" + verb.getPath();
            if (uri.startsWith(prefix) && (uri.length() == prefix.length() || uri.charAt(prefix.length()) == '?')) {
                return verb;
            }
        }
        return null;
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
        // nothing kept per route
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        // templates have no REST verb
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
        // templates have no REST verb
    }
}
