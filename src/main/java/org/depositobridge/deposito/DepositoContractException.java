package org.depositobridge.deposito;

/**
 * The deposito answered, but with something that breaks its contract: malformed JSON, a missing or mistyped
 * field, a broken invariant, a total that changed mid-sync. The sync cycle fails cleanly and the raw payload
 * goes to the dead-letter directory.
 */
public class DepositoContractException extends RuntimeException {

    private final String endpoint;
    private final String request;
    private final byte[] payload;

    public DepositoContractException(String endpoint, String request, byte[] payload, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
        this.request = request;
        this.payload = payload == null ? new byte[0] : payload;
    }

    public DepositoContractException(String endpoint, String request, byte[] payload, String message) {
        this(endpoint, request, payload, message, null);
    }

    public String endpoint() {
        return endpoint;
    }

    public String request() {
        return request;
    }

    public byte[] payload() {
        return payload;
    }
}
