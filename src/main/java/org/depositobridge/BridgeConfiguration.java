package org.depositobridge;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.MaskingFormatter;
import org.depositobridge.health.HealthView;
import org.depositobridge.logging.LogMask;

/** Beans shared by the route files; each capability package adds its own configuration class. */
public class BridgeConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        // once the servers are bound and the routes run: the summary shows the real ports
        WhenFullyStarted.run(context, StartSummary::log);
    }

    /** Camel looks this name up for {@code camel.main.logMask=true}. */
    @BindToRegistry(MaskingFormatter.CUSTOM_LOG_MASK_REF)
    public MaskingFormatter logMask() {
        return new LogMask();
    }

    @BindToRegistry("healthView")
    public HealthView healthView() {
        return new HealthView();
    }
}
