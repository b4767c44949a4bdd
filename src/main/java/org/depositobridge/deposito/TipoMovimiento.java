package org.depositobridge.deposito;

import java.util.Locale;

/** Movement types of the deposito contract; the code is what the JSON carries. */
public enum TipoMovimiento {
    ENTRADA, SALIDA, AJUSTE, TRANSFERENCIA;

    private static final TipoMovimiento[] VALUES = values();

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TipoMovimiento ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Parses the contract's code; null for anything else (the caller decides whether that is a contract breach). */
    public static TipoMovimiento fromCode(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "entrada" -> ENTRADA;
            case "salida" -> SALIDA;
            case "ajuste" -> AJUSTE;
            case "transferencia" -> TRANSFERENCIA;
            default -> null;
        };
    }
}
