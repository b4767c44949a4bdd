package org.depositobridge.stock;

/** The file as a whole cannot be processed (too large, not UTF-8 text, wrong header, malformed CSV): nothing of it is applied. */
public class StockFileException extends Exception {

    public StockFileException(String message) {
        super(message);
    }
}
