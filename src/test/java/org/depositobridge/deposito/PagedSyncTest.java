package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The pages a poller route asks for, and the page sizes it refuses. */
class PagedSyncTest {

    static final SnapshotStore STORE = new SnapshotStore("simulator", 60_000, Clock.systemUTC());
    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");

    /** Pages 2..n, each with its number (movements' page=) and its offset (products' offset=). */
    @Test
    void should_list_the_remaining_pages_with_number_and_offset() {
        assertThat(PageLists.from2To(4, 100)).containsExactly(new DepositoPage(2, 100), new DepositoPage(3, 200),
                new DepositoPage(4, 300));
        assertThat(PageLists.from2To(1, 100)).isEmpty();
        assertThat(PageLists.from2To(-1, 100)).isEmpty();
    }

    /**
     * A page size the deposito does not serve stops the start with the key's name: the route asks with the configured
     * size and the parser checks against it, so changing it silently would fail every cycle.
     */
    @Test
    void should_refuse_a_page_size_outside_1_to_1000() {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> new ProductosSync(STORE, json, 0, ZONE, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deposito.productos.page-size must be 1..1000, not 0");
        assertThatThrownBy(() -> new MovementsSync(STORE, json, 1001, Duration.ofMinutes(10), Duration.ofDays(400),
                Duration.ZERO, ZONE, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deposito.movements.page-size must be 1..1000, not 1001");
        assertThat(new ProductosSync(STORE, json, 1000, ZONE, Clock.systemUTC()).pageSize).isEqualTo(1000);
    }
}
