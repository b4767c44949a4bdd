package org.depositobridge.web;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Binds bean {@code dashboardPage}, used by routes/dashboard-page.camel.yaml. */
public class WebConfiguration implements CamelConfiguration {

    @BindToRegistry("dashboardPage")
    public DashboardPage dashboardPage() {
        return DashboardPage.fromClasspath(WebConfiguration.class.getClassLoader());
    }
}
