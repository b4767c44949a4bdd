package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.depositobridge.StartupRefused;
import org.depositobridge.deposito.DepositoTargetChoice.Kind;
import org.depositobridge.support.ShippedConfig;
import org.junit.jupiter.api.Test;

/** The one place that decides what the bridge talks to, from deposito.target, deposito.url and simulator.enabled. */
class DepositoTargetChoiceTest {

    /** auto: the URL when set (with the path prefix), the simulator when not, nothing when the simulator is off. */
    @Test
    void should_follow_the_url_in_auto() {
        DepositoTargetChoice real = decide(Map.of("deposito.url", "http://deposito:8002/", "deposito.path-prefix", "api/v1"));
        assertThat(real.kind()).isEqualTo(Kind.DEPOSITO);
        assertThat(real.deposito().baseUrl()).isEqualTo("http://deposito:8002/api/v1");
        assertThat(decide(Map.of()).kind()).isEqualTo(Kind.SIMULATOR);
        assertThat(decide(Map.of("simulator.enabled", "false")).kind()).isEqualTo(Kind.NONE);
    }

    /** deposito (the prod profile) without a URL refuses to start, naming the key and the explicit way out. */
    @Test
    void should_refuse_the_deposito_target_without_a_url() {
        assertThatThrownBy(() -> decide(Map.of("deposito.target", "deposito")))
                .isInstanceOf(StartupRefused.class)
                .hasMessageStartingWith("event=deposito_url_missing key=deposito.url ")
                .hasMessageContaining("DEPOSITO_TARGET=simulator");
        assertThat(decide(Map.of("deposito.target", "deposito", "deposito.url", "http://d")).kind())
                .isEqualTo(Kind.DEPOSITO);
    }

    /** simulator: the simulator even with a URL set, so a prod-like start on simulated data is a choice. */
    @Test
    void should_run_the_simulator_when_asked_even_with_a_url() {
        assertThat(decide(Map.of("deposito.target", "simulator", "deposito.url", "http://d")).kind())
                .isEqualTo(Kind.SIMULATOR);
    }

    /** Anything else is a typo: refused with the allowed values. */
    @Test
    void should_refuse_an_unknown_target() {
        assertThatThrownBy(() -> decide(Map.of("deposito.target", "real")))
                .hasMessageStartingWith("event=config_invalid key=deposito.target value=real")
                .hasMessageContaining("auto, deposito or simulator");
    }

    private static DepositoTargetChoice decide(Map<String, String> overrides) {
        return DepositoTargetChoice.decide(ShippedConfig.with(overrides));
    }
}
