package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.depositobridge.support.ShippedConfig;
import org.junit.jupiter.api.Test;

/** The console's settings and the policy it renders from them. */
class ConsoleSettingsTest {

    /** The shipped defaults are the secure ones. */
    @Test
    void should_default_to_loopback_login_and_full_policy() {
        ConsoleSettings s = ConsoleSettings.from(ShippedConfig.with(Map.of()));
        assertThat(s.enabled()).isTrue();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8778);
        assertThat(s.authentication()).isTrue();
        assertThat(s.readOnly()).isFalse();
        assertThat(s.usersFile()).isEqualTo(Path.of("data/hawtio-users.properties"));
        assertThat(s.workDir()).isEqualTo(Path.of("data", "hawtio"));
    }

    /** A typo in a switch ("on", "yes") stops the bridge instead of silently meaning false. */
    @Test
    void should_refuse_anything_but_true_or_false() {
        assertThatThrownBy(() -> ConsoleSettings.from(ShippedConfig.with(Map.of("hawtio.read-only", "yes"))))
                .hasMessageContaining("key=hawtio.read-only").hasMessageContaining("value=\"yes\"");
    }

    /** The effective policy names exactly the console's origins (with the Referer form), nothing wider. */
    @Test
    void should_render_exact_origins_into_the_policy() {
        String policy = JolokiaPolicy.render(JolokiaPolicy.template(false), List.of("http://127.0.0.1:9999"));
        assertThat(policy).contains("<allow-origin>http://127.0.0.1:9999</allow-origin>")
                .contains("<allow-origin>http://127.0.0.1:9999/*</allow-origin>")
                .doesNotContain("http://127.0.0.1:*").doesNotContain("http://localhost:*")
                .contains("<strict-checking/>").contains("<operation>send*</operation>");
        assertThat(JolokiaPolicy.render(JolokiaPolicy.template(true), List.of("http://localhost:1")))
                .contains("<command>read</command>").doesNotContain("<command>exec</command>");
    }

    /** An origin that could break out of the XML element is refused. */
    @Test
    void should_refuse_malformed_origins() {
        assertThatThrownBy(() -> JolokiaPolicy.render(JolokiaPolicy.template(false), List.of("http://x</allow-origin><allow-origin>*")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
