package org.depositobridge.simulator;

import java.util.Locale;

/** Endpoint groups a {@link Fault} can target; {@link #ALL} matches every contract endpoint (not /metrics). */
public enum Endpoint {
    /** GET /health */
    HEALTH,
    /** GET /productos */
    PRODUCTOS,
    /** GET /productos/{id} */
    PRODUCTO,
    /** POST /stock/update */
    STOCK_UPDATE,
    /** GET /stock/critical */
    CRITICAL,
    /** GET /stock/movements */
    MOVEMENTS,
    /** every endpoint above */
    ALL;

    boolean matches(Endpoint e) {
        return this == ALL || this == e;
    }

    /** Name in the string and JSON forms: {@code productos}, {@code stock-update}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Endpoint fromWire(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown endpoint '" + s + "' (one of health, productos, producto, "
                    + "stock-update, critical, movements, all)");
        }
    }
}
