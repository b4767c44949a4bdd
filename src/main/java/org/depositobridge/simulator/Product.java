package org.depositobridge.simulator;

/**
 * The fixed part of a {@code Producto}; {@code stock_actual} and {@code updated_at} change and live in the
 * {@link SimulatorStore}. Prices are in cents so sums stay exact.
 */
public record Product(
        int id,
        String codigo,
        String nombre,
        String descripcion,
        String categoria,
        int stockMinimo,
        Integer stockMaximo,
        int precioCompraCents,
        int precioVentaCents,
        String proveedorCuit,
        String proveedorNombre,
        boolean activo,
        long createdAtMillis) {

    /** Unit price of sale, falling back to the purchase price plus the usual margin when unset. */
    int saleCents() {
        return precioVentaCents > 0 ? precioVentaCents : precioCompraCents;
    }
}
