package org.depositobridge.deposito;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code deposito-call} routes need from Java (bean {@code depositoCalls}): the status check after the
 * HTTP step, the deadline check before it, and the retry decisions of {@code routes/deposito-error-policy.camel.yaml}.
 * The request itself is built by the route (routes/deposito-call.camel.yaml).
 *
 * <p>A call is described by headers set by the caller: {@link #PATH} (for example {@code /productos}),
 * {@link #QUERY} (already encoded), {@link #METHOD} (GET when absent), plus the exchange property
 * {@code depositoEndpoint} (the stats group).
 */
public class DepositoCalls {

    public static final String PATH = "depositoPath";
    public static final String QUERY = "depositoQuery";
    public static final String METHOD = "depositoMethod";
    /** Exchange property naming the endpoint group (productos, critical, movements, stock_update). */
    public static final String ENDPOINT = "depositoEndpoint";
    /**
     * Request header carrying the cycle's deadline (epoch ms) down to {@link DepositoResponseCap}, which removes it
     * before the request leaves and cuts an answer still arriving at the deadline.
     */
    public static final String DEADLINE_HEADER = "X-Bridge-Cycle-Deadline";
    /**
     * Exchange property: where {@link #failOnStatus} leaves a business refusal for {@link #rethrowRefusal}. Camel's
     * breaker treats an exception of its {@code ignoreException} list as a success and drops it; the breaker's
     * copy of the exchange shares this holder with the caller, so the refusal survives the breaker.
     */
    public static final String REFUSAL = "depositoRefusal";

    private static final Logger LOG = LoggerFactory.getLogger(DepositoCalls.class);

    private final DepositoTargetRef target;
    private final DepositoToken token;
    private final long retryAfterCapMillis;

    public DepositoCalls(DepositoTargetRef target, DepositoToken token, long retryAfterCapMillis) {
        this.target = target;
        this.token = token;
        this.retryAfterCapMillis = retryAfterCapMillis;
    }

    /**
     * A fresh holder for this call's business refusal (exchange property {@link #REFUSAL}, set by the
     * {@code deposito-call} route), so a refusal of an earlier call on the same exchange cannot resurface.
     */
    public AtomicReference<HttpOperationFailedException> newRefusalSlot() {
        return new AtomicReference<>();
    }

    /**
     * Inside the circuit breaker, after the HTTP call (which does not throw on a status): an answer outside 2xx
     * fails the call with the exception camel-http would have thrown. A deposito in trouble (5xx, 429) gets a
     * plain {@link HttpOperationFailedException}, which the breaker counts; any other status is a business answer,
     * a {@link DepositoRefusedException}, which the breaker ignores. Thrown inside the breaker, both leave the
     * request message as it was, so a retry (a 401's re-authentication) sends the same request again.
     */
    public void failOnStatus(Exchange exchange) throws HttpOperationFailedException {
        int s = responseCode(exchange);
        if (s < 300) {
            return;
        }
        var msg = exchange.getMessage();
        String uri = msg.getHeader(Exchange.HTTP_URI, String.class) + msg.getHeader(Exchange.HTTP_PATH, "", String.class);
        String query = msg.getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null && !query.isEmpty()) {
            uri = uri + "?" + query;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Retry-After", "Location", "Content-Type")) {
            String v = msg.getHeader(name, String.class);
            if (v != null) {
                headers.put(name, v);
            }
        }
        String text = msg.getHeader(Exchange.HTTP_RESPONSE_TEXT, String.class);
        String body = msg.getBody(String.class);
        if (s >= 500 || s == 429) {
            throw new HttpOperationFailedException(uri, s, text, headers.get("Location"), headers, body);
        }
        DepositoRefusedException refused = new DepositoRefusedException(uri, s, text, headers.get("Location"), headers,
                body);
        AtomicReference<HttpOperationFailedException> slot = refusalSlot(exchange);
        if (slot != null) {
            slot.set(refused);
        }
        throw refused;
    }

    /**
     * After the breaker: a business refusal the breaker ignored (and so dropped) fails the call here, with the
     * request message intact for a retry (a 401's re-authentication).
     */
    public void rethrowRefusal(Exchange exchange) throws HttpOperationFailedException {
        AtomicReference<HttpOperationFailedException> slot = refusalSlot(exchange);
        HttpOperationFailedException refused = slot == null ? null : slot.getAndSet(null);
        if (refused != null) {
            throw refused;
        }
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<HttpOperationFailedException> refusalSlot(Exchange exchange) {
        return exchange.getProperty(REFUSAL, AtomicReference.class);
    }

    private static int responseCode(Exchange exchange) {
        Integer s = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return s == null ? 200 : s;
    }

    /** First step of every attempt: a cycle past its deadline starts no more calls (nor retries). */
    public void checkDeadline(Exchange exchange) throws DepositoCycleTimeoutException {
        Long deadline = exchange.getMessage().getHeader(DEADLINE_HEADER, Long.class);
        if (deadline != null && System.currentTimeMillis() > deadline) {
            throw new DepositoCycleTimeoutException("cycle deadline passed before "
                    + exchange.getMessage().getHeader(METHOD, "GET", String.class) + " "
                    + exchange.getMessage().getHeader(PATH, String.class));
        }
    }

    /** onRedelivery of a 401: mint a new token and send it with the retry. */
    public void reauthenticate(Exchange exchange) {
        token.invalidate();
        exchange.getMessage().setHeader("Authorization", token.authorization());
        LOG.warn("event=deposito_reauth endpoint={} reason=401", exchange.getProperty(ENDPOINT));
    }

    public boolean unauthorized(Exchange exchange) {
        return status(exchange) == 401;
    }

    /**
     * I/O errors, timeouts, 5xx and 429 are worth another try; other 4xx, an open circuit and an oversize answer
     * (the same endless page again) and a cycle past its deadline are not.
     */
    public boolean retryable(Exchange exchange) {
        Throwable e = cause(exchange);
        if (e instanceof HttpOperationFailedException h) {
            int s = h.getStatusCode();
            return s >= 500 || s == 429;
        }
        if (e instanceof CallNotPermittedException || e instanceof DepositoResponseTooLargeException
                || e instanceof DepositoCycleTimeoutException) {
            return false;
        }
        return e instanceof IOException || e instanceof TimeoutException;
    }

    /**
     * onExceptionOccurred: when the deposito said how long to wait (429/503 {@code Retry-After} in seconds),
     * wait that long, capped; otherwise let the exponential back-off with jitter decide.
     */
    public void retryAfter(Exchange exchange) {
        var msg = exchange.getMessage();
        msg.removeHeader(Exchange.REDELIVERY_DELAY);
        if (cause(exchange) instanceof HttpOperationFailedException h && (h.getStatusCode() == 429 || h.getStatusCode() == 503)) {
            Long seconds = parseRetryAfter(h.getResponseHeaders());
            if (seconds != null) {
                msg.setHeader(Exchange.REDELIVERY_DELAY, Math.min(seconds * 1000, retryAfterCapMillis));
            }
        }
    }

    static Long parseRetryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
                try {
                    long s = Long.parseLong(h.getValue().trim());
                    return s < 0 ? null : s;
                } catch (NumberFormatException e) {
                    return null; // an HTTP date: fall back to the back-off policy
                }
            }
        }
        return null;
    }

    private static int status(Exchange exchange) {
        return cause(exchange) instanceof HttpOperationFailedException h ? h.getStatusCode() : -1;
    }

    static Throwable cause(Exchange exchange) {
        Throwable e = exchange.getException();
        if (e == null) {
            e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        // the circuit breaker may wrap the HTTP failure
        while (e != null && !(e instanceof HttpOperationFailedException) && !(e instanceof IOException)
                && !(e instanceof DepositoContractException)
                && !(e instanceof TimeoutException)
                && !(e instanceof CallNotPermittedException)
                && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
