package org.depositobridge;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.health.HealthView;

/** Beans shared by the route files; each capability package adds its own configuration class. */
public class BridgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        // once the servers are bound and the routes run: the summary shows the real ports
        WhenFullyStarted.run(context, StartSummary::log);
    }

    @BindToRegistry("healthView")
    public HealthView healthView() {
        return new HealthView();
    }
}
