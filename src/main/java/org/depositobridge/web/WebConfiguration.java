package org.depositobridge.web;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Binds bean {@code dashboardPage}, used by routes/dashboard-page.camel.yaml; run by the composition root. */
public class WebConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("dashboardPage", DashboardPage.fromClasspath(WebConfiguration.class.getClassLoader()));
    }
}
