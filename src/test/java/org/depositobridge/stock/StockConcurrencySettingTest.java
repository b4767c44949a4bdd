package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.depositobridge.StartupRefused;
import org.depositobridge.config.ConfigValues;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code stock-updates.concurrency}: 1 to 64 lines of a file in flight; anything else refuses the start with one line
 * naming the key, the value and what is expected, before a file is touched.
 */
class StockConcurrencySettingTest {

    @TempDir
    Path temp;

    /** 1 (one line after the other), the default and 64 are taken as written. */
    @ParameterizedTest
    @ValueSource(strings = {"1", "8", " 64 "})
    void should_take_one_to_sixty_four(String value) {
        assertThat(StockUpdatesConfiguration.concurrency(values(value))).isEqualTo(Integer.parseInt(value.trim()));
    }

    /** Zero, negative and above the cap: config_invalid naming the range. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "65", "1000"})
    void should_refuse_a_value_out_of_range(String value) {
        assertThatThrownBy(() -> StockUpdatesConfiguration.concurrency(values(value)))
                .isInstanceOf(StartupRefused.class)
                .hasMessage("event=config_invalid key=stock-updates.concurrency value=\"" + value
                        + "\" expected=\"an integer from 1 (one line after the other) to 64\"");
    }

    /** Not a number: config_invalid, as for every integer key. */
    @ParameterizedTest
    @ValueSource(strings = {"eight", "4.5", "8 lines"})
    void should_refuse_a_value_that_is_not_an_integer(String value) {
        assertThatThrownBy(() -> StockUpdatesConfiguration.concurrency(values(value)))
                .isInstanceOf(StartupRefused.class)
                .hasMessage("event=config_invalid key=stock-updates.concurrency value=\"" + value
                        + "\" expected=\"an integer\"");
    }

    /** The real bridge refuses to start with 0, and the file already waiting in its inbox is left as it was. */
    @Test
    void should_refuse_the_start_and_leave_the_inbox_untouched() throws Exception {
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        String csv = "producto_id,tipo_movimiento,cantidad\n1,entrada,5\n";
        Files.writeString(inbox.resolve("waiting.csv"), csv);
        Path data = temp.resolve("data");

        assertThatThrownBy(() -> RunningBridge.start(Map.of("stock-updates.concurrency", "0",
                "stock-updates.inbox", inbox.toString(), "bridge.data-dir", data.toString())))
                .satisfies(e -> assertThat(StartupRefused.in(e)).isNotNull()
                        .hasMessageStartingWith("event=config_invalid key=stock-updates.concurrency value=\"0\" "));

        assertThat(inbox).isDirectoryContaining("glob:**waiting.csv").isDirectoryNotContaining("glob:**processed")
                .isDirectoryNotContaining("glob:**rejected");
        assertThat(Files.readString(inbox.resolve("waiting.csv"))).isEqualTo(csv);
        assertThat(data.resolve("stock-updates")).doesNotExist();
    }

    private static ConfigValues values(String concurrency) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("stock-updates.concurrency", concurrency);
        context.getPropertiesComponent().setInitialProperties(p);
        return new ConfigValues(context);
    }
}
