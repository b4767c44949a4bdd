package org.depositobridge.simulator;

/**
 * One movement as tests and the JSON writer read it back from the columnar store (materialised on demand).
 * {@code precioUnitarioCents} is null when the movement has no price.
 */
public record Movement(
        int id,
        int productoId,
        MovementType tipo,
        int cantidad,
        int stockAnterior,
        int stockPosterior,
        String motivo,
        String referencia,
        Integer precioUnitarioCents,
        String usuario,
        String agenteOrigen,
        String idempotencyKey,
        long timestampMillis) {
}
