package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fixed-size latency histogram: contiguous buckets, sub-1 % error, bounded size. */
class LatencyHistogramTest {

    /** Every value maps to a bucket whose bounds contain it, within 0.8 % of the value; buckets are contiguous. */
    @Test
    void should_bucket_every_value_within_its_precision() {
        long previousHigh = -1;
        for (int i = 0; i <= LatencyHistogram.indexOf(LatencyHistogram.HIGHEST_MICROS); i++) {
            assertThat(LatencyHistogram.lowestValueAt(i)).as("bucket %d", i).isEqualTo(previousHigh + 1);
            previousHigh = LatencyHistogram.highestValueAt(i);
        }
        for (long v = 1; v <= LatencyHistogram.HIGHEST_MICROS; v = v * 3 / 2 + 1) {
            int i = LatencyHistogram.indexOf(v);
            assertThat(v).isBetween(LatencyHistogram.lowestValueAt(i), LatencyHistogram.highestValueAt(i));
            assertThat((double) (LatencyHistogram.highestValueAt(i) - LatencyHistogram.lowestValueAt(i)) / v)
                    .isLessThan(0.008);
        }
        // the whole range fits in a fixed array of under 3,000 counters
        assertThat(LatencyHistogram.indexOf(LatencyHistogram.HIGHEST_MICROS)).isLessThan(3000);
    }

    /** Percentiles of 1..100,000 µs land on the right ranks; the max is exact; out-of-range values are clamped. */
    @Test
    void should_compute_percentiles_and_max() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        long[] p = h.percentiles(50, 95, 99, 100);
        assertThat(p[0]).isBetween(50_000L, 50_400L);
        assertThat(p[1]).isBetween(95_000L, 95_800L);
        assertThat(p[2]).isBetween(99_000L, 99_800L);
        assertThat(p[3]).isEqualTo(100_000L);
        assertThat(h.maxMicros()).isEqualTo(100_000L);
        assertThat(h.totalCount()).isEqualTo(100_000L);
        h.record(Long.MAX_VALUE);
        h.record(-5);
        assertThat(h.maxMicros()).isEqualTo(LatencyHistogram.HIGHEST_MICROS);
        assertThat(new LatencyHistogram().percentiles(50, 99)).containsExactly(0, 0);
    }
}
