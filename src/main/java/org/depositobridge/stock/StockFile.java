package org.depositobridge.stock;

import java.util.List;

/**
 * A stock file read whole and checked: its content hash (the base of every line's key), separator, header and rows.
 *
 * @param sha256    lower-case hex SHA-256 of the file's bytes
 * @param separator ',' or ';', detected from the header row
 * @param header    the header's column names as written (trimmed)
 * @param lines     the data rows in file order
 */
public record StockFile(String sha256, char separator, List<String> header, List<StockLine> lines) {
}
