package org.depositobridge;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.depositobridge.health.HealthView;

/** Beans shared by the route files; each capability package adds its own configuration class. */
public class BridgeConfiguration implements CamelConfiguration {

    @BindToRegistry("healthView")
    public HealthView healthView() {
        return new HealthView();
    }
}
