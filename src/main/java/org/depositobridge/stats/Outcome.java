package org.depositobridge.stats;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/** How one attempt to the deposito ended. Labels are lower snake case ({@code http_5xx}). */
public enum Outcome {
    SUCCESS,
    HTTP_4XX,
    HTTP_5XX,
    TIMEOUT,
    IO_ERROR,
    CIRCUIT_OPEN,
    REJECTED;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    /** False for outcomes decided before any request was sent; their latency is not recorded. */
    public boolean wentOnTheWire() {
        return this != CIRCUIT_OPEN && this != REJECTED;
    }

    /**
     * Classifies a finished HTTP attempt from its exception (if any) or else its response status.
     * Timeouts of every kind HttpClient 5 raises (read, connect, pool lease) are {@link #TIMEOUT}; any other I/O
     * failure (refused, reset, DNS) is {@link #IO_ERROR}. A status of 300 and more without an exception (a route
     * with {@code throwExceptionOnFailure=false}) is classed by its hundreds; anything else counts as success.
     */
    public static Outcome classify(Throwable failure, Integer status) {
        Throwable t = failure;
        // the HTTP exception may arrive wrapped (e.g. by a processor or the circuit breaker)
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof HttpOperationFailedException h) {
                return ofStatus(h.getStatusCode());
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectTimeoutException
                    || t instanceof ConnectionRequestTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof IOException) {
                return IO_ERROR;
            }
        }
        if (failure != null) {
            return IO_ERROR;
        }
        return status == null ? SUCCESS : ofStatus(status);
    }

    static Outcome ofStatus(int status) {
        if (status >= 500) {
            return HTTP_5XX;
        }
        if (status >= 300) {
            // 3xx are not followed by the bridge's client: treat as a client-side problem, not success
            return HTTP_4XX;
        }
        return SUCCESS;
    }
}
