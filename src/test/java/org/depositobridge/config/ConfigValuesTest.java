package org.depositobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.depositobridge.StartupRefused;
import org.depositobridge.deposito.DepositoSettings;
import org.depositobridge.support.ShippedConfig;
import org.junit.jupiter.api.Test;

/** The one settings reader: typed values, and a clear refusal naming the key when one is missing or mistyped. */
class ConfigValuesTest {

    /** Values come typed as written; durations in every documented form. */
    @Test
    void should_read_typed_values() {
        ConfigValues cfg = values(Map.ofEntries(Map.entry("a.int", " 42 "), Map.entry("a.long", "9000000000"),
                Map.entry("a.bool", "FALSE"), Map.entry("a.num", "1.5"), Map.entry("d.ms", "500ms"),
                Map.entry("d.s", "60s"), Map.entry("d.plain", "7"), Map.entry("d.m", "5m"), Map.entry("d.h", "1h"),
                Map.entry("d.d", "2d"), Map.entry("d.iso", "PT2M")));
        assertThat(cfg.integer("a.int")).isEqualTo(42);
        assertThat(cfg.longValue("a.long")).isEqualTo(9_000_000_000L);
        assertThat(cfg.bool("a.bool")).isFalse();
        assertThat(cfg.decimal("a.num")).isEqualTo(1.5);
        assertThat(cfg.duration("d.ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(cfg.duration("d.s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(cfg.duration("d.plain")).isEqualTo(Duration.ofSeconds(7));
        assertThat(cfg.duration("d.m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(cfg.duration("d.h")).isEqualTo(Duration.ofHours(1));
        assertThat(cfg.duration("d.d")).isEqualTo(Duration.ofDays(2));
        assertThat(cfg.duration("d.iso")).isEqualTo(Duration.ofMinutes(2));
    }

    /** A key in no configuration location: a startup refusal naming the key and where to set it. */
    @Test
    void should_refuse_a_missing_key_by_name() {
        ConfigValues cfg = values(Map.of());
        assertThatThrownBy(() -> cfg.integer("deposito.productos.page-size"))
                .isInstanceOf(StartupRefused.class)
                .hasMessageStartingWith("event=config_missing key=deposito.productos.page-size ")
                .hasMessageContaining("config/application.properties");
        // declared but blank is missing too for a required value; optional() reads it as "not used"
        ConfigValues blank = values(Map.of("reports.dir", "  "));
        assertThatThrownBy(() -> blank.string("reports.dir")).hasMessageContaining("key=reports.dir");
        assertThat(blank.optional("reports.dir")).isEmpty();
    }

    /** A value of the wrong type: a refusal naming key, value and what was expected. */
    @Test
    void should_refuse_a_mistyped_value_by_name() {
        ConfigValues cfg = values(Map.of("stock-updates.max-lines", "lots", "hawtio.read-only", "yes",
                "reports.catch-up-window", "1 fortnight", "deposito.max-response-bytes", "16MB"));
        assertThatThrownBy(() -> cfg.integer("stock-updates.max-lines")).isInstanceOf(StartupRefused.class)
                .hasMessage("event=config_invalid key=stock-updates.max-lines value=\"lots\" expected=\"an integer\"");
        assertThatThrownBy(() -> cfg.bool("hawtio.read-only"))
                .hasMessage("event=config_invalid key=hawtio.read-only value=\"yes\" expected=\"true or false\"");
        assertThatThrownBy(() -> cfg.duration("reports.catch-up-window"))
                .hasMessageStartingWith("event=config_invalid key=reports.catch-up-window value=\"1 fortnight\"");
        assertThatThrownBy(() -> cfg.longValue("deposito.max-response-bytes"))
                .hasMessageContaining("key=deposito.max-response-bytes");
    }

    /** A number out of its range: refused like a mistyped one, saying the range; the bounds themselves pass. */
    @Test
    void should_refuse_a_number_out_of_its_range_by_name() {
        ConfigValues cfg = values(Map.of("p.low", "0", "p.edge", "32", "d.neg", "-1", "d.zero", "0"));
        assertThatThrownBy(() -> cfg.integer("p.low", 1, 32, "an integer from 1 to 32")).isInstanceOf(StartupRefused.class)
                .hasMessage("event=config_invalid key=p.low value=\"0\" expected=\"an integer from 1 to 32\"");
        assertThat(cfg.integer("p.edge", 1, 32, "an integer from 1 to 32")).isEqualTo(32);
        assertThatThrownBy(() -> cfg.longValue("d.neg", 0, Long.MAX_VALUE, "days >= 0")).isInstanceOf(StartupRefused.class)
                .hasMessage("event=config_invalid key=d.neg value=\"-1\" expected=\"days >= 0\"");
        assertThat(cfg.longValue("d.zero", 0, Long.MAX_VALUE, "days >= 0")).isZero();
    }

    /** A mistyped secret-looking key is named, its value is not printed. */
    @Test
    void should_not_print_the_value_of_a_secret_key() {
        ConfigValues cfg = values(Map.of("dashboard.jwt-secret", "s3cr3t-value"));
        assertThatThrownBy(() -> cfg.integer("dashboard.jwt-secret"))
                .hasMessageContaining("key=dashboard.jwt-secret").hasMessageNotContaining("s3cr3t-value");
    }

    /** The shipped file holds every key a settings record reads: a record builds from it alone. */
    @Test
    void should_build_a_settings_record_from_the_shipped_defaults() {
        DepositoSettings s = DepositoSettings.read(ShippedConfig.with(Map.of()));
        assertThat(s.productosPageSize()).isEqualTo(1000);
        assertThat(s.tokenIssuer()).isEmpty();
        assertThatThrownBy(() -> DepositoSettings.read(ShippedConfig.with(Map.of("deposito.sync.stall-periods", "x"))))
                .hasMessageContaining("key=deposito.sync.stall-periods");
    }

    private static ConfigValues values(Map<String, String> values) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.putAll(values);
        context.getPropertiesComponent().setInitialProperties(p);
        return new ConfigValues(context);
    }
}
