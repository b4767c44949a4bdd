package org.depositobridge.stock;

import java.math.BigDecimal;
import java.util.List;

/**
 * One data row of a stock file.
 *
 * @param number        1-based data row number (the header is row 0); a quoted field spanning lines does not change it
 * @param fileSha256    the file's content hash (one shared string; the key is built from it on demand, so a large
 *                      file does not hold a key string per line)
 * @param values        the row's fields as written, in the file's column order (for the rejected file)
 * @param productoId    the product id column, when given
 * @param codigo        the product code column, when given and no id is
 * @param tipo          {@code tipo_movimiento} as written (the deposito validates it)
 * @param cantidad      the quantity, null when {@link #problem} says why
 * @param motivo        null when blank
 * @param referencia    null when blank
 * @param precioUnitario null when blank
 * @param usuario       null when blank (the deposito then records "sistema")
 * @param problem       why the line cannot be sent at all (not a number, missing column), else null
 */
public record StockLine(int number, String fileSha256, List<String> values, Long productoId, String codigo, String tipo,
        Long cantidad, String motivo, String referencia, BigDecimal precioUnitario, String usuario,
        String problem) {

    /** The deterministic idempotency key sent with the line: {@code csv:<file sha256>:<number>}. */
    public String key() {
        return StockFileReader.KEY_PREFIX + fileSha256 + ":" + number;
    }
}
