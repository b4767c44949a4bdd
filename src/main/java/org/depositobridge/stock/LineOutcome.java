package org.depositobridge.stock;

import java.util.Locale;

/**
 * How one line was settled: {@code applied} (a new movement), {@code replayed} (the deposito already held a
 * movement with the line's key), {@code rejected} (a business answer: nothing changed, fix and re-drop) or
 * {@code failed} (transient: the file stays in the inbox and the line is sent again on the next attempt).
 */
public record LineOutcome(int line, Status status, Long movimientoId, Integer stockAnterior, Integer stockNuevo,
        String error) {

    public enum Status {
        APPLIED, REPLAYED, REJECTED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** A settled line: the journal keeps it and a later attempt never sends it again. */
    public boolean settled() {
        return status != Status.FAILED;
    }
}
