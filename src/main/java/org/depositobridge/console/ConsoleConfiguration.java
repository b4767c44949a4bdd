package org.depositobridge.console;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Adds the {@link HawtioConsole} to the CamelContext, so it starts and stops with the bridge. Found by camel-main's
 * package scan of {@code org.depositobridge}.
 */
public class ConsoleConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        HawtioConsole console = new HawtioConsole(ConsoleSettings.from(camelContext));
        camelContext.addService(console, true, true);
        camelContext.addStartupListener(console);
    }
}
