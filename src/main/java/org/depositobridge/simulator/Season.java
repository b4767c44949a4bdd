package org.depositobridge.simulator;

import java.time.Month;

/**
 * Southern-hemisphere seasons and the factor the deposito applies to {@code stock_minimo} to decide what is
 * critical: verano (Dec-Feb) 1.3, otoño (Mar-May) 1.0, invierno (Jun-Aug) 0.8, primavera (Sep-Nov) 1.1.
 */
enum Season {
    VERANO("verano", 1.3), OTONO("otoño", 1.0), INVIERNO("invierno", 0.8), PRIMAVERA("primavera", 1.1);

    final String nombre;
    final double factor;

    Season(String nombre, double factor) {
        this.nombre = nombre;
        this.factor = factor;
    }

    static Season of(Month m) {
        return switch (m) {
            case DECEMBER, JANUARY, FEBRUARY -> VERANO;
            case MARCH, APRIL, MAY -> OTONO;
            case JUNE, JULY, AUGUST -> INVIERNO;
            default -> PRIMAVERA;
        };
    }
}
