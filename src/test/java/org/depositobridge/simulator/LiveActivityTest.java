package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Live activity keeps appending consistent movements while the simulator runs, and stops at capacity. */
class LiveActivityTest {

    /** At 6,000 per minute new movements appear within seconds, visible over HTTP, with timestamps moving forward. */
    @Test
    void should_append_live_movements_at_the_configured_rate() throws Exception {
        try (DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(50).withDays(5)
                .withMovementsPerDay(100).withLiveMovementsPerMinute(6000))) {
            int generated = 500;
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.store().movementCount() >= generated + 100);
            JsonNode page = new SimClient(sim).getJson("/stock/movements?page=6&size=100");
            assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(600);
            long last = 0;
            for (int id = 1; id <= sim.store().movementCount(); id++) {
                long ts = sim.store().movement(id).timestampMillis();
                assertThat(ts).isGreaterThanOrEqualTo(last);
                last = ts;
            }
            for (int p = 1; p <= 50; p++) {
                List<Movement> ms = sim.store().movementsOf(p);
                for (int i = 1; i < ms.size(); i++) {
                    assertThat(ms.get(i).stockAnterior()).isEqualTo(ms.get(i - 1).stockPosterior());
                }
                if (!ms.isEmpty()) {
                    assertThat(sim.store().stockOf(p)).isEqualTo(ms.get(ms.size() - 1).stockPosterior());
                }
            }
        }
    }

    /** Live activity stops when the store reaches its capacity: memory stays bounded however long it runs. */
    @Test
    void should_stop_live_activity_at_capacity() {
        try (DepositoSimulator sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(20).withDays(2)
                .withMovementsPerDay(50).withLiveMovementsPerMinute(60000).withMaxMovements(300))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.store().movementCount() == 300);
            assertThat(sim.store().movementCount()).isEqualTo(300);
        }
    }
}
