package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The columnar movement log: appends never disturb older readers, retention bounds it by time. */
class MovementLogTest {

    private static MovementLog build(int n, long firstTs) {
        MovementLog.Appender a = MovementLog.empty().appender();
        for (int i = 0; i < n; i++) {
            a.add(i + 1, i % 7, i % 3 == 0 ? TipoMovimiento.ENTRADA : TipoMovimiento.SALIDA, i % 3 == 0 ? 5 : -1,
                    firstTs + i, i % 2 == 0 ? 10.5 : Double.NaN, Double.NaN);
        }
        return a.build();
    }

    /** Rows read back exactly as written, across chunk boundaries. */
    @Test
    void should_store_rows_across_chunks() {
        int n = MovementLog.CHUNK * 2 + 17;
        MovementLog log = build(n, 1_000);
        assertThat(log.size()).isEqualTo(n);
        for (int i : new int[] {0, 1, MovementLog.CHUNK - 1, MovementLog.CHUNK, n - 1}) {
            assertThat(log.id(i)).isEqualTo(i + 1);
            assertThat(log.productoId(i)).isEqualTo(i % 7);
            assertThat(log.timestampMillis(i)).isEqualTo(1_000 + i);
            assertThat(log.tipo(i)).isEqualTo(i % 3 == 0 ? TipoMovimiento.ENTRADA : TipoMovimiento.SALIDA);
        }
        assertThat(Double.isNaN(log.precioUnitario(1))).isTrue();
        assertThat(log.precioUnitario(2)).isEqualTo(10.5);
        assertThat(log.maxId()).isEqualTo(n);
    }

    /** A log built from another shares its rows but appends never show through to the older one. */
    @Test
    void should_leave_the_base_log_untouched_when_appending() {
        MovementLog base = build(MovementLog.CHUNK + 10, 0);
        MovementLog.Appender a = base.appender();
        a.add(999_999, 1, TipoMovimiento.AJUSTE, 3, 5_000_000, Double.NaN, Double.NaN);
        MovementLog next = a.build();
        assertThat(base.size()).isEqualTo(MovementLog.CHUNK + 10);
        assertThat(next.size()).isEqualTo(MovementLog.CHUNK + 11);
        assertThat(next.id(next.size() - 1)).isEqualTo(999_999);
        // the same slot in the base's (copied) tail chunk is still empty for any later appender of base
        MovementLog other = base.appender().add(7, 1, TipoMovimiento.SALIDA, -1, 6_000_000, Double.NaN, Double.NaN).build();
        assertThat(other.id(other.size() - 1)).isEqualTo(7);
        assertThat(next.id(next.size() - 1)).isEqualTo(999_999);
    }

    /** Retention drops every row older than the cutoff and nothing newer. */
    @Test
    void should_drop_rows_older_than_the_cutoff() {
        MovementLog log = build(MovementLog.CHUNK * 3, 0);
        MovementLog kept = log.retainFrom(MovementLog.CHUNK + 5);
        assertThat(kept.size()).isEqualTo(MovementLog.CHUNK * 3 - MovementLog.CHUNK - 5);
        assertThat(kept.timestampMillis(0)).isEqualTo(MovementLog.CHUNK + 5);
        assertThat(kept.id(kept.size() - 1)).isEqualTo(MovementLog.CHUNK * 3);
        MovementLog appended = kept.appender().add(1, 1, TipoMovimiento.SALIDA, -2, Long.MAX_VALUE, 1, 2).build();
        assertThat(appended.size()).isEqualTo(kept.size() + 1);
        assertThat(log.retainFrom(Long.MAX_VALUE).size()).isZero();
    }

    /**
     * droppedFrom recognises a log that is an earlier one with rows dropped in front and rows appended behind, and
     * nothing else: the roll-up adds only the appended rows on that word.
     */
    @Test
    void should_tell_an_appended_log_from_any_other() {
        MovementLog base = build(MovementLog.CHUNK * 2 + 10, 0);
        MovementLog appended = base.appender().add(1, 1, TipoMovimiento.SALIDA, -1, 9_000_000, 1, Double.NaN).build();
        assertThat(appended.droppedFrom(base)).isZero();
        assertThat(base.droppedFrom(base)).isZero();
        assertThat(base.droppedFrom(appended)).as("a log shorter than the earlier one").isEqualTo(-1);

        MovementLog retained = appended.retainFrom(MovementLog.CHUNK + 5);
        assertThat(retained.droppedFrom(appended)).isEqualTo(MovementLog.CHUNK + 5);
        assertThat(retained.droppedFrom(base)).isEqualTo(MovementLog.CHUNK + 5);
        MovementLog both = retained.appender().add(2, 1, TipoMovimiento.SALIDA, -1, 9_000_001, 1, 2).build();
        assertThat(both.droppedFrom(base)).isEqualTo(MovementLog.CHUNK + 5);
        assertThat(base.retainFrom(Long.MAX_VALUE).droppedFrom(base)).isEqualTo(base.size());

        // another poll's appends to the same base: the rows after base differ
        MovementLog other = base.appender().add(3, 2, TipoMovimiento.ENTRADA, 4, 9_000_000, 1, Double.NaN).build();
        assertThat(other.droppedFrom(appended)).isEqualTo(-1);
        assertThat(appended.droppedFrom(other)).isEqualTo(-1);
        // a base ending on a chunk boundary: its next rows go to new chunks, compared row by row
        MovementLog full = build(MovementLog.CHUNK, 0);
        MovementLog a1 = full.appender().add(4, 1, TipoMovimiento.SALIDA, -1, 1, 1, 1).build();
        MovementLog a2 = full.appender().add(5, 1, TipoMovimiento.SALIDA, -1, 1, 1, 1).build();
        assertThat(a1.droppedFrom(full)).isZero();
        assertThat(a2.droppedFrom(a1)).isEqualTo(-1);

        // the same rows built afresh: told apart by chunk identity, except where the shared rows fit in one chunk,
        // where the rows themselves are compared (so the answer is still right)
        assertThat(build(MovementLog.CHUNK * 2 + 11, 0).droppedFrom(base)).isEqualTo(-1);
        assertThat(build(MovementLog.CHUNK - 3, 0).droppedFrom(build(MovementLog.CHUNK - 7, 0))).isZero();
        assertThat(build(10, 0).droppedFrom(MovementLog.empty())).isZero();
        // or older rows merged in front
        MovementLog.Appender merged = MovementLog.empty().appender().add(0, 1, TipoMovimiento.AJUSTE, 1, -5, 1, 1);
        for (int i = 0; i < base.size(); i++) {
            merged.add(base.id(i), base.productoId(i), base.tipo(i), base.cantidad(i), base.timestampMillis(i),
                    base.precioUnitario(i), base.valorTotal(i));
        }
        assertThat(merged.build().droppedFrom(base)).isEqualTo(-1);
    }
}
