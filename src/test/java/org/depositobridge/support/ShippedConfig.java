package org.depositobridge.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.depositobridge.config.ConfigValues;

/**
 * The keys as config/application.properties ships them (where every default lives), with a test's overrides on top:
 * for unit tests of a settings reader that do not start the bridge.
 */
public final class ShippedConfig {

    private ShippedConfig() {
    }

    public static ConfigValues with(Map<String, String> overrides) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.putAll(overrides);
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(p);
        return new ConfigValues(context);
    }
}
