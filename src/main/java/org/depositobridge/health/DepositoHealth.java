package org.depositobridge.health;

/**
 * What {@code GET /health} reports about the deposito connection. The deposito capability binds an
 * implementation as bean {@code depositoHealth}; without one, /health reports the deposito as unknown.
 */
public interface DepositoHealth {

    /** Whether the last attempt to reach the deposito succeeded. */
    boolean reachable();

    /** Epoch millis of the last successful call, null when none yet. */
    Long lastSuccessMillis();

    /** The circuit breaker's state: CLOSED, OPEN, HALF_OPEN (or another Resilience4j state name). */
    String circuitState();
}
