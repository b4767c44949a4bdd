package org.depositobridge.deposito;

import java.io.IOException;

/**
 * A deposito answer grew past {@code deposito.max-response-bytes} while it was being read; the connection was
 * dropped at that point. It is an {@link IOException} because it is thrown from the body's stream (HttpClient
 * then discards the connection instead of draining it), but it is not a transport failure: the deposito answered
 * with something no page of its contract can be. The pollers treat it as a contract breach (dead letter with the
 * first bytes, cycle failed), the breaker ignores it and the error policy does not retry it.
 */
public class DepositoResponseTooLargeException extends IOException {

    private final String request;
    private final long limit;
    private final byte[] head;

    public DepositoResponseTooLargeException(String request, long limit, byte[] head) {
        super("response larger than " + limit + " bytes (deposito.max-response-bytes): " + request);
        this.request = request;
        this.limit = limit;
        this.head = head;
    }

    public String request() {
        return request;
    }

    public long limit() {
        return limit;
    }

    /** The first bytes of the answer (up to the dead letters' body cap). */
    public byte[] head() {
        return head;
    }
}
