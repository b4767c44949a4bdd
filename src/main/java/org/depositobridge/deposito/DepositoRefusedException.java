package org.depositobridge.deposito;

import java.util.Map;

import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The deposito's business answer outside 2xx that is not a sign of trouble (400 {@code stock_insuficiente},
 * 401, 403, 404, 422 ...). It is an {@link HttpOperationFailedException}, so the error policy and the callers
 * treat it exactly as before; its own class lets the circuit breaker ignore it ({@code ignoreException} in
 * routes/deposito-call.camel.yaml): refused lines must not cut every poller off.
 */
public class DepositoRefusedException extends HttpOperationFailedException {

    public DepositoRefusedException(String uri, int statusCode, String statusText, String location,
            Map<String, String> responseHeaders, String responseBody) {
        super(uri, statusCode, statusText, location, responseHeaders, responseBody);
    }
}
