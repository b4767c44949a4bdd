package org.depositobridge.deposito;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code GET /stock/critical}, as the deposito computes it (season factor applied). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockCritico(
        long productoId,
        String codigo,
        String nombre,
        String categoria,
        int stockActual,
        int stockMinimoOriginal,
        int stockMinimoAjustado,
        double factorTemporada,
        String temporada,
        int deficit,
        String precioCompraFormateado) {
}
