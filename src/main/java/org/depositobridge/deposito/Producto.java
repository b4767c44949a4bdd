package org.depositobridge.deposito;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A deposito product as the bridge keeps it. Times are epoch milliseconds (UTC); a provider is the
 * ({@code proveedorCuit}, {@code proveedorNombre}) pair, both possibly null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Producto(
        long id,
        String codigo,
        String nombre,
        String descripcion,
        String categoria,
        int stockActual,
        int stockMinimo,
        Integer stockMaximo,
        double precioCompra,
        Double precioVenta,
        String proveedorCuit,
        String proveedorNombre,
        boolean activo,
        long createdAtMillis,
        Long updatedAtMillis) {

    /** Inventory value at purchase price. */
    public double valorStock() {
        return stockActual * precioCompra;
    }
}
