package org.depositobridge.console;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.depositobridge.config.ConfigValues;

/**
 * Adds the {@link HawtioConsole} to the CamelContext, so it starts and stops with the bridge. Run by the composition
 * root, {@code BridgeConfiguration}.
 */
public class ConsoleConfiguration implements CamelConfiguration {

    private final ConfigValues cfg;

    public ConsoleConfiguration(ConfigValues cfg) {
        this.cfg = cfg;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        HawtioConsole console = new HawtioConsole(ConsoleSettings.from(cfg));
        camelContext.addService(console, true, true);
        camelContext.addStartupListener(console);
    }
}
