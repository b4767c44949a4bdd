package org.depositobridge.stats;

import java.util.Locale;

/**
 * The fixed set of deposito endpoint groups an attempt is counted under. Metric labels and report keys use
 * {@link #label()}; raw URIs or ids never become labels, so the number of series stays fixed.
 */
public enum DepositoEndpoint {
    PRODUCTOS("productos"),
    CRITICAL("critical"),
    MOVEMENTS("movements"),
    STOCK_UPDATE("stock_update");

    private static final DepositoEndpoint[] VALUES = values();

    private final String label;

    DepositoEndpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The endpoint for an exchange property value: an enum constant, its label ({@code stock_update}) or its name
     * ({@code STOCK_UPDATE}). Null for anything else, so a typo in a route never creates a new label.
     */
    public static DepositoEndpoint of(Object value) {
        if (value instanceof DepositoEndpoint e) {
            return e;
        }
        if (value == null) {
            return null;
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        for (DepositoEndpoint e : VALUES) {
            if (e.label.equals(s)) {
                return e;
            }
        }
        return null;
    }
}
