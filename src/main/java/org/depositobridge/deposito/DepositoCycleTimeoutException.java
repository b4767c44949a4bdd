package org.depositobridge.deposito;

import java.io.IOException;

/**
 * A sync cycle ran past its deadline ({@code deposito.<poller>.cycle-timeout-ms}): raised before a call of the
 * cycle starts, or while an answer is being read (the connection is dropped at that point). A deposito that
 * dribbles its pages thus fails the cycle, and the data is flagged stale, instead of holding the poller for ever.
 * An {@link IOException} because it may be thrown from the body's stream; never retried (the deadline has passed),
 * counted by the breaker like any timeout.
 */
public class DepositoCycleTimeoutException extends IOException {

    public DepositoCycleTimeoutException(String message) {
        super(message);
    }
}
