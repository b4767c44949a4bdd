package org.depositobridge.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses, with the status and JSON body it answers. It carries no stack trace: refusals are
 * expected traffic (a rate-limited client may cause thousands per second) and never a fault of the bridge.
 */
public class ApiException extends RuntimeException {

    /**
     * Retry-After of a 503 {@code no_data_yet}: a first sync takes seconds (minutes for a very large deposito), and a
     * dashboard polling every 5 s neither hammers the bridge nor waits long after the data is in.
     */
    public static final long NO_DATA_RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String error;
    private final String parameter;
    private final long retryAfterSeconds;

    public ApiException(int status, String error, String parameter, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.parameter = parameter;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 for a query parameter that breaks the input rules. */
    public static ApiException invalidParameter(String parameter, String message) {
        return new ApiException(400, "invalid_parameter", parameter, message, 0);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", null, message, 0);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate_limited", null, "too many requests; retry after " + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    /** 503 while the datasets a response needs are not complete yet (first start, no warm snapshot). */
    public static ApiException noDataYet() {
        return new ApiException(503, "no_data_yet", null,
                "the first complete sync of the deposito data has not finished yet; retry after "
                        + NO_DATA_RETRY_AFTER_SECONDS + " s", NO_DATA_RETRY_AFTER_SECONDS);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** {@link #body()} as JSON text: what the {@code onException} of routeConfiguration {@code dashboard-api-errors} answers. */
    public String json() {
        return new String(ApiResponses.json(body()), StandardCharsets.UTF_8);
    }

    /** The JSON body: {@code error}, then {@code parameter} when one is at fault, then {@code message}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        body.put("message", getMessage());
        return body;
    }
}
