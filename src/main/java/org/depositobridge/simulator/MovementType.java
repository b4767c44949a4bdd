package org.depositobridge.simulator;

/** {@code tipo_movimiento} values and their wire names. */
public enum MovementType {
    ENTRADA("entrada"), SALIDA("salida"), AJUSTE("ajuste"), TRANSFERENCIA("transferencia");

    private static final MovementType[] VALUES = values();

    private final String wire;

    MovementType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static MovementType of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The type for a wire name, or null when unknown. */
    public static MovementType fromWire(String s) {
        for (MovementType t : VALUES) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
