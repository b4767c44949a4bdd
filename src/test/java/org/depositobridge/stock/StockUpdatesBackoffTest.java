package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The retry back-off of deferred files: doubling, capped, and the set of remembered files bounded. */
class StockUpdatesBackoffTest {

    private final StockUpdates updates = new StockUpdates(
            new StockUpdates.Settings(Path.of("unused"), 1024, 10, 100, 1000, null, 1), null, new StockMetrics(() -> null));

    /** 100, 200, 400, 800, then capped at 1,000 ms. */
    @Test
    void should_double_the_delay_up_to_the_cap() {
        Path p = Path.of("inbox/a.csv");
        assertThat(java.util.stream.IntStream.range(0, 6).mapToLong(i -> updates.defer(p)).toArray())
                .containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    /** However many files fail, at most 1,000 are remembered (the oldest is forgotten: it is then simply retried). */
    @Test
    void should_remember_at_most_a_thousand_deferred_files() {
        for (int i = 0; i < 1500; i++) {
            updates.defer(Path.of("inbox/f" + i + ".csv"));
        }
        assertThat(updates.deferredCount()).isEqualTo(1000);
    }
}
