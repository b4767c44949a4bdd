package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The string and JSON forms of faults (config, admin endpoint) round-trip and reject nonsense. */
class FaultSpecTest {

    /** Every kind's string form parses back to the same fault. */
    @Test
    void should_round_trip_the_string_form() {
        List<Fault> faults = List.of(
                Fault.latency(Duration.ofMillis(200), Duration.ofMillis(50)).on(Endpoint.MOVEMENTS).ratio(0.5),
                Fault.status(429).retryAfterSeconds(2).times(3).on(Endpoint.STOCK_UPDATE),
                Fault.reset(), Fault.silence().on(Endpoint.HEALTH), Fault.dribble(64), Fault.malformedJson(),
                Fault.truncatedBody(), Fault.wrongSchema(), Fault.brokenInvariant(), Fault.expiredToken(),
                Fault.rejectedToken(), Fault.totalDrift(-3).on(Endpoint.PRODUCTOS));
        for (Fault f : faults) {
            assertThat(Fault.parse(f.spec()).spec()).isEqualTo(f.spec());
            assertThat(Fault.fromJson(f.toJson().without("spec")).spec()).isEqualTo(f.spec());
        }
    }

    /** A list parses with ; separators and blanks; aliases read naturally. */
    @Test
    void should_parse_a_list_of_rules() {
        List<Fault> l = Fault.parseAll(" status:503@productos,ratio=0.5,retry-after=2,times=3 ; ; malformed@producto ");
        assertThat(l).hasSize(2);
        assertThat(l.get(0).status()).isEqualTo(503);
        assertThat(l.get(0).ratio()).isEqualTo(0.5);
        assertThat(l.get(0).times()).isEqualTo(3);
        assertThat(l.get(0).retryAfterSeconds()).isEqualTo(2);
        assertThat(l.get(1).kind()).isEqualTo(FaultKind.MALFORMED_JSON);
        assertThat(l.get(1).endpoint()).isEqualTo(Endpoint.PRODUCTO);
        assertThat(Fault.parseAll("")).isEmpty();
    }

    /** Out-of-range values are refused when the fault is built. */
    @Test
    void should_refuse_invalid_faults() {
        assertThatThrownBy(() -> Fault.status(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.reset().ratio(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.reset().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.dribble(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.parse("status:503@productos,colour=red")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorOptions.defaults().withFaults("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }
}
